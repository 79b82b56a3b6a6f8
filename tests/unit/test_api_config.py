"""Configuration from the environment, the gunicorn settings built from it, and the setup helpers."""
import json
import sys
import threading
import types
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from service import config, download_models, healthcheck
from service.__main__ import gunicorn_options


def test_defaults(monkeypatch):
    monkeypatch.setattr(config, "cpu_count", lambda: 8)
    cfg = config.load(env={})
    assert cfg == config.Config(model_dir=None, host="0.0.0.0", port=8000, workers=8, threads=1,
                                max_body_bytes=2 * 1024 * 1024, request_timeout=30.0, log_level="INFO")


def test_threads_default_to_one_per_worker_however_few_the_workers(monkeypatch):
    monkeypatch.setattr(config, "cpu_count", lambda: 8)
    assert config.load(env={"WORKERS": "1"}).threads == 1
    assert config.load(env={"WORKERS": "2"}).threads == 1
    assert config.load(env={"WORKERS": "16"}).threads == 1
    assert config.load(env={"WORKERS": "1", "THREADS": "4"}).threads == 4


def test_environment_and_overrides():
    env = {"STANZA_RESOURCES_DIR": "/models", "PORT": "9000", "WORKERS": "3", "THREADS": "2",
           "MAX_BODY_BYTES": "100", "REQUEST_TIMEOUT": "2.5", "LOG_LEVEL": "debug"}
    cfg = config.load({"PORT": 9001}, env=env)
    assert (cfg.model_dir, cfg.port, cfg.workers, cfg.threads, cfg.max_body_bytes, cfg.request_timeout,
            cfg.log_level) == ("/models", 9001, 3, 2, 100, 2.5, "DEBUG")


@pytest.mark.parametrize("name, value", [("PORT", "http"), ("WORKERS", "0"), ("THREADS", "-1"),
                                         ("MAX_BODY_BYTES", "2MB"), ("REQUEST_TIMEOUT", "nan"),
                                         ("LOG_LEVEL", "chatty")])
def test_bad_values_name_the_variable(name, value):
    with pytest.raises(config.ConfigError, match=name):
        config.load(env={name: value})


def test_gunicorn_options():
    cfg = config.load(env={"PORT": "8123", "WORKERS": "3", "REQUEST_TIMEOUT": "20", "LOG_LEVEL": "WARNING"})
    options = gunicorn_options(cfg, "/tmp/metrics")
    assert options["bind"] == ["0.0.0.0:8123"]
    assert options["workers"] == 3 and options["preload_app"] is True
    assert options["timeout"] > options["graceful_timeout"] > 20
    assert options["loglevel"] == "warning" and options["accesslog"] is None
    assert callable(options["child_exit"]) and callable(options["on_exit"])
    # a worker holds no connection it has no thread for, and a thread for every queued request
    from service.admission import QUEUE_LIMIT

    assert options["worker_class"] == "service.worker.Worker"
    assert options["worker_connections"] == options["threads"] > QUEUE_LIMIT + 1
    assert config.load(env={"HOST": "127.0.0.1", "PORT": "8123"}).host == "127.0.0.1"


def test_download_models_fetches_the_engines_processors(monkeypatch, tmp_path, capsys):
    calls = []

    def fake_download(lang, model_dir, processors, **kwargs):
        calls.append((lang, processors))
        resources = {"en": {"default_processors": {p: "default" for p in processors.split(",")}}}
        (tmp_path / "resources.json").write_text(json.dumps(resources))
        for proc in processors.split(","):
            (tmp_path / "en" / proc).mkdir(parents=True)
            (tmp_path / "en" / proc / "default.pt").write_bytes(b"weights")

    monkeypatch.setitem(sys.modules, "stanza", types.SimpleNamespace(download=fake_download))
    assert download_models.main([str(tmp_path)]) == 0
    assert calls == [("en", "pos,lemma,depparse")]
    assert f"STANZA_RESOURCES_DIR={tmp_path}" in capsys.readouterr().out


def test_download_models_reports_an_unusable_result(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "stanza", types.SimpleNamespace(download=lambda *a, **k: None))
    assert download_models.main([str(tmp_path)]) == 1
    assert "not usable" in capsys.readouterr().err


@pytest.mark.parametrize("status, code", [(200, 0), (503, 1)])
def test_healthcheck(monkeypatch, status, code):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status if self.path == "/readyz" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("PORT", str(server.server_address[1]))
        assert healthcheck.main() == code
    finally:
        server.shutdown()


def test_healthcheck_fails_when_nothing_listens(monkeypatch):
    monkeypatch.setenv("PORT", "1")
    assert healthcheck.main() == 1
