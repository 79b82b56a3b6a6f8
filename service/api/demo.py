"""The demo page: paste or drop an article, see its quotes marked in the text.

Three static files, no build step and nothing from other hosts (the Content-Security-Policy says
so to the browser too). The page calls the same POST /v1/quotes as any client, with
offsets=utf16, the unit JavaScript strings are indexed in."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, send_from_directory

STATIC = Path(__file__).with_name("static")
CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:"
bp = Blueprint("demo", __name__)


def _static(name: str, mimetype: str):
    response = send_from_directory(STATIC, name, mimetype=mimetype, max_age=0)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/demo")
def page():
    """The demo page.
    ---
    get:
      summary: Demo page
      description: Paste or drop an article and see every quote marked in the text, coloured by
        speaker, with the cue underlined, a speakers panel and each quote's confidence on hover.
      responses:
        200:
          description: An HTML page (its script and style are the two routes below).
          content:
            text/html:
              schema:
                type: string
    """
    return _static("demo.html", "text/html")


@bp.get("/demo/demo.js")
def script():
    """The demo page's script.
    ---
    get:
      summary: Demo page script
      responses:
        200:
          description: JavaScript.
          content:
            text/javascript:
              schema:
                type: string
    """
    return _static("demo.js", "text/javascript")


@bp.get("/demo/demo.css")
def style():
    """The demo page's style sheet.
    ---
    get:
      summary: Demo page style sheet
      responses:
        200:
          description: CSS.
          content:
            text/css:
              schema:
                type: string
    """
    return _static("demo.css", "text/css")
