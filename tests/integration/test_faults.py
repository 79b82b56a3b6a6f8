"""Faults around the real server: a worker killed mid-request, a damaged model directory.

SIGTERM draining an in-flight request is covered by test_server.py
(test_sigterm_lets_an_in_flight_request_finish), so it is not repeated here."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
import requests

from conftest import REPO
from support import Server


def worker_pids(master: int) -> set[int]:
    return {child.pid for child in psutil.Process(master).children()}


def test_a_worker_killed_mid_request_is_replaced(model_dir):
    server = Server(model_dir, workers=1, REQUEST_TIMEOUT="60")
    try:
        server.wait_ready()
        (victim,) = worker_pids(server.proc.pid)
        text = "The " + " ".join(f"word{i % 97}" for i in range(20_000)) + ' ended. "Yes," he said.'
        result = {}

        def long_request():
            try:
                result["response"] = requests.post(server.url + "/v1/quotes", json={"text": text}, timeout=120)
            except requests.RequestException as exc:
                result["error"] = exc

        thread = threading.Thread(target=long_request)
        thread.start()
        time.sleep(1.5)  # the worker is parsing the 20,000-word sentence now (seconds of work)
        os.kill(victim, signal.SIGKILL)
        thread.join(120)
        assert not thread.is_alive()
        # the in-flight request is lost (connection closed), never answered with a wrong body
        if "response" in result:
            assert result["response"].status_code >= 500, result["response"].text[:300]

        end = time.monotonic() + 60
        while time.monotonic() < end:
            new = worker_pids(server.proc.pid) - {victim}
            if new:
                break
            time.sleep(0.2)
        assert new, "the master did not start a new worker"
        server.wait_ready(60)
        assert server.proc.poll() is None
        for _ in range(5):
            response = requests.post(server.url + "/v1/quotes", json={"text": '"Back again," she said.'}, timeout=60)
            assert response.status_code == 200
            assert len(response.json()["quotes"]) == 1
        assert requests.get(server.url + "/healthz", timeout=10).status_code == 200
    finally:
        server.stop()


def damaged_copy(model_dir: Path, dest: Path, damage: str) -> Path:
    """A copy of the model directory (symlinks, except the damaged file) with one model file
    removed, emptied or cut in half."""
    for src in model_dir.rglob("*"):
        target = dest / src.relative_to(model_dir)
        if src.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(src)
    victim_name = {"missing-pos": "en/pos", "empty-lemma": "en/lemma", "half-depparse": "en/depparse",
                   "empty-pretrain": "en/pretrain"}[damage]
    (victim,) = [p for p in (dest / victim_name).glob("*.pt")]
    real = victim.resolve()
    victim.unlink()
    if damage.startswith("half"):
        victim.write_bytes(real.read_bytes()[: real.stat().st_size // 2])
    elif damage.startswith("empty"):
        victim.write_bytes(b"")
    return dest


@pytest.mark.parametrize("damage", ["missing-pos", "empty-lemma", "half-depparse", "empty-pretrain"])
def test_a_damaged_model_dir_stops_the_server_with_a_clear_message(model_dir, tmp_path, damage):
    resources = damaged_copy(model_dir, tmp_path / "resources", damage)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "service"], cwd=REPO, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "STANZA_RESOURCES_DIR": str(resources), "PORT": "0", "WORKERS": "1"})
    elapsed = time.monotonic() - started
    assert result.returncode != 0, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("quote-attribution: STANZA_RESOURCES_DIR="), result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert elapsed < 60, f"{damage}: took {elapsed:.0f} s to give up"
