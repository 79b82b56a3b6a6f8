"""Bounded attack on the real server behind its front (issue 18): `python -m service` (2 workers,
default limits) with deploy/nginx.conf before it, all on 127.0.0.1, every phase time-limited.

    .venv/bin/python bench/attack.py                       # slow, burst, quotes, marks: ~5 min
    .venv/bin/python bench/attack.py --phases soak --soak 600

Phases (--phases, comma list):
  slow    200 slowloris sockets (headers, one byte a second) + 200 slow uploads (body, one byte a
          second) + 500 idle connections, held (reopened when the front drops them) for
          --duration s, while one client sends normal requests and another polls /healthz; the
          same clients run alone first for --baseline s: figures are printed for both and as ratios
  burst   64 concurrent requests for the Reuters sample: statuses, the slowest answer against
          REQUEST_TIMEOUT + 1 s, connections dropped, and each client's time against the server's
          logged duration for its X-Request-ID
  quotes  2,000 short quotes in one article, and malformed chunked bodies through the front
  marks   two 2 MB bodies of quotation marks whose clients leave after 3 s, then a normal request
          and /healthz: their answers, and when both workers take requests again
  soak    --soak s at saturation (8 clients, the samples and short texts): statuses, errors
          other than documented 503s, worker USS every 10 s and its growth (last third / first)

Prints one JSON report (also --json FILE). Needs nginx (apt-get install nginx-light)."""
from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "tests")]
from load_test import children, memory, memory_growth, model_dir, percentile  # noqa: E402
from support import SHARED, Front, Server  # noqa: E402

REQUEST_TIMEOUT = 30.0  # the server's default, which this attack runs under
CLIENT_TIMEOUT = 120  # a client gives up after this: counted as dropped
SHORT = '"We are ready," the minister told reporters on Tuesday. "We will not wait."'
MALFORMED_CHUNKS = {
    "bad size": b"zz\r\nhello\r\n0\r\n\r\n",
    "short data": b"10\r\nabc\r\n0\r\n\r\n",
    "bad terminator": b"3\r\nabcXY0\r\n\r\n",
}


def sample(name: str) -> str:
    return (SHARED / "samples" / name).read_text(encoding="utf-8")


def summary(latencies: list[float]) -> dict:
    return {"n": len(latencies), **{f"p{p}_s": round(percentile(latencies, p), 3) for p in (50, 95, 99)},
            "max_s": round(max(latencies, default=float("nan")), 3)}


# ---- slow and idle clients ----------------------------------------------------------------------

