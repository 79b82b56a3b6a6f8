"""Overload and hostile clients, against the real server behind the real front (deploy/nginx.conf)
and, where gunicorn answers itself, against the server directly. bench/attack.py runs the same
attacks at full size; here a few of each, and nothing timed but "answers before a generous
timeout"."""
from __future__ import annotations

import json
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from support import SHARED, Front, Server

PROBLEM = "application/problem+json"
GENEROUS = 60  # seconds: any answer later than this is a failure, not a latency figure


@pytest.fixture(scope="module")
def server(model_dir):
    with Server(model_dir, workers=2, HOST="127.0.0.1", REQUEST_TIMEOUT="10") as server:
        yield server


@pytest.fixture(scope="module")
def front(server):
    with Front(server) as front:
        yield front


@pytest.fixture(scope="module")
def reuters() -> str:
    return (SHARED / "samples" / "reuters-mattis-gallery.txt").read_text(encoding="utf-8")


def raw(url: str, data: bytes, *, shut_write: bool = False, timeout: float = GENEROUS) -> tuple[int, dict, bytes]:
    """Send `data` as is; the status, headers and body of the answer (read until the server closes)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(data)
        if shut_write:
            sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


def assert_problem(status: int, headers: dict, body: bytes, expected: int, slug: str) -> dict:
    assert status == expected, (status, body[:300])
    assert headers["content-type"] == PROBLEM, headers
    assert body.endswith(b"\n"), body[-80:]  # as every JSON body the service writes
    problem = json.loads(body)
    assert problem["type"] == f"/docs#{slug}" and problem["status"] == expected, problem
    assert {"title", "detail", "instance", "request_id"} <= set(problem)
    return problem


CHUNKED = b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
MALFORMED_CHUNKS = {
    "bad size": CHUNKED + b"zz\r\nhello\r\n0\r\n\r\n",
    "short data": CHUNKED + b"10\r\nabc\r\n0\r\n\r\n",
    "bad terminator": CHUNKED + b"3\r\nabcXY0\r\n\r\n",
}


# Short data is the server's case only: nginx waits client_body_timeout for the rest, then closes.
@pytest.mark.parametrize("via, case", [("server", case) for case in MALFORMED_CHUNKS]
                         + [("front", case) for case in MALFORMED_CHUNKS if case != "short data"])
def test_malformed_chunked_bodies_are_400_problems(request, via, case):
    target = request.getfixturevalue(via)
    assert_problem(*raw(target.url, MALFORMED_CHUNKS[case], shut_write=via == "server"), 400, "bad-request")


def test_a_body_that_stops_short_is_a_400_problem_from_the_server(server):
    data = b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nabc"
    assert_problem(*raw(server.url, data, shut_write=True), 400, "bad-request")


@pytest.mark.parametrize("via", ["front", "server"])
def test_the_servers_own_errors_are_problems(request, via):
    target = request.getfixturevalue(via)
    long_line = b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert_problem(*raw(target.url, long_line), 414, "uri-too-long")
    huge_header = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20_000 + b"\r\n\r\n"
    status, headers, body = raw(target.url, huge_header)
    assert_problem(status, headers, body, status, "headers-too-large" if status == 431 else "bad-request")
    assert_problem(*raw(target.url, b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), 400, "bad-request")


def test_a_body_the_front_keeps_on_disk_goes_through(front):
    text = "Quiet." + " " * 400_000  # over client_body_buffer_size: nginx buffers it in a file
    response = requests.post(front.url + "/v1/quotes", data=text.encode(), timeout=GENEROUS,
                             headers={"Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["meta"]["characters"] == len(text)


def test_slow_and_idle_clients_do_not_block_normal_requests(front, reuters):
    """More slowloris sockets, idle connections and slow uploads than the workers have threads."""
    sockets = []
    try:
        for k in range(120):
            sock = socket.create_connection(("127.0.0.1", front.port), timeout=10)
            if k % 3 == 1:  # headers begun, never finished
                sock.sendall(b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nX-a: ")
            elif k % 3 == 2:  # a slow upload: headers whole, a little of the body
                sock.sendall(b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                             b"Content-Length: 100000\r\n\r\n\"Slow,\" ")
            sockets.append(sock)  # k % 3 == 0: connected, silent
        for _ in range(3):
            response = requests.post(front.url + "/v1/quotes", json={"text": reuters}, timeout=GENEROUS)
            assert response.status_code == 200 and response.json()["quotes"]
            assert requests.get(front.url + "/healthz", timeout=GENEROUS).status_code == 200
    finally:
        for sock in sockets:
            sock.close()


def test_probes_answer_while_every_worker_is_busy(front, reuters):
    text = reuters * 6  # 16,600 words: each worker busy for seconds, however fast the engine gets
    with ThreadPoolExecutor(8) as pool:
        posts = [pool.submit(requests.post, front.url + "/v1/quotes", json={"text": text}, timeout=GENEROUS)
                 for _ in range(8)]
        time.sleep(1)
        probes = [requests.get(front.url + path, timeout=GENEROUS) for path in ("/healthz", "/readyz") * 3]
        still_running = sum(not p.done() for p in posts)
        answers = [p.result() for p in posts]
    assert still_running, "every extraction was over before the probes: nothing was busy"
    assert [p.status_code for p in probes] == [200] * 6
    assert {a.status_code for a in answers} <= {200, 503}


def test_a_full_queue_answers_503_at_once_with_retry_after(front, reuters):
    with ThreadPoolExecutor(40) as pool:
        answers = list(pool.map(
            lambda _: requests.post(front.url + "/v1/quotes", json={"text": reuters}, timeout=GENEROUS), range(40)))
    statuses = [a.status_code for a in answers]
    assert set(statuses) <= {200, 503} and 200 in statuses, statuses
    refused = [a for a in answers if a.status_code == 503 and a.json()["type"] == "/docs#overloaded"]
    assert refused, "40 articles at once, 10 s each worker: some must be refused"
    for answer in refused:
        assert answer.headers["Content-Type"] == PROBLEM
        assert int(answer.headers["Retry-After"]) >= 1


def test_the_front_passes_the_request_id_and_logs_json(front):
    response = requests.get(front.url + "/healthz", headers={"X-Request-ID": "front-7"}, timeout=GENEROUS)
    assert response.headers["X-Request-ID"] == "front-7"
    time.sleep(0.5)
    entries = [json.loads(line) for line in front.output().splitlines() if line.startswith("{")]
    assert any(e["request_id"] == "front-7" and e["status"] == 200 and e["source"] == "nginx" for e in entries)


@pytest.fixture(scope="module")
def one_worker(model_dir):
    with Server(model_dir, workers=1, HOST="127.0.0.1", REQUEST_TIMEOUT="60") as server:
        with Front(server) as front:
            yield server, front


def articles_processed(url: str) -> float:
    text = requests.get(url + "/metrics", timeout=GENEROUS).text
    return float(re.search(r"^quote_articles_processed_total (\S+)$", text, re.M).group(1))


def test_work_for_a_client_that_left_is_never_started(one_worker, reuters):
    server, front = one_worker
    before = articles_processed(front.url)
    long_one = threading.Thread(target=requests.post, args=(front.url + "/v1/quotes",),
                                kwargs={"json": {"text": reuters * 10}, "timeout": GENEROUS})  # seconds of work
    long_one.start()
    time.sleep(0.5)
    body = b'"Gone," he said.'
    for _ in range(3):  # queued behind the long one, then the client leaves
        with socket.create_connection(("127.0.0.1", front.port), timeout=10) as sock:
            sock.sendall(b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            time.sleep(0.2)
    long_one.join(GENEROUS)
    time.sleep(1)
    assert articles_processed(front.url) == before + 1  # the long one only
    statuses = [json.loads(line).get("status") for line in server.output().splitlines()
                if line.startswith("{") and '"path": "/v1/quotes"' in line]
    assert statuses.count(499) == 3, statuses
