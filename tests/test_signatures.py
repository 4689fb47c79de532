"""Drop-in compatibility: every call MailStore's own wrapper accepts is accepted, same meaning.

The contract is ``tests/data/official-wrapper-signatures.json``: the public methods of
MailStore's example wrapper (2024) with their parameters in positional order and defaults (as
source text). For each of them our method must have the same parameter names in the same
positional order with the same defaults; anything we add must be keyword-only, or come after
all of theirs with a default. ``tests/data/wrapper-generations.json`` has the older wrappers
(2014, 2018, 2021), checked the same way below.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple, Type

import pytest
from fakes import RecordingTransport

from mailstore import catalog
from mailstore._encoding import encode_value
from mailstore.catalog import data, generate
from mailstore.mgmt import ServerClient, SPEClient

OFFICIAL_PATH = Path(__file__).resolve().parent / "data" / "official-wrapper-signatures.json"
OFFICIAL: Dict[str, Any] = json.loads(OFFICIAL_PATH.read_text(encoding="utf-8"))
CLASSES: Dict[str, Type[Any]] = {"ServerClient": ServerClient, "SPEClient": SPEClient}
KIND_OF = {"ServerClient": "server", "SPEClient": "spe"}
CORE_METHODS = ("__init__", "call", "GetStatus", "CancelAsync", "HandleToken", "YieldStatus")
CORE_METHODS += ("GetMetadata",)

OFFICIAL_CASES = [(cls, fn) for cls in CLASSES for fn in sorted(OFFICIAL[cls])]


def _api_methods(cls: Type[Any]) -> Dict[str, Any]:
    """The generated methods of ``cls``: public, PascalCase, defined by a class of its MRO that
    the generator wrote (``cls`` itself, or ``mailstore.mgmt.BaseClient`` for shared ones)."""
    methods: Dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__ in ("mailstore.mgmt", "mailstore.server", "mailstore.spe"):
            methods.update((n, f) for n, f in vars(klass).items() if n[:1].isupper())
    return methods


# --------------------------------------------------------------------------- the contract


def test_the_contract_has_the_expected_size() -> None:
    for cls, count in (("ServerClient", 89), ("SPEClient", 122)):
        functions = [n for n in OFFICIAL[cls] if n not in CORE_METHODS]
        assert len(functions) == count
        assert set(CORE_METHODS) <= set(OFFICIAL[cls])


@pytest.mark.parametrize(("cls_name", "function"), OFFICIAL_CASES)
def test_official_signature_is_accepted(cls_name: str, function: str) -> None:
    cls = CLASSES[cls_name]
    assert hasattr(cls, function), f"{cls_name}.{function} is missing"
    params = list(inspect.signature(getattr(cls, function)).parameters.values())
    assert params[0].name == "self"
    params = params[1:]
    theirs = OFFICIAL[cls_name][function]

    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    assert [p.name for p in positional[: len(theirs)]] == [t["name"] for t in theirs], (
        "positional order differs"
    )
    for ours, their in zip(positional, theirs):
        assert ours.kind is ours.POSITIONAL_OR_KEYWORD, ours.name
        if "default" in their:
            assert ours.default is not ours.empty, f"{ours.name} needs default {their['default']}"
            assert repr(ours.default) == their["default"], ours.name
        else:
            assert ours.default is ours.empty, f"{ours.name} must stay required"
    for extra in positional[len(theirs) :]:
        assert extra.default is not extra.empty, f"added parameter {extra.name} needs a default"
    for p in params:
        assert p.kind is not p.VAR_POSITIONAL or p.name not in {t["name"] for t in theirs}
        if p.kind is p.KEYWORD_ONLY:
            assert p.default is not p.empty, f"added keyword-only {p.name} needs a default"


# --------------------------------------------------------------------------- the catalog


@pytest.mark.parametrize("cls_name", list(CLASSES))
def test_every_catalogued_function_is_a_method(cls_name: str) -> None:
    kind = KIND_OF[cls_name]
    expected = {m.name for m in generate.build_methods(kind)}
    assert set(_api_methods(CLASSES[cls_name])) == expected
    excluded = {fn for fn, ov in data.overrides()[kind].items() if "exclude" in ov}
    assert expected | excluded == {e["name"] for e in catalog.load(kind)}


def test_official_functions_and_newer_ones_are_methods() -> None:
    for cls_name, cls in CLASSES.items():
        official = {n for n in OFFICIAL[cls_name] if n not in CORE_METHODS}
        assert official <= set(_api_methods(cls)), official - set(_api_methods(cls))
    assert "CreateCredential" in _api_methods(ServerClient)
    spe = _api_methods(SPEClient)
    assert {"GetMessages", "DeleteMessage"} <= set(spe)
    assert not {"CreateCredential", "TransferStores"} & set(spe)


@pytest.mark.parametrize("cls_name", list(CLASSES))
def test_method_shape(cls_name: str) -> None:
    """Required first, autoHandleToken=None last positional, typed, documented."""
    for name, func in _api_methods(CLASSES[cls_name]).items():
        sig = inspect.signature(func)
        params = list(sig.parameters.values())[1:]
        positional = [p for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        keyword_only = [p for p in params if p.kind is p.KEYWORD_ONLY]
        assert len(positional) + len(keyword_only) == len(params), name
        assert positional[-1].name == "autoHandleToken", name
        assert positional[-1].default is None, name
        assert sig.return_annotation is not sig.empty, name
        for p in params:
            assert p.annotation is not p.empty, (name, p.name)
        for p in keyword_only:
            assert p.default is None, (name, p.name)
        doc = inspect.getdoc(func)  # SPEClient inherits the doc of a shared function
        assert doc and "Args:" in doc and "Returns:" in doc, name


def test_spe_instance_functions() -> None:
    spe = catalog.by_name("spe")
    methods = _api_methods(SPEClient)
    takes_instance = {n for n in methods if any(a["name"] == "instanceID" for a in spe[n]["args"])}
    assert SPEClient._instance_functions == frozenset(takes_instance)
    assert len(takes_instance) > 80
    for name, func in methods.items():
        params = inspect.signature(func).parameters
        if name in takes_instance:
            p = params["instanceID"]
            assert p.kind is p.KEYWORD_ONLY and p.default is None, name
        else:
            assert "instanceID" not in params, name
    assert "instanceID" not in inspect.signature(ServerClient.GetUsers).parameters


# --------------------------------------------------------------------------- the calls


class _Recorder:
    """Stands in for ``_invoke``: records what a generated method passes to the core."""

    calls: List[Tuple[str, Dict[str, Any], Optional[bool], Tuple[str, ...], bool]]

    def _invoke(
        self,
        function: str,
        arguments: Dict[str, Any],
        autoHandleToken: Optional[bool] = None,
        json_args: Tuple[str, ...] = (),
        long_running: bool = False,
    ) -> Dict[str, Any]:
        self.calls.append(
            (function, dict(arguments), autoHandleToken, tuple(json_args), long_running)
        )
        return {"statusCode": "succeeded", "result": None}


def _recorder(cls: Type[Any]) -> Any:
    recording = type("Recording" + cls.__name__, (_Recorder, cls), {})
    obj = object.__new__(recording)  # no constructor: nothing is configured or sent
    obj.calls = []
    return obj


def _sentinel(name: str) -> str:
    return f"<{name}>"


def _calls(cls: Type[Any]) -> Iterator[Tuple[str, List[inspect.Parameter], Any]]:
    for name in sorted(_api_methods(cls)):
        params = list(inspect.signature(getattr(cls, name)).parameters.values())[1:]
        yield name, params, _recorder(cls)


@pytest.mark.parametrize("cls_name", list(CLASSES))
def test_positional_and_keyword_calls_send_the_same(cls_name: str) -> None:
    cls = CLASSES[cls_name]
    kind = KIND_OF[cls_name]
    entries = catalog.by_name(kind)
    server_entries = catalog.by_name("server")
    long_running = {m.name: m.long_running for m in generate.build_methods(kind)}
    for name, params, obj in _calls(cls):
        positional = [p for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        keyword_only = [p for p in params if p.kind is p.KEYWORD_ONLY]
        pos_values = [
            False if p.name == "autoHandleToken" else _sentinel(p.name) for p in positional
        ]
        kw_values = {p.name: _sentinel(p.name) for p in keyword_only}
        getattr(obj, name)(*pos_values, **kw_values)
        getattr(obj, name)(**{p.name: v for p, v in zip(positional, pos_values)}, **kw_values)
        first, second = obj.calls
        assert first == second, name
        function, arguments, auto, json_args, task = first
        assert function == name
        assert auto is False
        assert task is long_running[name], name  # Ctrl-C during its invoke is held
        api_args = {a["name"]: a for a in entries[name]["args"]}
        for extra in set(arguments) - set(api_args):  # Server-style arguments on SPE
            assert extra in {a["name"] for a in server_entries[name]["args"]}, (name, extra)
        assert set(api_args) <= set(arguments), name
        for arg, value in arguments.items():
            assert value == _sentinel(arg), (name, arg)
        assert json_args == tuple(a for a in arguments if api_args.get(a, {}).get("type") == "json")


def test_defaults_and_compat_values() -> None:
    server = _recorder(ServerClient)
    server.CreateUser("jdoe")
    server.SetUserLoginPrivileges("jdoe", [])
    server.SetUserLoginPrivileges("jdoe", "")
    server.SetUserLoginPrivileges("jdoe", ["web", "imap"])
    server.VerifyStore(1)
    server.GetWorkerResults("2026-01-01T00:00:00", "2026-02-01T00:00:00")
    server.GetStores()
    server.GetProfiles()
    server.CreateProfile({"type": "x"})
    server.SyncUsersWithDirectoryServices()
    server.RecoverStore(3)
    server.GetUserInfo("jdoe", True)
    sent = [(c[0], c[1]) for c in server.calls]
    assert sent == [
        (
            "CreateUser",
            {
                "userName": "jdoe",
                "privileges": "none",
                "fullName": None,
                "distinguishedName": None,
                "authentication": None,
                "password": None,
                "loginPrivileges": None,
            },
        ),
        ("SetUserLoginPrivileges", {"userName": "jdoe", "loginPrivileges": "none"}),
        ("SetUserLoginPrivileges", {"userName": "jdoe", "loginPrivileges": "none"}),
        ("SetUserLoginPrivileges", {"userName": "jdoe", "loginPrivileges": ["web", "imap"]}),
        ("VerifyStore", {"id": 1, "includeIndexes": True}),
        (
            "GetWorkerResults",
            {
                "fromIncluding": "2026-01-01T00:00:00",
                "toExcluding": "2026-02-01T00:00:00",
                "timeZoneID": "$Local",
                "profileID": None,
                "userName": None,
            },
        ),
        ("GetStores", {"includeSize": True}),
        ("GetProfiles", {"raw": True}),
        ("CreateProfile", {"properties": {"type": "x"}, "raw": True}),
        ("SyncUsersWithDirectoryServices", {"dryRun": False}),
        ("RecoverStore", {"id": 3, "encryptionKey": None, "recoverDeletedMessages": False}),
        ("GetUserInfo", {"userName": "jdoe"}),
    ]
    assert server.calls[-1][2] is True  # autoHandleToken passed positionally
    assert server.calls[8][3] == ("properties",)


def test_attach_store_official_order() -> None:
    server = _recorder(ServerClient)
    server.AttachStore("s1", "SQLServer", "d", "c", "i", "srv", "u", "p", "db", "normal", False)
    _, arguments, auto, _, _ = server.calls[0]
    assert arguments == {
        "name": "s1",
        "type": "SQLServer",
        "databaseName": "db",
        "databasePath": "d",
        "contentPath": "c",
        "indexPath": "i",
        "serverName": "srv",
        "userName": "u",
        "password": "p",
        "requestedState": "normal",
    }
    assert auto is False


def test_spe_attach_store_accepts_both_forms() -> None:
    spe = _recorder(SPEClient)
    spe.AttachStore("s1", requestedState="normal", path=r"E:\stores\s1", instanceID="c1")
    spe.AttachStore("s2", None, r"E:\s2\db", r"E:\s2\content", r"E:\s2\index")
    first, second = (c[1] for c in spe.calls)
    assert {k: v for k, v in first.items() if v is not None} == {
        "instanceID": "c1",
        "name": "s1",
        "path": r"E:\stores\s1",
        "requestedState": "normal",
    }
    assert {k: v for k, v in second.items() if v is not None} == {
        "name": "s2",
        "databasePath": r"E:\s2\db",
        "contentPath": r"E:\s2\content",
        "indexPath": r"E:\s2\index",
    }


# --------------------------------------------------------------------------- through the core


def test_encoded_request_of_representative_calls() -> None:
    fake = RecordingTransport()
    client = ServerClient(logLevel=0, transport=fake, connect=False)
    client.SetUserPrivileges("jdoe", ["login", "archive"])
    client.SetUserPrivileges(userName="jdoe", privileges="login,archive")
    client.VerifyStore(2, False)
    client.VerifyStore(id=2, includeIndexes=False)
    client.SetSmtpSettings({"serverName": "smtp.example.com", "port": 587})
    client.SetSmtpSettings(settings='{"serverName": "smtp.example.com", "port": 587}')
    client.CreateUser("jörg", None, "Jörg Ü")
    assert fake.posts == [
        ("invoke/SetUserPrivileges", [("userName", "jdoe"), ("privileges", "login,archive")]),
        ("invoke/SetUserPrivileges", [("userName", "jdoe"), ("privileges", "login,archive")]),
        ("invoke/VerifyStore", [("id", "2"), ("includeIndexes", "false")]),
        ("invoke/VerifyStore", [("id", "2"), ("includeIndexes", "false")]),
        (
            "invoke/SetSmtpSettings",
            [("settings", '{"serverName": "smtp.example.com", "port": 587}')],
        ),
        (
            "invoke/SetSmtpSettings",
            [("settings", '{"serverName": "smtp.example.com", "port": 587}')],
        ),
        (
            "invoke/CreateUser",
            [("userName", "jörg"), ("privileges", "none"), ("fullName", "Jörg Ü")],
        ),
    ]


def test_spe_instance_id_from_constructor_and_per_call() -> None:
    from mailstore.errors import ArgumentError

    fake = RecordingTransport()
    client = SPEClient(instanceID="customer1", logLevel=0, transport=fake, connect=False)
    client.GetUsers()
    client.GetUsers(instanceID="customer2")
    client.GetUserInfo("jdoe")
    client.GetInstances("*")  # a management function: no instanceID
    assert fake.posts == [
        ("invoke/GetUsers", [("instanceID", "customer1")]),
        ("invoke/GetUsers", [("instanceID", "customer2")]),
        ("invoke/GetUserInfo", [("instanceID", "customer1"), ("userName", "jdoe")]),
        ("invoke/GetInstances", [("instanceFilter", "*")]),
    ]
    bare_fake = RecordingTransport()
    bare = SPEClient(logLevel=0, transport=bare_fake, connect=False)
    with pytest.raises(ArgumentError, match="instanceID"):
        bare.GetUsers()
    bare.GetUsers(instanceID="customer3")
    bare.GetInstances("*")
    assert bare_fake.posts == [
        ("invoke/GetUsers", [("instanceID", "customer3")]),
        ("invoke/GetInstances", [("instanceFilter", "*")]),
    ]


def test_spe_port_default() -> None:
    params = inspect.signature(SPEClient.__init__).parameters
    assert params["port"].default == 8474
    assert list(params)[-1] != "instanceID" or params["instanceID"].default is None
    assert inspect.signature(ServerClient.__init__).parameters["port"].default == 8463


# --------------------------------------------------------------------------- the emulator


@pytest.fixture
def emulated(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Tuple[Any, Any]:
    """(emulator, client factory); the emulator's tasks step fast (still slower than its
    invoke wait, so that a task answers "running" first)."""
    emu = request.getfixturevalue("emu")
    monkeypatch.setattr(emu, "step_interval", 0.002)
    return emu, request.getfixturevalue("new_client")


def _last_invoke(emu: Any) -> Tuple[str, Dict[str, str]]:
    """The newest API function call the emulator logged (status polls skipped)."""
    for _, function, args in reversed(list(emu.stats.log)):
        if function not in ("get-status", "get-metadata", "cancel-async"):
            return function, dict(args)
    raise AssertionError("the emulator logged no function call")


# (function, positional arguments, the same as keywords, the form fields the server gets)
REPRESENTATIVE: List[Tuple[str, Tuple[Any, ...], Dict[str, Any], Dict[str, str]]] = [
    ("GetServerInfo", (), {}, {}),
    ("GetUserInfo", ("admin",), {"userName": "admin"}, {"userName": "admin"}),
    ("GetStores", (False,), {"includeSize": False}, {"includeSize": "false"}),
    (
        "GetChildFolders",
        ("anna.schmidt", 1),
        {"folder": "anna.schmidt", "maxLevels": 1},
        {"folder": "anna.schmidt", "maxLevels": "1"},
    ),
    (
        "GetWorkerResults",
        ("2026-01-01T00:00:00", "2026-01-02T00:00:00", "$Local", None, "admin"),
        {
            "fromIncluding": "2026-01-01T00:00:00",
            "toExcluding": "2026-01-02T00:00:00",
            "userName": "admin",
        },
        {
            "fromIncluding": "2026-01-01T00:00:00",
            "toExcluding": "2026-01-02T00:00:00",
            "timeZoneID": "$Local",
            "userName": "admin",
        },
    ),
    (
        "GetJobResults",
        ("2026-01-01T00:00:00", "2026-01-02T00:00:00"),
        {"fromIncluding": "2026-01-01T00:00:00", "toExcluding": "2026-01-02T00:00:00"},
        {
            "fromIncluding": "2026-01-01T00:00:00",
            "toExcluding": "2026-01-02T00:00:00",
            "timeZoneId": "$Local",
        },
    ),
    (
        "VerifyStore",
        (1, False),
        {"id": 1, "includeIndexes": False},
        {"id": "1", "includeIndexes": "false"},
    ),
    ("VerifyStore", (1,), {"id": 1}, {"id": "1", "includeIndexes": "true"}),
]


@pytest.mark.parametrize(("function", "args", "kwargs", "fields"), REPRESENTATIVE)
def test_positional_and_keyword_calls_against_the_emulator(
    emulated: Tuple[Any, Any],
    function: str,
    args: Tuple[Any, ...],
    kwargs: Dict[str, Any],
    fields: Dict[str, str],
) -> None:
    emu, new_client = emulated
    client = new_client()
    first = getattr(client, function)(*args)
    sent_positional = _last_invoke(emu)
    second = getattr(client, function)(**kwargs)
    sent_keyword = _last_invoke(emu)
    assert first["statusCode"] == second["statusCode"] == "succeeded"
    assert sent_positional == sent_keyword == (function, fields)


def test_compat_values_reach_the_emulator(emulated: Tuple[Any, Any]) -> None:
    emu, new_client = emulated
    client = new_client()
    sent = {}
    for call in (
        lambda: client.CreateUser("sig.test.user", None, "Sig Test"),
        lambda: client.SetUserPrivileges("sig.test.user", ["login", "archive"]),
        lambda: client.SetUserLoginPrivileges("sig.test.user", []),
        lambda: client.GetStores(),
        lambda: client.DeleteUser("sig.test.user"),
    ):
        call()
        function, fields = _last_invoke(emu)
        sent[function] = fields
    assert sent["CreateUser"] == {
        "userName": "sig.test.user",
        "privileges": "none",
        "fullName": "Sig Test",
    }
    assert sent["SetUserPrivileges"]["privileges"] == "login,archive"
    assert sent["SetUserLoginPrivileges"]["loginPrivileges"] == "none"
    assert sent["GetStores"] == {"includeSize": "true"}
    assert sent["DeleteUser"] == {"userName": "sig.test.user"}


# --------------------------------------------------------------------------- every generation

GENERATIONS: Dict[str, Any] = json.loads(
    (OFFICIAL_PATH.parent / "wrapper-generations.json").read_text(encoding="utf-8")
)

# Where two generations' signatures cannot both hold, the newest one wins and the older call
# keeps working by its value; each case has its own test below.
CONFLICTS = {
    # 2018/2021: CreateUser's 7th positional argument was autoHandleToken; since 2024 it is
    # loginPrivileges, which takes a bool there as autoHandleToken.
    ("2018", "CreateUser"): "test_create_user_takes_a_bool_7th_argument_as_auto_handle_token",
    ("2021", "CreateUser"): "test_create_user_takes_a_bool_7th_argument_as_auto_handle_token",
    # 2018/2021: call(method, arguments, invoke, autoHandleToken); since 2024 the 3rd is
    # autoHandleToken: invoke is accepted by name and not needed (the name routes).
    ("2018", "call"): "test_call_accepts_invoke_by_name",
    ("2021", "call"): "test_call_accepts_invoke_by_name",
    # 2021: a third party's stub without the profile id, which could not have worked.
    ("2021", "SetProfileServerSideExecution"): "",
    # 2014: errors take message, not msg, by name (positionally the same).
    ("2014", "__init__@mailstore.errors"): "test_2014_errors_take_a_message",
}
# Public methods of the wrappers that are not here yet.
PENDING: set = set()


def _classes(key: str) -> List[Type[Any]]:
    module_name, cls_name = key.split(":")[1].rsplit(".", 1)
    if cls_name == "BaseClient":  # 2018-2024: its methods live on both clients
        return [ServerClient, SPEClient]
    return [getattr(importlib.import_module(module_name), cls_name)]


GENERATION_CASES = [
    (key, cls.__module__ + "." + cls.__qualname__, name)
    for key, methods in GENERATIONS.items()
    if not key.startswith("_")
    for cls in _classes(key)
    for name in sorted(methods)
    if not (name == "__init__" and key.endswith("BaseClient"))  # not used directly
]


def _meaning(source: Optional[str]) -> Any:
    """What a default sends: None (left out) or the encoded text."""
    value = ast.literal_eval(source) if source is not None else None
    return None if value is None else encode_value("default", value)


@pytest.mark.parametrize(("key", "cls_path", "function"), GENERATION_CASES)
def test_every_generations_signature_is_accepted(key: str, cls_path: str, function: str) -> None:
    """Each parameter at its position, by its name, with a default that sends the same."""
    generation = key.split(":")[0]
    module_name, cls_name = cls_path.rsplit(".", 1)
    cls = getattr(importlib.import_module(module_name), cls_name)
    conflict = CONFLICTS.get((generation, function))
    if key.split(":")[1].startswith("mailstore.errors"):
        conflict = CONFLICTS[("2014", "__init__@mailstore.errors")]
    if function in PENDING:
        assert not hasattr(cls, function), f"{function} is here now: remove it from PENDING"
        return
    assert hasattr(cls, function), f"{cls_path}.{function} is missing"
    params = [p for p in inspect.signature(getattr(cls, function)).parameters.values()]
    params = [p for p in params if p.name != "self"]
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    theirs = GENERATIONS[key][function]
    names_match = [p.name for p in positional[: len(theirs)]] == [t[0] for t in theirs]
    if conflict is not None:
        assert not names_match, f"{function} has no conflict any more: remove it from CONFLICTS"
        return
    assert names_match, ("positional order differs", [t[0] for t in theirs])
    for ours, (name, default) in zip(positional, theirs):
        assert ours.kind is ours.POSITIONAL_OR_KEYWORD, name
        if default is not None:
            assert ours.default is not ours.empty, f"{name} needs default {default}"
            assert _meaning(repr(ours.default)) == _meaning(default), (name, ours.default)
    for extra in positional[len(theirs) :]:
        assert extra.default is not extra.empty, f"added parameter {extra.name} needs a default"
    for p in params:
        if p.kind is p.KEYWORD_ONLY:
            assert p.default is not p.empty, f"added keyword-only {p.name} needs a default"


def test_conflicts_name_their_tests() -> None:
    for reason in CONFLICTS.values():
        assert not reason or callable(globals().get(reason)), reason


def test_create_user_takes_a_bool_7th_argument_as_auto_handle_token() -> None:
    server = _recorder(ServerClient)
    server.CreateUser("jdoe", "login", "J. Doe", None, "integrated", "pw", False)  # 2018/2021
    server.CreateUser("jdoe", "login", "J. Doe", None, "integrated", "pw", ["web"], False)  # 2024
    (_, first, auto_first, _, _), (_, second, auto_second, _, _) = server.calls
    assert first["loginPrivileges"] is None and auto_first is False
    assert second["loginPrivileges"] == ["web"] and auto_second is False


def test_call_accepts_invoke_by_name() -> None:
    fake = RecordingTransport()
    client = ServerClient(logLevel=0, transport=fake, connect=False)
    client.call("GetUserInfo", {"userName": "jdoe"}, invoke=True)
    client.call("get-status", {"token": "t1"}, invoke=False)
    assert fake.posts == [
        ("invoke/GetUserInfo", [("userName", "jdoe")]),
        ("get-status", [("token", "t1")]),
    ]


def test_2014_errors_take_a_message() -> None:
    from mailstore.errors import MailStoreBaseError, MailStoreNoTokenError

    for cls in (MailStoreBaseError, MailStoreNoTokenError):
        assert str(cls("what went wrong")) == "what went wrong"
        assert str(cls()) == ""


def test_2014_spe_client_takes_instance_id_first() -> None:
    import mailstore.spe

    fake = RecordingTransport()
    client = mailstore.spe.Client(
        "admin", "admin", "127.0.0.1", 8474, True, 1000, None, 0, transport=fake, connect=False
    )
    client.GetUsers("customer1")
    client.GetUserInfo("customer1", "jdoe")
    client.CreateStore("customer1", "2014-01", r"E:\stores\2014-01")
    client.GetStores("customer1", False)  # 2014: the second argument is autoHandleToken
    client.GetInstances("*")  # a management function: no instance
    assert fake.posts == [
        ("invoke/GetUsers", [("instanceID", "customer1")]),
        ("invoke/GetUserInfo", [("instanceID", "customer1"), ("userName", "jdoe")]),
        (
            "invoke/CreateStore",
            [("instanceID", "customer1"), ("name", "2014-01"), ("path", r"E:\stores\2014-01")],
        ),
        ("invoke/GetStores", [("instanceID", "customer1")]),
        ("invoke/GetInstances", [("instanceFilter", "*")]),
    ]
    assert isinstance(client, SPEClient) and client.port == 8474


def test_2014_calls_against_the_emulator(
    emulated: Tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2014 script, unchanged: positional constructor with callbackStatus, 2014 call forms."""
    import mailstore.server

    emu, _ = emulated
    monkeypatch.setenv("MAILSTORE_CA_BUNDLE", emu.ca_file)  # the script does not know about TLS
    seen: List[Dict[str, Any]] = []
    client = mailstore.server.Client(
        "admin", "admin", emu.host, emu.port, True, 1000, seen.append, 0
    )
    try:
        assert client.GetUserInfo("admin")["result"]["userName"] == "admin"
        assert _last_invoke(emu) == ("GetUserInfo", {"userName": "admin"})

        assert client.GetStores()["statusCode"] == "succeeded"
        assert _last_invoke(emu) == ("GetStores", {})  # 2014 sent no includeSize

        created = client.CreateUser("gen2014.user", "login", "Gen User", None, "integrated", "pw")
        assert created["statusCode"] == "succeeded"
        assert _last_invoke(emu) == (
            "CreateUser",
            {
                "userName": "gen2014.user",
                "privileges": "login",
                "fullName": "Gen User",
                "authentication": "integrated",
                "password": "pw",
            },
        )
        assert client.DeleteUser("gen2014.user")["statusCode"] == "succeeded"

        store_id = client.GetStores()["result"][0]["id"]
        final = client.VerifyStore(store_id)  # followed to its end; callbackStatus sees it
        assert final["statusCode"] == "succeeded"
        # includeIndexes, which current servers require, is sent as later wrappers send it
        assert _last_invoke(emu) == ("VerifyStore", {"id": str(store_id), "includeIndexes": "true"})
        assert seen and seen[-1]["statusCode"] == "succeeded"

        running = client.VerifyStore(store_id, False)  # 2014: autoHandleToken by position
        assert running["statusCode"] == "running" and running["token"]
        assert client.HandleToken(running)["statusCode"] == "succeeded"
    finally:
        client.close()


