"""The check's options: thresholds and windows, from keywords or a small config file."""

from __future__ import annotations

import configparser
import dataclasses
import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from .._settings import MAX_POOL_SIZE
from ..dates import parse_date
from ..errors import ArgumentError
from ._read import version_key

#: The section of an INI config file that holds the options.
SECTION = "health"
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


@dataclasses.dataclass(frozen=True)
class Options:
    """What the check looks at and how it judges it; see HELP for each option."""

    lookback_hours: float = 24.0
    overdue_hours: float = 26.0
    completed_with_errors_ok: bool = False
    exclude_profiles: Tuple[str, ...] = ()
    automatic_only: bool = False
    report_lines: int = 3
    job_lookback_hours: float = 192.0
    job_grace_hours: float = 1.0
    licence_warning: float = 90.0
    licence_critical: float = 100.0
    min_version: Optional[str] = None
    expected_stopped: Tuple[str, ...] = ()
    instance_filter: str = "*"
    workers: int = 8
    now: Optional[_dt.datetime] = None

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Options:
        """Options from keywords or a config file's values (text is converted).

        Names may use ``-`` for ``_``. Unknown names and unusable values raise
        ArgumentError.
        """
        known = {f.name: f for f in dataclasses.fields(cls)}
        given: Dict[str, Any] = {}
        for raw_name, value in values.items():
            name = raw_name.replace("-", "_")
            if name not in known:
                raise ArgumentError(
                    f"unknown monitoring option {raw_name!r}; the options are: " + ", ".join(known)
                )
            if value is not None:
                given[name] = _convert(name, getattr(cls, name), value)
        options = cls(**given)
        options._check()
        return options

    def _check(self) -> None:
        for name in ("lookback_hours", "overdue_hours", "job_lookback_hours"):
            if getattr(self, name) <= 0:
                raise ArgumentError(f"monitoring option {name} must be more than 0")
        if self.job_grace_hours < 0 or self.report_lines < 0:
            raise ArgumentError("job_grace_hours and report_lines must not be negative")
        if not self.instance_filter.strip():
            raise ArgumentError("monitoring option instance_filter must not be empty ('*': all)")
        if not 1 <= self.workers <= MAX_POOL_SIZE:
            raise ArgumentError(f"monitoring option workers must be from 1 to {MAX_POOL_SIZE}")
        if self.min_version is not None and version_key(self.min_version) is None:
            raise ArgumentError(f"min_version {self.min_version!r} is not a version like 25.3.1")
        if not 0 < self.licence_warning <= self.licence_critical:
            raise ArgumentError(
                "licence_warning must be more than 0 and at most licence_critical "
                f"(got {self.licence_warning:g} and {self.licence_critical:g})"
            )


HELP = {
    "lookback_hours": "judge each profile by its newest run of the last HOURS (24)",
    "overdue_hours": "an automatic profile without a run for HOURS is overdue (26)",
    "completed_with_errors_ok": "count runs that completed with errors or warnings as OK",
    "exclude_profiles": "leave out these profiles (ids or names, comma-separated)",
    "automatic_only": "watch only the profiles that run automatically on the server",
    "report_lines": "quote up to LINES lines of a failed run's report (3)",
    "job_lookback_hours": "judge each enabled job by its newest result of the last HOURS (192)",
    "job_grace_hours": "a job that has not started HOURS after its next start is overdue (1)",
    "licence_warning": "WARNING when this percentage of the named users is in use (90)",
    "licence_critical": "CRITICAL when this percentage of the named users is in use (100)",
    "min_version": "WARNING when the server's version is older than this one",
    "expected_stopped": "SPE: these instances may be stopped (IDs, comma-separated)",
    "instance_filter": "SPE: check the instances GetInstances(FILTER) lists (*: all)",
    "workers": "SPE: check up to N instances at the same time (8)",
    "now": "judge as at this moment (UTC unless it names its zone; default: now)",
}


def load_config(path: Union[str, os.PathLike[str]]) -> Dict[str, Any]:
    """The options in a config file: a JSON object (``.json``), else an INI ``[health]`` section.

    Values are returned as written; `Options.from_mapping` converts and checks them.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ArgumentError(f"cannot read the config file {file}: {exc.strerror}") from None
    if file.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ArgumentError(f"the config file {file} is not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise ArgumentError(f"the config file {file} must hold a JSON object")
        return data
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=str(file))
    except configparser.Error as exc:
        raise ArgumentError(f"the config file {file} is not a valid INI file: {exc}") from None
    if not parser.has_section(SECTION):
        raise ArgumentError(f"the config file {file} has no [{SECTION}] section")
    return dict(parser.items(SECTION))


def _convert(name: str, default: Any, value: Any) -> Any:
    """``value`` as the type of option ``name`` (whose default is ``default``)."""
    try:
        if isinstance(default, bool):
            return _flag(value)
        if isinstance(default, int) and not isinstance(default, float):
            if isinstance(value, float) or isinstance(value, bool):
                raise ValueError
            return int(value)
        if isinstance(default, float):
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if isinstance(default, tuple):
            return _names(value)
        if name == "now":
            moment = value if isinstance(value, _dt.datetime) else parse_date(value)
            return moment if moment.tzinfo else moment.replace(tzinfo=_dt.timezone.utc)
        return str(value)
    except (TypeError, ValueError):
        raise ArgumentError(f"monitoring option {name}: unusable value {value!r}") from None


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError(value)


def _names(value: Any) -> Tuple[str, ...]:
    """Ids or names: a list, or text separated by commas or line ends."""
    if isinstance(value, int):
        value = [value]
    items = value.replace("\n", ",").split(",") if isinstance(value, str) else value
    names = tuple(str(item).strip() for item in items)
    return tuple(name for name in names if name)
