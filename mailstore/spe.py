# mailstore/spe.py: generated — do not edit.
# Generated from mailstore/catalog (server.json, spe.json, overrides.json) by
# `python -m mailstore.catalog.generate`; change those files and regenerate.
"""The 2014 wrapper's module: ``mailstore.spe.Client``, for scripts written for it.

Client is SPEClient (see python -m pydoc mailstore.mgmt.SPEClient) with the constructor of
MailStore's 2014 wrapper, whose callback argument is called callbackStatus, and the positional
arguments of its methods, with instanceID first where a function takes one. Arguments that came
after 2014 are keyword-only here.
"""

from typing import Any, Optional

from ._arguments import friendly_arguments
from ._client import Callback, Status
from ._settings import HOST, PASSWORD, SPE_PORT, USERNAME
from .dates import with_dates
from .mgmt import DateArg, JSONValue, SPEClient, StrList

__all__ = ["Client"]


@friendly_arguments
class Client(SPEClient):
    """SPEClient with the constructor and positional arguments of the 2014 wrapper."""

    def __init__(
        self,
        username: str = USERNAME,
        password: str = PASSWORD,
        host: str = HOST,
        port: int = SPE_PORT,
        autoHandleToken: bool = True,
        waitTime: int = 1000,
        callbackStatus: Optional[Callback] = None,
        logLevel: Optional[int] = 2,
        **options: Any,
    ) -> None:
        """Create a client; callbackStatus is SPEClient's callback, options are its others."""
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

    def AttachStore(  # type: ignore[override]
        self,
        instanceID: str,
        name: str,
        path: str,
        requestedState: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        type: Optional[str] = None,
        databasePath: Optional[str] = None,
        contentPath: Optional[str] = None,
        indexPath: Optional[str] = None,
        serverName: Optional[str] = None,
        userName: Optional[str] = None,
        password: Optional[str] = None,
        databaseName: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "AttachStore",
            {
                "instanceID": instanceID,
                "name": name,
                "path": path,
                "requestedState": requestedState,
                "type": type,
                "databasePath": databasePath,
                "contentPath": contentPath,
                "indexPath": indexPath,
                "serverName": serverName,
                "userName": userName,
                "password": password,
                "databaseName": databaseName,
            },
            autoHandleToken,
        )

    def CanRunArchiveProfiles(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("CanRunArchiveProfiles", {"instanceID": instanceID}, autoHandleToken)

    def CancelJobAsync(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("CancelJobAsync", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def ClearUserPrivilegesOnFolders(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "ClearUserPrivilegesOnFolders",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def CompactStore(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "CompactStore",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def CreateClientOneTimeUrlForArchiveAdmin(  # type: ignore[override]
        self,
        instanceID: str,
        instanceUrl: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "CreateClientOneTimeUrlForArchiveAdmin",
            {"instanceID": instanceID, "instanceUrl": instanceUrl},
            autoHandleToken,
        )

    def CreateJob(  # type: ignore[override]
        self,
        instanceID: str,
        name: str,
        action: str,
        owner: str,
        timeZoneId: str,
        date: Optional[DateArg] = None,
        interval: Optional[int] = None,
        time: Optional[str] = None,
        dayOfWeek: Optional[str] = None,
        dayOfMonth: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "CreateJob",
            with_dates(
                {
                    "instanceID": instanceID,
                    "name": name,
                    "action": action,
                    "owner": owner,
                    "timeZoneId": timeZoneId,
                    "date": date,
                    "interval": interval,
                    "time": time,
                    "dayOfWeek": dayOfWeek,
                    "dayOfMonth": dayOfMonth,
                },
                ("date",),
                "timeZoneId",
            ),
            autoHandleToken,
        )

    def CreateProfile(  # type: ignore[override]
        self,
        instanceID: str,
        properties: Optional[JSONValue] = None,
        raw: bool = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "CreateProfile",
            {"instanceID": instanceID, "properties": properties, "raw": raw},
            autoHandleToken,
            json_args=("properties",),
        )

    def CreateStore(  # type: ignore[override]
        self,
        instanceID: str,
        name: str,
        path: str,
        requestedState: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        type: Optional[str] = None,
        databasePath: Optional[str] = None,
        contentPath: Optional[str] = None,
        indexPath: Optional[str] = None,
        serverName: Optional[str] = None,
        userName: Optional[str] = None,
        password: Optional[str] = None,
        databaseName: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "CreateStore",
            {
                "instanceID": instanceID,
                "name": name,
                "path": path,
                "requestedState": requestedState,
                "type": type,
                "databasePath": databasePath,
                "contentPath": contentPath,
                "indexPath": indexPath,
                "serverName": serverName,
                "userName": userName,
                "password": password,
                "databaseName": databaseName,
            },
            autoHandleToken,
        )

    def CreateUser(  # type: ignore[override]
        self,
        instanceID: str,
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
                "instanceID": instanceID,
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

    def DeleteAppPasswords(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "DeleteAppPasswords",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def DeleteEmptyFolders(  # type: ignore[override]
        self,
        instanceID: str,
        folder: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "DeleteEmptyFolders",
            {"instanceID": instanceID, "folder": folder},
            autoHandleToken,
        )

    def DeleteJob(  # type: ignore[override]
        self,
        instanceID: str,
        id: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("DeleteJob", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def DeleteMessage(  # type: ignore[override]
        self,
        instanceID: str,
        id: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("DeleteMessage", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def DeleteProfile(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("DeleteProfile", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def DeleteUser(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "DeleteUser",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def DetachStore(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("DetachStore", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def DisableMFA(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "DisableMFA",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def GetArchiveAdminEnabled(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetArchiveAdminEnabled", {"instanceID": instanceID}, autoHandleToken)

    def GetChildFolders(  # type: ignore[override]
        self,
        instanceID: str,
        folder: Optional[str] = None,
        maxLevels: Optional[int] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetChildFolders",
            {"instanceID": instanceID, "folder": folder, "maxLevels": maxLevels},
            autoHandleToken,
        )

    def GetComplianceConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetComplianceConfiguration",
            {"instanceID": instanceID},
            autoHandleToken,
        )

    def GetCredentials(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetCredentials", {"instanceID": instanceID}, autoHandleToken)

    def GetDirectoryServicesConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetDirectoryServicesConfiguration",
            {"instanceID": instanceID},
            autoHandleToken,
        )

    def GetFolderStatistics(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetFolderStatistics", {"instanceID": instanceID}, autoHandleToken)

    def GetIndexConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetIndexConfiguration", {"instanceID": instanceID}, autoHandleToken)

    def GetInstanceConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetInstanceConfiguration", {"instanceID": instanceID}, autoHandleToken)

    def GetInstanceProcessLiveStatistics(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetInstanceProcessLiveStatistics",
            {"instanceID": instanceID},
            autoHandleToken,
        )

    def GetInstanceStatistics(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetInstanceStatistics", {"instanceID": instanceID}, autoHandleToken)

    def GetJobResults(  # type: ignore[override]
        self,
        instanceID: str,
        fromIncluding: DateArg,
        toExcluding: DateArg,
        timeZoneId: str = "$Local",
        jobId: Optional[int] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetJobResults",
            with_dates(
                {
                    "instanceID": instanceID,
                    "fromIncluding": fromIncluding,
                    "toExcluding": toExcluding,
                    "timeZoneId": timeZoneId,
                    "jobId": jobId,
                },
                ("fromIncluding", "toExcluding"),
                "timeZoneId",
            ),
            autoHandleToken,
        )

    def GetJobs(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetJobs", {"instanceID": instanceID}, autoHandleToken)

    def GetMessages(  # type: ignore[override]
        self,
        instanceID: str,
        folder: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetMessages",
            {"instanceID": instanceID, "folder": folder},
            autoHandleToken,
        )

    def GetProfiles(  # type: ignore[override]
        self,
        instanceID: str,
        raw: bool = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetProfiles", {"instanceID": instanceID, "raw": raw}, autoHandleToken)

    def GetRetentionPolicies(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetRetentionPolicies", {"instanceID": instanceID}, autoHandleToken)

    def GetSmtpSettings(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetSmtpSettings", {"instanceID": instanceID}, autoHandleToken)

    def GetStoreAutoCreateConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetStoreAutoCreateConfiguration",
            {"instanceID": instanceID},
            autoHandleToken,
        )

    def GetStores(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
        *,
        includeSize: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetStores",
            {"instanceID": instanceID, "includeSize": includeSize},
            autoHandleToken,
        )

    def GetTimeZones(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetTimeZones", {"instanceID": instanceID}, autoHandleToken)

    def GetUserInfo(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetUserInfo",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def GetUsers(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("GetUsers", {"instanceID": instanceID}, autoHandleToken)

    def GetWorkerResultReport(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetWorkerResultReport",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
        )

    def GetWorkerResults(  # type: ignore[override]
        self,
        instanceID: str,
        fromIncluding: DateArg,
        toExcluding: DateArg,
        timeZoneID: str = "$Local",
        profileID: Optional[int] = None,
        userName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "GetWorkerResults",
            with_dates(
                {
                    "instanceID": instanceID,
                    "fromIncluding": fromIncluding,
                    "toExcluding": toExcluding,
                    "timeZoneID": timeZoneID,
                    "profileID": profileID,
                    "userName": userName,
                },
                ("fromIncluding", "toExcluding"),
                "timeZoneID",
            ),
            autoHandleToken,
        )

    def InitializeMFA(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "InitializeMFA",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def MaintainFileSystemDatabases(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "MaintainFileSystemDatabases",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def MergeStore(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        sourceId: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "MergeStore",
            {"instanceID": instanceID, "id": id, "sourceId": sourceId},
            autoHandleToken,
            long_running=True,
        )

    def MoveFolder(  # type: ignore[override]
        self,
        instanceID: str,
        fromFolder: str,
        toFolder: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "MoveFolder",
            {"instanceID": instanceID, "fromFolder": fromFolder, "toFolder": toFolder},
            autoHandleToken,
        )

    def ProcessRetentionPolicies(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "ProcessRetentionPolicies",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def RebuildSelectedStoreIndexes(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RebuildSelectedStoreIndexes",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def RecoverStore(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        encryptionKey: Optional[str] = None,
        recoverDeletedMessages: Optional[bool] = False,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RecoverStore",
            {
                "instanceID": instanceID,
                "id": id,
                "encryptionKey": encryptionKey,
                "recoverDeletedMessages": recoverDeletedMessages,
            },
            autoHandleToken,
            long_running=True,
        )

    def RecreateRecoveryRecords(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RecreateRecoveryRecords",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def RefreshAllStoreStatistics(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RefreshAllStoreStatistics",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def RenameJob(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        name: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RenameJob",
            {"instanceID": instanceID, "id": id, "name": name},
            autoHandleToken,
        )

    def RenameStore(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        name: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RenameStore",
            {"instanceID": instanceID, "id": id, "name": name},
            autoHandleToken,
        )

    def RenameUser(  # type: ignore[override]
        self,
        instanceID: str,
        oldUserName: str,
        newUserName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RenameUser",
            {"instanceID": instanceID, "oldUserName": oldUserName, "newUserName": newUserName},
            autoHandleToken,
        )

    def RepairStoreDatabase(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RepairStoreDatabase",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def RetryOpenStores(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("RetryOpenStores", {"instanceID": instanceID}, autoHandleToken)

    def RunJobAsync(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("RunJobAsync", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def RunProfile(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RunProfile",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def RunTemporaryProfile(  # type: ignore[override]
        self,
        instanceID: str,
        properties: Optional[JSONValue] = None,
        raw: bool = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "RunTemporaryProfile",
            {"instanceID": instanceID, "properties": properties, "raw": raw},
            autoHandleToken,
            json_args=("properties",),
            long_running=True,
        )

    def SelectAllStoreIndexesForRebuild(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SelectAllStoreIndexesForRebuild",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def SendStatusReport(  # type: ignore[override]
        self,
        instanceID: str,
        timespan: str,
        timeZoneId: str,
        recipients: StrList,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SendStatusReport",
            {
                "instanceID": instanceID,
                "timespan": timespan,
                "timeZoneId": timeZoneId,
                "recipients": recipients,
            },
            autoHandleToken,
        )

    def SetArchiveAdminEnabled(  # type: ignore[override]
        self,
        instanceID: str,
        enabled: bool,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetArchiveAdminEnabled",
            {"instanceID": instanceID, "enabled": enabled},
            autoHandleToken,
        )

    def SetComplianceConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetComplianceConfiguration",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetDirectoryServicesConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetDirectoryServicesConfiguration",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetIndexConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetIndexConfiguration",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetJobEnabled(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        enabled: bool,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetJobEnabled",
            {"instanceID": instanceID, "id": id, "enabled": enabled},
            autoHandleToken,
        )

    def SetJobSchedule(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        timeZoneId: str,
        date: Optional[DateArg] = None,
        interval: Optional[int] = None,
        time: Optional[str] = None,
        dayOfWeek: Optional[str] = None,
        dayOfMonth: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetJobSchedule",
            with_dates(
                {
                    "instanceID": instanceID,
                    "id": id,
                    "timeZoneId": timeZoneId,
                    "date": date,
                    "interval": interval,
                    "time": time,
                    "dayOfWeek": dayOfWeek,
                    "dayOfMonth": dayOfMonth,
                },
                ("date",),
                "timeZoneId",
            ),
            autoHandleToken,
        )

    def SetProfileServerSideExecution(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        automatic: bool,
        automaticPauseBetweenExecutions: Optional[int] = None,
        automaticMaintenanceWindows: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetProfileServerSideExecution",
            {
                "instanceID": instanceID,
                "id": id,
                "automatic": automatic,
                "automaticPauseBetweenExecutions": automaticPauseBetweenExecutions,
                "automaticMaintenanceWindows": automaticMaintenanceWindows,
            },
            autoHandleToken,
        )

    def SetRetentionPolicies(  # type: ignore[override]
        self,
        instanceID: str,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetRetentionPolicies",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetSmtpSettings(  # type: ignore[override]
        self,
        instanceID: str,
        settings: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetSmtpSettings",
            {"instanceID": instanceID, "settings": settings},
            autoHandleToken,
            json_args=("settings",),
        )

    def SetStoreAutoCreateConfiguration(  # type: ignore[override]
        self,
        instanceID: str,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetStoreAutoCreateConfiguration",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetStorePath(  # type: ignore[override]
        self,
        instanceID: str,
        id: str,
        path: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetStorePath",
            {"instanceID": instanceID, "id": id, "path": path},
            autoHandleToken,
        )

    def SetStoreRequestedState(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        requestedState: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetStoreRequestedState",
            {"instanceID": instanceID, "id": id, "requestedState": requestedState},
            autoHandleToken,
        )

    def SetUserAuthentication(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        authentication: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserAuthentication",
            {"instanceID": instanceID, "userName": userName, "authentication": authentication},
            autoHandleToken,
        )

    def SetUserDistinguishedName(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        distinguishedName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserDistinguishedName",
            {
                "instanceID": instanceID,
                "userName": userName,
                "distinguishedName": distinguishedName,
            },
            autoHandleToken,
        )

    def SetUserEmailAddresses(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        emailAddresses: Optional[StrList] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserEmailAddresses",
            {"instanceID": instanceID, "userName": userName, "emailAddresses": emailAddresses},
            autoHandleToken,
        )

    def SetUserFullName(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        fullName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserFullName",
            {"instanceID": instanceID, "userName": userName, "fullName": fullName},
            autoHandleToken,
        )

    def SetUserLoginPrivileges(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        loginPrivileges: StrList,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserLoginPrivileges",
            {
                "instanceID": instanceID,
                "userName": userName,
                "loginPrivileges": loginPrivileges or "none",
            },
            autoHandleToken,
        )

    def SetUserPassword(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        password: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserPassword",
            {"instanceID": instanceID, "userName": userName, "password": password},
            autoHandleToken,
        )

    def SetUserPop3UserNames(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        pop3UserNames: Optional[StrList] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserPop3UserNames",
            {"instanceID": instanceID, "userName": userName, "pop3UserNames": pop3UserNames},
            autoHandleToken,
        )

    def SetUserPrivileges(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        privileges: StrList,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserPrivileges",
            {
                "instanceID": instanceID,
                "userName": userName,
                "privileges": None if privileges is None else privileges or "none",
            },
            autoHandleToken,
        )

    def SetUserPrivilegesOnFolder(  # type: ignore[override]
        self,
        instanceID: str,
        userName: str,
        folder: str,
        privileges: StrList,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SetUserPrivilegesOnFolder",
            {
                "instanceID": instanceID,
                "userName": userName,
                "folder": folder,
                "privileges": None if privileges is None else privileges or "none",
            },
            autoHandleToken,
        )

    def SyncUsersWithDirectoryServices(  # type: ignore[override]
        self,
        instanceID: str,
        dryRun: Optional[bool] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "SyncUsersWithDirectoryServices",
            {"instanceID": instanceID, "dryRun": dryRun},
            autoHandleToken,
            long_running=True,
        )

    def TestSmtpSettings(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke("TestSmtpSettings", {"instanceID": instanceID}, autoHandleToken)

    def UnlockStore(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        passphrase: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "UnlockStore",
            {"instanceID": instanceID, "id": id, "passphrase": passphrase},
            autoHandleToken,
        )

    def UpgradeStore(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "UpgradeStore",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def UpgradeStores(  # type: ignore[override]
        self,
        instanceID: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "UpgradeStores",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def VerifyStore(  # type: ignore[override]
        self,
        instanceID: str,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        includeIndexes: bool = True,
    ) -> Status:
        return self._invoke(
            "VerifyStore",
            {"instanceID": instanceID, "id": id, "includeIndexes": includeIndexes},
            autoHandleToken,
            long_running=True,
        )

    def VerifyStores(  # type: ignore[override]
        self,
        instanceID: str,
        includeIndexes: bool = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        return self._invoke(
            "VerifyStores",
            {"instanceID": instanceID, "includeIndexes": includeIndexes},
            autoHandleToken,
            long_running=True,
        )
