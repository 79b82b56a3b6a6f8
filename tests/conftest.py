"""Shared fixtures. The Stanza model directory is ../shared/stanza_resources beside the repository
unless STANZA_RESOURCES_DIR says otherwise (a relative value is taken from the repository root)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import REPO, SHARED, FakeEngine


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
    for that operation, and a JSON (or YAML) body matches its schema. Returns the parsed body."""
    import json

    import yaml
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
        if media.endswith("json"):
            value = json.loads(body)
        elif media.endswith("yaml"):
            value = yaml.safe_load(body)
        else:
            value = body.decode("utf-8")
        OAS31Validator({**openapi_spec, **schema}).validate(value)
        return value

    return check
