"""The HTTP routes. Each view's docstring, after `---`, is its OpenAPI operation (see spec.py)."""
from __future__ import annotations

import json
import logging

from flask import Blueprint, Response, current_app, g, jsonify, render_template, request
from marshmallow import Schema, ValidationError

from .. import __version__, metrics
from ..engine import DeadlineExceeded
from . import demo, docs as docs_page
from .problems import PROBLEMS, Problem, too_large_detail
from .schemas import QuoteOptionsSchema, QuoteRequestSchema, dump_extraction

log = logging.getLogger("service.api")
bp = Blueprint("api", __name__, template_folder="templates")
bp.add_app_template_filter(docs_page.code)
bp.register_blueprint(demo.bp)


def runner():
    return current_app.extensions["quote_engine"]


@bp.post("/v1/quotes")
def quotes():
    """Find the quotes in one article, with their speakers and cues.
    ---
    post:
      summary: Find the quotes in one article
      description: >-
        Send the article as a JSON object (`{"text": ...}`) or as the raw body (`text/plain`,
        UTF-8). Options go in the query string for either kind of body; in a JSON body they may
        also be fields, which win. Unknown JSON fields and unknown query parameters are rejected
        (422). All offsets index into exactly the text received: Python code points by default
        (`offsets=codepoint`), UTF-16 code units with `offsets=utf16`; `meta.offsets` says which.
        A quote's `start`/`end` include its quotation marks; its `text` is the words inside them.
      parameters:
      - in: query
        schema: QuoteOptionsSchema
      requestBody:
        required: true
        content:
          application/json:
            schema: QuoteRequestSchema
          text/plain:
            schema:
              type: string
              minLength: 1
              description: The article itself, UTF-8 (charset, if given, must be utf-8).
      responses:
        200:
          description: Every quote found, in text order, and the speakers they are attributed to.
          content:
            application/json:
              schema: QuoteResponseSchema
        400: Problem400
        413: Problem413
        415: Problem415
        422: Problem422
        500: Problem500
        503: Problem503
    """
    deadline = g.start + current_app.config["REQUEST_TIMEOUT"]
    options = _load(QuoteOptionsSchema(), request.args.to_dict())
    if request.mimetype == "application/json":
        body = _load(QuoteRequestSchema(), _parse_json(_decode(read_body())))
    elif request.mimetype == "text/plain":
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            raise Problem("unsupported-media-type", f"text/plain; charset={charset} is not supported: re-encode "
                          f"the text as UTF-8 (e.g. iconv -f {charset} -t utf-8) and send charset=utf-8.")
        body = _load(QuoteRequestSchema(), {"text": _decode(read_body())})
    else:
        raise Problem("unsupported-media-type",
                      f"Content-Type {request.mimetype or '(none)'} is not supported: send application/json "
                      "({\"text\": ...}) or text/plain; charset=utf-8 (the article itself).")
    text = body.pop("text")
    options.update(body)
    try:
        extraction = runner().extract(text, include_nonspeech=options["include_nonspeech"], deadline=deadline)
    except DeadlineExceeded as exc:
        raise Problem("deadline-exceeded", f"{exc} ({current_app.config['REQUEST_TIMEOUT']:g} s).",
                      headers={"Retry-After": "1"}) from exc
    metrics.ARTICLES.inc()
    metrics.QUOTES.inc(len(extraction.quotes))
    return jsonify(dump_extraction(extraction, text, options["offsets"]))


