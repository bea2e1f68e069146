"""Load and validate an assessment's configuration.

Every setting is declared once below, with its default and a one-line
description; `config.toml` overrides the defaults and command-line flags
override both. Loading happens before anything runs: unknown keys, wrong
types, duplicate unit ids, malformed URLs, unknown indicator systems, bad cron
expressions and private portal addresses all stop with a `ConfigError` naming
the file, the key (with the unit id where there is one) and the value found.

Stages:
1. read the TOML file;
2. read the unit list file it names, if any (CSV or XLSX);
3. validate the whole with pydantic, translating errors to one message;
4. check what pydantic cannot: indicator systems exist, portals are public.
"""

from __future__ import annotations

import csv
import ipaddress
import socket
import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from zwgk.errors import ConfigError


class Strict(BaseModel):
    """A settings table that rejects keys it does not declare."""

    model_config = ConfigDict(extra="forbid")


class AssessmentSettings(Strict):
    """The `[assessment]` table: what is assessed and how it is reported."""

    title: str = Field("政府网站政务公开第三方评估报告", description="Report title.")
    assessor: str = Field(
        "zwgk", description="Assessing body named on the report cover."
    )
    period: str = Field(
        "", description="Period assessed, shown on the cover (free text)."
    )
    systems: list[str] = Field(
        ["zz2016", "govsite"],
        description="Indicator systems to score: names under indicators/ or TOML paths.",
    )
    as_of: date | None = Field(
        None, description="Date the assessment judges; defaults to the day of the run."
    )
    parameters: dict[str, Any] = Field(
        {}, description="Values indicator rules read, such as budget_approved_on."
    )
    units_file: str | None = Field(
        None,
        description="CSV or XLSX unit list (fields id, name, tags, portal; optional kind), "
        "relative to the configuration file.",
    )


class DatabaseSettings(Strict):
    """The `[database]` table."""

    url: str = Field(
        "sqlite:///var/zwgk.sqlite",
        description="SQLAlchemy URL of the store; relative SQLite paths are taken from "
        "the configuration file's folder.",
    )


class OutputSettings(Strict):
    """The `[output]` table: where reports go and which are written."""

    dir: str = Field(
        "out",
        description="Folder for reports, one sub-folder per run, relative to the "
        "configuration file.",
    )
    pdf: bool = Field(True, description="Print report.pdf with Chromium.")


class CrawlSettings(Strict):
    """The `[crawl]` table: limits, politeness and rendering of the crawler."""

    max_pages_per_portal: int = Field(
        400,
        ge=1,
        description="Pages fetched per portal at most (list and detail pages).",
    )
    max_depth: int = Field(
        4, ge=0, description="Link depth followed from the homepage."
    )
    max_list_pages: int = Field(
        20, ge=1, description="Pages of one column list followed at most."
    )
    concurrent_requests: int = Field(
        32, ge=1, description="Requests in flight across all portals."
    )
    concurrent_requests_per_portal: int = Field(
        4, ge=1, description="Requests in flight to one portal."
    )
    download_delay_seconds: float = Field(
        0.25, ge=0, description="Delay between requests to one portal."
    )
    autothrottle: bool = Field(
        True, description="Adapt the delay to each portal's response times."
    )
    request_timeout_seconds: float = Field(
        20, gt=0, description="Time allowed for one request."
    )
    retries: int = Field(2, ge=0, description="Retries of a failed request.")
    max_page_bytes: int = Field(
        10_000_000, ge=1024, description="Responses larger than this are dropped."
    )
    obey_robots_txt: bool = Field(
        True, description="Obey robots.txt (a unit may override it)."
    )
    user_agent: str = Field(
        "zwgk/0.1 (government openness assessment)", description="User-Agent header."
    )
    render_javascript: Literal["auto", "always", "never"] = Field(
        "auto",
        description="Render pages in Chromium: auto (list pages that need it), "
        "always, never.",
    )
    chromium_path: str = Field(
        "/usr/bin/chromium", description="Chromium executable for rendering and PDFs."
    )
    screenshots: bool = Field(
        True, description="Take full-page screenshots of homepages and column pages."
    )
    evidence_dir: str = Field(
        "var/evidence",
        description="Folder for screenshots, relative to the configuration file.",
    )
    check_external_links: bool = Field(
        True, description="Check the status of links leading off the portal."
    )
    max_external_links_per_portal: int = Field(
        100, ge=0, description="External link targets checked per portal at most."
    )
    max_link_checks_per_portal: int = Field(
        300,
        ge=0,
        description="Link targets on the portal left unfetched by the page limits "
        "and checked per portal at most.",
    )
    link_check_timeout_seconds: float = Field(
        10, gt=0, description="Time allowed for checking one link target."
    )
    max_attachment_bytes: int = Field(
        20_000_000,
        ge=1024,
        description="Attachments larger than this are not fetched for their text.",
    )
    homepage_probes: int = Field(
        3, ge=1, description="Requests of each homepage for site.available."
    )
    probe_interval_seconds: float = Field(
        10, ge=0, description="Seconds between two homepage probes."
    )
    probe_timeout_seconds: float = Field(
        15, gt=0, description="A probe slower than this counts as failed."
    )
    allow_private_addresses: bool = Field(
        False,
        description="Allow portals on loopback, private or link-local addresses.",
    )
    processes: int = Field(
        1, ge=0, description="Crawler processes sharing the portals; 0 uses every core."
    )


