"""Every SPE catalog function, called through SPEClient with plausible arguments, answers.

One SPE emulator serves the module (the plugin's session fixture); each instance function
runs on an instance of its own, a fresh copy of a default one, so the calls cannot disturb
each other.  Management functions act on distinct hosts, administrators and instances.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Dict, Iterator, List

import pytest
from emu_helpers import ENVELOPE_KEYS, ApiClient
from test_emu_every_function import SAMPLES as SERVER_SAMPLES

import mailstore
from mailstore.catalog import load
from mailstore.emulator import provenance
from mailstore.emulator.spe import SpeEmulator
from mailstore.emulator.spe.dataset import make_instance

Json = Dict[str, Any]

SPE_NAMES = [entry["name"] for entry in load("spe")]
#: Listed for SPE by a third party only, with unknown arguments: not emulated.
UNCONFIRMED = ["CreateCredential", "DeleteCredential", "GetCredentialSettings",
               "SetCredentialSettings", "TransferStores"]  # fmt: skip
NULL_RESULT_SOURCES = [provenance.sources()[key] for key in ("void", "task", "tutorial")]

INSTANCE_SAMPLES: Dict[str, Json] = {
    **{n: args for n, args in SERVER_SAMPLES.items() if n in SPE_NAMES and n not in UNCONFIRMED},
    "AttachStore": {"name": "Attached", "path": "E:\\Instances\\x\\Attached"},
    "CreateStore": {"name": "Archive 2027", "path": "E:\\Instances\\x\\2027"},
    "DeleteMessage": {"id": "3:1"},
    "GetWorkerResults": {
        "fromIncluding": "2026-04-01T00:00:00",
        "toExcluding": "2026-05-01T00:00:00",
        "timeZoneID": "$Local",
    },
    "CanRunArchiveProfiles": {},
    "CreateClientOneTimeUrlForArchiveAdmin": {},
    "GetArchiveAdminEnabled": {},
    "SetArchiveAdminEnabled": {"enabled": False},
    "GetIndexConfiguration": {},
    "SetIndexConfiguration": {"config": {"includeAttachmentsOfPDFs": True}},
    "GetInstanceConfiguration": {},
    "GetInstanceProcessLiveStatistics": {},
    "GetInstanceStatistics": {},
    "SetStorePath": {"id": "1", "path": "F:\\Stores\\Archive 2025"},
}

HOST = {"serverName": "ih-new", "port": 8472, "serverCertificate": {"thumbprint": "AB" * 20}}
MANAGEMENT_SAMPLES: Dict[str, Json] = {
    "CreateClientAccessServer": {"config": dict(HOST, serverName="cas-new", port=8473)},
    "CreateDirectoryOnInstanceHost": {"serverName": "instancehost01", "path": "E:\\New\\Sub"},
    "CreateInstance": {"config": {"instanceID": "newco", "instanceHost": "instancehost02"}},
    "CreateInstanceHost": {"config": HOST},
    "CreateLicenseRequest": {},
    "CreateSystemAdministrator": {
        "config": {"userName": "bob", "fullName": "Bob", "emailAddress": "bob@example.com"},
        "password": "Passw0rd!",
    },
    "CreateSystemAdministratorAPIPassword": {},
    "DeactivateSystemAdministratorMFA": {"userName": "mfa.user"},
    "DeleteClientAccessServer": {"serverName": "cas-old"},
    "DeleteInstanceHost": {"serverName": "ih-old"},
    "DeleteInstances": {"instanceFilter": "umbrella"},
    "DeleteSystemAdministrator": {"userName": "leaver"},
    "FreezeInstances": {"instanceFilter": "bluesky"},
    "GetClientAccessServers": {"withServiceStatus": True},
    "GetDirectoriesOnInstanceHost": {"serverName": "instancehost01", "path": "E:\\Instances"},
    "GetEnvironmentInfo": {},
    "GetInstanceHosts": {"serverNameFilter": "instancehost02"},
    "GetInstances": {"instanceFilter": "*"},
    "GetServiceStatus": {},
    "GetSystemAdministrators": {},
    "GetSystemSmtpConfiguration": {},
    "InitializeSystemAdministratorMFA": {"userName": "mfa.user"},
    "PairWithManagementServer": {
        "serverType": "instanceHost",
        "serverName": "instancehost02",
        "port": 8472,
        "thumbprint": "CD" * 20,
    },
    "Ping": {},
    "ReloadBranding": {},
    "RestartInstances": {"instanceFilter": "contoso"},
    "SetClientAccessServerConfiguration": {
        "config": {"serverName": "spe.example.com", "port": 9473}
    },
    "SetInstanceConfiguration": {"config": {"instanceID": "fabrikam", "displayName": "Fabrikam"}},
    "SetInstanceHostConfiguration": {"config": {"serverName": "instancehost01", "port": 9472}},
    "SetSystemAdministratorConfiguration": {"config": {"userName": "ops", "fullName": "Ops"}},
    "SetSystemAdministratorPassword": {"userName": "pw.user", "password": "N3w-secret"},
    "SetSystemSmtpConfiguration": {"config": {"port": 465}},
    "StartInstances": {"instanceFilter": "tailspin"},
    "StopInstances": {"instanceFilter": "initech"},
    "TestSystemSmtpConfiguration": {},
    "ThawInstances": {"instanceFilter": "northwind"},
}


def _add_host(emu: SpeEmulator) -> None:
    emu.state.hosts.append(dict(HOST, serverName="ih-old", baseDirectory=None, _directories=[]))


def _add_access_server(emu: SpeEmulator) -> None:
    emu.state.access_servers.append(dict(HOST, serverName="cas-old", systemProperties=None))


#: Preparations for samples that remove or change something of their own.
SETUP: Dict[str, Callable[[SpeEmulator], None]] = {
    "DeleteInstanceHost": _add_host,
    "DeleteClientAccessServer": _add_access_server,
    "DeleteSystemAdministrator": lambda emu: emu.state.add_admin("leaver", "x"),
    "InitializeSystemAdministratorMFA": lambda emu: emu.state.add_admin("mfa.user", "x"),
    "DeactivateSystemAdministratorMFA": lambda emu: emu.state.add_admin("mfa.user", "x"),
    "SetSystemAdministratorPassword": lambda emu: emu.state.add_admin("pw.user", "x"),
}


@pytest.fixture(scope="module")
def emu(mailstore_spe_emulator_session: SpeEmulator) -> Iterator[SpeEmulator]:
    """The session's SPE emulator with the default dataset, tasks stepping quickly."""
    emulator = mailstore_spe_emulator_session
    emulator.step_interval = 0.0005
    yield emulator


