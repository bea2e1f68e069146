"""Build the simulated city: 中原市, its units and their portals.

`build_city()` returns the default city, whose eleven units carry the planted
cases of `testbed/expected.toml`. `build_city(units=200,
disclosures_per_unit=100)` returns a scaled synthetic city for benchmarks.
Both are deterministic: the same arguments give the same city.
"""

from __future__ import annotations

from datetime import date

from testbed.model import City
from testbed.planted import planted_units
from testbed.synthetic import build_synthetic

CITY_NAME = "中原市"
AS_OF = date(2016, 12, 20)
DEFAULT_SYNTHETIC_UNITS = 11
DEFAULT_SYNTHETIC_DISCLOSURES = 60


def build_city(
    units: int | None = None, disclosures_per_unit: int | None = None
) -> City:
    """The default city, or a synthetic one when either size is given."""
    if units is None and disclosures_per_unit is None:
        return City(CITY_NAME, planted_units(), AS_OF)
    units = DEFAULT_SYNTHETIC_UNITS if units is None else units
    if disclosures_per_unit is None:
        disclosures_per_unit = DEFAULT_SYNTHETIC_DISCLOSURES
    return City(
        CITY_NAME, build_synthetic(units, disclosures_per_unit), AS_OF, synthetic=True
    )
