"""The indicator systems as TOML data, and the code that loads and validates them."""

from indicators.loader import (
    Indicator,
    IndicatorSystem,
    available_systems,
    load_system,
    load_systems,
    resolve_system_path,
)

__all__ = [
    "Indicator",
    "IndicatorSystem",
    "available_systems",
    "load_system",
    "load_systems",
    "resolve_system_path",
]
