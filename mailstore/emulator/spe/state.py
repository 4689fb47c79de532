"""The live state of an emulated SPE: its settings, hosts, administrators and instances.

Each instance's archive is an :class:`~mailstore.emulator.archive.ArchiveState` of its own
(the Server emulator's archive model), all sharing the SPE's one lock.  In the JSON form
(:meth:`SpeState.to_dict`, :meth:`SpeState.save`) an instance record carries its archive
under ``"archive"``; in memory the archives are kept apart from the records.
"""

from __future__ import annotations

import copy
import threading
from typing import Any, Dict, List, Optional

from ..archive import ArchiveState, PathLike, Source, source_data, write_dataset
from ..errors import ApiError
from . import filters
from .dataset import (
    SPE_DATASET_FORMAT,
    default_index_configuration,
    default_spe_dataset,
    new_instance_archive,
)

JsonDict = Dict[str, Any]

SECTIONS = (
    "environmentInfo",
    "managementServer",
    "clientAccessServers",
    "instanceHosts",
    "systemAdministrators",
    "systemSmtpConfiguration",
    "serviceMessages",
    "instances",
)


class SpeState:
    """The live SPE of a running emulator.

    ``data`` holds everything but the archives (hold ``lock`` while reading or changing it);
    :meth:`archive` gives an instance's archive.  Tests may inspect and modify both.
    """

    def __init__(self, data: Optional[JsonDict] = None) -> None:
        self.lock = threading.RLock()
        data = default_spe_dataset() if data is None else data
        missing = [key for key in SECTIONS if key not in data]
        if missing:  # partial datasets (e.g. instances only) start: the rest gets defaults
            defaults = default_spe_dataset()
            for key in missing:
                data[key] = defaults[key]
        self.data: JsonDict = data
        self._archives: Dict[str, ArchiveState] = {}
        for record in self.instances:
            self._attach(record, record.pop("archive", None))

    # -- loading and saving

    @classmethod
    def from_source(cls, source: Source = None) -> SpeState:
        """Build a state from ``None`` (the default dataset), a dict, or a JSON file path."""
        return cls(source_data(source, SPE_DATASET_FORMAT))

    def to_dict(self) -> JsonDict:
        """A deep copy of everything, each instance with its archive."""
        with self.lock:
            data = copy.deepcopy(self.data)
            for record in data["instances"]:
                record["archive"] = self.archive(record["instanceID"]).to_dict()
            return data

    def save(self, path: PathLike) -> None:
        """Write :meth:`to_dict` as UTF-8 JSON (atomically)."""
        write_dataset(path, self.to_dict())

    # -- instances

    @property
    def instances(self) -> List[JsonDict]:
        result: List[JsonDict] = self.data["instances"]
        return result

    def find_instance(self, instance_id: str) -> Optional[JsonDict]:
        """The instance with ID ``instance_id`` (case-insensitive), or None."""
        key = instance_id.casefold()
        for record in self.instances:
            if record["instanceID"].casefold() == key:
                return record
        return None

    def require_instance(self, instance_id: str) -> JsonDict:
        record = self.find_instance(instance_id)
        if record is None:
            raise ApiError(f"Instance '{instance_id}' does not exist.")
        return record

    def archive(self, instance_id: str) -> ArchiveState:
        """The archive of an instance (KeyError for an unknown ID)."""
        record = self.find_instance(instance_id)
        if record is None:
            raise KeyError(instance_id)
        return self._archives[record["instanceID"]]

    def select(self, instance_filter: str) -> List[JsonDict]:
        """The instances an ``instanceFilter`` selects (see :mod:`.filters`)."""
        return filters.select(self.instances, instance_filter)

    def add_instance(self, record: JsonDict, archive: Optional[JsonDict] = None) -> JsonDict:
        """Add an instance record with its archive (a new, empty one when None)."""
        with self.lock:
            self.instances.append(record)
            self._attach(record, archive)
        return record

    def remove_instance(self, record: JsonDict) -> None:
        """Forget an instance and its archive."""
        with self.lock:
            self.instances.remove(record)
            del self._archives[record["instanceID"]]

    def _attach(self, record: JsonDict, archive: Optional[JsonDict]) -> None:
        data = archive if archive is not None else new_instance_archive(record["instanceHost"])
        data.setdefault("indexConfiguration", default_index_configuration())
        self._archives[record["instanceID"]] = ArchiveState(data, lock=self.lock)

    def next_process_id(self) -> int:
        """A process ID no running instance uses."""
        used = [int(r["processID"]) for r in self.instances if r.get("processID")]
        return max(used, default=4000) + 97

    # -- the other sections

    @property
    def hosts(self) -> List[JsonDict]:
        result: List[JsonDict] = self.data["instanceHosts"]
        return result

    @property
    def access_servers(self) -> List[JsonDict]:
        result: List[JsonDict] = self.data["clientAccessServers"]
        return result

    @property
    def admins(self) -> List[JsonDict]:
        result: List[JsonDict] = self.data["systemAdministrators"]
        return result

    def find_admin(self, name: str) -> Optional[JsonDict]:
        """The system administrator ``name`` (case-insensitive), or None."""
        return _find_named(self.admins, "userName", name)

    def require_admin(self, name: str) -> JsonDict:
        admin = self.find_admin(name)
        if admin is None:
            raise ApiError(f"System administrator '{name}' does not exist.")
        return admin

    def add_admin(self, name: str, password: str) -> None:
        """Give system administrator ``name`` the password ``password``, creating it if new."""
        with self.lock:
            admin = self.find_admin(name)
            if admin is None:
                admin = {"userName": name, "fullName": None, "emailAddress": None}
                admin.update(mfaStatus="Disabled", apiPassword=None)
                self.admins.append(admin)
            admin["password"] = password

    def require_host(self, name: str) -> JsonDict:
        host = _find_named(self.hosts, "serverName", name)
        if host is None:
            raise ApiError(f"Instance Host '{name}' does not exist.")
        return host


def _find_named(items: List[JsonDict], key: str, name: str) -> Optional[JsonDict]:
    wanted = name.casefold()
    for item in items:
        if str(item[key]).casefold() == wanted:
            return item
    return None
