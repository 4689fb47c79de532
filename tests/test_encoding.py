"""Unit tests of argument encoding and reply decoding (no HTTP)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

import pytest

from mailstore._encoding import check_envelope, decode_json, encode_arguments, form_body
from mailstore._log import REDACTED, redact, redact_fields
from mailstore.errors import ArgumentError, ProtocolError


@pytest.mark.parametrize(
    "value, sent",
    [
        (0, "0"),
        (False, "false"),
        (True, "true"),
        ("", ""),
        (42, "42"),
        (3.0, "3"),
        (2.5, "2.5"),
        ("jürgen.müller", "jürgen.müller"),
        (["read", "write"], "read,write"),
        (("admin",), "admin"),
        ([], ""),
        ({"a": 1}, '{"a": 1}'),
    ],
)
def test_value_table(value: Any, sent: str) -> None:
    assert encode_arguments({"x": value}) == [("x", sent)]


def test_none_is_left_out_and_order_kept() -> None:
    fields = encode_arguments({"a": None, "b": 0, "c": False, "d": "", "e": None})
    assert fields == [("b", "0"), ("c", "false"), ("d", "")]


@pytest.mark.parametrize(
    "value, sent",
    [
        ({"userName": "bob", "tags": ["x", "y"]}, {"userName": "bob", "tags": ["x", "y"]}),
        ([1, 2, {"k": None}], [1, 2, {"k": None}]),
        ({"name": "Zoë"}, {"name": "Zoë"}),
    ],
)
def test_json_arguments_from_objects(value: Any, sent: Any) -> None:
    [(name, text)] = encode_arguments({"config": value}, json_args=("config",))
    assert name == "config" and json.loads(text) == sent
    assert "Zoë" not in str(value) or "Zoë" in text  # not escaped to \\u00eb


def test_json_argument_string_is_sent_as_is() -> None:
    text = '{  "userName" : "bob" }'
    assert encode_arguments({"config": text}, json_args=("config",)) == [("config", text)]


@pytest.mark.parametrize("bad", [object(), {1, 2}, b"bytes", float("nan"), float("inf")])
def test_unsendable_values_raise_argument_error(bad: Any) -> None:
    with pytest.raises(ArgumentError) as info:
        encode_arguments({"userName": bad})
    assert "userName" in str(info.value)
    assert isinstance(info.value, TypeError)


def test_json_argument_rejects_numbers() -> None:
    with pytest.raises(ArgumentError, match="config"):
        encode_arguments({"config": 5}, json_args=("config",))


def test_form_body_round_trips_special_characters() -> None:
    values = ["a&b=c", "100%", "1+1 2", "ü€😀", "x\r\ny", "", "\u202eRTL", "e\u0301"]
    fields = [(f"k{i}", v) for i, v in enumerate(values)]
    body = form_body(fields)
    assert body.isascii()
    assert parse_qsl(body.decode(), keep_blank_values=True, encoding="utf-8") == fields


def test_form_body_of_nothing_is_empty() -> None:
    assert form_body([]) == b""


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
def test_decode_with_and_without_bom(prefix: bytes) -> None:
    data = {"statusCode": "succeeded", "result": {"userName": "jürgen"}}
    assert (
        decode_json(prefix + json.dumps(data).encode("utf-8"), function="F", status_code=200)
        == data
    )


@pytest.mark.parametrize(
    "body, words",
    [
        (b"<html><body>Bad Gateway</body></html>", "HTML"),
        (b'\xef\xbb\xbf{"statusCode": "succ', "not valid JSON"),
        (b"", "empty"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_decode_failures_are_protocol_errors(body: bytes, words: str) -> None:
    with pytest.raises(ProtocolError) as info:
        decode_json(body, function="GetUsers", status_code=200)
    assert words in str(info.value) and "GetUsers" in str(info.value)
    assert info.value.function == "GetUsers"


def test_check_envelope_rejects_other_json() -> None:
    with pytest.raises(ProtocolError, match="statusCode"):
        check_envelope([1, 2], function="GetUsers", status_code=200)


def test_redaction_of_fields_and_nested_json() -> None:
    fields = [
        ("userName", "bob"),
        ("password", "hunter2"),
        ("passphrase", "open sesame"),
        ("encryptionKey", "K3Y"),
        (
            "config",
            json.dumps({"userName": "x", "password": "p4ss", "nested": [{"clientSecret": "s3"}]}),
        ),
        ("settings", "{not json but maybe a password"),
    ]
    shown = redact_fields(fields)
    text = repr(shown)
    for secret in ("hunter2", "open sesame", "K3Y", "p4ss", "s3", "maybe a password"):
        assert secret not in text
    assert shown["userName"] == "bob"
    assert shown["config"]["userName"] == "x"
    assert shown["password"] == REDACTED


def test_redact_keeps_empty_secrets_visible() -> None:
    assert redact({"password": None, "smtpPassword": "", "apiKey": "x"}) == {
        "password": None,
        "smtpPassword": "",
        "apiKey": REDACTED,
    }
