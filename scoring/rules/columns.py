"""Rule kinds about columns: existence, freshness, stale and empty columns."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import Field

from scoring.context import (
    ColumnMatch,
    Counted,
    Outcome,
    RuleContext,
    Unassessable,
    date_disclosure,
    iso,
)
from scoring.registry import RuleParams, rule_kind
from scoring.snapshot import ColumnRow, canonical_url
from scoring.text import normalize_text

Names = list[str]
# How a looked-for column was found, as the evidence quotes it.
COLUMN_STATES = {
    "exists": "已设置",
    "empty": "信息不足",
    "broken": "链接失效",
    "unfetched": "未能抓取",
    "absent": "未设置",
}


class ColumnExistsParams(RuleParams):
    """Parameters of `column_exists`."""

    # Columns that must all exist; each is a list of names (synonyms).
    columns: list[list[str]] = []
    # Other sets of columns that satisfy the indicator as well.
    alternatives: list[list[list[str]]] = []
    exclude: list[str] = []
    # A column counts only when it lists at least this many disclosures.
    min_disclosures: int = Field(default=0, ge=0)
    # Also accept a disclosure or a working link titled with one of the names
    # (for items such as the 信息公开指南, often a single page).
    also_titles: bool = False
    # Also accept a line of a fetched page that is exactly one of the names:
    # the heading of a catalogue tree (政府信息公开目录) shown on the page.
    also_headings: bool = False

    def check_indicator(self, indicator):
        """Ask for at least one column and no empty list of names."""
        if not self.columns and not self.alternatives:
            return [("rule.columns", "name at least one column", self.columns)]
        for option in [self.columns, *self.alternatives]:
            for names in option:
                if not names or not all(name.strip() for name in names):
                    return [("rule.columns", "each column needs names", names)]
        return []


@rule_kind("column_exists", ColumnExistsParams)
def evaluate_column_exists(context: RuleContext, params: ColumnExistsParams) -> Outcome:
    """A column (or one full set of alternative columns) exists."""
    options = ([params.columns] if params.columns else []) + params.alternatives
    specs = {tuple(names) for option in options for names in option}
    found = {names: _find_named_column(context, list(names), params) for names in specs}

    complete = [
        option
        for option in options
        if all(found[tuple(names)].state == "exists" for names in option)
    ]
    evidence = [
        _column_evidence(context, list(names), found[names]) for names in sorted(specs)
    ]
    required = "，或".join(
        "和".join("/".join(names) for names in option) for option in options
    )
    if complete:
        shown = "、".join(
            f"{found[tuple(names)].name}（{found[tuple(names)].url}）"
            for names in complete[0]
        )
        return Outcome("pass", f"已设栏目 {shown}；要求：{required}", evidence)

    present = [names for names in sorted(specs) if found[names].state == "exists"]
    if any(match.state == "unfetched" for match in found.values()):
        raise Unassessable(
            "栏目 "
            + "、".join(
                "/".join(names)
                for names in sorted(specs)
                if found[names].state == "unfetched"
            )
            + " 有链接但未能抓取"
        )
    missing = "；".join(
        f"{'/'.join(names)}：{_describe_missing(found[names], params)}"
        for names in sorted(specs)
        if found[names].state != "exists"
    )
    evidence += context.homepage_evidence("fail")
    if present:
        shown = "、".join(found[names].name for names in present)
        return Outcome(
            "partial",
            f"仅设栏目 {shown}；缺少 {missing}；要求：{required}",
            evidence,
        )
    return Outcome("fail", f"缺少 {missing}；要求：{required}", evidence)


def _find_named_column(
    context: RuleContext, names: list[str], params: ColumnExistsParams
) -> ColumnMatch:
    match = context.locate_column(names, params.exclude)
    if match.state == "exists" and params.min_disclosures:
        count = len(context.column_disclosures(list(match.columns)))
        if count < params.min_disclosures:
            return ColumnMatch("empty", match.name, match.url, match.http_status)
    if match.state != "exists" and params.also_titles:
        titled = _find_titled_item(context, names)
        if titled is not None:
            return titled
    if match.state != "exists" and params.also_headings:
        heading = _find_heading(context, names)
        if heading is not None:
            return heading
    return match


def _find_titled_item(context: RuleContext, names: list[str]) -> ColumnMatch | None:
    wanted = [normalize_text(name) for name in names]
    for disclosure in context.all_disclosures():
        if any(word in normalize_text(disclosure.title) for word in wanted):
            return ColumnMatch("exists", disclosure.title, disclosure.url, None)
    for link in context.snapshot.links:
        if link.kind != "a" or not any(
            word in normalize_text(link.text) for word in wanted
        ):
            continue
        page = context.snapshot.pages_by_url.get(canonical_url(link.target_url))
        status = page.status if page is not None else link.target_status
        if status is not None and 200 <= status < 300:
            return ColumnMatch("exists", link.text.strip(), link.target_url, status)
    return None


def _find_heading(context: RuleContext, names: list[str]) -> ColumnMatch | None:
    wanted = {normalize_text(name) for name in names}
    pages = sorted(
        (page for page in context.snapshot.pages if page.ok and page.text),
        key=lambda page: (page.role != "homepage", page.url),
    )
    for page in pages:
        if not any(name in page.text for name in names):
            continue
        for line in page.text.splitlines():
            if normalize_text(line) in wanted:
                return ColumnMatch("exists", line.strip(), page.url, page.status)
    return None


def _describe_missing(match: ColumnMatch, params: ColumnExistsParams) -> str:
    if match.state == "empty":
        return (
            f"栏目 {match.name}（{match.url}）所列信息少于 {params.min_disclosures} 条"
        )
    if match.state == "broken":
        return (
            f"链接 {match.name}（{match.url}）"
            f"{f'返回 HTTP {match.http_status}' if match.http_status else '无响应'}"
        )
    return "未设该栏目"


def _column_evidence(context: RuleContext, names: list[str], match: ColumnMatch):
    verdict = "found" if match.state == "exists" else match.state
    return context.url_evidence(
        match.url or None,
        verdict,
        title=match.name or "/".join(names),
        http_status=match.http_status,
        quote_text=f"栏目 {'/'.join(names)}：{COLUMN_STATES.get(match.state, match.state)}",
    )


class ColumnFreshnessParams(RuleParams):
    """Parameters of `column_freshness`."""

    columns: Names = Field(min_length=1)
    exclude: Names = []
    # The newest disclosure is dated on or after as_of minus this many days.
    max_age_days: int | None = Field(default=None, ge=0)
    # Or: the column holds a disclosure dated in this year.
    year: int | None = None

    def check_indicator(self, indicator):
        """Ask for exactly one of max_age_days and year."""
        if (self.max_age_days is None) == (self.year is None):
            return [
                (
                    "rule.max_age_days",
                    "give exactly one of max_age_days and year",
                    self.max_age_days,
                )
            ]
        return []


@rule_kind("column_freshness", ColumnFreshnessParams)
def evaluate_column_freshness(
    context: RuleContext, params: ColumnFreshnessParams
) -> Outcome:
    """A named column holds a recent disclosure, or one dated in a given year."""
    columns = context.readable_columns(params.columns, params.exclude)
    wanted = "/".join(params.columns)
    if not columns:
        return Outcome(
            "fail",
            f"没有可访问的栏目 {wanted}",
            context.homepage_evidence("fail"),
        )

    dated = [
        date_disclosure(item)
        for item in context.column_disclosures(columns)
        if date_disclosure(item).date is not None
    ]
    if params.max_age_days is not None:
        earliest = context.as_of - timedelta(days=params.max_age_days)
        required = f"有 {earliest.isoformat()} 及以后的信息"
        qualifying = [item for item in dated if item.date >= earliest]
    else:
        required = f"有 {params.year} 年的信息"
        qualifying = [item for item in dated if item.date.year == params.year]

    column = columns[0]
    column_evidence = context.url_evidence(
        column.url, "found", title=column.name, http_status=column.status
    )
    if qualifying:
        best = max(qualifying, key=lambda item: (item.date, item.disclosure.url))
        return Outcome(
            "pass",
            f"栏目 {column.name} 有《{best.disclosure.title}》，日期 "
            f"{best.date.isoformat()}（{best.note}）；要求：{required}",
            [
                column_evidence,
                context.disclosure_evidence(
                    best.disclosure, "pass", {"date": iso(best.date)}
                ),
            ],
        )
    column_evidence["verdict"] = "fail"
    if not dated:
        return Outcome(
            "fail",
            f"栏目 {column.name} 没有标明日期的信息；要求：{required}",
            [column_evidence],
        )
    newest = max(dated, key=lambda item: (item.date, item.disclosure.url))
    return Outcome(
        "fail",
        f"栏目 {column.name} 最新信息的日期为 "
        f"{newest.date.isoformat()}；要求：{required}",
        [
            column_evidence,
            context.disclosure_evidence(
                newest.disclosure, "fail", {"date": iso(newest.date)}
            ),
        ],
    )


class StaleGroup(RuleParams):
    """Columns whose names hold one of `names`, and how old is too old."""

    names: Names = Field(min_length=1)
    max_age_days: int | None = Field(default=None, ge=0)
    max_age_months: int | None = Field(default=None, ge=0)


class CountParams(RuleParams):
    """Parameters of `count_with_thresholds`."""

    # What to count: columns whose newest disclosure is too old, or columns
    # with no disclosure at all.
    count: Literal["stale_columns", "empty_columns"]
    groups: list[StaleGroup] = []
    exclude: Names = []

    def check_indicator(self, indicator):
        """Stale columns need groups; each group needs one age limit."""
        if self.count == "stale_columns" and not self.groups:
            return [("rule.groups", "stale_columns needs groups", self.groups)]
        for position, group in enumerate(self.groups):
            if (group.max_age_days is None) == (group.max_age_months is None):
                return [
                    (
                        f"rule.groups.{position}",
                        "give exactly one of max_age_days and max_age_months",
                        group.model_dump(),
                    )
                ]
        return []


@rule_kind("count_with_thresholds", CountParams, counting=True)
def evaluate_count(context: RuleContext, params: CountParams) -> Outcome:
    """Counts stale or empty columns; the indicator's fail_at and cap score it."""
    columns = _distinct_columns(context, params.exclude)
    unfetched = [column for column in columns if column.status is None]
    working = [column for column in columns if column.ok]
    if not working and unfetched:
        raise Unassessable(f"发现的 {len(unfetched)} 个栏目均未能抓取")

    if params.count == "stale_columns":
        counted, evidence, judged = _stale_columns(context, params, working)
        what = "更新不及时的栏目"
    else:
        counted, evidence, judged = _empty_columns(context, working)
        what = "空白栏目"
    names = "、".join(item.label for item in counted)
    detail = (
        f"{what} {len(counted)} 个（共判定 {judged} 个）"
        + (f"：{names}" if counted else "")
        + (f"；{len(unfetched)} 个栏目未能抓取" if unfetched else "")
    )
    return Outcome(None, detail, evidence, counted=counted)


