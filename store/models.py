"""The snapshot and findings every stage shares.

A *run* is one pass of the crawler over a set of portals; everything it saw
(pages, links, columns, disclosures, homepage probes, screenshots) hangs off
that run, so a run is a self-contained snapshot. A *scoring* is one pass of
the rules engine over a run's snapshot with given indicator systems and as_of
date; a run may be scored many times, and each scoring owns its findings.

Rows keep plain values (strings, dates, JSON) so that reports and exports can
read them without the crawler or the rules engine being importable.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every zwgk table."""


class Run(Base):
    """One crawl of a set of portals: the snapshot that scoring reads."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    config_snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    as_of: Mapped[date | None] = mapped_column(Date)
    systems: Mapped[list] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # running, done, partial (some portals failed), failed, interrupted
    status: Mapped[str] = mapped_column(String(20), default="running")
    error: Mapped[str | None] = mapped_column(Text)

    units: Mapped[list[Unit]] = relationship(back_populates="run")
    portals: Mapped[list[Portal]] = relationship(back_populates="run")
    scorings: Mapped[list[Scoring]] = relationship(back_populates="run")


class Unit(Base):
    """A government body assessed in a run, as configured for that run."""

    __tablename__ = "units"
    __table_args__ = (Index("ix_units_run_key", "run_id", "key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    # The unit id of the configuration (stable across runs).
    key: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(100), default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)

    run: Mapped[Run] = relationship(back_populates="units")
    portals: Mapped[list[Portal]] = relationship(back_populates="unit")


class Portal(Base):
    """One website of a unit, identified by its base URL, as crawled in a run."""

    __tablename__ = "portals"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    base_url: Mapped[str] = mapped_column(String(2000))
    start_urls: Mapped[list] = mapped_column(JSON, default=list)
    # pending, ok, error (nothing usable could be fetched)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    error: Mapped[str | None] = mapped_column(Text)
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    pages_failed: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    run: Mapped[Run] = relationship(back_populates="portals")
    unit: Mapped[Unit] = relationship(back_populates="portals")


class Page(Base):
    """One fetched (or failed) URL of a portal."""

    __tablename__ = "pages"
    __table_args__ = (Index("ix_pages_portal_url", "portal_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    portal_id: Mapped[int] = mapped_column(
        ForeignKey("portals.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    final_url: Mapped[str | None] = mapped_column(String(2000))
    status: Mapped[int | None] = mapped_column(Integer)
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime)
    elapsed_seconds: Mapped[float | None] = mapped_column(Float)
    content_type: Mapped[str | None] = mapped_column(String(200))
    encoding: Mapped[str | None] = mapped_column(String(50))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    depth: Mapped[int] = mapped_column(Integer, default=0)
    # homepage, column (a list page), disclosure, attachment, other
    role: Mapped[str] = mapped_column(String(20), default="other")
    rendered: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text)
    # Visible text (with image alt texts), for rules that read sentences.
    text: Mapped[str | None] = mapped_column(Text)
    # Text of the page footer (copyright block), for the identity marks.
    footer_text: Mapped[str | None] = mapped_column(Text)
    # <meta name=...> values by lower-cased name.
    meta: Mapped[dict] = mapped_column(JSON, default=dict)


class Link(Base):
    """One link found on a fetched page, with the status of its target."""

    __tablename__ = "links"
    __table_args__ = (Index("ix_links_portal_target", "portal_id", "target_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    portal_id: Mapped[int] = mapped_column(ForeignKey("portals.id", ondelete="CASCADE"))
    source_page_id: Mapped[int] = mapped_column(
        ForeignKey("pages.id", ondelete="CASCADE"), index=True
    )
    target_url: Mapped[str] = mapped_column(String(2000))
    text: Mapped[str] = mapped_column(Text, default="")
    in_navigation: Mapped[bool] = mapped_column(Boolean, default=False)
    is_external: Mapped[bool] = mapped_column(Boolean, default=False)
    # a: anchor, iframe, img, script, css
    kind: Mapped[str] = mapped_column(String(10), default="a")
    target_status: Mapped[int | None] = mapped_column(Integer)
    # Why the target could not be fetched (timeout, DNS, refused), when it couldn't.
    target_error: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)


class Column(Base):
    """A named section of a portal (栏目), with where it was discovered."""

    __tablename__ = "columns"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    portal_id: Mapped[int] = mapped_column(
        ForeignKey("portals.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(2000))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("columns.id"))
    # navigation, catalogue, breadcrumb, heading, iframe, link
    discovered_from: Mapped[str] = mapped_column(String(20), default="navigation")
    # Linked from the homepage (directly, or as an iframe of it).
    on_homepage: Mapped[bool] = mapped_column(Boolean, default=False)
    # HTTP status of the column's first page; None when it was not fetched.
    status: Mapped[int | None] = mapped_column(Integer)
    list_pages: Mapped[int] = mapped_column(Integer, default=0)
    # Whether the list showed an explicit "no information" notice (暂无信息).
    empty_notice: Mapped[bool] = mapped_column(Boolean, default=False)
    # Whether the column lives on another host than the portal (a credit platform).
    is_external: Mapped[bool] = mapped_column(Boolean, default=False)


class Disclosure(Base):
    """One published item: a list entry of a column and what its page shows.

    A disclosure listed in two columns is two rows, one per column, since each
    column's rules judge its own entries. Items reached only by links (not
    from a list) have no column.
    """

    __tablename__ = "disclosures"
    __table_args__ = (Index("ix_disclosures_portal_url", "portal_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    portal_id: Mapped[int] = mapped_column(
        ForeignKey("portals.id", ondelete="CASCADE"), index=True
    )
    column_id: Mapped[int | None] = mapped_column(
        ForeignKey("columns.id", ondelete="CASCADE"), index=True
    )
    page_id: Mapped[int | None] = mapped_column(ForeignKey("pages.id"))
    url: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(Text, default="")
    # Page number of the column list where it was listed (1 = first page).
    list_page: Mapped[int | None] = mapped_column(Integer)
    list_date: Mapped[date | None] = mapped_column(Date)
    published: Mapped[date | None] = mapped_column(Date)
    # Where `published` came from: table, meta, text, list, written
    published_source: Mapped[str | None] = mapped_column(String(20))
    written: Mapped[date | None] = mapped_column(Date)
    index_no: Mapped[str | None] = mapped_column(String(200))
    doc_no: Mapped[str | None] = mapped_column(String(200))
    publisher: Mapped[str | None] = mapped_column(String(300))
    # [{name, url, type}]
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    # Labelled fields of the page (双公示 records): {label: value}
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    # [{name, telephone}]
    contacts: Mapped[list] = mapped_column(JSON, default=list)
    # Links to source documents: {"urls": [...], "doc_nos": [...], "titles": [...]}
    source_refs: Mapped[dict] = mapped_column(JSON, default=dict)


class Probe(Base):
    """One request of a portal's homepage, exactly at its configured URL."""

    __tablename__ = "probes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    portal_id: Mapped[int] = mapped_column(
        ForeignKey("portals.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[int | None] = mapped_column(Integer)
    elapsed_seconds: Mapped[float | None] = mapped_column(Float)
    error: Mapped[str | None] = mapped_column(Text)


class EvidenceFile(Base):
    """A file kept as evidence (a full-page screenshot) of a fetched page."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    portal_id: Mapped[int] = mapped_column(ForeignKey("portals.id", ondelete="CASCADE"))
    page_url: Mapped[str] = mapped_column(String(2000))
    kind: Mapped[str] = mapped_column(String(20), default="screenshot")
    # Path relative to the evidence folder of the database.
    path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Scoring(Base):
    """One pass of the rules engine over a run's snapshot."""

    __tablename__ = "scorings"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    systems: Mapped[list] = mapped_column(JSON, default=list)
    as_of: Mapped[date] = mapped_column(Date)
    parameters: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The indicators as scored, so reports need no indicator files:
    # [{system, id, name, clause, points, veto, kind, applies_to, cap, suggestion}]
    indicators: Mapped[list] = mapped_column(JSON, default=list)
    # The systems as scored: [{id, name, scoring ("sum" or "deduct"), max_score}]
    system_info: Mapped[list] = mapped_column(JSON, default=list)

    run: Mapped[Run] = relationship(back_populates="scorings")
    findings: Mapped[list[Finding]] = relationship(back_populates="scoring")


class Finding(Base):
    """One rule's outcome for one unit (and item) in one scoring, with evidence."""

    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_scoring_unit", "scoring_id", "unit_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scoring_id: Mapped[int] = mapped_column(
        ForeignKey("scorings.id", ondelete="CASCADE")
    )
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    unit_key: Mapped[str] = mapped_column(String(100))
    system: Mapped[str] = mapped_column(String(50))
    indicator_id: Mapped[str] = mapped_column(String(100))
    indicator_name: Mapped[str] = mapped_column(String(300), default="")
    # "" for a finding about the whole unit; else the item judged.
    item: Mapped[str] = mapped_column(String(500), default="")
    # pass, partial, fail, not_applicable, unknown
    status: Mapped[str] = mapped_column(String(20))
    points: Mapped[float] = mapped_column(Float, default=0.0)
    max_points: Mapped[float] = mapped_column(Float, default=0.0)
    veto: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[str] = mapped_column(Text, default="")
    # [{url, fetched_at, http_status, quote, screenshot, dates, verdict}]
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    # Stable across runs: sha1 of unit, indicator and item.
    finding_id: Mapped[str] = mapped_column(String(40), index=True)

    scoring: Mapped[Scoring] = relationship(back_populates="findings")


class UnitScore(Base):
    """A unit's score in one indicator system, as one scoring computed it."""

    __tablename__ = "unit_scores"
    __table_args__ = (Index("ix_unit_scores_scoring", "scoring_id", "unit_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scoring_id: Mapped[int] = mapped_column(
        ForeignKey("scorings.id", ondelete="CASCADE")
    )
    unit_key: Mapped[str] = mapped_column(String(100))
    system: Mapped[str] = mapped_column(String(50))
    score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float, default=100.0)
    # Any veto indicator failed: the unit is rated 不合格 whatever its points.
    vetoed: Mapped[bool] = mapped_column(Boolean, default=False)
    # 合格 / 不合格 (govsite), or a grade the system defines
    rating: Mapped[str] = mapped_column(String(20), default="")
    # Counts of findings by status: {"pass": n, "fail": n, ...}
    status_counts: Mapped[dict] = mapped_column(JSON, default=dict)
