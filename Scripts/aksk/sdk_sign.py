#!/usr/bin/env python3
"""Signs requests with the vendor's own AK/SK signer, huaweicloudsdkcore.signer (SDK-HMAC-SHA256), as an independent
oracle for CMSKit's Swift signer (`CMSAKSKSigner`).

Reads a JSON list of requests from the file named as its argument (standard input without one):
    [{"method": "GET", "host": "gzs.example.com", "path": "/v2/p/gizmos", "query": [["limit", "10"]],
      "headers": {"X-Sdk-Date": "20261206T000000Z", "Content-Type": "application/json"}, "body": "…",
      "ak": "AK", "sk": "SK"}, …]
and prints a JSON list with, for each, the headers the SDK adds or sets ("Authorization", "X-Sdk-Date",
"X-Sdk-Content-Sha256" when it adds one). A fixed X-Sdk-Date makes the signature deterministic.
"""
import json
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer


def sign(item):
    request = SdkRequest(
        method=item["method"],
        schema="https",
        host=item["host"],
        resource_path=item["path"],
        uri=item["path"],
        query_params=[tuple(pair) for pair in item.get("query", [])],
        header_params=dict(item.get("headers", {})),
        body=item.get("body", "").encode("utf-8"),
    )
    signed = Signer(BasicCredentials(item["ak"], item["sk"])).sign(request)
    headers = signed.header_params
    wanted = ("Authorization", "X-Sdk-Date", "X-Sdk-Content-Sha256")
    return {name: headers[name] for name in wanted if name in headers}


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as file:
            requests = json.load(file)
    else:
        requests = json.load(sys.stdin)
    json.dump([sign(item) for item in requests], sys.stdout, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
