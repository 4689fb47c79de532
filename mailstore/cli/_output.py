"""What the ``mailstore`` command prints on stdout: JSON, or tables on a terminal.

Everything else (progress, the log lines of a task, errors) goes to stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from typing import Any, Dict, List, Optional, TextIO

Status = Dict[str, Any]


def terminal_width(stream: TextIO) -> int:
    """The width of the terminal behind ``stream`` (or of the process's terminal)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 0
    return columns if columns > 0 else shutil.get_terminal_size().columns


def isatty(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (False for closed or unusual streams)."""
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False


class Output:
    """Prints results in the chosen mode: json, table or result (default by terminal)."""

    def __init__(self, mode: Optional[str], stream: Optional[TextIO] = None) -> None:
        self.stream = stream or sys.stdout
        self.tty = isatty(self.stream)
        self.mode = mode or ("table" if self.tty else "json")
        encoding = (getattr(self.stream, "encoding", None) or "").lower().replace("-", "")
        self.ascii = encoding not in ("utf8", "utf8sig")
        if self.ascii and self.mode == "table" and hasattr(self.stream, "reconfigure"):
            self.stream.reconfigure(errors="replace")  # a console that cannot show every name

    def json(self, value: Any) -> None:
        print(json.dumps(value, indent=2, ensure_ascii=self.ascii), file=self.stream)

    def line(self, value: Any) -> None:
        """``value`` as one line of compact JSON (JSON Lines)."""
        print(json.dumps(value, ensure_ascii=self.ascii), file=self.stream, flush=True)

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
        return terminal_width(self.stream) if self.tty else None


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
