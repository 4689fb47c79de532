"""Recording a client's exchanges with a server, for the emulator to replay.

``ServerClient(..., record="exchanges.jsonl")`` appends one JSON line per call: the
function, its arguments, the HTTP status and every status of a task with the
milliseconds since the call began. Secrets are masked by the same key rule as the logs
(see :mod:`mailstore._log`); the task's status token is replaced by a stand-in
(``recorded-1``, ...), since the server's own token means nothing later. Fields named in
``anonymize`` (``userName``, ``emailAddresses``, ...) get stable stand-ins instead of their
values, in arguments and results alike, so a recorded call and its answer still match.

``python -m mailstore.emulator --replay FILE`` answers recorded calls as recorded.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Tuple, Union

from ._encoding import Fields
from ._log import redact, redact_fields
from ._status import is_running, version_of
from .errors import ArgumentError, HTTPStatusError

PathLike = Union[str, "os.PathLike[str]"]
FORMAT = 1


class Recorder:
    """Writes the exchanges of one client to a JSON-lines file (thread-safe)."""

    def __init__(self, path: PathLike, anonymize: Iterable[str] = ()) -> None:
        self.path = os.fspath(path)
        self._anonymize: FrozenSet[str] = frozenset(anonymize)
        self._lock = threading.Lock()
        with open(self.path, "a", encoding="utf-8"):  # fail now if it cannot be written
            pass
        self._open: Dict[str, Tuple[Dict[str, Any], float]] = {}  # token -> (entry, start)
        self._tokens: Dict[str, str] = {}
        self._stand_ins: Dict[Tuple[str, str], str] = {}

    def exchange(
        self,
        path: str,
        fields: Fields,
        started: float,
        answer: Any = None,
        error: Optional[BaseException] = None,
    ) -> None:
        """Note one request to ``/api/<path>``, its answer or its error."""
        with self._lock:
            if path.startswith("invoke/"):
                self._invoke(path[len("invoke/") :], fields, started, answer, error)
            elif path == "get-status":
                self._status(dict(fields).get("token", ""), started, answer, error)
            elif path == "cancel-async":
                self._cancel(dict(fields).get("token", ""), started)
            elif path == "get-metadata":
                self._write(self._entry("get-metadata", [], answer, error, reply=answer))

    def close(self) -> None:
        """Write the tasks still being followed, marked incomplete."""
        with self._lock:
            for entry, _ in self._open.values():
                self._write({**entry, "incomplete": True})
            self._open.clear()

    # -- the kinds of request

    def _invoke(
        self, function: str, fields: Fields, started: float, answer: Any, error: Any
    ) -> None:
        entry = self._entry(function, fields, answer, error)
        if isinstance(answer, dict):
            entry["statuses"] = [self._timed(started, started, answer)]
            token = answer.get("token")
            if is_running(answer) and isinstance(token, str):
                self._open[token] = (entry, started)
                return
        self._write(entry)

    def _status(self, token: str, started: float, answer: Any, error: Any) -> None:
        if token not in self._open:
            return
        entry, begun = self._open[token]
        if error is not None:
            entry["statuses"].append({"ms": _ms(begun, started), **_failure(error)})
        elif isinstance(answer, dict):
            last = entry["statuses"][-1].get("status", {})
            if version_of(answer) > version_of(last) or not is_running(answer):
                entry["statuses"].append(self._timed(begun, time.monotonic(), answer))
            if is_running(answer):
                return
        del self._open[token]
        self._write(entry)

    def _cancel(self, token: str, started: float) -> None:
        if token in self._open:
            entry, begun = self._open[token]
            entry["statuses"].append({"ms": _ms(begun, started), "cancel": True})

    # -- shaping what is written

    def _entry(
        self, function: str, fields: Fields, answer: Any, error: Any, reply: Any = None
    ) -> Dict[str, Any]:
        entry: Dict[str, Any] = {
            "format": FORMAT,
            "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "function": function,
            "arguments": self._hide(redact_fields(list(fields))),
        }
        if error is not None:
            entry.update(_failure(error))
        else:
            entry["http"] = 200
        if reply is not None:
            entry["reply"] = self._hide(redact(reply))
        return entry

    def _timed(self, begun: float, now: float, status: Dict[str, Any]) -> Dict[str, Any]:
        return {"ms": _ms(begun, now), "status": self._shown_status(status)}

    def _shown_status(self, status: Dict[str, Any]) -> Dict[str, Any]:
        """A status as recorded: secrets masked, fields anonymised, the token a stand-in."""
        token = status.get("token")
        shown = self._hide(redact({k: v for k, v in status.items() if k != "token"}))
        result: Dict[str, Any] = {}
        for key in status:
            result[key] = self._token(token) if key == "token" else shown[key]
        return result

    def _token(self, token: Any) -> Any:
        if not isinstance(token, str):
            return token
        return self._tokens.setdefault(token, f"recorded-{len(self._tokens) + 1}")

    def _hide(self, value: Any, key: str = "") -> Any:
        """``value`` with the values of anonymised fields replaced by stand-ins."""
        if isinstance(value, dict):
            return {k: self._hide(v, str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self._hide(item, key) for item in value]
        if key in self._anonymize and isinstance(value, str) and value:
            if "," in value:  # a comma list, as arguments send them
                return ",".join(self._stand_in(key, part) for part in value.split(","))
            return self._stand_in(key, value)
        return value

    def _stand_in(self, key: str, value: str) -> str:
        known = self._stand_ins.get((key, value))
        if known is None:
            count = sum(1 for k, _ in self._stand_ins if k == key) + 1
            known = self._stand_ins[(key, value)] = f"{key}-{count}"
        return known

    def _write(self, entry: Dict[str, Any]) -> None:
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def recorder_for(path: Any, anonymize: Any) -> Recorder:
    """The recorder for ``record=``; ``anonymize`` may be a list or a comma string."""
    if isinstance(anonymize, str):
        anonymize = [name.strip() for name in anonymize.split(",") if name.strip()]
    if not all(isinstance(name, str) for name in anonymize):
        raise ArgumentError(f"anonymize must be field names (str), not {anonymize!r}")
    try:
        return Recorder(path, anonymize)
    except OSError as exc:
        raise ArgumentError(f"cannot write the recording {path!r}: {exc.strerror}") from None


def _ms(begun: float, now: float) -> int:
    return max(0, round((now - begun) * 1000))


def _failure(error: BaseException) -> Dict[str, Any]:
    """How a failed request is recorded: its HTTP status and body, or the kind of failure."""
    if isinstance(error, HTTPStatusError):
        return {"http": error.status_code, "body": error.body}
    return {"error": type(error).__name__}


def read(path: PathLike) -> List[Dict[str, Any]]:
    """The entries of a recording file, in order (blank lines skipped)."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
