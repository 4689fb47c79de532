"""The Administration API protocol, independent of sockets and TLS.

:class:`Api` turns one decoded HTTP request (method, path, headers, form arguments, peer
address) into a :class:`Reply`: authentication, routing, argument validation against the
catalog, synchronous and long-running invocation, get-status long polls, cancel-async and
get-metadata.  Bodies are serialised the way MailStore Server does it: a UTF-8 byte order
mark, then JSON indented by two spaces with CRLF line ends.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Dict, FrozenSet, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl

from ..catalog import load as load_catalog
from .archive import ArchiveState
from .errors import ApiError
from .functions import HANDLERS, Context
from .logs import log_exception
from .tasks import TaskManager

if TYPE_CHECKING:  # pragma: no cover
    from .replay import Recording

JsonDict = Dict[str, Any]

BOM = b"\xef\xbb\xbf"
JSON_TYPE = "application/json"
HTML_TYPE = "text/html; charset=us-ascii"
REALM = "MailStore Server"

#: Comma-list arguments whose every item must come from the catalog's value list.
LIST_ARGUMENTS = frozenset({"privileges", "loginPrivileges"})

_INT_RE = re.compile(r"^[+-]?\d+$")
_FLOAT_RE = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")
_RANGE_RE = re.compile(r"^(\d+) to (\d+)$")


# -- serialisation ---------------------------------------------------------------------------


def dumps(value: Any) -> bytes:
    """JSON as MailStore writes it: two-space indent, CRLF line ends, UTF-8, no BOM."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\r\n").encode("utf-8")


def envelope(
    *,
    result: Any = None,
    error: Optional[JsonDict] = None,
    status_code: str = "succeeded",
    log_output: Optional[str] = None,
) -> JsonDict:
    """A synchronous answer: no token, statusVersion 2 (key order as the server sends it)."""
    return {
        "error": error,
        "token": None,
        "statusVersion": 2,
        "statusCode": status_code,
        "percentProgress": None,
        "statusText": None,
        "result": result,
        "logOutput": log_output,
    }


def error_object(message: str, exception: str = "System.Exception", function: str = "") -> JsonDict:
    """The ``error`` member of a failed envelope, with a .NET-style ``details`` text."""
    where = function.replace("-", "_") or "Invoke"
    details = (
        f"{exception}: {message}\r\n"
        f"   at MailStore.Emulator.Api.Functions.{where}(ApiArguments arguments)\r\n"
        "   at MailStore.Emulator.Api.ApiRequestHandler.Process(HttpListenerContext context)"
    )
    return {"message": message, "details": details}


def failed(message: str, exception: str = "System.Exception", function: str = "") -> JsonDict:
    return envelope(error=error_object(message, exception, function), status_code="failed")


def html_page(status: int, reason: str, text: str) -> bytes:
    """An error page in the style HTTP.sys uses."""
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n'
        f"<HTML><HEAD><TITLE>{reason}</TITLE>\r\n"
        '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n'
        f"<BODY><h2>{reason}</h2>\r\n"
        f"<hr><p>HTTP Error {status}. {text}</p>\r\n"
        "</BODY></HTML>\r\n"
    ).encode("ascii")


@dataclass
class Reply:
    """What to send back: status, body, content type and extra headers."""

    status: int
    body: bytes
    content_type: str = JSON_TYPE
    headers: List[Tuple[str, str]] = field(default_factory=list)
    close: bool = False

    @classmethod
    def json(cls, value: Any, status: int = 200, **kwargs: Any) -> Reply:
        return cls(status, BOM + dumps(value), **kwargs)


@dataclass
class Admission:
    """The outcome of :meth:`Api.admit`: the target, the user, or the refusal to send."""

    target: str
    user: str = ""
    reply: Optional[Reply] = None


# -- the catalog, precomputed once ------------------------------------------------------------


