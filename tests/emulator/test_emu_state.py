"""The archive is stateful: Set/Get pairs round-trip, Create/Delete/Rename change it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict

import pytest
from emu_helpers import ApiClient

from mailstore.emulator import Emulator, default_dataset
from mailstore.emulator.archive import ArchiveState

# -- the default dataset ----------------------------------------------------------------------


def test_default_dataset_is_realistic_and_json_able() -> None:
    data = default_dataset()
    json.dumps(data)
    names = [u["userName"] for u in data["users"]]
    assert len(names) >= 25
    assert "admin" in names and "jürgen.müller" in names and "åsa.öberg" in names
    assert "john.doe" not in names  # the tutorial's failure example must stay a failure
    stores = {s["id"]: s for s in data["stores"]}
    assert stores[3]["statisticsCount"] == 1249
    assert stores[1]["statisticsCount"] != 1249
    assert [s["requestedState"] for s in data["stores"]].count("current") == 1
    results = {r["result"] for r in data["workerResults"]}
    assert {"succeeded", "completedWithErrors", "failed", "cancelled"} <= results
    assert all(r["startTime"].startswith("2026-") for r in data["workerResults"])
    assert any("profileId" not in r for r in data["workerResults"])
    assert data == default_dataset()  # deterministic


def test_get_users_and_user_info_shapes(api: ApiClient) -> None:
    users = api.ok("GetUsers")
    assert all(list(u) == ["userName", "fullName", "distinguishedName", "mfaStatus"] for u in users)
    admin = api.ok("GetUserInfo", userName="admin")
    assert admin["privileges"] == ["admin"]
    assert "api" in admin["loginPrivileges"]
    assert "privilegesOnFolders" not in admin  # administrators have no folder list
    regular = api.ok("GetUserInfo", userName="ANNA.SCHMIDT")  # user names ignore case
    assert regular["privilegesOnFolders"] == [{"folder": "anna.schmidt", "privileges": ["read"]}]
    assert "password" not in regular and "appPasswords" not in regular


def test_tutorial_examples_work_on_the_dataset(api: ApiClient) -> None:
    addresses = set()
    for user in api.ok("GetUsers"):
        addresses.update(api.ok("GetUserInfo", userName=user["userName"])["emailAddresses"])
    assert "juergen.mueller@example.com" in addresses
    failed = api.invoke("GetUserInfo", userName="john.doe")
    assert failed["statusCode"] == "failed"


def test_stores_profiles_jobs_results_shapes(api: ApiClient) -> None:
    stores = api.ok("GetStores", includeSize=True)
    assert list(stores[0]) == [
        "id",
        "name",
        "requestedState",
        "error",
        "statisticsCount",
        "statisticsSize",
        "needsUpgrade",
        "searchIndexesNeedRebuild",
        "databasePath",
        "contentPath",
        "indexPath",
    ]
    assert all(s["statisticsSize"] is None for s in api.ok("GetStores"))
    profiles = api.ok("GetProfiles", raw=True)
    assert [
        p["id"] for p in profiles if (p["serverSideExecution"] or {}).get("automatic") == "true"
    ]
    jobs = api.ok("GetJobs")
    assert {"id", "name", "action", "owner", "enabled", "schedule"} <= set(jobs[0])
    credentials = api.ok("GetCredentials")
    assert set(credentials[0]) == {"ID", "Type", "Description", "Settings"}
    zones = api.ok("GetTimeZones")
    assert zones[0]["id"] == "$Local" and set(zones[0]) == {"id", "displayName"}


def test_profiles_have_the_shape_real_servers_return(api: ApiClient) -> None:
    profiles = api.ok("GetProfiles", raw=True)
    for profile in profiles:
        assert list(profile) == ["id", "version", "name", "owner", "type", "connector", "details",
                                 "serverSideExecution"]  # fmt: skip
        assert all(isinstance(v, str) for v in profile["details"].values())
        execution = profile["serverSideExecution"]
        assert execution is None or all(isinstance(v, str) for v in execution.values())
    imap = next(p for p in profiles if p["connector"] == "IMAP")
    assert imap["type"] == "I"
    assert {"emailAddress", "host", "protocol", "userName", "targetUserFolder"} <= set(
        imap["details"]
    )
    assert imap["details"]["ignoreSSLPolicyErrors"] == "1" and imap["details"]["timeout"] == "0"
    assert imap["serverSideExecution"] == {
        "automatic": "true",
        "automaticPauseBetweenExecutions": "300",
    }


def test_license_counts_named_users_in_use_against_the_limit(srv: Emulator, api: ApiClient) -> None:
    info = api.ok("GetLicenseInformation")
    in_use = sum(1 for u in srv.state.users if u["privileges"])
    assert info["namedUsers"] == in_use < info["maxNamedUsers"] == 50
    assert "usedNamedUsers" not in info
    api.ok("CreateUser", userName="new.hire", privileges="login")
    assert api.ok("GetLicenseInformation")["namedUsers"] == in_use + 1


def test_worker_results_mix_as_seen_at_an_msp() -> None:
    runs = default_dataset()["workerResults"]
    m365 = [r["result"] for r in runs if r.get("profileId") == 1]
    assert m365.count("completedWithErrors") > len(m365) / 2
    assert all(list(r) == [k for k in WORKER_KEYS if k in r] for r in runs)
    assert any("profileId" not in r and "profileName" not in r for r in runs)


WORKER_KEYS = ["id", "userName", "profileId", "profileName", "result", "itemsArchived",
               "startTime", "completeTime", "machineName"]  # fmt: skip


# -- user round trips ---------------------------------------------------------------------------

USER_SETTERS = [
    ("SetUserFullName", {"fullName": "Anna Maria Schmidt"}, "fullName", "Anna Maria Schmidt"),
    ("SetUserFullName", {}, "fullName", None),
    ("SetUserDistinguishedName", {"distinguishedName": "CN=Anna,DC=x"}, "distinguishedName",
     "CN=Anna,DC=x"),
    ("SetUserDistinguishedName", {}, "distinguishedName", None),
    ("SetUserAuthentication", {"authentication": "integrated"}, "authentication", "integrated"),
    ("SetUserEmailAddresses", {"emailAddresses": "a@example.com, b@example.org"},
     "emailAddresses", ["a@example.com", "b@example.org"]),
    ("SetUserEmailAddresses", {}, "emailAddresses", []),
    ("SetUserPop3UserNames", {"pop3UserNames": "anna,as"}, "pop3UserNames", ["anna", "as"]),
    ("SetUserPrivileges", {"privileges": "admin"}, "privileges", ["admin"]),
    ("SetUserPrivileges", {"privileges": "none"}, "privileges", []),
    ("SetUserLoginPrivileges", {"loginPrivileges": "web,api"}, "loginPrivileges", ["web", "api"]),
    ("InitializeMFA", {}, "mfaStatus", "Initialized"),
    ("DisableMFA", {}, "mfaStatus", "Disabled"),
]  # fmt: skip


@pytest.mark.parametrize("function,args,key,expected", USER_SETTERS)
def test_user_setters_round_trip(
    api: ApiClient, function: str, args: Dict[str, Any], key: str, expected: Any
) -> None:
    api.ok(function, userName="anna.schmidt", **args)
    assert api.ok("GetUserInfo", userName="anna.schmidt")[key] == expected


def test_folder_privileges(api: ApiClient) -> None:
    api.ok("SetUserPrivilegesOnFolder", userName="anna.schmidt", folder="info", privileges="read")
    api.ok(
        "SetUserPrivilegesOnFolder", userName="anna.schmidt", folder="anna.schmidt",
        privileges="read,write,delete",
    )  # fmt: skip
    folders = api.ok("GetUserInfo", userName="anna.schmidt")["privilegesOnFolders"]
    assert {f["folder"]: f["privileges"] for f in folders} == {
        "anna.schmidt": ["read", "write", "delete"],
        "info": ["read"],
    }
    api.ok("SetUserPrivilegesOnFolder", userName="anna.schmidt", folder="info", privileges="none")
    folders = api.ok("GetUserInfo", userName="anna.schmidt")["privilegesOnFolders"]
    assert [f["folder"] for f in folders] == ["anna.schmidt"]
    api.ok("ClearUserPrivilegesOnFolders", userName="anna.schmidt")
    assert api.ok("GetUserInfo", userName="anna.schmidt")["privilegesOnFolders"] == []
    bad = api.invoke(
        "SetUserPrivilegesOnFolder", userName="anna.schmidt", folder="info/Inbox", privileges="read"
    )
    assert bad["statusCode"] == "failed"


def test_create_rename_delete_user_and_log_in(srv: Emulator, api: ApiClient) -> None:
    api.ok(
        "CreateUser",
        userName="ops.bot",
        privileges="admin",
        fullName="Ops Bot",
        password="0ps!",
        loginPrivileges="api",
    )
    assert (
        api.invoke("CreateUser", userName="OPS.BOT", privileges="login")["statusCode"] == "failed"
    )
    bot = ApiClient(srv, "ops.bot", "0ps!")
    try:
        assert bot.ok("GetServerInfo")["machineName"] == "MAILSTORE-EMU"
        api.ok("SetUserPassword", userName="ops.bot", password="n3w")
        assert bot.post("/api/invoke/GetServerInfo").status == 401
    finally:
        bot.close()
    api.ok("RenameUser", oldUserName="ops.bot", newUserName="ops.robot")
    names = [u["userName"] for u in api.ok("GetUsers")]
    assert "ops.robot" in names and "ops.bot" not in names
    api.ok("DeleteUser", userName="ops.robot")
    assert api.invoke("GetUserInfo", userName="ops.robot")["statusCode"] == "failed"
    assert api.invoke("DeleteUser", userName="admin")["statusCode"] == "failed"


def test_create_user_defaults(api: ApiClient) -> None:
    api.ok("CreateUser", userName="plain", privileges="login")
    info = api.ok("GetUserInfo", userName="plain")
    assert info["authentication"] == "integrated"
    assert info["loginPrivileges"] == ["windows", "web", "outlook", "windowsCmd", "imap", "api"]
    assert info["privilegesOnFolders"] == [] and info["mfaStatus"] == "Disabled"


# -- stores -------------------------------------------------------------------------------------


def store(api: ApiClient, store_id: int) -> Dict[str, Any]:
    return next(s for s in api.ok("GetStores", includeSize=True) if s["id"] == store_id)


def test_store_lifecycle(api: ApiClient) -> None:
    created = api.ok("CreateStore", name="Archive 2027", requestedState="current")
    new_id = created["id"]
    assert store(api, new_id)["requestedState"] == "current"
    assert store(api, 3)["requestedState"] == "normal"  # only one current store
    api.ok("RenameStore", id=new_id, name="Archive 2027 (new)")
    assert store(api, new_id)["name"] == "Archive 2027 (new)"
    api.ok("SetStoreProperties", id=new_id, contentPath="F:\\Content")
    assert store(api, new_id)["contentPath"] == "F:\\Content"
    assert api.invoke("DetachStore", id=new_id)["statusCode"] == "failed"  # current
    api.ok("SetStoreRequestedState", id=3, requestedState="current")
    api.ok("SetStoreRequestedState", id=new_id, requestedState="writeProtected")
    api.ok("DetachStore", id=new_id)
    assert new_id not in [s["id"] for s in api.ok("GetStores")]
    assert api.invoke("RenameStore", id=999, name="x")["statusCode"] == "failed"


def test_attach_unlock_and_retry(api: ApiClient) -> None:
    attached = api.ok(
        "AttachStore", name="SQL", type="SQLServer", serverName="sql01", databaseName="MS1"
    )
    assert attached["databasePath"] is None
    assert api.invoke("AttachStore", name="x", type="FileSystemInternal")["statusCode"] == "failed"
    assert store(api, 5)["error"]
    assert api.invoke("UnlockStore", id=1, passphrase="x")["statusCode"] == "failed"
    api.ok("UnlockStore", id=5, passphrase="ABCDE-12345")
    assert store(api, 5)["error"] is None
    api.ok("RetryOpenStores")


def test_store_indexes_rebuild(api: ApiClient) -> None:
    indexes = api.ok("GetStoreIndexes", id=3)
    assert indexes and all(i["storeId"] == 3 for i in indexes)
    final, _, _ = api.run("SelectAllStoreIndexesForRebuild")
    assert final["statusCode"] == "succeeded"
    assert all(i["selectedForRebuild"] for i in api.ok("GetStoreIndexes"))
    api.run("RebuildSelectedStoreIndexes")
    assert not any(i["selectedForRebuild"] for i in api.ok("GetStoreIndexes"))


# -- folders and messages ---------------------------------------------------------------------


def test_folders_messages_move_and_delete(srv: Emulator, api: ApiClient) -> None:
    top = api.ok("GetChildFolders", maxLevels=1)
    assert {"folder": "anna.schmidt", "name": "anna.schmidt"} in top
    children = api.ok("GetChildFolders", folder="anna.schmidt", maxLevels=1)
    assert {"folder": "anna.schmidt/Inbox", "name": "Inbox"} in children
    messages = api.ok("GetMessages", folder="anna.schmidt/Inbox")
    assert messages and set(messages[0]) >= {"id", "subject", "date"}
    api.ok("MoveFolder", fromFolder="anna.schmidt/Inbox", toFolder="anna.schmidt/Old Inbox")
    assert api.ok("GetMessages", folder="anna.schmidt/Old Inbox") == messages
    assert api.invoke("GetMessages", folder="anna.schmidt/Inbox")["statusCode"] == "failed"
    victim = messages[0]["id"]
    store_id = int(victim.split(":")[0])
    before = store(api, store_id)["statisticsCount"]
    api.ok("DeleteMessage", id=victim, reason="test")
    assert store(api, store_id)["statisticsCount"] == before - 1
    assert victim not in [m["id"] for m in api.ok("GetMessages", folder="anna.schmidt/Old Inbox")]
    assert api.invoke("DeleteMessage", id=victim, reason="again")["statusCode"] == "failed"
    api.ok("SetComplianceConfiguration", config={"legalHoldEnabled": True})
    other = api.ok("GetMessages", folder="anna.schmidt/Old Inbox")[0]["id"]
    assert api.invoke("DeleteMessage", id=other, reason="x")["statusCode"] == "failed"
    srv.state.data["folders"].append("anna.schmidt/Empty/Deeper")
    srv.state.data["folders"].append("anna.schmidt/Empty")
    api.ok("DeleteEmptyFolders", folder="anna.schmidt")
    remaining = [f["folder"] for f in api.ok("GetChildFolders", folder="anna.schmidt")]
    assert "anna.schmidt/Empty" not in remaining and "anna.schmidt/Old Inbox" in remaining
    stats = api.ok("GetFolderStatistics")
    assert any(s["folder"] == "anna.schmidt" and s["count"] > 0 for s in stats)


# -- jobs and profiles --------------------------------------------------------------------------


def test_job_lifecycle(api: ApiClient) -> None:
    job = api.ok(
        "CreateJob",
        name="Monthly compaction",
        action="CompactMasterDatabase",
        owner="admin",
        timeZoneId="$Local",
        time="4:00",
        dayOfMonth="Last",
    )
    assert job["schedule"] == {"timeZoneId": "$Local", "time": "04:00:00", "dayOfMonth": "Last"}
    assert job["nextStartDateTimeUtc"]
    jid = job["id"]
    api.ok("RenameJob", id=jid, name="Compaction")
    api.ok("SetJobEnabled", id=jid, enabled=False)
    api.ok("SetJobSchedule", id=jid, timeZoneId="UTC", interval=30)
    found = next(j for j in api.ok("GetJobs") if j["id"] == jid)
    assert found["name"] == "Compaction" and found["enabled"] is False
    assert found["schedule"] == {"timeZoneId": "UTC", "interval": 30}
    assert found["nextStartDateTimeUtc"] is None
    api.ok("RunJobAsync", id=jid)
    results = api.ok(
        "GetJobResults",
        fromIncluding="2000-01-01",
        toExcluding="2100-01-01",
        timeZoneId="UTC",
        jobId=jid,
    )
    assert len(results) == 1 and results[0]["result"] == "succeeded"
    api.ok("DeleteJob", id=str(jid))
    assert jid not in [j["id"] for j in api.ok("GetJobs")]
    bad_owner = api.invoke(
        "CreateJob", name="x", action="y", owner="anna.schmidt", timeZoneId="UTC", time="1:00"
    )
    assert bad_owner["statusCode"] == "failed"
    assert api.invoke("CreateJob", name="x")["error"]["message"] == "Missing API argument action."


def test_job_results_follow_the_time_zone(api: ApiClient) -> None:
    window = {"fromIncluding": "2026-05-02T00:00:00", "toExcluding": "2026-05-03T00:00:00"}
    utc = api.ok("GetJobResults", timeZoneId="UTC", jobId=1, **window)
    local = api.ok("GetJobResults", timeZoneId="$Local", jobId=1, **window)
    assert utc[0]["startTime"] == "2026-05-02T02:30:04"
    assert local[0]["startTime"] == "2026-05-02T03:30:04"


def test_worker_results_filters(api: ApiClient) -> None:
    year = {
        "fromIncluding": "2026-01-01T00:00:00",
        "toExcluding": "2027-01-01T00:00:00",
        "timeZoneID": "$Local",
    }
    everything = api.ok("GetWorkerResults", **year)
    only_one = api.ok("GetWorkerResults", profileID=1, **year)
    assert 0 < len(only_one) < len(everything)
    assert all(r["profileId"] == 1 for r in only_one)
    assert api.ok("GetWorkerResults", userName="nobody", **year) == []
    report = api.ok("GetWorkerResultReport", id=everything[0]["id"])
    assert report["report"].endswith("\r\n")


def test_profile_lifecycle_and_run(srv: Emulator, api: ApiClient) -> None:
    created = api.ok(
        "CreateProfile",
        properties={"id": 77, "version": 9, "name": "IMAP x", "owner": "admin", "type": "I",
                    "connector": "IMAP", "details": {"userName": "x@example.com",
                                                     "password": "hidden", "timeout": "0"}},
        raw=True,
    )  # fmt: skip
    pid = created["id"]
    assert pid != 77 and created["version"] == 1
    assert created["details"] == {"userName": "x@example.com", "password": "", "timeout": "0"}
    assert created["serverSideExecution"]["automatic"] == "false"
    assert "hidden" not in json.dumps(api.ok("GetProfiles", raw=True))
    api.ok("SetProfileServerSideExecution", id=pid, automatic=True,
           automaticPauseBetweenExecutions=120, automaticMaintenanceWindows="01:00-02:00")  # fmt: skip
    profile = next(p for p in api.ok("GetProfiles", raw=True) if p["id"] == pid)
    assert profile["serverSideExecution"] == {
        "automatic": "true",
        "automaticPauseBetweenExecutions": "120",
        "automaticMaintenanceWindows": "01:00-02:00",
    }
    assert profile["version"] == 2
    api.ok("SetProfileServerSideExecution", id=pid, automatic=False)
    profile = next(p for p in api.ok("GetProfiles", raw=True) if p["id"] == pid)
    assert profile["serverSideExecution"]["automatic"] == "false"
    missing = api.invoke("SetProfileServerSideExecution", id=pid, automatic=True)
    assert missing["error"]["message"] == "Missing API argument automaticPauseBetweenExecutions."
    before = len(srv.state.data["workerResults"])
    final, log, _ = api.run("RunProfile", id=pid)
    assert final["statusCode"] == "succeeded" and "x@example.com" in log
    newest = srv.state.data["workerResults"][-1]
    assert len(srv.state.data["workerResults"]) == before + 1
    assert newest["profileId"] == pid and newest["result"] == "succeeded"
    client_side = api.run("RunProfile", id=5)[0]
    assert client_side["statusCode"] == "failed"
    api.ok("DeleteProfile", id=pid)
    assert api.invoke("DeleteProfile", id=pid)["statusCode"] == "failed"


def test_temporary_profile_result_has_no_profile_keys(srv: Emulator, api: ApiClient) -> None:
    properties = {"name": "tmp", "type": "I", "connector": "IMAP",
                  "details": {"userName": "t@example.com"}}  # fmt: skip
    api.run("RunTemporaryProfile", properties=properties, raw=True)
    newest = srv.state.data["workerResults"][-1]
    assert "profileId" not in newest and "profileName" not in newest


# -- configurations -----------------------------------------------------------------------------

Check = Callable[[Dict[str, Any]], bool]

CONFIG_PAIRS = [
    ("GetComplianceConfiguration", "SetComplianceConfiguration", "config",
     {"legalHoldEnabled": True}, lambda r: r["legalHoldEnabled"] is True),
    ("GetDirectoryServicesConfiguration", "SetDirectoryServicesConfiguration", "config",
     {"serverName": "dc02.example.com", "password": "x", "groups": ["A", "B"]},
     lambda r: r["serverName"] == "dc02.example.com" and r["password"] is None
     and r["groups"] == ["A", "B"]),
    ("GetSmtpSettings", "SetSmtpSettings", "settings",
     {"serverName": "mail.example.org", "port": 25, "password": "pw"},
     lambda r: r["serverName"] == "mail.example.org" and r["port"] == 25 and r["password"] is None),
    ("GetStoreAutoCreateConfiguration", "SetStoreAutoCreateConfiguration", "config",
     {"enabled": False, "interval": "monthly"},
     lambda r: r["enabled"] is False and r["interval"] == "monthly"),
    ("GetRetentionPolicies", "SetRetentionPolicies", "config",
     {"policies": [{"id": 5, "name": "Short", "enabled": True, "retentionPeriod": 1,
                    "retentionPeriodUnit": "days", "folders": ["info"]}]},
     lambda r: [p["name"] for p in r["policies"]] == ["Short"]),
]  # fmt: skip


@pytest.mark.parametrize("getter,setter,argument,value,check", CONFIG_PAIRS)
def test_configuration_round_trips(
    api: ApiClient, getter: str, setter: str, argument: str, value: Dict[str, Any], check: Check
) -> None:
    before = api.ok(getter)
    api.ok(setter, **{argument: value})
    after = api.ok(getter)
    assert check(after)
    assert set(after) == set(before)  # same shape, no internal keys leak
    api.ok(setter, **{argument: before})
    restored = api.ok(getter)
    assert restored == before


def test_config_type_mismatch_fails(api: ApiClient) -> None:
    data = api.invoke("SetComplianceConfiguration", config={"legalHoldEnabled": "yes"})
    assert data["statusCode"] == "failed"
    assert api.invoke("SetSmtpSettings", settings=[1, 2])["statusCode"] == "failed"


def test_retention_policy_processing_deletes_old_messages(srv: Emulator, api: ApiClient) -> None:
    count = len([m for m in srv.state.messages if m["folder"].startswith("info/")])
    policy = {"id": 1, "name": "Purge info", "enabled": True, "retentionPeriod": 1,
              "retentionPeriodUnit": "days", "folders": ["info"]}  # fmt: skip
    api.ok("SetRetentionPolicies", config={"policies": [policy]})
    final, log, _ = api.run("ProcessRetentionPolicies")
    assert f"{count} messages deleted" in log
    assert not [m for m in srv.state.messages if m["folder"].startswith("info/")]


def test_credentials_and_service_certificate(api: ApiClient) -> None:
    created = api.ok("CreateCredential", type="SignedEnvelope", description="Second")
    assert created["ID"] == 3 and created["Settings"] == {}
    assert [c["ID"] for c in api.ok("GetCredentials")] == [1, 2, 3]
    missing = api.invoke("CreateCredential", type="Office365_Modern", description="x")
    assert missing["error"]["message"] == "Missing API argument tenantId."
    api.ok("SetServiceCertificate", thumbprint="ab cd" + "0" * 36)
    config = api.ok("GetServiceConfiguration")
    assert config["serverCertificate"]["thumbprint"] == "ABCD" + "0" * 36
    assert api.invoke("SetServiceCertificate", thumbprint="xyz")["statusCode"] == "failed"


def test_status_reports_need_smtp(srv: Emulator, api: ApiClient) -> None:
    api.ok("SendStatusReport", timespan="today", timeZoneId="$Local", recipients="a@b.example")
    assert srv.state.data["statusReports"][-1]["recipients"] == ["a@b.example"]
    bad = api.invoke("SendStatusReport", timespan="today", timeZoneId="$Local", recipients="nope")
    assert bad["statusCode"] == "failed"
    api.ok("SetSmtpSettings", settings={"serverName": ""})
    assert api.invoke("TestSmtpSettings")["statusCode"] == "failed"


def test_directory_sync_adds_users(srv: Emulator, api: ApiClient) -> None:
    final, log, _ = api.run("SyncUsersWithDirectoryServices", dryRun=True)
    assert "(dry run) User 'lena.hoffmann' added." in log
    assert api.invoke("GetUserInfo", userName="lena.hoffmann")["statusCode"] == "failed"
    final, log, _ = api.run("SyncUsersWithDirectoryServices", dryRun=False)
    assert final["statusCode"] == "succeeded"
    assert api.ok("GetUserInfo", userName="lena.hoffmann")["authentication"] == "directoryServices"
    api.ok("SetDirectoryServicesConfiguration", config={"type": "none"})
    assert api.run("SyncUsersWithDirectoryServices")[0]["statusCode"] == "failed"


# -- loading and saving -------------------------------------------------------------------------


def test_dataset_save_and_load_round_trip(
    mailstore_emulator_data_dir: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "archive.json"
    with Emulator(data_dir=mailstore_emulator_data_dir) as first:
        client = ApiClient(first)
        client.ok("CreateUser", userName="keeper", privileges="login", fullName="Kept")
        client.close()
        first.save(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["format"] == "mailstore-emulator-dataset"
    with Emulator(data_dir=mailstore_emulator_data_dir, dataset=saved) as second:
        client = ApiClient(second)
        assert client.ok("GetUserInfo", userName="keeper")["fullName"] == "Kept"
        client.close()
    assert ArchiveState.load(saved).to_dict() == json.loads(saved.read_text(encoding="utf-8"))


def test_partial_dataset_dict_gets_defaults(mailstore_emulator_data_dir: Path) -> None:
    users = [u for u in default_dataset()["users"] if u["userName"] == "admin"]
    with Emulator(data_dir=mailstore_emulator_data_dir, dataset={"users": users}) as srv:
        client = ApiClient(srv)
        assert [u["userName"] for u in client.ok("GetUsers")] == ["admin"]
        assert client.ok("GetStores")  # stores came from the defaults
        client.close()


def test_loading_a_foreign_file_fails(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(ValueError):
        ArchiveState.load(path)


def test_archive_states_are_independent() -> None:
    first, second = ArchiveState(), ArchiveState()
    first.add_api_user("tenant.admin", "pw")
    first.require_store(3)["statisticsCount"] = 0
    assert first.find_user("tenant.admin") is not None
    assert second.find_user("tenant.admin") is None
    assert second.require_store(3)["statisticsCount"] == 1249
    assert first.lock is not second.lock
    assert default_dataset()["stores"][2]["statisticsCount"] == 1249


def test_dataset_builder_takes_a_seed_and_a_machine_name() -> None:
    other = default_dataset(seed=1, machine_name="TENANT-01")
    assert other["serverInfo"]["machineName"] == "TENANT-01"
    assert {r["machineName"] for r in other["workerResults"]} == {"TENANT-01"}
    assert other["workerResults"] != default_dataset()["workerResults"]
    assert other == default_dataset(seed=1, machine_name="TENANT-01")


def test_public_names_of_the_package() -> None:
    import mailstore.emulator as package
    from mailstore.emulator.errors import ApiError

    assert package.ArchiveState is ArchiveState
    assert package.default_dataset is default_dataset
    assert package.ApiError is ApiError
