"""The function catalogs of the MailStore APIs, as shipped with this package.

``server.json`` describes the MailStore Server Administration API and ``spe.json``
the MailStore SPE Management API: every function with its arguments, their types
(``string``, ``number``, ``bool``, ``json``), whether they are optional, and the
values they accept where the API lists them, with short descriptions in our own words
(``summary``, ``details``, ``returns`` per function, ``doc`` per argument).

``overrides.json`` holds what makes the generated methods compatible with MailStore's own
wrappers (positional order, defaults, values sent for None, excluded entries). The modules:
``data`` reads the files, ``spec`` applies the overrides (one :class:`~spec.Method` per
function, used by the generator and by ``call()``), ``generate`` writes ``mailstore/mgmt.py``,
``mailstore/server.py`` and ``mailstore/spe.py`` (``python -m mailstore.catalog.generate``),
and ``compare(metadata, kind)`` checks a server's get-metadata answer against a catalog.
"""

from __future__ import annotations

from .compare import compare, format_report
from .data import KINDS, by_name, load
from .spec import method_spec

__all__ = ["KINDS", "by_name", "compare", "format_report", "load", "method_spec"]
