"""The hand-written core of the clients: settings, calls, long-running tasks.

``mailstore.mgmt`` (generated) subclasses :class:`ServerCore` and :class:`SPECore`
with one method per API function; each of them calls :meth:`BaseClient._invoke`.
The flow of a call: arguments are checked (``_settings``) and encoded
(``_encoding``), posted (``_request``) through a transport (``_transport``:
``_pool`` or ``_session``), and a ``running`` status is followed to its end
(``_status``). ``SPECore.forEachInstance`` runs a function per SPE instance (``_fanout``).
"""

from __future__ import annotations

import copy
import logging
import os
import re
import threading
import time
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
)

from . import _fanout, _settings, _status
from ._encoding import Fields, check_envelope, encode_arguments
from ._interrupt import HeldInterrupt
from ._log import client_logger
from ._record import recorder_for
from ._request import Endpoint
from ._settings import HOST, PASSWORD, SERVER_PORT, SPE_PORT, USERNAME
from ._tls import format_fingerprint
from ._transport import MAX_REPLY_BYTES, Target, Transport, open_transport
from .errors import APIError, ArgumentError, AuthenticationError, MailStoreError

if TYPE_CHECKING:  # pragma: no cover
    import requests

    from .catalog.spec import Method

Status = Dict[str, Any]
Callback = Callable[[Status], Any]
PathLike = Union[str, "os.PathLike[str]"]
T = TypeVar("T")
C = TypeVar("C", bound="SPECore")

