"""Property-based: every argument value reaches the emulator exactly as intended.

The emulator logs the form arguments as it decoded them (``stats.log``); each example
is sent through a real HTTPS call and compared with the documented encoding rules.
"""

from __future__ import annotations

import json
import math
from typing import Any, Iterator, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mailstore

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SPECIAL = (
    "&=%+ ?#;/\\\"'<>~`|{}[],:"  # form and URL syntax
    "\U0001f600\U0001d518\U00010348\U0001f1e9\U0001f1ea"  # astral: emoji, math, Gothic, flag
    "\u05e9\u05dc\u05d5\u05dd\u0645\u0631\u062d\u0628\u0627\u200f\u200e\u202e"  # RTL, marks
    "e\u0301\u0308\u20dd\u0338"  # combining marks
    "\u00e9\u00df\u00f8\u0142\u4e2d\u6587\ufeff\u00a0\u2028\r\n\t\x00\x7f"
)

text_values = st.one_of(
    st.text(),
    st.text(alphabet=SPECIAL),
    st.text(
        alphabet=st.sampled_from(SPECIAL) | st.characters(blacklist_categories=("Cs",)),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(["", "&", "=", "%", "+", "%25", "%2B", "a=b&c=d", "+&=%", " ", "100%"]),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(500, 4000)),
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text_values,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(
            st.text(alphabet=SPECIAL, max_size=10) | st.text(max_size=10), inner, max_size=5
        )
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def wire(mailstore_emulator_data_dir: str) -> Iterator[Tuple[Any, Any]]:
    from mailstore.emulator import Emulator

    with Emulator(data_dir=mailstore_emulator_data_dir) as emu:
        client = mailstore.mgmt.ServerClient(
            host=emu.host, port=emu.port, caBundle=emu.ca_file, logLevel=0
        )
        yield emu, client
        client.close()


def received(emu: Any, function: str) -> Any:
    path, name, args = emu.stats.log[-1]
    assert (path, name) == (f"/api/invoke/{function}", function)
    return args


@SETTINGS
@given(value=text_values)
def test_strings_arrive_exactly(wire: Tuple[Any, Any], value: str) -> None:
    emu, client = wire
    client.GetUserInfo(value)
    assert received(emu, "GetUserInfo") == {"userName": value}
    client.call("GetUserInfo", {"userName": value, "extra": value, "none": None})
    assert received(emu, "GetUserInfo") == {"userName": value, "extra": value}


@SETTINGS
@given(
    value=st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False))
)
def test_scalars_arrive_as_documented(wire: Tuple[Any, Any], value: Any) -> None:
    emu, client = wire
    client.call("GetUserInfo", {"userName": value})
    if isinstance(value, bool):
        expected = "true" if value else "false"
    elif isinstance(value, int):
        expected = str(value)
    else:
        assert math.isfinite(value)
        expected = str(int(value)) if value.is_integer() else repr(value)
    assert received(emu, "GetUserInfo") == {"userName": expected}


@SETTINGS
@given(
    value=st.lists(
        st.text(
            alphabet=st.characters(blacklist_characters=",", blacklist_categories=("Cs",)),
            min_size=1,
        ),
        max_size=6,
    )
)
def test_lists_arrive_comma_joined(wire: Tuple[Any, Any], value: Any) -> None:
    emu, client = wire
    client.call("GetUserInfo", {"userName": value})
    assert received(emu, "GetUserInfo") == {"userName": ",".join(value)}


@SETTINGS
@given(
    value=st.dictionaries(st.text(max_size=12), json_values, max_size=6)
    | st.lists(json_values, max_size=6)
)
def test_json_arguments_arrive_as_the_same_json(wire: Tuple[Any, Any], value: Any) -> None:
    emu, client = wire
    client.call("SetComplianceConfiguration", {"config": value})  # a `json` argument
    sent = received(emu, "SetComplianceConfiguration")["config"]
    assert json.loads(sent) == value
    text = json.dumps(value)
    client.call("SetComplianceConfiguration", {"config": text})  # a str goes as it is
    assert received(emu, "SetComplianceConfiguration") == {"config": text}


@pytest.mark.parametrize("value", ["\ud800", "ok\udcffok", "\udfff\U0001f600"])
def test_text_that_is_not_utf8_is_an_argument_error(wire: Tuple[Any, Any], value: str) -> None:
    emu, client = wire
    before = emu.stats.requests
    with pytest.raises(mailstore.errors.ArgumentError) as info:
        client.call("GetUserInfo", {"userName": value})
    assert "userName" in str(info.value) and isinstance(info.value, ValueError)
    assert emu.stats.requests == before  # nothing was sent
