"""Rule kinds about the site as a whole: availability, freshness, links, footer."""

from __future__ import annotations

import re
from datetime import timedelta

from pydantic import Field, field_validator

from scoring.context import (
    Counted,
    Outcome,
    RuleContext,
    Unassessable,
    date_disclosure,
    iso,
)
from scoring.registry import RuleParams, rule_kind
from scoring.snapshot import canonical_url
from scoring.text import normalize_text, quote

Names = list[str]


class AvailabilityParams(RuleParams):
    """Parameters of `homepage_availability`."""

    min_share: float = Field(default=0.95, ge=0, le=1)
    timeout_seconds: float = Field(default=15.0, gt=0)
    min_probes: int = Field(default=3, ge=1)


@rule_kind("homepage_availability", AvailabilityParams, assesses_unreachable=True)
def evaluate_availability(context: RuleContext, params: AvailabilityParams) -> Outcome:
    """The homepage answers 2xx in time in enough of the run's probes."""
    probes = context.snapshot.probes
    if not probes:
        return _availability_without_probes(context, params)

    answered = [probe for probe in probes if _probe_ok(probe, params.timeout_seconds)]
    share = len(answered) / len(probes)
    evidence = [
        {
            "url": probe.url,
            "title": "首页探测",
            "fetched_at": iso(probe.started_at),
            "http_status": probe.status,
            "quote": probe.error
            or (
                f"{probe.elapsed_seconds:.2f} s"
                if probe.elapsed_seconds is not None
                else ""
            ),
            "screenshot": None,
            "dates": {},
            "verdict": "pass" if _probe_ok(probe, params.timeout_seconds) else "fail",
        }
        for probe in probes
    ]
    detail = (
        f"{len(answered)}/{len(probes)} 次首页探测在 {params.timeout_seconds:g} 秒内"
        f"返回 2xx（{share:.0%}）；要求：不低于 {params.min_share:.0%}"
    )
    if len(probes) < params.min_probes:
        detail += f"；仅记录 {len(probes)} 次探测，要求 {params.min_probes} 次"
    status = "pass" if share >= params.min_share else "fail"
    return Outcome(status, detail, evidence)


def _probe_ok(probe, timeout: float) -> bool:
    return (
        probe.status is not None
        and 200 <= probe.status < 300
        and not probe.error
        and (probe.elapsed_seconds is None or probe.elapsed_seconds <= timeout)
    )


def _availability_without_probes(context: RuleContext, params: AvailabilityParams):
    # No probe was recorded: the crawl's own request of the homepage is the
    # only observation, and an unreachable homepage is a fail, never unknown.
    pages = context.snapshot.homepages
    page = next((page for page in pages if page.ok), pages[0] if pages else None)
    if (
        page is not None
        and page.ok
        and (
            page.elapsed_seconds is None
            or page.elapsed_seconds <= params.timeout_seconds
        )
    ):
        return Outcome(
            "pass",
            f"未记录首页探测；抓取时首页返回 HTTP {page.status}",
            [context.page_evidence(page, "pass")],
        )
    portal = context.snapshot.portals[0] if context.snapshot.portals else None
    reason = (
        page.error or f"返回 HTTP {page.status}"
        if page is not None
        else (portal.error if portal and portal.error else "未记录任何响应")
    )
    evidence = [context.page_evidence(page, "fail", page.error or "")] if page else []
    if not evidence and portal is not None:
        evidence = [context.url_evidence(portal.base_url, "fail", quote_text=reason)]
    return Outcome("fail", f"首页无法访问：{reason}", evidence)


class FreshnessParams(RuleParams):
    """Parameters of `homepage_freshness`."""

    max_age_days: int = Field(default=14, ge=0)


@rule_kind("homepage_freshness", FreshnessParams)
def evaluate_homepage_freshness(
    context: RuleContext, params: FreshnessParams
) -> Outcome:
    """The newest dated disclosure linked from the homepage is recent enough."""
    snapshot = context.snapshot
    limit = context.as_of - timedelta(days=params.max_age_days)
    linked = []
    for url in snapshot.homepage_link_targets:
        linked.extend(snapshot.disclosures_by_url.get(url, []))
    for column in snapshot.columns:
        # A list framed into the homepage shows its first page there.
        if column.on_homepage and column.discovered_from == "iframe":
            linked.extend(
                row
                for row in snapshot.disclosures_by_column.get(column.id, [])
                if row.list_page == 1
            )
    dated = [item for item in map(date_disclosure, linked) if item.date is not None]

    required = f"最新信息日期不早于 {limit.isoformat()}"
    if not dated:
        return Outcome(
            "fail",
            f"首页没有链接标明日期的信息；要求：{required}",
            context.homepage_evidence("fail"),
        )
    newest = max(dated, key=lambda item: (item.date, item.disclosure.url))
    status = "pass" if newest.date >= limit else "fail"
    dates = {"date": iso(newest.date), "limit": limit.isoformat()}
    evidence = [context.disclosure_evidence(newest.disclosure, status, dates)]
    if status == "fail":
        evidence += context.homepage_evidence("fail")
    return Outcome(
        status,
        f"首页链接的最新信息为《{newest.disclosure.title}》，"
        f"日期 {newest.date.isoformat()}（{newest.note}）；要求：{required}",
        evidence,
    )