LOW_LEVEL = ("get-status", "cancel-async", "get-metadata")
#: The low-level endpoints as the wrappers list them ahead of the server's functions.
LOW_LEVEL_METADATA: Tuple[Dict[str, Any], ...] = (
    {
        "name": "get-status",
        "args": [
            {"name": "token", "type": "string", "nullable": False},
            {"name": "lastKnownStatusVersion", "type": "number", "nullable": False},
            {"name": "millisecondsTimeout", "type": "number", "nullable": False},
        ],
        "path": "api/",
    },
    {
        "name": "cancel-async",
        "args": [{"name": "token", "type": "string", "nullable": False}],
        "path": "api/",
    },
    {"name": "get-metadata", "args": [], "path": "api/"},
)
FINAL_OK = ("succeeded", "running")
CANCEL_TIMEOUT = 3.0
_FUNCTION_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class BaseClient:
    """Settings, generic calls and long-running task handling, shared by both APIs."""

    #: Names of the functions that take an ``instanceID`` (SPE only).
    _instance_functions: frozenset[str] = frozenset()
    #: Which catalog describes this API ("server" or "spe").
    _catalog_kind = "server"

    def _configure(
        self,
        *,
        username: str,
        password: str,
        host: str,
        port: int,
        autoHandleToken: bool,
        waitTime: int,
        callback: Optional[Callback],
        logLevel: Optional[int],
        ignoreInvalidSSLCerts: Any,
        connectTimeout: float,
        readTimeout: float,
        caBundle: Optional[str],
        fingerprint: Optional[str],
        session: Optional[requests.Session],
        deadline: Optional[float],
        raiseOnFailure: bool,
        poolSize: int,
        retries: int,
        maxReplyBytes: Optional[int],
        transport: Optional[Transport],
        record: Optional[PathLike],
        anonymize: Any,
    ) -> None:
        s = _settings
        self._metadata: Optional[List[Dict[str, Any]]] = None
        self.username = str(s.from_env(username, "MAILSTORE_USERNAME"))
        password = str(s.from_env(password, "MAILSTORE_PASSWORD"))
        self.host = s.host(s.from_env(host, "MAILSTORE_HOST"))
        self.port = s.port(s.from_env(port, "MAILSTORE_PORT"))
        self.autoHandleToken = autoHandleToken
        self.waitTime = s.whole(waitTime, "waitTime", 0, s.MAX_WAIT_MS, " of milliseconds")
        if callback is not None and not callable(callback):
            raise ArgumentError(f"callback must be callable, not {type(callback).__name__}")
        self.callback = callback
        self.logLevel = logLevel
        self._log = client_logger(logLevel)
        self.ignoreInvalidSSLCerts = s.flag(ignoreInvalidSSLCerts, "ignoreInvalidSSLCerts")
        connect = s.seconds(connectTimeout, "connectTimeout", s.MAX_CONNECT_TIMEOUT)
        read = s.seconds(readTimeout, "readTimeout", s.MAX_READ_TIMEOUT)
        self.deadline = (
            None if deadline is None else s.seconds(deadline, "deadline", s.MAX_DEADLINE)
        )
        self.raiseOnFailure = bool(raiseOnFailure)
        pool_size = s.whole(poolSize, "poolSize", 1, s.MAX_POOL_SIZE)
        retries = s.whole(retries, "retries", 0, s.MAX_RETRIES)
        if maxReplyBytes is not None:
            maxReplyBytes = s.whole(maxReplyBytes, "maxReplyBytes", 1, 2**62)
        self.maxReplyBytes = maxReplyBytes
        trust = s.trust(
            fingerprint=fingerprint,
            ca_bundle=caBundle,
            ignore_invalid=self.ignoreInvalidSSLCerts,
        )
        self.fingerprint = format_fingerprint(trust.pin) if trust.pin else None
        self.caBundle = trust.ca_file
        target = Target(self.host, self.port, trust, connect)
        if transport is None:
            transport = open_transport(target, session, pool_size, maxReplyBytes, self._log)
        self._endpoint = Endpoint(
            transport,
            base_url=target.base_url,
            where=target.where,
            username=self.username,
            password=password,
            read_timeout=read,
            retries=retries,
            logger=self._log,
        )
        if record is not None:
            self._endpoint.recorder = recorder_for(record, anonymize)
        if not trust.checked:
            self._log.warning(
                "TLS certificate checks are off for %s:%s (ignoreInvalidSSLCerts=True). "
                "Safer: pin the server's certificate with fingerprint='<SHA-256>'.",
                self.host,
                self.port,
            )

    # -- life cycle --------------------------------------------------------------

    def close(self) -> None:
        """Close the client's pooled connections. The client can still be used after."""
        self._endpoint.close()

    def __enter__(self) -> BaseClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(host={self.host!r}, port={self.port}, username={self.username!r})"

    # -- calls -------------------------------------------------------------------

    def _invoke(
        self,
        function: str,
        arguments: Mapping[str, Any],
        autoHandleToken: Optional[bool] = None,
        json_args: Tuple[str, ...] = (),
        long_running: bool = False,
    ) -> Status:
        """Call API function ``function`` and return its status dict.

        A ``running`` answer is followed to the end unless automatic token
        handling is off (per call, or else for the client). For a function that
        may start a task (``long_running``), Ctrl-C during the invoke is held until
        the answer is in, and the task it started is cancelled.
        """
        fields = encode_arguments(self._add_instance(function, arguments), json_args)
        with HeldInterrupt(long_running) as held:  # Ctrl-C must not lose the task's token
            data = self._endpoint.post("invoke/" + function, fields, function=function)
            status = check_envelope(data, function=function, status_code=200)
        if held.pressed:
            interrupt = KeyboardInterrupt()
            _status.cancel_on_interrupt(interrupt, status, self._cancel_quietly)
            raise interrupt
        auto = self.autoHandleToken if autoHandleToken is None else autoHandleToken
        if auto and _status.is_running(status):
            status = self._follow(status, function, None)
        return self._checked(function, status)

    def _add_instance(self, function: str, arguments: Mapping[str, Any]) -> Mapping[str, Any]:
        """Hook for SPE: add the client's instanceID where the function takes one."""
        return arguments

    def _checked(self, function: str, status: Status) -> Status:
        if status.get("statusCode") in FINAL_OK:
            return status
        message = _status.failure_message(status)
        self._log.info("%s failed: %s", function, message)
        if self.raiseOnFailure:
            raise APIError(f"{function} failed: {message}", function=function, status=status)
        return status

    def call(
        self,
        method: str,
        arguments: Optional[Mapping[str, Any]] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        invoke: Optional[bool] = None,
    ) -> Any:
        """Call any function by name, catalogued or not, with a dict of arguments.

        ``method`` is an API function name (``"GetUserInfo"``) or one of the
        endpoints ``get-status``, ``cancel-async``, ``get-metadata``. A catalogued
        function is sent exactly as its method sends it (defaults, the values for
        None or empty arguments, JSON and comma lists, long-running handling);
        others with the same encoding. Returns the status dict (for get-metadata:
        the list of functions). ``invoke`` (of the 2018 and 2021 wrappers) is not
        needed: the name tells an endpoint from a function.
        """
        if not isinstance(method, str) or not (method in LOW_LEVEL or _FUNCTION_NAME.match(method)):
            raise ArgumentError(
                f"call() takes an API function name (e.g. 'GetUserInfo') or one of "
                f"{', '.join(LOW_LEVEL)}, not {method!r}"
            )
        arguments = dict(arguments or {})
        if method in LOW_LEVEL:
            fields = encode_arguments(arguments)
            data = self._endpoint.post(
                method, fields, function=method, idempotent=method != "cancel-async"
            )
            return (
                data
                if method == "get-metadata"
                else check_envelope(data, function=method, status_code=200)
            )
        spec = self._catalog_entry(method)
        if spec is None:
            return self._invoke(method, arguments, autoHandleToken)
        return self._invoke(
            method,
            spec.request(arguments),
            autoHandleToken,
            spec.json_args,
            spec.long_running,
        )

    def _catalog_entry(self, function: str) -> Optional[Method]:
        """The method spec of ``function`` (what its generated method sends), if it has one."""
        from .catalog.spec import method_spec

        return method_spec(self._catalog_kind, function)

    # -- long-running tasks ----------------------------------------------------------

    def _poll(
        self, token: str, last_version: int, wait_ms: int, budget: Optional[float] = None
    ) -> Status:
        fields: Fields = [
            ("token", token),
            ("lastKnownStatusVersion", str(last_version)),
            ("millisecondsTimeout", str(wait_ms)),
        ]
        timeout = wait_ms / 1000 + self._endpoint.read_timeout
        end = None
        if budget is not None:
            timeout = min(timeout, max(budget, 0.001))
            end = time.monotonic() + budget
        data = self._endpoint.post(
            "get-status", fields, function="get-status", idempotent=True, timeout=timeout, end=end
        )
        return check_envelope(data, function="get-status", status_code=200)

    def _held_poll(
        self, token: str, last_version: int, wait_ms: int, budget: Optional[float]
    ) -> Status:
        """A poll for the status loops: a first Ctrl-C is raised once the answer is in."""
        with HeldInterrupt() as held:
            status = self._poll(token, last_version, wait_ms, budget)
        if held.pressed:
            raise KeyboardInterrupt
        return status

    def _wait_ms(self, waitTime: Optional[int]) -> int:
        wait = self.waitTime if waitTime is None else waitTime
        if isinstance(wait, bool) or not isinstance(wait, int) or wait < 0:
            raise ArgumentError(
                f"waitTime must be a whole number of milliseconds >= 0, not {wait!r}"
            )
        return wait

    def GetStatus(self, jsonValues: Status, waitTime: Optional[int] = None) -> Status:
        """Ask for the next status of a long-running task.

        ``jsonValues`` is the last status dict of the task (it must carry a
        ``token``). The server answers as soon as a newer status exists, or after
        ``waitTime`` milliseconds (default: the client's waitTime) with the
        current one. Raises NoTokenError for a status without a token.
        """
        token = _status.token_of(jsonValues, "GetStatus")
        return self._poll(token, _status.version_of(jsonValues), self._wait_ms(waitTime))

    def CancelAsync(self, jsonValues: Status) -> Status:
        """Ask the server to cancel a long-running task; returns the server's reply.

        The server does not confirm the cancellation: keep polling with GetStatus
        until the status is no longer ``running``. Raises NoTokenError for a
        status without a token.
        """
        token = _status.token_of(jsonValues, "CancelAsync")
        data = self._endpoint.post("cancel-async", [("token", token)], function="cancel-async")
        return check_envelope(data, function="cancel-async", status_code=200)

    def _cancel_quietly(self, status: Status) -> None:
        """Best-effort cancel (used on Ctrl-C): short timeout, failures only logged."""
        token = status.get("token")
        try:
            self._endpoint.post(
                "cancel-async",
                [("token", str(token))],
                function="cancel-async",
                timeout=CANCEL_TIMEOUT,
            )
            self._log.warning("interrupted: asked the server to cancel task %s", token)
        except MailStoreError as exc:
            self._log.error("interrupted: could not cancel task %s: %s", token, exc)

    def _follow(self, status: Status, function: str, waitTime: Optional[int]) -> Status:
        return _status.wait(
            status,
            self._held_poll,
            wait_ms=self._wait_ms(waitTime),
            callback=self.callback,
            cancel=self._cancel_quietly,
            deadline=self.deadline,
            function=function,
        )

    def HandleToken(self, json_values: Status, waitTime: Optional[int] = None) -> Status:
        """Follow a running task to its final status and return that.

        Every status (the given one, each update, the final one) goes to the
        client's callback. Ctrl-C asks the server to cancel the task and then
        re-raises (a first Ctrl-C waits for the status poll that is out, at most
        waitTime); the client's deadline raises TaskDeadlineError.
        """
        return self._follow(json_values, "task", waitTime)

    def YieldStatus(self, json_values: Status, waitTime: Optional[int] = None) -> Iterator[Status]:
        """Yield the given status and each newer one of its task, up to the final one."""
        return _status.follow(
            json_values, self._held_poll, wait_ms=self._wait_ms(waitTime), deadline=self.deadline
        )

    def GetMetadata(self) -> List[Dict[str, Any]]:
        """Return the server's list of functions with their arguments (get-metadata)."""
        data = self._endpoint.post("get-metadata", [], function="get-metadata", idempotent=True)
        if not isinstance(data, list):
            raise MailStoreError(
                "get-metadata: expected a list of functions", function="get-metadata"
            )
        return data

    def compare_catalog(self) -> Dict[str, Any]:
        """Compare the server's get-metadata with this package's catalog.

        Returns the functions and arguments missing on either side: useful after
        a MailStore update.
        """
        from .catalog.compare import compare

        return compare(self.GetMetadata(), self._catalog_kind)

    @property
    def metadata(self) -> List[Dict[str, Any]]:
        """The functions this server offers, as MailStore's wrappers list them.

        The three low-level endpoints (get-status, cancel-async, get-metadata) come
        first, then the server's get-metadata answer. Fetched when the client is made
        (or on first use, with ``connect=False``).
        """
        if self._metadata is None:
            self._metadata = [*LOW_LEVEL_METADATA, *self.GetMetadata()]
        return self._metadata

    def _contact(self) -> None:
        """Talk to the server as the wrappers do when a client is made; fail here if it won't.

        The comparison of the server's functions with this package's is logged at INFO.
        """
        try:
            functions = self.metadata
            if self._log.isEnabledFor(logging.INFO):
                from .catalog.compare import compare, format_report

                report = compare(functions, self._catalog_kind)
                if not report["identical"]:
                    self._log.info("%s", format_report(report))
            self._check_credentials()
        except BaseException:
            self.close()
            raise

    def _check_credentials(self) -> None:
        """Hook: make sure the credentials work (ServerClient calls GetServerInfo)."""