@dataclass(frozen=True)
class ArgSpec:
    name: str
    type: str
    optional: bool
    values: Optional[Tuple[str, ...]] = None


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    args: Tuple[ArgSpec, ...]
    long_running: bool


def arg_spec(entry: Mapping[str, Any]) -> ArgSpec:
    """One catalog argument as an :class:`ArgSpec`."""
    values = entry.get("values")
    return ArgSpec(
        entry["name"],
        entry["type"],
        bool(entry.get("optional")),
        tuple(str(v) for v in values) if values else None,
    )


def load_specs(kind: str = "server") -> Dict[str, FunctionSpec]:
    """A catalog (``server`` or ``spe``) as :class:`FunctionSpec` objects, in catalog order."""
    specs: Dict[str, FunctionSpec] = {}
    for entry in load_catalog(kind):
        args = tuple(arg_spec(a) for a in entry["args"])
        specs[entry["name"]] = FunctionSpec(entry["name"], args, entry.get("long_running") is True)
    return specs


def metadata(specs: Mapping[str, FunctionSpec]) -> List[JsonDict]:
    """The get-metadata answer: every function with its arguments' name, type and nullability."""
    return [
        {
            "name": spec.name,
            "args": [{"name": a.name, "type": a.type, "nullable": a.optional} for a in spec.args],
        }
        for spec in specs.values()
    ]


def names_only_in(kind: str, other: str) -> FrozenSet[str]:
    """The functions of catalog ``kind`` that catalog ``other`` does not have."""
    known = {e["name"] for e in load_catalog(other)}
    return frozenset(e["name"] for e in load_catalog(kind) if e["name"] not in known)


# -- argument validation ---------------------------------------------------------------------


def parse_form(body: bytes) -> Dict[str, str]:
    """Decode an ``application/x-www-form-urlencoded`` UTF-8 body.

    A name given more than once gets its values joined by commas (as .NET's
    ``NameValueCollection`` does).  Raises ``UnicodeDecodeError`` for non-UTF-8 bodies.
    """
    if not body:
        return {}
    text = body.decode("utf-8")
    args: Dict[str, str] = {}
    for name, value in parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict"):
        args[name] = f"{args[name]},{value}" if name in args else value
    return args


def convert_args(spec: FunctionSpec, raw: Mapping[str, str]) -> Dict[str, Any]:
    """Check ``raw`` against ``spec`` and convert each value to its Python type.

    Missing required arguments and malformed values raise :class:`ApiError`; arguments the
    function does not know are ignored.
    """
    result: Dict[str, Any] = {}
    for arg in spec.args:
        if arg.name not in raw:
            if not arg.optional:
                raise ApiError(f"Missing API argument {arg.name}.")
            continue
        result[arg.name] = convert_value(arg, raw[arg.name])
    return result


def convert_value(arg: ArgSpec, text: str) -> Any:
    if arg.type == "bool":
        if text not in ("true", "false"):
            raise ApiError(
                f"Invalid value '{text}' for API argument {arg.name}: expected true or false.",
                "System.FormatException",
            )
        return text == "true"
    if arg.type == "number":
        value: Any = _number(arg, text)
    elif arg.type == "json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise ApiError(
                f"Invalid value for API argument {arg.name}: not valid JSON ({exc}).",
                "Newtonsoft.Json.JsonReaderException",
            ) from None
    else:
        value = text
    if arg.values is None:
        return value
    if arg.name in LIST_ARGUMENTS:
        items = [item.strip() for item in text.split(",")]
        for item in items:
            _check_listed(arg, item)
        return items
    return _check_listed(arg, text if arg.type != "number" else str(value))


def _number(arg: ArgSpec, text: str) -> Any:
    stripped = text.strip()
    if _INT_RE.match(stripped):
        return int(stripped)
    if _FLOAT_RE.match(stripped):
        return float(stripped)
    raise ApiError(
        f"Invalid value '{text}' for API argument {arg.name}: expected a number.",
        "System.FormatException",
    )


