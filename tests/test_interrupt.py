"""HeldInterrupt: the first Ctrl-C waits for the end of the block, a second one does not."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Any, List

import pytest

from mailstore._interrupt import HeldInterrupt

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT to itself"),
    pytest.mark.usefixtures("python_sigint"),
]


def ctrl_c() -> None:
    """Send SIGINT to this process and give the main thread the chance to run its handler."""
    os.kill(os.getpid(), signal.SIGINT)
    for _ in range(100):
        time.sleep(0.001)


def test_first_ctrl_c_is_held_until_the_block_ends() -> None:
    reached_end = False
    with HeldInterrupt() as held:
        ctrl_c()
        reached_end = True
    assert reached_end and held.pressed and held.presses == 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with pytest.raises(KeyboardInterrupt):  # and Ctrl-C works as before afterwards
        ctrl_c()


def test_second_ctrl_c_raises_at_once() -> None:
    after_second: List[bool] = []
    with pytest.raises(KeyboardInterrupt):
        with HeldInterrupt() as held:
            ctrl_c()
            ctrl_c()
            after_second.append(True)
    assert after_second == [] and held.presses == 2
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_error_does_not_drop_a_held_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt) as info:
        with HeldInterrupt():
            ctrl_c()
            raise ConnectionError("the answer never came")
    assert isinstance(info.value.__context__, ConnectionError)


def test_an_error_without_ctrl_c_passes_unchanged() -> None:
    with pytest.raises(ConnectionError):
        with HeldInterrupt() as held:
            raise ConnectionError("the answer never came")
    assert not held.pressed


def test_a_programs_own_handler_is_left_alone() -> None:
    seen: List[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
    with HeldInterrupt() as held:
        ctrl_c()
    assert seen == [signal.SIGINT] and not held.pressed


def test_inactive_changes_nothing() -> None:
    with pytest.raises(KeyboardInterrupt):
        with HeldInterrupt(active=False) as held:
            ctrl_c()
    assert not held.pressed


def test_other_threads_leave_the_handler_alone() -> None:
    seen: List[Any] = []

    def worker() -> None:
        with HeldInterrupt():
            seen.append(signal.getsignal(signal.SIGINT))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [signal.default_int_handler]
