"""The SPE's own functions: environment, service status, servers, administrators, licences.

These act on the SPE as a whole, not on one instance.  Result shapes seen on real SPE
servers (GetEnvironmentInfo, GetServiceStatus, GetInstanceHosts) are followed key for key;
the others are the emulator's guesses, recorded in ``provenance.json``.
"""

from __future__ import annotations

import copy
import fnmatch
import secrets
from typing import Any, Dict, List, Optional

from ..errors import ApiError
from ..functions import Args, masked, merge_config
from .context import SpeContext, keyed_config, spe_api
from .dataset import ARCHIVE_ADMIN

JsonDict = Dict[str, Any]

SERVER_KEYS = ("serverName", "port", "serverCertificate")
ADMIN_KEYS = ("userName", "fullName", "emailAddress", "mfaStatus")
SERVER_TYPES = ("instanceHost", "clientAccessServer")


def _pick(item: JsonDict, keys: tuple[str, ...]) -> JsonDict:
    return {key: copy.deepcopy(item.get(key)) for key in keys}


def _named(items: List[JsonDict], name_filter: Optional[str]) -> List[JsonDict]:
    """Items whose serverName matches ``name_filter`` (wildcards allowed; all when None)."""
    if name_filter is None:
        return items
    wanted = name_filter.casefold()
    return [i for i in items if fnmatch.fnmatchcase(str(i["serverName"]).casefold(), wanted)]


def _require_named(items: List[JsonDict], name: str, what: str) -> JsonDict:
    found = [i for i in items if str(i["serverName"]).casefold() == name.casefold()]
    if not found:
        raise ApiError(f"{what} '{name}' does not exist.")
    return found[0]


def _add_server(servers: List[JsonDict], config: Any, what: str, fresh: JsonDict) -> None:
    """Add ``fresh`` (a server without a name) with ``config`` applied; names are unique."""
    config = keyed_config(config, "serverName", what)
    name = str(config["serverName"])
    if _named(servers, name):
        raise ApiError(f"{what} '{name}' already exists.")
    merge_config(fresh, config, f"{what} configuration")
    servers.append(fresh)


def _configure_server(servers: List[JsonDict], config: Any, what: str) -> None:
    config = keyed_config(config, "serverName", what)
    server = _require_named(servers, str(config["serverName"]), what)
    merge_config(server, config, f"{what} configuration")


# -- environment and status ----------------------------------------------------------------------


def _environment(ctx: SpeContext) -> JsonDict:
    """The environment info; ``userName`` is the caller's, before ``systemProperties``."""
    info: JsonDict = copy.deepcopy(ctx.spe.data["environmentInfo"])
    system = info.pop("systemProperties", None)
    info.update(userName=ctx.caller, systemProperties=system)
    return info


@spe_api("GetEnvironmentInfo")
def get_environment_info(ctx: SpeContext, args: Args) -> Any:
    return _environment(ctx)


def _server_info(ctx: SpeContext, server: JsonDict, kind: str) -> JsonDict:
    """A server role as GetServiceStatus lists it (instance counts for instance hosts only)."""
    info = _pick(server, SERVER_KEYS)
    info.update(
        serverType=kind,
        active=True,
        systemProperties=copy.deepcopy(server.get("systemProperties")),
        numberOfInstances=None,
        numberOfRunningInstances=None,
    )
    if kind == "instanceHost":
        mine = ctx.spe.select(f"*{server['serverName']}")
        info["numberOfInstances"] = len(mine)
        info["numberOfRunningInstances"] = sum(1 for r in mine if r["status"] == "running")
    return info


def _message(kind: str, text: str) -> JsonDict:
    return {"type": kind, "text": text, "isSubItem": False, "tag": None, "flags": None}


def _instance_messages(ctx: SpeContext) -> List[JsonDict]:
    """Errors about instances: failed starts, search indexes that need a rebuild."""
    messages = []
    for record in ctx.spe.instances:
        where = f"Instance {record['instanceID']} on {record['instanceHost']}"
        if record["startStopError"]:
            messages.append(_message("error", f"{where}: {record['startStopError']}"))
        stores = ctx.spe.archive(record["instanceID"]).stores
        if record["status"] == "running" and any(s["searchIndexesNeedRebuild"] for s in stores):
            text = f"{where}: One or more search indexes have to be rebuilt."
            messages.append(_message("error", text))
    return messages


@spe_api("GetServiceStatus")
def get_service_status(ctx: SpeContext, args: Args) -> Any:
    data = ctx.spe.data
    servers = [_server_info(ctx, s, "clientAccessServer") for s in ctx.spe.access_servers]
    servers.append(_server_info(ctx, data["managementServer"], "managementServer"))
    servers += [_server_info(ctx, h, "instanceHost") for h in ctx.spe.hosts]
    messages = [_message(m["type"], m["text"]) for m in data["serviceMessages"]]
    return {
        "environmentInfo": _environment(ctx),
        "serverInfos": servers,
        "messages": messages + _instance_messages(ctx),
    }


