"""What the ``mailstore`` command prints: JSON, tables, and the progress of tasks.

stdout carries the output (one JSON document, or tables on a terminal); stderr
carries everything else: the progress bar, the log lines of a task, errors.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from typing import Any, Dict, List, Optional, Sequence, TextIO

Status = Dict[str, Any]

BAR_WIDTH = 30


def merge_log(status: Status, log: Sequence[str]) -> Status:
    """Return ``status`` with ``logOutput`` holding every log line seen of its task."""
    if not log:
        return status
    return {**status, "logOutput": "".join(log)}


def _width(stream: TextIO) -> int:
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 0
    return columns if columns > 0 else shutil.get_terminal_size().columns


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False


class Output:
    """Prints results in the chosen mode: json, table or result (default by terminal)."""

    def __init__(self, mode: Optional[str], stream: Optional[TextIO] = None) -> None:
        self.stream = stream or sys.stdout
        self.tty = _isatty(self.stream)
        self.mode = mode or ("table" if self.tty else "json")
        encoding = (getattr(self.stream, "encoding", None) or "").lower().replace("-", "")
        self.ascii = encoding not in ("utf8", "utf8sig")
        if self.ascii and self.mode == "table" and hasattr(self.stream, "reconfigure"):
            self.stream.reconfigure(errors="replace")  # a console that cannot show every name

    def json(self, value: Any) -> None:
        print(json.dumps(value, indent=2, ensure_ascii=self.ascii), file=self.stream)

    def text(self, text: str) -> None:
        if text:
            print(text, file=self.stream)

    def status(self, status: Status) -> None:
        """A status dict: whole (json), its result (result), or readable (table)."""
        if self.mode == "json":
            self.json(status)
        elif self.mode == "result":
            self.json(status.get("result"))
        elif status.get("statusCode") == "succeeded":
            result = status.get("result")
            self.text(render(result, self._columns()) if result is not None else "succeeded")
        elif status.get("statusCode") == "running":
            keys = ("token", "statusCode", "statusVersion", "percentProgress", "statusText")
            self.text(render({k: status.get(k) for k in keys}, self._columns()))
        # a failed status: the error line on stderr says it all

    def listing(self, data: Any, rows: List[Dict[str, Any]]) -> None:
        """A list: the data itself as JSON, or ``rows`` as a table."""
        if self.mode == "table":
            self.text(render(rows, self._columns()))
        else:
            self.json(data)

    def describe(self, data: Any, text: str) -> None:
        if self.mode == "table":
            self.text(text)
        else:
            self.json(data)

    def check_line(self, name: str, ok: bool, detail: str) -> None:
        if self.mode == "table":
            print(f"{'ok' if ok else 'FAIL':4}  {name:12} {detail}", file=self.stream, flush=True)

    def check_done(self, report: Dict[str, Any]) -> None:
        if self.mode != "table":
            self.json(report)
            return
        catalog = report.get("catalog")
        if catalog and not catalog.get("identical"):
            from ..catalog.compare import format_report

            self.text(format_report(catalog))

    def _columns(self) -> Optional[int]:
        return _width(self.stream) if self.tty else None


# -- tables -------------------------------------------------------------------------------


def render(value: Any, width: Optional[int] = None) -> str:
    """Readable text: a list of dicts as columns, a dict as key/value lines."""
    if isinstance(value, (list, dict)) and not value:
        return "(none)"
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return table(value, width)
    if isinstance(value, list):
        return "\n".join(cell(v) for v in value)
    if isinstance(value, dict):
        return key_values(value, width)
    return cell(value)


def cell(value: Any) -> str:
    """One value as short text: lists of plain values comma-joined, nested data as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def key_values(data: Dict[str, Any], width: Optional[int] = None, indent: str = "") -> str:
    lines: List[str] = []
    size = max((len(str(k)) for k in data), default=0)
    for key, value in data.items():
        nested = (
            isinstance(value, dict)
            and value
            or (isinstance(value, list) and value and all(isinstance(v, dict) for v in value))
        )
        if nested:
            lines.append(f"{indent}{key}:")
            inner = width - len(indent) - 2 if width else None
            if isinstance(value, dict):
                lines.append(key_values(value, inner, indent + "  "))
            else:
                lines.extend(indent + "  " + line for line in table(value, inner).splitlines())
            continue
        lines.append(_clip(f"{indent}{str(key):{size}}  {cell(value)}".rstrip(), width))
    return "\n".join(lines)


def table(rows: List[Dict[str, Any]], width: Optional[int] = None) -> str:
    """Rows as aligned columns, the widest ones cut to fit ``width``."""
    columns: List[str] = []
    for row in rows:
        columns.extend(str(k) for k in row if str(k) not in columns)
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    sizes = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    if width:
        while sum(sizes) + 2 * (len(sizes) - 1) > width - 1 and max(sizes) > 8:
            sizes[sizes.index(max(sizes))] -= 1
    lines = [columns, ["-" * s for s in sizes], *cells]
    return "\n".join(
        "  ".join(_fit(text, size) for text, size in zip(line, sizes)).rstrip() for line in lines
    )


def _fit(text: str, size: int) -> str:
    return text.ljust(size) if len(text) <= size else text[: size - 1] + "~"


def _clip(text: str, width: Optional[int]) -> str:
    return text if not width or len(text) < width else text[: width - 2] + "~"


# -- function descriptions ------------------------------------------------------------------


