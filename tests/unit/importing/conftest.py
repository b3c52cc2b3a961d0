"""FIT fixtures are slow to encode with fit-tool (about 0.7 ms a record), so each is built once a session."""

from __future__ import annotations

import pytest

from tests.unit.importing.builders import fit_bytes, steady


@pytest.fixture(scope="session")
def fit_run() -> bytes:
    """20 minutes at 3 m/s (3.6 km), positions, heart rate and cadence."""
    return fit_bytes([steady(1200, 3.0)])


@pytest.fixture(scope="session")
def fit_with_pause() -> bytes:
    """10 min, a 5-minute stop (timer stopped), 10 min more: 3.6 km in 20 min of timer time."""
    return fit_bytes([steady(600, 3.0), steady(600, 3.0, t0=900, d0=1800)])


@pytest.fixture(scope="session")
def fit_ride() -> bytes:
    return fit_bytes([steady(300, 8.0)], sport="CYCLING")
