"""Bounded load test: start the real server (`python -m service`, 2 workers) on 127.0.0.1, drive it
at saturation from a thread pool for --duration seconds, and report requests served, errors (must
be 0), latency p50/p95/p99 and worker memory (RSS/PSS/USS) at start and end and every 5 s.

    .venv/bin/python bench/load_test.py --duration 60

Exits 1 when any request failed, or when the workers' memory in the last third of the run is
over 1.5x that of the first third (it must stay flat). CI runs it for 60 s after the tests."""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def model_dir() -> Path:
    return (REPO / os.environ.get("STANZA_RESOURCES_DIR", str(SHARED / "stanza_resources"))).resolve()


def articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "samples").glob("*.txt"))]
    short = ['"We are ready," the minister told reporters on Tuesday. "We will not wait."',
             "\u201cIt is over,\u201d Mattis said. He added: \u201cWe move on.\u201d"]
    return texts + short


MAX_MEMORY_GROWTH = 1.5  # last third / first third of the run; a leak keeps climbing past it


def children(pid: int) -> list[int]:
    return sorted(child.pid for child in psutil.Process(pid).children())


def memory(pid: int) -> dict:
    """RSS, PSS and USS (private clean + dirty) in MiB."""
    try:
        info = psutil.Process(pid).memory_full_info()
    except psutil.Error:
        return {}
    mib = 1024 * 1024
    return {"pid": pid, "rss_mib": round(info.rss / mib, 1), "uss_mib": round(info.uss / mib, 1),
            "pss_mib": round(info.pss / mib, 1)}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=600, help="seconds of load (default 600)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--concurrency", type=int, default=0, help="client threads (default 2 x workers)")
    parser.add_argument("--json", metavar="FILE", help="also write the report as JSON")
    args = parser.parse_args()
    concurrency = args.concurrency or 2 * args.workers

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile("w+", prefix="load-test-server-", suffix=".log")
    proc = subprocess.Popen([sys.executable, "-m", "service"], cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "STANZA_RESOURCES_DIR": str(model_dir()), "PORT": str(port),
                                 "WORKERS": str(args.workers), "LOG_LEVEL": "WARNING"})
    # gunicorn binds 0.0.0.0; the client only ever talks to 127.0.0.1.
    try:
        end = time.monotonic() + 180
        while True:
            if proc.poll() is not None or time.monotonic() > end:
                log.seek(0)
                sys.exit(f"server did not start:\n{log.read()[-3000:]}")
            try:
                if requests.get(url + "/readyz", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        texts = articles()
        for text in texts:  # warm up: every worker has seen every code path once
            for _ in range(args.workers):
                requests.post(url + "/v1/quotes", json={"text": text}, timeout=120).raise_for_status()
        workers = children(proc.pid)
        mem_start = [memory(pid) for pid in workers]

        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.duration

        def client(k: int) -> None:
            session = requests.Session()
            i = k
            while time.monotonic() < stop_at:
                text = texts[i % len(texts)]
                i += 1
                started = time.monotonic()
                try:
                    response = session.post(url + "/v1/quotes", json={"text": text}, timeout=120)
                    ok = response.status_code == 200 and "quotes" in response.json()
                    problem = None if ok else f"{response.status_code} {response.text[:200]}"
                except Exception as exc:  # noqa: BLE001 - every failure counts
                    problem = repr(exc)
                elapsed = time.monotonic() - started
                with lock:
                    if problem:
                        errors.append(problem)
                    else:
                        latencies.append(elapsed)

        timeline: list[dict] = []  # worker memory every 5 s: it swings with the request in
        # flight, so flatness is judged on the mean of the first and the last third of the run

        def sampler() -> None:
            while time.monotonic() < stop_at:
                time.sleep(5)
                timeline.append({"t": round(time.monotonic() - began),
                                 "uss_mib": [memory(pid).get("uss_mib") for pid in children(proc.pid)]})

        began = time.monotonic()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
        threads.append(threading.Thread(target=sampler, daemon=True))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - began
        mem_end = [memory(pid) for pid in children(proc.pid)]
        metrics = requests.get(url + "/metrics", timeout=30).text
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()

    report = {
        "duration_s": round(wall, 1), "workers": args.workers, "concurrency": concurrency,
        "requests": len(latencies) + len(errors), "served": len(latencies), "errors": len(errors),
        "throughput_rps": round(len(latencies) / wall, 2),
        "latency_s": {"p50": round(percentile(latencies, 50), 3), "p95": round(percentile(latencies, 95), 3),
                      "p99": round(percentile(latencies, 99), 3), "max": round(max(latencies, default=0), 3),
                      "mean": round(statistics.fmean(latencies), 3) if latencies else None},
        "worker_memory_start": mem_start, "worker_memory_end": mem_end, "worker_uss_timeline": timeline,
        "workers_replaced": sorted(set(m["pid"] for m in mem_start if m) ^ set(m["pid"] for m in mem_end if m)),
        "first_errors": errors[:5],
        "articles_processed_metric": next((line.split()[-1] for line in metrics.splitlines()
                                           if line.startswith("quote_articles_processed_total ")), None),
    }
    report["memory_growth"] = growth = memory_growth(timeline)
    print(json.dumps(report, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if growth is not None and growth > MAX_MEMORY_GROWTH:
        print(f"worker memory grew {growth:.2f}x from the first to the last third of the run", file=sys.stderr)
        return 1
    return 1 if errors or not latencies else 0


def memory_growth(timeline: list[dict]) -> float | None:
    """Mean worker USS over the last third of the samples / over the first third."""
    samples = [sum(x for x in point["uss_mib"] if x) for point in timeline if point["uss_mib"]]
    third = len(samples) // 3
    if third == 0:
        return None
    first, last = samples[:third], samples[-third:]
    return (sum(last) / len(last)) / (sum(first) / len(first))


if __name__ == "__main__":
    sys.exit(main())
