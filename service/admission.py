"""Admission control for one worker's engine.

A worker runs one extraction at a time. Requests wait for it in a bounded FIFO queue; one that
the queue's expected wait would carry past its deadline is refused at once (503 with
`Retry-After`: the expected wait) rather than left to fail after waiting, and one whose client
has gone is dropped before its extraction starts. Expected times come from a cost per character
measured on this worker's own extractions. No Flask here: app.py wires it in."""
from __future__ import annotations

import math
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .engine import DeadlineExceeded

QUEUE_LIMIT = 16  # requests waiting per worker besides the one running; gunicorn gives each a thread
INITIAL_SECONDS_PER_CHAR = 1.2e-4  # about 0.7 s per 1,000 words (README) until measured here
OVERHEAD_S = 0.05  # per extraction, whatever its length
MIN_SAMPLE_CHARS = 2000  # shorter texts are mostly overhead: they say little about the rate
EWMA_WEIGHT = 0.3  # weight of the newest measurement in the running rate
CLIENT_CHECK_S = 0.5  # how often a waiting request looks whether its client is still there
MARGIN = 1.25  # estimates run low when a burst makes every process compete for the cores


class Overloaded(Exception):
    """Refused at admission: the worker could not start this request in time."""

    def __init__(self, detail: str, retry_after: float):
        super().__init__(detail)
        self.retry_after = max(1, math.ceil(retry_after))  # whole seconds (RFC 9110 delay-seconds)


class ClientGone(Exception):
    """The client closed its connection before its extraction started."""


class CostModel:
    """Expected seconds for an extraction of `chars` characters: a fixed overhead plus a rate
    per character, the exponentially weighted mean of the rates measured so far."""

    def __init__(self, seconds_per_char: float = INITIAL_SECONDS_PER_CHAR):
        self.seconds_per_char = seconds_per_char

    def estimate(self, chars: int) -> float:
        return OVERHEAD_S + chars * self.seconds_per_char

    def observe(self, chars: int, seconds: float, finished: bool = True) -> None:
        """An extraction that did not finish (stopped at its deadline) took at least `seconds`:
        it may raise the rate, never lower it."""
        if chars >= MIN_SAMPLE_CHARS:
            rate = max(0.0, seconds - OVERHEAD_S) / chars
            if finished or rate > self.seconds_per_char:
                self.seconds_per_char += EWMA_WEIGHT * (rate - self.seconds_per_char)


def always_connected() -> bool:
    return True


def socket_connected(sock: socket.socket | None) -> Callable[[], bool]:
    """A check that the peer of `sock` has not closed the connection (it has sent its whole
    request, so an orderly end of stream means it is gone)."""
    if sock is None:
        return always_connected

    def connected() -> bool:
        try:
            return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) != b""
        except BlockingIOError:
            return True  # open, nothing to read
        except OSError:
            return False  # reset or closed

    return connected


class _Ticket:
    def __init__(self, estimate: float, deadline: float):
        self.estimate, self.deadline = estimate, deadline



class Admission:
    """The engine's turn for one request at a time, in arrival order (see the module doc)."""

    def __init__(self, queue_limit: int = QUEUE_LIMIT, cost: CostModel | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.queue_limit = queue_limit
        self.cost = cost or CostModel()
        self._clock = clock
        self._cond = threading.Condition()
        self._waiting: deque[_Ticket] = deque()
        self._running: tuple[float, _Ticket] | None = None  # (started, ticket)

    def busy(self) -> bool:
        with self._cond:
            return self._running is not None or bool(self._waiting)

    def expected_wait(self) -> float:
        """Seconds until a request arriving now would start, by the estimates. Admission goes by
        this, uncapped: an extraction may run to its deadline and a little past it."""
        with self._cond:
            wait = sum(ticket.estimate for ticket in self._waiting)
            if self._running is not None:
                started, ticket = self._running
                wait += max(0.0, ticket.estimate - (self._clock() - started))
            return wait

    def retry_after(self) -> float:
        """When a refused client should come back: the expected wait, but no later than the
        last deadline in the queue, by which every request now here has finished or failed."""
        with self._cond:
            tickets = list(self._waiting) + ([self._running[1]] if self._running else [])
            last = max((t.deadline for t in tickets), default=self._clock())
            return min(self.expected_wait(), max(0.0, last - self._clock()))

    @contextmanager
    def turn(self, chars: int, deadline: float, connected: Callable[[], bool] = always_connected) -> Iterator[None]:
        """Wait for the engine, then hold it for the block. Raises Overloaded at once when the
        queue is full or its expected wait leaves too little time before `deadline`;
        DeadlineExceeded when the wait runs past it; ClientGone when the client leaves first."""
        ticket = self._enqueue(chars, deadline)
        self._wait_for(ticket, deadline, connected)
        started, finished = self._clock(), False
        try:
            yield
            finished = True
        finally:
            with self._cond:
                self._running = None
                self.cost.observe(chars, self._clock() - started, finished)
                self._cond.notify_all()

    def try_turn(self) -> bool:
        """Take the engine at once if nothing runs or waits (release with `release`)."""
        with self._cond:
            if self.busy():
                return False
            now = self._clock()
            self._running = (now, _Ticket(0.0, now))
            return True

    def release(self) -> None:
        with self._cond:
            self._running = None
            self._cond.notify_all()

    def _enqueue(self, chars: int, deadline: float) -> _Ticket:
        with self._cond:
            own, wait = self.cost.estimate(chars), self.expected_wait()
            if len(self._waiting) >= self.queue_limit:
                raise Overloaded(f"{len(self._waiting)} requests are already waiting for this worker",
                                 self.retry_after())
            if self.busy() and self._clock() + MARGIN * (wait + own) > deadline:
                raise Overloaded(f"the requests ahead of this one would take about {wait:.1f} s and this "
                                 f"article about {own:.1f} s: more than the request time limit allows",
                                 self.retry_after())
            ticket = _Ticket(own, deadline)
            self._waiting.append(ticket)
            return ticket

    def _wait_for(self, ticket: _Ticket, deadline: float, connected: Callable[[], bool]) -> None:
        with self._cond:
            try:
                while self._running is not None or self._waiting[0] is not ticket:
                    remaining = deadline - self._clock()
                    if remaining <= 0:
                        raise DeadlineExceeded("the engine stayed busy with other requests past the request "
                                               "time limit")
                    self._cond.wait(min(remaining, CLIENT_CHECK_S))
                    if not connected():
                        raise ClientGone()
                if not connected():
                    raise ClientGone()
            except BaseException:
                self._waiting.remove(ticket)
                self._cond.notify_all()
                raise
            self._waiting.popleft()
            self._running = (self._clock(), ticket)