# --------------------------------------------------------------------------- call() and arguments


def test_call_sends_what_the_method_sends(emulated: Tuple[Any, Any]) -> None:
    emu, new_client = emulated
    client = new_client()
    sent = []
    for create in (
        lambda name: client.CreateUser(name, None, "Call Test", loginPrivileges=[]),
        lambda name: client.call(
            "CreateUser", {"userName": name, "fullName": "Call Test", "loginPrivileges": []}
        ),
    ):
        assert create("call.test.user")["statusCode"] == "succeeded"
        sent.append(_last_invoke(emu))
        assert client.DeleteUser("call.test.user")["statusCode"] == "succeeded"
    assert sent[0] == sent[1]
    assert sent[0] == (
        "CreateUser",
        {
            "userName": "call.test.user",
            "privileges": "none",
            "fullName": "Call Test",
            "loginPrivileges": "none",
        },
    )
    for function, arguments in (
        ("VerifyStore", {"id": 1}),
        ("GetStores", {}),
        ("GetWorkerResults", {"fromIncluding": "2026-01-01T00:00:00", "toExcluding": "2026-01-02"}),
    ):
        getattr(client, function)(**arguments)
        by_method = _last_invoke(emu)
        client.call(function, arguments)
        assert _last_invoke(emu) == by_method, function


