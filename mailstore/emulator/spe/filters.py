"""``instanceFilter``: which instances a management function acts on.

The filter is a space-separated list of terms, as the SPE command line client documents it:

* an instance ID (``acme``) selects that instance;
* ``*`` selects every instance;
* ``*HOST`` (``*instancehost01``) selects every instance on that instance host;
* ``.STATUS`` (``.running``, ``.stopped``, ``.frozen``) keeps only instances in that status,
  e.g. ``* .running``.

IDs, host names and statuses compare case-insensitively.  Terms that match nothing select
nothing; status terms alone select by status among all instances.
"""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

JsonDict = Dict[str, Any]


def select(instances: Sequence[JsonDict], instance_filter: str) -> List[JsonDict]:
    """The instances ``instance_filter`` selects, in the order of ``instances``."""
    terms = instance_filter.split()
    statuses = {t[1:].casefold() for t in terms if t.startswith(".")}
    picks = [t.casefold() for t in terms if not t.startswith(".")] or (["*"] if terms else [])
    return [
        instance
        for instance in instances
        if any(_picks(term, instance) for term in picks)
        and (not statuses or str(instance["status"]).casefold() in statuses)
    ]


def _picks(term: str, instance: JsonDict) -> bool:
    if term == "*":
        return True
    if term.startswith("*"):
        return bool(str(instance["instanceHost"]).casefold() == term[1:])
    return bool(str(instance["instanceID"]).casefold() == term)
