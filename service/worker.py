"""The gunicorn worker class: gthread, except that gunicorn's own error answers (a malformed
request line, headers or chunked body; a request line or headers over the limits) are RFC 9457
problems like every other error, instead of gunicorn's HTML page."""
from __future__ import annotations

import json
import uuid

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

from .api.problems import HTTP_SLUGS, PROBLEMS

# gunicorn answers 400, 414, 431 and 500 itself (gunicorn.workers.base.Worker.handle_error);
# a status with no slug becomes about:blank
_SLUGS = {**HTTP_SLUGS, 500: "internal-error"}


def problem_bytes(status: int, reason: str, detail: str) -> bytes:
    """A whole HTTP/1.1 response: the problem for `status`, and the connection closes."""
    slug = _SLUGS.get(status)
    body = json.dumps({"type": f"/docs#{slug}" if slug else "about:blank",
                       "title": PROBLEMS[slug][1] if slug else reason, "status": status,
                       "detail": detail or reason, "instance": "", "request_id": uuid.uuid4().hex}).encode() + b"\n"
    head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


def write_problem(sock, status_int: int, reason: str, mesg: str) -> None:
    util.write_nonblock(sock, problem_bytes(status_int, reason, mesg))


class Worker(ThreadWorker):
    def init_process(self) -> None:
        # gunicorn's Worker.handle_error renders every answer of its own with util.write_error.
        util.write_error = write_problem
        super().init_process()
