"""The shape of an indicator system file, as pydantic models.

A file holds one `[system]` table and one `[[indicator]]` table per
indicator; each indicator has a `[indicator.rule]` table naming its rule kind
and that kind's parameters. Unknown keys and wrong types are errors.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _to_date(value: Any) -> Any:
    # TOML has date literals; an ISO string is accepted too. A datetime is not
    # a date here: deadlines are whole days.
    if isinstance(value, datetime):
        raise ValueError("expected a date such as 2016-07-15, not a date and time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("expected a real date written like 2016-07-15") from None
    raise ValueError("expected a date such as 2016-07-15")


TomlDate = Annotated[date, BeforeValidator(_to_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class RatingModel(_Strict):
    """A rating a unit earns at or above `min_score`."""

    min_score: float = Field(ge=0, le=100)
    label: str = Field(min_length=1)


class SystemModel(_Strict):
    """The `[system]` table: what the system is and how it scores."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    name: str = Field(min_length=1)
    source: str = ""
    scoring: Literal["sum", "deduct"]
    # Highest threshold first; a unit below every threshold gets below_rating.
    ratings: list[RatingModel] | None = None
    below_rating: str = "不合格"
    veto_rating: str = "不合格"
    unassessed_rating: str = "无法评估"


class IndicatorModel(_Strict):
    """One `[[indicator]]` table, its rule table still unchecked."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    name: str = Field(min_length=1)
    clause: str = ""
    applies_to: list[str] = []
    points: float = Field(default=0.0, ge=0)
    deduction: float = Field(default=0.0, ge=0)
    cap: float | None = Field(default=None, ge=0)
    fail_at: int | None = Field(default=None, ge=1)
    veto: bool = False
    deadline: TomlDate | None = None
    partial_credit: float = Field(default=0.5, ge=0, le=1)
    suggestion: str = Field(min_length=1)
    rule: dict[str, Any]


class FileModel(_Strict):
    """The whole file, indicators still unchecked."""

    system: dict[str, Any]
    indicator: list[dict[str, Any]] = Field(min_length=1)
