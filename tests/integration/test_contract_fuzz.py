"""Contract fuzzing of the real server (`python -m service`, real models) with schemathesis.

Every operation of the committed openapi.yaml gets schemathesis' deterministic coverage cases
(boundary and invalid values, missing/unknown parameters, undocumented methods) and a bounded
number of generated requests, valid and invalid (`MAX_EXAMPLES` each, `derandomize` so CI runs
the same requests every time). Every response must pass schemathesis' default checks: no 5xx,
a documented status code and content type, a body that matches the response schema, invalid
requests rejected with 4xx, valid ones accepted, 405 with `Allow` for undocumented methods.

Bounded to fit in CI: about 180 requests in all (POST /v1/quotes ~80 coverage cases + 40
generated; each GET operation ~10 + 1, as they take no parameters), with short generated texts
(the engine takes ~0.5 s per real article, far less for these), so the module takes ~15 s on
2 cores, a third of it the server start-up."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from support import REPO, Server

MAX_EXAMPLES = 40  # generated requests per operation, on top of the coverage cases

schema = schemathesis.openapi.from_path(REPO / "openapi.yaml")


@pytest.fixture(scope="module")
def server(model_dir):
    """One worker: schemathesis sends one request at a time."""
    with Server(model_dir, workers=1, REQUEST_TIMEOUT="60") as server:
        yield server


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_every_operation_keeps_its_contract(case, server):
    assert server.proc.poll() is None, f"the server died:\n{server.output()[-5000:]}"
    case.call_and_validate(base_url=server.url, timeout=90)
