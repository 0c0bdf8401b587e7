#!/usr/bin/env python3
"""Seed corpora for Scripts/fuzz.sh: one folder per target under the given folder."""
import json, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = sys.argv[1]
pages = []
for folder in ["specs", "Tests/Snippets/specs", "Tests/Torture/specs", "Tests/Cloud/specs", "Tests/Diff/editions/base"]:
    for base, _, files in os.walk(os.path.join(root, folder)):
        for name in sorted(files):
            if name.endswith((".html", ".htm", ".dita", ".xml")):
                pages.append(os.path.join(base, name))

def write(target, index, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, "seed-%04d" % index), "wb") as handle:
        handle.write(data)

examples = []
for index, page in enumerate(pages):
    data = open(page, "rb").read()
    write("pages", index, (b"\x01" if page.endswith((".dita", ".xml")) else b"\x00") + data)
    for block in re.findall(rb"<pre[^>]*>(.*?)</pre>", data, re.S):
        text = re.sub(rb"<[^>]+>", b"", block).replace(b"&quot;", b'"').replace(b"&lt;", b"<").replace(b"&gt;", b">").replace(b"&amp;", b"&")
        start = text.find(b"{")
        if start >= 0:
            examples.append(text[start:])
for index, example in enumerate(examples):
    write("json", index, example)
    write("decode", index, example)
    write("signature", index, b"Content-Type: application/json\nX-Lang: en\n\n" + example)
    write("mock", index, b"POST /rest/cmsapp/v1/openapi/calldata/querydetailcallinfo HTTP/1.1\nContent-Type: application/json\nHost: 127.0.0.1:8080\n\n" + example)
