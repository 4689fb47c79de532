"""One handler per function of the MailStore Server Administration API.

A handler receives a :class:`Context` and the already validated, converted arguments
(numbers as ``int``/``float``, bools as ``bool``, ``json`` arguments parsed, privilege lists
as lists of strings).  It returns the function's ``result`` or raises
:class:`~mailstore.emulator.errors.ApiError`.

Handlers of long-running functions are generator functions: they yield
:class:`~mailstore.emulator.tasks.Update` steps and return the result (or a
:class:`~mailstore.emulator.tasks.Done`).  Their checks therefore run in the first step on the
task's worker thread.

Where each result shape comes from (MailStore's documentation, scripts run against real
servers, or the emulator's own guess) is recorded in ``provenance.json``; keep it in step
when a shape changes.
"""

from __future__ import annotations

import copy
import datetime as _dt
import hashlib
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple, TypeVar

from .archive import ArchiveState
from .dataset import make_user, server_side_execution
from .errors import ApiError
from .tasks import Done, Plan, Update

JsonDict = Dict[str, Any]
Args = Dict[str, Any]
Handler = Callable[["Context", Args], Any]
H = TypeVar("H", bound=Callable[..., Any])

#: Every emulated function, by name.
HANDLERS: Dict[str, Handler] = {}

#: How many progress versions a store verification produces (the seed shows 71 in total).
VERIFY_PROGRESS_STEPS = 66


@dataclass
class Context:
    """What a handler may use besides its arguments."""

    state: ArchiveState
    caller: str = "admin"
    clock: Callable[[], _dt.datetime] = field(
        default=lambda: _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    )

    def now(self) -> _dt.datetime:
        """The current time in UTC (naive)."""
        return self.clock()


def registrar(registry: Dict[str, H]) -> Callable[[str], Callable[[H], H]]:
    """A decorator factory: ``@decorator("Name")`` files a handler in ``registry`` as "Name"."""

    def by_name(name: str) -> Callable[[H], H]:
        def register(func: H) -> H:
            registry[name] = func
            return func

        return register

    return by_name


#: ``@api("GetUsers")`` registers the handler of an API function.
api = registrar(HANDLERS)


# -- small helpers -------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_THUMBPRINT_RE = re.compile(r"^[0-9A-F]{40}$")