def test_call_of_a_long_running_function_behaves_as_the_method(
    emulated: Tuple[Any, Any],
) -> None:
    emu, new_client = emulated
    seen: List[Dict[str, Any]] = []
    client = new_client(callback=seen.append)
    by_method = client.VerifyStore(1, autoHandleToken=False)
    by_call = client.call("VerifyStore", {"id": 1}, autoHandleToken=False)
    for status in (by_method, by_call):
        assert status["statusCode"] == "running" and status["token"]
        assert client.HandleToken(status)["statusCode"] == "succeeded"
    seen.clear()
    assert client.call("VerifyStore", {"id": 1})["statusCode"] == "succeeded"  # followed
    assert seen[0]["statusCode"] == "running" and seen[-1]["statusCode"] == "succeeded"

    recorder = _recorder(ServerClient)
    recorder.call("VerifyStore", {"id": 1})
    recorder.call("SetSmtpSettings", {"settings": {"serverName": "smtp.example.com"}})
    recorder.call("NotCatalogued", {"x": 1})
    assert [(c[0], c[3], c[4]) for c in recorder.calls] == [
        ("VerifyStore", (), True),  # Ctrl-C during its invoke is held, as for the method
        ("SetSmtpSettings", ("settings",), False),
        ("NotCatalogued", (), False),
    ]


