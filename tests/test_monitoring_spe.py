"""mailstore.monitoring.check() of an SPE against the SPE emulator: how each service judges.

The emulator starts with its default instances (running, frozen, stopped, one that failed
to start, one without service provider access); ``healthy_spe`` makes all of them healthy.
"""

from __future__ import annotations

from typing import Any, Dict

import pytest
from health_data import IMAP, NOW, check, healthy_spe, run, services, set_instance

import mailstore
from mailstore import monitoring
from mailstore.emulator.spe.dataset import START_FAILURE
from mailstore.errors import ArgumentError
from mailstore.monitoring import State


def states(report: monitoring.Report, kind: str) -> Dict[str, State]:
    return {s.key: s.state for s in report.services if s.kind == kind}


def test_a_healthy_spe(spe: Any) -> None:
    healthy_spe(spe)
    report = check(spe, instance_filter="acme wayne")
    assert (report.state, report.exit_code, report.reached) == (State.OK, 0, True)
    assert [s.key for s in report.services] == [
        "connection", "service", "licence",
        "acme_instance", "acme_store_1", "acme_store_2", "acme_store_3",
        "acme_profile_1", "acme_profile_2", "acme_profile_3", "acme_profile_5", "acme_jobs",
        "wayne_instance", "wayne_store_1", "wayne_store_2", "wayne_store_3",
        "wayne_profile_1", "wayne_profile_2", "wayne_profile_3", "wayne_profile_5", "wayne_jobs",
    ]  # fmt: skip
    found = services(report)
    assert found["acme_profile_3"].name == "acme: profile IMAP info@example.com"
    assert found["acme_instance"].name == "acme: instance ACME Corporation"
    assert found["acme_instance"].summary == "running on instancehost01, 69,609 messages, 5.1 GB"
    assert [(m.name, m.value) for m in found["acme_instance"].metrics] == [
        ("named_users", 30), ("messages", 69609), ("size", 4891 * 1024 * 1024)
    ]  # fmt: skip


def test_an_spe_client_itself(spe: Any) -> None:
    with mailstore.mgmt.SPEClient(**spe.client_kwargs(), logLevel=None) as client:
        report = monitoring.check(client, now=NOW, instance_filter="acme")
    assert report.reached and "acme_jobs" in services(report)


def test_every_instance_is_asked_in_utc(spe: Any) -> None:
    healthy_spe(spe)
    check(spe, instance_filter="acme bluesky")
    asked = spe.stats.calls("GetWorkerResults")
    assert sorted(call["instanceID"] for call in asked) == ["acme", "bluesky"]
    assert {(c["fromIncluding"], c["toExcluding"], c["timeZoneID"]) for c in asked} == {
        ("2026-05-02T10:00:00", "2026-05-03T12:00:00", "UTC")
    }
    assert spe.stats.calls("GetInstances") == [{"instanceFilter": "acme bluesky"}]


