"""Property tests: any text survives the form encoding and the JSON reply unchanged."""

from __future__ import annotations

from pathlib import Path

from emu_helpers import ApiClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailstore.emulator import Emulator
from mailstore.emulator.protocol import parse_form

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
)


@given(name=TEXT, value=st.text(max_size=40))
def test_parse_form_inverts_urlencode(name: str, value: str) -> None:
    import urllib.parse

    body = urllib.parse.urlencode({name: value}).encode("ascii")
    assert parse_form(body) == {name: value}


def test_full_names_round_trip_over_the_wire(mailstore_emulator_data_dir: Path) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir) as srv:
        api = ApiClient(srv)

        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        @given(full_name=TEXT.filter(lambda s: s.strip() == s))
        def round_trip(full_name: str) -> None:
            api.ok("SetUserFullName", userName="jürgen.müller", fullName=full_name)
            assert api.ok("GetUserInfo", userName="jürgen.müller")["fullName"] == full_name
            assert srv.stats.calls("SetUserFullName")[-1]["fullName"] == full_name

        try:
            round_trip()
        finally:
            api.close()