def test_an_empty_privilege_list_sends_none(emulated: Tuple[Any, Any]) -> None:
    emu, new_client = emulated
    client = new_client()
    assert client.CreateUser("empty.privileges", [])["statusCode"] == "succeeded"
    assert _last_invoke(emu)[1]["privileges"] == "none"
    try:
        for call, argument in (
            (lambda: client.SetUserPrivileges("empty.privileges", []), "privileges"),
            (lambda: client.SetUserPrivileges("empty.privileges", set()), "privileges"),
            (lambda: client.SetUserPrivileges("empty.privileges", ""), "privileges"),
            (lambda: client.SetUserLoginPrivileges("empty.privileges", ()), "loginPrivileges"),
            (
                lambda: client.SetUserPrivilegesOnFolder("empty.privileges", "admin", []),
                "privileges",
            ),
        ):
            assert call()["statusCode"] == "succeeded"
            assert _last_invoke(emu)[1][argument] == "none"
        client.SetUserPrivileges("empty.privileges", ["login"])
        assert "login" in client.GetUserInfo("empty.privileges")["result"]["privileges"]
        client.SetUserPrivileges("empty.privileges", [])
        assert "login" not in client.GetUserInfo("empty.privileges")["result"]["privileges"]
    finally:
        client.DeleteUser("empty.privileges")


