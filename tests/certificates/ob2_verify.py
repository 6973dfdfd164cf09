"""Run 1EdTech's Open Badges 2.0 validator offline (executed by .venv-openbadges/bin/python).

The validator fetches the Open Badges JSON-LD context from w3id.org on every run. Test machines
have no internet, so that one URL is answered from the copy the validator package ships itself
(``openbadges_context.OPENBADGES_CONTEXT_V2_DICT``); every other URL (the assertion, badge class,
issuer and image on the live server) is fetched for real.

Usage: python ob2_verify.py URL  -> prints the validator's JSON report
"""
import json
import sys

import requests
from requests.adapters import HTTPAdapter

from openbadges import verify
from openbadges.verifier.openbadges_context import OPENBADGES_CONTEXT_V2_DICT, OPENBADGES_CONTEXT_V2_URI

OFFLINE = {OPENBADGES_CONTEXT_V2_URI: OPENBADGES_CONTEXT_V2_DICT,
           "https://w3id.org/openbadges/v2": OPENBADGES_CONTEXT_V2_DICT}
_send = HTTPAdapter.send


def send(self, request, **kwargs):
    if request.url in OFFLINE:
        response = requests.Response()
        response.status_code, response.url, response.request = 200, request.url, request
        response._content = json.dumps(OFFLINE[request.url]).encode()
        response.headers["Content-Type"] = "application/ld+json"
        response.encoding = "utf-8"
        return response
    return _send(self, request, **kwargs)


HTTPAdapter.send = send

if __name__ == "__main__":
    print(json.dumps(verify(sys.argv[1]), default=str))
