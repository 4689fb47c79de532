"""Per-instance archives over sockets: isolation, status and access rules, SPE quirks."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

import mailstore
from mailstore.emulator.spe import SpeEmulator
from mailstore.emulator.spe.instance_functions import NULLABLE

Json = Dict[str, Any]


def user_names(client: mailstore.mgmt.SPEClient, instance_id: str) -> List[str]:
    status = client.GetUsers(instanceID=instance_id)
    assert status["statusCode"] == "succeeded", status["error"]
    return [u["userName"] for u in status["result"]]


def error_of(status: Json) -> str:
    assert status["statusCode"] == "failed", status
    message: str = status["error"]["message"]
    return message


def test_instances_have_archives_of_their_own(spe_client: mailstore.mgmt.SPEClient) -> None:
    acme, initech = user_names(spe_client, "acme"), user_names(spe_client, "initech")
    assert acme[:2] == initech[:2] == ["$archiveadmin", "admin"]
    assert len(acme) > len(initech)  # customers differ in size
    stats = {
        i: spe_client.GetInstanceStatistics(instanceID=i)["result"]["numberOfMessages"]
        for i in ("acme", "initech")
    }
    assert stats["acme"] != stats["initech"]


def test_a_change_in_one_instance_is_not_visible_in_another(
    spe_client: mailstore.mgmt.SPEClient,
) -> None:
    before = {i: user_names(spe_client, i) for i in ("bluesky", "contoso")}
    assert (
        spe_client.CreateUser("new.hire", "login", instanceID="acme")["statusCode"] == "succeeded"
    )
    assert spe_client.DeleteUser("admin", instanceID="acme")["statusCode"] == "failed"  # built-in
    assert spe_client.RenameStore(1, "Renamed", instanceID="acme")["statusCode"] == "succeeded"
    assert "new.hire" in user_names(spe_client, "acme")
    assert {i: user_names(spe_client, i) for i in ("bluesky", "contoso")} == before
    stores = {
        i: spe_client.GetStores(instanceID=i)["result"][0]["name"] for i in ("acme", "bluesky")
    }
    assert stores == {"acme": "Renamed", "bluesky": "Archive 2025"}
    same = spe_client.CreateUser("new.hire", "login", instanceID="bluesky")
    assert same["statusCode"] == "succeeded"  # the name is free there


def test_long_running_functions_run_on_the_instance(spe: SpeEmulator) -> None:
    seen: List[Json] = []
    client = mailstore.mgmt.SPEClient(**spe.client_kwargs(), callback=seen.append)
    try:
        final = client.VerifyStore(3, instanceID="contoso")
        assert final["statusCode"] == "succeeded", final["error"]
        count = spe.state.archive("contoso").require_store(3)["statisticsCount"]
        log = "".join(s["logOutput"] or "" for s in seen)
        assert f"{count} messages are about to be verified." in log
        assert seen[0]["statusCode"] == "running" and seen[-1]["percentProgress"] == 100
        select = client.SelectAllStoreIndexesForRebuild(instanceID="globex")
        assert select["statusCode"] == "succeeded"
        rebuild = client.RebuildSelectedStoreIndexes(instanceID="globex")
        assert rebuild["statusCode"] == "succeeded"
        stores = client.GetStores(instanceID="globex")["result"]
        assert not any(s["searchIndexesNeedRebuild"] for s in stores)
    finally:
        client.close()


@pytest.mark.parametrize(
    ("instance_id", "message"),
    [
        ("tailspin", "Instance 'tailspin' is not running."),
        ("northwind", "Instance 'northwind' is frozen."),
        ("nosuch", "Instance 'nosuch' does not exist."),
    ],
)
def test_calls_on_an_instance_that_is_not_running_fail(
    instance_id: str, message: str, spe_client: mailstore.mgmt.SPEClient
) -> None:
    for status in (
        spe_client.GetUsers(instanceID=instance_id),
        spe_client.GetStores(instanceID=instance_id),
        spe_client.VerifyStores(instanceID=instance_id),  # long-running: refused at once
    ):
        assert error_of(status) == message
        assert status["error"]["details"].startswith(
            "System.InvalidOperationException" if instance_id != "nosuch" else "System.Exception"
        )


def test_the_spe_answers_for_a_stopped_instance_from_its_own_records(
    spe_client: mailstore.mgmt.SPEClient,
) -> None:
    stopped = spe_client.GetInstanceStatistics(instanceID="tailspin")
    assert stopped["statusCode"] == "succeeded" and stopped["result"] is None
    config = spe_client.GetInstanceConfiguration(instanceID="tailspin")["result"]
    assert config["instanceID"] == "tailspin" and config["startMode"] == "manual"
    live = spe_client.GetInstanceProcessLiveStatistics(instanceID="tailspin")
    assert error_of(live) == "Instance 'tailspin' is not running."
    assert spe_client.StartInstances("tailspin")["statusCode"] == "succeeded"
    running = spe_client.GetInstanceStatistics(instanceID="tailspin")["result"]
    assert running["numberOfMessages"] > 0 and running["totalSizeMB"] > 0


def test_service_provider_access_rule(
    spe: SpeEmulator, spe_client: mailstore.mgmt.SPEClient
) -> None:
    refused = "Service provider access is disabled for instance 'wayne'."
    for status in (
        spe_client.GetUsers(instanceID="wayne"),
        spe_client.GetProfiles(instanceID="wayne"),
        spe_client.SetArchiveAdminEnabled(True, instanceID="wayne"),
        spe_client.SyncUsersWithDirectoryServices(True, instanceID="wayne"),
    ):
        assert error_of(status) == refused
        assert status["error"]["details"].startswith("System.UnauthorizedAccessException")
    for status in (  # archive stores, search indexes and the instance's own figures
        spe_client.GetStores(instanceID="wayne"),
        spe_client.RefreshAllStoreStatistics(instanceID="wayne"),  # long-running
        spe_client.CreateStore("Archive 2027", instanceID="wayne"),
        spe_client.GetIndexConfiguration(instanceID="wayne"),
        spe_client.GetInstanceStatistics(instanceID="wayne"),
        spe_client.GetInstanceConfiguration(instanceID="wayne"),
    ):
        assert status["statusCode"] == "succeeded", status["error"]
    with spe.state.lock:  # the customer turns it on in their instance
        spe.state.find_instance("wayne")["serviceProviderAccess"] = True  # type: ignore[index]
    assert "admin" in user_names(spe_client, "wayne")


def test_archive_admin_access(spe_client: mailstore.mgmt.SPEClient) -> None:
    url = spe_client.CreateClientOneTimeUrlForArchiveAdmin(instanceID="acme")["result"]
    assert url.startswith("https://spe.example.com/acme/?otp=")
    own = spe_client.CreateClientOneTimeUrlForArchiveAdmin(
        "https://archive.example/", instanceID="acme"
    )
    assert own["result"].startswith("https://archive.example/?otp=")
    assert spe_client.SetArchiveAdminEnabled(False, instanceID="acme")["statusCode"] == "succeeded"
    assert spe_client.GetArchiveAdminEnabled(instanceID="acme")["result"] is False
    assert spe_client.GetArchiveAdminEnabled(instanceID="bluesky")["result"] is True
    denied = spe_client.CreateClientOneTimeUrlForArchiveAdmin(instanceID="acme")
    assert "disabled" in error_of(denied)


def test_stores_take_the_spe_path_or_the_server_style_arguments(
    spe_client: mailstore.mgmt.SPEClient,
) -> None:
    reference = spe_client.CreateStore("By path", path="E:\\Stores\\ByPath", instanceID="acme")
    assert reference["result"]["databasePath"] == "E:\\Stores\\ByPath"
    wrapper = spe_client.AttachStore("By wrapper", databasePath="E:\\Stores\\W", instanceID="acme")
    assert wrapper["result"]["contentPath"] == "E:\\Stores\\W\\Content"
    sql = spe_client.CreateStore("SQL", "SQLServer", serverName="sql01", instanceID="acme")
    assert "not supported by MailStore SPE" in error_of(sql)
    assert "databasePath" in error_of(spe_client.AttachStore("No path", instanceID="acme"))
    moved = spe_client.SetStorePath("1", "F:\\Moved\\", instanceID="acme")
    assert moved["statusCode"] == "succeeded"
    store = spe_client.GetStores(instanceID="acme")["result"][0]
    assert (store["databasePath"], store["indexPath"]) == ("F:\\Moved", "F:\\Moved\\Index")
    assert "correct format" in error_of(spe_client.SetStorePath("one", "F:\\x", instanceID="acme"))


def test_a_long_worker_results_window_fails_like_a_real_spe(
    spe: SpeEmulator, spe_client: mailstore.mgmt.SPEClient
) -> None:
    def window(start: str, end: str) -> Json:
        status: Json = spe_client.GetWorkerResults(start, end, instanceID="acme")
        return status

    month = window("2026-03-01T00:00:00", "2026-04-01T00:00:00")
    assert month["statusCode"] == "succeeded" and month["result"]
    year = window("2026-01-01T00:00:00", "2027-01-01T00:00:00")
    assert error_of(year) == NULLABLE
    assert year["error"]["details"].startswith("System.InvalidOperationException")
    spe.quirks.worker_results_max_days = 7
    assert error_of(window("2026-03-01T00:00:00", "2026-03-09T00:00:00")) == NULLABLE
    spe.quirks.worker_results_max_days = None
    assert window("2026-01-01T00:00:00", "2027-01-01T00:00:00")["statusCode"] == "succeeded"


def test_folder_statistics_fail_like_a_real_spe(
    spe: SpeEmulator, spe_client: mailstore.mgmt.SPEClient
) -> None:
    assert error_of(spe_client.GetFolderStatistics(instanceID="acme")) == NULLABLE
    spe.quirks.folder_statistics_fails = False
    folders = spe_client.GetFolderStatistics(instanceID="acme")["result"]
    assert {"folder", "count", "size"} == set(folders[0])
