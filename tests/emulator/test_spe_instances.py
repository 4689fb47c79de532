"""SPE instances over sockets: instanceFilter, status transitions as tasks, start failures."""

from __future__ import annotations

import time
from typing import Any, Dict, List

import pytest

import mailstore
from mailstore.emulator.spe import SpeEmulator
from mailstore.emulator.spe.dataset import START_FAILURE

Json = Dict[str, Any]
ALL = ["acme", "bluesky", "contoso", "fabrikam", "globex", "initech", "northwind",
       "tailspin", "umbrella", "wayne", "wideworld", "woodgrove"]  # fmt: skip
HOST_02 = ["tailspin", "umbrella", "wayne", "wideworld", "woodgrove"]


def ids(client: mailstore.mgmt.SPEClient, instance_filter: str) -> List[str]:
    status = client.GetInstances(instance_filter)
    assert status["statusCode"] == "succeeded", status["error"]
    return [i["instanceID"] for i in status["result"]]


def statuses(client: mailstore.mgmt.SPEClient) -> Dict[str, str]:
    return {i["instanceID"]: i["status"] for i in client.GetInstances("*")["result"]}


def test_default_instances_have_the_keys_monitoring_reads(
    spe_client: mailstore.mgmt.SPEClient,
) -> None:
    instances = spe_client.GetInstances("*")["result"]
    assert [i["instanceID"] for i in instances] == ALL
    keys = ["instanceID", "alias", "displayName", "instanceHost", "startMode", "processID",
            "status", "startStopError"]  # fmt: skip
    assert all(list(i) == keys for i in instances)
    by_status: Dict[str, List[str]] = {}
    for instance in instances:
        by_status.setdefault(instance["status"], []).append(instance["instanceID"])
    assert by_status == {
        "running": ["acme", "bluesky", "contoso", "fabrikam", "globex", "initech", "wayne",
                    "wideworld", "woodgrove"],
        "frozen": ["northwind"],
        "stopped": ["tailspin", "umbrella"],
    }  # fmt: skip
    errors = {i["instanceID"]: i["startStopError"] for i in instances if i["startStopError"]}
    assert errors == {"umbrella": START_FAILURE}
    assert all((i["processID"] is None) == (i["status"] == "stopped") for i in instances)


FILTERS = [
    ("*", ALL),
    ("acme", ["acme"]),
    ("wayne acme", ["acme", "wayne"]),  # instance order, not filter order
    ("ACME", ["acme"]),
    ("*instancehost02", HOST_02),
    ("*instancehost01 *instancehost02", ALL),
    ("*INSTANCEHOST02 acme", ["acme"] + HOST_02),
    ("* .stopped", ["tailspin", "umbrella"]),
    (".frozen", ["northwind"]),
    ("*instancehost02 .running", ["wayne", "wideworld", "woodgrove"]),
    ("* .stopped .frozen", ["northwind", "tailspin", "umbrella"]),
    ("nosuch", []),
    ("*nosuchhost", []),
    ("", []),
    ("  acme   globex ", ["acme", "globex"]),
]


def test_instance_filter(spe_client: mailstore.mgmt.SPEClient) -> None:
    for instance_filter, expected in FILTERS:
        assert ids(spe_client, instance_filter) == expected, instance_filter


def test_start_stop_restart_freeze_thaw(spe_client: mailstore.mgmt.SPEClient) -> None:
    for function, instance_filter, wanted in [
        ("StartInstances", "tailspin", "running"),
        ("StopInstances", "acme", "stopped"),
        ("FreezeInstances", "bluesky", "frozen"),
        ("ThawInstances", "northwind", "running"),
        ("RestartInstances", "contoso", "running"),
    ]:
        status = getattr(spe_client, function)(instance_filter)
        assert status["statusCode"] == "succeeded", (function, status["error"])
        assert statuses(spe_client)[instance_filter] == wanted
    log = spe_client.StopInstances("acme wayne")["logOutput"]
    assert "Instance 'acme' is already stopped.\r\nStopping instance 'wayne'..." in log
    assert statuses(spe_client)["acme"] == statuses(spe_client)["wayne"] == "stopped"
    instances = {i["instanceID"]: i for i in spe_client.GetInstances("acme tailspin")["result"]}
    assert instances["acme"]["processID"] is None
    assert isinstance(instances["tailspin"]["processID"], int)


