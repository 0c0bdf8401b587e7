#!/usr/bin/env python3
"""Writes bad/deep-nesting.html: a complete interface page whose response tables sit inside more than 300 nested
<div> elements. libxml2's HTML parser stops building the tree at depth 256, so a reader that trusts it would silently
lose the response (and everything after it); the generator must reject the page with a diagnostic instead.

The output is committed; run this script only to change the page:  python3 Tests/Torture/make-deep-nesting.py
"""
import os

DEPTH = 320
TOPIC = "EN-US_TOPIC_0000009000000901"


def cell(text):
    return f'<td><p>{text}</p>\n</td>\n'


def table(tid, number, caption, header, rows):
    s = f'<div class="tablenoborder"><a name="{tid}"></a><table cellpadding="4" cellspacing="0" summary="" id="{TOPIC}__{tid}" frame="border" border="1" rules="all">'
    s += f"<caption><b>Table {number} </b>{caption}</caption><thead align=\"left\"><tr>"
    s += "".join(f'<th align="left"><p>{h}</p>\n</th>\n' for h in header)
    s += "</tr>\n</thead>\n<tbody>"
    for row in rows:
        s += "<tr>" + "".join(cell(c) for c in row) + "</tr>\n"
    return s + "</tbody>\n</table>\n</div>\n"


REQ = ["No.", "Parameter", "Value Type", "Mandatory", "Description"]
RESP = ["No.", "Parameter", "Value Type", "Description"]

page = f"""<a name="{TOPIC}"></a><a name="en-us_topic_0700000901"></a>

<h1 class="topictitle1">Querying the Queue Summary of a Deeply Wrapped Page</h1>
<div id="body4410023"><p>Updated on 2024-03-11 GMT+08:00</p>
<div class="section" id="{TOPIC}__section1"><h4 class="sectiontitle">Scenario</h4><p>This interface returns a summary of the queues of a call center. On this page the response tables are wrapped in {DEPTH} nested div elements, deeper than the HTML parser of libxml2 follows.</p>
</div>
<div class="section" id="{TOPIC}__section2"><h4 class="sectiontitle">Interface Method</h4><p>The request method must be set to POST. Requests that use another method are refused.</p>
</div>
<div class="section" id="{TOPIC}__section3"><h4 class="sectiontitle">Request URL</h4><p>https://ip:port/rest/cmsapp/v1/openapi/torture/deepnesting</p>
<p>In the URL, ip is the address of the NSLB server and port is the HTTPS port on which the NSLB exposes the CC-CMS service.</p>
</div>
<div class="section" id="{TOPIC}__section4"><h4 class="sectiontitle">Request Description</h4>"""
page += table("table1", 1, "Parameters in the request header", REQ, [
    ["1", "Content-Type", "String", "Yes", "The value is fixed at application/json; charset=UTF-8."],
    ["2", "Authorization", "String", "Yes", 'Signature of the request. How it is computed is described in <a href="tort_00_0003.html">C2 Interface Authentication</a>.'],
])
page += table("table2", 2, "Parameters in the request body", REQ, [
    ["1", "ccId", "Integer", "Yes", "Identifier of the call center. The value ranges from 1 to 65535."],
])
page += f'</div>\n<div class="section" id="{TOPIC}__section5"><h4 class="sectiontitle">Response Description</h4>\n'
page += "".join(f'<div class="wrap{i % 10}">' for i in range(DEPTH)) + "\n"
page += table("table3", 3, "Parameters in the response body", RESP, [
    ["1", "resultCode", "String", "Result of the call. The options are as follows:</p><ul><li>0100000: the call succeeded</li><li>Other values: the call failed</li></ul><p>"],
    ["2", "resultDesc", "Object", f'Summary of the queues. For details, see <a href="#{TOPIC}__table4">Table 4</a>.'],
])
page += table("table4", 4, "Parameters of resultDesc", RESP, [
    ["2.1", "queues", "Integer", "Number of skill queues of the call center."],
    ["2.2", "waiting", "Integer", "Number of calls waiting in all queues together."],
])
page += "</div>" * DEPTH + "\n</div>\n"
page += f"""<div class="section" id="{TOPIC}__section6"><h4 class="sectiontitle">Message Example</h4><ul><li>Request header<pre class="screen">Content-Type: application/json;charset=UTF-8
Authorization: ******************</pre>
</li>
<li>Request parameters<pre class="screen">{{
    "ccId": 1
}}</pre>
</li>
<li>Response parameters<pre class="screen">{{
    "resultCode": "0100000",
    "resultDesc": {{
        "queues": 12,
        "waiting": 3
    }}
}}</pre>
</li>
</ul>
</div>
</div>
<div>
<div class="familylinks">
<div class="parentlink"><strong>Parent topic:</strong> <a href="tort_00_0001.html">Torture Interfaces</a></div>
</div>
</div>
"""

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad", "deep-nesting.html")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    f.write(page)
print(f"wrote {out} ({DEPTH} nested divs)")
