"""Admission control (service/admission.py) by itself, and wired into the web layer (FakeEngine)."""
from __future__ import annotations

import logging
import threading
import time

import pytest

from service.admission import Admission, ClientGone, CostModel, Overloaded, socket_connected
from service.app import create_app, queued_seconds
from service.engine import DeadlineExceeded
from support import FakeEngine

WAIT = 30  # generous: how long a test waits for another thread before it fails


class Holder:
    """A thread that takes a turn and keeps it until `release()`."""

    def __init__(self, admission: Admission, chars: int = 0, deadline: float | None = None):
        self.admission, self.chars = admission, chars
        self.deadline = deadline if deadline is not None else time.monotonic() + 3600
        self.started, self.done, self.error = threading.Event(), threading.Event(), None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with self.admission.turn(self.chars, self.deadline):
                self.started.set()
                assert self.done.wait(WAIT)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            self.error = exc
            self.started.set()

    def release(self) -> None:
        self.done.set()
        self.thread.join(WAIT)


def wait_until(condition) -> None:
    end = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < end, "condition never became true"
        time.sleep(0.01)


def test_cost_model_follows_measured_rates_and_ignores_tiny_texts():
    cost = CostModel(seconds_per_char=1e-4)
    before = cost.estimate(10_000)
    cost.observe(100, 5.0)  # a tiny text: overhead, not rate
    assert cost.estimate(10_000) == before
    for _ in range(30):
        cost.observe(10_000, 10.0)
    assert cost.estimate(10_000) == pytest.approx(10.0, rel=0.01)


def test_an_extraction_stopped_at_its_deadline_only_raises_the_rate():
    cost = CostModel(seconds_per_char=1e-4)
    cost.observe(1_000_000, 1.0, finished=False)  # stopped after 1 s: at least 1e-6 s per char
    assert cost.seconds_per_char == 1e-4
    cost.observe(10_000, 30.0, finished=False)
    assert cost.seconds_per_char > 1e-4


def test_an_idle_worker_starts_even_an_article_expected_to_overrun():
    admission = Admission(cost=CostModel(seconds_per_char=1.0))
    with admission.turn(1000, deadline=time.monotonic() + 1):  # the engine's own deadline stops it
        assert admission.busy()
    assert not admission.busy()


def test_a_busy_worker_refuses_at_once_what_cannot_finish_in_time():
    admission = Admission(cost=CostModel(seconds_per_char=1e-3))
    running = Holder(admission, chars=10_000)  # expected 10 s
    assert running.started.wait(WAIT) and running.error is None
    with pytest.raises(Overloaded) as refused:
        with admission.turn(1000, deadline=time.monotonic() + 5):
            pytest.fail("should not start")
    assert 9 <= refused.value.retry_after <= 11  # the running request's expected remaining time
    running.release()


def test_retry_after_ends_at_the_running_requests_deadline():
    admission = Admission(cost=CostModel(seconds_per_char=1e-2))
    running = Holder(admission, chars=10_000, deadline=time.monotonic() + 20)  # expected 100 s, stopped at 20
    assert running.started.wait(WAIT) and running.error is None
    assert admission.expected_wait() > 90  # admission stays cautious: it may overrun a little
    assert 15 < admission.retry_after() <= 20
    running.release()


def test_the_queue_is_bounded_and_served_in_arrival_order():
    admission = Admission(queue_limit=2)
    order = []
    running = Holder(admission)
    assert running.started.wait(WAIT)

    def waiter(name):
        with admission.turn(0, time.monotonic() + WAIT):
            order.append(name)

    threads = []
    for name in ("first", "second"):
        threads.append(threading.Thread(target=waiter, args=(name,)))
        threads[-1].start()
        wait_until(lambda n=len(threads): len(admission._waiting) == n)
    with pytest.raises(Overloaded, match="2 requests are already waiting"):
        with admission.turn(0, time.monotonic() + WAIT):
            pass
    running.release()
    for t in threads:
        t.join(WAIT)
    assert order == ["first", "second"] and not admission.busy()


def test_a_waiting_request_whose_client_left_is_never_started():
    admission = Admission()
    running = Holder(admission)
    assert running.started.wait(WAIT)
    gone = threading.Event()
    outcome = []

    def waiter():
        try:
            with admission.turn(0, time.monotonic() + WAIT, connected=lambda: not gone.is_set()):
                outcome.append("started")
        except ClientGone:
            outcome.append("dropped")

    thread = threading.Thread(target=waiter)
    thread.start()
    wait_until(lambda: len(admission._waiting) == 1)
    gone.set()
    thread.join(WAIT)
    assert outcome == ["dropped"] and not admission._waiting  # it left the queue too
    running.release()