def _distinct_columns(context: RuleContext, exclude: Names) -> list[ColumnRow]:
    unwanted = [normalize_text(name) for name in exclude]
    seen: dict[str, ColumnRow] = {}
    for column in context.snapshot.columns:
        if any(word in normalize_text(column.name) for word in unwanted):
            continue
        key = canonical_url(column.url)
        if key not in seen or (column.ok and not seen[key].ok):
            seen[key] = column
    return sorted(seen.values(), key=lambda column: (column.url, column.id))


def _own_disclosures(context: RuleContext, column: ColumnRow, by_url: dict):
    # Rows of every column record sharing this URL (a column linked twice).
    rows = []
    for other in by_url.get(canonical_url(column.url), [column]):
        rows.extend(context.snapshot.disclosures_by_column.get(other.id, []))
    return rows


def _columns_by_url(context: RuleContext) -> dict[str, list[ColumnRow]]:
    found: dict[str, list[ColumnRow]] = {}
    for column in context.snapshot.columns:
        found.setdefault(canonical_url(column.url), []).append(column)
    return found


def _stale_columns(context: RuleContext, params: CountParams, columns):
    by_url = _columns_by_url(context)
    counted, evidence, judged = [], [], 0
    for column in columns:
        group = _group_of(column, params.groups)
        if group is None:
            continue
        dates = [
            item.date
            for item in map(date_disclosure, _own_disclosures(context, column, by_url))
            if item.date is not None
        ]
        if not dates:
            continue  # left to the empty-columns rule
        judged += 1
        newest = max(dates)
        limit = _age_limit(context.as_of, group)
        if newest < limit:
            counted.append(Counted(column.name))
            evidence.append(
                context.url_evidence(
                    column.url,
                    "stale",
                    title=column.name,
                    http_status=column.status,
                    quote_text=f"最新信息日期 {newest.isoformat()}",
                    dates={"newest": newest.isoformat(), "limit": limit.isoformat()},
                )
            )
    return counted, evidence, judged


