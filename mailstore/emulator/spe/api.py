"""The emulated SPE Management API: its functions, who may log in, and where a call runs.

The protocol (routing, validation, tasks, get-status) is the Server emulator's
:class:`~mailstore.emulator.protocol.BaseApi`.  What differs:

* the functions are the SPE catalog's, minus those whose arguments nobody knows; Create-
  and AttachStore also take the Server-style arguments (MailStore's own wrapper sends
  them); the instance transitions run as tasks;
* system administrators log in (with their password or, with MFA on, only their API
  password);
* a function with an ``instanceID`` runs on that instance: it must exist and be running,
  and, except for those on archive stores, search indexes and the instance's own figures,
  service provider access must be enabled for it.  It runs the SPE handler if there is
  one, else the Server handler on the instance's archive.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, Optional, Tuple

from ...catalog import by_name
from ...catalog.data import overrides
from ..errors import ApiError
from ..functions import HANDLERS
from ..protocol import (
    BaseApi,
    Call,
    FunctionSpec,
    Reply,
    arg_spec,
    load_specs,
    names_only_in,
    unauthorized,
)
from ..tasks import TaskManager
from . import instance_functions, lifecycle, management  # noqa: F401  (register handlers)
from .context import SPE_HANDLERS, Quirks, SpeContext
from .state import SpeState

#: Functions that run as tasks on the emulator although the catalog does not say so.
TRANSITIONS = frozenset(
    {
        "CreateInstance",
        "DeleteInstances",
        "StartInstances",
        "StopInstances",
        "RestartInstances",
        "FreezeInstances",
        "ThawInstances",
    }
)

#: Instance functions allowed without service provider access: archive stores and search
#: indexes (as documented), and the figures the SPE keeps about the instance itself.
PROVIDER_ACCESS_EXEMPT = frozenset(
    {
        "AttachStore",
        "CompactStore",
        "CreateStore",
        "DetachStore",
        "GetStores",
        "MaintainFileSystemDatabases",
        "MergeStore",
        "RebuildSelectedStoreIndexes",
        "RecoverStore",
        "RecreateRecoveryRecords",
        "RefreshAllStoreStatistics",
        "RenameStore",
        "RepairStoreDatabase",
        "RetryOpenStores",
        "SelectAllStoreIndexesForRebuild",
        "SetStorePath",
        "SetStoreRequestedState",
        "UnlockStore",
        "UpgradeStore",
        "UpgradeStores",
        "VerifyStore",
        "VerifyStores",
        "GetStoreAutoCreateConfiguration",
        "SetStoreAutoCreateConfiguration",
        "GetIndexConfiguration",
        "SetIndexConfiguration",
        "GetInstanceConfiguration",
        "GetInstanceStatistics",
        "GetInstanceProcessLiveStatistics",
    }
)

#: Instance functions the SPE answers from its own records, whatever the instance's status.
NO_PROCESS_NEEDED = frozenset({"GetInstanceConfiguration", "GetInstanceStatistics"})


def spe_specs() -> Dict[str, FunctionSpec]:
    """The SPE catalog as served: see the module's description."""
    server = by_name("server")
    rules = overrides()["spe"]
    specs: Dict[str, FunctionSpec] = {}
    for name, spec in load_specs("spe").items():
        rule = rules.get(name, {})
        if "exclude" in rule:
            continue
        args = spec.args
        extra = rule.get("server_args", ())
        if extra:  # either form: what only the SPE reference form has may be left out
            server_args = {a["name"]: a for a in server[name]["args"]}
            own = {a.name for a in args} - set(server_args) - {"instanceID"}
            args = tuple(replace(a, optional=a.optional or a.name in own) for a in args)
            args += tuple(replace(arg_spec(server_args[n]), optional=True) for n in extra)
        specs[name] = FunctionSpec(name, args, spec.long_running or name in TRANSITIONS)
    return specs


class SpeApi(BaseApi):
    """The emulated Management API of one MailStore SPE."""

    product = "MailStore SPE"
    other_api = "the MailStore Server Administration API"

    def __init__(self, spe: SpeState, tasks: TaskManager, quirks: Quirks, **options: Any) -> None:
        super().__init__(
            spe_specs(), tasks, spe.lock, other_names=names_only_in("server", "spe"), **options
        )
        self.spe = spe
        self.quirks = quirks
        missing = [n for n in self.specs if n not in SPE_HANDLERS and n not in HANDLERS]
        if missing:  # pragma: no cover - guarded by the tests
            raise RuntimeError(f"no emulator handler for: {', '.join(missing)}")

    def check_user(self, name: str, password: str, peer: str) -> Tuple[str, Optional[Reply]]:
        admin = self.spe.find_admin(name)
        if admin is None or password not in _passwords(admin):
            return "", unauthorized("Invalid user name or password.")
        refused = self.default_login_refused(admin["userName"], password, peer)
        if refused is not None:
            return "", refused
        return str(admin["userName"]), None

    def bind(self, spec: FunctionSpec, args: Dict[str, Any], user: str) -> Call:
        ctx = SpeContext(self.spe, user, self.quirks)
        if "instanceID" in args:
            ctx.instance = self.spe.require_instance(args["instanceID"])
            _admit(spec.name, ctx.instance)
        handler = SPE_HANDLERS.get(spec.name)
        if handler is not None:
            return lambda: handler(ctx, args)
        server_handler, archive = HANDLERS[spec.name], ctx.archive_context()
        return lambda: server_handler(archive, args)


def _passwords(admin: Dict[str, Any]) -> Tuple[Any, ...]:
    """The passwords an administrator may log in with: with MFA on, the API password only."""
    api_password = admin.get("apiPassword")
    if admin.get("mfaStatus") == "Enabled":
        return (api_password,) if api_password else ()
    return tuple(p for p in (admin.get("password"), api_password) if p)


def _admit(function: str, record: Dict[str, Any]) -> None:
    """Fail the way an SPE would when ``function`` cannot run on this instance now."""
    name = record["instanceID"]
    if function not in NO_PROCESS_NEEDED and record["status"] != "running":
        state = "frozen" if record["status"] == "frozen" else "not running"
        raise ApiError(f"Instance '{name}' is {state}.", "System.InvalidOperationException")
    if not record["serviceProviderAccess"] and function not in PROVIDER_ACCESS_EXEMPT:
        raise ApiError(
            f"Service provider access is disabled for instance '{name}'.",
            "System.UnauthorizedAccessException",
        )