def describe_function(entry: Dict[str, Any], method: Any) -> str:
    """A catalog entry as text: usage, summary, arguments with types and values."""
    import inspect

    defaults: Dict[str, Any] = {}
    if method is not None:
        for p in inspect.signature(method).parameters.values():
            if p.default is not inspect.Parameter.empty and p.default is not None:
                defaults[p.name] = p.default
    name = entry["name"]
    usage = " ".join(
        f"{a['name']}={a.get('type', 'string').upper()}"
        if not _optional(a, method)
        else f"[{a['name']}={a.get('type', 'string').upper()}]"
        for a in entry.get("args", ())
    )
    lines = [f"mailstore call {name} {usage}".rstrip()]
    if method is not None:
        lines.append(f"Python: client.{name}{_python_signature(method)}")
    if entry.get("long_running"):
        lines.append("Runs as a long-running task (progress shown; --no-wait returns its token).")
    lines.append("")
    for key, label in (("summary", ""), ("details", ""), ("returns", "Returns: ")):
        if entry.get(key):
            lines.append(label + str(entry[key]))
    args = entry.get("args", ())
    if args:
        lines.append("")
        lines.append("arguments:")
        size = max(len(a["name"]) for a in args)
        for a in args:
            flags = [a.get("type", "string")]
            if a["name"] in defaults:
                flags.append(f"default {cell(defaults[a['name']])}")
            else:
                flags.append("optional" if _optional(a, method) else "required")
            lines.append(f"  {a['name']:{size}}  {', '.join(flags)}")
            if a.get("doc"):
                lines.append(f"  {'':{size}}  {a['doc']}")
            if a.get("values"):
                lines.append(f"  {'':{size}}  values: {', '.join(map(str, a['values']))}")
    return "\n".join(lines)


def _optional(arg: Dict[str, Any], method: Any) -> bool:
    """Whether the command line may leave the argument out (the method has a default)."""
    import inspect

    if method is None:
        return bool(arg.get("optional"))
    param = inspect.signature(method).parameters.get(arg["name"])
    return param is None or param.default is not inspect.Parameter.empty


def _python_signature(method: Any) -> str:
    import inspect

    params = [p for p in inspect.signature(method).parameters.values() if p.name != "self"]
    text = ", ".join(
        p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
        for p in params
        if p.name != "autoHandleToken" and p.kind is p.POSITIONAL_OR_KEYWORD
    )
    return f"({text})"


def describe_metadata(entry: Dict[str, Any], catalog: Optional[Dict[str, Any]]) -> str:
    """A get-metadata entry as text (with the catalog's summary when known)."""
    lines = [str(entry.get("name"))]
    if catalog and catalog.get("summary"):
        lines.append(str(catalog["summary"]))
    elif catalog is None:
        lines.append("(not in the catalog: 'mailstore call' sends its values as text)")
    for a in entry.get("args") or ():
        nullable = "optional" if a.get("nullable") else "required"
        lines.append(f"  {a.get('name')}  {a.get('type')}, {nullable}")
    return "\n".join(lines)


# -- progress -------------------------------------------------------------------------------


class Progress:
    """The callback that shows a task's progress on stderr.

    On a terminal: a bar (percentProgress, statusText) redrawn in place, with the
    task's log lines printed above it. Otherwise: the log lines, and a line each
    time the task passes another tenth or changes its status text.
    """

    #: Whether a bar is on the screen (errors and log records clear it first).
    visible = False

    def __init__(self, function: str, stream: TextIO) -> None:
        self.function = function
        self.stream = stream
        self.tty = _isatty(stream)
        self.log: List[str] = []
        self.seen = False
        self._last: Optional[tuple[Any, Any]] = None

    def __call__(self, status: Status) -> None:
        self.seen = True
        text = status.get("logOutput")
        if isinstance(text, str) and text:
            self.log.append(text)
            self.clear_line(self.stream)
            for line in text.splitlines():
                print(line, file=self.stream)
        if status.get("statusCode") == "running":
            self._show(status.get("percentProgress"), status.get("statusText"))
        else:
            self.done()
        self.stream.flush()

    def _show(self, percent: Any, text: Any) -> None:
        pct = percent if isinstance(percent, (int, float)) else None
        label = " ".join(str(text or "").split())
        if self.tty:
            width = _width(self.stream)
            filled = int(BAR_WIDTH * (pct or 0) / 100)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            shown = f"{pct:3.0f}%" if pct is not None else " ...  "
            line = f"{self.function} [{bar}] {shown} {label}"
            self.stream.write("\r" + line[: width - 1].ljust(width - 1))
            Progress.visible = True
            return
        key = ((pct or 0) // 10, label)
        if key != self._last:
            self._last = key
            shown = f"{pct:.0f}%" if pct is not None else "running"
            print(f"{self.function}: {shown} {label}".rstrip(), file=self.stream)

    def done(self) -> None:
        """Remove the bar (the task has ended, or the command stops following it)."""
        self.clear_line(self.stream)

    def echo_log(self, status: Status) -> None:
        """Print the log of a status no progress was shown for (a task that ended at once)."""
        text = status.get("logOutput")
        if not self.seen and isinstance(text, str) and text:
            for line in text.splitlines():
                print(line, file=self.stream)
            self.stream.flush()

    @staticmethod
    def clear_line(stream: TextIO) -> None:
        """Remove the bar, if one is shown: blank the terminal's current line."""
        if Progress.visible:
            Progress.visible = False
            stream.write("\r" + " " * (_width(stream) - 1) + "\r")
            stream.flush()
