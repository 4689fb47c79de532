"""The SPE emulator's default content: instance hosts, instances and their archives.

:func:`default_spe_dataset` returns plain JSON data.  Each instance carries its own archive
(``"archive"``), a Server dataset from :func:`~mailstore.emulator.dataset.default_dataset`
varied per instance (its seed, its number of users, its store sizes), so that instances
differ the way customers do.  Keys an instance record has besides those the API shows:
``serviceProviderAccess`` and ``archiveAdminEnabled`` (the two access switches) and
``startFailure`` (the message a start of this instance fails with, or null).
"""

from __future__ import annotations

import copy
from typing import Any, Dict, Optional, Tuple

from ..dataset import default_dataset, default_smtp, make_user

SPE_DATASET_FORMAT = "mailstore-spe-emulator-dataset"
SPE_DATASET_VERSION = 1

JsonDict = Dict[str, Any]

#: The built-in service-provider user every instance has (as real SPE instances list it).
ARCHIVE_ADMIN = "$archiveadmin"
VERSION = "25.3.1.23021"
SERVER_NAME = "spe.example.com"
HOSTS = ("instancehost01", "instancehost02")

_PROCESSORS = ["Intel(R) Xeon(R) CPU E5-2660 v4 @ 2.00GHz"] * 4
_OS = "Microsoft Windows Server 2022 Standard"

# instanceID, alias, displayName, host, people kept, store size factor, status
_INSTANCES: Tuple[Tuple[str, str, str, int, int, float, str], ...] = (
    ("acme", "acme", "ACME Corporation", 0, 25, 3.0, "running"),
    ("bluesky", "bluesky", "Blue Sky Travel GmbH", 0, 12, 1.2, "running"),
    ("contoso", "contoso", "Contoso Ltd.", 0, 18, 2.4, "running"),
    ("fabrikam", "fab", "Fabrikam Inc.", 0, 8, 0.8, "running"),
    ("globex", "globex", "Globex Corporation", 0, 20, 5.5, "running"),
    ("initech", "initech", "Initech", 0, 6, 0.5, "running"),
    ("northwind", "nwt", "Northwind Traders", 0, 15, 1.7, "frozen"),
    ("tailspin", "tailspin", "Tailspin Toys", 1, 9, 1.1, "stopped"),
    ("umbrella", "umbrella", "Umbrella Health Services", 1, 10, 2.0, "stopped"),
    ("wayne", "wayne", "Wayne Enterprises", 1, 22, 4.2, "running"),
    ("wideworld", "wwi", "Wide World Importers", 1, 14, 1.5, "running"),
    ("woodgrove", "woodgrove", "Woodgrove Bank", 1, 16, 3.3, "running"),
)

#: The instance that keeps the foreign store needing an index rebuild (an error message).
_REBUILD_INSTANCE = "globex"
#: Customers that turned service provider access off.
_NO_PROVIDER_ACCESS = ("wayne",)
_MANUAL_START = ("tailspin",)
#: Why umbrella does not start (kept in ``startFailure``, shown in ``startStopError``).
START_FAILURE = (
    "The instance process exited during startup: the archive store database "
    "'E:\\Instances\\umbrella\\MasterDatabase.fdb' is locked by another process."
)


def default_spe_dataset(seed: int = 8474) -> JsonDict:
    """A fresh copy of the default SPE content (the same for the same ``seed``)."""
    instances = [
        _default_instance(index, seed + index, *entry) for index, entry in enumerate(_INSTANCES)
    ]
    return {
        "format": SPE_DATASET_FORMAT,
        "version": SPE_DATASET_VERSION,
        "environmentInfo": {
            "version": VERSION,
            "webClientVersion": VERSION,
            "copyright": "Copyright (c) 2005-2025 MailStore Software GmbH",
            "licenseeName": "Example Hosting Inc.",
            "licenseeID": 12345,
            "serverName": SERVER_NAME,
            "systemProperties": _system(8589398016),
        },
        "managementServer": _server(SERVER_NAME, 8471, 0, None),
        "clientAccessServers": [_server(SERVER_NAME, 8473, 1, _system(8589398016))],
        "instanceHosts": [_host(name, index) for index, name in enumerate(HOSTS)],
        "systemAdministrators": [
            _admin("admin", "Administrator", "admin@hosting.example", "admin"),
            _admin("ops", "Operations", "ops@hosting.example", "Ops-2026!"),
        ],
        "systemSmtpConfiguration": dict(
            default_smtp(),
            serverName="smtp.hosting.example",
            userName="spe@hosting.example",
            fromAddress="spe@hosting.example",
            fromDisplayName="MailStore SPE",
            recipient="noc@hosting.example",
        ),
        "serviceMessages": [
            {
                "type": "information",
                "text": "A new MailStore Service Provider Edition version (26.2.0.24007) "
                "is available.",
            }
        ],
        "instances": instances,
    }


