"""The findings the default city must produce, as written in expected.toml.

expected = load_expected()
expected.as_of                       # 2016-12-20
expected.parameters                  # {"budget_approved_on": "2016-03-18"}
expected.status("u04", "site.identity")            # "partial"
expected.status("u07", "zz2016.plan", early=True)  # at expected.early_as_of
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

EXPECTED_PATH = Path(__file__).with_name("expected.toml")
STATUSES = ("pass", "partial", "fail", "not_applicable", "unknown")

# The indicator ids of INDICATORS.md, by system.
INDICATOR_IDS = {
    "zz2016": (
        "zz2016.plan",
        "zz2016.leader",
        "zz2016.sgs.column",
        "zz2016.sgs.timely",
        "zz2016.sgs.fields",
        "zz2016.budget",
        "zz2016.final_accounts",
        "zz2016.jiedu.column",
        "zz2016.jiedu.timely",
        "zz2016.jiedu.contact",
        "zz2016.powers",
        "zz2016.annual_report",
        "zz2016.guide",
        "zz2016.fees",
        "zz2016.audit",
        "zz2016.economy",
        "zz2016.food_penalties",
        "zz2016.env_air",
    ),
    "govsite": (
        "site.available",
        "site.homepage_fresh",
        "site.stale_columns",
        "site.empty_columns",
        "site.broken_links",
        "site.identity",
    ),
}


@dataclass(frozen=True)
class ExpectedCase:
    """The status one unit must get on one indicator, and why."""

    unit: str
    indicator: str
    status: str
    reason: str
    # Share rules: "compliant/judged"; count rules: the number counted.
    share: str | None = None
    count: int | None = None


@dataclass(frozen=True)
class ExpectedCases:
    """Everything expected.toml holds."""

    city: str
    as_of: date
    early_as_of: date
    systems: tuple[str, ...]
    parameters: dict
    cases: tuple[ExpectedCase, ...]
    early_cases: tuple[ExpectedCase, ...]

    def status(self, unit: str, indicator: str, early: bool = False) -> str:
        """The expected status of (unit, indicator) at as_of (or early_as_of)."""
        return self.case(unit, indicator, early).status

    def case(self, unit: str, indicator: str, early: bool = False) -> ExpectedCase:
        """The expected case of (unit, indicator) at as_of (or early_as_of)."""
        for case in self.early_cases if early else self.cases:
            if case.unit == unit and case.indicator == indicator:
                return case
        when = "early_as_of" if early else "as_of"
        raise KeyError(f"expected.toml has no case for {unit} {indicator} at {when}")

    @property
    def units(self) -> list[str]:
        """The unit ids the cases cover, in order."""
        return sorted({case.unit for case in self.cases})


def load_expected(path: Path | str | None = None) -> ExpectedCases:
    """Read and check expected.toml (the packaged one by default)."""
    path = Path(path) if path is not None else EXPECTED_PATH
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    meta = data.get("meta", {})
    for key in ("as_of", "early_as_of", "systems"):
        if key not in meta:
            raise ValueError(f"{path}: [meta] needs {key!r}")
    return ExpectedCases(
        city=meta.get("city", ""),
        as_of=_date(path, "meta.as_of", meta["as_of"]),
        early_as_of=_date(path, "meta.early_as_of", meta["early_as_of"]),
        systems=tuple(meta["systems"]),
        parameters=dict(meta.get("parameters", {})),
        cases=tuple(
            _case(path, "case", index, raw)
            for index, raw in enumerate(data.get("case", []))
        ),
        early_cases=tuple(
            _case(path, "early_case", index, raw)
            for index, raw in enumerate(data.get("early_case", []))
        ),
    )


def _date(path: Path, key: str, value) -> date:
    if isinstance(value, date):
        return value
    raise ValueError(f"{path}: {key} must be a TOML date, found {value!r}")


def _case(path: Path, table: str, index: int, raw: dict) -> ExpectedCase:
    where = f"{path}: {table}[{index}]"
    missing = [
        key for key in ("unit", "indicator", "status", "reason") if key not in raw
    ]
    if missing:
        raise ValueError(f"{where} lacks {', '.join(missing)}")
    unknown = set(raw) - {"unit", "indicator", "status", "reason", "share", "count"}
    if unknown:
        raise ValueError(f"{where} has unknown keys {sorted(unknown)}")
    if raw["status"] not in STATUSES:
        raise ValueError(
            f"{where}: status {raw['status']!r} is not one of {', '.join(STATUSES)}"
        )
    known = {ident for ids in INDICATOR_IDS.values() for ident in ids}
    if raw["indicator"] not in known:
        raise ValueError(f"{where}: unknown indicator {raw['indicator']!r}")
    return ExpectedCase(
        unit=raw["unit"],
        indicator=raw["indicator"],
        status=raw["status"],
        reason=raw["reason"],
        share=raw.get("share"),
        count=raw.get("count"),
    )
