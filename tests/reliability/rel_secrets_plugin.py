"""A pytest plugin (``-p rel_secrets_plugin``) that records secrets and everything logged.

Loaded into a child pytest run by ``test_rel_secrets.py``. It records:

* every password a client was made with, its Basic ``Authorization`` value, and every
  value sent in a secret-named argument (password, encryptionKey, ...; also inside JSON);
* every value sent in other arguments (a "secret" that is also sent openly, like the
  user name ``admin`` used as password, cannot be checked and is reported as such);
* every log record of every client, formatted, through an extra handler at DEBUG;
* the message and body excerpt of every MailStoreError created.

At the end it writes them as JSON to ``$MAILSTORE_SECRETS_REPORT``.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, List, Set

import mailstore._client
import mailstore._request
from mailstore import errors
from mailstore._log import is_secret

SECRETS: Set[str] = set()
PUBLIC: Set[str] = set()
LOG: List[str] = []
ERRORS: List[str] = []


class _Capture(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        LOG.append(self.format(record))


_HANDLER = _Capture(logging.DEBUG)
_HANDLER.setFormatter(logging.Formatter("%(levelname)s %(message)s"))


def _walk(value: Any, secret: bool) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, secret or is_secret(str(k)))
    elif isinstance(value, list):
        for v in value:
            _walk(v, secret)
    elif isinstance(value, str) and value:
        (SECRETS if secret else PUBLIC).add(value)


def _install() -> None:
    original_logger = mailstore._client.client_logger
    original_init = mailstore._request.Endpoint.__init__
    original_form = mailstore._request.form_body
    original_error = errors.MailStoreError.__init__

    def client_logger(level: Any) -> logging.Logger:
        logger = original_logger(level)
        logger.addHandler(_HANDLER)
        return logger

    def endpoint_init(self: Any, transport: Any, **kw: Any) -> None:
        original_init(self, transport, **kw)
        SECRETS.add(kw["password"])
        SECRETS.add(self._headers["Authorization"].split(" ", 1)[1])
        PUBLIC.add(kw["username"])

    def form_body(fields: Any) -> bytes:
        for name, text in fields:
            if name == "token":  # a task's status token: shown in messages on purpose
                PUBLIC.add(text)
            elif is_secret(name):
                SECRETS.add(text)
            elif text[:1] in "{[":
                try:
                    _walk(json.loads(text), False)
                except ValueError:
                    PUBLIC.add(text)
            else:
                PUBLIC.add(text)
        return original_form(fields)

    def error_init(self: Any, message: Any = None, **kw: Any) -> None:
        original_error(self, message, **kw)
        ERRORS.append(f"{self.message}\n{self.cli_hint or ''}\n{self.body or ''}")

    mailstore._client.client_logger = client_logger
    mailstore._request.Endpoint.__init__ = endpoint_init  # type: ignore[method-assign]
    mailstore._request.form_body = form_body
    errors.MailStoreError.__init__ = error_init


_install()


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    path = os.environ.get("MAILSTORE_SECRETS_REPORT")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(
                {
                    "secrets": sorted(SECRETS),
                    "public": sorted(PUBLIC),
                    "log": LOG,
                    "errors": ERRORS,
                },
                out,
            )