def test_a_set_is_a_comma_list_in_sorted_order(emulated: Tuple[Any, Any]) -> None:
    emu, new_client = emulated
    client = new_client()
    client.CreateUser("set.privileges", {"login", "archive", "export"})
    try:
        assert _last_invoke(emu)[1]["privileges"] == "archive,export,login"
        client.SetUserPrivileges("set.privileges", frozenset({"login", "admin"}))
        assert _last_invoke(emu)[1]["privileges"] == "admin,login"
        client.SetUserPrivileges("set.privileges", ("login", "archive"))  # a tuple as before
        assert _last_invoke(emu)[1]["privileges"] == "login,archive"
    finally:
        client.DeleteUser("set.privileges")


def test_a_misspelled_keyword_says_what_was_meant() -> None:
    from mailstore.errors import ArgumentError

    fake = RecordingTransport()
    client = ServerClient(logLevel=0, transport=fake, connect=False)
    with pytest.raises(ArgumentError, match=r"'username': did you mean userName\?") as info:
        client.GetUserInfo(username="jdoe")
    assert isinstance(info.value, TypeError) and info.value.function == "GetUserInfo"
    with pytest.raises(ArgumentError, match="did you mean privileges"):
        client.SetUserPrivileges("jdoe", privilges="login")
    with pytest.raises(ArgumentError, match=r"missing .*'userName'.*GetUserInfo\(userName"):
        client.GetUserInfo()
    with pytest.raises(ArgumentError, match="instanceID"):
        SPEClient(logLevel=0, connect=False).GetUsers(instanceId="c1")
    assert fake.posts == []  # nothing was sent

    def raises_inside(*args: Any, **kwargs: Any) -> Any:
        raise TypeError("from inside")

    client._invoke = raises_inside  # a TypeError from inside the method passes unchanged
    with pytest.raises(TypeError, match="^from inside$") as inner:
        client.GetUserInfo("jdoe")
    assert not isinstance(inner.value, ArgumentError)
