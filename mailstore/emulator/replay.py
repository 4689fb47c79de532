"""Replaying a recording of a real server (``ServerClient(record=...)``).

A call found in the recording (same function, same arguments; a masked ``***`` value
matches anything) is answered as recorded: the same HTTP status, the same first status
and, for a task, the later statuses paced as they came (each one due the recorded
number of milliseconds after the call). Repeated calls take the recorded answers in
order, the last one again when they run out. Anything else goes to the stateful
emulator. Every request says on stderr which of the two answered it.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Dict, List, Mapping, Optional

from .logs import log_line
from .protocol import HTML_TYPE, Reply, envelope

MASKED = "***"


class _Task:
    """A recorded task being replayed: its statuses, due from ``started`` on."""

    def __init__(self, statuses: List[Dict[str, Any]]) -> None:
        self.statuses = [s for s in statuses if isinstance(s.get("status"), dict)]
        self.started = time.monotonic()
        self.cancelled = False

    def due(self) -> List[Dict[str, Any]]:
        elapsed = (time.monotonic() - self.started) * 1000
        return [s["status"] for s in self.statuses if s["ms"] <= elapsed]

    def next_due_in(self, last: int) -> Optional[float]:
        """Seconds until the first status newer than ``last`` is due, or None if none is left."""
        elapsed = (time.monotonic() - self.started) * 1000
        for entry in self.statuses:
            if entry["status"].get("statusVersion", 0) > last:
                return max(0.0, (float(entry["ms"]) - elapsed) / 1000)
        return None


class Recording:
    """The recorded exchanges of one file, ready to answer requests."""

    def __init__(self, entries: List[Dict[str, Any]], source: str = "") -> None:
        self.source = source
        self._calls: Dict[str, List[Dict[str, Any]]] = {}
        self._used: Dict[int, int] = {}
        self.metadata: Optional[Any] = None
        for entry in entries:
            if entry.get("function") == "get-metadata":
                if entry.get("http") == 200 and entry.get("reply") is not None:
                    self.metadata = entry["reply"]
            elif "http" in entry:  # calls that never got an HTTP answer are not replayed
                self._calls.setdefault(str(entry.get("function")), []).append(entry)
        self._tasks: Dict[str, _Task] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: str) -> Recording:
        """Read a recording file (JSON lines)."""
        with open(path, encoding="utf-8") as f:
            return cls([json.loads(line) for line in f if line.strip()], source=path)

    def answer(self, target: str, args: Mapping[str, str]) -> Optional[Reply]:
        """The recorded reply to a request, or None for the stateful emulator."""
        if target == "get-metadata":
            reply = None if self.metadata is None else Reply.json(self.metadata)
        elif target in ("get-status", "cancel-async"):
            task = self._tasks.get(args.get("token", ""))
            if task is None:
                return None  # a token of the stateful emulator
            if target == "cancel-async":
                task.cancelled = True
                return Reply.json(envelope())
            return Reply.json(self._poll(task, args))
        else:
            reply = self._invoke(target, args)
        log_line(
            f"replay: {target} "
            + ("answered from the recording" if reply else "not recorded: the emulator answers")
        )
        return reply

    def _invoke(self, function: str, args: Mapping[str, str]) -> Optional[Reply]:
        matches = [e for e in self._calls.get(function, ()) if _same(e["arguments"], args)]
        if not matches:
            return None
        with self._lock:
            key = id(matches[0])
            turn = self._used.get(key, 0)
            self._used[key] = turn + 1
        entry = matches[min(turn, len(matches) - 1)]
        if entry["http"] != 200:
            return _error_reply(entry["http"], entry.get("body") or "")
        statuses = entry.get("statuses") or [{"ms": 0, "status": envelope()}]
        first = statuses[0]["status"]
        if first.get("statusCode") == "running" and isinstance(first.get("token"), str):
            self._tasks[first["token"]] = _Task(statuses)
        return Reply.json(first)

    def _poll(self, task: _Task, args: Mapping[str, str]) -> Dict[str, Any]:
        last = int(args.get("lastKnownStatusVersion") or 0)
        wait = int(args.get("millisecondsTimeout") or 0) / 1000
        if task.cancelled:
            current = task.due()[-1] if task.due() else task.statuses[0]["status"]
            return {**current, "statusCode": "cancelled", "statusVersion": last + 1}
        delay = task.next_due_in(last)
        if delay is not None:  # a long poll: wait for the next status, at most ``wait``
            time.sleep(min(delay, wait))
        return task.due()[-1]


def _same(recorded: Mapping[str, Any], given: Mapping[str, str]) -> bool:
    """Whether a request's arguments are those recorded (masked ones match anything)."""
    if set(recorded) != set(given):
        return False
    for name, value in recorded.items():
        if isinstance(value, (dict, list)):  # a JSON argument, recorded decoded
            try:
                if not _matches(value, json.loads(given[name])):
                    return False
            except ValueError:
                return False
        elif value != MASKED and str(value) != given[name]:
            return False
    return True


def _matches(recorded: Any, given: Any) -> bool:
    if recorded == MASKED:
        return True
    if isinstance(recorded, dict) and isinstance(given, dict):
        return recorded.keys() == given.keys() and all(
            _matches(recorded[k], given[k]) for k in recorded
        )
    if isinstance(recorded, list) and isinstance(given, list):
        return len(recorded) == len(given) and all(map(_matches, recorded, given))
    return bool(recorded == given)


def _error_reply(status: int, body: str) -> Reply:
    """A recorded HTTP error: its body as recorded (JSON) or as an HTML page's text."""
    try:
        return Reply.json(json.loads(body), status)
    except ValueError:
        return Reply(status, body.encode("utf-8"), HTML_TYPE)
