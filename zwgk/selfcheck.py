"""An office's self-check of its own portal before an inspection.

`zwgk check URL` assesses that portal alone and prints a rectification list:
vetoes first, then the other problems by points at stake, each with what is
wrong, where, and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console

from store.db import open_store
from store.models import Finding
from zwgk.assess import Outcome, assess, rectification_list, suggestions_of
from zwgk.config import (
    Settings,
    UnitSettings,
    check_http_url,
    load_settings,
    refuse_private_portal,
)
from zwgk.errors import ConfigError


@dataclass
class SelfCheckResult:
    """The assessment of one portal and its rectification list."""

    outcome: Outcome
    problems: list[Finding] = field(default_factory=list)
    suggestions: dict[str, str] = field(default_factory=dict)

    @property
    def veto_failed(self) -> bool:
        """Whether any veto indicator failed."""
        return any(item.veto and item.status == "fail" for item in self.problems)

    def print(self, console: Console) -> None:
        """Print the rectification list, one numbered entry per problem."""
        console.print(
            f"整改清单 (rectification list): {len(self.problems)} problems, "
            "vetoes first, then by points at stake",
            markup=False,
        )
        for number, item in enumerate(self.problems, 1):
            status = "veto fail" if item.veto and item.status == "fail" else item.status
            where = next((e.get("url") for e in item.evidence if e.get("url")), "-")
            console.print(
                f"{number:>2}. [{status}] {item.indicator_id} {item.indicator_name}"
                f" (points at stake: {item.max_points - item.points:g})\n"
                f"    what is wrong: {item.detail}\n"
                f"    where: {where}\n"
                f"    what to do: {self.suggestions.get(item.indicator_id, '')}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        report = self.outcome.files.get("report.html")
        if report:
            console.print(f"Report: {report}", soft_wrap=True)


def run_self_check(
    url: str,
    *,
    tags: list[str],
    name: str = "",
    systems: list[str] | None = None,
    as_of: date | None = None,
    allow_private_addresses: bool = False,
    config_path: Path | None = None,
    out_dir: Path | None = None,
    pdf: bool = False,
) -> SelfCheckResult:
    """Assess the portal at `url` alone and return its rectification list."""
    settings = self_check_settings(
        url,
        tags=tags,
        name=name,
        config_path=config_path,
        allow_private_addresses=allow_private_addresses,
    )
    outcome = assess(
        settings,
        as_of=as_of,
        systems=systems,
        out_dir=out_dir,
        pdf=pdf,
        show_progress=False,
    )
    sessions = open_store(settings.database_url())
    return SelfCheckResult(
        outcome=outcome,
        problems=rectification_list(sessions, outcome.scoring_id),
        suggestions=suggestions_of(sessions, outcome.scoring_id),
    )


def self_check_settings(
    url: str,
    *,
    tags: list[str],
    name: str,
    config_path: Path | None,
    allow_private_addresses: bool,
) -> Settings:
    """Return settings assessing only `url`, on top of an optional configuration."""
    try:
        portal = check_http_url(url)
    except ValueError as exc:
        raise ConfigError(f"URL {url!r}: {exc}") from exc
    settings = load_settings(config_path) if config_path else Settings()
    host = urlsplit(portal).hostname or "portal"
    settings.unit = [
        UnitSettings(id=f"check-{host}", name=name or host, tags=tags, portal=portal)
    ]
    settings.schedule = []
    if allow_private_addresses:
        settings.crawl.allow_private_addresses = True
    else:
        refuse_private_portal(portal, f"URL {portal!r}:")
    return settings