def test_the_default_spe(spe: Any) -> None:
    """The emulator as it starts: each kind of trouble an SPE has, on its instance."""
    report = check(spe)
    found = services(report)
    assert states(report, "instance") == {
        "acme_instance": State.OK, "bluesky_instance": State.OK, "contoso_instance": State.OK,
        "fabrikam_instance": State.OK, "globex_instance": State.OK, "initech_instance": State.OK,
        "northwind_instance": State.WARNING, "tailspin_instance": State.CRITICAL,
        "umbrella_instance": State.CRITICAL, "wayne_instance": State.OK,
        "wideworld_instance": State.OK, "woodgrove_instance": State.OK,
    }  # fmt: skip
    assert found["northwind_instance"].summary == (
        "frozen on instancehost01: nothing is archived until it is thawed"
    )
    assert found["umbrella_instance"].summary == f"stopped on instancehost02: {START_FAILURE}"
    assert not [key for key in found if key.startswith(("northwind_", "tailspin_", "umbrella_"))
                and not key.endswith("_instance")]  # fmt: skip
    assert (found["wayne_profiles"].state, found["wayne_profiles"].summary) == (
        State.UNKNOWN,
        "GetProfiles failed: Service provider access is disabled for instance 'wayne'.",
    )
    assert found["wayne_store_1"].state == State.OK  # stores need no provider access
    assert found["globex_store_5"].state == State.CRITICAL
    service = found["service"]
    assert service.state == State.CRITICAL
    assert service.summary == (
        "error: Instance globex on instancehost01: One or more search indexes have to be "
        f"rebuilt.; error: Instance umbrella on instancehost02: {START_FAILURE}"
    )
    assert service.details[:3] == (
        "MailStore SPE 25.3.1.23021 on spe.example.com, 12 instances: 9 running, 1 frozen, "
        "2 stopped, 647,097 messages, 47.8 GB",
        "web client 25.3.1.23021",
        "information: A new MailStore Service Provider Edition version (26.2.0.24007) is "
        "available.",
    )
    assert [(m.name, m.value) for m in service.metrics] == [
        ("instances", 12), ("instances_running", 9), ("archive_messages", 647097),
        ("archive_size", 47764733952),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "status, error, expected, state",
    [
        ("stopped", None, "", State.CRITICAL),
        ("stopped", None, "TailSpin", State.OK),  # instance IDs are not case-sensitive
        ("stopped", None, "acme, tailspin", State.OK),
        ("stopped", START_FAILURE, "tailspin", State.CRITICAL),  # a failed start is never fine
        ("running", START_FAILURE, "", State.CRITICAL),  # e.g. a stop that failed
        ("frozen", None, "", State.WARNING),
        ("frozen", None, "tailspin", State.OK),
        ("starting", None, "", State.CRITICAL),
    ],
)
def test_an_instance_that_is_not_running(
    spe: Any, status: str, error: Any, expected: str, state: State
) -> None:
    healthy_spe(spe)
    set_instance(spe, "tailspin", status=status, startStopError=error)
    report = check(spe, instance_filter="tailspin", expected_stopped=expected)
    assert services(report)["tailspin_instance"].state == state


def test_service_messages(spe: Any) -> None:
    healthy_spe(spe)
    with spe.state.lock:
        spe.state.data["serviceMessages"] = [
            {"type": "Warning", "text": "The license expires in 12 days."},
            {"type": "information", "text": "All fine otherwise."},
        ]
    service = services(check(spe, instance_filter="acme"))["service"]
    assert (service.state, service.summary) == (
        State.WARNING,
        "warning: The license expires in 12 days.",
    )
    assert service.details[-2:] == (
        "warning: The license expires in 12 days.",
        "information: All fine otherwise.",
    )


def test_the_spe_version_against_min_version(spe: Any) -> None:
    healthy_spe(spe)
    service = services(check(spe, instance_filter="acme", min_version="25.10"))["service"]
    assert (service.state, service.summary) == (
        State.WARNING,
        "version 25.3.1.23021 is older than 25.10",
    )


def test_a_failed_run_in_one_instance(spe: Any) -> None:
    healthy_spe(spe)
    with spe.state.lock:
        spe.state.archive("bluesky").data["workerResults"].append(run(504, IMAP, "failed", 0.5))
    report = check(spe, instance_filter="acme bluesky")
    assert [(s.key, s.state) for s in report.services if s.state != State.OK] == [
        ("bluesky_profile_3", State.CRITICAL)
    ]
    assert spe.stats.calls("GetWorkerResultReport") == [{"instanceID": "bluesky", "id": "504"}]


def test_a_group_that_fails_inside_one_instance(spe: Any) -> None:
    """One instance at a time: the HTTP 500 meets the first instance's GetJobs."""
    healthy_spe(spe)
    spe.faults.http_error(500, "GetJobs", count=1)
    report = check(spe, instance_filter="acme bluesky", workers=1)
    found = services(report)
    assert found["acme_jobs"].state == State.UNKNOWN
    assert found["acme_jobs"].summary.startswith("GetJobs: ")
    assert (found["acme_instance"].state, found["bluesky_jobs"].state) == (State.OK, State.OK)
    assert report.state == State.UNKNOWN


