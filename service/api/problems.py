"""RFC 9457 problem details: every error the service answers is application/problem+json.

A problem's `type` is a relative URI, `/docs#<slug>`, that resolves to the error table of the
service's own docs page.
"""
from __future__ import annotations

import json
import logging

from flask import Blueprint, Response, current_app, g, request
from gunicorn.http.errors import NoMoreData, ParseException
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

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
_HTTP_SLUGS = {400: "bad-request", 404: "not-found", 405: "method-not-allowed", 413: "body-too-large",
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
    response = Response(json.dumps(body, ensure_ascii=False), status, mimetype=MEDIA_TYPE)
    response.headers.extend(headers or {})
    return response


bp = Blueprint("problems", __name__)


@bp.app_errorhandler(Problem)
def _problem(exc: Problem) -> Response:
    return problem_response(exc.slug, exc.detail, headers=exc.headers, **exc.extra)


@bp.app_errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> Response:
    detail = exc.description or exc.name
    if isinstance(exc, RequestEntityTooLarge):
        detail = f"The request body is larger than the limit of {current_app.config['MAX_CONTENT_LENGTH']} bytes."
    headers = [(k, v) for k, v in exc.get_headers() if k.lower() not in ("content-type", "content-length")]
    if exc.code in _HTTP_SLUGS:
        return problem_response(_HTTP_SLUGS[exc.code], detail, headers)
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
