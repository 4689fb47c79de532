"""Typed views of the results monitoring reads, for type checkers and IDEs.

Every call still returns plain dicts, as MailStore's own wrapper does; these classes only
name the keys of ``status["result"]`` and their types. Use them with ``typing.cast``::

    from typing import List, cast
    from mailstore.results import WorkerResult

    runs = cast(List[WorkerResult], client.GetWorkerResults(start, end)["result"])
    failed = [run for run in runs if run["result"] == "failed"]

Keys some results leave out are in a ``total=False`` part (``profileId`` of an ad-hoc
run, say). Values the server sends as strings stay strings: ``automatic`` in
``serverSideExecution`` is ``"true"`` or ``"false"``, and ``bool("false")`` is True.
Dates are strings too; `mailstore.dates.parse_date` reads them.
"""

from __future__ import annotations

from typing import Dict, List, Optional, TypedDict

__all__ = [
    "EnvironmentInfo",
    "Instance",
    "InstanceStatistics",
    "Job",
    "JobResult",
    "JobSchedule",
    "LicenseInformation",
    "Profile",
    "ServerInfo",
    "ServerSideExecution",
    "ServiceMessage",
    "ServiceStatus",
    "Store",
    "TimeZone",
    "WorkerResult",
    "WorkerResultReport",
]


class ServerInfo(TypedDict):
    """GetServerInfo: the server's version (``"25.3.1.23021"``) and its machine name."""

    version: str
    machineName: str


class LicenseInformation(TypedDict, total=False):
    """GetLicenseInformation: ``namedUsers`` in use and ``maxNamedUsers`` licensed."""

    namedUsers: int
    maxNamedUsers: Optional[int]
    licenseeName: str
    licenseeID: int


class TimeZone(TypedDict):
    """One item of GetTimeZones: the id to pass as timeZoneID/timeZoneId, and its name."""

    id: str
    displayName: str


class ServerSideExecution(TypedDict, total=False):
    """A profile's ``serverSideExecution``: string values (``"true"``, ``"300"``)."""

    automatic: str
    automaticPauseBetweenExecutions: str
    automaticMaintenanceWindows: str


class Profile(TypedDict):
    """One item of GetProfiles(raw=True).

    ``type`` is ``"I"`` for archiving and ``"E"`` for export; ``details`` holds the
    connector's settings as strings; ``serverSideExecution`` is None for a profile that
    runs on a client machine.
    """

    id: int
    name: str
    owner: str
    type: str
    connector: str
    details: Dict[str, str]
    serverSideExecution: Optional[ServerSideExecution]


class _WorkerResult(TypedDict):
    id: int
    userName: str
    result: str
    itemsArchived: int
    startTime: str
    completeTime: str
    machineName: str


class WorkerResult(_WorkerResult, total=False):
    """One item of GetWorkerResults: a profile run.

    ``result`` is the run's outcome: ``succeeded``, ``completedWithErrors``, ``failed``,
    ``cancelled`` (others have been reported). ``profileId`` and ``profileName`` are
    missing for a run without a stored profile.
    """

    profileId: int
    profileName: str


class WorkerResultReport(WorkerResult):
    """GetWorkerResultReport: the run, plus its ``report`` text (CRLF line ends)."""

    report: str


class JobSchedule(TypedDict, total=False):
    """A job's ``schedule``: its time zone and one of date, interval or time."""

    timeZoneId: str
    date: str
    interval: int
    time: str
    dayOfWeek: str
    dayOfMonth: str


class Job(TypedDict):
    """One item of GetJobs; the ``...Utc`` times are UTC, None before the first run."""

    id: int
    name: str
    action: str
    owner: str
    enabled: bool
    creationDateTimeUtc: str
    lastStartDateTimeUtc: Optional[str]
    lastCompleteDateTimeUtc: Optional[str]
    nextStartDateTimeUtc: Optional[str]
    schedule: JobSchedule


class JobResult(TypedDict):
    """One item of GetJobResults: a job's run, times in the zone the call asked for."""

    jobResultId: int
    jobId: int
    action: str
    startTime: str
    completeTime: str
    result: str


class _Store(TypedDict):
    id: int
    name: str
    requestedState: str
    error: Optional[str]
    statisticsCount: Optional[int]
    statisticsSize: Optional[int]
    needsUpgrade: bool
    searchIndexesNeedRebuild: bool


class Store(_Store, total=False):
    """One item of GetStores: ``statisticsSize`` (bytes) is None without includeSize=True.

    ``error`` is the reason the store cannot be used, or None.
    """

    type: str
    databaseName: Optional[str]
    databasePath: Optional[str]
    contentPath: Optional[str]
    indexPath: Optional[str]
    serverName: Optional[str]
    userName: Optional[str]


class Instance(TypedDict, total=False):
    """One item of GetInstances (SPE): ``status`` is ``running``, ``stopped``, ..."""

    instanceID: str
    alias: str
    displayName: str
    instanceHost: str
    startMode: str
    processID: Optional[int]
    status: str
    startStopError: Optional[str]


class InstanceStatistics(TypedDict, total=False):
    """GetInstanceStatistics (SPE); empty for an instance that is not running."""

    totalSizeMB: int
    databaseFileSizeMB: int
    contentFileSizeMB: int
    indexFileSizeMB: int
    numberOfMessages: int


class ServiceMessage(TypedDict, total=False):
    """One of GetServiceStatus' ``messages``: ``type`` is information, warning or error."""

    type: str
    text: str
    isSubItem: bool


class EnvironmentInfo(TypedDict, total=False):
    """GetEnvironmentInfo (SPE), also GetServiceStatus' ``environmentInfo``."""

    version: str
    webClientVersion: str
    licenseeName: str
    licenseeID: int
    serverName: str
    userName: str


class ServiceStatus(TypedDict, total=False):
    """GetServiceStatus (SPE): the environment and the messages the console shows."""

    environmentInfo: EnvironmentInfo
    messages: List[ServiceMessage]
