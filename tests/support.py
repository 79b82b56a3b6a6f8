"""Helpers the tests import (`from support import ...`; pytest puts tests/ on sys.path for its
conftest.py): the repository paths, hand-built parses for engine unit tests, a fake engine for
web-layer tests, and the real server (`python -m service`) on a free port for the integration
tests."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from service.engine import DeadlineExceeded, Extraction, Quote, Span, Speaker, SpeakerRef
from service.engine.parse import Doc, Sentence, Word


def parsed(text: str, sentences: list[list[tuple]]) -> Doc:
    """Sentences of (token, upos, head index within the sentence or None, deprel[, lemma, xpos])
    rows; tokens are found in the text left to right."""
    words, sents, pos = [], [], 0
    for s, rows in enumerate(sentences):
        first = len(words)
        for k, (token, upos, head, deprel, *rest) in enumerate(rows):
            lemma, xpos = (rest + [token.lower(), None])[:2] if rest else (token.lower(), None)
            start = text.index(token, pos)
            pos = start + len(token)
            words.append(Word(first + k, token, start, pos, s, upos, xpos, lemma,
                              None if head is None else first + head, deprel))
        sents.append(Sentence(s, first, len(words), words[first].start, words[-1].end, True))
    return Doc(text, words, sents)


def link(table, doc: Doc, token: str, nth: int = 0) -> str:
    """The entity id an `EntityTable` links the nth word `token` to."""
    w = [x for x in doc.words if x.text == token][nth]
    return table.link(w, Span(w.text, w.start, w.end))


REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


class FakeEngine:
    """Stands in for service.engine.Engine in web-layer tests. Finds "straight-quoted" spans; one
    followed by `Name said` is a direct quote with that speaker and cue, any other a scare quote
    (non-speech). `error` is raised by extract; `delay` seconds pass before it runs."""

    def __init__(self, ready=True, error: Exception | None = None, delay: float = 0.0):
        self.is_ready, self.error, self.delay = ready, error, delay
        self.calls: list[dict] = []

    def ready(self) -> bool:
        if isinstance(self.is_ready, Exception):
            raise self.is_ready
        return self.is_ready

    def extract(self, text, *, include_nonspeech=False, deadline=None):
        self.calls.append({"text": text, "include_nonspeech": include_nonspeech, "deadline": deadline})
        time.sleep(self.delay)
        if deadline is not None and time.monotonic() > deadline:
            raise DeadlineExceeded("the article took longer than the request time limit")
        if self.error:
            raise self.error
        result, speakers = Extraction(), {}
        for m in re.finditer(r'"([^"]*)"(?:,? (\w+) (said))?', text):
            kind = "direct" if m.group(2) else "scare"
            if kind == "scare" and not include_nonspeech:
                continue
            quote = Quote(m.group(1), m.start(), m.end(1) + 1, kind)
            if m.group(2):
                name = m.group(2)
                speaker = speakers.setdefault(name, Speaker(f"s{len(speakers) + 1}", name))
                mention = Span(name, m.start(2), m.end(2))
                speaker.mentions.append(mention)
                speaker.quotes.append(len(result.quotes))
                quote.speaker = SpeakerRef(name, mention, speaker.id)
                quote.cue, quote.attribution, quote.confidence = Span("said", m.start(3), m.end(3)), "explicit", 0.9
            result.quotes.append(quote)
        result.speakers = list(speakers.values())
        return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def end_process(proc: subprocess.Popen, sig: int, grace: float) -> None:
    """Stop a process with `sig`, and kill it if it is still there after `grace` seconds."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Server:
    """`python -m service` (gunicorn, the real models) on a free port; `env` overrides its settings."""

    def __init__(self, model_dir, workers: int = 2, **env: str):
        self.port = port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.log = tempfile.NamedTemporaryFile("w+", prefix="server-", suffix=".log")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "service"], cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT,
            env={**os.environ, "STANZA_RESOURCES_DIR": str(model_dir), "PORT": str(port),
                 "WORKERS": str(workers), "THREADS": "1", "LOG_LEVEL": "INFO", **env})

    def __enter__(self) -> "Server":
        """`with Server(...) as server:` waits until it is ready and stops it at the end."""
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def wait_ready(self, timeout: float = 180) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"server exited ({self.proc.returncode}):\n{self.output()}"
            try:
                if requests.get(self.url + "/readyz", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        pytest.fail(f"server not ready after {timeout} s:\n{self.output()}")

    def stop(self) -> int:
        end_process(self.proc, signal.SIGTERM, 60)
        self.log.close()
        return self.proc.returncode


class Front:
    """nginx with deploy/nginx.conf on 127.0.0.1 and a free port, in front of `server`: the
    config's listen port, upstream and /tmp/ paths are rewritten, nothing else."""

    def __init__(self, server: Server):
        nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
        if nginx is None:
            pytest.fail("nginx is not installed (apt-get install nginx-light; ./run-tests.sh installs it)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = tempfile.TemporaryDirectory(prefix="front-")
        os.chmod(self.dir.name, 0o755)  # run as root, nginx's workers are another user: they write bodies here
        config = (REPO / "deploy" / "nginx.conf").read_text()
        for old, new in ((" 127.0.0.1:8000;", f" 127.0.0.1:{server.port};"),
                         ("listen 8080 ", f"listen 127.0.0.1:{self.port} "), ("/tmp/", f"{self.dir.name}/")):
            assert old in config, f"deploy/nginx.conf has no {old!r} to rewrite"
            config = config.replace(old, new)
        (Path(self.dir.name) / "nginx.conf").write_text(config)
        self.log = tempfile.NamedTemporaryFile("w+", prefix="front-", suffix=".log")
        self.proc = subprocess.Popen([nginx, "-p", self.dir.name, "-c", "nginx.conf", "-e", "stderr",
                                      "-g", "daemon off;"], stdout=self.log, stderr=subprocess.STDOUT)

    def __enter__(self) -> "Front":
        end = time.monotonic() + 30
        while True:
            assert self.proc.poll() is None, f"nginx exited ({self.proc.returncode}):\n{self.output()}"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                assert time.monotonic() < end, f"nginx does not listen:\n{self.output()}"
                time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        end_process(self.proc, signal.SIGQUIT, 30)  # nginx's graceful stop
        self.log.close()
        self.dir.cleanup()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()