def read_body() -> bytes:
    """The whole request body, or 413. Werkzeug checks Content-Length against MAX_CONTENT_LENGTH,
    but its limited stream stops a chunked body silently at the limit: read past it to tell."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None or "wsgi.input_terminated" not in request.environ:
        data = request.get_data(cache=False)  # raises 413 when Content-Length is over the limit
    else:
        stream, data = request.environ["wsgi.input"], bytearray()
        while chunk := stream.read(64 * 1024):
            data += chunk
            if len(data) > limit:
                raise Problem("body-too-large", too_large_detail(f"over {limit} bytes (sent chunked, "
                                                                 "without Content-Length)"))
    g.bytes_in = len(data)
    if request.content_length is not None and len(data) < request.content_length:  # gunicorn hands on a short body
        raise Problem("bad-request", f"The body ended after {len(data)} of the {request.content_length} bytes "
                                     "its Content-Length announced.")
    return bytes(data)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem("invalid-utf8", f"The body is not valid UTF-8: byte {exc.start} ({exc.reason})."
                      + _encoding_hint(data)) from None


def _encoding_hint(data: bytes) -> str:
    """What the body looks like when it is not UTF-8, and how to convert it; "" when unsure."""
    head = data[:1000]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(0) > len(head) // 4:
        return " It looks like UTF-16: convert it to UTF-8 first (e.g. iconv -f utf-16 -t utf-8)."
    try:
        legacy = data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    if any(ch < " " and ch not in "\t\n\r" for ch in legacy):
        return ""  # binary, not a legacy text encoding
    return " It looks like Latin-1 or Windows-1252: convert it to UTF-8 first (e.g. iconv -f cp1252 -t utf-8)."


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _parse_json(text: str):
    if not text.strip():
        raise Problem("malformed-json", 'The body is empty: send a JSON object such as {"text": "..."}, or the '
                                        "article itself as text/plain.")
    try:
        return json.loads(text.removeprefix("\ufeff"), parse_constant=_reject_constant)  # a UTF-8 BOM may lead
    except RecursionError:
        raise Problem("malformed-json", "The body is not valid JSON: nested too deeply.") from None
    except ValueError as exc:  # JSONDecodeError, NaN/Infinity, integers over Python's digit limit
        hint = _encoding_hint(text.encode("utf-8")) if "\x00" in text else ""
        raise Problem("malformed-json", f"The body is not valid JSON: {exc}.{hint}") from None


def _load(schema: Schema, data) -> dict:
    try:
        return schema.load(data)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        if "_schema" in messages:
            detail = "The body must be a JSON object."
        else:
            detail = "; ".join(f"{field}: {' '.join(map(str, msgs))}" for field, msgs in messages.items())
        raise Problem("validation-error", detail, errors=messages) from None


@bp.get("/healthz")
def healthz():
    """Liveness: the process answers.
    ---
    get:
      summary: Liveness probe
      responses:
        200:
          description: The process is alive.
          content:
            application/json:
              schema: StatusSchema
    """
    return {"status": "ok"}


@bp.get("/readyz")
def readyz():
    """Readiness: the models are loaded and answer a tiny parse.
    ---
    get:
      summary: Readiness probe
      description: >-
        Never waits for the engine: a worker busy with an article is ready; an idle one runs a tiny
        parse through the engine.
      responses:
        200:
          description: Ready to take requests.
          content:
            application/json:
              schema: StatusSchema
        503: Problem503
    """
    try:
        ready = runner().ready()
    except Exception:
        log.exception("readiness check failed")
        ready = False
    if not ready:
        raise Problem("not-ready", "The engine did not answer its readiness check.")
    return {"status": "ready"}


@bp.get("/metrics")
def prometheus_metrics():
    """Prometheus metrics of all workers.
    ---
    get:
      summary: Prometheus metrics
      responses:
        200:
          description: Prometheus text exposition format.
          content:
            text/plain:
              schema:
                type: string
    """
    data, content_type = metrics.render()
    return Response(data, content_type=content_type)


@bp.get("/openapi.yaml")
def openapi():
    """This service's OpenAPI contract.
    ---
    get:
      summary: The OpenAPI document
      responses:
        200:
          description: OpenAPI 3.1, YAML.
          content:
            application/yaml:
              schema:
                type: object
                description: This OpenAPI document.
    """
    from .spec import spec_yaml

    if "openapi_yaml" not in current_app.extensions:
        current_app.extensions["openapi_yaml"] = spec_yaml(current_app)
    return Response(current_app.extensions["openapi_yaml"], mimetype="application/yaml")


@bp.get("/")
def index():
    """Where to go from here.
    ---
    get:
      summary: Index of the service's endpoints
      responses:
        200:
          description: Names the endpoints, the contract and the docs.
          content:
            application/json:
              schema:
                type: object
    """
    return {"service": "quote-attribution", "version": __version__, "openapi": "/openapi.yaml",
            "docs": "/docs", "demo": "/demo", "endpoints": {rule: summary for rule, summary in _ENDPOINTS}}


@bp.get("/docs")
def docs():
    """Human-readable documentation.
    ---
    get:
      summary: Documentation page
      responses:
        200:
          description: An HTML page; problem types link to its rows.
          content:
            text/html:
              schema:
                type: string
    """
    return render_template("docs.html", version=__version__, endpoints=_ENDPOINTS, problems=PROBLEMS,
                           **docs_page.context())


_ENDPOINTS = [
    ("POST /v1/quotes", "find the quotes, speakers and cues in one article (JSON or text/plain body)"),
    ("GET /healthz", "liveness: the process answers"),
    ("GET /readyz", "readiness: the models are loaded and answer (503 otherwise)"),
    ("GET /metrics", "Prometheus metrics"),
    ("GET /openapi.yaml", "the OpenAPI 3.1 contract"),
    ("GET /docs", "how to call the service and read its answer (HTML)"),
    ("GET /demo", "paste an article and see its quotes marked (HTML)"),
]
