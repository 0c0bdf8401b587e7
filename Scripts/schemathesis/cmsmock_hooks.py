"""Schemathesis hooks for testing the local CC-CMS (`cmsmock`) through the project's own OpenAPI export:

    SCHEMATHESIS_HOOKS=cmsmock_hooks PYTHONPATH=Scripts/schemathesis CMS_AK=... CMS_SK=... \
        schemathesis run openapi.json --url http://127.0.0.1:PORT -H "Authorization: c2-sign" ...

1. Every request is signed with C2 (auth-v2), as auth.md describes. The module wraps `requests.Session.send`, so that what is signed is the request as it
goes out: its final path, query and body bytes. Only requests whose Authorization header is the marker `c2-sign` are
signed, so that schemathesis's own checks of missing or wrong credentials still send them.
2. Two failures schemathesis reports are CC-CMS's conventions, and only those are filtered out (`filter_failure`):
   - invalid data answered with the success status and the envelope's invalid-parameter result code (`0100002`),
     which is how CC-CMS refuses a request, is refused data, not accepted data;
   - 415 for a request sent without `Content-Type: application/json`, which every page makes mandatory.
`python3 Scripts/schemathesis/cmsmock_hooks.py` checks the signer against auth.md's three test vectors.
"""
import hashlib
import hmac
import json
import os
import sys
import time
from urllib.parse import unquote, urlsplit


def enc(text):
    safe = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    return "".join(chr(byte) if byte in safe else "%%%02X" % byte for byte in text.encode("utf-8"))


def hmac_hex(key, message):
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def authorization(method, path, query, headers, body, ak, sk, timestamp):
    """The Authorization header for a request; `query` is a list of (name, value), `headers` the signed ones."""
    signed = ";".join(sorted(name.lower() for name in headers))
    prefix = "auth-v2/%s/%s/%s" % (ak, timestamp, signed)
    key = hmac_hex(sk, prefix)
    lines = [method.upper(), path]
    if query:
        lines.append("&".join(sorted("%s=%s" % (enc(k), enc(v)) for k, v in query)))
    lines.append(signed)
    canonical_headers = "\n".join(sorted("%s:%s" % (enc(name.lower()), enc(value)) for name, value in headers.items()))
    # The headers end with a line break even when there is no body (auth.md's third vector).
    canonical = "\n".join(lines) + "\n" + canonical_headers + "\n" + enc(body)
    return "%s/%s" % (prefix, hmac_hex(key, canonical))


def self_test():
    ak, sk, stamp, host = "globalaktest", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "2024-10-31T14:06:52Z", "10.22.26.181:28080"
    path = "/rest/cmsapp/v1/openapi/vdn/queryaccesscodeinfo"
    body = '{"ccId":1,"vdn":170}'
    first = authorization("POST", path, [], {"host": host}, body, ak, sk, stamp)
    assert first.endswith("/host/71b0a1c8dce6f27d64670f4e7ccee193aa25e11bc3f6b3883d5732283599f7a2"), first
    second = authorization("POST", path, [], {"host": host, "content-length": "20", "content-type": "application/json;charset=UTF-8"}, body, ak, sk, stamp)
    assert second.endswith("/e97ce264690b40cea7fa4dc01ef140020d526a995232b16b1ad88ff2cbc93451"), second
    third = authorization("GET", "/rest/cmsapp/v1/openapi/configures/calledconfigs/1/170", [("a", ""), ("b", "x y")], {"host": host}, "", ak, sk, stamp)
    assert third.endswith("/0e8c1a67e40a4a040a46913aa70bb597aae1485646c24e5ac2ee417efbe2a759"), third
    print("cmsmock_hooks: auth.md's three vectors reproduce")


# Requests that carry this Authorization value are signed; the checks that send none or a wrong one are left alone.
MARKER = "c2-sign"


def sign_prepared(request):
    """Signs a `requests.PreparedRequest` as it will go out: its method, path, query, host and exact body bytes."""
    if request.headers.get("Authorization") != MARKER:
        return
    url = urlsplit(request.url)
    query = [tuple(unquote(part) for part in (item.split("=", 1) + [""])[:2]) for item in url.query.split("&") if item]
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    request.headers["Authorization"] = authorization(
        request.method, url.path, query, {"host": url.netloc}, body.decode("utf-8", "replace"),
        os.environ["CMS_AK"], os.environ["CMS_SK"], time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )


try:
    import requests
except ImportError:  # the self-test needs neither requests nor schemathesis
    requests = None

if requests is not None and "CMS_AK" in os.environ:
    # Schemathesis sends through requests; every request is signed on its way out, after it is serialized.
    original_send = requests.Session.send

    def signed_send(self, request, **kwargs):
        sign_prepared(request)
        return original_send(self, request, **kwargs)

    requests.Session.send = signed_send


INVALID_PARAMETER = "0100002"


def refused_as_cc_cms_refuses(case, response):
    """A 200 whose envelope carries the invalid-parameter result code."""
    envelope = (getattr(case.operation, "definition", None) and case.operation.definition.raw.get("x-cms-envelope")) or {}
    names = [code.get("name") for code in envelope.get("codes", [])] or ["resultCode"]
    try:
        body = response.json()
    except Exception:
        return False
    return response.status_code == 200 and isinstance(body, dict) and body.get(names[0]) == INVALID_PARAMETER


def sent_without_json_content_type(response):
    request = getattr(response, "request", None)
    value = (request.headers.get("Content-Type") if request is not None else None) or ""
    return not value.lower().startswith("application/json")


try:
    import schemathesis
except ImportError:
    schemathesis = None

if schemathesis is not None:

    @schemathesis.hook
    def filter_failure(context, failure, case, response):
        if failure.code == "ST201" and refused_as_cc_cms_refuses(case, response):
            return False
        if failure.code == "ST103" and response.status_code == 415 and sent_without_json_content_type(response):
            return False
        return True


if __name__ == "__main__":
    self_test()
    sys.exit(0)
