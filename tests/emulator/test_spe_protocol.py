"""The SPE emulator as a server: logins, get-metadata, the other API, state files, the CLI."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest
from emu_helpers import ENVELOPE_KEYS, ApiClient, basic
from test_emu_cli import clean_env, exported, read_banner, read_exports

import mailstore
from mailstore.cli import main as cli_main
from mailstore.emulator import __main__ as emulator_main
from mailstore.emulator.spe import SpeEmulator

Json = Dict[str, Any]


def invoke(spe: SpeEmulator, function: str, user: str, password: str, **args: Any) -> Any:
    api = ApiClient(spe, user, password)
    try:
        return api.post(f"/api/invoke/{function}", args)
    finally:
        api.close()


def test_get_metadata_needs_credentials_and_lists_the_spe_functions(spe: SpeEmulator) -> None:
    api = ApiClient(spe)
    try:
        anonymous = api.raw("/api/get-metadata", method="GET", auth=None)
        assert anonymous.status == 401
        assert anonymous.headers["www-authenticate"].startswith("Basic realm=")
        metadata = api.raw("/api/get-metadata", method="GET").json()
    finally:
        api.close()
    functions = {f["name"]: f["args"] for f in metadata}
    assert len(functions) == 124  # the catalog's 129 less the five nobody knows the arguments of
    assert "GetServerInfo" not in functions and "CreateCredential" not in functions
    assert functions["GetUsers"] == [{"name": "instanceID", "type": "string", "nullable": False}]
    store_args = {a["name"]: a["nullable"] for a in functions["CreateStore"]}
    assert store_args["path"] is True and store_args["databasePath"] is True
    assert store_args["name"] is False and store_args["instanceID"] is False


def test_system_administrators_log_in(spe: SpeEmulator) -> None:
    assert invoke(spe, "Ping", "ops", "Ops-2026!").json()["statusCode"] == "succeeded"
    assert invoke(spe, "Ping", "OPS", "Ops-2026!").status == 200  # names: any case
    assert invoke(spe, "Ping", "ops", "wrong").status == 401
    assert invoke(spe, "Ping", "anna.schmidt", "x").status == 401  # an instance user is no one
    spe.api.is_loopback = lambda address: False
    assert invoke(spe, "Ping", "admin", "admin").status == 401
    assert invoke(spe, "Ping", "ops", "Ops-2026!").status == 200
    info = invoke(spe, "GetEnvironmentInfo", "ops", "Ops-2026!").json()["result"]
    assert info["userName"] == "ops"


def test_with_mfa_only_the_api_password_works(spe: SpeEmulator) -> None:
    created = invoke(spe, "CreateSystemAdministratorAPIPassword", "ops", "Ops-2026!").json()
    api_password = created["result"]
    assert isinstance(api_password, str) and len(api_password) >= 16
    assert invoke(spe, "Ping", "ops", api_password).status == 200  # MFA off: both work
    assert invoke(spe, "Ping", "ops", "Ops-2026!").status == 200
    with spe.state.lock:
        spe.state.require_admin("ops")["mfaStatus"] = "Enabled"
    assert invoke(spe, "Ping", "ops", "Ops-2026!").status == 401
    assert invoke(spe, "Ping", "ops", api_password).status == 200
    admins = invoke(spe, "GetSystemAdministrators", "ops", api_password).json()["result"]
    assert {"userName": "ops", "fullName": "Operations", "emailAddress": "ops@hosting.example",
            "mfaStatus": "Enabled"} in admins  # fmt: skip
    assert all("password" not in a and "apiPassword" not in a for a in admins)


def test_administrators_are_managed_through_the_api(
    spe: SpeEmulator, spe_client: mailstore.mgmt.SPEClient
) -> None:
    config = {"userName": "bob", "fullName": "Bob the Admin", "emailAddress": "bob@example.com"}
    assert spe_client.CreateSystemAdministrator(config, "Passw0rd!")["result"] is None
    bob = mailstore.mgmt.SPEClient(
        **dict(spe.client_kwargs(), username="bob", password="Passw0rd!")
    )
    try:
        assert bob.GetEnvironmentInfo()["result"]["userName"] == "bob"
        assert bob.DeleteSystemAdministrator("bob")["statusCode"] == "failed"  # not oneself
    finally:
        bob.close()
    assert spe_client.CreateSystemAdministrator(config, "x")["statusCode"] == "failed"  # exists
    assert spe_client.DeleteSystemAdministrator("bob")["statusCode"] == "succeeded"
    names = [a["userName"] for a in spe_client.GetSystemAdministrators()["result"]]
    assert names == ["admin", "ops"]


def test_functions_of_the_server_api_are_unknown_here(spe: SpeEmulator) -> None:
    response = invoke(spe, "GetServerInfo", "admin", "admin")
    assert response.status == 404
    error = response.json()["error"]
    assert error["message"] == "Unknown API function 'GetServerInfo'."
    assert error["details"].startswith(
        "'GetServerInfo' belongs to the MailStore Server Administration API; "
        "this emulator emulates MailStore SPE."
    )


def test_arguments_are_validated_as_in_server_mode(spe: SpeEmulator) -> None:
    missing = invoke(spe, "GetUsers", "admin", "admin").json()
    assert missing["error"]["message"] == "Missing API argument instanceID."
    bad = invoke(spe, "GetClientAccessServers", "admin", "admin", withServiceStatus="yes").json()
    assert "expected true or false" in bad["error"]["message"]
    json_arg = invoke(spe, "CreateInstance", "admin", "admin", config="{not json").json()
    assert json_arg["statusCode"] == "failed" and "not valid JSON" in json_arg["error"]["message"]


def test_management_views(spe: SpeEmulator, spe_client: mailstore.mgmt.SPEClient) -> None:
    status = spe_client.GetServiceStatus()["result"]
    assert list(status) == ["environmentInfo", "serverInfos", "messages"]
    hosts = {s["serverName"]: s for s in status["serverInfos"] if s["serverType"] == "instanceHost"}
    assert (hosts["instancehost01"]["numberOfInstances"],
            hosts["instancehost01"]["numberOfRunningInstances"]) == (7, 6)  # fmt: skip
    assert [s["serverType"] for s in status["serverInfos"]] == [
        "clientAccessServer", "managementServer", "instanceHost", "instanceHost"]  # fmt: skip
    hosts_list = spe_client.GetInstanceHosts()["result"]
    assert list(hosts_list[0]) == ["serverName", "port", "serverCertificate", "baseDirectory"]
    assert spe_client.GetInstanceHosts("doesnotexist")["result"] == []
    assert len(spe_client.GetInstanceHosts("instancehost0*")["result"]) == 2
    licence = spe_client.CreateLicenseRequest()["result"]
    counts = {i["instanceID"]: i["usedLicenseCount"] for i in licence["instanceData"]}
    users = spe.state.archive("initech").users
    named = [u for u in users if u["privileges"] and not u["userName"].startswith("$")]
    assert counts["initech"] == len(named) and len(counts) == 12
    assert len(named) < len(users) - 1  # users without privileges do not count
    listing = spe_client.GetDirectoriesOnInstanceHost("instancehost02", "E:\\Instances")["result"]
    assert "E:\\Instances\\wayne" in listing and "E:\\Instances\\acme" not in listing
    assert spe_client.GetDirectoriesOnInstanceHost("instancehost02")["result"] == ["C:\\", "E:\\"]
    smtp = spe_client.GetSystemSmtpConfiguration()["result"]
    assert smtp["password"] is None and smtp["serverName"] == "smtp.hosting.example"


def test_save_and_load_keep_every_instance_and_its_archive(
    spe: SpeEmulator, tmp_path: Path
) -> None:
    client = mailstore.mgmt.SPEClient(**spe.client_kwargs())
    try:
        client.CreateUser("saved.user", "login", instanceID="bluesky")
        client.StopInstances("acme")
    finally:
        client.close()
    path = tmp_path / "spe.json"
    spe.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "mailstore-spe-emulator-dataset"
    with SpeEmulator(dataset=path, data_dir=Path(spe.ca_file or "").parent.parent) as loaded:
        again = mailstore.mgmt.SPEClient(**loaded.client_kwargs())
        try:
            names = [u["userName"] for u in again.GetUsers(instanceID="bluesky")["result"]]
            assert "saved.user" in names
            assert again.GetInstances("acme")["result"][0]["status"] == "stopped"
        finally:
            again.close()
    partial = {"instances": [{"instanceID": "solo", "alias": "solo", "displayName": "Solo",
                              "instanceHost": "instancehost01", "startMode": "automatic",
                              "processID": 4001, "status": "running", "startStopError": None,
                              "serviceProviderAccess": True, "archiveAdminEnabled": True}]}  # fmt: skip
    with SpeEmulator(dataset=partial, data_dir=Path(spe.ca_file or "").parent.parent) as solo:
        assert [r["instanceID"] for r in solo.state.instances] == ["solo"]
        assert solo.state.archive("solo").find_user("$archiveadmin") is not None
        assert solo.state.admins[0]["userName"] == "admin"
    (tmp_path / "server.json").write_text('{"format": "mailstore-emulator-dataset"}')
    with pytest.raises(ValueError, match="not a mailstore-spe-emulator-dataset file"):
        SpeEmulator(dataset=tmp_path / "server.json")


def test_faults_restart_and_stats_work_as_in_server_mode(spe: SpeEmulator) -> None:
    client = mailstore.mgmt.SPEClient(**spe.client_kwargs(), retries=0)
    try:
        spe.faults.http_error(503, function="GetInstances")
        with pytest.raises(mailstore.errors.MailStoreError):
            client.GetInstances("*")
        client.CreateUser("kept", "login", instanceID="acme")
        spe.restart()
        assert "kept" in [u["userName"] for u in client.GetUsers(instanceID="acme")["result"]]
    finally:
        client.close()
    assert spe.stats.calls("GetUsers")[-1] == {"instanceID": "acme"}


def test_main_picks_the_spe_emulator_and_its_port(monkeypatch: pytest.MonkeyPatch) -> None:
    made: List[Any] = []

    def fake(spe: bool) -> Any:
        def build(host: str, port: int, **options: Any) -> Any:
            made.append((spe, host, port, options["users"]))
            raise OSError("not listening in this test")

        return build

    monkeypatch.setattr(emulator_main, "_emulator_class", fake)
    assert emulator_main.main(["--spe", "--user", "bob:pw"]) == 1
    assert emulator_main.main([]) == 1
    assert emulator_main.main(["--spe", "--port", "9000"]) == 1
    assert cli_main(["--spe", "emulator"]) == 1  # the shared option reaches the emulator
    assert made == [
        (True, "127.0.0.1", 8474, {"bob": "pw"}),
        (False, "127.0.0.1", 8463, {}),
        (True, "127.0.0.1", 9000, {}),
        (True, "127.0.0.1", 8474, {}),
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGINT")
def test_mailstore_emulator_spe_serves_prints_and_saves(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mailstore", "emulator", "--spe", "--port", "0",
         "--save-on-exit", str(tmp_path / "saved.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=clean_env(tmp_path / "home"),
    )  # fmt: skip
    try:
        banner = "\n".join(read_banner(process))
        exports = exported(read_exports(process))
        assert "MailStore SPE emulator listening on https://127.0.0.1:" in banner
        client = mailstore.mgmt.SPEClient(
            host=exports["MAILSTORE_HOST"],
            port=int(exports["MAILSTORE_PORT"]),
            username=exports["MAILSTORE_USERNAME"],
            password=exports["MAILSTORE_PASSWORD"],
            fingerprint=exports["MAILSTORE_FINGERPRINT"],
        )
        try:
            assert client.StopInstances("acme")["statusCode"] == "succeeded"
        finally:
            client.close()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert out == ""
    saved = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    assert next(i for i in saved["instances"] if i["instanceID"] == "acme")["status"] == "stopped"


def test_session_fixture_and_environment_lines(mailstore_spe_emulator_session: SpeEmulator) -> None:
    spe = mailstore_spe_emulator_session
    lines = emulator_main.environment_lines(spe, "sh")
    assert exported(lines)["MAILSTORE_PORT"] == str(spe.port)
    response = ApiClient(spe)
    try:
        reply = response.post("/api/invoke/Ping", auth=basic("admin", "admin"))
    finally:
        response.close()
    assert list(reply.json()) == ENVELOPE_KEYS