def _check_listed(arg: ArgSpec, value: str) -> str:
    """Return ``value`` (normalised) if the catalog's value list allows it, else fail."""
    assert arg.values is not None
    if value in arg.values:
        return value
    ranges = [m for m in (_RANGE_RE.match(v) for v in arg.values) if m]
    for match in ranges:  # e.g. dayOfMonth: "1 to 31" or "Last"
        if value.isdigit() and int(match.group(1)) <= int(value) <= int(match.group(2)):
            return str(int(value))
    if ranges:
        for allowed in arg.values:
            if value.casefold() == allowed.casefold():
                return allowed  # "last" is accepted for "Last"
    raise ApiError(
        f"Invalid value '{value}' for API argument {arg.name}: "
        f"expected {'one or more' if arg.name in LIST_ARGUMENTS else 'one'} of "
        f"{', '.join(arg.values)}.",
        "System.ArgumentException",
    )


# -- the API ---------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def is_loopback(address: str) -> bool:
    """Whether a peer address is the local machine (IPv4, IPv6 or IPv4-mapped IPv6)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


#: The endpoints outside ``/api/invoke/``.
LOW_LEVEL = ("get-status", "cancel-async", "get-metadata")


def target_of(path: str) -> str:
    """The function a request path addresses: ``GetUsers``, ``get-status``... or ``""``.

    ``/api//get-status`` counts as ``/api/get-status``: the 2014 wrapper builds its paths
    as ``/api/<mode>/<name>`` with an empty mode.
    """
    if path.startswith("/api/invoke/"):
        return path[len("/api/invoke/") :]
    name = path[len("/api//") :] if path.startswith("/api//") else path[len("/api/") :]
    if path.startswith("/api/") and name in LOW_LEVEL:
        return name
    return ""


def allowed_methods(target: str) -> Tuple[str, ...]:
    """get-metadata also answers GET (a third-party client reads it that way); the rest POST."""
    return ("GET", "POST") if target == "get-metadata" else ("POST",)


#: A bound handler call: runs the function (or, for a long-running one, makes its plan).
Call = Callable[[], Any]


class BaseApi:
    """The protocol of one emulated API: routing, authentication, invoke, tasks, get-status.

    Subclasses say which functions exist (``specs``), who may log in (:meth:`check_user`)
    and what a call runs (:meth:`bind`); everything between the HTTP request and those
    decisions is here.
    """

    #: The product the emulator plays (in the refusal of a function of the other API).
    product = "MailStore Server"
    #: The other API, named when a function of it is called.
    other_api = "the MailStore SPE Management API"

    def __init__(
        self,
        specs: Dict[str, FunctionSpec],
        tasks: TaskManager,
        lock: threading.RLock,
        *,
        other_names: FrozenSet[str] = frozenset(),
        invoke_wait: float = 0.05,
        max_long_poll: float = 600.0,
        anonymous_metadata: bool = True,
    ) -> None:
        self.specs = specs
        self.tasks = tasks
        self.lock = lock
        self.other_names = other_names
        self.invoke_wait = invoke_wait
        self.max_long_poll = max_long_poll
        #: get-metadata answers without credentials (MailStore Server does; SPE does not).
        self.anonymous_metadata = anonymous_metadata
        self.metadata_body = BOM + dumps(metadata(self.specs))
        #: Decides whether a peer counts as local (admin/admin works only then); tests may swap it.
        self.is_loopback: Callable[[str], bool] = is_loopback
        #: A recording of a real server that answers the calls it holds (see replay.py).
        self.recording: Optional[Recording] = None

    # -- what subclasses decide

    def check_user(self, name: str, password: str, peer: str) -> Tuple[str, Optional[Reply]]:
        """The user ``name`` logs in as, or the 401/403 reply (called under ``lock``)."""
        raise NotImplementedError

    def bind(self, spec: FunctionSpec, args: Dict[str, Any], user: str) -> Call:
        """The call that runs ``spec`` with ``args``; may raise :class:`ApiError` at once."""
        raise NotImplementedError

    # -- entry points: admit() with the request head, then answer() with its arguments

    def admit(self, method: str, path: str, headers: Mapping[str, str], peer: str) -> Admission:
        """Route and authenticate a request by its head alone (``headers`` in lower case).

        A refused request gets its reply here (404, 405, 401, 403), before any body is read.
        """
        target = target_of(path)
        if not target:
            page = html_page(404, "Not Found", "The requested resource is not found.")
            return Admission(target, reply=Reply(404, page, HTML_TYPE))
        allowed = allowed_methods(target)
        if method not in allowed:
            text = f"The HTTP method {method} is not allowed; use {' or '.join(allowed)}."
            reply = Reply.json(failed(text), 405)
            reply.headers.append(("Allow", ", ".join(allowed)))
            return Admission(target, reply=reply)
        if target == "get-metadata" and self.anonymous_metadata:
            return Admission(target)
        user, denial = self.authenticate(headers.get("authorization"), peer)
        return Admission(target, user, denial)

    def answer(self, admission: Admission, args: Mapping[str, str]) -> Reply:
        """The reply to an admitted request with its decoded form arguments."""
        target = admission.target
        if self.recording is not None:
            recorded = self.recording.answer(target, args)
            if recorded is not None:
                return recorded
        if target == "get-metadata":
            return Reply(200, self.metadata_body)
        if target == "get-status":
            return self.get_status(args)
        if target == "cancel-async":
            return self.cancel_async(args)
        return self.invoke(target, args, admission.user)

    # -- authentication

    def authenticate(self, header: Optional[str], peer: str) -> Tuple[str, Optional[Reply]]:
        """The user behind a Basic ``Authorization`` header, or the 401/403 reply."""
        credentials = _basic_credentials(header)
        if credentials is None:
            return "", unauthorized("Authentication is required.")
        name, password = credentials
        with self.lock:
            return self.check_user(name, password, peer)

    def default_login_refused(self, name: str, password: str, peer: str) -> Optional[Reply]:
        """The 401 for ``admin``/``admin`` from another machine; None when the login may go on."""
        if name == "admin" and password == "admin" and not self.is_loopback(peer):
            return unauthorized(
                "The default credentials of user 'admin' are only accepted from the local "
                "machine. Set a new password for 'admin' first."
            )
        return None

    # -- invoke

    def invoke(self, name: str, raw: Mapping[str, str], user: str) -> Reply:
        spec = self.specs.get(name)
        if spec is None:
            return self._unknown_function(name)
        try:
            args = convert_args(spec, raw)
            with self.lock:
                call = self.bind(spec, args, user)
                result = None if spec.long_running else call()
        except ApiError as exc:
            return Reply.json(failed(exc.message, exc.exception, name))
        except Exception as exc:  # an emulator bug: answer like an unhandled server exception
            log_exception()
            return Reply.json(failed(f"{type(exc).__name__}: {exc}", "System.Exception", name))
        if spec.long_running:
            return self._start_task(name, call())
        return Reply.json(envelope(result=result))

    def _unknown_function(self, name: str) -> Reply:
        body = failed(f"Unknown API function '{name}'.", "System.NotSupportedException", "Invoke")
        if name in self.other_names:
            assert body["error"] is not None
            body["error"]["details"] = (
                f"'{name}' belongs to {self.other_api}; this emulator emulates "
                f"{self.product}.\r\n" + body["error"]["details"]
            )
        return Reply.json(body, 404)

    def _start_task(self, name: str, plan: Any) -> Reply:
        task = self.tasks.start(name, plan)
        if self.tasks.wait_finished(task, self.invoke_wait):
            self.tasks.forget(task)
            log = task.log_since(0)
            return Reply.json(
                envelope(
                    result=task.result,
                    error=task.error,
                    status_code=task.status_code,
                    log_output=log or None,
                )
            )
        with task.cond:
            return Reply.json(task.envelope(0))

    # -- get-status and cancel-async

    def get_status(self, raw: Mapping[str, str]) -> Reply:
        token = raw.get("token")
        if token is None:
            return Reply.json(failed("Missing API argument token.", function="get-status"))
        try:
            last = _int_arg(raw, "lastKnownStatusVersion", 0)
            timeout_ms = _int_arg(raw, "millisecondsTimeout", 0)
        except ApiError as exc:
            return Reply.json(failed(exc.message, exc.exception, "get-status"))
        task = self.tasks.get(token)
        if task is None:
            return _unknown_token(token, "get-status")
        timeout = min(max(timeout_ms, 0) / 1000.0, self.max_long_poll)
        return Reply.json(self.tasks.poll(task, last, timeout))

    def cancel_async(self, raw: Mapping[str, str]) -> Reply:
        token = raw.get("token")
        if token is None:
            return Reply.json(failed("Missing API argument token.", function="cancel-async"))
        task = self.tasks.get(token)
        if task is None:
            return _unknown_token(token, "cancel-async")
        self.tasks.cancel(task)
        return Reply.json(envelope())


class Api(BaseApi):
    """The emulated Administration API of one MailStore Server."""

    def __init__(self, state: ArchiveState, tasks: TaskManager, **options: Any) -> None:
        super().__init__(
            load_specs("server"),
            tasks,
            state.lock,
            other_names=names_only_in("spe", "server"),
            **options,
        )
        self.state = state
        missing = [name for name in self.specs if name not in HANDLERS]
        if missing:  # pragma: no cover - guarded by the tests
            raise RuntimeError(f"no emulator handler for: {', '.join(missing)}")

    def check_user(self, name: str, password: str, peer: str) -> Tuple[str, Optional[Reply]]:
        user = self.state.find_user(name)
        if user is None or user.get("password") is None or user["password"] != password:
            return "", unauthorized("Invalid user name or password.")
        refused = self.default_login_refused(user["userName"], password, peer)
        if refused is not None:
            return "", refused
        if "admin" not in user["privileges"] or "api" not in user["loginPrivileges"]:
            return "", forbidden(user["userName"])
        return str(user["userName"]), None

    def bind(self, spec: FunctionSpec, args: Dict[str, Any], user: str) -> Call:
        handler = HANDLERS[spec.name]
        ctx = Context(self.state, user)
        return lambda: handler(ctx, args)


def _int_arg(raw: Mapping[str, str], name: str, default: int) -> int:
    text = raw.get(name)
    if text is None or text == "":
        return default
    if not _INT_RE.match(text.strip()):
        raise ApiError(
            f"Invalid value '{text}' for API argument {name}: expected a number.",
            "System.FormatException",
        )
    return int(text)


def _basic_credentials(header: Optional[str]) -> Optional[Tuple[str, str]]:
    if not header:
        return None
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    try:
        text = decoded.decode("utf-8")
    except UnicodeDecodeError:
        text = decoded.decode("latin-1")
    name, sep, password = text.partition(":")
    if not sep:
        return None
    return name, password


def unauthorized(message: str) -> Reply:
    reply = Reply.json(failed(message, "System.UnauthorizedAccessException", "Authenticate"), 401)
    reply.headers.append(("WWW-Authenticate", f'Basic realm="{REALM}"'))
    return reply


def forbidden(user: str) -> Reply:
    message = (
        f"The user '{user}' is not allowed to use the Administration API: administrator "
        "privileges and the login privilege 'api' are required."
    )
    return Reply.json(failed(message, "System.UnauthorizedAccessException", "Authenticate"), 403)


def _unknown_token(token: str, function: str) -> Reply:
    message = f"The token '{token}' is unknown or has expired."
    return Reply.json(
        failed(message, "System.Collections.Generic.KeyNotFoundException", function), 404
    )
