"""Fault injection: make the emulator misbehave on purpose, from Python only.

Every method adds a *rule*.  A rule applies to requests for one function (an API function
name such as ``"GetUsers"``, or ``"get-status"``, ``"cancel-async"``, ``"get-metadata"``),
to several (a list/tuple/set of names) or to all (``function=None``).  It affects ``count``
matching requests (``None`` = no limit) and/or lasts ``duration`` seconds (``None`` = no
limit); without either limit it stays until :meth:`Faults.clear`.  The first matching rule of
a kind wins.

Nothing here is reachable over the network; tests reach it as ``emulator.faults``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, FrozenSet, Iterable, List, Optional, Union

Target = Union[None, str, Iterable[str]]

LATENCY = "latency"
DROP_BEFORE_READ = "drop_before_read"
DROP_AFTER_READ = "drop_after_read"
HTTP_ERROR = "http_error"
TRUNCATED_JSON = "truncated_json"
NO_BOM = "no_bom"
SLOW_STATUS = "slow_status"
UNAUTHORIZED = "unauthorized"
API_ERROR = "api_error"


@dataclass
class Rule:
    """One active fault."""

    kind: str
    functions: Optional[FrozenSet[str]]
    remaining: Optional[int]
    until: Optional[float]
    seconds: float = 0.0
    status: int = 500
    message: str = ""
    exception: str = ""

    def matches(self, function: str, now: float) -> bool:
        if self.until is not None and now >= self.until:
            return False
        return self.functions is None or function in self.functions

    def expired(self, now: float) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return True
        return self.until is not None and now >= self.until


class Faults:
    """The fault rules of one emulator (thread-safe)."""

    def __init__(self, expire_tokens: Optional[Callable[[], None]] = None) -> None:
        self._rules: List[Rule] = []
        self._lock = threading.Lock()
        self._expire_tokens = expire_tokens

    # -- adding rules

    def latency(
        self,
        seconds: float,
        function: Target = None,
        count: Optional[int] = None,
        duration: Optional[float] = None,
    ) -> Rule:
        """Delay the answer to matching requests by ``seconds`` (the call still executes)."""
        return self._add(LATENCY, function, count, duration, seconds=seconds)

    def drop_before_read(
        self, function: Target = None, count: Optional[int] = 1, duration: Optional[float] = None
    ) -> Rule:
        """Close the connection after the request head, before the body: nothing executes."""
        return self._add(DROP_BEFORE_READ, function, count, duration)

    def drop_after_read(
        self, function: Target = None, count: Optional[int] = 1, duration: Optional[float] = None
    ) -> Rule:
        """Execute the request (a task starts), then close the connection without a reply."""
        return self._add(DROP_AFTER_READ, function, count, duration)

    def http_error(
        self,
        status: int = 500,
        function: Target = None,
        count: Optional[int] = 1,
        duration: Optional[float] = None,
    ) -> Rule:
        """Answer with an HTML error page and HTTP ``status`` instead of executing."""
        return self._add(HTTP_ERROR, function, count, duration, status=status)

    def truncated_json(
        self, function: Target = None, count: Optional[int] = 1, duration: Optional[float] = None
    ) -> Rule:
        """Execute the request but send only the first part of the JSON body."""
        return self._add(TRUNCATED_JSON, function, count, duration)

    def no_bom(
        self,
        function: Target = None,
        count: Optional[int] = None,
        duration: Optional[float] = None,
    ) -> Rule:
        """Send JSON bodies without the leading UTF-8 byte order mark."""
        return self._add(NO_BOM, function, count, duration)

    def slow_status(
        self, seconds: float, count: Optional[int] = None, duration: Optional[float] = None
    ) -> Rule:
        """Delay every get-status answer by ``seconds`` on top of its long-poll wait."""
        return self._add(SLOW_STATUS, "get-status", count, duration, seconds=seconds)

    def unauthorized(
        self,
        duration: Optional[float] = None,
        count: Optional[int] = None,
        function: Target = None,
    ) -> Rule:
        """Answer 401 to matching requests, whatever their credentials."""
        return self._add(UNAUTHORIZED, function, count, duration)

    def api_error(
        self,
        message: str,
        function: Target = None,
        count: Optional[int] = 1,
        duration: Optional[float] = None,
        exception: str = "System.InvalidOperationException",
    ) -> Rule:
        """Answer a ``failed`` envelope with ``message`` instead of executing the function."""
        return self._add(API_ERROR, function, count, duration, message=message, exception=exception)

    def expire_tokens(self) -> None:
        """Forget every task now: their tokens answer 404 from here on."""
        if self._expire_tokens is not None:
            self._expire_tokens()

    def clear(self) -> None:
        """Remove all rules."""
        with self._lock:
            self._rules.clear()

    def remove(self, rule: Rule) -> None:
        """Remove one rule returned by an adding method."""
        with self._lock:
            if rule in self._rules:
                self._rules.remove(rule)

    @property
    def rules(self) -> List[Rule]:
        """The rules still active (a copy)."""
        now = time.monotonic()
        with self._lock:
            self._rules = [r for r in self._rules if not r.expired(now)]
            return list(self._rules)

    # -- used by the server

    def take(self, kind: str, function: str) -> Optional[Rule]:
        """The first active rule of ``kind`` matching ``function``, counting one use of it."""
        if not self._rules:  # fast path, no lock needed for a read of a list reference
            return None
        now = time.monotonic()
        with self._lock:
            for rule in self._rules:
                if rule.kind == kind and rule.matches(function, now) and not rule.expired(now):
                    if rule.remaining is not None:
                        rule.remaining -= 1
                    self._rules = [r for r in self._rules if not r.expired(now)]
                    return rule
        return None

    def _add(
        self,
        kind: str,
        function: Target,
        count: Optional[int],
        duration: Optional[float],
        *,
        seconds: float = 0.0,
        status: int = 500,
        message: str = "",
        exception: str = "",
    ) -> Rule:
        if count is not None and count < 1:
            raise ValueError("count must be at least 1 (or None for no limit)")
        functions: Optional[FrozenSet[str]]
        if function is None:
            functions = None
        elif isinstance(function, str):
            functions = frozenset([function])
        else:
            functions = frozenset(function)
        until = time.monotonic() + duration if duration is not None else None
        rule = Rule(kind, functions, count, until, seconds, status, message, exception)
        with self._lock:
            self._rules.append(rule)
        return rule