@pytest.fixture(scope="module")
def pristine(emu: SpeEmulator) -> Json:
    """An untouched copy of the archive of globex (whose foreign store 5 is locked)."""
    instances = emu.state.to_dict()["instances"]
    archive: Json = next(i for i in instances if i["instanceID"] == "globex")["archive"]
    return archive


@pytest.fixture(scope="module")
def client(emu: SpeEmulator) -> Iterator[mailstore.mgmt.SPEClient]:
    spe_client = mailstore.mgmt.SPEClient(**emu.client_kwargs())
    yield spe_client
    spe_client.close()


def test_every_spe_function_has_a_sample() -> None:
    served = sorted(set(INSTANCE_SAMPLES) | set(MANAGEMENT_SAMPLES) | set(UNCONFIRMED))
    assert served == sorted(SPE_NAMES)
    assert len(served) == len(INSTANCE_SAMPLES) + len(MANAGEMENT_SAMPLES) + len(UNCONFIRMED)


def _call(client: mailstore.mgmt.SPEClient, function: str, args: Json) -> List[Json]:
    """Call through the generated method; every status the client saw, the final one last."""
    seen: List[Json] = []
    client.callback = seen.append
    try:
        final = getattr(client, function)(**args)
    finally:
        client.callback = None
    return [s for s in seen if s is not final] + [final]


def _check(function: str, statuses: List[Json]) -> None:
    final = statuses[-1]
    for status in statuses:
        assert list(status) == ENVELOPE_KEYS
    assert final["statusCode"] == "succeeded", final["error"]
    entry = provenance.lookup("spe", function)
    assert entry is not None
    if entry["source"] in NULL_RESULT_SOURCES:
        assert final["result"] is None
    else:
        assert final["result"] is not None
    log = "".join(s["logOutput"] or "" for s in statuses)
    if next(e for e in load("spe") if e["name"] == function)["long_running"]:
        assert log.endswith("\r\n"), log


@pytest.mark.parametrize("function", sorted(INSTANCE_SAMPLES))
def test_instance_function_succeeds_on_its_instance(
    function: str, emu: SpeEmulator, pristine: Json, client: mailstore.mgmt.SPEClient
) -> None:
    instance_id = f"fn-{function.lower()}"
    emu.state.add_instance(make_instance(instance_id, "instancehost01"), copy.deepcopy(pristine))
    args = dict(INSTANCE_SAMPLES[function], instanceID=instance_id)
    if function == "GetFolderStatistics":  # fails on SPE 25.3: see test_spe_archives
        emu.quirks.folder_statistics_fails = False
    try:
        _check(function, _call(client, function, args))
    finally:
        emu.quirks.folder_statistics_fails = True


@pytest.mark.parametrize("function", sorted(MANAGEMENT_SAMPLES))
def test_management_function_succeeds(
    function: str, emu: SpeEmulator, client: mailstore.mgmt.SPEClient
) -> None:
    SETUP.get(function, lambda emu: None)(emu)
    statuses = _call(client, function, MANAGEMENT_SAMPLES[function])
    _check(function, statuses)
    if function in ("StartInstances", "CreateInstance"):  # transitions: the task was followed
        assert "started." in "".join(s["logOutput"] or "" for s in statuses)


@pytest.mark.parametrize("function", UNCONFIRMED)
def test_unconfirmed_function_answers_like_an_unknown_one(function: str, emu: SpeEmulator) -> None:
    api = ApiClient(emu)
    try:
        response = api.post(f"/api/invoke/{function}", {"instanceID": "acme"})
    finally:
        api.close()
    assert response.status == 404
    body = response.json()
    assert list(body) == ENVELOPE_KEYS and body["statusCode"] == "failed"
    assert body["error"]["message"] == f"Unknown API function '{function}'."
