"""HTTP for the API's readers: ETag and conditional GET (304), CORS for GET, and a short
public cache. Only for /api/v1/ (the site's pages keep their own headers)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

from .models import ApiToken
from .services import record_use

PREFIX = "/api/v1/"
PRIVATE = "/api/v1/agency/"  # the token-authenticated API: an agency's own, never cached


class ApiHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.path.startswith(PRIVATE):
            response = self.get_response(request)
            token = getattr(request, "auth", None)
            if isinstance(token, ApiToken):  # every call is in the token's log
                record_use(
                    token, method=request.method, path=request.path, status=response.status_code
                )
            response["Cache-Control"] = "no-store, private"
            return response
        if request.method == "OPTIONS":  # a CORS preflight: GET only, no credentials
            response = HttpResponse(status=204)
            self._cors(response)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, Authorization, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
            return response
        head = request.method == "HEAD"
        if head:  # HEAD is a GET without its body (the views answer GET only)
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
        if request.method not in ("GET", "HEAD"):
            return response
        self._cors(response)
        if response.status_code != 200 or response.streaming:
            return response
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        if "Cache-Control" not in response:
            response["Cache-Control"] = "public, max-age=60"
        patch_vary_headers(response, ["Accept-Language"])
        response = get_conditional_response(request, etag=etag, response=response)
        if head and response.status_code == 200:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    @staticmethod
    def _cors(response: HttpResponse) -> None:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