class LinkHealthParams(RuleParams):
    """Parameters of `link_health`."""

    link_kinds: Names = ["a", "iframe"]
    # Weight of a broken target the homepage links to, and of any other.
    homepage_weight: float = Field(default=1.0, ge=0)
    other_weight: float = Field(default=0.1, ge=0)
    ignore_schemes: Names = ["javascript", "mailto", "tel", "data"]


@rule_kind("link_health", LinkHealthParams, counting=True)
def evaluate_link_health(context: RuleContext, params: LinkHealthParams) -> Outcome:
    """Counts distinct broken link targets, weighted by whether the homepage links them."""
    snapshot = context.snapshot
    targets: dict[str, list] = {}
    for link in snapshot.links:
        if link.kind not in params.link_kinds or _ignored(link.target_url, params):
            continue
        targets.setdefault(canonical_url(link.target_url), []).append(link)
    checked = {
        url: links
        for url, links in targets.items()
        if any(link.target_status is not None or link.target_error for link in links)
    }
    if targets and not checked:
        raise Unassessable(f"{len(targets)} 个链接目标均未检测")

    counted, evidence = [], []
    for url in sorted(checked):
        links = checked[url]
        broken = _broken_reason(links)
        if broken is None:
            continue
        on_homepage = url in snapshot.homepage_link_targets
        weight = params.homepage_weight if on_homepage else params.other_weight
        counted.append(Counted(url, weight))
        source = snapshot.pages_by_id.get(links[0].source_page_id)
        evidence.append(
            {
                "url": url,
                "title": links[0].text.strip(),
                "fetched_at": None,
                "http_status": next(
                    (link.target_status for link in links if link.target_status), None
                ),
                "quote": quote(
                    f"{broken}；链接所在页面 {source.url if source else '?'}"
                    + ("（首页）" if on_homepage else ""),
                    200,
                ),
                "screenshot": snapshot.screenshot_of(source.url) if source else None,
                "dates": {},
                "verdict": "broken",
                "linked_from": source.url if source else None,
                "on_homepage": on_homepage,
            }
        )
    on_home = sum(1 for item in counted if item.weight == params.homepage_weight)
    detail = (
        f"检测 {len(checked)} 个不同链接目标，失效 {len(counted)} 个"
        f"（其中首页链接 {on_home} 个）"
    )
    unchecked = len(targets) - len(checked)
    if unchecked:
        detail += f"；{unchecked} 个未检测"
    return Outcome(None, detail, evidence, counted=counted)


def _ignored(url: str, params: LinkHealthParams) -> bool:
    text = url.strip().lower()
    if not text or text.startswith("#"):
        return True
    scheme = text.split(":", 1)[0] if ":" in text else ""
    return scheme in params.ignore_schemes


def _broken_reason(links) -> str | None:
    statuses = [link.target_status for link in links if link.target_status is not None]
    if any(200 <= status < 400 for status in statuses):
        return None
    if statuses:
        return f"返回 HTTP {statuses[0]}"
    error = next((link.target_error for link in links if link.target_error), None)
    return f"访问出错：{error}" if error else None


class FooterMark(RuleParams):
    """One identity mark and the ways a footer shows it."""

    label: str = Field(min_length=1)
    # Regular expressions searched in the footer text.
    patterns: Names = []
    # <meta> names (lower case) whose value shows the mark.
    meta: Names = []
    # Link (or image link) targets or texts that show it.
    link_url_contains: Names = []
    link_text_contains: Names = []

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: Names) -> Names:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(
                    f"pattern {pattern!r} is not a regular expression: {exc}"
                ) from None
        return patterns


class FooterParams(RuleParams):
    """Parameters of `footer_marks`."""

    marks: list[FooterMark] = Field(min_length=1)


@rule_kind("footer_marks", FooterParams, counting=True)
def evaluate_footer_marks(context: RuleContext, params: FooterParams) -> Outcome:
    """The homepage footer shows each identity mark; each missing one is counted."""
    page = context.snapshot.homepage
    if page is None:
        raise Unassessable("首页未能抓取")
    footer = page.footer_text or ""
    where = "页脚"
    if not footer.strip():
        footer, where = page.text or "", "页面文字（未识别出页脚）"
    links = context.snapshot.links_by_source.get(page.id, [])
    normalized = normalize_text(footer)

    shown, missing = [], []
    for mark in params.marks:
        found = _find_mark(mark, footer, normalized, page.meta, links)
        (shown if found else missing).append((mark.label, found))
    status = "pass" if not missing else "fail" if not shown else "partial"
    detail = f"首页{where}显示：{'、'.join(label for label, _ in shown) or '无'}" + (
        f"；缺少：{'、'.join(label for label, _ in missing)}" if missing else ""
    )
    quote_text = "；".join(
        found if found.startswith(label) else f"{label}：{found}"
        for label, found in shown
    )
    evidence = [context.page_evidence(page, status, quote_text or quote(footer, 200))]
    return Outcome(
        status, detail, evidence, counted=[Counted(label) for label, _ in missing]
    )


def _find_mark(mark: FooterMark, footer: str, normalized: str, meta: dict, links):
    for pattern in mark.patterns:
        match = re.search(pattern, footer) or re.search(pattern, normalized)
        if match:
            return match.group(0).strip()
    for name in mark.meta:
        value = str(meta.get(name.lower()) or "").strip()
        if value:
            return f"<meta {name}={value}>"
    for link in links:
        target = link.target_url.lower()
        if any(word.lower() in target for word in mark.link_url_contains):
            return link.target_url
        text = normalize_text(link.text)
        if any(normalize_text(word) in text for word in mark.link_text_contains):
            return link.text.strip()
    return None