def _group_of(column: ColumnRow, groups: list[StaleGroup]) -> StaleGroup | None:
    name = normalize_text(column.name)
    for group in groups:
        if any(normalize_text(word) in name for word in group.names):
            return group
    return None


def _age_limit(as_of: date, group: StaleGroup) -> date:
    if group.max_age_days is not None:
        return as_of - timedelta(days=group.max_age_days)
    return subtract_months(as_of, group.max_age_months or 0)


def subtract_months(day: date, months: int) -> date:
    """Return the same day `months` months earlier (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _is_list(context: RuleContext, column: ColumnRow) -> bool:
    # The crawler gives a list page the role "column"; a column whose page
    # reads as an article (机构概况, a guide) has no list to be empty.
    if column.empty_notice:
        return True
    page = context.snapshot.pages_by_url.get(canonical_url(column.url))
    if page is not None:
        return page.role == "column"
    return column.list_pages >= 1


def _links_disclosures(context: RuleContext, column: ColumnRow) -> bool:
    # Entries without a date are not the column's disclosures, yet a list
    # showing them is not empty: its page links to disclosure pages.
    snapshot = context.snapshot
    page = snapshot.pages_by_url.get(canonical_url(column.url))
    if page is None:
        return False
    for link in snapshot.links_by_source.get(page.id, []):
        if link.in_navigation:
            continue
        target = canonical_url(link.target_url)
        if target in snapshot.disclosures_by_url:
            return True
        linked = snapshot.pages_by_url.get(target)
        if linked is not None and linked.role == "disclosure":
            return True
    return False


def _empty_columns(context: RuleContext, columns):
    by_url = _columns_by_url(context)
    counted, evidence, judged = [], [], 0
    for column in columns:
        rows = _own_disclosures(context, column, by_url)
        if not rows and context.snapshot.column_children.get(column.id):
            continue  # a section page leading to sub-columns, judged there
        if not rows and not _is_list(context, column):
            continue  # a single page (an article), not a list
        judged += 1
        if rows or (not column.empty_notice and _links_disclosures(context, column)):
            continue
        counted.append(Counted(column.name))
        evidence.append(
            context.url_evidence(
                column.url,
                "empty",
                title=column.name,
                http_status=column.status,
                quote_text="暂无信息" if column.empty_notice else "列表为空",
            )
        )
    return counted, evidence, judged