def test_a_bug_in_one_instance_leaves_the_others(spe: Any, monkeypatch: Any) -> None:
    from mailstore.monitoring import _spe

    read_stores = _spe.read_stores

    def broken_for_acme(client: Any) -> Any:
        if client.instanceID == "acme":
            raise ZeroDivisionError("division by zero")
        return read_stores(client)

    healthy_spe(spe)
    monkeypatch.setattr(_spe, "read_stores", broken_for_acme)
    found = services(check(spe, instance_filter="acme bluesky"))
    assert (found["acme_instance"].state, found["acme_instance"].summary) == (
        State.UNKNOWN,
        "not checked: unexpected ZeroDivisionError: division by zero",
    )
    assert found["bluesky_instance"].state == State.OK and "bluesky_jobs" in found


def test_instances_that_cannot_be_listed(spe: Any) -> None:
    spe.faults.api_error("The instance list is not available.", "GetInstances")
    report = check(spe)
    assert [(s.key, s.state) for s in report.services] == [
        ("connection", State.OK),
        ("service", State.CRITICAL),
        ("licence", State.OK),
        ("instances", State.UNKNOWN),
    ]
    assert services(report)["instances"].summary == (
        "forEachInstance: GetInstances failed: The instance list is not available."
    )
    assert [m.name for m in services(report)["service"].metrics] == []


def test_a_licence_request_the_spe_does_not_answer(spe: Any) -> None:
    healthy_spe(spe)
    spe.faults.api_error("Access denied.", "CreateLicenseRequest")
    found = services(check(spe, instance_filter="acme"))
    assert (found["licence"].state, found["licence"].summary) == (
        State.OK,
        "not known: CreateLicenseRequest failed: Access denied.",
    )
    assert [m.name for m in found["acme_instance"].metrics] == ["messages", "size"]


def test_named_users_per_instance_and_in_total(spe: Any) -> None:
    healthy_spe(spe)
    report = check(spe, instance_filter="acme")
    licence = services(report)["licence"]
    assert (licence.summary, licence.metrics[0].value) == (
        "235 named users in use in 12 instances",
        235,
    )
    labelled = dict(report.labelled_metrics(lambda service: True))
    assert labelled["acme_instance_named_users"].value == 30


@pytest.mark.parametrize(
    "options, message",
    [
        ({"workers": 0}, "workers must be from 1 to 1000"),
        ({"workers": "many"}, "workers: unusable value 'many'"),
        ({"instance_filter": " "}, "instance_filter must not be empty"),
    ],
)
def test_bad_spe_options_raise(options: Dict[str, Any], message: str) -> None:
    with pytest.raises(ArgumentError, match=message):
        monitoring.Options.from_mapping(options)


def test_spe_options_from_text() -> None:
    options = monitoring.Options.from_mapping(
        {"expected-stopped": "tailspin,\n umbrella", "instance_filter": "*instancehost02",
         "workers": "3"}
    )  # fmt: skip
    assert options.expected_stopped == ("tailspin", "umbrella")
    assert (options.instance_filter, options.workers) == ("*instancehost02", 3)


def test_keys_and_names_inside_an_instance() -> None:
    service = monitoring.Service("profile", State.OK, "", item="3", label="Mailboxes")
    inside = monitoring.Service("profile", State.OK, "", "3", "Mailboxes", instance="customer1")
    assert (service.key, service.name) == ("profile_3", "profile Mailboxes")
    assert (inside.key, inside.name) == ("customer1_profile_3", "customer1: profile Mailboxes")
    jobs = monitoring.Service("jobs", State.OK, "", instance="customer1")
    assert (jobs.key, jobs.name, jobs.to_dict()["instance"]) == (
        "customer1_jobs",
        "customer1: jobs",
        "customer1",
    )