def test_a_transition_is_a_task_whose_steps_show_in_get_instances(spe: SpeEmulator) -> None:
    spe.step_interval = 0.05
    client = mailstore.mgmt.SPEClient(**spe.client_kwargs(), autoHandleToken=False)
    try:
        first = client.StopInstances("*instancehost02 .running")
        assert first["statusCode"] == "running" and first["token"]
        seen = set()
        deadline = time.monotonic() + 10
        status = first
        while status["statusCode"] == "running":
            assert time.monotonic() < deadline
            now = statuses(client)
            seen.update(now[i] for i in ("wayne", "wideworld", "woodgrove"))
            status = client.GetStatus(status)
        assert status["statusCode"] == "succeeded", status["error"]
        assert {"stopping"} <= seen <= {"running", "stopping", "stopped"}
        assert all(statuses(client)[i] == "stopped" for i in HOST_02)
    finally:
        client.close()


def test_a_running_transition_can_be_cancelled(spe: SpeEmulator) -> None:
    spe.step_interval = 0.2
    client = mailstore.mgmt.SPEClient(**spe.client_kwargs(), autoHandleToken=False)
    try:
        first = client.StopInstances("* .running")
        assert first["statusCode"] == "running"
        assert statuses(client)["acme"] == "stopping"
        client.CancelAsync(first)
        assert client.HandleToken(first)["statusCode"] == "cancelled"
        after = statuses(client)
        assert after["acme"] == "stopped"  # the instance at hand completes its transition
        assert after["bluesky"] == "running"  # the others are left alone
        assert "stopping" not in after.values()
    finally:
        client.close()


def test_transitions_that_do_not_apply_fail_the_task_and_name_the_instances(
    spe_client: mailstore.mgmt.SPEClient,
) -> None:
    status = spe_client.FreezeInstances("acme tailspin")
    assert status["statusCode"] == "failed"
    assert status["error"]["message"] == "1 of 2 instance(s) failed: tailspin."
    assert "Instance 'tailspin' cannot be frozen: it is stopped." in status["logOutput"]
    assert statuses(spe_client)["acme"] == "frozen"  # the others still made it
    assert spe_client.ThawInstances("tailspin")["statusCode"] == "failed"
    assert spe_client.StartInstances("northwind")["statusCode"] == "failed"  # thaw it instead
    running = spe_client.StartInstances("acme")  # frozen now
    assert running["statusCode"] == "failed"
    assert spe_client.ThawInstances("acme bluesky")["statusCode"] == "succeeded"  # bluesky: no-op
    empty = spe_client.StopInstances("nosuch")
    assert empty["statusCode"] == "succeeded"
    assert "No instance matches the filter 'nosuch'." in empty["logOutput"]


def test_an_instance_that_fails_to_start(
    spe: SpeEmulator, spe_client: mailstore.mgmt.SPEClient
) -> None:
    status = spe_client.StartInstances("umbrella")
    assert status["statusCode"] == "failed"
    assert START_FAILURE in status["logOutput"]
    umbrella = spe_client.GetInstances("umbrella")["result"][0]
    assert (umbrella["status"], umbrella["startStopError"]) == ("stopped", START_FAILURE)

    spe.fail_start("umbrella", None)  # the problem was fixed
    assert spe_client.StartInstances("umbrella")["statusCode"] == "succeeded"
    umbrella = spe_client.GetInstances("umbrella")["result"][0]
    assert (umbrella["status"], umbrella["startStopError"]) == ("running", None)

    spe.fail_start("acme", "Out of memory.")
    assert spe_client.RestartInstances("acme")["statusCode"] == "failed"
    acme = spe_client.GetInstances("acme")["result"][0]
    assert (acme["status"], acme["startStopError"]) == ("stopped", "Out of memory.")
    messages = [m["text"] for m in spe_client.GetServiceStatus()["result"]["messages"]]
    assert "Instance acme on instancehost01: Out of memory." in messages
    with pytest.raises(KeyError):
        spe.fail_start("nosuch")