class UnitSettings(Strict):
    """One `[[unit]]`: a government body and its portal."""

    id: str = Field(description="Stable unit id, used to compare runs.")
    name: str = Field(description="Name of the body.")
    kind: str = Field(
        "", description="Kind of body, for rankings (区县政府, 市政府部门)."
    )
    tags: list[str] = Field([], description="Tags that select indicators (applies_to).")
    portal: str = Field(description="Base URL of the unit's portal.")
    start_urls: list[str] = Field([], description="Extra start URLs on the portal.")
    obey_robots_txt: bool | None = Field(
        None, description="Overrides crawl.obey_robots_txt for this unit."
    )

    @field_validator("id")
    @classmethod
    def _id_is_plain(cls, value: str) -> str:
        if not value.strip() or any(char.isspace() for char in value):
            raise ValueError("must be a non-empty id without spaces")
        return value

    @field_validator("portal")
    @classmethod
    def _portal_is_http(cls, value: str) -> str:
        return check_http_url(value)

    @field_validator("start_urls")
    @classmethod
    def _start_urls_are_http(cls, value: list[str]) -> list[str]:
        return [check_http_url(url) for url in value]


class ScheduleSettings(Strict):
    """One `[[schedule]]`: a cron trigger for an assessment."""

    id: str = Field(description="Stable job id; a restart keeps the job by it.")
    cron: str = Field(
        description="Crontab expression: minute hour day month weekday, or six "
        "fields with seconds first."
    )
    command: Literal["run", "crawl"] = Field(
        "run", description="What the trigger runs: a full run, or a crawl only."
    )
    misfire_grace_seconds: int = Field(
        3600,
        ge=1,
        description="A trigger missed during downtime still runs within this time; "
        "several missed triggers run once.",
    )

    @field_validator("cron")
    @classmethod
    def _cron_parses(cls, value: str) -> str:
        try:
            cron_trigger(value)
        except ValueError as exc:
            raise ValueError(f"not a crontab expression ({exc})") from exc
        return value


def cron_trigger(expression: str):
    """Build an APScheduler trigger from 5 crontab fields, or 6 with seconds first."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expression.split()
    if len(fields) == 6:
        second, minute, hour, day, month, weekday = fields
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=weekday,
        )
    return CronTrigger.from_crontab(expression)


class Settings(Strict):
    """A whole assessment configuration."""

    assessment: AssessmentSettings = Field(default_factory=AssessmentSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    output: OutputSettings = Field(default_factory=OutputSettings)
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    unit: list[UnitSettings] = Field([], description="The units assessed.")
    schedule: list[ScheduleSettings] = Field([], description="Scheduled assessments.")
    # Where the file was read from; relative paths resolve against its folder.
    base_dir: Path = Field(Path("."), exclude=True)
    source: str = Field("<defaults>", exclude=True)

    def resolve_path(self, value: str) -> Path:
        """Return `value` as a path, relative ones taken from the config's folder."""
        path = Path(value)
        return path if path.is_absolute() else self.base_dir / path

    def database_url(self) -> str:
        """Return the database URL with a relative SQLite path made absolute."""
        url = self.database.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/"):
            rest = url[len(prefix) :]
            if rest and rest != ":memory:":
                return prefix + str(self.resolve_path(rest).resolve())
        return url


