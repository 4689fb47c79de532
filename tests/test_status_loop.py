"""Unit tests of the polling loop: scripted statuses, a fake clock, no HTTP."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from mailstore import _status
from mailstore.errors import ConnectionLostError, NoTokenError, RequestTimeout, TaskDeadlineError

Status = Dict[str, Any]


def status(
    version: int, code: str = "running", token: Optional[str] = "t1", log: str = ""
) -> Status:
    return {
        "error": None,
        "token": token,
        "statusVersion": version,
        "statusCode": code,
        "percentProgress": None,
        "statusText": None,
        "result": None,
        "logOutput": log,
    }


class FakeServer:
    """Answers polls from a script; each answer may advance a fake clock."""

    def __init__(self, answers: List[Status], clock: FakeClock, cost: float = 0.0) -> None:
        self.answers = list(answers)
        self.clock = clock
        self.cost = cost
        self.polls: List[tuple] = []
        self.budgets: List[Optional[float]] = []

    def poll(self, token: str, last: int, wait_ms: int, budget: Optional[float]) -> Status:
        self.polls.append((token, last, wait_ms))
        self.budgets.append(budget)
        self.clock.now += (
            self.cost
            if self.answers and self.answers[0]["statusVersion"] > last
            else wait_ms / 1000
        )
        return self.answers.pop(0)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: List[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def run(first: Status, answers: List[Status], **kw: Any) -> tuple:
    clock = FakeClock()
    server = FakeServer(answers, clock, cost=kw.pop("cost", 0.001))
    seen: List[Status] = []
    final = _status.wait(
        first,
        server.poll,
        wait_ms=kw.pop("wait_ms", 1000),
        callback=seen.append,
        clock=clock,
        sleep=clock.sleep,
        **kw,
    )
    return final, seen, server, clock


def test_final_status_without_token_is_returned_at_once() -> None:
    done = status(2, "succeeded", token=None)
    final, seen, server, _ = run(done, [])
    assert final is done
    assert seen == [done]
    assert server.polls == []


def test_every_new_status_reported_once_and_versions_sent_back() -> None:
    first = status(1, log="a\r\n")
    answers = [
        status(2, log="b\r\n"),
        status(2),
        status(3, log="c\r\n"),
        status(4, "succeeded", log="d\r\n"),
    ]
    final, seen, server, _ = run(first, answers)
    assert final["statusCode"] == "succeeded"
    assert [s["statusVersion"] for s in seen] == [
        1,
        2,
        3,
        4,
    ]  # the repeated version 2 is not reported
    assert "".join(s["logOutput"] for s in seen) == "a\r\nb\r\nc\r\nd\r\n"
    assert [p[1] for p in server.polls] == [1, 2, 2, 3]
    assert all(p[0] == "t1" and p[2] == 1000 for p in server.polls)


@pytest.mark.parametrize(
    "code", ["failed", "cancelled", "canceled", "weird", "completedWithErrors"]
)
def test_any_code_other_than_running_is_final(code: str) -> None:
    final, seen, server, _ = run(status(1), [status(2, code)])
    assert final["statusCode"] == code
    assert len(server.polls) == 1


def test_token_is_kept_when_a_later_status_omits_it() -> None:
    final, seen, server, _ = run(
        status(1), [status(2, token=None), status(3, "succeeded", token=None)]
    )
    assert [p[0] for p in server.polls] == ["t1", "t1"]
    assert final["token"] == "t1"


def test_deadline_raises_with_last_status_and_token() -> None:
    # The server never has news: each poll costs the full wait of 1 s.
    answers = [status(1)] * 20
    with pytest.raises(TaskDeadlineError) as info:
        run(status(1), answers, deadline=3.5, function="VerifyStore")
    err = info.value
    assert err.token == "t1"
    assert err.status is not None and err.status["statusVersion"] == 1
    assert "VerifyStore" in str(err) and "CancelAsync" in str(err)


def test_deadline_shortens_the_last_wait() -> None:
    clock = FakeClock()
    server = FakeServer([status(1)] * 5, clock)
    with pytest.raises(TaskDeadlineError):
        _status.wait(
            status(1), server.poll, wait_ms=1000, deadline=2.25, clock=clock, sleep=clock.sleep
        )
    assert [p[2] for p in server.polls] == [1000, 1000, 250]


def test_each_poll_gets_the_time_left_before_the_deadline() -> None:
    clock = FakeClock()
    server = FakeServer([status(1)] * 5, clock)
    with pytest.raises(TaskDeadlineError):
        _status.wait(
            status(1), server.poll, wait_ms=1000, deadline=2.25, clock=clock, sleep=clock.sleep
        )
    assert server.budgets == [2.25, 1.25, 0.25]
    plain = FakeServer([status(1), status(2, "succeeded")], FakeClock())
    _status.wait(status(1), plain.poll, wait_ms=1000, clock=plain.clock, sleep=plain.clock.sleep)
    assert plain.budgets == [None, None]


def test_a_poll_cut_off_at_the_deadline_raises_task_deadline_error() -> None:
    clock = FakeClock()

    def dripping(token: str, last: int, wait_ms: int, budget: Optional[float]) -> Status:
        assert budget is not None
        clock.now += budget  # the transport gives up once the budget is spent
        raise RequestTimeout("cut off")

    with pytest.raises(TaskDeadlineError) as info:
        _status.wait(status(1), dripping, wait_ms=1000, deadline=3.0, clock=clock)
    assert info.value.token == "t1"
    assert isinstance(info.value.__cause__, RequestTimeout)
    assert clock.now == 103.0


def test_a_poll_timeout_before_the_deadline_stays_a_request_timeout() -> None:
    def slow(token: str, last: int, wait_ms: int, budget: Optional[float]) -> Status:
        raise RequestTimeout("slow")

    with pytest.raises(RequestTimeout) as info:
        _status.wait(status(1), slow, wait_ms=1000, deadline=60.0, clock=FakeClock())
    assert info.value.token == "t1"


def test_a_server_that_ignores_the_wait_does_not_cause_a_busy_loop() -> None:
    clock = FakeClock()
    answers = [status(1)] * 10 + [status(2, "succeeded")]

    def instant_poll(token: str, last: int, wait_ms: int, budget: Optional[float]) -> Status:
        return answers.pop(0)  # returns at once, no clock advance

    final = _status.wait(status(1), instant_poll, wait_ms=1000, clock=clock, sleep=clock.sleep)
    assert final["statusCode"] == "succeeded"
    assert len(clock.sleeps) == 10
    assert clock.sleeps == sorted(clock.sleeps) and clock.sleeps[-1] <= 1.0


def test_transport_error_during_poll_gets_the_last_status() -> None:
    def failing(token: str, last: int, wait_ms: int, budget: Optional[float]) -> Status:
        raise ConnectionLostError("lost")

    with pytest.raises(ConnectionLostError) as info:
        _status.wait(status(5), failing, wait_ms=10)
    assert info.value.token == "t1"
    assert info.value.status is not None and info.value.status["statusVersion"] == 5


def test_keyboard_interrupt_cancels_then_reraises() -> None:
    cancelled: List[Status] = []

    def interrupted(token: str, last: int, wait_ms: int, budget: Optional[float]) -> Status:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _status.wait(status(3), interrupted, wait_ms=10, cancel=cancelled.append)
    assert [s["statusVersion"] for s in cancelled] == [3]


def test_keyboard_interrupt_after_the_end_does_not_cancel() -> None:
    cancelled: List[Status] = []

    def callback(s: Status) -> None:
        if s["statusCode"] != "running":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _status.wait(
            status(1),
            lambda *a: status(2, "succeeded"),
            wait_ms=10,
            callback=callback,
            cancel=cancelled.append,
        )
    assert cancelled == []


def test_callback_error_propagates_and_names_the_token() -> None:
    class Boom(Exception):
        pass

    def callback(s: Status) -> None:
        raise Boom("bad callback")

    with pytest.raises(Boom) as info:
        _status.wait(status(1), lambda *a: status(2, "succeeded"), wait_ms=10, callback=callback)
    notes = getattr(info.value, "__notes__", None)
    if notes is not None:  # Python 3.11+
        assert any("t1" in n for n in notes)


def test_follow_yields_first_then_updates() -> None:
    answers = [status(2), status(3, "succeeded")]
    seen = list(_status.follow(status(1), lambda *a: answers.pop(0), wait_ms=5))
    assert [s["statusVersion"] for s in seen] == [1, 2, 3]


@pytest.mark.parametrize(
    "bad", [None, {}, {"token": None}, {"token": ""}, "abc", {"statusCode": "succeeded"}]
)
def test_token_of_rejects_statuses_without_token(bad: Any) -> None:
    with pytest.raises(NoTokenError) as info:
        _status.token_of(bad, "GetStatus")
    assert "GetStatus" in str(info.value) and "token" in str(info.value)


def test_no_token_error_keeps_the_2014_names() -> None:
    import mailstore.errors as errors

    assert errors.MailStoreNoTokenError is errors.NoTokenError
    assert issubclass(errors.NoTokenError, errors.MailStoreBaseError)
