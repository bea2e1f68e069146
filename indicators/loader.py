"""Load and validate indicator system files.

A system is named by its file name in this folder (`zz2016` for
`indicators/zz2016.toml`) or given as the path of a TOML file. Loading checks
every key against the schema and every rule table against its rule kind's
parameters; any problem raises `IndicatorFileError` naming the file, the
indicator id, the key and the value found.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from indicators.schema import FileModel, IndicatorModel, SystemModel
from zwgk.errors import IndicatorFileError

logger = logging.getLogger(__name__)

SYSTEMS_DIR = Path(__file__).parent

DEFAULT_RATINGS = {
    "sum": ((90.0, "优秀"), (75.0, "良好"), (60.0, "合格")),
    "deduct": ((60.0, "合格"),),
}


@dataclass(frozen=True)
class Indicator:
    """One indicator of a system, its rule parameters validated."""

    system: str
    id: str
    name: str
    clause: str
    applies_to: tuple[str, ...]
    points: float
    deduction: float
    cap: float | None
    fail_at: int | None
    veto: bool
    deadline: date | None
    partial_credit: float
    suggestion: str
    kind: str
    params: BaseModel

    def applies_to_tags(self, tags: list[str] | tuple[str, ...]) -> bool:
        """Return whether a unit with `tags` is assessed on this indicator."""
        return not self.applies_to or any(tag in tags for tag in self.applies_to)

    def to_snapshot(self) -> dict:
        """Return the indicator as the Scoring row keeps it for reports."""
        return {
            "system": self.system,
            "id": self.id,
            "name": self.name,
            "clause": self.clause,
            "points": self.points,
            "deduction": self.deduction,
            "cap": self.cap,
            "fail_at": self.fail_at,
            "veto": self.veto,
            "kind": self.kind,
            "applies_to": list(self.applies_to),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class IndicatorSystem:
    """An indicator system as loaded from its file."""

    id: str
    name: str
    source: str
    scoring: str
    ratings: tuple[tuple[float, str], ...]
    below_rating: str
    veto_rating: str
    unassessed_rating: str
    indicators: tuple[Indicator, ...]
    path: Path

    def to_snapshot(self) -> dict:
        """Return the system as the Scoring row keeps it for reports."""
        return {
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "scoring": self.scoring,
            "max_score": 100.0,
            "ratings": [
                {"min_score": low, "label": label} for low, label in self.ratings
            ],
            "below_rating": self.below_rating,
            "veto_rating": self.veto_rating,
        }


def available_systems() -> list[str]:
    """Return the names of the systems kept in `indicators/`."""
    return sorted(path.stem for path in SYSTEMS_DIR.glob("*.toml"))


def resolve_system_path(name_or_path: str | Path) -> Path:
    """Return the file of a system given by name or by path."""
    text = str(name_or_path)
    if text.endswith(".toml") or "/" in text or "\\" in text:
        path = Path(text)
        if not path.is_file():
            raise IndicatorFileError(
                f"Indicator file {text} does not exist; give the path of a TOML "
                f"file or one of the shipped systems: {', '.join(available_systems())}"
            )
        return path
    path = SYSTEMS_DIR / f"{text}.toml"
    if not path.is_file():
        raise IndicatorFileError(
            f"No indicator system named {text!r}; the shipped systems are "
            f"{', '.join(available_systems())}, or give the path of a TOML file"
        )
    return path


def load_system(name_or_path: str | Path) -> IndicatorSystem:
    """Load and validate one indicator system, by name or by path."""
    path = resolve_system_path(name_or_path)
    raw = _read_toml(path)

    file_model = _validate(FileModel, raw, path, "-", "")
    system_model = _validate(SystemModel, file_model.system, path, "-", "system.")
    indicators = []
    seen: set[str] = set()
    for position, table in enumerate(file_model.indicator, start=1):
        indicator = _load_indicator(table, position, system_model, path)
        if indicator.id in seen:
            raise IndicatorFileError(
                f"{path}: indicator {indicator.id}: key id: value {indicator.id!r} "
                f"is used by an earlier indicator too; give each indicator its own id"
            )
        seen.add(indicator.id)
        indicators.append(indicator)

    ratings = system_model.ratings
    logger.debug("Loaded indicator system %s with %s indicators", path, len(indicators))
    return IndicatorSystem(
        id=system_model.id,
        name=system_model.name,
        source=system_model.source,
        scoring=system_model.scoring,
        ratings=tuple(
            sorted(
                ((rating.min_score, rating.label) for rating in ratings),
                reverse=True,
            )
        )
        if ratings is not None
        else DEFAULT_RATINGS[system_model.scoring],
        below_rating=system_model.below_rating,
        veto_rating=system_model.veto_rating,
        unassessed_rating=system_model.unassessed_rating,
        indicators=tuple(indicators),
        path=path,
    )


def load_systems(names: list[str | Path]) -> list[IndicatorSystem]:
    """Load several systems; their system ids and indicator ids must not collide."""
    systems = [load_system(name) for name in names]
    system_ids: dict[str, Path] = {}
    indicator_ids: dict[str, Path] = {}
    for system in systems:
        if system.id in system_ids:
            raise IndicatorFileError(
                f"{system.path}: system id {system.id!r} is also the id of "
                f"{system_ids[system.id]}; assess each system once"
            )
        system_ids[system.id] = system.path
        for indicator in system.indicators:
            if indicator.id in indicator_ids:
                raise IndicatorFileError(
                    f"{system.path}: indicator {indicator.id}: key id: value "
                    f"{indicator.id!r} is also an indicator of "
                    f"{indicator_ids[indicator.id]}; ids must be unique across "
                    f"the systems of one assessment"
                )
            indicator_ids[indicator.id] = system.path
    return systems


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise IndicatorFileError(_describe_decode_error(path, exc)) from exc
    except OSError as exc:
        raise IndicatorFileError(f"Cannot read indicator file {path}: {exc}") from exc


_LINE = re.compile(r"line (\d+)")
_ID_LINE = re.compile(r"""^\s*id\s*=\s*["']([^"']*)["']""")


def _describe_decode_error(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    # tomllib names only the line and column; add the key, the value written
    # there and the indicator whose table holds it.
    match = _LINE.search(str(exc))
    if not match:
        return f"{path}: not valid TOML: {exc}"
    number = int(match.group(1))
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    key, _, value = line.partition("=")
    indicator_id = "-"
    for earlier in reversed(lines[: number - 1]):
        found = _ID_LINE.match(earlier)
        if found:
            indicator_id = found.group(1)
            break
        if earlier.strip() == "[[indicator]]":
            break
    return (
        f"{path}: indicator {indicator_id}: key {key.strip() or '?'}: "
        f"not valid TOML ({exc}); found {value.strip()!r}. Dates are written "
        f"2016-07-15 and strings in double quotes"
    )


def _load_indicator(
    table: dict, position: int, system: SystemModel, path: Path
) -> Indicator:
    from scoring.registry import get_rule_kind, rule_kinds

    indicator_id = table.get("id") if isinstance(table.get("id"), str) else None
    label = indicator_id or f"#{position}"
    model = _validate(IndicatorModel, table, path, label, "")
    _check_scoring_fields(model, system, path)

    rule = dict(model.rule)
    kind_name = rule.pop("kind", None)
    if not isinstance(kind_name, str):
        raise IndicatorFileError(
            f"{path}: indicator {model.id}: key rule.kind: found {kind_name!r}; "
            f"name a rule kind: {', '.join(rule_kinds())}"
        )
    kind = get_rule_kind(kind_name)
    if kind is None:
        raise IndicatorFileError(
            f"{path}: indicator {model.id}: key rule.kind: unknown rule kind "
            f"{kind_name!r}; known kinds: {', '.join(rule_kinds())}"
        )
    params = _validate(kind.params, rule, path, model.id, "rule.")
    for key, message, value in params.check_indicator(model):
        raise IndicatorFileError(
            f"{path}: indicator {model.id}: key {key}: {message}; found {value!r}"
        )
    if model.fail_at is not None and not kind.counting:
        raise IndicatorFileError(
            f"{path}: indicator {model.id}: key fail_at: rule kind {kind_name!r} "
            f"counts nothing, so fail_at does not apply; found {model.fail_at!r}"
        )

    cap = model.cap
    if cap is None and not kind.counting and model.deduction:
        cap = model.deduction  # a non-counting rule takes its deduction at most
    return Indicator(
        system=system.id,
        id=model.id,
        name=model.name,
        clause=model.clause,
        applies_to=tuple(model.applies_to),
        points=model.points,
        deduction=model.deduction,
        cap=cap,
        fail_at=model.fail_at,
        veto=model.veto,
        deadline=model.deadline,
        partial_credit=model.partial_credit,
        suggestion=model.suggestion,
        kind=kind_name,
        params=params,
    )


def _check_scoring_fields(model: IndicatorModel, system: SystemModel, path: Path):
    where = f"{path}: indicator {model.id}"
    if system.scoring == "sum":
        if model.deduction or model.cap is not None:
            key = "deduction" if model.deduction else "cap"
            raise IndicatorFileError(
                f"{where}: key {key}: a sum system gives points, not deductions; "
                f"found {getattr(model, key)!r}"
            )
        if not model.veto and model.points <= 0:
            raise IndicatorFileError(
                f"{where}: key points: an indicator of a sum system needs points "
                f"above 0 (or veto = true); found {model.points!r}"
            )
    else:
        if model.points:
            raise IndicatorFileError(
                f"{where}: key points: a deduct system takes points off with "
                f"deduction and cap; found {model.points!r}"
            )
        if not model.veto and model.deduction <= 0:
            raise IndicatorFileError(
                f"{where}: key deduction: an indicator of a deduct system needs a "
                f"deduction above 0 (or veto = true); found {model.deduction!r}"
            )


def _validate(model: type[BaseModel], data: Any, path: Path, label: str, prefix: str):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise IndicatorFileError(
            _describe_validation_error(exc, model, path, label, prefix)
        ) from exc


def _describe_validation_error(
    exc: ValidationError, model: type[BaseModel], path: Path, label: str, prefix: str
) -> str:
    error = exc.errors()[0]
    key = prefix + ".".join(str(part) for part in error["loc"])
    where = f"{path}: indicator {label}" if label != "-" else f"{path}"
    if error["type"] == "missing":
        return f"{where}: key {key}: required key is missing; add it"
    if error["type"] == "extra_forbidden":
        known = ", ".join(model.model_fields)
        return (
            f"{where}: key {key}: unknown key; found {error['input']!r}. "
            f"Known keys here: {known}"
        )
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return f"{where}: key {key}: {message}; found {error['input']!r}"
