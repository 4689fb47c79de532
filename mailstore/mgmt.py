# mailstore/mgmt.py: generated — do not edit.
# Generated from mailstore/catalog (server.json, spe.json, overrides.json) by
# `python -m mailstore.catalog.generate`; change those files and regenerate.
"""Clients for the MailStore Server Administration API and the MailStore SPE Management API.

ServerClient and SPEClient have one method per API function, with MailStore's function and
argument names, generated from the function catalogs in mailstore/catalog. BaseClient holds
the functions both APIs have, as in MailStore's own wrappers since 2018. Every method returns
the server's status dict; the function's data is in its "result" key.

Reference: python -m pydoc mailstore.mgmt.ServerClient (or mailstore.mgmt.SPEClient).
"""

from typing import AbstractSet, Any, Dict, List, Optional, Sequence, Union

from ._arguments import friendly_arguments
from ._client import BaseClient as _Core
from ._client import ServerCore, SPECore, Status
from .dates import DateArg, with_dates

__all__ = ["BaseClient", "DateArg", "SPEClient", "ServerClient"]

#: A ``json`` argument: a dict or list (sent JSON-encoded) or a str (sent as it is).
JSONValue = Union[Dict[str, Any], List[Any], str]
#: A comma-list argument: a str, or a sequence or set of str (sent joined with commas).
StrList = Union[str, Sequence[str], AbstractSet[str]]


