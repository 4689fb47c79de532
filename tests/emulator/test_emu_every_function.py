"""Every Server catalog function, called with plausible arguments, answers a good envelope."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from emu_helpers import ENVELOPE_KEYS, ApiClient

from mailstore.catalog import load
from mailstore.emulator import Emulator, provenance
from mailstore.emulator.functions import HANDLERS

O365 = {
    "name": "Temporary M365 run",
    "type": "I",
    "connector": "Microsoft365",
    "details": {"credentialId": "1"},
}

SAMPLES: Dict[str, Dict[str, Any]] = {
    "AttachStore": {"name": "Attached", "type": "FileSystemInternal", "databasePath": "E:\\S\\A"},
    "CancelJobAsync": {"id": 1},
    "ClearUserPrivilegesOnFolders": {"userName": "anna.schmidt"},
    "CompactMasterDatabase": {},
    "CompactStore": {"id": 1},
    "CreateBackup": {"path": "E:\\Backup", "excludeSearchIndexes": True},
    "CreateCredential": {
        "type": "Office365_Modern",
        "description": "Tenant B",
        "tenantId": "t-1",
        "applicationId": "a-1",
    },
    "CreateJob": {
        "name": "Daily verify",
        "action": "VerifyStores --includeIndexes=false",
        "owner": "admin",
        "timeZoneId": "$Local",
        "time": "05:00",
    },
    "CreateProfile": {
        "properties": {"name": "IMAP sales", "type": "I", "connector": "IMAP", "details": {}},
        "raw": True,
    },
    "CreateStore": {"name": "Archive 2027"},
    "CreateUser": {"userName": "new.user", "privileges": "login", "fullName": "New User"},
    "DeleteAppPasswords": {"userName": "anna.schmidt"},
    "DeleteEmptyFolders": {},
    "DeleteJob": {"id": "4"},
    "DeleteMessage": {"id": "3:1", "reason": "GDPR request"},
    "DeleteProfile": {"id": 4},
    "DeleteUser": {"userName": "former.employee"},
    "DetachStore": {"id": 2},
    "DisableMFA": {"userName": "carla.rossi"},
    "GetActiveSessions": {},
    "GetChildFolders": {"folder": "anna.schmidt", "maxLevels": 1},
    "GetComplianceConfiguration": {},
    "GetCredentials": {},
    "GetDirectoryServicesConfiguration": {},
    "GetFolderStatistics": {},
    "GetJobResults": {
        "fromIncluding": "2026-04-01T00:00:00",
        "toExcluding": "2026-05-01T00:00:00",
        "timeZoneId": "$Local",
        "jobId": 1,
    },
    "GetJobs": {},
    "GetLicenseInformation": {},
    "GetMessages": {"folder": "anna.schmidt/Inbox"},
    "GetProfiles": {"raw": True},
    "GetRetentionPolicies": {},
    "GetServerInfo": {},
    "GetServiceConfiguration": {},
    "GetSmtpSettings": {},
    "GetStoreAutoCreateConfiguration": {},
    "GetStoreIndexes": {"id": 3},
    "GetStores": {"includeSize": True},
    "GetTimeZones": {},
    "GetUserInfo": {"userName": "jürgen.müller"},
    "GetUsers": {},
    "GetWorkerResultReport": {"id": 419901},
    "GetWorkerResults": {
        "fromIncluding": "2026-01-01T00:00:00",
        "toExcluding": "2027-01-01T00:00:00",
        "timeZoneID": "$Local",
    },
    "InitializeMFA": {"userName": "anna.schmidt"},
    "MaintainFileSystemDatabases": {},
    "MergeStore": {"id": 3, "sourceId": 1},
    "MoveFolder": {"fromFolder": "anna.schmidt/Inbox", "toFolder": "anna.schmidt/Inbox-old"},
    "ProcessRetentionPolicies": {},
    "RebuildSelectedStoreIndexes": {},
    "RebuildStoreIndex": {"id": 3, "folder": "anna.schmidt"},
    "RecoverStore": {"id": 4, "recoverDeletedMessages": False},
    "RecreateRecoveryRecords": {"id": 1},
    "RefreshAllStoreStatistics": {},
    "RenameJob": {"id": 2, "name": "Nightly backup (E:)"},
    "RenameStore": {"id": 1, "name": "Archive 2025 (closed)"},
    "RenameUser": {"oldUserName": "ben.carter", "newUserName": "benjamin.carter"},
    "RenewMasterKey": {},
    "RepairStoreDatabase": {"id": 1},
    "RetryOpenStores": {},
    "RunJobAsync": {"id": 1},
    "RunProfile": {"id": 1},
    "RunTemporaryProfile": {"properties": O365, "raw": True},
    "SelectAllStoreIndexesForRebuild": {},
    "SendStatusReport": {
        "timespan": "yesterday",
        "timeZoneId": "$Local",
        "recipients": "it-team@example.com,boss@example.com",
    },
    "SetComplianceConfiguration": {"config": {"legalHoldEnabled": True}},
    "SetDirectoryServicesConfiguration": {"config": {"enabledUsersOnly": False}},
    "SetJobEnabled": {"id": 4, "enabled": True},
    "SetJobSchedule": {"id": 3, "timeZoneId": "UTC", "time": "06:15", "dayOfWeek": "Monday"},
    "SetProfileServerSideExecution": {
        "id": 2,
        "automatic": True,
        "automaticPauseBetweenExecutions": 300,
    },
    "SetRetentionPolicies": {"config": {"policies": []}},
    "SetServiceCertificate": {"thumbprint": "0123456789ABCDEF0123456789ABCDEF01234567"},
    "SetSmtpSettings": {"settings": {"port": 465, "password": "new-secret"}},
    "SetStoreAutoCreateConfiguration": {"config": {"enabled": False}},
    "SetStoreProperties": {"id": 1, "contentPath": "F:\\Content"},
    "SetStoreRequestedState": {"id": 1, "requestedState": "writeProtected"},
    "SetUserAuthentication": {"userName": "anna.schmidt", "authentication": "integrated"},
    "SetUserDistinguishedName": {"userName": "anna.schmidt", "distinguishedName": "CN=A"},
    "SetUserEmailAddresses": {"userName": "anna.schmidt", "emailAddresses": "a@example.com"},
    "SetUserFullName": {"userName": "anna.schmidt", "fullName": "Anna S."},
    "SetUserLoginPrivileges": {"userName": "anna.schmidt", "loginPrivileges": "web,imap"},
    "SetUserPassword": {"userName": "anna.schmidt", "password": "pässwörd"},
    "SetUserPop3UserNames": {"userName": "anna.schmidt", "pop3UserNames": "anna,aschmidt"},
    "SetUserPrivileges": {"userName": "anna.schmidt", "privileges": "login,export"},
    "SetUserPrivilegesOnFolder": {
        "userName": "anna.schmidt",
        "folder": "info",
        "privileges": "read,write",
    },
    "SyncUsersWithDirectoryServices": {"dryRun": True},
    "TestSmtpSettings": {},
    "UnlockStore": {"id": 5, "passphrase": "ABCDE-FGHIJ"},
    "UpgradeStore": {"id": 1},
    "UpgradeStores": {},
    "VerifyStore": {"id": 1, "includeIndexes": False},
    "VerifyStores": {"includeIndexes": False},
}

SERVER_NAMES = [entry["name"] for entry in load("server")]
NULL_RESULT_SOURCES = [provenance.sources()[key] for key in ("void", "task", "tutorial")]


def test_every_catalog_function_has_a_handler_and_a_sample() -> None:
    assert sorted(HANDLERS) == sorted(SERVER_NAMES)
    assert sorted(SAMPLES) == sorted(SERVER_NAMES)


@pytest.mark.parametrize("function", SERVER_NAMES)
def test_function_succeeds_with_plausible_arguments(
    function: str, srv: Emulator, api: ApiClient
) -> None:
    final, log, statuses = api.run(function, **SAMPLES[function])
    for status in statuses:
        assert list(status) == ENVELOPE_KEYS
    assert final["statusCode"] == "succeeded", final["error"]
    assert final["error"] is None
    entry = provenance.lookup("server", function)
    assert entry is not None
    if entry["source"] in NULL_RESULT_SOURCES:  # the provenance says "result null"
        assert final["result"] is None
    else:
        assert final["result"] is not None
    long_running = next(e for e in load("server") if e["name"] == function)["long_running"]
    if long_running:
        assert log.endswith("\r\n"), log  # tasks always leave a transcript
    else:
        assert final["token"] is None and final["statusVersion"] == 2
        assert final["logOutput"] is None