def test_the_wait_counts_against_the_deadline():
    admission = Admission(cost=CostModel(seconds_per_char=0.0))
    running = Holder(admission)
    assert running.started.wait(WAIT)
    with pytest.raises(DeadlineExceeded):
        with admission.turn(0, time.monotonic() + 0.2):
            pytest.fail("should not start")
    running.release()


def test_socket_connected_sees_the_peer_close():
    import socket

    ours, theirs = socket.socketpair()
    connected = socket_connected(ours)
    assert connected()
    theirs.close()
    assert not connected()
    ours.close()


@pytest.mark.parametrize("header, expected", [
    (None, 0.0), ("", 0.0), ("t=junk", 0.0), ("t=nan", 0.0),
    ("t=990.5", 9.5),  # the front forwarded it 9.5 s ago
    ("t=2000", 0.0),  # in the future: no wait
    ("t=1", 30.0),  # capped at the time limit
])
def test_queued_seconds_from_the_fronts_header(header, expected):
    assert queued_seconds(header, now=1000.0, limit=30.0) == pytest.approx(expected)


# ---- wired into the web layer -------------------------------------------------------------------

class BlockingEngine(FakeEngine):
    """Each extraction waits until `release` is set."""

    def __init__(self):
        super().__init__()
        self.entered, self.release = threading.Event(), threading.Event()

    def extract(self, text, **options):
        self.entered.set()
        assert self.release.wait(WAIT)
        return super().extract(text, **options)


@pytest.fixture
def blocked():
    engine = BlockingEngine()
    app = create_app({"REQUEST_TIMEOUT": 60}, engine=engine)
    app.testing = True
    app.extensions["quote_engine"].admission.cost.seconds_per_char = 1e-2  # the first: 50 s expected
    first = threading.Thread(target=lambda: app.test_client().post("/v1/quotes", json={"text": "x" * 5000}))
    first.start()
    assert engine.entered.wait(WAIT)
    yield app, engine
    engine.release.set()
    first.join(WAIT)


def test_overloaded_is_503_problem_with_retry_after(blocked):
    app, _ = blocked
    text = '"Hi," Ann said. ' * 100  # 1,600 characters: about 16 s, after the first's 50 s
    response = app.test_client().post("/v1/quotes", json={"text": text})
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json["type"] == "/docs#overloaded" and response.json["status"] == 503
    assert 40 <= int(response.headers["Retry-After"]) <= 60  # the first's expected remaining time


def test_readyz_and_healthz_do_not_wait_for_a_busy_engine(blocked):
    app, engine = blocked
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert not engine.release.is_set()  # answered while the extraction still ran


def test_the_fronts_queue_time_counts_against_the_deadline_and_in_the_log(client, fake_engine, caplog):
    started = time.time() - 10  # REQUEST_TIMEOUT is 5 in this app
    with caplog.at_level(logging.INFO, logger="service.access"):
        response = client.post("/v1/quotes", json={"text": '"Hi," Ann said.'},
                               headers={"X-Request-Start": f"t={started:.3f}"})
    assert response.status_code == 503 and response.json["type"] == "/docs#deadline-exceeded"
    assert fake_engine.calls[0]["deadline"] <= time.monotonic()
    record = next(r for r in caplog.records if r.name == "service.access")
    assert record.queued_ms >= 4900 and record.duration_ms >= record.queued_ms


def test_every_extraction_runs_on_the_one_engine_thread():
    from service.app import EngineRunner

    class ThreadNoting(FakeEngine):
        def extract(self, text, **options):
            self.calls.append(threading.get_ident())
            return super().extract(text, **options)

    engine = ThreadNoting()
    runner = EngineRunner(engine)
    callers = [threading.Thread(target=runner.extract, args=("x",),
                                kwargs={"include_nonspeech": False, "deadline": time.monotonic() + WAIT})
               for _ in range(3)]
    for t in callers:
        t.start()
        t.join(WAIT)
    threads = {c for c in engine.calls if isinstance(c, int)}
    assert len(threads) == 1 and threads.isdisjoint({t.ident for t in callers})
