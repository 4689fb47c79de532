"""Secret arguments never come from the command line: a file, stdin, a variable, or a prompt."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, List

import pytest
from cli_helpers import cli, cli_env, conn, one_error_line, run_on_terminal

POSIX = sys.platform != "win32"
USER = "anna.schmidt"


@pytest.mark.parametrize(
    "words",
    [
        [USER, "NewSecret-1"],  # the example: a bare value
        [f"userName={USER}", "password=NewSecret-1"],
        [USER, "password=NewSecret-1"],
    ],
)
def test_a_secret_on_the_command_line_is_refused(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any, words: List[str]
) -> None:
    emu = mailstore_emulator_session
    before = len(emu.stats.calls("SetUserPassword"))
    result = cli(capsys, "call", "SetUserPassword", *words, *conn(emu))
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert "password of SetUserPassword is a secret" in line
    for form in ("password=@FILE", "password=@-", "password=env:VARIABLE", "password= to be asked"):
        assert form in line
    assert "NewSecret-1" not in result.stderr + result.stdout
    assert len(emu.stats.calls("SetUserPassword")) == before  # nothing sent


def test_every_secret_argument_of_the_catalogs_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """password, passphrase and encryptionKey (not authentication, which names a method)."""
    for args in (
        ["call", "UnlockStore", "passphrase=x1"],
        ["call", "RecoverStore", "id=1", "encryptionKey=x1"],
        ["call", "CreateUser", "userName=u", "password=x1"],
        ["--spe", "call", "SetSystemAdministratorPassword", "password=x1"],
        ["call", "NotInTheCatalog", "password=x1"],
    ):
        result = cli(capsys, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "is a secret" in one_error_line(result.stderr)
    authentication = cli(capsys, "call", "SetUserAuthentication", "u", "x", "--port", "1")
    assert "secret" not in authentication.stderr  # not a secret: the usual connection error


def test_secrets_from_a_file_stdin_or_a_variable(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any, tmp_path: Path
) -> None:
    emu = mailstore_emulator_session
    secret = tmp_path / "new-password"
    secret.write_text("From-A-File 1\n", encoding="utf-8")  # as `echo ... > file` writes it
    forms = [
        ([f"password=@{secret}"], {}, "", "From-A-File 1"),
        ([f"@{secret}"], {}, "", "From-A-File 1"),  # a bare value in the password's place
        (["password=@-"], {}, "From-Stdin 2\n", "From-Stdin 2"),
        (["password=env:NEW_PASSWORD"], {"NEW_PASSWORD": "From-Env 3"}, "", "From-Env 3"),
    ]
    for words, env, stdin, sent in forms:
        result = cli(
            capsys, "call", "SetUserPassword", USER, *words, *conn(emu), env=env, stdin=stdin
        )
        assert result.returncode == 0, result.stderr
        assert emu.stats.calls("SetUserPassword")[-1] == {"userName": USER, "password": sent}


def test_unusable_secret_sources_are_refused_before_sending(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any, tmp_path: Path
) -> None:
    emu = mailstore_emulator_session
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    before = len(emu.stats.calls("SetUserPassword"))
    for word, env, message in (
        (f"password=@{empty}", {}, f"from the file {empty} is empty"),
        ("password=@-", {}, "from standard input is empty"),
        (f"password=@{tmp_path / 'missing'}", {}, "cannot read the password for SetUserPassword"),
        ("password=env:NEW_PASSWORD", {}, "the environment variable NEW_PASSWORD is not set"),
        ("password=env:NEW_PASSWORD", {"NEW_PASSWORD": ""}, "NEW_PASSWORD is empty"),
        # no terminal to ask on: say how else to give it
        ("password=", {}, "no password for SetUserPassword: give password=@FILE"),
    ):
        result = cli(capsys, "call", "SetUserPassword", USER, word, *conn(emu), env=env)
        assert result.returncode == 2, word
        assert message in one_error_line(result.stderr)
    missing = cli(capsys, "call", "SetUserPassword", USER, *conn(emu))
    assert missing.returncode == 2
    assert "no password for SetUserPassword" in one_error_line(missing.stderr)
    assert len(emu.stats.calls("SetUserPassword")) == before


def test_other_mistakes_are_reported_before_a_secret_is_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = cli(capsys, "call", "RecoverStore", "id=x", "encryptionKey=@-", stdin="key\n")
    assert result.returncode == 2
    assert "takes a number, not 'x'" in one_error_line(result.stderr)


@pytest.mark.skipif(not POSIX, reason="pseudo-terminals")
def test_a_secret_asked_for_on_the_terminal(mailstore_emulator_session: Any) -> None:
    emu = mailstore_emulator_session
    args = ["call", "SetUserPassword", USER, *conn(emu)]
    before = len(emu.stats.calls("SetUserPassword"))
    code, screen = run_on_terminal(args, cli_env(), {b"password for SetUserPassword: ": b"\n"})
    assert code == 2, screen
    assert "error: the password for SetUserPassword typed is empty: nothing was sent" in screen
    assert len(emu.stats.calls("SetUserPassword")) == before

    code, screen = run_on_terminal(
        args, cli_env(), {b"password for SetUserPassword: ": b"Typed-4\n"}
    )
    assert code == 0, screen
    assert "Typed-4" not in screen  # not echoed
    calls = emu.stats.calls("SetUserPassword")
    assert len(calls) == before + 1 and calls[-1] == {"userName": USER, "password": "Typed-4"}
