"""The emulator's default archive content, built as plain JSON data.

:func:`default_dataset` returns a realistic, deterministic archive: users, stores, folders,
messages, profiles, jobs, their results and the configurations.  Secrets the real server
never returns (user passwords, the directory-services and SMTP passwords) are kept under keys
named ``password`` or starting with an underscore; the API functions strip them.
"""

from __future__ import annotations

import copy
import datetime as _dt
import random
from types import MappingProxyType
from typing import Any, Dict, List, Optional, Sequence, Tuple

DATASET_FORMAT = "mailstore-emulator-dataset"
DATASET_VERSION = 1

#: The complete list of login privileges, as assigned when none are given.
ALL_LOGIN_PRIVILEGES = ("windows", "web", "outlook", "windowsCmd", "imap", "api")

JsonDict = Dict[str, Any]

_DOMAIN = "example.com"

_PEOPLE: Tuple[Tuple[str, str], ...] = (
    ("anna.schmidt", "Anna Schmidt"),
    ("ben.carter", "Ben Carter"),
    ("carla.rossi", "Carla Rossi"),
    ("david.nguyen", "David Nguyen"),
    ("emma.johansson", "Emma Johansson"),
    ("fatima.haddad", "Fatima Haddad"),
    ("george.miller", "George Miller"),
    ("hannah.weber", "Hannah Weber"),
    ("isabel.garcia", "Isabel García"),
    ("jürgen.müller", "Jürgen Müller"),
    ("karen.obrien", "Karen O'Brien"),
    ("lars.eriksen", "Lars Eriksen"),
    ("maria.silva", "Maria Silva"),
    ("noah.fischer", "Noah Fischer"),
    ("olivia.brown", "Olivia Brown"),
    ("paul.dubois", "Paul Dubois"),
    ("quinn.taylor", "Quinn Taylor"),
    ("rachel.kim", "Rachel Kim"),
    ("sofia.costa", "Sofia Costa"),
    ("thomas.becker", "Thomas Becker"),
    ("ursula.klein", "Ursula Klein"),
    ("victor.petrov", "Victor Petrov"),
    ("wei.zhang", "Wei Zhang"),
    ("yusuf.demir", "Yusuf Demir"),
    ("åsa.öberg", "Åsa Öberg"),
)

_ASCII_ADDRESS = MappingProxyType({"jürgen.müller": "juergen.mueller", "åsa.öberg": "asa.oberg"})

_SUBJECTS = (
    "Quarterly report Q{q}",
    "Re: Project Alpha kick-off",
    "Invoice {n}",
    "Meeting notes {d}",
    "Fwd: Contract draft v{q}",
    "Holiday schedule",
    "Re: Server maintenance window",
    "Welcome aboard!",
    "Order confirmation #{n}",
    "Budget planning {y}",
)

