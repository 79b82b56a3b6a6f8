"""Shared fixtures. The Stanza model directory is ../shared/stanza_resources beside the repository
unless STANZA_RESOURCES_DIR says otherwise (a relative value is taken from the repository root)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def model_dir_path() -> Path:
    return (REPO / os.environ.get("STANZA_RESOURCES_DIR", str(SHARED / "stanza_resources"))).resolve()


@pytest.fixture(scope="session")
def model_dir() -> Path:
    path = model_dir_path()
    if not (path / "resources.json").is_file():
        pytest.fail(f"No Stanza model directory at {path}: set STANZA_RESOURCES_DIR (see README)")
    return path


@pytest.fixture(scope="session")
def engine(model_dir):
    """The real engine, loaded once per test session."""
    from service.engine import Engine

    return Engine(model_dir, threads=1)


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    paths = sorted((SHARED / "samples").glob("*.txt"))
    if not paths:
        pytest.fail(f"No sample articles in {SHARED / 'samples'}")
    return paths


# ---- the web layer over a fake engine -----------------------------------------------------------

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
        import re
        import time

        from service.engine import DeadlineExceeded, Extraction, Quote, Span, Speaker, SpeakerRef

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


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def app(fake_engine):
    from service.app import create_app

    app = create_app({"MAX_BODY_BYTES": 1000, "REQUEST_TIMEOUT": 5}, engine=fake_engine)
    app.testing = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()


# ---- the contract -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def openapi_spec() -> dict:
    import yaml

    return yaml.safe_load((REPO / "openapi.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def check_contract(openapi_spec):
    """check(path, method, status, content_type, body): the response is one openapi.yaml documents
    for that operation, and a JSON body matches its schema. Returns the parsed body."""
    import json

    from openapi_schema_validator import OAS31Validator

    def check(path, method, status, content_type, body):
        media = content_type.split(";")[0].strip()
        operation = openapi_spec["paths"].get(path, {}).get(method.lower())
        if operation is None:  # no such route or method: 404/405, as components.responses describe
            assert status in (404, 405)
            responses = {str(status): {"$ref": f"#/components/responses/Problem{status}"}}
        else:
            responses = operation["responses"]
        assert str(status) in responses, f"{method} {path}: status {status} is not in openapi.yaml"
        response = responses[str(status)]
        if "$ref" in response:
            response = openapi_spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        assert media in response["content"], f"{method} {path} {status}: {media} is not in openapi.yaml"
        schema = response["content"][media]["schema"]
        value = json.loads(body) if media.endswith("json") else body.decode("utf-8")
        OAS31Validator({**openapi_spec, **schema}).validate(value)
        return value

    return check
