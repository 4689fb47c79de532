"""SPEClient.forInstance and forEachInstance against the SPE emulator, over sockets."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Any, Dict, Iterator, List, Set, Tuple

import pytest

import mailstore
from mailstore import errors
from mailstore.emulator.spe import SpeEmulator

Status = Dict[str, Any]
RUNNING = ["acme", "bluesky", "contoso", "fabrikam", "globex", "initech", "wayne",
           "wideworld", "woodgrove"]  # fmt: skip
NOT_RUNNING = ["northwind", "tailspin", "umbrella"]  # frozen, stopped, stopped


@pytest.fixture
def new_spe_client(spe: SpeEmulator) -> Iterator[Any]:
    made: List[mailstore.SPEClient] = []

    def make(**kw: Any) -> mailstore.SPEClient:
        made.append(mailstore.SPEClient(**{**spe.client_kwargs(), **kw}))
        return made[-1]

    yield make
    for client in made:
        client.close()


def instance_ids(emu: SpeEmulator, function: str) -> List[str]:
    return [args["instanceID"] for args in emu.stats.calls(function)]


def user_count(client: Any, instance: Dict[str, Any]) -> int:
    return len(client.GetUsers()["result"])


# -- results, errors, order ------------------------------------------------------------------


def test_outcomes_in_instance_order_with_results_errors_and_skips(
    spe: SpeEmulator, new_spe_client: Any
) -> None:
    client = new_spe_client(raiseOnFailure=True)
    outcomes = client.forEachInstance(user_count)
    listed = client.GetInstances("*")["result"]
    assert [o.instanceID for o in outcomes] == [i["instanceID"] for i in listed]
    assert [o.instance for o in outcomes] == listed
    assert outcomes.skipped == NOT_RUNNING
    assert all(o.value is None and o.error is None for o in outcomes if o.skipped)
    assert list(outcomes.errors) == ["wayne"]  # service provider access is off there
    wayne = outcomes.errors["wayne"]
    assert isinstance(wayne, errors.APIError) and "Service provider access" in str(wayne)
    expected = {i: len(client.GetUsers(instanceID=i)["result"]) for i in RUNNING if i != "wayne"}
    assert outcomes.results == expected
    assert len(set(expected.values())) > 1  # each call really went to its own instance
    assert not outcomes.ok
    assert sorted(instance_ids(spe, "GetUsers")) == sorted(RUNNING + list(expected))


def test_a_failed_function_is_a_value_unless_raise_on_failure(new_spe_client: Any) -> None:
    outcomes = new_spe_client().forEachInstance(lambda c, i: c.GetUsers(), "wayne acme")
    assert outcomes.ok and list(outcomes.results) == ["acme", "wayne"]
    assert outcomes.results["wayne"]["statusCode"] == "failed"


def test_skip_not_running_false_calls_every_listed_instance(
    spe: SpeEmulator, new_spe_client: Any
) -> None:
    client = new_spe_client()
    outcomes = client.forEachInstance(
        lambda c, i: c.GetInstanceStatistics()["result"], "*instancehost02", skipNotRunning=False
    )
    assert [o.instanceID for o in outcomes] == ["tailspin", "umbrella", "wayne", "wideworld",
                                                "woodgrove"]  # fmt: skip
    assert outcomes.skipped == [] and outcomes.ok
    assert outcomes.results["tailspin"] is None  # a stopped instance has no statistics
    assert outcomes.results["wayne"]["numberOfMessages"] > 0
    assert sorted(instance_ids(spe, "GetInstanceStatistics")) == sorted(outcomes.results)


def test_each_instance_acts_on_its_own_archive(spe: SpeEmulator, new_spe_client: Any) -> None:
    def add_user(client: Any, instance: Dict[str, Any]) -> str:
        name = "fan." + instance["instanceID"]
        assert client.CreateUser(name, "none")["statusCode"] == "succeeded"
        return name

    outcomes = new_spe_client().forEachInstance(add_user, "acme bluesky contoso", workers=3)
    assert outcomes.ok and len(outcomes.results) == 3
    for instance_id in ("acme", "bluesky", "contoso"):
        users = {u["userName"] for u in spe.state.archive(instance_id).data["users"]}
        assert {u for u in users if u.startswith("fan.")} == {"fan." + instance_id}


def test_an_empty_selection_gives_an_empty_result(new_spe_client: Any) -> None:
    outcomes = new_spe_client().forEachInstance(user_count, "nosuch")
    assert outcomes == [] and outcomes.ok and outcomes.results == {}


# -- failures --------------------------------------------------------------------------------


def test_instance_stopped_between_listing_and_calling(
    spe: SpeEmulator, new_spe_client: Any
) -> None:
    def stop_bluesky_from_acme(client: Any, instance: Dict[str, Any]) -> int:
        if instance["instanceID"] == "acme":  # runs first: one worker takes them in order
            assert client.StopInstances("bluesky")["statusCode"] == "succeeded"
        return user_count(client, instance)

    client = new_spe_client(raiseOnFailure=True)
    outcomes = client.forEachInstance(stop_bluesky_from_acme, "acme bluesky contoso", workers=1)
    assert outcomes[1].instance["status"] == "running"  # as listed
    assert list(outcomes.errors) == ["bluesky"]
    assert "Instance 'bluesky' is not running." in str(outcomes.errors["bluesky"])
    assert list(outcomes.results) == ["acme", "contoso"]


def test_instance_failing_mid_run_leaves_the_others_alone(
    spe: SpeEmulator, new_spe_client: Any
) -> None:
    def users_then_stores(client: Any, instance: Dict[str, Any]) -> int:
        users = user_count(client, instance)
        return users + len(client.GetStores()["result"])

    spe.faults.drop_after_read(function="GetStores", count=1)  # acme's: one worker, in order
    outcomes = new_spe_client().forEachInstance(users_then_stores, "acme bluesky globex", workers=1)
    assert list(outcomes.errors) == ["acme"]
    assert isinstance(outcomes.errors["acme"], errors.ConnectionLostError)
    assert instance_ids(spe, "GetUsers")[0] == "acme"  # its first call had gone through
    assert list(outcomes.results) == ["bluesky", "globex"]


def test_a_bug_in_fn_is_collected_with_its_traceback(
    spe: SpeEmulator, new_spe_client: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    def buggy(client: Any, instance: Dict[str, Any]) -> float:
        users = user_count(client, instance)
        return users / (instance["instanceID"] != "contoso")  # ZeroDivisionError on contoso

    outcomes = new_spe_client().forEachInstance(buggy, "acme contoso globex")
    assert list(outcomes.results) == ["acme", "globex"]
    bug = outcomes.errors["contoso"]
    assert isinstance(bug, ZeroDivisionError)
    text = outcomes[1].traceback
    assert text.startswith("Traceback") and "in buggy" in text and "ZeroDivisionError" in text
    assert "contoso" in repr(outcomes[1]) and "ZeroDivisionError" in repr(outcomes[1])
    out, err = capfd.readouterr()
    assert out == ""
    assert "fn raised ZeroDivisionError on instance contoso" in err


def test_listing_fails_before_anything_runs(spe: SpeEmulator, new_spe_client: Any) -> None:
    client = new_spe_client()
    spe.faults.http_error(500, function="GetInstances")
    with pytest.raises(errors.ServerError):
        client.forEachInstance(user_count)
    assert spe.stats.calls("GetUsers") == []


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"fn": None}, "fn must be callable"),
        ({"fn": user_count, "workers": 0}, "workers must be a whole number"),
        ({"fn": user_count, "workers": 2.5}, "workers must be a whole number"),
    ],
)
def test_bad_arguments(new_spe_client: Any, kwargs: Dict[str, Any], message: str) -> None:
    with pytest.raises(errors.ArgumentError, match=message):
        new_spe_client().forEachInstance(**kwargs)


# -- connections -----------------------------------------------------------------------------


def test_more_workers_than_connections_wait_their_turn(
    spe: SpeEmulator, new_spe_client: Any
) -> None:
    client = new_spe_client(poolSize=2)
    spe.faults.latency(0.03, function="GetStores")
    started = time.monotonic()
    outcomes = client.forEachInstance(lambda c, i: c.GetStores()["result"], workers=8)
    took = time.monotonic() - started
    assert outcomes.ok and len(outcomes.results) == len(RUNNING)
    assert spe.stats.connections <= 2  # the client's own pool, nothing more
    assert took >= 5 * 0.03  # 9 calls, at most 2 at a time


def test_for_instance_shares_the_connections(spe: SpeEmulator, new_spe_client: Any) -> None:
    client = new_spe_client(poolSize=1)
    acme = client.forInstance("acme")
    assert repr(acme).endswith("instanceID='acme')") and client.instanceID is None
    with acme:
        assert acme.GetUsers()["statusCode"] == "succeeded"
    assert acme.GetUsers(instanceID="bluesky")["statusCode"] == "succeeded"  # a call's own wins
    assert client.GetUsers(instanceID="contoso")["statusCode"] == "succeeded"
    assert instance_ids(spe, "GetUsers") == ["acme", "bluesky", "contoso"]
    assert spe.stats.connections == 1  # and closing the view did not close it
    with pytest.raises(errors.ArgumentError):
        client.forInstance("")


# -- Ctrl-C ----------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT to itself")
@pytest.mark.parametrize("workers, pool_size", [(3, 10), (4, 2)], ids=["pooled", "gate"])
def test_ctrl_c_cancels_the_followed_tasks_and_starts_nothing_more(
    mailstore_spe_emulator: SpeEmulator,
    new_spe_client: Any,
    python_sigint: None,
    workers: int,
    pool_size: int,
) -> None:
    spe = mailstore_spe_emulator
    spe.step_interval = 0.05  # a VerifyStore takes about 3.5 s
    lock = threading.Lock()
    tokens: Set[str] = set()

    def on_status(status: Status) -> None:  # runs in the workers
        with lock:
            if status["statusCode"] == "running" and len(tokens) < workers:
                tokens.add(status["token"])
                if len(tokens) == workers:  # every worker follows a task: press Ctrl-C
                    os.kill(os.getpid(), signal.SIGINT)

    client = new_spe_client(callback=on_status, poolSize=pool_size, waitTime=5000)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt) as info:
        client.forEachInstance(lambda c, i: c.VerifyStore(1), workers=workers)
    took = time.monotonic() - started
    assert len(spe.stats.calls("VerifyStore")) == workers  # no instance started after Ctrl-C
    assert sorted(c["token"] for c in spe.stats.calls("cancel-async")) == sorted(tokens)
    for token in tokens:
        task = spe.tasks.get(token)
        assert spe.tasks.wait_finished(task, 2) and task.status_code == "cancelled"
    notes = "\n".join(getattr(info.value, "__notes__", []))
    assert f"0 of {len(RUNNING)} instance(s) done, {workers} stopped at their next request" in notes
    assert all(token in notes for token in tokens)
    assert took < 3  # well before the tasks would have ended
    assert not [t for t in threading.enumerate() if t.name.startswith("mailstore-fanout")]


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT to itself")
@pytest.mark.parametrize(
    "presses, workers, counts",
    [
        # One worker: a Thread.join interrupted by Ctrl-C would take it for ended.
        ((0.3,), 1, "1 of 9 instance(s) done, 0 stopped at their next request, 8 not started."),
        (
            (0.3, 0.6),
            2,
            "0 of 9 instance(s) done, 0 stopped at their next request, 2 still in a request "
            "(not waited for after a second Ctrl-C), 7 not started.",
        ),
    ],
    ids=["waits-for-the-request", "second-ctrl-c-stops-waiting"],
)
def test_ctrl_c_while_workers_are_in_a_slow_request(
    spe: SpeEmulator,
    new_spe_client: Any,
    python_sigint: None,
    presses: Tuple[float, ...],
    workers: int,
    counts: str,
) -> None:
    latency = 1.5
    spe.faults.latency(latency, function="GetUsers")  # each worker sits in a slow request
    client = new_spe_client()
    timers = [threading.Timer(d, os.kill, (os.getpid(), signal.SIGINT)) for d in presses]
    for timer in timers:
        timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt) as info:
        client.forEachInstance(user_count, workers=workers)
    took = time.monotonic() - started
    for timer in timers:
        timer.join()
    assert counts in "\n".join(getattr(info.value, "__notes__", []))
    if len(presses) == 1:
        assert took >= latency  # the requests in progress were allowed to end
    else:
        assert took < latency - 0.3  # not waiting for them
