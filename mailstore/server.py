# mailstore/server.py: generated — do not edit.
# Generated from mailstore/catalog (server.json, spe.json, overrides.json) by
# `python -m mailstore.catalog.generate`; change those files and regenerate.
"""The 2014 wrapper's module: ``mailstore.server.Client``, for scripts written for it.

Client is ServerClient (see python -m pydoc mailstore.mgmt.ServerClient) with the constructor of
MailStore's 2014 wrapper, whose callback argument is called callbackStatus, and the positional
arguments of its methods. Arguments that came after 2014 are keyword-only here.
"""

from typing import Any, Optional

from ._arguments import friendly_arguments
from ._client import Callback, Status
from ._settings import HOST, PASSWORD, SERVER_PORT, USERNAME
from .mgmt import ServerClient, StrList

__all__ = ["Client"]


@friendly_arguments
class Client(ServerClient):
    """ServerClient with the constructor and positional arguments of the 2014 wrapper."""

    def __init__(
        self,
        username: str = USERNAME,
        password: str = PASSWORD,
        host: str = HOST,
        port: int = SERVER_PORT,
        autoHandleToken: bool = True,
        waitTime: int = 1000,
        callbackStatus: Optional[Callback] = None,
        logLevel: Optional[int] = 2,
        **options: Any,
    ) -> None:
        """Create a client; callbackStatus is ServerClient's callback, options are its others."""
        super().__init__(
            username,
            password,
            host,
            port,
            autoHandleToken,
            waitTime,
            callbackStatus,
            logLevel,
            **options,
        )

    def CreateUser(  # type: ignore[override]
        self,
        userName: str,
        privileges: Optional[StrList] = None,
        fullName: Optional[str] = None,
        distinguishedName: Optional[str] = None,
        authentication: Optional[str] = None,
        password: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        loginPrivileges: Optional[StrList] = None,
    ) -> Status:
        return self._invoke(
            "CreateUser",
            {
                "userName": userName,
                "privileges": privileges or "none",
                "fullName": fullName,
                "distinguishedName": distinguishedName,
                "authentication": authentication,
                "password": password,
                "loginPrivileges": None if loginPrivileges is None else loginPrivileges or "none",
            },
            autoHandleToken,
        )

    def DeleteMessage(  # type: ignore[override]
        self,
        id: str,
        autoHandleToken: Optional[bool] = None,
        *,
        reason: Optional[str] = None,
    ) -> Status:
        return self._invoke("DeleteMessage", {"id": id, "reason": reason}, autoHandleToken)

    def GetStores(  # type: ignore[override]
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        includeSize: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetStores", {"includeSize": includeSize}, autoHandleToken)

    def SyncUsersWithDirectoryServices(
        self,
        dryRun: Optional[bool] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SyncUsersWithDirectoryServices",
            {"dryRun": dryRun},
            autoHandleToken,
            long_running=True,
        )

    def VerifyStore(  # type: ignore[override]
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        includeIndexes: bool = True,
    ) -> Status:
        return self._invoke(
            "VerifyStore",
            {"id": id, "includeIndexes": includeIndexes},
            autoHandleToken,
            long_running=True,
        )
