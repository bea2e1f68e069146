"""Words and colours the reports use for statuses, systems and ratings."""

from __future__ import annotations

STATUS_ORDER = ("pass", "partial", "fail", "unknown", "not_applicable")

STATUS_LABELS = {
    "pass": "达标",
    "partial": "部分达标",
    "fail": "未达标",
    "unknown": "无法评估",
    "not_applicable": "不适用",
}

# Statuses that name a shortcoming of the portal. `unknown` is left out: it
# means the pages could not be fetched, which says nothing about compliance.
PROBLEM_STATUSES = frozenset({"partial", "fail"})

# Statuses that take part in an indicator's compliance rate.
ASSESSED_STATUSES = frozenset({"pass", "partial", "fail"})

# Background and text colours per status (HTML badges and spreadsheet fills).
STATUS_COLOURS = {
    "pass": ("#dcefe0", "#1e6b34"),
    "partial": ("#fbebc8", "#8a5a00"),
    "fail": ("#f7d4d2", "#a11d17"),
    "unknown": ("#dde3ec", "#3b4a5f"),
    "not_applicable": ("#ececec", "#5b5b5b"),
}

SCORING_METHOD_LABELS = {
    "sum": "累加计分",
    "deduct": "扣分制",
}

UNRATED_KIND = "其他单位"

VETO_RATING = "不合格"

UNKNOWN_SUGGESTION = "评估所需页面未能获取，建议核实网站可访问性后申请复评。"

DEFAULT_SUGGESTION = "请对照指标要求补充或更正相关内容。"


# Verdicts of single evidence entries beyond the finding statuses.
EVIDENCE_VERDICT_LABELS = {
    "found": "已找到",
    "exists": "已设置",
    "absent": "未设置",
    "empty": "信息不足",
    "broken": "链接失效",
    "unfetched": "未能抓取",
    "stale": "更新不及时",
    "excluded": "不计入",
}

# Names of the dates a rule compared, and where a judged date came from.
DATE_KEY_LABELS = {
    "date": "判定日期",
    "date_source": "日期来源",
    "due": "截止日期",
    "start": "起算日期",
    "start_source": "起算依据",
    "limit": "最早可接受日期",
    "newest": "最新信息日期",
    "month": "月份",
}
DATE_SOURCE_LABELS = {
    "published": "发布日期",
    "written": "成文日期",
    "list": "列表页日期",
}


def verdict_label(verdict: str) -> str:
    """Return the Chinese label of an evidence entry's verdict."""
    return STATUS_LABELS.get(verdict) or EVIDENCE_VERDICT_LABELS.get(verdict, verdict)


def status_label(status: str) -> str:
    """Return the Chinese label of a finding status (the status itself if unknown)."""
    return STATUS_LABELS.get(status, status)


def status_rank(status: str) -> int:
    """Return the position of a status in the reports' reading order."""
    try:
        return STATUS_ORDER.index(status)
    except ValueError:
        return len(STATUS_ORDER)


def combine_statuses(statuses: list[str]) -> str:
    """Return one status for a unit and indicator judged on several items.

    Items that do not apply are ignored and the same status everywhere is
    kept. Shortcomings mixed with some compliance make it partial; failures
    mixed with items that could not be assessed stay a failure; passes mixed
    with such items cannot be confirmed and are unknown.
    """
    judged = {status for status in statuses if status != "not_applicable"}
    if not judged:
        return "not_applicable"
    if len(judged) == 1:
        return judged.pop()
    if judged & PROBLEM_STATUSES and judged & {"pass", "partial"}:
        return "partial"
    if "fail" in judged:
        return "fail"
    return "unknown"
