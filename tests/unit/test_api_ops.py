"""Probes, request ids, access logs, metrics and the pages that point a person at the contract."""
import json
import logging
import re
import subprocess
import sys
import time

import pytest

from service.app import REQUEST_ID_MAX, create_app, request_id
from service.logs import JsonFormatter

from support import REPO, FakeEngine

ARTICLE = '"We are ready," Mattis said. Secret article words.'


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_asks_the_engine(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready"}


@pytest.mark.parametrize("ready", [False, RuntimeError("model broken")])
def test_readyz_is_503_problem_when_the_engine_is_not_ready(ready):
    response = create_app(engine=FakeEngine(ready=ready)).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "/docs#not-ready"


def test_request_id_is_echoed(client):
    response = client.post("/v1/quotes", json={"text": "x"}, headers={"X-Request-ID": "abc-123.DEF:4"})
    assert response.headers["X-Request-ID"] == "abc-123.DEF:4"


def test_request_id_is_generated_when_absent_or_unusable(client):
    ids = {client.get("/healthz").headers["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    unusable = client.get("/healthz", headers={"X-Request-ID": "<>\"' "})
    assert re.fullmatch(r"[0-9a-f]{32}", unusable.headers["X-Request-ID"])


def test_request_id_is_sanitised_and_bounded(client):
    response = client.get("/nope", headers={"X-Request-ID": 'id<script>"x"' + "a" * 500})
    rid = response.headers["X-Request-ID"]
    assert rid.startswith("idscriptx") and len(rid) == REQUEST_ID_MAX
    assert response.get_json()["request_id"] == rid
    assert request_id("\u00e9t\u00e9-1") == "t-1"


def test_one_json_access_log_line_per_request_without_the_text(client, caplog):
    with caplog.at_level(logging.INFO, logger="service.access"):
        client.post("/v1/quotes", json={"text": ARTICLE}, headers={"X-Request-ID": "req-1"})
        client.get("/nope")
    records = [r for r in caplog.records if r.name == "service.access"]
    assert len(records) == 2
    line = JsonFormatter().format(records[0])
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["method"] == "POST" and entry["path"] == "/v1/quotes" and entry["status"] == 200
    assert entry["request_id"] == "req-1"
    assert entry["bytes_in"] == len(json.dumps({"text": ARTICLE}))
    assert isinstance(entry["duration_ms"], float)
    assert "Secret" not in line and "ready" not in line
    assert json.loads(JsonFormatter().format(records[1]))["status"] == 404


def test_metrics_count_requests_articles_and_quotes(client):
    def sample(text, name, **labels):
        want = ",".join(f'{k}="{v}"' for k, v in labels.items())
        m = re.search(rf"^{name}{{{want}}} (\S+)$" if labels else rf"^{name} (\S+)$", text, re.M)
        return float(m.group(1)) if m else 0.0

    before = client.get("/metrics").get_data(as_text=True)
    client.post("/v1/quotes", json={"text": ARTICLE})
    client.post("/v1/quotes", json={"text": ""})
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    after = response.get_data(as_text=True)
    ok = dict(method="POST", route="/v1/quotes", status="200")
    assert sample(after, "quote_http_requests_total", **ok) == sample(before, "quote_http_requests_total", **ok) + 1
    bad = dict(method="POST", route="/v1/quotes", status="422")
    assert sample(after, "quote_http_requests_total", **bad) == sample(before, "quote_http_requests_total", **bad) + 1
    assert sample(after, "quote_http_request_duration_seconds_count", **ok) >= 1
    assert 'quote_http_request_duration_seconds_bucket{le="0.1",method="POST",route="/v1/quotes",status="200"}' in after
    assert sample(after, "quote_articles_processed_total") == sample(before, "quote_articles_processed_total") + 1
    assert sample(after, "quote_quotes_extracted_total") == sample(before, "quote_quotes_extracted_total") + 1
    assert "quote_model_load_seconds" in after


def test_unknown_routes_share_one_metrics_label(client):
    client.get("/random/path/1")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'route="<unmatched>",status="404"' in text
    assert "/random/path" not in text


def test_index_points_at_the_contract_and_docs(client):
    body = client.get("/").get_json()
    assert body["openapi"] == "/openapi.yaml" and body["docs"] == "/docs"
    assert "POST /v1/quotes" in body["endpoints"]


def test_docs_page_has_no_external_assets(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert 'href="/openapi.yaml"' in html
    assert 'id="validation-error"' in html  # problem types resolve to rows of this page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


def test_openapi_yaml_is_served_and_is_the_committed_file(client):
    response = client.get("/openapi.yaml")
    assert response.status_code == 200 and response.mimetype == "application/yaml"
    assert response.get_data(as_text=True) == (REPO / "openapi.yaml").read_text(encoding="utf-8")


def test_an_extraction_past_the_backstop_ends_the_worker():
    from service.app import EngineRunner

    aborted = []
    runner = EngineRunner(FakeEngine(delay=0.5), abort_after=0.1)
    runner._abort = lambda: aborted.append(True)
    runner.extract("x", include_nonspeech=False, deadline=time.monotonic() + 10)
    assert aborted == [True]
    runner = EngineRunner(FakeEngine(), abort_after=0.1)
    runner._abort = lambda: aborted.append(False)
    runner.extract("x", include_nonspeech=False, deadline=time.monotonic() + 10)
    time.sleep(0.2)
    assert aborted == [True]  # the watchdog was cancelled


def test_the_web_layer_does_not_import_torch_or_stanza(model_dir):
    code = ("import sys, service.app, service.__main__, service.cli, service.api.spec, service.healthcheck; "
            "from service.engine import check_model_dir; check_model_dir(sys.argv[1]); "
            "print(sorted(m for m in ('torch', 'stanza') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code, str(model_dir)],
                            capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.stdout.strip() == "[]", result.stderr
