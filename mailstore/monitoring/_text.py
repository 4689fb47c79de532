"""Small text helpers the output formats share."""

from __future__ import annotations

from ._model import Metric


def one_line(text: str) -> str:
    """``text`` on one line: runs of white space (line ends included) become one space."""
    return " ".join(text.split())


def number(value: float) -> str:
    """A metric value as monitoring systems read it: no exponent, no needless decimals."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def measurement(metric: Metric, with_unit: bool) -> str:
    """``value[unit];warn;crit;min;max``, empty trailing fields left out (Nagios, Checkmk)."""
    bounds = [metric.warn, metric.crit, metric.min, metric.max]
    unit = metric.unit if with_unit else ""
    fields = [number(metric.value) + unit] + ["" if b is None else number(b) for b in bounds]
    return ";".join(fields).rstrip(";")
