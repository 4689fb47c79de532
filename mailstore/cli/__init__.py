"""The ``mailstore`` command: call API functions from a shell.

``mailstore call GetServerInfo`` calls a function; ``mailstore functions`` lists them;
``status``/``cancel`` look after long-running tasks; ``check`` tests the connection;
``emulator`` starts the emulator. See ``mailstore --help`` and docs/cli.md.

The command is a thin layer over :mod:`mailstore.mgmt`: it turns ``name=value`` words
into typed arguments (from the catalog), prints what comes back (JSON for programs,
tables for people) and maps exceptions to exit codes.

Modules: ``_main`` runs a command and maps its exceptions to exit codes (``_exit``);
``_parser`` holds the options; ``_call`` (with ``_each`` for ``--each-instance``),
``_functions``, ``_tasks`` (status, cancel) and ``_check`` are the commands;
``_connect`` makes the client, ``_args`` the arguments of a call (``_prompt`` asks for
secrets); ``_output``, ``_progress`` and ``_console`` print on stdout and stderr.
"""

from __future__ import annotations

from ._main import main

__all__ = ["main"]