class ServerCore(BaseClient):
    """Core of :class:`mailstore.mgmt.ServerClient` (MailStore Server, port 8463)."""

    def auth_test(self) -> None:
        """Check the credentials with GetServerInfo; raise if the server refuses them.

        A wrong password usually ends in AuthenticationError (HTTP 401) on the request
        itself; a server that answers with a failed status instead raises it here.
        """
        status = self._invoke("GetServerInfo", {})
        if status.get("statusCode") != "succeeded":
            raise AuthenticationError(
                f"GetServerInfo, used to check the credentials of user {self.username!r}, "
                f"failed: {_status.failure_message(status)}",
                function="GetServerInfo",
                status=status,
                hint="Check user name and password; the user needs the 'api' login privilege.",
            )

    def _check_credentials(self) -> None:
        self.auth_test()

    def __init__(
        self,
        username: str = USERNAME,
        password: str = PASSWORD,
        host: str = HOST,
        port: int = SERVER_PORT,
        autoHandleToken: bool = True,
        waitTime: int = 1000,
        callback: Optional[Callback] = None,
        logLevel: Optional[int] = 2,
        ignoreInvalidSSLCerts: bool = False,
        *,
        connectTimeout: float = 10.0,
        readTimeout: float = 120.0,
        caBundle: Optional[str] = None,
        fingerprint: Optional[str] = None,
        session: Optional[requests.Session] = None,
        deadline: Optional[float] = None,
        raiseOnFailure: bool = False,
        poolSize: int = 10,
        retries: int = 2,
        maxReplyBytes: Optional[int] = MAX_REPLY_BYTES,
        transport: Optional[Transport] = None,
        record: Optional[PathLike] = None,
        anonymize: Sequence[str] = (),
        connect: bool = True,
    ) -> None:
        """Create a client and check that the server answers and takes the credentials.

        As MailStore's wrappers do, the client calls get-metadata (kept in
        ``metadata``) and GetServerInfo at once, so a wrong password, an untrusted
        certificate or an unreachable server raise here; ``connect=False`` skips that.

        Args:
            username: API user (default "admin", or $MAILSTORE_USERNAME).
            password: its password (default "admin", or $MAILSTORE_PASSWORD).
            host: server name or address (default "127.0.0.1", or $MAILSTORE_HOST).
            port: API port (default 8463, or $MAILSTORE_PORT).
            autoHandleToken: follow long-running tasks to their end (default True).
            waitTime: milliseconds the server may hold each status poll (long poll).
            callback: called with every status of a long-running task.
            logLevel: 0..4 = NONE, ERROR, WARNING, INFO, DEBUG, printed to stderr;
                None hands records to the "mailstore" logger instead.
            ignoreInvalidSSLCerts: skip TLS certificate checks (prefer fingerprint).
            connectTimeout: seconds to wait for a connection.
            readTimeout: seconds the whole answer to one request may take (status polls:
                waitTime plus this).
            caBundle: PEM file of the CA(s) to trust ($MAILSTORE_CA_BUNDLE).
            fingerprint: SHA-256 fingerprint of the server certificate to accept
                (pinning; self-signed certificates welcome) ($MAILSTORE_FINGERPRINT).
            session: a requests.Session to send through (its adapters, proxies and
                certificate settings); cannot be combined with a fingerprint.
            deadline: seconds after which following a task raises TaskDeadlineError.
            raiseOnFailure: raise APIError instead of returning a failed status.
            poolSize: most connections kept open at once (threads wait for one).
            retries: how often a request is retried where that is safe (one that could
                not connect; status polls and get-metadata after a transient failure).
            maxReplyBytes: refuse answers larger than this (None: no limit).
            transport: send through this object instead of HTTPS (see
                mailstore.Transport; for tests and special set-ups).
            record: append every exchange to this JSON-lines file (secrets masked),
                for ``python -m mailstore.emulator --replay``.
            anonymize: names of fields whose values the recording replaces by
                stand-ins (e.g. ["userName", "emailAddresses"]).
            connect: contact the server now (get-metadata, GetServerInfo); False
                builds the client without a request.
        """
        options = _options(locals())
        connect = options.pop("connect")
        self._configure(**options)
        if connect:
            self._contact()