@spe_api("Ping")
def ping(ctx: SpeContext, args: Args) -> Any:
    return None


@spe_api("ReloadBranding")
def reload_branding(ctx: SpeContext, args: Args) -> Any:
    return None


@spe_api("CreateLicenseRequest")
def create_license_request(ctx: SpeContext, args: Args) -> Any:
    """The licence data; ``usedLicenseCount`` counts an instance's users with any privilege."""
    environment = ctx.spe.data["environmentInfo"]
    data = []
    for record in ctx.spe.instances:
        users = ctx.spe.archive(record["instanceID"]).users
        used = sum(1 for u in users if u["privileges"] and u["userName"] != ARCHIVE_ADMIN)
        data.append({"instanceID": record["instanceID"], "usedLicenseCount": used})
    return {
        "licenseeID": environment["licenseeID"],
        "licenseeName": environment["licenseeName"],
        "version": environment["version"],
        "instanceData": data,
    }


# -- instance hosts ----------------------------------------------------------------------------------


@spe_api("GetInstanceHosts")
def get_instance_hosts(ctx: SpeContext, args: Args) -> Any:
    keys = SERVER_KEYS + ("baseDirectory",)
    return [_pick(h, keys) for h in _named(ctx.spe.hosts, args.get("serverNameFilter"))]


@spe_api("CreateInstanceHost")
def create_instance_host(ctx: SpeContext, args: Args) -> Any:
    base = args["config"].get("baseDirectory") if isinstance(args["config"], dict) else None
    host = {
        "serverName": None,
        "port": 8472,
        "serverCertificate": {"thumbprint": None},
        "baseDirectory": base,
        "systemProperties": None,
        "_directories": ["C:\\"] + ([str(base)] if base else []),
    }
    _add_server(ctx.spe.hosts, args["config"], "Instance Host", host)
    return None


@spe_api("SetInstanceHostConfiguration")
def set_instance_host_configuration(ctx: SpeContext, args: Args) -> Any:
    _configure_server(ctx.spe.hosts, args["config"], "Instance Host")
    return None


@spe_api("DeleteInstanceHost")
def delete_instance_host(ctx: SpeContext, args: Args) -> Any:
    host = _require_named(ctx.spe.hosts, args["serverName"], "Instance Host")
    if ctx.spe.select(f"*{host['serverName']}"):
        raise ApiError(
            f"Instance Host '{host['serverName']}' still has instances; delete them first.",
            "System.InvalidOperationException",
        )
    ctx.spe.hosts.remove(host)
    return None


@spe_api("GetDirectoriesOnInstanceHost")
def get_directories_on_instance_host(ctx: SpeContext, args: Args) -> Any:
    """The subdirectories of ``path`` (the drives without a path), as full paths."""
    host = _require_named(ctx.spe.hosts, args["serverName"], "Instance Host")
    directories = host["_directories"]
    parent = (args.get("path") or "").rstrip("\\")
    if not parent:
        return sorted(d for d in directories if d.endswith(":\\"))
    if not any(d.rstrip("\\").casefold() == parent.casefold() for d in directories):
        raise ApiError(f"Could not find a part of the path '{parent}'.")
    prefix = parent.casefold() + "\\"
    return sorted(
        d for d in directories if d.casefold().startswith(prefix) and "\\" not in d[len(prefix) :]
    )


@spe_api("CreateDirectoryOnInstanceHost")
def create_directory_on_instance_host(ctx: SpeContext, args: Args) -> Any:
    host = _require_named(ctx.spe.hosts, args["serverName"], "Instance Host")
    path = args["path"].rstrip("\\")
    if len(path) < 3 or path[1:3] != ":\\":
        raise ApiError(f"'{args['path']}' is not an absolute path.", "System.ArgumentException")
    parts = path.split("\\")
    for depth in range(2, len(parts) + 1):  # the parents are created too, like mkdir -p
        directory = "\\".join(parts[:depth])
        if not any(d.casefold() == directory.casefold() for d in host["_directories"]):
            host["_directories"].append(directory)
    return None


# -- client access servers and pairing ---------------------------------------------------------------


@spe_api("GetClientAccessServers")
def get_client_access_servers(ctx: SpeContext, args: Args) -> Any:
    servers = _named(ctx.spe.access_servers, args.get("serverNameFilter"))
    if args["withServiceStatus"]:
        return [_server_info(ctx, s, "clientAccessServer") for s in servers]
    return [_pick(s, SERVER_KEYS) for s in servers]


@spe_api("CreateClientAccessServer")
def create_client_access_server(ctx: SpeContext, args: Args) -> Any:
    server = {
        "serverName": None,
        "port": 8473,
        "serverCertificate": {"thumbprint": None},
        "systemProperties": None,
    }
    _add_server(ctx.spe.access_servers, args["config"], "Client Access Server", server)
    return None


@spe_api("SetClientAccessServerConfiguration")
def set_client_access_server_configuration(ctx: SpeContext, args: Args) -> Any:
    _configure_server(ctx.spe.access_servers, args["config"], "Client Access Server")
    return None