def check_http_url(value: str) -> str:
    """Return `value` when it is an absolute http(s) URL with a host, else raise."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an absolute http:// or https:// URL")
    return value.strip()


def load_settings(path: str | Path) -> Settings:
    """Read, validate and check the configuration at `path`."""
    path = Path(path)
    raw = read_toml(path)
    units_file = raw.get("assessment", {}).get("units_file")
    if isinstance(units_file, str):
        extra_units = read_unit_list(path.parent / units_file, source=path)
        raw["unit"] = list(raw.get("unit", [])) + extra_units
    settings = validate_settings(raw, source=str(path))
    settings.base_dir = path.resolve().parent
    check_settings(settings)
    return settings


def read_toml(path: Path) -> dict:
    """Parse a TOML file, naming the file and line of a syntax error."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: configuration file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def read_unit_list(path: Path, *, source: Path) -> list[dict]:
    """Read units from a CSV or XLSX file with fields id, name, tags, portal."""
    if not path.exists():
        raise ConfigError(
            f"{source}: key 'assessment.units_file': file {path} not found"
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _read_xlsx_rows(path)
    elif path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    else:
        raise ConfigError(
            f"{source}: key 'assessment.units_file': expected a .csv or .xlsx file, "
            f"found {path.name!r}"
        )
    return [_unit_from_row(row, path, number) for number, row in enumerate(rows, 2)]


def _read_xlsx_rows(path: Path) -> list[dict]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(cell or "").strip() for cell in rows[0]]
    return [
        {
            name: ("" if value is None else str(value))
            for name, value in zip(header, row, strict=False)
        }
        for row in rows[1:]
        if any(value not in (None, "") for value in row)
    ]


def _unit_from_row(row: dict, path: Path, number: int) -> dict:
    missing = [name for name in ("id", "name", "portal") if not (row.get(name) or "")]
    if missing:
        raise ConfigError(
            f"{path}: row {number}: field {missing[0]!r} is missing or empty"
        )
    unknown = set(row) - {"id", "name", "tags", "portal", "kind"}
    if unknown:
        raise ConfigError(f"{path}: row {number}: unknown field {sorted(unknown)[0]!r}")
    tags = [tag.strip() for tag in (row.get("tags") or "").replace(";", ",").split(",")]
    return {
        "id": row["id"].strip(),
        "name": row["name"].strip(),
        "kind": (row.get("kind") or "").strip(),
        "tags": [tag for tag in tags if tag],
        "portal": row["portal"].strip(),
    }


def validate_settings(raw: dict, *, source: str) -> Settings:
    """Validate raw TOML values, turning the first error into a `ConfigError`."""
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc, raw, source)) from exc
    settings.source = source
    return settings


def describe_validation_error(exc: ValidationError, raw: dict, source: str) -> str:
    """Name the file, the key (with unit or schedule id) and the value found."""
    error = exc.errors()[0]
    location = list(error["loc"])
    key = _dotted_key(location, raw)
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        return f"{source}: unknown key {key!r} (found {error['input']!r}); check its spelling"
    if error["type"] == "missing":
        return f"{source}: key {key!r} is required"
    return f"{source}: key {key!r}: {message} (found {error['input']!r})"


def _dotted_key(location: list, raw: dict) -> str:
    parts: list[str] = []
    node: Any = raw
    for step in location:
        if isinstance(step, int) and isinstance(node, list):
            entry = node[step] if step < len(node) else {}
            ident = entry.get("id") if isinstance(entry, dict) else None
            parts[-1] += f"[id={ident}]" if ident else f"[{step}]"
            node = entry
            continue
        parts.append(str(step))
        node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def check_settings(settings: Settings) -> None:
    """Check what the schema cannot: unique ids, known systems, public portals."""
    _check_unique_ids(settings)
    _check_systems(settings)
    if not settings.crawl.allow_private_addresses:
        for unit in settings.unit:
            refuse_private_portal(unit.portal, f"{settings.source}: unit[id={unit.id}]")


def _check_unique_ids(settings: Settings) -> None:
    for table, entries in (("unit", settings.unit), ("schedule", settings.schedule)):
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                raise ConfigError(
                    f"{settings.source}: key '{table}.id': duplicate id {entry.id!r}; "
                    f"each {table} needs its own id"
                )
            seen.add(entry.id)


def _check_systems(settings: Settings) -> None:
    for name in settings.assessment.systems:
        if not system_file_exists(name, settings.base_dir):
            raise ConfigError(
                f"{settings.source}: key 'assessment.systems': unknown indicator system "
                f"{name!r}; use a name under indicators/ or a path to a TOML file"
            )


def system_file_exists(name: str, base_dir: Path) -> bool:
    """Whether `name` is a system shipped under indicators/ or a TOML file path."""
    shipped = Path(__file__).resolve().parent.parent / "indicators" / f"{name}.toml"
    if shipped.exists():
        return True
    path = Path(name) if Path(name).is_absolute() else base_dir / name
    return path.suffix == ".toml" and path.is_file()


def refuse_private_portal(url: str, where: str) -> None:
    """Raise when `url`'s host is or resolves to a non-public address."""
    host = urlsplit(url).hostname or ""
    for address in _addresses_of(host):
        if address.is_loopback or address.is_private or address.is_link_local:
            raise ConfigError(
                f"{where} portal: {url!r} resolves to the non-public address "
                f"{address}; set crawl.allow_private_addresses = true to assess it"
            )


def _addresses_of(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        # An unresolvable host is a failing portal, recorded when it is crawled.
        return []
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