class Crowd:
    """Many hostile sockets in one thread: `slowloris` send headers and `uploads` a body one byte
    a second each; `idle` connect and send nothing. A socket the front closes is reopened."""

    def __init__(self, port: int, slowloris: int, uploads: int, idle: int):
        self.port, self.reopened, self.stop = port, 0, threading.Event()
        self.kinds = ["slowloris"] * slowloris + ["upload"] * uploads + ["idle"] * idle
        self.socks: list[socket.socket | None] = [None] * len(self.kinds)
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _open(self, k: int) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        if self.kinds[k] == "slowloris":
            sock.sendall(b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\n")  # then a header, byte by byte
        elif self.kinds[k] == "upload":
            sock.sendall(b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                         b"Content-Length: 1000000\r\n\r\n")
        sock.setblocking(False)
        self.socks[k] = sock

    def _tick(self, k: int) -> None:
        sock = self.socks[k]
        try:
            if sock is None:
                self._open(k)
                return
            try:
                if sock.recv(4096) == b"":  # the front closed it (or answered and closed)
                    raise ConnectionResetError
            except BlockingIOError:
                pass
            if self.kinds[k] == "slowloris":
                sock.send(b"X")
            elif self.kinds[k] == "upload":
                sock.send(b"y")
        except OSError:
            if sock is not None:
                sock.close()
            self.socks[k] = None
            self.reopened += 1

    def _run(self) -> None:
        for k in range(len(self.kinds)):
            self._tick(k)
        while not self.stop.wait(1.0):
            for k in range(len(self.kinds)):
                self._tick(k)
        for sock in self.socks:
            if sock is not None:
                sock.close()

    def held(self) -> int:
        return sum(s is not None for s in self.socks)


def probe_clients(url: str, seconds: float) -> dict:
    """One client posting short texts and the Breitbart sample in turn, one polling /healthz."""
    stop_at = time.monotonic() + seconds
    posts: dict[str, list[float]] = {"short": [], "breitbart": []}
    health: list[float] = []
    failures: list[str] = []
    texts = {"short": SHORT, "breitbart": sample("breitbart-mattis-tokenized.txt")}

    def poster() -> None:
        i = 0
        while time.monotonic() < stop_at:
            name = ("short", "breitbart")[i % 2]
            i += 1
            started = time.monotonic()
            try:
                r = requests.post(url + "/v1/quotes", json={"text": texts[name]}, timeout=CLIENT_TIMEOUT)
                if r.status_code != 200:
                    failures.append(f"POST {r.status_code}")
                posts[name].append(time.monotonic() - started)
            except requests.RequestException as exc:
                failures.append(repr(exc)[:100])

    def prober() -> None:
        while time.monotonic() < stop_at:
            started = time.monotonic()
            try:
                r = requests.get(url + "/healthz", timeout=CLIENT_TIMEOUT)
                if r.status_code != 200:
                    failures.append(f"healthz {r.status_code}")
                health.append(time.monotonic() - started)
            except requests.RequestException as exc:
                failures.append(repr(exc)[:100])
            time.sleep(0.1)

    threads = [threading.Thread(target=poster), threading.Thread(target=prober)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"short": summary(posts["short"]), "breitbart": summary(posts["breitbart"]),
            "healthz": summary(health), "failures": failures[:10], "failed": len(failures)}


def phase_slow(front: Front, args) -> dict:
    baseline = probe_clients(front.url, args.baseline)
    crowd = Crowd(front.port, slowloris=200, uploads=200, idle=500)
    crowd.thread.start()
    time.sleep(3)  # all of them connected
    held_at_start = crowd.held()
    attacked = probe_clients(front.url, args.duration)
    held_at_end = crowd.held()
    crowd.stop.set()
    crowd.thread.join(30)
    ratio = {k: round(attacked[k]["p99_s"] / baseline[k]["p99_s"], 2) if baseline[k]["n"] else None
             for k in ("short", "breitbart", "healthz")}
    return {"baseline": baseline, "under_attack": attacked, "p99_attack_over_baseline": ratio,
            "sockets": {"slowloris": 200, "slow_uploads": 200, "idle": 500, "held_at_start": held_at_start,
                        "held_at_end": held_at_end, "reopened": crowd.reopened}}


# ---- a burst of articles ------------------------------------------------------------------------

def logged_durations(server: Server) -> dict[str, float]:
    out = {}
    for line in server.output().splitlines():
        if line.startswith("{") and '"duration_ms"' in line:
            entry = json.loads(line)
            out[entry.get("request_id")] = entry["duration_ms"] / 1000
    return out


def phase_burst(server: Server, front: Front, args) -> dict:
    text = sample("reuters-mattis-gallery.txt")

    def one(_):
        rid = uuid.uuid4().hex
        started = time.monotonic()
        try:
            r = requests.post(front.url + "/v1/quotes", json={"text": text}, headers={"X-Request-ID": rid},
                              timeout=CLIENT_TIMEOUT)
            kind = r.json().get("type", "") if r.status_code != 200 else ""
            return rid, r.status_code, kind, time.monotonic() - started, r.headers.get("Retry-After")
        except requests.RequestException as exc:
            return rid, repr(exc)[:80], "", time.monotonic() - started, None

    with ThreadPoolExecutor(64) as pool:
        results = list(pool.map(one, range(64)))
    time.sleep(1)
    logged = logged_durations(server)
    statuses: dict[str, int] = {}
    for _, status, kind, _, _ in results:
        key = f"{status} {kind}".strip()
        statuses[key] = statuses.get(key, 0) + 1
    gaps = [abs(elapsed - logged[rid]) for rid, status, _, elapsed, _ in results if rid in logged]
    return {
        "requests": 64, "statuses": statuses,
        "dropped": sum(not isinstance(status, int) for _, status, *_ in results),
        "slowest_s": round(max(r[3] for r in results), 2), "limit_s": REQUEST_TIMEOUT + 1,
        "within_limit": sum(r[3] <= REQUEST_TIMEOUT + 1 for r in results),
        "slowest_200_s": round(max((r[3] for r in results if r[1] == 200), default=0), 2),
        "slowest_503_s": round(max((r[3] for r in results if r[1] == 503), default=0), 2),
        "retry_after_s": sorted({int(r[4]) for r in results if r[4]}),
        "client_vs_logged_gap_s": {"n": len(gaps), "max": round(max(gaps, default=float("nan")), 3),
                                   "p50": round(percentile(gaps, 50), 3)},
    }


# ---- pathological bodies ------------------------------------------------------------------------

def raw_status(port: int, data: bytes, shut_write: bool) -> tuple[int | str, str]:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(data)
            if shut_write:  # the server then knows the body stops short
                sock.shutdown(socket.SHUT_WR)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
    except OSError as exc:
        return repr(exc)[:60], ""
    head, _, body = answer.partition(b"\r\n\r\n")
    if not head:
        return "closed without an answer", ""
    content_type = next((line.split(b":", 1)[1].strip().decode() for line in head.split(b"\r\n")
                         if line.lower().startswith(b"content-type:")), "")
    return int(head.split()[1]), content_type


def phase_quotes(server: Server, front: Front, args) -> dict:
    text = '"Yes," he said. ' * 2000
    started = time.monotonic()
    r = requests.post(front.url + "/v1/quotes", json={"text": text}, timeout=CLIENT_TIMEOUT)
    elapsed = time.monotonic() - started
    chunked = {}
    head = b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    for via, port in (("front", front.port), ("server", int(server.url.rsplit(":", 1)[1]))):
        for name, body in MALFORMED_CHUNKS.items():
            if via == "front" and name == "short data":
                continue  # the front waits client_body_timeout (10 s) for the rest, then closes
            chunked[f"{via}: {name}"] = raw_status(port, head + body, shut_write=via == "server")
    return {"two_thousand_quotes": {"chars": len(text), "status": r.status_code, "seconds": round(elapsed, 2),
                                    "quotes": len(r.json().get("quotes", [])) if r.status_code == 200 else None,
                                    "type": r.json().get("type") if r.status_code != 200 else None},
            "malformed_chunked": chunked}


def phase_marks(server: Server, front: Front, args) -> dict:
    """Two 2 MB bodies of quotation marks whose clients leave after 3 s, then a normal request."""
    body = b'"' * 2_000_000
    workers_before = children(server.proc.pid)

    def hit_and_leave() -> None:
        with socket.create_connection(("127.0.0.1", front.port), timeout=30) as sock:
            sock.sendall(b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body) + body)
            time.sleep(3)

    leavers = [threading.Thread(target=hit_and_leave) for _ in range(2)]
    for t in leavers:
        t.start()
    time.sleep(1)
    started = time.monotonic()
    normal = requests.post(front.url + "/v1/quotes", json={"text": sample("breitbart-mattis-tokenized.txt")},
                           timeout=CLIENT_TIMEOUT)
    normal_s = time.monotonic() - started
    health_started = time.monotonic()
    health = requests.get(front.url + "/healthz", timeout=CLIENT_TIMEOUT)
    health_s = time.monotonic() - health_started
    for t in leavers:
        t.join()
    end = time.monotonic() + 120
    while time.monotonic() < end:  # until both workers take short texts again
        codes = {requests.post(front.url + "/v1/quotes", json={"text": SHORT}, timeout=CLIENT_TIMEOUT).status_code
                 for _ in range(4)}
        if codes == {200}:
            break
        time.sleep(1)
    return {"normal_request": {"status": normal.status_code, "seconds": round(normal_s, 2),
                               "type": normal.json().get("type") if normal.status_code != 200 else None,
                               "retry_after": normal.headers.get("Retry-After")},
            "healthz": {"status": health.status_code, "seconds": round(health_s, 3)},
            "both_workers_free_after_s": round(time.monotonic() - started, 1),
            "workers_replaced": sorted(set(workers_before) ^ set(children(server.proc.pid)))}