def iso(moment: _dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def parse_datetime(value: str) -> _dt.datetime:
    """Parse ``YYYY-MM-DD[Thh:mm[:ss]]``; anything else fails like .NET's DateTime.Parse."""
    if not _DATE_RE.match(value):
        raise ApiError("String was not recognized as a valid DateTime.", "System.FormatException")
    try:
        return _dt.datetime.fromisoformat(value)
    except ValueError:
        raise ApiError(
            "String was not recognized as a valid DateTime.", "System.FormatException"
        ) from None


def _split(value: Optional[str]) -> List[str]:
    """Split a comma-separated argument into its non-empty, trimmed items."""
    if not value:
        return []
    return [item.strip() for item in value.split(",") if item.strip()]


def _privileges(values: List[str]) -> List[str]:
    """Privilege lists as stored: ``none`` means no privilege at all."""
    if "none" in values:
        if len(values) > 1:
            raise ApiError("The privilege 'none' cannot be combined with other privileges.")
        return []
    result: List[str] = []
    for value in values:
        if value not in result:
            result.append(value)
    return result


def _require(args: Args, name: str) -> Any:
    """For arguments the catalog marks optional that the server needs anyway."""
    if args.get(name) is None:
        raise ApiError(f"Missing API argument {name}.")
    return args[name]


def public(item: JsonDict) -> JsonDict:
    """A deep copy without internal keys (those starting with an underscore)."""
    return {k: copy.deepcopy(v) for k, v in item.items() if not k.startswith("_")}


def masked(settings: JsonDict) -> JsonDict:
    """Settings as the API returns them: :func:`public`, with ``password`` always null."""
    view = public(settings)
    view["password"] = None
    return view


def _find(items: List[JsonDict], key: str, value: Any) -> Optional[JsonDict]:
    for item in items:
        if item.get(key) == value:
            return item
    return None


def _to_zone(ctx: Context, zone_id: str, utc: _dt.datetime) -> _dt.datetime:
    return utc + _dt.timedelta(minutes=ctx.state.time_zone_offset(zone_id))


def _from_zone(ctx: Context, zone_id: str, local: _dt.datetime) -> _dt.datetime:
    return local - _dt.timedelta(minutes=ctx.state.time_zone_offset(zone_id))


def _check_addresses(addresses: List[str]) -> List[str]:
    for address in addresses:
        if "@" not in address or address.startswith("@") or address.endswith("@"):
            raise ApiError(f"'{address}' is not a valid e-mail address.")
    return addresses


# -- server --------------------------------------------------------------------------------------


@api("GetServerInfo")
def get_server_info(ctx: Context, args: Args) -> Any:
    return public(ctx.state.data["serverInfo"])


@api("GetLicenseInformation")
def get_license_information(ctx: Context, args: Args) -> Any:
    """``namedUsers`` is the number in use (users with any privilege), ``maxNamedUsers`` the limit."""
    stored = public(ctx.state.data["licenseInformation"])
    limit = stored.pop("maxNamedUsers", None)
    stored["namedUsers"] = sum(1 for u in ctx.state.users if u["privileges"])
    stored["maxNamedUsers"] = limit
    return stored


@api("GetServiceConfiguration")
def get_service_configuration(ctx: Context, args: Args) -> Any:
    return public(ctx.state.data["serviceConfiguration"])


@api("SetServiceCertificate")
def set_service_certificate(ctx: Context, args: Args) -> Any:
    thumbprint = re.sub(r"[\s:]", "", args["thumbprint"]).upper()
    if not _THUMBPRINT_RE.match(thumbprint):
        raise ApiError(f"No certificate with thumbprint '{args['thumbprint']}' was found.")
    config = ctx.state.data["serviceConfiguration"]
    config["serverCertificate"] = {
        "thumbprint": thumbprint,
        "subject": config["serverName"] and f"CN={config['serverName']}",
        "expirationDate": iso(ctx.now().replace(microsecond=0) + _dt.timedelta(days=825)),
    }
    return None


@api("GetTimeZones")
def get_time_zones(ctx: Context, args: Args) -> Any:
    return [public(zone) for zone in ctx.state.data["timeZones"]]


@api("GetActiveSessions")
def get_active_sessions(ctx: Context, args: Args) -> Any:
    return [public(s) for s in ctx.state.data["activeSessions"]]


# -- users ---------------------------------------------------------------------------------------


def _is_admin(user: JsonDict) -> bool:
    return "admin" in user["privileges"]


def _user_summary(user: JsonDict) -> JsonDict:
    return {
        "userName": user["userName"],
        "fullName": user["fullName"],
        "distinguishedName": user["distinguishedName"],
        "mfaStatus": user["mfaStatus"],
    }


def _user_info(user: JsonDict) -> JsonDict:
    info = {
        "userName": user["userName"],
        "fullName": user["fullName"],
        "distinguishedName": user["distinguishedName"],
        "authentication": user["authentication"],
        "mfaStatus": user["mfaStatus"],
        "emailAddresses": list(user["emailAddresses"]),
        "pop3UserNames": list(user["pop3UserNames"]),
        "privileges": list(user["privileges"]),
        "loginPrivileges": list(user["loginPrivileges"]),
    }
    if not _is_admin(user):  # administrators may access every archive: the key is absent
        info["privilegesOnFolders"] = copy.deepcopy(user["privilegesOnFolders"])
    return info


@api("GetUsers")
def get_users(ctx: Context, args: Args) -> Any:
    users = sorted(ctx.state.users, key=lambda u: u["userName"].casefold())
    return [_user_summary(u) for u in users]


@api("GetUserInfo")
def get_user_info(ctx: Context, args: Args) -> Any:
    return _user_info(ctx.state.require_user(args["userName"]))


@api("CreateUser")
def create_user(ctx: Context, args: Args) -> Any:
    name = args["userName"].strip()
    if not name:
        raise ApiError("The user name must not be empty.", "System.ArgumentException")
    if ctx.state.find_user(name) is not None:
        raise ApiError(f"A user with the name '{name}' already exists.")
    user = make_user(
        name,
        args.get("fullName"),
        auth=args.get("authentication") or "integrated",
        dn=args.get("distinguishedName"),
        privileges=_privileges(args["privileges"]),
        password=args.get("password"),
    )
    if args.get("loginPrivileges"):
        user["loginPrivileges"] = _privileges(args["loginPrivileges"])
    ctx.state.users.append(user)
    return None


@api("DeleteUser")
def delete_user(ctx: Context, args: Args) -> Any:
    user = ctx.state.require_user(args["userName"])
    if user["userName"].casefold() == "admin":
        raise ApiError("The built-in user 'admin' cannot be deleted.")
    ctx.state.users.remove(user)
    return None


@api("RenameUser")
def rename_user(ctx: Context, args: Args) -> Any:
    user = ctx.state.require_user(args["oldUserName"])
    new = args["newUserName"].strip()
    if not new:
        raise ApiError("The user name must not be empty.", "System.ArgumentException")
    other = ctx.state.find_user(new)
    if other is not None and other is not user:
        raise ApiError(f"A user with the name '{new}' already exists.")
    user["userName"] = new
    return None


@api("SetUserAuthentication")
def set_user_authentication(ctx: Context, args: Args) -> Any:
    ctx.state.require_user(args["userName"])["authentication"] = args["authentication"]
    return None


@api("SetUserDistinguishedName")
def set_user_distinguished_name(ctx: Context, args: Args) -> Any:
    user = ctx.state.require_user(args["userName"])
    user["distinguishedName"] = args.get("distinguishedName") or None
    return None


@api("SetUserFullName")
def set_user_full_name(ctx: Context, args: Args) -> Any:
    ctx.state.require_user(args["userName"])["fullName"] = args.get("fullName") or None
    return None


@api("SetUserEmailAddresses")
def set_user_email_addresses(ctx: Context, args: Args) -> Any:
    user = ctx.state.require_user(args["userName"])
    user["emailAddresses"] = _check_addresses(_split(args.get("emailAddresses")))
    return None


@api("SetUserPop3UserNames")
def set_user_pop3_user_names(ctx: Context, args: Args) -> Any:
    user = ctx.state.require_user(args["userName"])
    user["pop3UserNames"] = _split(args.get("pop3UserNames"))
    return None


@api("SetUserPrivileges")
def set_user_privileges(ctx: Context, args: Args) -> Any:
    user = ctx.state.require_user(args["userName"])
    user["privileges"] = _privileges(args["privileges"])
    return None


@api("SetUserLoginPrivileges")
def set_user_login_privileges(ctx: Context, args: Args) -> Any:
    user = ctx.state.require_user(args["userName"])
    user["loginPrivileges"] = _privileges(args["loginPrivileges"])
    return None


@api("SetUserPassword")
def set_user_password(ctx: Context, args: Args) -> Any:
    ctx.state.require_user(args["userName"])["password"] = args["password"]
    return None


@api("SetUserPrivilegesOnFolder")
def set_user_privileges_on_folder(ctx: Context, args: Args) -> Any:
    user = ctx.state.require_user(args["userName"])
    folder = args["folder"].strip().strip("/")
    if not folder or "/" in folder:
        raise ApiError("Privileges can only be set on top-level folders (user archives).")
    privileges = _privileges(args["privileges"])
    entries = [
        e for e in user["privilegesOnFolders"] if e["folder"].casefold() != folder.casefold()
    ]
    if privileges:
        entries.append({"folder": folder, "privileges": privileges})
    user["privilegesOnFolders"] = entries
    return None


@api("ClearUserPrivilegesOnFolders")
def clear_user_privileges_on_folders(ctx: Context, args: Args) -> Any:
    ctx.state.require_user(args["userName"])["privilegesOnFolders"] = []
    return None


@api("InitializeMFA")
def initialize_mfa(ctx: Context, args: Args) -> Any:
    ctx.state.require_user(args["userName"])["mfaStatus"] = "Initialized"
    return None


@api("DisableMFA")
def disable_mfa(ctx: Context, args: Args) -> Any:
    ctx.state.require_user(args["userName"])["mfaStatus"] = "Disabled"
    return None


@api("DeleteAppPasswords")
def delete_app_passwords(ctx: Context, args: Args) -> Any:
    ctx.state.require_user(args["userName"])["appPasswords"] = 0
    return None


# -- folders and messages ----------------------------------------------------------------------


def _depth(folder: str) -> int:
    return folder.count("/") + 1


def _require_folder(ctx: Context, folder: str) -> str:
    for existing in ctx.state.folders:
        if existing.casefold() == folder.casefold():
            return existing
    raise ApiError(f"Folder '{folder}' not found.")


@api("GetChildFolders")
def get_child_folders(ctx: Context, args: Args) -> Any:
    folder = (args.get("folder") or "").strip("/")
    max_levels = args.get("maxLevels")
    if max_levels is not None and max_levels < 1:
        raise ApiError(
            "Specified argument was out of the range of valid values.\r\nParameter name: maxLevels",
            "System.ArgumentOutOfRangeException",
        )
    base_depth = 0
    candidates = ctx.state.folders
    if folder:
        folder = _require_folder(ctx, folder)
        base_depth = _depth(folder)
        candidates = [f for f in ctx.state.subtree(folder) if f != folder]
    result = []
    for path in sorted(candidates, key=str.casefold):
        level = _depth(path) - base_depth
        if max_levels is None or level <= max_levels:
            result.append({"folder": path, "name": path.rsplit("/", 1)[-1]})
    return result


@api("GetFolderStatistics")
def get_folder_statistics(ctx: Context, args: Args) -> Any:
    stats: Dict[str, JsonDict] = {}
    for folder in ctx.state.folders:
        top = folder.split("/", 1)[0]
        stats.setdefault(top, {"folder": top, "count": 0, "size": 0})
    for message in ctx.state.messages:
        top = message["folder"].split("/", 1)[0]
        entry = stats.setdefault(top, {"folder": top, "count": 0, "size": 0})
        entry["count"] += 1
        entry["size"] += message["size"]
    return [stats[k] for k in sorted(stats, key=str.casefold)]


@api("GetMessages")
def get_messages(ctx: Context, args: Args) -> Any:
    folder = (args.get("folder") or "").strip("/")
    if not folder:
        return []
    folder = _require_folder(ctx, folder)
    found = [m for m in ctx.state.messages if m["folder"] == folder]
    found.sort(key=lambda m: m["date"])
    return [
        {k: m[k] for k in ("id", "subject", "from", "to", "date", "size") if k in m} for m in found
    ]


@api("DeleteMessage")
def delete_message(ctx: Context, args: Args) -> Any:
    message_id = args["id"].strip()
    match = re.match(r"^(\d+):(\d+)$", message_id)
    if not match:
        raise ApiError(
            f"Invalid message ID '{message_id}': expected <store_id>:<message_num>.",
            "System.FormatException",
        )
    if ctx.state.data["complianceConfiguration"].get("legalHoldEnabled"):
        raise ApiError("Messages cannot be deleted while a legal hold is active.")
    message = _find(ctx.state.messages, "id", message_id)
    if message is None:
        raise ApiError(f"Message '{message_id}' not found.")
    if not args["reason"].strip():
        raise ApiError("A reason for deleting the message must be given.")
    ctx.state.messages.remove(message)
    for store in ctx.state.stores:
        if store["id"] == int(match.group(1)):
            store["statisticsCount"] = max(0, store["statisticsCount"] - 1)
            store["statisticsSize"] = max(0, store["statisticsSize"] - message["size"])
    return None


@api("MoveFolder")
def move_folder(ctx: Context, args: Args) -> Any:
    source = _require_folder(ctx, args["fromFolder"].strip("/"))
    target = args["toFolder"].strip().strip("/")
    if not target:
        raise ApiError("The target folder name must not be empty.")
    if ctx.state.folder_exists(target):
        raise ApiError(f"Folder '{target}' already exists.")
    if target.casefold().startswith(source.casefold() + "/"):
        raise ApiError("A folder cannot be moved into one of its own subfolders.")
    moved = set(ctx.state.subtree(source))
    renamed = [target + f[len(source) :] if f in moved else f for f in ctx.state.folders]
    parts = target.split("/")
    for depth in range(1, len(parts)):
        parent = "/".join(parts[:depth])
        if not any(f.casefold() == parent.casefold() for f in renamed):
            renamed.append(parent)
    ctx.state.data["folders"] = renamed
    for message in ctx.state.messages:
        if message["folder"] in moved:
            message["folder"] = target + message["folder"][len(source) :]
    return None


@api("DeleteEmptyFolders")
def delete_empty_folders(ctx: Context, args: Args) -> Any:
    scope = (args.get("folder") or "").strip("/")
    candidates = set(ctx.state.folders)
    if scope:
        candidates = set(ctx.state.subtree(_require_folder(ctx, scope)))
    used = {m["folder"] for m in ctx.state.messages}
    keep: Set[str] = set()
    for folder in used:  # a folder with messages keeps all its ancestors
        parts = folder.split("/")
        keep.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    ctx.state.data["folders"] = [f for f in ctx.state.folders if f not in candidates or f in keep]
    return None


# -- stores --------------------------------------------------------------------------------------

_STORE_KEYS = (
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
)


def _store_view(store: JsonDict, include_size: bool) -> JsonDict:
    view = {k: store.get(k) for k in _STORE_KEYS}
    if not include_size:
        view["statisticsSize"] = None
    return view


def _available_store(ctx: Context, store_id: int) -> JsonDict:
    store = ctx.state.require_store(store_id)
    if store["requestedState"] == "disabled":
        raise ApiError(f"The archive store '{store['name']}' is disabled.")
    if store["error"]:
        raise ApiError(f"The archive store '{store['name']}' is not available: {store['error']}")
    return store


def _make_current(ctx: Context, store: JsonDict) -> None:
    for other in ctx.state.stores:
        if other is not store and other["requestedState"] == "current":
            other["requestedState"] = "normal"
    store["requestedState"] = "current"


def _new_store(ctx: Context, args: Args, kind: str) -> JsonDict:
    name = args["name"].strip()
    if not name:
        raise ApiError("The archive store name must not be empty.")
    if kind == "FileSystemInternal":
        base = args.get("databasePath")
        if not base:
            root = ctx.state.data["storeAutoCreateConfiguration"].get("basePath") or "D:\\Stores"
            base = f"{root}\\{name}"
        database_path: Optional[str] = base
        content = args.get("contentPath") or base + "\\Content"
        index = args.get("indexPath") or base + "\\Index"
    else:
        for needed in ("serverName", "databaseName"):
            if not args.get(needed):
                raise ApiError(f"Missing API argument {needed}.")
        database_path = None
        content = args.get("contentPath")
        index = args.get("indexPath") or f"D:\\MailStore Server Data\\Indexes\\{name}"
    store: JsonDict = {
        "id": ctx.state.next_id(ctx.state.stores),
        "name": name,
        "type": kind,
        "requestedState": "normal",
        "error": None,
        "statisticsCount": 0,
        "statisticsSize": 0,
        "needsUpgrade": False,
        "searchIndexesNeedRebuild": False,
        "databaseName": args.get("databaseName"),
        "databasePath": database_path,
        "contentPath": content,
        "indexPath": index,
        "serverName": args.get("serverName"),
        "userName": args.get("userName"),
        "password": args.get("password"),
        "locked": False,
    }
    ctx.state.stores.append(store)
    state = args.get("requestedState") or "normal"
    if state == "current":
        _make_current(ctx, store)
    else:
        store["requestedState"] = state
    return store


@api("GetStores")
def get_stores(ctx: Context, args: Args) -> Any:
    include = bool(args.get("includeSize"))
    return [_store_view(s, include) for s in ctx.state.stores]


@api("CreateStore")
def create_store(ctx: Context, args: Args) -> Any:
    store = _new_store(ctx, args, args.get("type") or "FileSystemInternal")
    return _store_view(store, True)


@api("AttachStore")
def attach_store(ctx: Context, args: Args) -> Any:
    if args["type"] == "FileSystemInternal" and not args.get("databasePath"):
        raise ApiError("Missing API argument databasePath.")
    store = _new_store(ctx, args, args["type"])
    return _store_view(store, True)


@api("DetachStore")
def detach_store(ctx: Context, args: Args) -> Any:
    store = ctx.state.require_store(args["id"])
    if store["requestedState"] == "current":
        raise ApiError("The current archive store cannot be detached.")
    ctx.state.stores.remove(store)
    prefix = f"{store['id']}:"
    ctx.state.data["messages"] = [m for m in ctx.state.messages if not m["id"].startswith(prefix)]
    return None


@api("RenameStore")
def rename_store(ctx: Context, args: Args) -> Any:
    name = args["name"].strip()
    if not name:
        raise ApiError("The archive store name must not be empty.")
    ctx.state.require_store(args["id"])["name"] = name
    return None


@api("SetStoreProperties")
def set_store_properties(ctx: Context, args: Args) -> Any:
    store = ctx.state.require_store(args["id"])
    for key in (
        "type",
        "databaseName",
        "databasePath",
        "contentPath",
        "indexPath",
        "serverName",
        "userName",
        "password",
    ):
        if args.get(key) is not None:
            store[key] = args[key]
    return None


@api("SetStoreRequestedState")
def set_store_requested_state(ctx: Context, args: Args) -> Any:
    store = ctx.state.require_store(args["id"])
    wanted = args.get("requestedState") or "normal"
    if wanted == "current":
        _make_current(ctx, store)
    elif store["requestedState"] == "current":
        raise ApiError(
            "There must always be a current archive store: make another store current first."
        )
    else:
        store["requestedState"] = wanted
    return None


@api("UnlockStore")
def unlock_store(ctx: Context, args: Args) -> Any:
    store = ctx.state.require_store(args["id"])
    if not store.get("locked"):
        raise ApiError(f"The archive store '{store['name']}' is not locked.")
    if not args["passphrase"].strip():
        raise ApiError("The passphrase is not valid.")
    store["locked"] = False
    store["error"] = None
    return None


@api("RetryOpenStores")
def retry_open_stores(ctx: Context, args: Args) -> Any:
    for store in ctx.state.stores:
        if store["error"] and not store.get("locked"):
            store["error"] = None
    return None


def _indexes(ctx: Context, store: JsonDict) -> List[str]:
    """The user archives that have a search index in ``store``."""
    sid = store["id"]
    names = {
        m["folder"].split("/", 1)[0] for m in ctx.state.messages if m["id"].startswith(f"{sid}:")
    }
    marks = ctx.state.data["storeIndexes"]
    for key in marks["needsRebuild"] + marks["selectedForRebuild"]:
        store_part, _, folder = key.partition(":")
        if store_part == str(sid):
            names.add(folder)
    return sorted(names, key=str.casefold)


@api("GetStoreIndexes")
def get_store_indexes(ctx: Context, args: Args) -> Any:
    stores = ctx.state.stores
    if args.get("id") is not None:
        stores = [ctx.state.require_store(args["id"])]
    marks = ctx.state.data["storeIndexes"]
    result = []
    for store in stores:
        for folder in _indexes(ctx, store):
            key = f"{store['id']}:{folder}"
            result.append(
                {
                    "storeId": store["id"],
                    "folder": folder,
                    "needsRebuild": key in marks["needsRebuild"],
                    "selectedForRebuild": key in marks["selectedForRebuild"],
                }
            )
    return result


# -- long-running store operations --------------------------------------------------------------


def _verify_steps(store: JsonDict) -> Iterator[Update]:
    """The seed's VerifyStore transcript for ``store``, in progress versions."""
    sid, count = store["id"], int(store["statisticsCount"])
    text = f"Verifying file group #{sid}"
    yield Update([f"Verifying file group #{sid}..."], 0, text)
    yield Update(["Creating a list of messages to be verified..."])
    yield Update([f"{count} messages are about to be verified.", "Verifying..."])
    if count <= 0:
        yield Update(["  0 messages verified."], 100)
        return
    chunk = max(1, math.ceil(count / VERIFY_PROGRESS_STEPS))
    done = 0
    while done < count:
        new = min(count, done + chunk)
        lines = [
            f"  {h} messages verified..."
            for h in range((done // 100 + 1) * 100, new + 1, 100)
            if h < count
        ]
        if new == count:
            lines.append(f"  {count} messages verified.")
        done = new
        yield Update(lines, done * 100 // count)


@api("VerifyStore")
def verify_store(ctx: Context, args: Args) -> Plan:
    store = _available_store(ctx, args["id"])
    yield from _verify_steps(store)
    return Done(None, ["Finished. No errors have been found."])


@api("VerifyStores")
def verify_stores(ctx: Context, args: Args) -> Plan:
    for store in list(ctx.state.stores):
        try:
            _available_store(ctx, store["id"])
        except ApiError as exc:
            yield Update([f"Skipping file group #{store['id']}: {exc.message}"])
            continue
        yield from _verify_steps(store)
    return Done(None, ["Finished. No errors have been found."])


def _phases(lines: List[str], text: str) -> Iterator[Update]:
    """One progress version per log line, with an evenly rising percentage."""
    total = len(lines)
    for index, line in enumerate(lines, start=1):
        yield Update([line], index * 100 // (total + 1), text)


@api("CompactStore")
def compact_store(ctx: Context, args: Args) -> Plan:
    store = _available_store(ctx, args["id"])
    yield from _phases(
        [
            f"Compacting archive store '{store['name']}'...",
            "Creating a copy of the database...",
            "Removing unused space...",
            "Replacing the database...",
        ],
        "Compacting",
    )
    store["statisticsSize"] = int(store["statisticsSize"] * 0.97)
    return Done(None, ["Finished."])


@api("RepairStoreDatabase")
def repair_store_database(ctx: Context, args: Args) -> Plan:
    store = _available_store(ctx, args["id"])
    if store.get("type", "FileSystemInternal") != "FileSystemInternal":
        raise ApiError("Only Firebird-based archive stores can be repaired with this function.")
    yield from _phases(
        [f"Repairing database of archive store '{store['name']}'...", "Recreating indexes..."],
        "Repairing",
    )
    return Done(None, ["Finished."])


@api("RecreateRecoveryRecords")
def recreate_recovery_records(ctx: Context, args: Args) -> Plan:
    store = _available_store(ctx, args["id"])
    yield from _phases(
        [
            f"Recreating recovery records of archive store '{store['name']}'...",
            f"{store['statisticsCount']} recovery records written.",
        ],
        "Recreating recovery records",
    )
    return Done(None, ["Finished."])


@api("RecoverStore")
def recover_store(ctx: Context, args: Args) -> Plan:
    store = ctx.state.require_store(args["id"])
    if store["requestedState"] != "disabled" and not store["error"]:
        raise ApiError("The archive store must be in the Disabled or Error state to be recovered.")
    deleted = " (including deleted messages)" if args.get("recoverDeletedMessages") else ""
    yield from _phases(
        [
            f"Recovering archive store '{store['name']}' from recovery records{deleted}...",
            "Reading recovery records...",
            f"{store['statisticsCount']} messages recovered.",
        ],
        "Recovering",
    )
    store["error"] = None
    store["locked"] = False
    return Done(None, ["Finished."])


@api("UpgradeStore")
def upgrade_store(ctx: Context, args: Args) -> Plan:
    store = _available_store(ctx, args["id"])
    if not store["needsUpgrade"]:
        yield Update([f"The archive store '{store['name']}' is up to date."], 50)
        return Done(None, ["Finished."])
    yield from _phases(
        [f"Upgrading archive store '{store['name']}'...", "Upgrading database..."], "Upgrading"
    )
    store["needsUpgrade"] = False
    return Done(None, ["Finished."])


@api("UpgradeStores")
def upgrade_stores(ctx: Context, args: Args) -> Plan:
    upgraded = 0
    for store in list(ctx.state.stores):
        if not store["needsUpgrade"]:
            continue
        if store["error"] or store["requestedState"] == "disabled":
            yield Update([f"Skipping archive store '{store['name']}': not available."])
            continue
        yield Update([f"Upgrading archive store '{store['name']}'..."])
        store["needsUpgrade"] = False
        upgraded += 1
    return Done(None, [f"Finished. {upgraded} archive store(s) upgraded."])


@api("MergeStore")
def merge_store(ctx: Context, args: Args) -> Plan:
    if args["id"] == args["sourceId"]:
        raise ApiError("An archive store cannot be merged into itself.")
    target = _available_store(ctx, args["id"])
    source = _available_store(ctx, args["sourceId"])
    yield from _phases(
        [
            f"Merging archive store '{source['name']}' into '{target['name']}'...",
            f"{source['statisticsCount']} messages to be copied.",
            "Copying messages...",
        ],
        "Merging",
    )
    target["statisticsCount"] += source["statisticsCount"]
    target["statisticsSize"] += source["statisticsSize"]
    return Done(None, ["Finished. The source archive store is unchanged and can be detached."])


@api("RefreshAllStoreStatistics")
def refresh_all_store_statistics(ctx: Context, args: Args) -> Plan:
    for store in list(ctx.state.stores):
        yield Update([f"Refreshing statistics of archive store '{store['name']}'..."])
    return Done(None, ["Finished."])


@api("SelectAllStoreIndexesForRebuild")
def select_all_store_indexes_for_rebuild(ctx: Context, args: Args) -> Plan:
    marks = ctx.state.data["storeIndexes"]
    for store in list(ctx.state.stores):
        keys = [f"{store['id']}:{f}" for f in _indexes(ctx, store)]
        for key in keys:
            if key not in marks["selectedForRebuild"]:
                marks["selectedForRebuild"].append(key)
        yield Update([f"{len(keys)} search index(es) of '{store['name']}' selected for rebuild."])
    return Done(None, ["Finished."])


@api("RebuildSelectedStoreIndexes")
def rebuild_selected_store_indexes(ctx: Context, args: Args) -> Plan:
    marks = ctx.state.data["storeIndexes"]
    selected = list(marks["selectedForRebuild"])
    if not selected:
        yield Update(["No search indexes are selected for rebuild."], 50)
    for key in selected:
        yield Update([f"Rebuilding search index {key}..."])
        _mark_rebuilt(ctx, key)
    return Done(None, ["Finished."])


def _mark_rebuilt(ctx: Context, key: str) -> None:
    marks = ctx.state.data["storeIndexes"]
    for listing in (marks["selectedForRebuild"], marks["needsRebuild"]):
        while key in listing:
            listing.remove(key)
    store_id = int(key.split(":", 1)[0])
    pending = [k for k in marks["needsRebuild"] if k.startswith(f"{store_id}:")]
    for store in ctx.state.stores:
        if store["id"] == store_id and not pending:
            store["searchIndexesNeedRebuild"] = False


@api("RebuildStoreIndex")
def rebuild_store_index(ctx: Context, args: Args) -> Plan:
    store = _available_store(ctx, args["id"])
    folder = args["folder"].strip("/")
    if folder.casefold() not in {f.casefold() for f in _indexes(ctx, store)}:
        raise ApiError(f"Archive store {store['id']} has no search index for folder '{folder}'.")
    yield from _phases(
        [f"Rebuilding search index of '{folder}' in archive store '{store['name']}'...",
         "Indexing messages..."],
        "Rebuilding index",
    )  # fmt: skip
    _mark_rebuilt(ctx, f"{store['id']}:{folder}")
    return Done(None, ["Finished."])


@api("CompactMasterDatabase")
def compact_master_database(ctx: Context, args: Args) -> Plan:
    yield from _phases(["Compacting master database...", "Replacing the database..."], "Compacting")
    return Done(None, ["Finished."])


@api("MaintainFileSystemDatabases")
def maintain_file_system_databases(ctx: Context, args: Args) -> Plan:
    lines = ["Maintaining master database..."]
    lines += [
        f"Maintaining database of archive store '{s['name']}'..."
        for s in ctx.state.stores
        if s.get("type", "FileSystemInternal") == "FileSystemInternal" and not s["error"]
    ]
    yield from _phases(lines, "Maintaining databases")
    return Done(None, ["Finished."])


@api("RenewMasterKey")
def renew_master_key(ctx: Context, args: Args) -> Plan:
    yield from _phases(
        ["Creating a new master key...", "Re-encrypting archive store keys..."], "Renewing key"
    )
    return Done(None, ["Finished."])


@api("CreateBackup")
def create_backup(ctx: Context, args: Args) -> Plan:
    path = args["path"].strip()
    if not path:
        raise ApiError("The backup path must not be empty.")
    exclude = bool(args.get("excludeSearchIndexes"))
    lines = [f"Creating backup in '{path}'...", "Backing up master database..."]
    for store in ctx.state.stores:
        if store["requestedState"] == "disabled" or store["error"]:
            continue
        lines.append(f"Backing up archive store '{store['name']}'...")
        if not exclude:
            lines.append("  Backing up search indexes...")
    yield from _phases(lines, "Creating backup")
    ctx.state.data["backups"].append(
        {"path": path, "excludeSearchIndexes": exclude, "time": iso(ctx.now())}
    )
    return Done(None, ["Backup completed successfully."])


# -- profiles and worker results -----------------------------------------------------------------


def _require_profile(ctx: Context, profile_id: int) -> JsonDict:
    profile = _find(ctx.state.data["profiles"], "id", profile_id)
    if profile is None:
        raise ApiError(f"Profile with ID {profile_id} not found.")
    return profile


@api("GetProfiles")
def get_profiles(ctx: Context, args: Args) -> Any:
    if not args["raw"]:
        raise ApiError("Only raw=true is supported.", "System.NotSupportedException")
    return [public(p) for p in ctx.state.data["profiles"]]


def _check_raw(args: Args) -> Dict[str, Any]:
    if not args["raw"]:
        raise ApiError("Only raw=true is supported.", "System.NotSupportedException")
    properties = args["properties"]
    if not isinstance(properties, dict):
        raise ApiError("The profile properties must be a JSON object.")
    for needed in ("name", "type"):
        if not properties.get(needed):
            raise ApiError(f"The profile property '{needed}' is missing.")
    return properties


@api("CreateProfile")
def create_profile(ctx: Context, args: Args) -> Any:
    properties = _check_raw(args)
    profiles = ctx.state.data["profiles"]
    profile: JsonDict = {"id": ctx.state.next_id(profiles), "version": 1}
    profile.update(
        (k, v) for k, v in copy.deepcopy(properties).items() if k not in ("id", "version")
    )
    profile.setdefault("owner", ctx.caller)
    profile.setdefault("details", {})
    profile.setdefault("serverSideExecution", server_side_execution(False))
    for holder in (profile, profile["details"]):  # the password is kept, never shown
        if isinstance(holder, dict) and holder.get("password"):
            profile["_password"] = holder["password"]
            holder["password"] = ""
    profiles.append(profile)
    return public(profile)


@api("DeleteProfile")
def delete_profile(ctx: Context, args: Args) -> Any:
    ctx.state.data["profiles"].remove(_require_profile(ctx, args["id"]))
    return None


@api("SetProfileServerSideExecution")
def set_profile_server_side_execution(ctx: Context, args: Args) -> Any:
    profile = _require_profile(ctx, args["id"])
    current = profile.get("serverSideExecution")
    if current is None:
        raise ApiError(f"The profile '{profile['name']}' cannot be executed on the server.")
    if args["automatic"]:
        pause = _require(args, "automaticPauseBetweenExecutions")
        if pause < 0:
            raise ApiError(
                "Specified argument was out of the range of valid values.",
                "System.ArgumentOutOfRangeException",
            )
        windows = args.get("automaticMaintenanceWindows")
        current.clear()
        current.update(server_side_execution(True, int(pause), windows))
    else:
        current["automatic"] = "false"
    profile["version"] = int(profile.get("version", 0)) + 1
    return None


def _mailboxes(ctx: Context, profile: JsonDict) -> List[str]:
    """The sources an archiving run of ``profile`` walks through."""
    details = profile.get("details")
    details = details if isinstance(details, dict) else {}
    if profile.get("connector") == "Microsoft365":
        users = [u for u in ctx.state.users if u["authentication"] == "directoryServices"]
        return [u["emailAddresses"][0] for u in users[:6] if u["emailAddresses"]]
    source = details.get("userName") or details.get("targetDirectory") or profile.get("name")
    return [str(source)]


def _archive_run(ctx: Context, profile: JsonDict, stored: bool) -> Plan:
    name = profile.get("name", "temporary profile")
    started = ctx.now().replace(microsecond=0)
    exporting = profile.get("type") == "E"
    verb = "Exporting" if exporting else "Archiving"
    total = 0
    owner = profile if stored else None
    try:
        yield Update([f"{verb} profile '{name}' started."], 0, verb)
        boxes = _mailboxes(ctx, profile)
        for index, box in enumerate(boxes, start=1):
            count = int(hashlib.sha256(f"{box}{started}".encode()).hexdigest()[:2], 16) % 40
            total += count
            word = "exported" if exporting else "archived"
            lines = [f"Processing {box}...", f"  {count} messages {word}."]
            yield Update(lines, index * 100 // (len(boxes) + 1))
    except GeneratorExit:  # cancel-async: the run still leaves a worker result behind
        _record_worker_result(ctx, owner, "cancelled", total, started)
        raise
    _record_worker_result(ctx, owner, "succeeded", total, started)
    if not exporting:
        current = _find(ctx.state.stores, "requestedState", "current")
        if current is not None:
            current["statisticsCount"] += total
            current["statisticsSize"] += total * 52_000
    return Done(None, [f"Finished. {total} messages processed, no errors."])


def _record_worker_result(
    ctx: Context, profile: Optional[JsonDict], outcome: str, items: int, started: _dt.datetime
) -> None:
    results = ctx.state.data["workerResults"]
    item: JsonDict = {"id": ctx.state.next_id(results), "userName": ctx.caller}
    if profile is not None:
        item["profileId"] = profile["id"]
        item["profileName"] = profile.get("name")
    item.update(
        result=outcome,
        itemsArchived=items,
        startTime=iso(started),
        completeTime=iso(ctx.now().replace(microsecond=0)),
        machineName=ctx.state.data["serverInfo"].get("machineName"),
    )
    results.append(item)


@api("RunProfile")
def run_profile(ctx: Context, args: Args) -> Plan:
    profile = _require_profile(ctx, args["id"])
    if profile.get("serverSideExecution") is None:
        raise ApiError(f"The profile '{profile['name']}' cannot be executed on the server.")
    return (yield from _archive_run(ctx, profile, stored=True))


@api("RunTemporaryProfile")
def run_temporary_profile(ctx: Context, args: Args) -> Plan:
    properties = _check_raw(args)
    return (yield from _archive_run(ctx, dict(properties), stored=False))


@api("GetWorkerResults")
def get_worker_results(ctx: Context, args: Args) -> Any:
    zone = args["timeZoneID"]
    start = _from_zone(ctx, zone, parse_datetime(args["fromIncluding"]))
    end = _from_zone(ctx, zone, parse_datetime(args["toExcluding"]))
    profile_id = args.get("profileID")
    if profile_id is not None and profile_id <= 0:
        raise ApiError(
            "Specified argument was out of the range of valid values.",
            "System.ArgumentOutOfRangeException",
        )
    user = args.get("userName")
    if user is not None and not user.strip():
        raise ApiError("Value cannot be null or empty.\r\nParameter name: userName",
                       "System.ArgumentException")  # fmt: skip
    result = []
    for item in ctx.state.data["workerResults"]:
        started = _dt.datetime.fromisoformat(item["startTime"])
        if not start <= started < end:
            continue
        if profile_id is not None and item.get("profileId") != profile_id:
            continue
        if user is not None and item["userName"].casefold() != user.casefold():
            continue
        view = dict(item)
        view["startTime"] = iso(_to_zone(ctx, zone, started))
        view["completeTime"] = iso(
            _to_zone(ctx, zone, _dt.datetime.fromisoformat(item["completeTime"]))
        )
        result.append(view)
    return result


@api("GetWorkerResultReport")
def get_worker_result_report(ctx: Context, args: Args) -> Any:
    item = _find(ctx.state.data["workerResults"], "id", args["id"])
    if item is None:
        raise ApiError(f"Worker result with ID {args['id']} not found.")
    name = item.get("profileName", "(temporary profile)")
    report = [
        f"Profile: {name}",
        f"Started: {item['startTime']} (UTC)",
        f"Completed: {item['completeTime']} (UTC)",
        f"Result: {item['result']}",
        f"Messages archived: {item['itemsArchived']}",
    ]
    if item["result"] == "completedWithErrors":
        report.append("1 message could not be archived: the message is larger than allowed.")
    elif item["result"] == "failed":
        report.append("Error: the connection to the server could not be established.")
    view = dict(item)
    view["report"] = "\r\n".join(report) + "\r\n"
    return view


# -- jobs ----------------------------------------------------------------------------------------

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _require_job(ctx: Context, job_id: Any) -> JsonDict:
    try:
        number = int(str(job_id).strip())
    except ValueError:
        raise ApiError(
            "Input string was not in a correct format.", "System.FormatException"
        ) from None
    job = _find(ctx.state.data["jobs"], "id", number)
    if job is None:
        raise ApiError(f"Job with ID {number} not found.")
    return job


def _normal_time(value: str) -> str:
    match = _TIME_RE.match(value.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ApiError("String was not recognized as a valid TimeSpan.", "System.FormatException")
    return f"{int(match.group(1)):02d}:{match.group(2)}:{match.group(3) or '00'}"


def _schedule(ctx: Context, args: Args) -> JsonDict:
    zone = args["timeZoneId"]
    ctx.state.time_zone_offset(zone)  # validates the id
    schedule: JsonDict = {"timeZoneId": zone}
    if args.get("date"):
        schedule["date"] = iso(parse_datetime(args["date"]))
        return schedule
    if args.get("interval") is not None:
        schedule["interval"] = int(args["interval"])
        return schedule
    if not args.get("time"):
        if args.get("dayOfWeek") or args.get("dayOfMonth"):
            raise ApiError("The argument time is required together with dayOfWeek or dayOfMonth.")
        raise ApiError("No schedule given: one of date, interval or time is required.")
    schedule["time"] = _normal_time(args["time"])
    if args.get("dayOfMonth"):
        schedule["dayOfMonth"] = args["dayOfMonth"]
    if args.get("dayOfWeek"):
        schedule["dayOfWeek"] = args["dayOfWeek"]
    return schedule


def _next_start(ctx: Context, schedule: JsonDict) -> Optional[str]:
    """A plausible next start time (UTC) for ``schedule``; None when it will not run again."""
    now = ctx.now().replace(microsecond=0)
    zone = schedule["timeZoneId"]
    if "date" in schedule:
        moment = _from_zone(ctx, zone, _dt.datetime.fromisoformat(schedule["date"]))
        return iso(moment) if moment > now else None
    if "interval" in schedule:
        step = int(schedule["interval"])
        minutes = (now.minute // step + 1) * step
        return iso(now.replace(minute=0, second=0) + _dt.timedelta(minutes=minutes))
    hours, minutes, seconds = (int(p) for p in schedule["time"].split(":"))
    local_now = _to_zone(ctx, zone, now)
    candidate = local_now.replace(hour=hours, minute=minutes, second=seconds)
    for _ in range(370):
        if candidate > local_now and _day_matches(candidate, schedule):
            return iso(_from_zone(ctx, zone, candidate))
        candidate += _dt.timedelta(days=1)
    return None


def _day_matches(day: _dt.datetime, schedule: JsonDict) -> bool:
    if "dayOfWeek" in schedule and _WEEKDAYS[day.weekday()] != schedule["dayOfWeek"]:
        return False
    wanted = schedule.get("dayOfMonth")
    if wanted is None:
        return True
    if str(wanted).casefold() == "last":
        return (day + _dt.timedelta(days=1)).month != day.month
    return day.day == int(wanted)


@api("GetJobs")
def get_jobs(ctx: Context, args: Args) -> Any:
    return [public(j) for j in ctx.state.data["jobs"]]


@api("CreateJob")
def create_job(ctx: Context, args: Args) -> Any:
    for needed in ("name", "action", "owner", "timeZoneId"):
        _require(args, needed)
    owner = ctx.state.require_user(args["owner"])
    if not _is_admin(owner):
        raise ApiError(f"The job owner '{owner['userName']}' must be an administrator.")
    jobs = ctx.state.data["jobs"]
    schedule = _schedule(ctx, args)
    job = {
        "id": ctx.state.next_id(jobs),
        "name": args["name"],
        "action": args["action"],
        "owner": owner["userName"],
        "creationDateTimeUtc": iso(ctx.now().replace(microsecond=0)),
        "lastStartDateTimeUtc": None,
        "lastCompleteDateTimeUtc": None,
        "nextStartDateTimeUtc": _next_start(ctx, schedule),
        "enabled": True,
        "schedule": schedule,
    }
    jobs.append(job)
    return public(job)


@api("DeleteJob")
def delete_job(ctx: Context, args: Args) -> Any:
    ctx.state.data["jobs"].remove(_require_job(ctx, args["id"]))
    return None


@api("RenameJob")
def rename_job(ctx: Context, args: Args) -> Any:
    job = _require_job(ctx, _require(args, "id"))
    name = str(_require(args, "name")).strip()
    if not name:
        raise ApiError("The job name must not be empty.")
    job["name"] = name
    return None


@api("SetJobEnabled")
def set_job_enabled(ctx: Context, args: Args) -> Any:
    job = _require_job(ctx, _require(args, "id"))
    job["enabled"] = bool(_require(args, "enabled"))
    job["nextStartDateTimeUtc"] = _next_start(ctx, job["schedule"]) if job["enabled"] else None
    return None


@api("SetJobSchedule")
def set_job_schedule(ctx: Context, args: Args) -> Any:
    job = _require_job(ctx, args["id"])
    job["schedule"] = _schedule(ctx, args)
    job["nextStartDateTimeUtc"] = _next_start(ctx, job["schedule"]) if job["enabled"] else None
    return None


@api("RunJobAsync")
def run_job_async(ctx: Context, args: Args) -> Any:
    job = _require_job(ctx, args["id"])
    now = ctx.now().replace(microsecond=0)
    job["lastStartDateTimeUtc"] = iso(now)
    job["lastCompleteDateTimeUtc"] = iso(now + _dt.timedelta(seconds=1))
    results = ctx.state.data["jobResults"]
    results.insert(
        0,
        {
            "jobResultId": ctx.state.next_id(results, "jobResultId"),
            "jobId": job["id"],
            "action": str(job["action"]).split(" ", 1)[0],
            "startTime": iso(now),
            "completeTime": iso(now + _dt.timedelta(seconds=1)),
            "result": "succeeded",
        },
    )
    return None


@api("CancelJobAsync")
def cancel_job_async(ctx: Context, args: Args) -> Any:
    _require_job(ctx, args["id"])
    return None


@api("GetJobResults")
def get_job_results(ctx: Context, args: Args) -> Any:
    zone = args["timeZoneId"]
    start = _from_zone(ctx, zone, parse_datetime(args["fromIncluding"]))
    end = _from_zone(ctx, zone, parse_datetime(args["toExcluding"]))
    job_id = args.get("jobId")
    result = []
    for item in ctx.state.data["jobResults"]:
        started = _dt.datetime.fromisoformat(item["startTime"])
        if not start <= started < end or (job_id is not None and item["jobId"] != job_id):
            continue
        view = dict(item)
        view["startTime"] = iso(_to_zone(ctx, zone, started))
        view["completeTime"] = iso(
            _to_zone(ctx, zone, _dt.datetime.fromisoformat(item["completeTime"]))
        )
        result.append(view)
    return result


# -- configurations ------------------------------------------------------------------------------


def merge_config(current: JsonDict, config: Any, what: str) -> None:
    """Apply a ``Set...Configuration`` object onto ``current``.

    Known keys are replaced (with a type check); unknown keys are ignored, as a .NET
    deserializer would.  A ``password`` is stored privately; null keeps the old one.
    """
    if not isinstance(config, dict):
        raise ApiError(f"The {what} must be a JSON object.")
    for key, value in config.items():
        if key.startswith("_") or key not in current:
            continue
        if key == "password":
            if value is not None:
                current["_password"] = value
            continue
        old = current[key]
        if old is not None and value is not None and not _same_kind(old, value):
            raise ApiError(f"Invalid value for property '{key}' of the {what}.")
        current[key] = copy.deepcopy(value)


def _same_kind(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, (int, float)):
        return isinstance(new, (int, float))
    return isinstance(new, type(old))


@api("GetComplianceConfiguration")
def get_compliance_configuration(ctx: Context, args: Args) -> Any:
    return public(ctx.state.data["complianceConfiguration"])


@api("SetComplianceConfiguration")
def set_compliance_configuration(ctx: Context, args: Args) -> Any:
    merge_config(
        ctx.state.data["complianceConfiguration"], args["config"], "compliance configuration"
    )
    return None


@api("GetDirectoryServicesConfiguration")
def get_directory_services_configuration(ctx: Context, args: Args) -> Any:
    return masked(ctx.state.data["directoryServicesConfiguration"])


@api("SetDirectoryServicesConfiguration")
def set_directory_services_configuration(ctx: Context, args: Args) -> Any:
    merge_config(
        ctx.state.data["directoryServicesConfiguration"], args["config"], "directory configuration"
    )
    return None


@api("GetSmtpSettings")
def get_smtp_settings(ctx: Context, args: Args) -> Any:
    return masked(ctx.state.data["smtpSettings"])


@api("SetSmtpSettings")
def set_smtp_settings(ctx: Context, args: Args) -> Any:
    merge_config(ctx.state.data["smtpSettings"], args["settings"], "SMTP settings")
    return None


def _smtp_ready(ctx: Context) -> JsonDict:
    settings: JsonDict = ctx.state.data["smtpSettings"]
    if not settings.get("serverName"):
        raise ApiError("The SMTP settings are incomplete: no server name is configured.")
    return settings


@api("TestSmtpSettings")
def test_smtp_settings(ctx: Context, args: Args) -> Any:
    settings = _smtp_ready(ctx)
    if not settings.get("recipient"):
        raise ApiError("The SMTP settings have no recipient for the test message.")
    ctx.state.data["statusReports"].append(
        {"kind": "test", "recipients": [settings["recipient"]], "time": iso(ctx.now())}
    )
    return None


@api("SendStatusReport")
def send_status_report(ctx: Context, args: Args) -> Any:
    ctx.state.time_zone_offset(args["timeZoneId"])
    recipients = _check_addresses(_split(args["recipients"]))
    if not recipients:
        raise ApiError("At least one recipient is required.")
    _smtp_ready(ctx)
    ctx.state.data["statusReports"].append(
        {"kind": args["timespan"], "recipients": recipients, "time": iso(ctx.now())}
    )
    return None


@api("GetRetentionPolicies")
def get_retention_policies(ctx: Context, args: Args) -> Any:
    return copy.deepcopy(ctx.state.data["retentionPolicies"])


@api("SetRetentionPolicies")
def set_retention_policies(ctx: Context, args: Args) -> Any:
    config = args["config"]
    if not isinstance(config, dict) or not isinstance(config.get("policies", []), list):
        raise ApiError(
            "The retention policy configuration must be an object with a 'policies' list."
        )
    ctx.state.data["retentionPolicies"] = {"policies": copy.deepcopy(config.get("policies", []))}
    return None


@api("ProcessRetentionPolicies")
def process_retention_policies(ctx: Context, args: Args) -> Plan:
    if ctx.state.data["complianceConfiguration"].get("legalHoldEnabled"):
        raise ApiError("Retention policies cannot be processed while a legal hold is active.")
    policies = [
        p for p in ctx.state.data["retentionPolicies"].get("policies", []) if p.get("enabled")
    ]
    if not policies:
        yield Update(["No retention policies are enabled."], 50)
    deleted_total = 0
    for policy in policies:
        deleted = _apply_policy(ctx, policy)
        deleted_total += deleted
        yield Update([f"Processing retention policy '{policy.get('name')}'...",
                      f"  {deleted} messages deleted."])  # fmt: skip
    return Done(None, [f"Finished. {deleted_total} messages deleted."])


def _apply_policy(ctx: Context, policy: JsonDict) -> int:
    unit = str(policy.get("retentionPeriodUnit", "years"))
    amount = int(policy.get("retentionPeriod", 0))
    days = {"days": 1, "months": 30, "years": 365}.get(unit, 365) * amount
    cutoff = ctx.now() - _dt.timedelta(days=days)
    scopes = [str(f).strip("/") for f in policy.get("folders", ["*"])]

    def in_scope(folder: str) -> bool:
        return "*" in scopes or any(folder == s or folder.startswith(s + "/") for s in scopes)

    doomed = [
        m
        for m in ctx.state.messages
        if in_scope(m["folder"]) and _dt.datetime.fromisoformat(m["date"]) < cutoff
    ]
    for message in doomed:
        ctx.state.messages.remove(message)
    return len(doomed)


@api("GetStoreAutoCreateConfiguration")
def get_store_auto_create_configuration(ctx: Context, args: Args) -> Any:
    return public(ctx.state.data["storeAutoCreateConfiguration"])


@api("SetStoreAutoCreateConfiguration")
def set_store_auto_create_configuration(ctx: Context, args: Args) -> Any:
    merge_config(
        ctx.state.data["storeAutoCreateConfiguration"],
        args["config"],
        "archive store configuration",
    )
    return None


# -- credentials ---------------------------------------------------------------------------------


@api("GetCredentials")
def get_credentials(ctx: Context, args: Args) -> Any:
    return [public(c) for c in ctx.state.data["credentials"]]


@api("CreateCredential")
def create_credential(ctx: Context, args: Args) -> Any:
    credentials = ctx.state.data["credentials"]
    settings: JsonDict = {}
    if args["type"] == "Office365_Modern":
        _require(args, "tenantId")
        _require(args, "applicationId")
        digest = hashlib.sha1(f"{args['tenantId']}{args['applicationId']}".encode()).hexdigest()
        settings = {
            "ApplicationId": args["applicationId"],
            "TenantId": args["tenantId"],
            "CertificateThumbprint": digest.upper(),
            "CertificateExpirationDate": iso(ctx.now() + _dt.timedelta(days=730)) + "Z",
        }
    credential = {
        "ID": ctx.state.next_id(credentials, "ID"),
        "Type": args["type"],
        "Description": args["description"],
        "Settings": settings,
    }
    credentials.append(credential)
    return copy.deepcopy(credential)


# -- directory services --------------------------------------------------------------------------


def _sync_changes(
    ctx: Context,
) -> Tuple[List[JsonDict], List[Tuple[JsonDict, JsonDict]], List[JsonDict]]:
    """Users to add, to update (user, directory entry) and to delete."""
    config = ctx.state.data["directoryServicesConfiguration"]
    directory = ctx.state.data["directoryUsers"]
    names = {d["userName"].casefold() for d in directory}
    added, updated = [], []
    for entry in directory:
        user = ctx.state.find_user(entry["userName"])
        if user is None:
            added.append(entry)
        elif (user["fullName"], user["emailAddresses"], user["distinguishedName"]) != (
            entry.get("fullName"),
            entry.get("emailAddresses", []),
            entry.get("distinguishedName"),
        ):
            updated.append((user, entry))
    deleted = []
    if config.get("deleteUsers"):
        deleted = [
            u
            for u in ctx.state.users
            if u["authentication"] == "directoryServices" and u["userName"].casefold() not in names
        ]
    return added, updated, deleted


@api("SyncUsersWithDirectoryServices")
def sync_users_with_directory_services(ctx: Context, args: Args) -> Plan:
    config = ctx.state.data["directoryServicesConfiguration"]
    if not config.get("type") or config.get("type") == "none":
        raise ApiError("Directory services integration is not configured.")
    dry = bool(args.get("dryRun"))
    prefix = "(dry run) " if dry else ""
    yield Update([f"Connecting to {config.get('serverName')}..."], 0, "Synchronizing users")
    added, updated, deleted = _sync_changes(ctx)
    yield Update([f"{len(ctx.state.data['directoryUsers'])} users found in the directory."], 20)
    for entry in added:
        if not dry:
            ctx.state.users.append(_directory_user(entry))
        yield Update([f"{prefix}User '{entry['userName']}' added."])
    for user, entry in updated:
        if not dry:
            user["fullName"] = entry.get("fullName")
            user["emailAddresses"] = list(entry.get("emailAddresses", []))
            user["distinguishedName"] = entry.get("distinguishedName")
        yield Update([f"{prefix}User '{user['userName']}' updated."])
    for user in deleted:
        if not dry:
            ctx.state.users.remove(user)
        yield Update([f"{prefix}User '{user['userName']}' deleted."])
    summary = f"{len(added)} added, {len(updated)} updated, {len(deleted)} deleted"
    return Done(None, [f"Finished. {prefix}{summary}."])


def _directory_user(entry: JsonDict) -> JsonDict:
    return make_user(
        entry["userName"],
        entry.get("fullName"),
        auth="directoryServices",
        dn=entry.get("distinguishedName"),
        emails=entry.get("emailAddresses", []),
        folders=[{"folder": entry["userName"], "privileges": ["read"]}],
    )
