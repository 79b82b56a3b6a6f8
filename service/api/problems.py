"""RFC 9457 problem details: every error the service answers is application/problem+json.

A problem's `type` is a relative URI, `/docs#<slug>`, that resolves to the error table of the
service's own docs page.
"""
from __future__ import annotations

import json
import logging

from flask import Blueprint, Response, current_app, g, request
from gunicorn.http.errors import NoMoreData, ParseException
from werkzeug.exceptions import HTTPException

log = logging.getLogger("service.api")
MEDIA_TYPE = "application/problem+json"

# slug -> (status, title, when); the docs page and README render this table.
PROBLEMS = {
    "malformed-json": (400, "Malformed JSON", "The body is not valid JSON."),
    "invalid-utf8": (400, "Invalid UTF-8", "The body is not valid UTF-8."),
    "bad-request": (400, "Bad Request", "The request itself is malformed (e.g. a bad header)."),
    "not-found": (404, "Not Found", "No such route."),
    "method-not-allowed": (405, "Method Not Allowed", "The route exists; the `Allow` header lists its methods."),
    "body-too-large": (413, "Content Too Large", "The body is over MAX_BODY_BYTES (chunked bodies too)."),
    "unsupported-media-type": (415, "Unsupported Media Type",
                               "Content-Type is not application/json or text/plain (UTF-8)."),
    "validation-error": (422, "Invalid Request", "Well-formed, but not a valid request: text missing, empty, "
                                                 "not a string or unpaired surrogates; body not a JSON object; "
                                                 "unknown field or option; bad option value. `errors` says which."),
    "deadline-exceeded": (503, "Deadline Exceeded", "The article took longer than REQUEST_TIMEOUT; retry later "
                                                  "or send a shorter text."),
    "not-ready": (503, "Not Ready", "The models are not loaded or do not answer (/readyz only)."),
    "overloaded": (503, "Overloaded", "Refused at once: the requests queued ahead would not leave this one time to "
                                      "finish within REQUEST_TIMEOUT; `Retry-After` is their expected time."),
    "uri-too-long": (414, "URI Too Long", "The request line is over the server's limit."),
    "headers-too-large": (431, "Request Header Fields Too Large", "The headers are over the server's limits."),
    "bad-gateway": (502, "Bad Gateway", "The front (nginx) got no answer from the service: a worker died."),
    "gateway-timeout": (504, "Gateway Timeout", "The front (nginx) waited for the service past its own timeout."),
    "internal-error": (500, "Internal Server Error", "A bug; the log has the details, the response does not."),
}
# werkzeug's exceptions (routing, body limit) by status; any other becomes "about:blank".
HTTP_SLUGS = {400: "bad-request", 404: "not-found", 405: "method-not-allowed", 413: "body-too-large",
               415: "unsupported-media-type", 414: "uri-too-long", 431: "headers-too-large"}


class Problem(Exception):
    """Raise to answer with a problem; `extra` members are added to the body."""

    def __init__(self, slug: str, detail: str, headers: dict | None = None, **extra):
        super().__init__(detail)
        self.slug, self.detail, self.headers, self.extra = slug, detail, headers or {}, extra


def problem_response(slug: str, detail: str, headers=None, **extra) -> Response:
    status, title, _ = PROBLEMS[slug]
    return _render(f"/docs#{slug}", title, status, detail, headers, extra)


def _render(type_: str, title: str, status: int, detail: str, headers, extra: dict) -> Response:
    body = {"type": type_, "title": title, "status": status, "detail": detail, "instance": request.path,
            "request_id": g.get("request_id", ""), **extra}
    response = Response(json.dumps(body, ensure_ascii=False) + "\n", status, mimetype=MEDIA_TYPE)
    response.headers.extend(headers or {})
    return response


bp = Blueprint("problems", __name__)


@bp.app_errorhandler(Problem)
def _problem(exc: Problem) -> Response:
    return problem_response(exc.slug, exc.detail, headers=exc.headers, **exc.extra)


def too_large_detail(received: str) -> str:
    """`received` says how big the body was, e.g. "3000000 bytes"."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return (f"The request body is {received}; the limit is {limit} bytes (MAX_BODY_BYTES). Send a shorter "
            "text (split a long article into parts), or raise MAX_BODY_BYTES on the server.")


# werkzeug's exceptions: a detail that says what was asked and what to do instead, by status.
def _not_found_detail(exc: HTTPException) -> str:
    return f"There is no {request.path} here: GET / lists the endpoints, /docs explains them."


def _method_detail(exc: HTTPException) -> str:
    allowed = ", ".join(sorted(set(exc.valid_methods or ()) - {"HEAD", "OPTIONS"}))
    return f"{request.path} does not take {request.method}; use {allowed}."


def _too_large_detail(exc: HTTPException) -> str:
    size = request.content_length
    return too_large_detail(f"{size} bytes" if size is not None else "too large")


_HTTP_DETAILS = {404: _not_found_detail, 405: _method_detail, 413: _too_large_detail}


@bp.app_errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> Response:
    detail = _HTTP_DETAILS[exc.code](exc) if exc.code in _HTTP_DETAILS else exc.description or exc.name
    headers = [(k, v) for k, v in exc.get_headers() if k.lower() not in ("content-type", "content-length")]
    if exc.code in HTTP_SLUGS:
        return problem_response(HTTP_SLUGS[exc.code], detail, headers)
    return _render("about:blank", exc.name, exc.code, detail, headers, {})


@bp.app_errorhandler(ParseException)
@bp.app_errorhandler(NoMoreData)
def _malformed_body(exc: Exception) -> Response:
    """gunicorn raises these while the app reads a body that breaks HTTP framing (a bad chunk
    size, a missing chunk terminator, data that stops short); it then closes the connection."""
    return problem_response("bad-request", f"The request body is malformed: {exc}.")


@bp.app_errorhandler(Exception)
def _unexpected(exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return problem_response("internal-error", "The server failed to answer this request.")
