"""The rule kinds an indicator file may name, one registered function each.

A rule kind is a function that reads one unit's snapshot and returns an
`Outcome`, plus a pydantic model of the parameters an indicator gives it. The
built-in kinds in `scoring.rules` register themselves with `rule_kind` exactly
as a new kind would:

    class MyParams(RuleParams):
        columns: list[str]

    @rule_kind("my_kind", MyParams)
    def evaluate_my_kind(context: RuleContext, params: MyParams) -> Outcome:
        ...

Importing the module that holds the function registers it; indicator files
loaded afterwards may then say `kind = "my_kind"`.

A *counting* kind (`counting=True`) returns the items it counted (stale
columns, broken links, missing marks); the scoring model turns them into a
deduction and, unless the rule decided, a status by the indicator's `fail_at`
and `cap`. A kind with `prepare` computes, once per scoring, what depends only
on the assessment (a deadline derived from a parameter); errors it raises stop
the scoring before it starts. A kind with `first_due` tells from its
parameters (and what `prepare` returned) the first date anything comes due:
before it the finding is `not_applicable` whether or not the portal could be
fetched.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict


class RuleParams(BaseModel):
    """Base of every rule kind's parameters: unknown keys and wrong types fail."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    def check_indicator(self, indicator: Any) -> list[tuple[str, str, Any]]:
        """Return problems (key, message, value) of these parameters on `indicator`.

        Override when a parameter depends on the indicator, such as a rule
        that judges timeliness against the indicator's deadline.
        """
        return []


@dataclass(frozen=True)
class RuleKind:
    """One registered rule kind."""

    name: str
    evaluate: Callable[..., Any]
    params: type[RuleParams]
    counting: bool = False
    # Judges the portal even when it could not be fetched (availability).
    assesses_unreachable: bool = False
    prepare: Callable[..., Any] | None = None
    first_due: Callable[..., Any] | None = None
    description: str = ""


_KINDS: dict[str, RuleKind] = {}
_BUILTINS_MODULE = "scoring.rules"


def rule_kind(
    name: str,
    params: type[RuleParams],
    *,
    counting: bool = False,
    assesses_unreachable: bool = False,
    prepare: Callable[..., Any] | None = None,
    first_due: Callable[..., Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as the rule kind `name`."""
    if not issubclass(params, RuleParams):
        raise TypeError(f"Parameters of rule kind {name!r} must subclass RuleParams")

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        existing = _KINDS.get(name)
        if existing is not None and existing.evaluate is not function:
            raise ValueError(
                f"Rule kind {name!r} is already registered by "
                f"{existing.evaluate.__module__}.{existing.evaluate.__qualname__}"
            )
        _KINDS[name] = RuleKind(
            name=name,
            evaluate=function,
            params=params,
            counting=counting,
            assesses_unreachable=assesses_unreachable,
            prepare=prepare,
            first_due=first_due,
            description=(function.__doc__ or "").strip().splitlines()[0]
            if function.__doc__
            else "",
        )
        return function

    return register


def get_rule_kind(name: str) -> RuleKind | None:
    """Return the rule kind registered as `name`, or None."""
    _load_builtin_kinds()
    return _KINDS.get(name)


def rule_kinds() -> dict[str, RuleKind]:
    """Return every registered rule kind by name."""
    _load_builtin_kinds()
    return dict(sorted(_KINDS.items()))


def _load_builtin_kinds() -> None:
    # Imported on first use: the built-in rules import the scoring context,
    # which must not be loaded merely to read an indicator file's schema.
    importlib.import_module(_BUILTINS_MODULE)