# (id, displayName, base UTC offset in minutes); DST is ignored by the emulator.
_TIME_ZONES: Tuple[Tuple[str, str, int], ...] = (
    ("$Local", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna (local)", 60),
    ("UTC", "(UTC) Coordinated Universal Time", 0),
    ("W. Europe Standard Time", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", 60),
    ("GMT Standard Time", "(UTC+00:00) Dublin, Edinburgh, Lisbon, London", 0),
    ("Eastern Standard Time", "(UTC-05:00) Eastern Time (US & Canada)", -300),
    ("Pacific Standard Time", "(UTC-08:00) Pacific Time (US & Canada)", -480),
    ("India Standard Time", "(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", 330),
    ("Tokyo Standard Time", "(UTC+09:00) Osaka, Sapporo, Tokyo", 540),
    ("AUS Eastern Standard Time", "(UTC+10:00) Canberra, Melbourne, Sydney", 600),
)


def default_dataset(seed: int = 8463, *, machine_name: str = "MAILSTORE-EMU") -> JsonDict:
    """A fresh copy of the default archive content.

    The same ``seed`` always gives the same content; another seed varies the messages,
    folders and worker results.  ``machine_name`` is the server's name in GetServerInfo and
    in the worker results.
    """
    rnd = random.Random(seed)
    users = _default_users(rnd)
    stores = _default_stores()
    folders, messages = _default_folders_and_messages(rnd, users, stores)
    return {
        "format": DATASET_FORMAT,
        "version": DATASET_VERSION,
        "serverInfo": {"version": "25.3.1.23021", "machineName": machine_name},
        "users": users,
        "stores": stores,
        "folders": folders,
        "messages": messages,
        "storeIndexes": {"selectedForRebuild": [], "needsRebuild": ["5:carla.rossi"]},
        "profiles": _default_profiles(),
        "jobs": _default_jobs(),
        "jobResults": _default_job_results(),
        "workerResults": _default_worker_results(rnd, machine_name),
        "credentials": _default_credentials(),
        "complianceConfiguration": _default_compliance(),
        "directoryServicesConfiguration": _default_directory_services(),
        "directoryUsers": _default_directory_users(users),
        "smtpSettings": default_smtp(),
        "retentionPolicies": _default_retention_policies(),
        "storeAutoCreateConfiguration": _default_store_auto_create(),
        "serviceConfiguration": _default_service_configuration(),
        "licenseInformation": _default_license(),
        "timeZones": [{"id": i, "displayName": n, "_offsetMinutes": o} for i, n, o in _TIME_ZONES],
        "activeSessions": _default_sessions(),
        "statusReports": [],
        "backups": [],
    }


def make_user(
    name: str,
    full: Optional[str] = None,
    *,
    auth: str = "integrated",
    dn: Optional[str] = None,
    emails: Sequence[str] = (),
    privileges: Sequence[str] = ("login",),
    login: Sequence[str] = ALL_LOGIN_PRIVILEGES,
    folders: Sequence[JsonDict] = (),
    mfa: str = "Disabled",
    pop3: Sequence[str] = (),
    password: Optional[str] = None,
) -> JsonDict:
    """A user as the archive keeps it; ``password`` and ``appPasswords`` are never returned."""
    return {
        "userName": name,
        "fullName": full,
        "distinguishedName": dn,
        "authentication": auth,
        "mfaStatus": mfa,
        "emailAddresses": list(emails),
        "pop3UserNames": list(pop3),
        "privileges": list(privileges),
        "loginPrivileges": list(login),
        "privilegesOnFolders": copy.deepcopy(list(folders)),
        "password": password,
        "appPasswords": 0,
    }


def _staff_dn(full: str) -> str:
    return f"CN={full},OU=Staff,DC=example,DC=com"


def _default_users(rnd: random.Random) -> List[JsonDict]:
    users = [
        make_user(
            "admin",
            "Administrator",
            emails=[f"admin@{_DOMAIN}", "postmaster@example.net"],
            privileges=["admin"],
            password="admin",
        ),
        make_user(
            "backup.admin",
            "Backup Operator",
            emails=[f"backup@{_DOMAIN}"],
            privileges=["admin"],
            login=["windows", "web", "api"],
            password="Backup-2026!",
        ),
        make_user(
            "monitoring",
            "Monitoring (no API access)",
            privileges=["admin"],
            login=["web"],
            password="monitor",
        ),
        make_user(
            "helpdesk",
            "Helpdesk",
            emails=[f"helpdesk@{_DOMAIN}"],
            privileges=["login", "changePassword", "export"],
            password="helpdesk",
            folders=[],
        ),
        make_user(
            "info",
            "Info Mailbox",
            emails=[f"info@{_DOMAIN}", f"sales@{_DOMAIN}"],
            pop3=["info"],
            folders=[{"folder": "info", "privileges": ["read"]}],
        ),
    ]
    for index, (name, full) in enumerate(_PEOPLE):
        local = _ASCII_ADDRESS.get(name, name)
        emails = [f"{local}@{_DOMAIN}"]
        if index % 5 == 0:
            emails.append(f"{local.split('.')[0][0]}.{local.split('.')[-1]}@example.de")
        privileges = ["login"]
        if index % 7 == 3:
            privileges = ["login", "export", "modifyExportProfiles"]
        folders = [{"folder": name, "privileges": ["read"]}]
        if name == "george.miller":
            folders.append({"folder": "info", "privileges": ["read", "write"]})
        if name == "hannah.weber":
            folders.append({"folder": "karen.obrien", "privileges": ["read"]})
        mfa = "Enabled" if index % 6 == 2 else "Disabled"
        users.append(
            make_user(
                name,
                full,
                auth="directoryServices",
                dn=_staff_dn(full),
                emails=emails,
                privileges=privileges,
                folders=folders,
                mfa=mfa,
            )
        )
    users.append(
        make_user(
            "former.employee",
            "Former Employee",
            emails=[f"former.employee@{_DOMAIN}"],
            privileges=[],
            login=[],
            folders=[],
        )
    )
    return users


def _store(
    sid: int,
    name: str,
    state: str,
    count: int,
    *,
    kind: str = "FileSystemInternal",
    error: Optional[str] = None,
    upgrade: bool = False,
    rebuild: bool = False,
    locked: bool = False,
) -> JsonDict:
    base = f"D:\\MailStore Server Data\\Stores\\{name}"
    store: JsonDict = {
        "id": sid,
        "name": name,
        "type": kind,
        "requestedState": state,
        "error": error,
        "statisticsCount": count,
        "statisticsSize": count * 73_412 + sid * 1_048_576,
        "needsUpgrade": upgrade,
        "searchIndexesNeedRebuild": rebuild,
        "databaseName": None,
        "databasePath": base,
        "contentPath": base + "\\Content",
        "indexPath": base + "\\Index",
        "serverName": None,
        "userName": None,
        "password": None,
        "locked": locked,
    }
    if kind != "FileSystemInternal":
        store.update(
            databaseName=f"MailStore_{sid}",
            databasePath=None,
            serverName="sql01.example.com",
            userName="mailstore",
        )
    return store


def _default_stores() -> List[JsonDict]:
    return [
        _store(1, "Archive 2025", "normal", 3612),
        _store(2, "Archive 2024", "writeProtected", 18342),
        _store(3, "Archive 2026", "current", 1249),
        _store(4, "Migration (SQL Server)", "disabled", 5120, kind="SQLServer"),
        _store(
            5,
            "Imported 2019",
            "normal",
            2304,
            error="The archive store belongs to a different MailStore Server installation "
            "and has to be unlocked.",
            upgrade=True,
            rebuild=True,
            locked=True,
        ),
    ]


def _default_folders_and_messages(
    rnd: random.Random, users: List[JsonDict], stores: List[JsonDict]
) -> Tuple[List[str], List[JsonDict]]:
    folders: List[str] = []
    messages: List[JsonDict] = []
    counters = {s["id"]: 0 for s in stores}
    archive_owners = [u for u in users if u["privilegesOnFolders"] or u["userName"] == "info"]
    for user in archive_owners:
        name = user["userName"]
        subfolders = ["Inbox", "Sent Items"]
        if rnd.random() < 0.4:
            subfolders.append("Projects/Alpha")
        if rnd.random() < 0.3:
            subfolders.append("Old")  # stays empty: something for DeleteEmptyFolders
        folders.append(name)
        for sub in subfolders:
            parts = sub.split("/")
            for depth in range(1, len(parts) + 1):
                path = name + "/" + "/".join(parts[:depth])
                if path not in folders:
                    folders.append(path)
        address = user["emailAddresses"][0] if user["emailAddresses"] else f"{name}@{_DOMAIN}"
        for sub in subfolders:
            if sub == "Old":
                continue
            for _ in range(rnd.randint(2, 5)):
                messages.append(_message(rnd, counters, name + "/" + sub, address, sub))
    return folders, messages


def _message(
    rnd: random.Random, counters: Dict[int, int], folder: str, address: str, sub: str
) -> JsonDict:
    year = rnd.choice([2024, 2025, 2025, 2026, 2026, 2026])
    store_id = {2024: 2, 2025: 1, 2026: 3}[year]
    counters[store_id] += 1
    month = rnd.randint(1, 4 if year == 2026 else 12)
    date = _dt.datetime(year, month, rnd.randint(1, 28), rnd.randint(7, 18), rnd.randint(0, 59))
    subject = rnd.choice(_SUBJECTS).format(
        q=rnd.randint(1, 4), n=rnd.randint(10000, 99999), d=date.strftime("%Y-%m-%d"), y=year
    )
    partner = rnd.choice(["j.smith@partner.example", "billing@vendor.example", f"team@{_DOMAIN}"])
    sent = sub == "Sent Items"
    return {
        "id": f"{store_id}:{counters[store_id]}",
        "folder": folder,
        "subject": subject,
        "from": address if sent else partner,
        "to": partner if sent else address,
        "date": date.strftime("%Y-%m-%dT%H:%M:%S"),
        "size": rnd.randint(2_000, 2_500_000),
    }


def server_side_execution(
    automatic: bool, pause: int = 600, windows: Optional[str] = None
) -> Dict[str, str]:
    """A profile's ``serverSideExecution``: string values, as real servers return them."""
    execution = {
        "automatic": "true" if automatic else "false",
        "automaticPauseBetweenExecutions": str(pause),
    }
    if windows:
        execution["automaticMaintenanceWindows"] = windows
    return execution


def _profile(
    pid: int,
    version: int,
    name: str,
    connector: str,
    details: Dict[str, str],
    execution: Optional[Dict[str, str]],
    *,
    kind: str = "I",
    owner: str = "admin",
) -> JsonDict:
    return {
        "id": pid,
        "version": version,
        "name": name,
        "owner": owner,
        "type": kind,
        "connector": connector,
        "details": details,
        "serverSideExecution": execution,
    }


def _default_profiles() -> List[JsonDict]:
    """Raw profiles: the IMAP one has the details keys a real IMAP profile was seen with."""
    imap = {
        "disableAutoExcludeSourceFolders": "0",
        "disableAutomaticDetectionOfSentFolders": "0",
        "emailAddress": "info@example.com",
        "excludeUnRead": "0",
        "host": "imap.example.com",
        "ignoreSSLPolicyErrors": "1",
        "password": "",
        "protocol": "IMAP-SSL",
        "subType": "0",
        "targetUserFolder": "info",
        "timeout": "0",
        "userName": "info@example.com",
    }
    m365 = {
        "credentialId": "1",
        "excludeFolders": "Junk E-mail;Deleted Items",
        "deleteMessages": "0",
    }
    journal = {
        "host": "exchange01.example.com",
        "userName": "journal@example.com",
        "password": "",
        "deleteMessages": "1",
    }
    export = {"targetDirectory": "E:\\Exports\\2026-017", "format": "EML"}
    return [
        _profile(1, 7, "Microsoft 365 Mailboxes", "Microsoft365", m365,
                 server_side_execution(True, 900, "22:00-23:30")),
        _profile(2, 3, "Exchange Journal", "ExchangeJournal", journal,
                 server_side_execution(False)),
        _profile(3, 2, "IMAP info@example.com", "IMAP", imap, server_side_execution(True, 300)),
        _profile(4, 1, "Export legal case 2026-017", "Directory", export,
                 server_side_execution(False), kind="E"),
        _profile(5, 4, "Outlook (Anna Schmidt, client-side)", "Outlook", {}, None,
                 owner="anna.schmidt"),
    ]  # fmt: skip


def _default_jobs() -> List[JsonDict]:
    def job(jid: int, name: str, action: str, enabled: bool, schedule: JsonDict) -> JsonDict:
        return {
            "id": jid,
            "name": name,
            "action": action,
            "owner": "admin",
            "creationDateTimeUtc": f"2024-0{jid}-1{jid}T10:42:40",
            "lastStartDateTimeUtc": "2026-05-02T01:30:04" if enabled else None,
            "lastCompleteDateTimeUtc": "2026-05-02T01:31:12" if enabled else None,
            "nextStartDateTimeUtc": "2026-05-03T01:30:00" if enabled else None,
            "enabled": enabled,
            "schedule": schedule,
        }

    return [
        job(1, "Process Retention Policies", "ProcessRetentionPolicies", True,
            {"timeZoneId": "$Local", "time": "03:30:00"}),
        job(2, "Nightly Backup", 'CreateBackup --path="E:\\Backup" --excludeSearchIndexes=true',
            True, {"timeZoneId": "$Local", "time": "01:30:00"}),
        job(3, "Weekly Verification", "VerifyStores --includeIndexes=false", True,
            {"timeZoneId": "$Local", "time": "02:00:00", "dayOfWeek": "Sunday"}),
        job(4, "Compact Master Database", "CompactMasterDatabase", False,
            {"timeZoneId": "$Local", "time": "04:00:00", "dayOfMonth": "Last"}),
        job(5, "Refresh Store Statistics", "RefreshAllStoreStatistics", True,
            {"timeZoneId": "UTC", "interval": 60}),
    ]  # fmt: skip


def _default_job_results() -> List[JsonDict]:
    results: List[JsonDict] = []
    next_id = 2400
    day = _dt.datetime(2026, 1, 1)
    while day < _dt.datetime(2026, 5, 3):
        runs = [(1, "ProcessRetentionPolicies", 2, 30, 0), (2, "CreateBackup", 0, 30, 1)]
        if day.weekday() == 6:
            runs.append((3, "VerifyStores", 1, 0, 9))
        for job_id, action, hour, minute, minutes in runs:
            start = day.replace(hour=hour, minute=minute, second=4)
            outcome = "failed" if (day.day == 13 and job_id == 2) else "succeeded"
            next_id += 1
            results.append(
                {
                    "jobResultId": next_id,
                    "jobId": job_id,
                    "action": action,
                    "startTime": _iso(start),
                    "completeTime": _iso(start + _dt.timedelta(minutes=minutes, seconds=31)),
                    "result": outcome,
                }
            )
        day += _dt.timedelta(days=1)
    results.reverse()  # newest first, as the real server lists them
    return results


def _outcome(roll: float, mostly_errors: bool) -> str:
    """A run's result; Microsoft 365 runs end mostly ``completedWithErrors``, as seen at an MSP."""
    succeeded = 0.1 if mostly_errors else 0.7
    for limit, outcome in (
        (succeeded, "succeeded"),
        (0.9, "completedWithErrors"),
        (0.95, "failed"),
    ):
        if roll < limit:
            return outcome
    return "cancelled"


def _default_worker_results(rnd: random.Random, machine_name: str) -> List[JsonDict]:
    names = {1: "Microsoft 365 Mailboxes", 2: "Exchange Journal", 3: "IMAP info@example.com"}
    results: List[JsonDict] = []
    next_id = 419900
    moment = _dt.datetime(2026, 1, 2, 6, 0, 0)
    while moment < _dt.datetime(2026, 5, 3):
        next_id += 1
        profile = rnd.choice([1, 1, 1, 2, 3])
        outcome = _outcome(rnd.random(), mostly_errors=profile == 1)
        duration = _dt.timedelta(seconds=rnd.randint(20, 900))
        item: JsonDict = {
            "id": next_id,
            "userName": "admin",
            "profileId": profile,
            "profileName": names[profile],
            "result": outcome,
            "itemsArchived": 0 if outcome in ("failed", "cancelled") else rnd.randint(0, 400),
            "startTime": _iso(moment),
            "completeTime": _iso(moment + duration),
            "machineName": machine_name,
        }
        if next_id % 29 == 0:  # an ad-hoc run without a stored profile
            del item["profileId"], item["profileName"]
        results.append(item)
        moment += _dt.timedelta(hours=rnd.choice([12, 24, 36]), minutes=rnd.randint(0, 59))
    return results


def _default_credentials() -> List[JsonDict]:
    return [
        {
            "ID": 1,
            "Type": "Office365_Modern",
            "Description": "Microsoft 365 archiving",
            "Settings": {
                "ApplicationId": "00000000-0000-4000-8000-00000000a001",
                "TenantId": "00000000-0000-4000-8000-00000000b002",
                "CertificateThumbprint": "3F2A9C1D7E5B4A60918273645546372819ABCDEF",
                "CertificateExpirationDate": "2027-03-15T10:58:01Z",
            },
        },
        {
            "ID": 2,
            "Type": "SignedEnvelope",
            "Description": "Journal envelope signing",
            "Settings": {},
        },
    ]


def _default_compliance() -> JsonDict:
    return {
        "legalHoldEnabled": False,
        "logSuccessfulUserActivities": [
            "ComplianceChangeSettings",
            "RetentionPoliciesMessageDelete",
            "SessionLogin",
            "SessionLogout",
            "UserAdd",
            "UserDelete",
            "UserRename",
            "UserSetFolderAccess",
            "UserSetPassword",
            "UserUpdate",
        ],
    }


def _default_directory_services() -> JsonDict:
    return {
        "type": "activeDirectory",
        "serverName": "dc01.example.com",
        "protocol": "LDAP",
        "authenticationType": "standardAuthentication",
        "userName": "EXAMPLE\\svc-mailstore",
        "password": None,
        "baseDN": "OU=Staff,DC=example,DC=com",
        "microsoftExchangeUsersOnly": False,
        "enabledUsersOnly": True,
        "usersVisibleInAddressListsOnly": False,
        "groups": ["MailStore Users"],
        "userNameFormat": "samAccountName",
        "authenticationProtocol": "networkAuthentication",
        "openIdDiscoveryUrl": None,
        "openIdClientID": None,
        "openIdRedirectUrl": None,
        "openIdForceAdfsLogin": False,
        "deleteUsers": False,
        "_password": "Dir-Secret-1",
    }


def _default_directory_users(users: List[JsonDict]) -> List[JsonDict]:
    """The users the emulated directory server knows: the synced ones plus two new hires."""
    known = [
        {
            "userName": u["userName"],
            "fullName": u["fullName"],
            "distinguishedName": u["distinguishedName"],
            "emailAddresses": list(u["emailAddresses"]),
        }
        for u in users
        if u["authentication"] == "directoryServices" and u["userName"] != "karen.obrien"
    ]
    for name, full in (("lena.hoffmann", "Lena Hoffmann"), ("mike.ross", "Mike Ross")):
        known.append(
            {
                "userName": name,
                "fullName": full,
                "distinguishedName": _staff_dn(full),
                "emailAddresses": [f"{name}@{_DOMAIN}"],
            }
        )
    return known


def default_smtp() -> JsonDict:
    """SMTP settings as the archive keeps them; the password only under ``_password``."""
    return {
        "serverName": "smtp.example.com",
        "port": 587,
        "protocol": "SMTP-TLS",
        "ignoreSslPolicyErrors": False,
        "authenticationRequired": True,
        "userName": "mailstore@example.com",
        "password": None,
        "fromAddress": "mailstore@example.com",
        "fromDisplayName": "MailStore Server",
        "recipient": "it-team@example.com",
        "_password": "Smtp-Secret-1",
    }


def _default_retention_policies() -> JsonDict:
    return {
        "policies": [
            {
                "id": 1,
                "name": "Keep everything for 10 years",
                "enabled": True,
                "retentionPeriod": 10,
                "retentionPeriodUnit": "years",
                "basedOn": "messageDate",
                "folders": ["*"],
            },
            {
                "id": 2,
                "name": "Newsletters: 1 year",
                "enabled": False,
                "retentionPeriod": 1,
                "retentionPeriodUnit": "years",
                "basedOn": "archiveDate",
                "folders": ["info/Newsletters"],
            },
        ]
    }


def _default_store_auto_create() -> JsonDict:
    return {
        "enabled": True,
        "interval": "yearly",
        "maxSizeMB": None,
        "type": "FileSystemInternal",
        "basePath": "D:\\MailStore Server Data\\Stores",
        "namePattern": "Archive {yyyy}",
    }


def _default_service_configuration() -> JsonDict:
    return {
        "serverName": "mailstore.example.com",
        "baseDirectory": "D:\\MailStore Server Data",
        "serverCertificate": {
            "thumbprint": "A61597D8316DC39E26466F22C4C42B0C824ABE12",
            "subject": "CN=mailstore.example.com",
            "expirationDate": "2027-06-30T23:59:59",
        },
        "ports": {
            "mailStoreClient": 8462,
            "webAccessHttp": 8461,
            "webAccessHttps": 8462,
            "administrationApi": 8463,
            "imap": 143,
            "imaps": 993,
        },
        "administrationApiEnabled": True,
        "debugLogEnabled": False,
        "vssWriterEnabled": True,
    }


def _default_license() -> JsonDict:
    """The licence; GetLicenseInformation adds ``namedUsers``, the number in use."""
    return {"licenseeName": "Example Corp.", "licenseeID": 12345, "maxNamedUsers": 50}


def _default_sessions() -> List[JsonDict]:
    return [
        {
            "sessionId": "5b0d2c1e-7a41-4f0e-9c3b-1d2e3f4a5b6c",
            "userName": "anna.schmidt",
            "clientType": "WebAccess",
            "clientAddress": "10.0.10.21",
            "loginTime": "2026-05-04T08:12:55",
        },
        {
            "sessionId": "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4",
            "userName": "admin",
            "clientType": "MailStoreClient",
            "clientAddress": "10.0.10.5",
            "loginTime": "2026-05-04T07:58:10",
        },
        {
            "sessionId": "0f1e2d3c-4b5a-4697-8877-665544332211",
            "userName": "jürgen.müller",
            "clientType": "OutlookAddIn",
            "clientAddress": "10.0.11.42",
            "loginTime": "2026-05-04T09:03:27",
        },
    ]


def _iso(moment: _dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")
