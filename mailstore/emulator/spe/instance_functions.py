"""Instance functions that differ from MailStore Server's, or that only the SPE has.

Every other function with an ``instanceID`` runs the Server handler on the instance's archive.
The ones here either take other arguments on the SPE (CreateStore and AttachStore take
``path``; DeleteMessage takes no reason), reproduce a failure seen on real SPE servers
(GetWorkerResults over a long window, GetFolderStatistics), or exist only on the SPE.
"""

from __future__ import annotations

import secrets
from typing import Any, Dict

from ..errors import ApiError
from ..functions import HANDLERS, Args, merge_config, parse_datetime, public
from .context import SpeContext, spe_api

JsonDict = Dict[str, Any]

#: The message .NET gives when code reads an empty Nullable<T>: the failure real SPE servers
#: answer for long GetWorkerResults windows and for GetFolderStatistics.
NULLABLE = "Nullable object must have a value."


def _nullable_failure() -> ApiError:
    return ApiError(NULLABLE, "System.InvalidOperationException")


def _server(name: str, ctx: SpeContext, args: Args) -> Any:
    """Run the Server handler of ``name`` on the instance's archive."""
    return HANDLERS[name](ctx.archive_context(), args)


def _store_args(args: Args) -> Args:
    """Server-style store arguments from the SPE's: ``path`` is the database path."""
    kind = args.get("type") or "FileSystemInternal"
    if kind != "FileSystemInternal":
        raise ApiError(
            f"Archive stores of type '{kind}' are not supported by MailStore SPE; "
            "leave out the type.",
            "System.NotSupportedException",
        )
    server_args = dict(args, type=kind)
    if args.get("path") and not args.get("databasePath"):
        server_args["databasePath"] = args["path"]
    return server_args


@spe_api("CreateStore")
def create_store(ctx: SpeContext, args: Args) -> Any:
    return _server("CreateStore", ctx, _store_args(args))


@spe_api("AttachStore")
def attach_store(ctx: SpeContext, args: Args) -> Any:
    return _server("AttachStore", ctx, _store_args(args))


@spe_api("SetStorePath")
def set_store_path(ctx: SpeContext, args: Args) -> Any:
    try:
        store_id = int(str(args["id"]).strip())
    except ValueError:
        raise ApiError(
            "Input string was not in a correct format.", "System.FormatException"
        ) from None
    path = args["path"].strip().rstrip("\\")
    if not path:
        raise ApiError("The path must not be empty.")
    store = ctx.archive_context().state.require_store(store_id)
    store.update(databasePath=path, contentPath=path + "\\Content", indexPath=path + "\\Index")
    return None


@spe_api("DeleteMessage")
def delete_message(ctx: SpeContext, args: Args) -> Any:
    reason = args.get("reason") or "Deleted through the SPE Management API."
    return _server("DeleteMessage", ctx, dict(args, reason=reason))


@spe_api("GetWorkerResults")
def get_worker_results(ctx: SpeContext, args: Args) -> Any:
    limit = ctx.quirks.worker_results_max_days
    start, end = parse_datetime(args["fromIncluding"]), parse_datetime(args["toExcluding"])
    if limit is not None and (end - start).total_seconds() > limit * 86400:
        raise _nullable_failure()
    return _server("GetWorkerResults", ctx, args)


@spe_api("GetFolderStatistics")
def get_folder_statistics(ctx: SpeContext, args: Args) -> Any:
    if ctx.quirks.folder_statistics_fails:
        raise _nullable_failure()
    return _server("GetFolderStatistics", ctx, args)


@spe_api("GetIndexConfiguration")
def get_index_configuration(ctx: SpeContext, args: Args) -> Any:
    return public(ctx.archive_context().state.data["indexConfiguration"])


@spe_api("SetIndexConfiguration")
def set_index_configuration(ctx: SpeContext, args: Args) -> Any:
    current = ctx.archive_context().state.data["indexConfiguration"]
    merge_config(current, args["config"], "index configuration")
    return None


@spe_api("GetArchiveAdminEnabled")
def get_archive_admin_enabled(ctx: SpeContext, args: Args) -> Any:
    return bool(ctx.record["archiveAdminEnabled"])


@spe_api("SetArchiveAdminEnabled")
def set_archive_admin_enabled(ctx: SpeContext, args: Args) -> Any:
    ctx.record["archiveAdminEnabled"] = bool(args["enabled"])
    return None


@spe_api("CreateClientOneTimeUrlForArchiveAdmin")
def create_client_one_time_url(ctx: SpeContext, args: Args) -> Any:
    record = ctx.record
    if not record["archiveAdminEnabled"]:
        raise ApiError(
            f"Access as $archiveadmin is disabled for instance '{record['instanceID']}'.",
            "System.UnauthorizedAccessException",
        )
    server = ctx.spe.access_servers[0]["serverName"] if ctx.spe.access_servers else "localhost"
    base = (args.get("instanceUrl") or f"https://{server}/{record['alias']}").rstrip("/")
    return f"{base}/?otp={secrets.token_urlsafe(24)}"


@spe_api("CanRunArchiveProfiles")
def can_run_archive_profiles(ctx: SpeContext, args: Args) -> Any:
    """True when the instance has a current archive store that is free of errors."""
    stores = ctx.archive_context().state.stores
    return any(s["requestedState"] == "current" and not s["error"] for s in stores)
