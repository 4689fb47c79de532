"""Wrong arguments to an API method raise ArgumentError naming the arguments it takes.

Python's own error for ``client.GetUserInfo(username="anna")`` is a bare TypeError;
:func:`friendly_arguments` turns it into :class:`~mailstore.errors.ArgumentError` (still a
TypeError) that says "did you mean userName?". Only the call's own binding error is
translated: a TypeError raised inside the method passes through unchanged. Signatures and
docs stay those of the methods (``functools.wraps``), for pydoc and ``inspect``.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from typing import Any, Callable, Dict, TypeVar

from .errors import ArgumentError

C = TypeVar("C", bound=type)


def friendly_arguments(cls: C) -> C:
    """Class decorator: give each API method (a PascalCase name) friendly argument errors."""
    for name, func in list(vars(cls).items()):
        if name[:1].isupper() and inspect.isfunction(func):
            setattr(cls, name, _friendly(func))
    return cls


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def method(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TypeError as exc:
            if exc.__traceback__ is None or exc.__traceback__.tb_next is not None:
                raise  # raised inside the method, not by binding the call's arguments
            raise argument_error(func, kwargs, exc) from None

    return method


def argument_error(
    func: Callable[..., Any], kwargs: Dict[str, Any], exc: TypeError
) -> ArgumentError:
    """The ArgumentError for a call of ``func`` that Python refused with ``exc``."""
    signature = inspect.signature(func)
    params = [
        p.replace(annotation=p.empty) for p in signature.parameters.values() if p.name != "self"
    ]
    names = [p.name for p in params]
    usage = func.__name__ + str(
        signature.replace(parameters=params, return_annotation=signature.empty)
    )
    for given in kwargs:
        if given not in names:
            close = [n for n in names if n.lower() == given.lower()]
            close = close or difflib.get_close_matches(given, names, n=1)
            fix = f"did you mean {close[0]}?" if close else f"it takes {usage}"
            problem = f"{func.__name__}() got an unexpected keyword argument {given!r}: {fix}"
            return ArgumentError(problem, function=func.__name__)
    problem = str(exc).replace(func.__qualname__, func.__name__)
    return ArgumentError(f"{problem}: it takes {usage}", function=func.__name__)