def test_create_and_delete_instances(spe_client: mailstore.mgmt.SPEClient) -> None:
    config = {"instanceID": "newco", "alias": "nc", "displayName": "New Co",
              "instanceHost": "instancehost02"}  # fmt: skip
    created = spe_client.CreateInstance(config)
    assert created["statusCode"] == "succeeded", created["error"]
    assert "Instance 'newco' created." in created["logOutput"]
    newco = spe_client.GetInstances("newco")["result"][0]
    assert (newco["alias"], newco["displayName"], newco["status"]) == ("nc", "New Co", "running")
    assert ids(spe_client, "*instancehost02")[-1] == "newco"
    users = [u["userName"] for u in spe_client.GetUsers(instanceID="newco")["result"]]
    assert users == ["$archiveadmin", "admin"]
    stores = spe_client.GetStores(instanceID="newco")["result"]
    assert [(s["name"], s["requestedState"]) for s in stores] == [("DefaultFileGroup", "current")]
    config_view = spe_client.GetInstanceConfiguration(instanceID="newco")["result"]
    assert config_view["baseDirectory"] == "E:\\Instances\\newco"

    for bad, message in [
        ({"instanceID": "newco", "instanceHost": "instancehost01"}, "already exists"),
        ({"instanceID": "has space", "instanceHost": "instancehost01"}, "Invalid instance ID"),
        ({"instanceID": "x1", "instanceHost": "nosuchhost"}, "does not exist"),
        ({"instanceID": "x2", "instanceHost": "instancehost01", "startMode": "sometimes"},
         "Invalid start mode"),
    ]:  # fmt: skip
        status = spe_client.CreateInstance(bad)
        assert status["statusCode"] == "failed" and message in status["error"]["message"]
    manual = {"instanceID": "later", "instanceHost": "instancehost01", "startMode": "manual"}
    assert spe_client.CreateInstance(manual)["statusCode"] == "succeeded"
    assert statuses(spe_client)["later"] == "stopped"

    refused = spe_client.DeleteInstances("newco")
    assert refused["statusCode"] == "failed"
    assert "cannot be deleted: it is running" in refused["logOutput"]
    assert spe_client.StopInstances("newco")["statusCode"] == "succeeded"
    assert spe_client.DeleteInstances("newco later")["statusCode"] == "succeeded"
    assert ids(spe_client, "newco later") == []
    gone = spe_client.GetUsers(instanceID="newco")
    assert gone["statusCode"] == "failed"
    assert gone["error"]["message"] == "Instance 'newco' does not exist."


def test_instance_configuration_can_be_changed(spe_client: mailstore.mgmt.SPEClient) -> None:
    change = {"instanceID": "acme", "displayName": "ACME Corp.", "startMode": "manual",
              "status": "stopped", "instanceHost": "instancehost02"}  # fmt: skip
    assert spe_client.SetInstanceConfiguration(change)["statusCode"] == "succeeded"
    acme = spe_client.GetInstances("acme")["result"][0]
    assert (acme["displayName"], acme["startMode"]) == ("ACME Corp.", "manual")
    assert (acme["status"], acme["instanceHost"]) == ("running", "instancehost01")  # not settable
    bad = spe_client.SetInstanceConfiguration({"instanceID": "acme", "startMode": "never"})
    assert bad["statusCode"] == "failed"
    missing = spe_client.SetInstanceConfiguration({"displayName": "x"})
    assert missing["statusCode"] == "failed"
