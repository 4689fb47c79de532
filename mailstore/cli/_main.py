"""Running the command: the chosen command, and its exceptions turned into exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from typing import List, Optional, Sequence

from ..errors import MailStoreError
from ._console import error, log_to_stderr
from ._exit import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, UsageError, error_message, exit_code
from ._parser import parse


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the ``mailstore`` command with ``argv`` (default: sys.argv[1:]); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["emulator"]:
        return emulator(args[1:])
    options = parse(args)
    if options.command == "emulator":  # shared options came first: only --spe applies
        spe = ["--spe"] if options.spe else []
        return emulator(spe + args[args.index("emulator") + 1 :])
    with log_to_stderr(options.debug):
        try:
            return int(options.run(options))
        except UsageError as exc:
            error(str(exc))
            return EXIT_USAGE
        except KeyboardInterrupt:
            error("interrupted")
            return EXIT_INTERRUPTED
        except MailStoreError as exc:
            if options.debug:
                traceback.print_exc()
            error(error_message(exc))
            return exit_code(exc)
        except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return EXIT_FAILED
        except Exception as exc:  # a bug: one line, the traceback with --debug
            if options.debug:
                traceback.print_exc()
            error(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
            return EXIT_FAILED


def emulator(argv: List[str]) -> int:
    """``mailstore emulator``: the emulator's own command (imported only now)."""
    try:
        from ..emulator.__main__ import main as emulator_main
    except ImportError as exc:
        error(f"the emulator needs the 'emulator' extra: pip install 'mailstore[emulator]' ({exc})")
        return EXIT_FAILED
    return emulator_main(argv, prog="mailstore emulator")