@spe_api("DeleteClientAccessServer")
def delete_client_access_server(ctx: SpeContext, args: Args) -> Any:
    server = _require_named(ctx.spe.access_servers, args["serverName"], "Client Access Server")
    ctx.spe.access_servers.remove(server)
    return None


@spe_api("PairWithManagementServer")
def pair_with_management_server(ctx: SpeContext, args: Args) -> Any:
    """Record the port and certificate thumbprint of a registered server role."""
    kind = args["serverType"]
    if kind not in SERVER_TYPES:
        raise ApiError(
            f"Invalid server type '{kind}': expected one of {', '.join(SERVER_TYPES)}.",
            "System.ArgumentException",
        )
    servers = ctx.spe.hosts if kind == "instanceHost" else ctx.spe.access_servers
    what = "Instance Host" if kind == "instanceHost" else "Client Access Server"
    server = _require_named(servers, args["serverName"], what)
    thumbprint = args["thumbprint"].replace(" ", "").replace(":", "").upper()
    server.update(port=int(args["port"]), serverCertificate={"thumbprint": thumbprint})
    return None


# -- system administrators ------------------------------------------------------------------------


@spe_api("GetSystemAdministrators")
def get_system_administrators(ctx: SpeContext, args: Args) -> Any:
    return [_pick(a, ADMIN_KEYS) for a in ctx.spe.admins]


@spe_api("CreateSystemAdministrator")
def create_system_administrator(ctx: SpeContext, args: Args) -> Any:
    config = keyed_config(args["config"], "userName", "administrator")
    name = str(config["userName"]).strip()
    if ctx.spe.find_admin(name) is not None:
        raise ApiError(f"System administrator '{name}' already exists.")
    if not args["password"]:
        raise ApiError("The password must not be empty.")
    admin = {"userName": name, "fullName": None, "emailAddress": None, "mfaStatus": "Disabled"}
    merge_config(admin, {k: v for k, v in config.items() if k != "userName"}, "administrator")
    admin.update(password=args["password"], apiPassword=None)
    ctx.spe.admins.append(admin)
    return None


@spe_api("SetSystemAdministratorConfiguration")
def set_system_administrator_configuration(ctx: SpeContext, args: Args) -> Any:
    config = keyed_config(args["config"], "userName", "administrator")
    admin = ctx.spe.require_admin(str(config["userName"]))
    settable = {"fullName": admin["fullName"], "emailAddress": admin["emailAddress"]}
    merge_config(settable, config, "administrator")
    admin.update(settable)
    return None


@spe_api("DeleteSystemAdministrator")
def delete_system_administrator(ctx: SpeContext, args: Args) -> Any:
    admin = ctx.spe.require_admin(args["userName"])
    if admin["userName"].casefold() == ctx.caller.casefold():
        raise ApiError("You cannot delete your own account.", "System.InvalidOperationException")
    ctx.spe.admins.remove(admin)
    return None


@spe_api("SetSystemAdministratorPassword")
def set_system_administrator_password(ctx: SpeContext, args: Args) -> Any:
    if not args["password"]:
        raise ApiError("The password must not be empty.")
    ctx.spe.require_admin(args["userName"])["password"] = args["password"]
    return None


@spe_api("InitializeSystemAdministratorMFA")
def initialize_system_administrator_mfa(ctx: SpeContext, args: Args) -> Any:
    ctx.spe.require_admin(args["userName"])["mfaStatus"] = "Initialized"
    return None


@spe_api("DeactivateSystemAdministratorMFA")
def deactivate_system_administrator_mfa(ctx: SpeContext, args: Args) -> Any:
    ctx.spe.require_admin(args["userName"])["mfaStatus"] = "Disabled"
    return None


@spe_api("CreateSystemAdministratorAPIPassword")
def create_system_administrator_api_password(ctx: SpeContext, args: Args) -> Any:
    """A new API password for the caller (replacing the old one), returned once."""
    password = secrets.token_urlsafe(18)
    ctx.spe.require_admin(ctx.caller)["apiPassword"] = password
    return password


# -- system SMTP ----------------------------------------------------------------------------------


@spe_api("GetSystemSmtpConfiguration")
def get_system_smtp_configuration(ctx: SpeContext, args: Args) -> Any:
    return masked(ctx.spe.data["systemSmtpConfiguration"])


@spe_api("SetSystemSmtpConfiguration")
def set_system_smtp_configuration(ctx: SpeContext, args: Args) -> Any:
    merge_config(ctx.spe.data["systemSmtpConfiguration"], args["config"], "SMTP configuration")
    return None


@spe_api("TestSystemSmtpConfiguration")
def test_system_smtp_configuration(ctx: SpeContext, args: Args) -> Any:
    settings = ctx.spe.data["systemSmtpConfiguration"]
    if not settings.get("serverName") or not settings.get("recipient"):
        raise ApiError(
            "The SMTP settings are incomplete: a server name and a recipient are needed."
        )
    return None