# ---- soak -----------------------------------------------------------------------------------------

def phase_soak(server: Server, front: Front, args) -> dict:
    texts = [sample("reuters-mattis-gallery.txt"), sample("breitbart-mattis-tokenized.txt"), SHORT]
    stop_at = time.monotonic() + args.soak
    statuses: dict[str, int] = {}
    latencies: list[float] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        session, i = requests.Session(), k
        while time.monotonic() < stop_at:
            started = time.monotonic()
            try:
                r = session.post(front.url + "/v1/quotes", json={"text": texts[i % len(texts)]}, timeout=CLIENT_TIMEOUT)
                key = str(r.status_code) + ("" if r.status_code == 200 else " " + r.json().get("type", ""))
            except Exception as exc:  # noqa: BLE001 - every failure counts
                key = repr(exc)[:80]
            i += 1
            with lock:
                statuses[key] = statuses.get(key, 0) + 1
                latencies.append(time.monotonic() - started)

    timeline = []

    def sampler() -> None:
        began = time.monotonic()
        while time.monotonic() < stop_at:
            time.sleep(10)
            timeline.append({"t": round(time.monotonic() - began),
                             "uss_mib": [memory(pid).get("uss_mib") for pid in children(server.proc.pid)]})

    threads = [threading.Thread(target=client, args=(k,)) for k in range(8)] + [threading.Thread(target=sampler)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    documented = {"200", "503 /docs#overloaded", "503 /docs#deadline-exceeded"}
    return {"seconds": args.soak, "clients": 8, "statuses": statuses,
            "errors": sum(n for k, n in statuses.items() if k not in documented),
            "latency": summary(latencies), "worker_uss_timeline": timeline,
            "memory_growth_last_third_over_first": round(memory_growth(timeline) or float("nan"), 3)}


PHASES = {"slow": lambda server, front, args: phase_slow(front, args), "burst": phase_burst,
          "quotes": phase_quotes, "marks": phase_marks, "soak": phase_soak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phases", default="slow,burst,quotes,marks", help="comma list of " + ",".join(PHASES))
    parser.add_argument("--duration", type=float, default=60, help="seconds under slow clients (default 60)")
    parser.add_argument("--baseline", type=float, default=15, help="seconds of the same clients alone first")
    parser.add_argument("--soak", type=float, default=600, help="seconds of the soak phase (default 600)")
    parser.add_argument("--json", metavar="FILE", help="also write the report here")
    args = parser.parse_args()
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))  # 900 sockets of our own

    report = {"load_average_start": os.getloadavg()}
    with Server(model_dir(), workers=2, HOST="127.0.0.1", LOG_LEVEL="INFO") as server, Front(server) as front:
        for text in (SHORT, sample("reuters-mattis-gallery.txt")):  # warm both workers
            for _ in range(4):
                requests.post(front.url + "/v1/quotes", json={"text": text}, timeout=CLIENT_TIMEOUT)
        for phase in phases:
            started = time.monotonic()
            report[phase] = PHASES[phase](server, front, args)
            report[phase]["phase_seconds"] = round(time.monotonic() - started, 1)
            print(f"{phase}: done in {report[phase]['phase_seconds']} s", file=sys.stderr)
        report["workers_at_end"] = children(server.proc.pid)
    report["load_average_end"] = os.getloadavg()
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