class SPECore(BaseClient):
    """Core of :class:`mailstore.mgmt.SPEClient` (MailStore SPE, port 8474)."""

    _catalog_kind = "spe"

    def __init__(
        self,
        username: str = USERNAME,
        password: str = PASSWORD,
        host: str = HOST,
        port: int = SPE_PORT,
        autoHandleToken: bool = True,
        waitTime: int = 1000,
        callback: Optional[Callback] = None,
        logLevel: Optional[int] = 2,
        ignoreInvalidSSLCerts: bool = False,
        instanceID: Optional[str] = None,
        *,
        connectTimeout: float = 10.0,
        readTimeout: float = 120.0,
        caBundle: Optional[str] = None,
        fingerprint: Optional[str] = None,
        session: Optional[requests.Session] = None,
        deadline: Optional[float] = None,
        raiseOnFailure: bool = False,
        poolSize: int = 10,
        retries: int = 2,
        maxReplyBytes: Optional[int] = MAX_REPLY_BYTES,
        transport: Optional[Transport] = None,
        record: Optional[PathLike] = None,
        anonymize: Sequence[str] = (),
        connect: bool = True,
    ) -> None:
        """Create an SPE client; arguments as for ServerClient, plus:

        Args:
            instanceID: the instance that instance-level functions act on; a
                per-call ``instanceID=`` wins.
        """
        options = _options(locals())
        self.instanceID = options.pop("instanceID")
        connect = options.pop("connect")
        self._configure(**options)
        if connect:
            self._contact()  # get-metadata (SPE refuses it without valid credentials)

    # -- instances -----------------------------------------------------------------

    #: Set in the clients a fan-out hands to ``fn``: Ctrl-C reached the main thread.
    _stop: Optional[threading.Event] = None
    #: True in a client made by forInstance: the connections belong to another client.
    _borrowed = False

    def forInstance(self: C, instanceID: str) -> C:
        """A client for one instance, sharing this client's connections and settings.

        Instance functions called on it act on ``instanceID`` unless a call names
        another. It opens no connection of its own, so it is cheap to make; its
        ``close()`` leaves the shared connections open.
        """
        if not isinstance(instanceID, str) or not instanceID:
            raise ArgumentError(f"instanceID must be a non-empty str, not {instanceID!r}")
        return self._bound(instanceID, None)

    def _bound(self: C, instanceID: str, stop: Optional[threading.Event]) -> C:
        view = copy.copy(self)
        view.instanceID = instanceID
        view._stop = stop
        view._borrowed = True
        return view

    def forEachInstance(
        self: C,
        fn: Callable[[C, Dict[str, Any]], T],
        instanceFilter: str = "*",
        workers: int = 8,
        skipNotRunning: bool = True,
    ) -> _fanout.InstanceResults[T]:
        """Call ``fn(client, instance)`` for each instance, several at a time.

        The instances are those ``GetInstances(instanceFilter)`` lists; ``client`` is
        this client bound to the instance (see forInstance) and ``instance`` its dict
        from the list. Up to ``workers`` instances are handled at once, over this
        client's connections (``poolSize``); instances that are not running are
        skipped unless ``skipNotRunning`` is False.

        Returns an InstanceResults: a list with one InstanceOutcome per listed
        instance, in their order (``instanceID``, ``instance``, ``value`` or
        ``error``, ``skipped``), and the dicts ``results`` and ``errors``. Whatever
        ``fn`` raises for one instance is kept in its outcome and never stops the
        others. A failed function is returned as its status, as always; with
        ``raiseOnFailure=True`` it becomes the instance's error instead.

        Ctrl-C starts no further instance, makes each worker stop at its next request
        (a long-running task it follows is cancelled on the server), and is raised
        again once the workers got there, with a note on what was done. GetInstances
        failing raises APIError.
        """
        if not callable(fn):
            raise ArgumentError(f"fn must be callable, not {type(fn).__name__}")
        count = _settings.whole(workers, "workers", 1, _settings.MAX_POOL_SIZE)
        listed = self._invoke("GetInstances", {"instanceFilter": instanceFilter})
        return _fanout.run(
            _fanout.instances_of(listed),
            fn,
            self._bound,
            workers=count,
            skip_not_running=bool(skipNotRunning),
            log=self._log,
        )

    def _invoke(self, *args: Any, **kwargs: Any) -> Status:
        self._stop_if_asked()
        return super()._invoke(*args, **kwargs)

    def _poll(self, *args: Any, **kwargs: Any) -> Status:
        self._stop_if_asked()  # a task followed by _follow is then cancelled, as on Ctrl-C
        return super()._poll(*args, **kwargs)

    def _stop_if_asked(self) -> None:
        """In a fan-out's worker after Ctrl-C: raise KeyboardInterrupt, as Ctrl-C would.

        Checked before every invoke and status poll of the worker's client.
        """
        if self._stop is not None and self._stop.is_set():
            raise KeyboardInterrupt

    def close(self) -> None:
        """Close the pooled connections (a client from forInstance leaves them open)."""
        if not self._borrowed:
            super().close()

    def __repr__(self) -> str:
        text = super().__repr__()
        if self.instanceID is None:
            return text
        return f"{text[:-1]}, instanceID={self.instanceID!r})"

    def _add_instance(self, function: str, arguments: Mapping[str, Any]) -> Mapping[str, Any]:
        if function not in self._instance_functions or arguments.get("instanceID") is not None:
            return arguments
        if self.instanceID is None:
            raise ArgumentError(
                f"{function} acts on an instance, and no instanceID was given.",
                function=function,
                hint="Pass instanceID='...' to SPEClient(...) or to this call (GetInstances "
                "lists the instances).",
                cli_hint="Pass --instance ID ('mailstore call --spe GetInstances' lists them).",
            )
        return {
            "instanceID": self.instanceID,
            **{k: v for k, v in arguments.items() if k != "instanceID"},
        }


def _options(values: Dict[str, Any]) -> Dict[str, Any]:
    """The constructor's arguments, minus ``self`` and the class cell."""
    return {k: v for k, v in values.items() if k not in ("self", "__class__")}
