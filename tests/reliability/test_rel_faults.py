"""The fault matrix (see rel_scenarios.py): each scenario asserts its expected behaviour."""

from __future__ import annotations

import pytest
from rel_scenarios import SCENARIOS, Scenario, run


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_fault_scenario(scenario: Scenario, mailstore_emulator_data_dir: str) -> None:
    outcome = run(scenario, mailstore_emulator_data_dir)
    assert outcome.invokes <= 1  # never an invoke sent twice