def make_instance(
    instance_id: str,
    host: str,
    *,
    alias: Optional[str] = None,
    display_name: Optional[str] = None,
    status: str = "running",
    start_mode: str = "automatic",
    process_id: Optional[int] = None,
    base_directory: Optional[str] = None,
) -> JsonDict:
    """An instance record as the SPE emulator keeps it (without its archive)."""
    return {
        "instanceID": instance_id,
        "alias": alias or instance_id,
        "displayName": display_name or instance_id,
        "instanceHost": host,
        "startMode": start_mode,
        "processID": process_id if status != "stopped" else None,
        "status": status,
        "startStopError": None,
        "baseDirectory": base_directory or f"E:\\Instances\\{instance_id}",
        "debugLogEnabled": False,
        "imapServerConnectionLogEnabled": False,
        "vssWriterEnabled": True,
        "vssWriterExcludeIndexes": False,
        "serviceProviderAccess": True,
        "archiveAdminEnabled": True,
        "startFailure": None,
    }


def new_instance_archive(host: str) -> JsonDict:
    """The archive of a newly created instance: two administrators, one empty store."""
    archive = default_dataset(machine_name=host.upper())
    admin = next(u for u in archive["users"] if u["userName"] == "admin")
    admin["password"] = None
    archive["users"] = [_archive_admin(), admin]
    store = dict(archive["stores"][2], id=1, name="DefaultFileGroup", statisticsCount=0)
    store["statisticsSize"] = 0
    archive.update(
        stores=[store],
        folders=[],
        messages=[],
        storeIndexes={"selectedForRebuild": [], "needsRebuild": []},
        profiles=[],
        jobs=[],
        jobResults=[],
        workerResults=[],
        credentials=[],
        directoryUsers=[],
        activeSessions=[],
    )
    archive.setdefault("indexConfiguration", default_index_configuration())
    return archive


def default_index_configuration() -> JsonDict:
    """An instance's full-text index settings, as real SPE 25.3 instances answer them."""
    return {"attachmentExtensions": None, "includeAttachmentsOfPDFs": False}


def _default_instance(
    index: int,
    seed: int,
    instance_id: str,
    alias: str,
    display_name: str,
    host_index: int,
    people: int,
    factor: float,
    status: str,
) -> JsonDict:
    host = HOSTS[host_index]
    record = make_instance(
        instance_id,
        host,
        alias=alias,
        display_name=display_name,
        status=status,
        start_mode="manual" if instance_id in _MANUAL_START else "automatic",
        process_id=4100 + 97 * index,
    )
    record["serviceProviderAccess"] = instance_id not in _NO_PROVIDER_ACCESS
    if instance_id == "umbrella":
        record["startFailure"] = START_FAILURE
        record["startStopError"] = START_FAILURE
    record["archive"] = _instance_archive(seed, host, people, factor, instance_id)
    return record


def _instance_archive(
    seed: int, host: str, people: int, factor: float, instance_id: str
) -> JsonDict:
    archive = default_dataset(seed, machine_name=host.upper())
    directory = [u for u in archive["users"] if u["authentication"] == "directoryServices"]
    dropped = {u["userName"] for u in directory[people:]}
    archive["users"] = [_archive_admin()] + [
        u for u in archive["users"] if u["userName"] not in dropped
    ]
    archive["directoryUsers"] = [
        d for d in archive["directoryUsers"] if d["userName"] not in dropped
    ]
    archive["folders"] = [f for f in archive["folders"] if f.split("/", 1)[0] not in dropped]
    archive["messages"] = [
        m for m in archive["messages"] if m["folder"].split("/", 1)[0] not in dropped
    ]
    for store in archive["stores"]:
        store["statisticsCount"] = int(store["statisticsCount"] * factor)
        store["statisticsSize"] = int(store["statisticsSize"] * factor)
        for key in ("databasePath", "contentPath", "indexPath"):
            if store[key]:
                store[key] = store[key].replace(
                    "D:\\MailStore Server Data\\Stores", f"E:\\Instances\\{instance_id}\\Stores"
                )
    if instance_id != _REBUILD_INSTANCE:
        archive["stores"] = [s for s in archive["stores"] if s["id"] != 5]
        archive["storeIndexes"]["needsRebuild"] = []
    archive["indexConfiguration"] = default_index_configuration()
    return archive


def _archive_admin() -> JsonDict:
    return make_user(ARCHIVE_ADMIN, privileges=("admin",))


def _system(memory: int) -> JsonDict:
    return {"processors": list(_PROCESSORS), "totalPhysicalMemory": memory, "operatingSystem": _OS}


def _thumbprint(number: int) -> str:
    return f"0123456789ABCDEF0123456789ABCDEF0123456{number}"


def _server(name: str, port: int, number: int, system: Optional[JsonDict]) -> JsonDict:
    return {
        "serverName": name,
        "port": port,
        "serverCertificate": {"thumbprint": _thumbprint(number)},
        "systemProperties": copy.deepcopy(system),
    }


def _host(name: str, index: int) -> JsonDict:
    host = _server(name, 8472, 2 + index, _system(17178845184))
    host["baseDirectory"] = "E:\\Instances"
    host["_directories"] = ["C:\\", "E:\\", "E:\\Instances"] + [
        f"E:\\Instances\\{entry[0]}" for entry in _INSTANCES if entry[3] == index
    ]
    return host


def _admin(name: str, full: str, email: str, password: str) -> JsonDict:
    return {
        "userName": name,
        "fullName": full,
        "emailAddress": email,
        "mfaStatus": "Disabled",
        "password": password,
        "apiPassword": None,
    }