@friendly_arguments
class BaseClient(_Core):
    """The API functions that MailStore Server and SPE both have.

    Use ServerClient or SPEClient, which have these methods and their own.

    One method per API function, named like the function, with the function's arguments under
    MailStore's names: required ones first (by position or by name), then the optional ones. An
    optional argument that is None is left out of the request. These default to the value of
    MailStore's wrapper instead: dryRun=False (SyncUsersWithDirectoryServices);
    includeIndexes=True (VerifyStore, VerifyStores); includeSize=True (GetStores); raw=True
    (CreateProfile, GetProfiles, RunTemporaryProfile); recoverDeletedMessages=False
    (RecoverStore); timeZoneID="$Local" (GetWorkerResults); timeZoneId="$Local" (GetJobResults).

    A date argument also takes a datetime or a date: a naive one is read in the call's time zone
    (the server's own by default), an aware one is sent in UTC with the time zone argument
    "UTC", whatever the server's zone (see mailstore.dates).

    Every method also takes autoHandleToken. A function that starts a long-running task answers
    "running" with a token: with autoHandleToken (the client's default) the call follows the
    task and returns its final status; with autoHandleToken=False it returns the first status,
    to follow with GetStatus() or stop with CancelAsync().

    Every call returns the server's status dict (statusCode, result, error, token,
    statusVersion, percentProgress, statusText, logOutput); the function's data is in result. A
    wrong argument name or count raises mailstore.errors.ArgumentError (a TypeError).
    """

    def CancelJobAsync(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Ask the server to stop a running job, without waiting for it to stop.

        Args:
            id (int): Id of the job to stop.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("CancelJobAsync", {"id": id}, autoHandleToken)

    def ClearUserPrivilegesOnFolders(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Take away every folder privilege a user holds.

        Args:
            userName (str): Login name of the MailStore user.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("ClearUserPrivilegesOnFolders", {"userName": userName}, autoHandleToken)

    def CompactStore(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Compact an archive store to reclaim space.

        Args:
            id (int): Id of the archive store (see GetStores).
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("CompactStore", {"id": id}, autoHandleToken, long_running=True)

    def CreateJob(
        self,
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
        """Create a scheduled job that runs an API function.

        Args:
            name (str): Display name of the job, e.g. "Nightly backup".
            action (str): Name of the API function the job runs, e.g. "ProcessRetentionPolicies".
            owner (str): Administrator who owns the job (user name).
            timeZoneId (str): Time zone of date and time, e.g. "$Local" for the server's own (see
                GetTimeZones).
            date (str, datetime or date, optional): Run once, at this date and time
                (YYYY-MM-DDThh:mm:ss).
            interval (int, optional): Run every this many minutes. One of: 5, 10, 15, 20, 30, 60,
                120, 180, 240, 360, 720.
            time (str, optional): Time of day to run, e.g. "03:30:00"; on its own it means every
                day.
            dayOfWeek (str, optional): Run weekly on this day; needs time. One of: Sunday, Monday,
                Tuesday, Wednesday, Thursday, Friday, Saturday.
            dayOfMonth (str, optional): Run monthly on this day; needs time. One of: 1 to 31, Last.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateJob",
            with_dates(
                {
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

    def CreateProfile(
        self,
        properties: Optional[JSONValue] = None,
        raw: bool = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Create an archiving or export profile from raw properties.

        Args:
            properties (dict, list or JSON str, optional): Profile properties in raw form; a profile
                from GetProfiles is a template.
            raw (bool, optional): Use the raw profile format; only True is supported. Defaults to
                True.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateProfile",
            {"properties": properties, "raw": raw},
            autoHandleToken,
            json_args=("properties",),
        )

    def CreateUser(
        self,
        userName: str,
        privileges: Optional[StrList] = None,
        fullName: Optional[str] = None,
        distinguishedName: Optional[str] = None,
        authentication: Optional[str] = None,
        password: Optional[str] = None,
        loginPrivileges: Optional[StrList] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Create a user.

        The new user cannot see any archive yet: grant folder access with SetUserPrivilegesOnFolder.

        Args:
            userName (str): User name of the new user.
            privileges (str or list of str, optional): Global privileges to grant. Any of: none,
                admin, login, changePassword, archive, modifyArchiveProfiles, export,
                modifyExportProfiles, delete. None or an empty value sends none.
            fullName (str, optional): Display name of the user, e.g. "Jane Smith".
            distinguishedName (str, optional): LDAP distinguished name; normally set by directory
                synchronisation.
            authentication (str, optional): How the user logs in. One of: integrated,
                directoryServices.
            password (str, optional): Initial password.
            loginPrivileges (str or list of str, optional): Ways the user may log in; all of them
                when left out. Any of: none, windows, web, outlook, windowsCmd, imap, api. An empty
                value sends none.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        if isinstance(loginPrivileges, bool):  # the 2018-2021 wrappers' autoHandleToken
            loginPrivileges, autoHandleToken = None, loginPrivileges
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

    def DeleteAppPasswords(self, userName: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Revoke every app password of a user.

        Non-interactive logins of that user then fail until reconfigured.

        Args:
            userName (str): Login name of the MailStore user.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteAppPasswords", {"userName": userName}, autoHandleToken)

    def DeleteEmptyFolders(
        self,
        folder: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Remove every archive folder that holds no messages.

        Args:
            folder (str, optional): Only clean up this folder and its subfolders (levels separated
                by /); the whole archive when left out.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteEmptyFolders", {"folder": folder}, autoHandleToken)

    def DeleteJob(self, id: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Delete a scheduled job.

        Args:
            id (str): Id of the job.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteJob", {"id": id}, autoHandleToken)

    def DeleteProfile(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Remove an archiving or export profile.

        Args:
            id (int): Id of the profile.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteProfile", {"id": id}, autoHandleToken)

    def DeleteUser(self, userName: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Delete a user.

        The user's archive and its messages are kept.

        Args:
            userName (str): Login name of the MailStore user.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteUser", {"userName": userName}, autoHandleToken)

    def DetachStore(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Stop using an archive store and detach it.

        Args:
            id (int): Id of the archive store (see GetStores).
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DetachStore", {"id": id}, autoHandleToken)

    def DisableMFA(self, userName: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Turn off multi-factor authentication for a user.

        Args:
            userName (str): Login name of the MailStore user.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DisableMFA", {"userName": userName}, autoHandleToken)

    def GetChildFolders(
        self,
        folder: Optional[str] = None,
        maxLevels: Optional[int] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """List the subfolders of an archive folder.

        Depending on the compliance settings, only the first level may be listed.

        Args:
            folder (str, optional): Folder whose subfolders to list; the top level (user archives)
                when left out.
            maxLevels (int, optional): How many levels to list (1 or more); the whole tree when left
                out.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "GetChildFolders",
            {"folder": folder, "maxLevels": maxLevels},
            autoHandleToken,
        )

    def GetComplianceConfiguration(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the compliance settings.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with legalHoldEnabled and
                logSuccessfulUserActivities.
        """
        return self._invoke("GetComplianceConfiguration", {}, autoHandleToken)

    def GetCredentials(self, autoHandleToken: Optional[bool] = None) -> Status:
        """List the stored credentials.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of credentials with ID, Type, Description and
                Settings (note the capitalised keys).
        """
        return self._invoke("GetCredentials", {}, autoHandleToken)

    def GetDirectoryServicesConfiguration(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the directory services settings.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with the settings (type, serverName, protocol,
                userName, baseDN, groups, ...); password is always None.
        """
        return self._invoke("GetDirectoryServicesConfiguration", {}, autoHandleToken)

    def GetFolderStatistics(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return statistics of the archive folders.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetFolderStatistics", {}, autoHandleToken)

    def GetJobResults(
        self,
        fromIncluding: DateArg,
        toExcluding: DateArg,
        timeZoneId: str = "$Local",
        jobId: Optional[int] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """List the job runs that finished within a time range.

        Args:
            fromIncluding (str, datetime or date): Start of the time range, inclusive
                (YYYY-MM-DDThh:mm:ss).
            toExcluding (str, datetime or date): End of the time range, exclusive
                (YYYY-MM-DDThh:mm:ss).
            timeZoneId (str, optional): Time zone of the dates, e.g. "$Local" for the server's own
                (see GetTimeZones). Defaults to "$Local".
            jobId (int, optional): Only list runs of this job.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of runs with jobResultId, jobId, action, startTime,
                completeTime and result.
        """
        return self._invoke(
            "GetJobResults",
            with_dates(
                {
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

    def GetJobs(self, autoHandleToken: Optional[bool] = None) -> Status:
        """List the scheduled jobs.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of jobs with id, name, action, owner, enabled,
                schedule and the UTC times of creation, last start, last completion and next start.
        """
        return self._invoke("GetJobs", {}, autoHandleToken)

    def GetProfiles(self, raw: bool = True, autoHandleToken: Optional[bool] = None) -> Status:
        """List the archiving and export profiles.

        Args:
            raw (bool, optional): Return the raw profile format; only True is supported. Defaults to
                True.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of profiles in raw form (id, name,
                serverSideExecution, ...).
        """
        return self._invoke("GetProfiles", {"raw": raw}, autoHandleToken)

    def GetRetentionPolicies(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the configured retention policies.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetRetentionPolicies", {}, autoHandleToken)

    def GetSmtpSettings(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the SMTP settings.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with the SMTP settings; its password is always
                None.
        """
        return self._invoke("GetSmtpSettings", {}, autoHandleToken)

    def GetStoreAutoCreateConfiguration(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the settings for creating archive stores automatically.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetStoreAutoCreateConfiguration", {}, autoHandleToken)

    def GetStores(
        self,
        includeSize: Optional[bool] = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """List the attached archive stores.

        Args:
            includeSize (bool, optional): Include the size of each store (can be slow on slow
                storage). Defaults to True.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of stores with id, name, requestedState, error,
                statisticsCount, statisticsSize, needsUpgrade, searchIndexesNeedRebuild,
                databasePath, contentPath and indexPath.
        """
        return self._invoke("GetStores", {"includeSize": includeSize}, autoHandleToken)

    def GetTimeZones(self, autoHandleToken: Optional[bool] = None) -> Status:
        """List the time zones the server knows, with their ids.

        Use the ids for the timeZoneId/timeZoneID arguments of other functions.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetTimeZones", {}, autoHandleToken)

    def GetUserInfo(self, userName: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the settings of one user.

        Args:
            userName (str): Login name of the MailStore user.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with userName, fullName, distinguishedName,
                authentication, emailAddresses, pop3UserNames, privileges and privilegesOnFolders
                (newer versions add mfaStatus and loginPrivileges; administrators may have no
                privilegesOnFolders).
        """
        return self._invoke("GetUserInfo", {"userName": userName}, autoHandleToken)

    def GetUsers(self, autoHandleToken: Optional[bool] = None) -> Status:
        """List all users.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of dicts with userName, fullName and
                distinguishedName (newer versions add mfaStatus).
        """
        return self._invoke("GetUsers", {}, autoHandleToken)

    def GetWorkerResultReport(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the report of one profile run.

        Args:
            id (int): Id of the profile run (from GetWorkerResults).
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetWorkerResultReport", {"id": id}, autoHandleToken)

    def GetWorkerResults(
        self,
        fromIncluding: DateArg,
        toExcluding: DateArg,
        timeZoneID: str = "$Local",
        profileID: Optional[int] = None,
        userName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """List the profile runs that finished within a time range.

        Note the spelling: this function takes timeZoneID (capital D), all others timeZoneId.

        Args:
            fromIncluding (str, datetime or date): Start of the time range, inclusive
                (YYYY-MM-DDThh:mm:ss).
            toExcluding (str, datetime or date): End of the time range, exclusive
                (YYYY-MM-DDThh:mm:ss).
            timeZoneID (str, optional): Time zone of the dates, e.g. "$Local" for the server's own
                (see GetTimeZones). Defaults to "$Local".
            profileID (int, optional): Only list runs of this profile.
            userName (str, optional): Only list runs of this user.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of runs with id, userName, profileId and
                profileName (both missing for ad-hoc runs), result (succeeded, completedWithErrors,
                failed, cancelled, ...), itemsArchived, startTime, completeTime and machineName.
        """
        return self._invoke(
            "GetWorkerResults",
            with_dates(
                {
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

    def InitializeMFA(self, userName: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Start multi-factor authentication setup for a user.

        Args:
            userName (str): Login name of the MailStore user.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("InitializeMFA", {"userName": userName}, autoHandleToken)

    def MaintainFileSystemDatabases(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Run maintenance on all file-system-based databases.

        Each embedded Firebird database (master and archive stores) is rebuilt by a backup and
        restore.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("MaintainFileSystemDatabases", {}, autoHandleToken, long_running=True)

    def MergeStore(self, id: int, sourceId: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Merge one archive store into another.

        The source store is not changed; detach it afterwards.

        Args:
            id (int): Id of the archive store that receives the messages.
            sourceId (int): Id of the archive store to merge from.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "MergeStore",
            {"id": id, "sourceId": sourceId},
            autoHandleToken,
            long_running=True,
        )

    def MoveFolder(
        self,
        fromFolder: str,
        toFolder: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Rename an archive folder or move it elsewhere in the archive.

        Args:
            fromFolder (str): Folder to move or rename, e.g. "jsmith/Outlook/Inbox".
            toFolder (str): New path of the folder, e.g. "jsmith/Outlook/Inbox-old".
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "MoveFolder",
            {"fromFolder": fromFolder, "toFolder": toFolder},
            autoHandleToken,
        )

    def ProcessRetentionPolicies(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Apply the retention policies now.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("ProcessRetentionPolicies", {}, autoHandleToken, long_running=True)

    def RebuildSelectedStoreIndexes(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Rebuild every full-text index that is marked for rebuild.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("RebuildSelectedStoreIndexes", {}, autoHandleToken, long_running=True)

    def RecoverStore(
        self,
        id: int,
        encryptionKey: Optional[str] = None,
        recoverDeletedMessages: Optional[bool] = False,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Rebuild a damaged archive store database from its recovery records.

        The store must be in the current format, disabled or in an error state, and its recovery
        records intact.

        Args:
            id (int): Id of the archive store (see GetStores).
            encryptionKey (str, optional): Encryption key of the store, needed when no key file is
                available.
            recoverDeletedMessages (bool, optional): Also restore deleted messages whose recovery
                records are not compacted yet. Defaults to False.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "RecoverStore",
            {
                "id": id,
                "encryptionKey": encryptionKey,
                "recoverDeletedMessages": recoverDeletedMessages,
            },
            autoHandleToken,
            long_running=True,
        )

    def RecreateRecoveryRecords(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Recreate the recovery records of an archive store.

        Check them first with VerifyStore. Not possible for external stores that keep the message
        contents in the database.

        Args:
            id (int): Id of the archive store (see GetStores).
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "RecreateRecoveryRecords",
            {"id": id},
            autoHandleToken,
            long_running=True,
        )

    def RefreshAllStoreStatistics(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Recount the statistics of all attached archive stores.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("RefreshAllStoreStatistics", {}, autoHandleToken, long_running=True)

    def RenameJob(self, id: int, name: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Rename a scheduled job.

        Args:
            id (int): Id of the job.
            name (str): New name of the job.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("RenameJob", {"id": id, "name": name}, autoHandleToken)

    def RenameStore(self, id: int, name: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Give an archive store a new name.

        Args:
            id (int): Id of the archive store (see GetStores).
            name (str): New name of the archive store.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("RenameStore", {"id": id, "name": name}, autoHandleToken)

    def RenameUser(
        self,
        oldUserName: str,
        newUserName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Rename a user.

        The user's archive keeps its name: move it with MoveFolder and grant access with
        SetUserPrivilegesOnFolder.

        Args:
            oldUserName (str): Current user name.
            newUserName (str): New user name.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "RenameUser",
            {"oldUserName": oldUserName, "newUserName": newUserName},
            autoHandleToken,
        )

    def RepairStoreDatabase(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Rebuild the internal indexes of an archive store's Firebird database.

        Check first with VerifyStore. Only for Firebird-based archive stores.

        Args:
            id (int): Id of the archive store (see GetStores).
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("RepairStoreDatabase", {"id": id}, autoHandleToken, long_running=True)

    def RetryOpenStores(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Try again to open the archive stores that failed to open.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("RetryOpenStores", {}, autoHandleToken)

    def RunJobAsync(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Start a scheduled job now, without waiting for it to finish.

        Look up the outcome later with GetJobResults.

        Args:
            id (int): Id of the job.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("RunJobAsync", {"id": id}, autoHandleToken)

    def RunProfile(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Run an archiving or export profile.

        Args:
            id (int): Id of the profile.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("RunProfile", {"id": id}, autoHandleToken, long_running=True)

    def RunTemporaryProfile(
        self,
        properties: Optional[JSONValue] = None,
        raw: bool = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Run a profile once from raw properties, without saving it.

        Take the properties of an existing profile (from GetProfiles) as a template.

        Args:
            properties (dict, list or JSON str, optional): Profile properties in raw form; a profile
                from GetProfiles is a template.
            raw (bool, optional): Use the raw profile format; only True is supported. Defaults to
                True.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "RunTemporaryProfile",
            {"properties": properties, "raw": raw},
            autoHandleToken,
            json_args=("properties",),
            long_running=True,
        )

    def SelectAllStoreIndexesForRebuild(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Mark every full-text index for rebuild.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "SelectAllStoreIndexesForRebuild",
            {},
            autoHandleToken,
            long_running=True,
        )

    def SendStatusReport(
        self,
        timespan: str,
        timeZoneId: str,
        recipients: StrList,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Send a status report for a period to some recipients.

        Args:
            timespan (str): Period the report covers. One of: today, yesterday, thisweek, lastweek,
                thismonth, lastmonth.
            timeZoneId (str): Time zone of the report, e.g. "$Local" for the server's own (see
                GetTimeZones).
            recipients (str or list of str): Email addresses that receive the report.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SendStatusReport",
            {"timespan": timespan, "timeZoneId": timeZoneId, "recipients": recipients},
            autoHandleToken,
        )

    def SetComplianceConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Replace the compliance settings.

        Args:
            config (dict, list or JSON str): Compliance settings, as GetComplianceConfiguration
                returns them.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetComplianceConfiguration",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetDirectoryServicesConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Replace the directory services settings.

        Args:
            config (dict, list or JSON str): Directory services settings, as
                GetDirectoryServicesConfiguration returns them.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetDirectoryServicesConfiguration",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetJobEnabled(
        self,
        id: int,
        enabled: bool,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Enable or disable a scheduled job.

        Args:
            id (int): Id of the job.
            enabled (bool): True to enable the job, False to disable it.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("SetJobEnabled", {"id": id, "enabled": enabled}, autoHandleToken)

    def SetJobSchedule(
        self,
        id: int,
        timeZoneId: str,
        date: Optional[DateArg] = None,
        interval: Optional[int] = None,
        time: Optional[str] = None,
        dayOfWeek: Optional[str] = None,
        dayOfMonth: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Change when a scheduled job runs.

        Args:
            id (int): Id of the job.
            timeZoneId (str): Time zone of date and time, e.g. "$Local" for the server's own (see
                GetTimeZones).
            date (str, datetime or date, optional): Run once, at this date and time
                (YYYY-MM-DDThh:mm:ss).
            interval (int, optional): Run every this many minutes. One of: 5, 10, 15, 20, 30, 60,
                120, 180, 240, 360, 720.
            time (str, optional): Time of day to run, e.g. "03:30:00"; on its own it means every
                day.
            dayOfWeek (str, optional): Run weekly on this day; needs time. One of: Sunday, Monday,
                Tuesday, Wednesday, Thursday, Friday, Saturday.
            dayOfMonth (str, optional): Run monthly on this day; needs time. One of: 1 to 31, Last.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetJobSchedule",
            with_dates(
                {
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

    def SetProfileServerSideExecution(
        self,
        id: int,
        automatic: bool,
        automaticPauseBetweenExecutions: Optional[int] = None,
        automaticMaintenanceWindows: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Set whether and when the server runs a profile by itself.

        Only for archiving profiles that run on the server.

        Args:
            id (int): Id of the profile.
            automatic (bool): True to let the server run the profile by itself, False for manual
                runs.
            automaticPauseBetweenExecutions (int, optional): Seconds to wait after a run before the
                next automatic run; needed when automatic is True.
            automaticMaintenanceWindows (str, optional): Time windows in which automatic runs are
                skipped; kept as they are when automatic is False.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetProfileServerSideExecution",
            {
                "id": id,
                "automatic": automatic,
                "automaticPauseBetweenExecutions": automaticPauseBetweenExecutions,
                "automaticMaintenanceWindows": automaticMaintenanceWindows,
            },
            autoHandleToken,
        )

    def SetRetentionPolicies(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Replace the retention policies with new ones.

        Args:
            config (dict, list or JSON str): Retention policies, as GetRetentionPolicies returns
                them.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetRetentionPolicies",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetSmtpSettings(
        self,
        settings: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Replace the SMTP settings.

        Args:
            settings (dict, list or JSON str): SMTP settings object, shaped like the result of
                GetSmtpSettings.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetSmtpSettings",
            {"settings": settings},
            autoHandleToken,
            json_args=("settings",),
        )

    def SetStoreAutoCreateConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Replace the settings for creating archive stores automatically.

        Args:
            config (dict, list or JSON str): Automatic store creation settings, as
                GetStoreAutoCreateConfiguration returns them.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetStoreAutoCreateConfiguration",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetStoreRequestedState(
        self,
        id: int,
        requestedState: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Change the requested state of an archive store (current, normal, ...).

        Args:
            id (int): Id of the archive store (see GetStores).
            requestedState (str): New state of the store. One of: current, normal, writeProtected,
                disabled.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetStoreRequestedState",
            {"id": id, "requestedState": requestedState},
            autoHandleToken,
        )

    def SetUserAuthentication(
        self,
        userName: str,
        authentication: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Set how a user authenticates.

        Args:
            userName (str): Login name of the MailStore user.
            authentication (str): How the user logs in. One of: integrated, directoryServices.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserAuthentication",
            {"userName": userName, "authentication": authentication},
            autoHandleToken,
        )

    def SetUserDistinguishedName(
        self,
        userName: str,
        distinguishedName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Set or remove the LDAP distinguished name of a user.

        Args:
            userName (str): Login name of the MailStore user.
            distinguishedName (str, optional): New distinguished name; removed when left out.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserDistinguishedName",
            {"userName": userName, "distinguishedName": distinguishedName},
            autoHandleToken,
        )

    def SetUserEmailAddresses(
        self,
        userName: str,
        emailAddresses: Optional[StrList] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Replace the email addresses of a user.

        Args:
            userName (str): Login name of the MailStore user.
            emailAddresses (str or list of str, optional): Email addresses of the user, the primary
                one first; none when left out.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserEmailAddresses",
            {"userName": userName, "emailAddresses": emailAddresses},
            autoHandleToken,
        )

    def SetUserFullName(
        self,
        userName: str,
        fullName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Set or remove the display name of a user.

        Args:
            userName (str): Login name of the MailStore user.
            fullName (str, optional): New display name; removed when left out.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserFullName",
            {"userName": userName, "fullName": fullName},
            autoHandleToken,
        )

    def SetUserLoginPrivileges(
        self,
        userName: str,
        loginPrivileges: StrList,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Set the ways a user may log in.

        Args:
            userName (str): Login name of the MailStore user.
            loginPrivileges (str or list of str): Ways the user may log in; "none" allows none. Any
                of: none, windows, web, outlook, windowsCmd, imap, api. None or an empty value sends
                none.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserLoginPrivileges",
            {"userName": userName, "loginPrivileges": loginPrivileges or "none"},
            autoHandleToken,
        )

    def SetUserPassword(
        self,
        userName: str,
        password: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Change a user's password.

        Args:
            userName (str): Login name of the MailStore user.
            password (str): New password.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserPassword",
            {"userName": userName, "password": password},
            autoHandleToken,
        )

    def SetUserPop3UserNames(
        self,
        userName: str,
        pop3UserNames: Optional[StrList] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Set the POP3 user names of a user, which MailStore Proxy uses.

        Args:
            userName (str): Login name of the MailStore user.
            pop3UserNames (str or list of str, optional): POP3 user names; none when left out.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserPop3UserNames",
            {"userName": userName, "pop3UserNames": pop3UserNames},
            autoHandleToken,
        )

    def SetUserPrivileges(
        self,
        userName: str,
        privileges: StrList,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Replace the global privileges of a user.

        Args:
            userName (str): Login name of the MailStore user.
            privileges (str or list of str): Global privileges to grant. Any of: none, admin, login,
                changePassword, archive, modifyArchiveProfiles, export, modifyExportProfiles,
                delete. An empty value sends none.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserPrivileges",
            {
                "userName": userName,
                "privileges": None if privileges is None else privileges or "none",
            },
            autoHandleToken,
        )

    def SetUserPrivilegesOnFolder(
        self,
        userName: str,
        folder: str,
        privileges: StrList,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Set the privileges of a user on one archive folder.

        Args:
            userName (str): Login name of the MailStore user.
            folder (str): Folder to grant or deny access to; currently only a top-level folder (a
                user archive).
            privileges (str or list of str): Privileges to grant on the folder. Any of: none, read,
                write, delete. An empty value sends none.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetUserPrivilegesOnFolder",
            {
                "userName": userName,
                "folder": folder,
                "privileges": None if privileges is None else privileges or "none",
            },
            autoHandleToken,
        )

    def SyncUsersWithDirectoryServices(
        self,
        dryRun: Optional[bool] = False,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Synchronise the users with the configured directory service.

        Args:
            dryRun (bool, optional): Only report what would change, without saving anything.
                Defaults to False.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "SyncUsersWithDirectoryServices",
            {"dryRun": dryRun},
            autoHandleToken,
            long_running=True,
        )

    def TestSmtpSettings(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Send a test message using the SMTP settings.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("TestSmtpSettings", {}, autoHandleToken)

    def UnlockStore(
        self,
        id: int,
        passphrase: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Unlock an archive store that comes from another MailStore installation.

        Needed after attaching a store created by a different installation.

        Args:
            id (int): Id of the archive store (see GetStores).
            passphrase (str): Product key or recovery key of the installation the store comes from.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("UnlockStore", {"id": id, "passphrase": passphrase}, autoHandleToken)

    def UpgradeStores(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Upgrade every archive store that needs it.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("UpgradeStores", {}, autoHandleToken, long_running=True)

    def VerifyStore(
        self,
        id: int,
        includeIndexes: bool = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Check the consistency of an archive store.

        Args:
            id (int): Id of the archive store (see GetStores).
            includeIndexes (bool, optional): Also check the search index files. Defaults to True.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "VerifyStore",
            {"id": id, "includeIndexes": includeIndexes},
            autoHandleToken,
            long_running=True,
        )

    def VerifyStores(
        self,
        includeIndexes: bool = True,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Check every archive store for consistency.

        Args:
            includeIndexes (bool, optional): Also check the search index files. Defaults to True.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "VerifyStores",
            {"includeIndexes": includeIndexes},
            autoHandleToken,
            long_running=True,
        )


@friendly_arguments
class ServerClient(BaseClient, ServerCore):
    """Client for the MailStore Server Administration API.

    One method per API function, named like the function, with the function's arguments under
    MailStore's names: required ones first (by position or by name), then the optional ones. An
    optional argument that is None is left out of the request. These default to the value of
    MailStore's wrapper instead: dryRun=False (SyncUsersWithDirectoryServices);
    includeIndexes=True (VerifyStore, VerifyStores); includeSize=True (GetStores); raw=True
    (CreateProfile, GetProfiles, RunTemporaryProfile); recoverDeletedMessages=False
    (RecoverStore); timeZoneID="$Local" (GetWorkerResults); timeZoneId="$Local" (GetJobResults).

    A date argument also takes a datetime or a date: a naive one is read in the call's time zone
    (the server's own by default), an aware one is sent in UTC with the time zone argument
    "UTC", whatever the server's zone (see mailstore.dates).

    Every method also takes autoHandleToken. A function that starts a long-running task answers
    "running" with a token: with autoHandleToken (the client's default) the call follows the
    task and returns its final status; with autoHandleToken=False it returns the first status,
    to follow with GetStatus() or stop with CancelAsync().

    Every call returns the server's status dict (statusCode, result, error, token,
    statusVersion, percentProgress, statusText, logOutput); the function's data is in result. A
    wrong argument name or count raises mailstore.errors.ArgumentError (a TypeError).

    Create it with the arguments of MailStore's own Python wrapper (username, password, host,
    port=8463, autoHandleToken, waitTime, callback, logLevel, ignoreInvalidSSLCerts). For
    example:

        import mailstore
        client = mailstore.mgmt.ServerClient(username="admin", password="secret",
                                             host="archive.example.com")
        print(client.GetServerInfo()["result"]["version"])

    A function not listed here is reachable with call("FunctionName", {"argument": value}). Read
    this reference with: python -m pydoc mailstore.mgmt.ServerClient
    """

    def AttachStore(
        self,
        name: str,
        type: Optional[str] = None,
        databasePath: Optional[str] = None,
        contentPath: Optional[str] = None,
        indexPath: Optional[str] = None,
        serverName: Optional[str] = None,
        userName: Optional[str] = None,
        password: Optional[str] = None,
        databaseName: Optional[str] = None,
        requestedState: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Attach an archive store that already exists.

        Args:
            name (str): Display name of the archive store.
            type (str, optional): Kind of archive store. One of: FileSystemInternal, SQLServer,
                PostgreSQL.
            databasePath (str, optional): Directory for the folder structure and message metadata.
            contentPath (str, optional): Directory for the message headers and contents.
            indexPath (str, optional): Directory for the full-text search indexes.
            serverName (str, optional): Host name of the SQL Server or PostgreSQL server.
            userName (str, optional): User name for the database server.
            password (str, optional): Password for the database server.
            databaseName (str, optional): Database name on the SQL Server or PostgreSQL server.
            requestedState (str, optional): State of the store once it is attached. One of: current,
                normal, writeProtected, disabled.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "AttachStore",
            {
                "name": name,
                "type": type,
                "databaseName": databaseName,
                "databasePath": databasePath,
                "contentPath": contentPath,
                "indexPath": indexPath,
                "serverName": serverName,
                "userName": userName,
                "password": password,
                "requestedState": requestedState,
            },
            autoHandleToken,
        )

    def CompactMasterDatabase(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Compact the master database to reclaim space.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("CompactMasterDatabase", {}, autoHandleToken, long_running=True)

    def CreateBackup(
        self,
        path: str,
        excludeSearchIndexes: bool,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Write a backup of the whole archive into a directory.

        Args:
            path (str): Directory to write the backup into.
            excludeSearchIndexes (bool): Leave the search index files out of the backup.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "CreateBackup",
            {"path": path, "excludeSearchIndexes": excludeSearchIndexes},
            autoHandleToken,
            long_running=True,
        )

    def CreateCredential(
        self,
        type: str,
        description: str,
        tenantId: Optional[str] = None,
        applicationId: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Create a stored credential for directory services or profiles.

        Only the arguments below are known; if the server needs more, send them with
        call('CreateCredential', {...}).

        Args:
            type (str): Kind of credential. One of: Office365_Modern, SignedEnvelope.
            description (str): Free text describing the credential.
            tenantId (str, optional): Entra ID tenant, for Office365_Modern credentials.
            applicationId (str, optional): Application (client) id, for Office365_Modern
                credentials.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateCredential",
            {
                "type": type,
                "description": description,
                "tenantId": tenantId,
                "applicationId": applicationId,
            },
            autoHandleToken,
        )

    def CreateStore(
        self,
        name: Optional[str] = None,
        type: Optional[str] = None,
        databasePath: Optional[str] = None,
        contentPath: Optional[str] = None,
        indexPath: Optional[str] = None,
        serverName: Optional[str] = None,
        userName: Optional[str] = None,
        password: Optional[str] = None,
        databaseName: Optional[str] = None,
        requestedState: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Create an archive store and attach it right away.

        Args:
            name (str, optional): Display name of the archive store.
            type (str, optional): Kind of archive store. One of: FileSystemInternal, SQLServer,
                PostgreSQL.
            databasePath (str, optional): Directory for the folder structure and message metadata.
            contentPath (str, optional): Directory for the message headers and contents.
            indexPath (str, optional): Directory for the full-text search indexes.
            serverName (str, optional): Host name of the SQL Server or PostgreSQL server.
            userName (str, optional): User name for the database server.
            password (str, optional): Password for the database server.
            databaseName (str, optional): Database name on the SQL Server or PostgreSQL server.
            requestedState (str, optional): State of the store once it is attached. One of: current,
                normal, writeProtected, disabled.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateStore",
            {
                "name": name,
                "type": type,
                "databaseName": databaseName,
                "databasePath": databasePath,
                "contentPath": contentPath,
                "indexPath": indexPath,
                "serverName": serverName,
                "userName": userName,
                "password": password,
                "requestedState": requestedState,
            },
            autoHandleToken,
        )

    def DeleteMessage(self, id: str, reason: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Delete one message, given by its id, from the archive.

        Args:
            id (str): Id of the message, as <store id>:<message number>.
            reason (str): Why the message is deleted.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteMessage", {"id": id, "reason": reason}, autoHandleToken)

    def GetActiveSessions(self, autoHandleToken: Optional[bool] = None) -> Status:
        """List the active login sessions.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetActiveSessions", {}, autoHandleToken)

    def GetLicenseInformation(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the license details.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetLicenseInformation", {}, autoHandleToken)

    def GetMessages(self, folder: str, autoHandleToken: Optional[bool] = None) -> Status:
        """List the messages of an archive folder.

        Args:
            folder (str): Folder whose messages to list.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetMessages", {"folder": folder}, autoHandleToken)

    def GetServerInfo(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the server's version and machine name.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with version and machineName.
        """
        return self._invoke("GetServerInfo", {}, autoHandleToken)

    def GetServiceConfiguration(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the service configuration.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetServiceConfiguration", {}, autoHandleToken)

    def GetStoreIndexes(
        self,
        id: Optional[int] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """List the full-text indexes of an archive store.

        Args:
            id (int, optional): Id of the archive store (see GetStores).
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetStoreIndexes", {"id": id}, autoHandleToken)

    def RebuildStoreIndex(
        self,
        id: int,
        folder: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Rebuild the full-text index of one archive in an archive store.

        Args:
            id (int): Id of the archive store holding the index.
            folder (str): User archive whose index to rebuild, e.g. "jsmith".
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "RebuildStoreIndex",
            {"id": id, "folder": folder},
            autoHandleToken,
            long_running=True,
        )

    def RenewMasterKey(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Replace the master key that protects the encryption keys.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("RenewMasterKey", {}, autoHandleToken, long_running=True)

    def SetServiceCertificate(
        self,
        thumbprint: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Choose the TLS certificate the server presents to clients.

        Args:
            thumbprint (str): Thumbprint identifying the X.509 certificate.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("SetServiceCertificate", {"thumbprint": thumbprint}, autoHandleToken)

    def SetStoreProperties(
        self,
        id: int,
        type: Optional[str] = None,
        databasePath: Optional[str] = None,
        contentPath: Optional[str] = None,
        indexPath: Optional[str] = None,
        serverName: Optional[str] = None,
        userName: Optional[str] = None,
        password: Optional[str] = None,
        databaseName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Change the storage settings of an archive store.

        Args:
            id (int): Id of the archive store (see GetStores).
            type (str, optional): Kind of archive store. One of: FileSystemInternal, SQLServer,
                PostgreSQL.
            databasePath (str, optional): Directory for the folder structure and message metadata.
            contentPath (str, optional): Directory for the message headers and contents.
            indexPath (str, optional): Directory for the full-text search indexes.
            serverName (str, optional): Host name of the SQL Server or PostgreSQL server.
            userName (str, optional): User name for the database server.
            password (str, optional): Password for the database server.
            databaseName (str, optional): Database name on the SQL Server or PostgreSQL server.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetStoreProperties",
            {
                "id": id,
                "type": type,
                "databaseName": databaseName,
                "databasePath": databasePath,
                "contentPath": contentPath,
                "indexPath": indexPath,
                "serverName": serverName,
                "userName": userName,
                "password": password,
            },
            autoHandleToken,
        )

    def UpgradeStore(self, id: int, autoHandleToken: Optional[bool] = None) -> Status:
        """Upgrade an archive store to the current format.

        Args:
            id (int): Id of the archive store (see GetStores).
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke("UpgradeStore", {"id": id}, autoHandleToken, long_running=True)


@friendly_arguments
class SPEClient(BaseClient, SPECore):
    """Client for the MailStore Service Provider Edition (SPE) Management API.

    One method per API function, named like the function, with the function's arguments under
    MailStore's names: required ones first (by position or by name), then the optional ones. An
    optional argument that is None is left out of the request. These default to the value of
    MailStore's wrapper instead: dryRun=False (SyncUsersWithDirectoryServices);
    includeIndexes=True (VerifyStore, VerifyStores); includeSize=True (GetStores); raw=True
    (CreateProfile, GetProfiles, RunTemporaryProfile); recoverDeletedMessages=False
    (RecoverStore); timeZoneID="$Local" (GetWorkerResults); timeZoneId="$Local" (GetJobResults).

    A date argument also takes a datetime or a date: a naive one is read in the call's time zone
    (the server's own by default), an aware one is sent in UTC with the time zone argument
    "UTC", whatever the server's zone (see mailstore.dates).

    Every method also takes autoHandleToken. A function that starts a long-running task answers
    "running" with a token: with autoHandleToken (the client's default) the call follows the
    task and returns its final status; with autoHandleToken=False it returns the first status,
    to follow with GetStatus() or stop with CancelAsync().

    Every call returns the server's status dict (statusCode, result, error, token,
    statusVersion, percentProgress, statusText, logOutput); the function's data is in result. A
    wrong argument name or count raises mailstore.errors.ArgumentError (a TypeError).

    Create it with the arguments of MailStore's own Python wrapper (username, password, host,
    port=8474, autoHandleToken, waitTime, callback, logLevel, ignoreInvalidSSLCerts,
    instanceID). Functions that act on one instance take a keyword-only instanceID; when a call
    leaves it out, the instanceID given to the constructor is used. For example:

        import mailstore
        client = mailstore.mgmt.SPEClient(username="admin", password="secret",
                                          host="spe.example.com", instanceID="customer1")
        client.GetUsers()                         # users of instance customer1
        client.GetUsers(instanceID="customer2")   # a per-call value wins

    A function not listed here is reachable with call("FunctionName", {"argument": value}). Read
    this reference with: python -m pydoc mailstore.mgmt.SPEClient
    """

    _instance_functions = frozenset(
        {
            "AttachStore",
            "CanRunArchiveProfiles",
            "CancelJobAsync",
            "ClearUserPrivilegesOnFolders",
            "CompactStore",
            "CreateClientOneTimeUrlForArchiveAdmin",
            "CreateJob",
            "CreateProfile",
            "CreateStore",
            "CreateUser",
            "DeleteAppPasswords",
            "DeleteEmptyFolders",
            "DeleteJob",
            "DeleteMessage",
            "DeleteProfile",
            "DeleteUser",
            "DetachStore",
            "DisableMFA",
            "GetArchiveAdminEnabled",
            "GetChildFolders",
            "GetComplianceConfiguration",
            "GetCredentials",
            "GetDirectoryServicesConfiguration",
            "GetFolderStatistics",
            "GetIndexConfiguration",
            "GetInstanceConfiguration",
            "GetInstanceProcessLiveStatistics",
            "GetInstanceStatistics",
            "GetJobResults",
            "GetJobs",
            "GetMessages",
            "GetProfiles",
            "GetRetentionPolicies",
            "GetSmtpSettings",
            "GetStoreAutoCreateConfiguration",
            "GetStores",
            "GetTimeZones",
            "GetUserInfo",
            "GetUsers",
            "GetWorkerResultReport",
            "GetWorkerResults",
            "InitializeMFA",
            "MaintainFileSystemDatabases",
            "MergeStore",
            "MoveFolder",
            "ProcessRetentionPolicies",
            "RebuildSelectedStoreIndexes",
            "RecoverStore",
            "RecreateRecoveryRecords",
            "RefreshAllStoreStatistics",
            "RenameJob",
            "RenameStore",
            "RenameUser",
            "RepairStoreDatabase",
            "RetryOpenStores",
            "RunJobAsync",
            "RunProfile",
            "RunTemporaryProfile",
            "SelectAllStoreIndexesForRebuild",
            "SendStatusReport",
            "SetArchiveAdminEnabled",
            "SetComplianceConfiguration",
            "SetDirectoryServicesConfiguration",
            "SetIndexConfiguration",
            "SetJobEnabled",
            "SetJobSchedule",
            "SetProfileServerSideExecution",
            "SetRetentionPolicies",
            "SetSmtpSettings",
            "SetStoreAutoCreateConfiguration",
            "SetStorePath",
            "SetStoreRequestedState",
            "SetUserAuthentication",
            "SetUserDistinguishedName",
            "SetUserEmailAddresses",
            "SetUserFullName",
            "SetUserLoginPrivileges",
            "SetUserPassword",
            "SetUserPop3UserNames",
            "SetUserPrivileges",
            "SetUserPrivilegesOnFolder",
            "SyncUsersWithDirectoryServices",
            "TestSmtpSettings",
            "UnlockStore",
            "UpgradeStore",
            "UpgradeStores",
            "VerifyStore",
            "VerifyStores",
        }
    )

    def AttachStore(
        self,
        name: str,
        type: Optional[str] = None,
        databasePath: Optional[str] = None,
        contentPath: Optional[str] = None,
        indexPath: Optional[str] = None,
        serverName: Optional[str] = None,
        userName: Optional[str] = None,
        password: Optional[str] = None,
        databaseName: Optional[str] = None,
        requestedState: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        path: Optional[str] = None,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Attach an archive store that already exists.

        The SPE reference lists name, path and requestedState; MailStore's own wrapper sends the
        Server-style arguments instead. Both are accepted and sent when given.

        Args:
            name (str): Display name of the archive store.
            type (str, optional): Kind of archive store. One of: FileSystemInternal, SQLServer,
                PostgreSQL.
            databasePath (str, optional): Directory for the folder structure and message metadata.
            contentPath (str, optional): Directory for the message headers and contents.
            indexPath (str, optional): Directory for the full-text search indexes.
            serverName (str, optional): Host name of the SQL Server or PostgreSQL server.
            userName (str, optional): User name for the database server.
            password (str, optional): Password for the database server.
            databaseName (str, optional): Database name on the SQL Server or PostgreSQL server.
            requestedState (str, optional): State of the store once it is attached. One of: current,
                normal, writeProtected, disabled.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.
            path (str, optional): Directory holding the store's data (SPE reference form).
                Keyword-only.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
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

    def CanRunArchiveProfiles(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Tell whether the instance is currently able to run archiving profiles.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("CanRunArchiveProfiles", {"instanceID": instanceID}, autoHandleToken)

    def CancelJobAsync(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("CancelJobAsync", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def ClearUserPrivilegesOnFolders(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "ClearUserPrivilegesOnFolders",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def CompactStore(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "CompactStore",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def CreateClientAccessServer(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Add a Client Access Server to the SPE.

        Args:
            config (dict, list or JSON str): Settings of the Client Access Server to add.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateClientAccessServer",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def CreateClientOneTimeUrlForArchiveAdmin(
        self,
        instanceUrl: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Create a one-time login URL for the instance's $archiveadmin user.

        Args:
            instanceUrl (str, optional): Base URL of the instance for the link.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateClientOneTimeUrlForArchiveAdmin",
            {"instanceID": instanceID, "instanceUrl": instanceUrl},
            autoHandleToken,
        )

    def CreateDirectoryOnInstanceHost(
        self,
        serverName: str,
        path: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Make a new directory on an Instance Host.

        Args:
            serverName (str): Name of the Instance Host.
            path (str): Directory to create.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateDirectoryOnInstanceHost",
            {"serverName": serverName, "path": path},
            autoHandleToken,
        )

    def CreateInstance(self, config: JSONValue, autoHandleToken: Optional[bool] = None) -> Status:
        """Set up a new MailStore instance.

        Args:
            config (dict, list or JSON str): Configuration of the new instance.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateInstance",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def CreateInstanceHost(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Add an Instance Host to the SPE.

        Args:
            config (dict, list or JSON str): Settings of the Instance Host to add.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "CreateInstanceHost",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def CreateJob(
        self,
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
        *,
        instanceID: Optional[str] = None,
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

    def CreateLicenseRequest(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Create a license request and return its data.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("CreateLicenseRequest", {}, autoHandleToken)

    def CreateProfile(
        self,
        properties: Optional[JSONValue] = None,
        raw: bool = True,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "CreateProfile",
            {"instanceID": instanceID, "properties": properties, "raw": raw},
            autoHandleToken,
            json_args=("properties",),
        )

    def CreateStore(
        self,
        name: Optional[str] = None,
        type: Optional[str] = None,
        databasePath: Optional[str] = None,
        contentPath: Optional[str] = None,
        indexPath: Optional[str] = None,
        serverName: Optional[str] = None,
        userName: Optional[str] = None,
        password: Optional[str] = None,
        databaseName: Optional[str] = None,
        requestedState: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        path: Optional[str] = None,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Create an archive store and attach it right away.

        The SPE reference lists name, path and requestedState; MailStore's own wrapper sends the
        Server-style arguments instead. Both are accepted and sent when given.

        Args:
            name (str, optional): Display name of the archive store.
            type (str, optional): Kind of archive store. One of: FileSystemInternal, SQLServer,
                PostgreSQL.
            databasePath (str, optional): Directory for the folder structure and message metadata.
            contentPath (str, optional): Directory for the message headers and contents.
            indexPath (str, optional): Directory for the full-text search indexes.
            serverName (str, optional): Host name of the SQL Server or PostgreSQL server.
            userName (str, optional): User name for the database server.
            password (str, optional): Password for the database server.
            databaseName (str, optional): Database name on the SQL Server or PostgreSQL server.
            requestedState (str, optional): State of the store once it is attached. One of: current,
                normal, writeProtected, disabled.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.
            path (str, optional): Directory for the new store's data (SPE reference form).
                Keyword-only.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
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

    def CreateSystemAdministrator(
        self,
        config: JSONValue,
        password: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Add an SPE system administrator.

        Args:
            config (dict, list or JSON str): Settings of the new administrator (userName, fullName,
                emailAddress, ...).
            password (str): Initial password of the administrator.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is None on success.
        """
        return self._invoke(
            "CreateSystemAdministrator",
            {"config": config, "password": password},
            autoHandleToken,
            json_args=("config",),
        )

    def CreateSystemAdministratorAPIPassword(
        self,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Create a new API-only password for the calling administrator.

        The password works for the API only; with MFA enabled it is the only password the API
        accepts. Each administrator has at most one: a new one replaces the old one.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("CreateSystemAdministratorAPIPassword", {}, autoHandleToken)

    def CreateUser(
        self,
        userName: str,
        privileges: Optional[StrList] = None,
        fullName: Optional[str] = None,
        distinguishedName: Optional[str] = None,
        authentication: Optional[str] = None,
        password: Optional[str] = None,
        loginPrivileges: Optional[StrList] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        if isinstance(loginPrivileges, bool):  # the 2018-2021 wrappers' autoHandleToken
            loginPrivileges, autoHandleToken = None, loginPrivileges
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

    def DeactivateSystemAdministratorMFA(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Turn off multi-factor authentication for an SPE system administrator.

        Args:
            userName (str): Login name of the SPE system administrator.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "DeactivateSystemAdministratorMFA",
            {"userName": userName},
            autoHandleToken,
        )

    def DeleteAppPasswords(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "DeleteAppPasswords",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def DeleteClientAccessServer(
        self,
        serverName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Unregister a Client Access Server.

        Args:
            serverName (str): Name of the Client Access Server.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteClientAccessServer", {"serverName": serverName}, autoHandleToken)

    def DeleteEmptyFolders(
        self,
        folder: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "DeleteEmptyFolders",
            {"instanceID": instanceID, "folder": folder},
            autoHandleToken,
        )

    def DeleteInstanceHost(self, serverName: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Unregister an Instance Host.

        Args:
            serverName (str): Name of the Instance Host.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteInstanceHost", {"serverName": serverName}, autoHandleToken)

    def DeleteInstances(
        self,
        instanceFilter: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Delete the instances that match a filter.

        Args:
            instanceFilter (str): Filter selecting instances, e.g. "*" for all.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteInstances", {"instanceFilter": instanceFilter}, autoHandleToken)

    def DeleteJob(
        self,
        id: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("DeleteJob", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def DeleteMessage(
        self,
        id: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Delete one message, given by its id, from the archive.

        Known from MailStore's 2014 wrapper; unconfirmed on current SPE versions.

        Args:
            id (str): Id of the message, as <store id>:<message number>.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteMessage", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def DeleteProfile(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("DeleteProfile", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def DeleteSystemAdministrator(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Remove an SPE system administrator.

        Args:
            userName (str): Login name of the SPE system administrator.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("DeleteSystemAdministrator", {"userName": userName}, autoHandleToken)

    def DeleteUser(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "DeleteUser",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def DetachStore(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("DetachStore", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def DisableMFA(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "DisableMFA",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def FreezeInstances(
        self,
        instanceFilter: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Freeze the instances that match a filter.

        Args:
            instanceFilter (str): Filter selecting instances, e.g. "*" for all.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("FreezeInstances", {"instanceFilter": instanceFilter}, autoHandleToken)

    def GetArchiveAdminEnabled(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Tell whether $archiveadmin access to the instance is enabled.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetArchiveAdminEnabled", {"instanceID": instanceID}, autoHandleToken)

    def GetChildFolders(
        self,
        folder: Optional[str] = None,
        maxLevels: Optional[int] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "GetChildFolders",
            {"instanceID": instanceID, "folder": folder, "maxLevels": maxLevels},
            autoHandleToken,
        )

    def GetClientAccessServers(
        self,
        withServiceStatus: bool,
        serverNameFilter: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """List the Client Access Servers.

        Args:
            withServiceStatus (bool): Include the service status of each server.
            serverNameFilter (str, optional): Only list servers whose name matches this filter.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "GetClientAccessServers",
            {"withServiceStatus": withServiceStatus, "serverNameFilter": serverNameFilter},
            autoHandleToken,
        )

    def GetComplianceConfiguration(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "GetComplianceConfiguration",
            {"instanceID": instanceID},
            autoHandleToken,
        )

    def GetCredentials(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("GetCredentials", {"instanceID": instanceID}, autoHandleToken)

    def GetDirectoriesOnInstanceHost(
        self,
        serverName: str,
        path: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """List the subdirectories of a directory on an Instance Host.

        Args:
            serverName (str): Name of the Instance Host.
            path (str, optional): Directory whose subdirectories to list.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "GetDirectoriesOnInstanceHost",
            {"serverName": serverName, "path": path},
            autoHandleToken,
        )

    def GetDirectoryServicesConfiguration(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "GetDirectoryServicesConfiguration",
            {"instanceID": instanceID},
            autoHandleToken,
        )

    def GetEnvironmentInfo(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return general information about the SPE installation.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with version, webClientVersion, copyright,
                licenseeName, licenseeID, serverName, userName and systemProperties.
        """
        return self._invoke("GetEnvironmentInfo", {}, autoHandleToken)

    def GetFolderStatistics(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("GetFolderStatistics", {"instanceID": instanceID}, autoHandleToken)

    def GetIndexConfiguration(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Return the full-text index settings.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with attachmentExtensions and
                includeAttachmentsOfPDFs.
        """
        return self._invoke("GetIndexConfiguration", {"instanceID": instanceID}, autoHandleToken)

    def GetInstanceConfiguration(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Return the configuration of an instance.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with instanceID, alias, displayName, instanceHost,
                startMode, baseDirectory and logging and VSS flags.
        """
        return self._invoke("GetInstanceConfiguration", {"instanceID": instanceID}, autoHandleToken)

    def GetInstanceHosts(
        self,
        serverNameFilter: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """List the Instance Hosts.

        Args:
            serverNameFilter (str, optional): Only list servers whose name matches this filter.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of hosts with serverName, port, serverCertificate
                (thumbprint) and baseDirectory.
        """
        return self._invoke(
            "GetInstanceHosts",
            {"serverNameFilter": serverNameFilter},
            autoHandleToken,
        )

    def GetInstanceProcessLiveStatistics(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Return live counters of an instance's process.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict of process counters (processor time, I/O bytes,
                messages archived and checked, private memory).
        """
        return self._invoke(
            "GetInstanceProcessLiveStatistics",
            {"instanceID": instanceID},
            autoHandleToken,
        )

    def GetInstanceStatistics(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Return the archive sizes and message count of an instance.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with totalSizeMB, databaseFileSizeMB,
                contentFileSizeMB, indexFileSizeMB and numberOfMessages.
        """
        return self._invoke("GetInstanceStatistics", {"instanceID": instanceID}, autoHandleToken)

    def GetInstances(self, instanceFilter: str, autoHandleToken: Optional[bool] = None) -> Status:
        """List the instances that match a filter.

        Args:
            instanceFilter (str): Filter selecting instances, e.g. "*" for all.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a list of instances with instanceID, alias, displayName,
                instanceHost, startMode, processID, status and startStopError.
        """
        return self._invoke("GetInstances", {"instanceFilter": instanceFilter}, autoHandleToken)

    def GetJobResults(
        self,
        fromIncluding: DateArg,
        toExcluding: DateArg,
        timeZoneId: str = "$Local",
        jobId: Optional[int] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def GetJobs(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("GetJobs", {"instanceID": instanceID}, autoHandleToken)

    def GetMessages(
        self,
        folder: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """List the messages of an archive folder.

        Known from MailStore's 2014 wrapper; unconfirmed on current SPE versions.

        Args:
            folder (str): Folder whose messages to list.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "GetMessages",
            {"instanceID": instanceID, "folder": folder},
            autoHandleToken,
        )

    def GetProfiles(
        self,
        raw: bool = True,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("GetProfiles", {"instanceID": instanceID, "raw": raw}, autoHandleToken)

    def GetRetentionPolicies(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("GetRetentionPolicies", {"instanceID": instanceID}, autoHandleToken)

    def GetServiceStatus(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the state of all SPE services, with their messages.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: On success, result is a dict with environmentInfo, serverInfos (one per server
                role) and messages (each with type information, warning or error, and text).
        """
        return self._invoke("GetServiceStatus", {}, autoHandleToken)

    def GetSmtpSettings(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("GetSmtpSettings", {"instanceID": instanceID}, autoHandleToken)

    def GetStoreAutoCreateConfiguration(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "GetStoreAutoCreateConfiguration",
            {"instanceID": instanceID},
            autoHandleToken,
        )

    def GetStores(
        self,
        includeSize: Optional[bool] = True,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "GetStores",
            {"instanceID": instanceID, "includeSize": includeSize},
            autoHandleToken,
        )

    def GetSystemAdministrators(self, autoHandleToken: Optional[bool] = None) -> Status:
        """List the SPE system administrators.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetSystemAdministrators", {}, autoHandleToken)

    def GetSystemSmtpConfiguration(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Return the system-wide SMTP settings.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("GetSystemSmtpConfiguration", {}, autoHandleToken)

    def GetTimeZones(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("GetTimeZones", {"instanceID": instanceID}, autoHandleToken)

    def GetUserInfo(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "GetUserInfo",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def GetUsers(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("GetUsers", {"instanceID": instanceID}, autoHandleToken)

    def GetWorkerResultReport(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "GetWorkerResultReport",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
        )

    def GetWorkerResults(
        self,
        fromIncluding: DateArg,
        toExcluding: DateArg,
        timeZoneID: str = "$Local",
        profileID: Optional[int] = None,
        userName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def InitializeMFA(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "InitializeMFA",
            {"instanceID": instanceID, "userName": userName},
            autoHandleToken,
        )

    def InitializeSystemAdministratorMFA(
        self,
        userName: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Start multi-factor authentication setup for an SPE system administrator.

        If MFA is already set up, a new secret is generated and the setup must be completed again at
        the next login.

        Args:
            userName (str): Login name of the SPE system administrator.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "InitializeSystemAdministratorMFA",
            {"userName": userName},
            autoHandleToken,
        )

    def MaintainFileSystemDatabases(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "MaintainFileSystemDatabases",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def MergeStore(
        self,
        id: int,
        sourceId: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "MergeStore",
            {"instanceID": instanceID, "id": id, "sourceId": sourceId},
            autoHandleToken,
            long_running=True,
        )

    def MoveFolder(
        self,
        fromFolder: str,
        toFolder: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "MoveFolder",
            {"instanceID": instanceID, "fromFolder": fromFolder, "toFolder": toFolder},
            autoHandleToken,
        )

    def PairWithManagementServer(
        self,
        serverType: str,
        serverName: str,
        port: int,
        thumbprint: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Connect a server role to the Management Server (pairing).

        Args:
            serverType (str): Server role to pair.
            serverName (str): Name of the server that runs the role.
            port (int): TCP port the role listens on.
            thumbprint (str): Thumbprint of the role's TLS certificate.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "PairWithManagementServer",
            {
                "serverType": serverType,
                "serverName": serverName,
                "port": port,
                "thumbprint": thumbprint,
            },
            autoHandleToken,
        )

    def Ping(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Send a keep-alive request.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("Ping", {}, autoHandleToken)

    def ProcessRetentionPolicies(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "ProcessRetentionPolicies",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def RebuildSelectedStoreIndexes(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RebuildSelectedStoreIndexes",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def RecoverStore(
        self,
        id: int,
        encryptionKey: Optional[str] = None,
        recoverDeletedMessages: Optional[bool] = False,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def RecreateRecoveryRecords(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RecreateRecoveryRecords",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def RefreshAllStoreStatistics(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RefreshAllStoreStatistics",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def ReloadBranding(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Load the branding files again.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("ReloadBranding", {}, autoHandleToken)

    def RenameJob(
        self,
        id: int,
        name: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RenameJob",
            {"instanceID": instanceID, "id": id, "name": name},
            autoHandleToken,
        )

    def RenameStore(
        self,
        id: int,
        name: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RenameStore",
            {"instanceID": instanceID, "id": id, "name": name},
            autoHandleToken,
        )

    def RenameUser(
        self,
        oldUserName: str,
        newUserName: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RenameUser",
            {"instanceID": instanceID, "oldUserName": oldUserName, "newUserName": newUserName},
            autoHandleToken,
        )

    def RepairStoreDatabase(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RepairStoreDatabase",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def RestartInstances(
        self,
        instanceFilter: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Restart the instances that match a filter.

        Args:
            instanceFilter (str): Filter selecting instances, e.g. "*" for all.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("RestartInstances", {"instanceFilter": instanceFilter}, autoHandleToken)

    def RetryOpenStores(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("RetryOpenStores", {"instanceID": instanceID}, autoHandleToken)

    def RunJobAsync(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("RunJobAsync", {"instanceID": instanceID, "id": id}, autoHandleToken)

    def RunProfile(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RunProfile",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def RunTemporaryProfile(
        self,
        properties: Optional[JSONValue] = None,
        raw: bool = True,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "RunTemporaryProfile",
            {"instanceID": instanceID, "properties": properties, "raw": raw},
            autoHandleToken,
            json_args=("properties",),
            long_running=True,
        )

    def SelectAllStoreIndexesForRebuild(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SelectAllStoreIndexesForRebuild",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def SendStatusReport(
        self,
        timespan: str,
        timeZoneId: str,
        recipients: StrList,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def SetArchiveAdminEnabled(
        self,
        enabled: bool,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Enable or disable $archiveadmin access to the instance.

        Args:
            enabled (bool): True to enable $archiveadmin access, False to disable it.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetArchiveAdminEnabled",
            {"instanceID": instanceID, "enabled": enabled},
            autoHandleToken,
        )

    def SetClientAccessServerConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Update the settings of a Client Access Server.

        Args:
            config (dict, list or JSON str): Configuration of the Client Access Server, as
                GetClientAccessServers returns it.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetClientAccessServerConfiguration",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetComplianceConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetComplianceConfiguration",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetDirectoryServicesConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetDirectoryServicesConfiguration",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetIndexConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Replace the full-text index settings.

        Args:
            config (dict, list or JSON str): Index settings, as GetIndexConfiguration returns them.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetIndexConfiguration",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetInstanceConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Change the configuration of an instance.

        Args:
            config (dict, list or JSON str): Instance configuration, as GetInstanceConfiguration
                returns it.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetInstanceConfiguration",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetInstanceHostConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Change the configuration of an Instance Host.

        Args:
            config (dict, list or JSON str): Instance Host configuration, as GetInstanceHosts
                returns it.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetInstanceHostConfiguration",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetJobEnabled(
        self,
        id: int,
        enabled: bool,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetJobEnabled",
            {"instanceID": instanceID, "id": id, "enabled": enabled},
            autoHandleToken,
        )

    def SetJobSchedule(
        self,
        id: int,
        timeZoneId: str,
        date: Optional[DateArg] = None,
        interval: Optional[int] = None,
        time: Optional[str] = None,
        dayOfWeek: Optional[str] = None,
        dayOfMonth: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def SetProfileServerSideExecution(
        self,
        id: int,
        automatic: bool,
        automaticPauseBetweenExecutions: Optional[int] = None,
        automaticMaintenanceWindows: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def SetRetentionPolicies(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetRetentionPolicies",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetSmtpSettings(
        self,
        settings: JSONValue,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetSmtpSettings",
            {"instanceID": instanceID, "settings": settings},
            autoHandleToken,
            json_args=("settings",),
        )

    def SetStoreAutoCreateConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetStoreAutoCreateConfiguration",
            {"instanceID": instanceID, "config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetStorePath(
        self,
        id: str,
        path: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Change the directory of an archive store's data.

        Args:
            id (str): Id of the archive store (see GetStores).
            path (str): New directory of the store's data.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetStorePath",
            {"instanceID": instanceID, "id": id, "path": path},
            autoHandleToken,
        )

    def SetStoreRequestedState(
        self,
        id: int,
        requestedState: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetStoreRequestedState",
            {"instanceID": instanceID, "id": id, "requestedState": requestedState},
            autoHandleToken,
        )

    def SetSystemAdministratorConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Change the configuration of an SPE system administrator.

        Args:
            config (dict, list or JSON str): Administrator settings, as GetSystemAdministrators
                returns them.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetSystemAdministratorConfiguration",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetSystemAdministratorPassword(
        self,
        userName: str,
        password: str,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Change the password of an SPE system administrator.

        Args:
            userName (str): Login name of the SPE system administrator.
            password (str): New password.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetSystemAdministratorPassword",
            {"userName": userName, "password": password},
            autoHandleToken,
        )

    def SetSystemSmtpConfiguration(
        self,
        config: JSONValue,
        autoHandleToken: Optional[bool] = None,
    ) -> Status:
        """Replace the system-wide SMTP settings.

        Args:
            config (dict, list or JSON str): System-wide SMTP settings, as
                GetSystemSmtpConfiguration returns them.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke(
            "SetSystemSmtpConfiguration",
            {"config": config},
            autoHandleToken,
            json_args=("config",),
        )

    def SetUserAuthentication(
        self,
        userName: str,
        authentication: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetUserAuthentication",
            {"instanceID": instanceID, "userName": userName, "authentication": authentication},
            autoHandleToken,
        )

    def SetUserDistinguishedName(
        self,
        userName: str,
        distinguishedName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def SetUserEmailAddresses(
        self,
        userName: str,
        emailAddresses: Optional[StrList] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetUserEmailAddresses",
            {"instanceID": instanceID, "userName": userName, "emailAddresses": emailAddresses},
            autoHandleToken,
        )

    def SetUserFullName(
        self,
        userName: str,
        fullName: Optional[str] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetUserFullName",
            {"instanceID": instanceID, "userName": userName, "fullName": fullName},
            autoHandleToken,
        )

    def SetUserLoginPrivileges(
        self,
        userName: str,
        loginPrivileges: StrList,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def SetUserPassword(
        self,
        userName: str,
        password: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetUserPassword",
            {"instanceID": instanceID, "userName": userName, "password": password},
            autoHandleToken,
        )

    def SetUserPop3UserNames(
        self,
        userName: str,
        pop3UserNames: Optional[StrList] = None,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SetUserPop3UserNames",
            {"instanceID": instanceID, "userName": userName, "pop3UserNames": pop3UserNames},
            autoHandleToken,
        )

    def SetUserPrivileges(
        self,
        userName: str,
        privileges: StrList,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def SetUserPrivilegesOnFolder(
        self,
        userName: str,
        folder: str,
        privileges: StrList,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
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

    def StartInstances(self, instanceFilter: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Start the instances that match a filter.

        Args:
            instanceFilter (str): Filter selecting instances, e.g. "*" for all.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("StartInstances", {"instanceFilter": instanceFilter}, autoHandleToken)

    def StopInstances(self, instanceFilter: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Stop the instances that match a filter.

        Args:
            instanceFilter (str): Filter selecting instances, e.g. "*" for all.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("StopInstances", {"instanceFilter": instanceFilter}, autoHandleToken)

    def SyncUsersWithDirectoryServices(
        self,
        dryRun: Optional[bool] = False,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "SyncUsersWithDirectoryServices",
            {"instanceID": instanceID, "dryRun": dryRun},
            autoHandleToken,
            long_running=True,
        )

    def TestSmtpSettings(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke("TestSmtpSettings", {"instanceID": instanceID}, autoHandleToken)

    def TestSystemSmtpConfiguration(self, autoHandleToken: Optional[bool] = None) -> Status:
        """Send a test message using the system-wide SMTP settings.

        Args:
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("TestSystemSmtpConfiguration", {}, autoHandleToken)

    def ThawInstances(self, instanceFilter: str, autoHandleToken: Optional[bool] = None) -> Status:
        """Thaw (unfreeze) the instances that match a filter.

        Args:
            instanceFilter (str): Filter selecting instances, e.g. "*" for all.
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.
        """
        return self._invoke("ThawInstances", {"instanceFilter": instanceFilter}, autoHandleToken)

    def UnlockStore(
        self,
        id: int,
        passphrase: str,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "UnlockStore",
            {"instanceID": instanceID, "id": id, "passphrase": passphrase},
            autoHandleToken,
        )

    def UpgradeStore(
        self,
        id: int,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        """Upgrade an archive store from an old format (MailStore 5 or older).

        Args:
            id (int): Id of the archive store (see GetStores).
            autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting.

        Returns:
            Status: The server's status dict; the data, if any, is in result.

        Note:
            Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync().
        """
        return self._invoke(
            "UpgradeStore",
            {"instanceID": instanceID, "id": id},
            autoHandleToken,
            long_running=True,
        )

    def UpgradeStores(
        self,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "UpgradeStores",
            {"instanceID": instanceID},
            autoHandleToken,
            long_running=True,
        )

    def VerifyStore(
        self,
        id: int,
        includeIndexes: bool = True,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "VerifyStore",
            {"instanceID": instanceID, "id": id, "includeIndexes": includeIndexes},
            autoHandleToken,
            long_running=True,
        )

    def VerifyStores(
        self,
        includeIndexes: bool = True,
        autoHandleToken: Optional[bool] = None,
        *,
        instanceID: Optional[str] = None,
    ) -> Status:
        return self._invoke(
            "VerifyStores",
            {"instanceID": instanceID, "includeIndexes": includeIndexes},
            autoHandleToken,
            long_running=True,
        )
