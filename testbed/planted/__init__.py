"""The default city's units, each planted with the cases of expected.toml."""

from __future__ import annotations

from testbed.model import Unit
from testbed.planted.districts import build_u07, build_u08, build_u10
from testbed.planted.mixed import build_u02, build_u04
from testbed.planted.strong import build_u01, build_u03, build_u05
from testbed.planted.weak import build_u06, build_u09, build_u11


def planted_units() -> list[Unit]:
    """The eleven units of the default city, in unit order."""
    builders = (
        build_u01,
        build_u02,
        build_u03,
        build_u04,
        build_u05,
        build_u06,
        build_u07,
        build_u08,
        build_u09,
        build_u10,
        build_u11,
    )
    return [build() for build in builders]
