"""The methodology appendix: systems, indicators, crawl figures, limitations."""

from __future__ import annotations

from reports.labels import SCORING_METHOD_LABELS
from reports.load import PortalStats, ScoringData
from reports.present import format_datetime, format_number

PAGE_ROLE_LABELS = {
    "homepage": "首页",
    "column": "栏目列表页",
    "disclosure": "信息页",
    "attachment": "附件",
    "other": "其他页面",
}

PORTAL_STATUS_LABELS = {"ok": "正常", "error": "无法访问", "pending": "未完成"}

RUN_STATUS_LABELS = {
    "running": "进行中",
    "done": "完成",
    "partial": "部分完成",
    "failed": "失败",
    "interrupted": "中断",
}

# Limits of an automated assessment that hold for every run.
GENERAL_LIMITATIONS = (
    "评估依据抓取时网站公开展示的内容；网站在抓取后的更新、删除，以及仅对登录用户开放的内容不在评估范围内。",
    "抓取遵守各网站 robots.txt 与访问频率限制，受限页面未予抓取，相关指标可能判为“无法评估”。",
    "“无法评估”表示评估所需页面未能获取，不作为未达标处理；“不适用”表示该指标不适用于该单位或截至评估基准日尚未到期。",
    "信息的发布日期取自页面标注的发布日期、元数据或列表页日期；页面未标注日期的信息不能证明按时发布。",
    "栏目与信息的识别基于栏目名称、页面结构和关键词匹配，个别命名特殊的栏目可能未被识别，评估结论可结合证据链接复核。",
)


def build_methodology(data: ScoringData, units: list[dict]) -> dict:
    """Return the appendix: systems, indicators, crawl statistics, limitations."""
    names = {unit["key"]: unit["name"] for unit in units}
    crawl = _crawl_totals(data.portals)
    return {
        "systems": [
            {
                "id": system["id"],
                "name": system["name"],
                "method": SCORING_METHOD_LABELS.get(
                    system["scoring"], system["scoring"]
                ),
                "max_score": system["max_score"],
                "source": system.get("source", ""),
                "ratings": _rating_rules(system),
                "indicators": [
                    _indicator_row(item)
                    for item in data.indicators
                    if item["system"] == system["id"]
                ],
            }
            for system in data.systems
        ],
        "parameters": [
            {"key": key, "value": str(value)} for key, value in data.parameters.items()
        ],
        "crawl": crawl,
        "portals": [_portal_row(portal, names) for portal in data.portals],
        "run": {
            "started_at": format_datetime(data.run_started_at),
            "finished_at": format_datetime(data.run_finished_at),
            "status": RUN_STATUS_LABELS.get(data.run_status, data.run_status),
        },
        "limitations": [*GENERAL_LIMITATIONS, *_run_limitations(data, names)],
    }


def _rating_rules(system: dict) -> str:
    ratings = sorted(
        system.get("ratings") or [],
        key=lambda rating: -float(rating.get("min_score") or 0),
    )
    if not ratings:
        return ""
    rules = [
        f"{rating['label']}：{format_number(rating.get('min_score'))} 分及以上"
        for rating in ratings
    ]
    lowest = format_number(ratings[-1].get("min_score"))
    if system.get("below_rating"):
        rules.append(f"{system['below_rating']}：低于 {lowest} 分")
    if system.get("veto_rating"):
        rules.append(f"触发单项否决指标的单位评为{system['veto_rating']}")
    return "；".join(rules)


def _indicator_row(item: dict) -> dict:
    applies = "、".join(item["applies_to"]) if item["applies_to"] else "全部单位"
    parts = ["单项否决"] if item["veto"] else []
    if item.get("deduction") and item["cap"] is not None:
        parts.append(
            f"每项扣 {format_number(item['deduction'])} 分，"
            f"上限 {format_number(item['cap'])} 分"
        )
    elif item["cap"] is not None:
        parts.append(f"扣分，上限 {format_number(item['cap'])} 分")
    elif not item["veto"]:
        parts.append("计分")
    if item.get("deadline"):
        parts.append(f"期限 {item['deadline']}")
    kind = "；".join(parts)
    return {
        "id": item["id"],
        "name": item["name"],
        "clause": item["clause"],
        "points": item["points"],
        "veto": item["veto"],
        "kind": kind,
        "applies_to": applies,
    }


def _crawl_totals(portals: list[PortalStats]) -> dict:
    roles: dict[str, int] = {}
    for portal in portals:
        for role, count in portal.pages_by_role.items():
            roles[role] = roles.get(role, 0) + count
    probes = sum(portal.probes for portal in portals)
    probes_ok = sum(portal.probes_ok for portal in portals)
    return {
        "portals": len(portals),
        "portals_ok": sum(1 for portal in portals if portal.status == "ok"),
        "portals_error": sum(1 for portal in portals if portal.status == "error"),
        "pages": sum(portal.pages for portal in portals),
        "pages_failed": sum(portal.pages_failed for portal in portals),
        "pages_rendered": sum(portal.pages_rendered for portal in portals),
        "pages_by_role": [
            {"role": PAGE_ROLE_LABELS.get(role, role), "count": count}
            for role, count in sorted(roles.items(), key=lambda pair: -pair[1])
        ],
        "links": sum(portal.links for portal in portals),
        "link_targets": sum(portal.link_targets for portal in portals),
        "broken_targets": sum(portal.broken_targets for portal in portals),
        "probes": probes,
        "probes_ok": probes_ok,
        "probe_rate": probes_ok / probes if probes else None,
        "screenshots": sum(portal.screenshots for portal in portals),
    }


def _portal_row(portal: PortalStats, names: dict[str, str]) -> dict:
    return {
        "unit_name": names.get(portal.unit_key, portal.unit_key),
        "base_url": portal.base_url,
        "status": PORTAL_STATUS_LABELS.get(portal.status, portal.status),
        "error": portal.error or "",
        "pages": portal.pages,
        "pages_failed": portal.pages_failed,
        "link_targets": portal.link_targets,
        "broken_targets": portal.broken_targets,
        "probes": portal.probes,
        "probes_ok": portal.probes_ok,
        "probe_mean_seconds": portal.probe_mean_seconds,
        "screenshots": portal.screenshots,
    }


def _run_limitations(data: ScoringData, names: dict[str, str]) -> list[str]:
    notes = []
    failed = [
        names.get(portal.unit_key, portal.unit_key)
        for portal in data.portals
        if portal.status == "error"
    ]
    if failed:
        notes.append(
            f"本次运行中以下单位的网站无法访问，相关指标判为未达标或无法评估：{'、'.join(failed)}。"
        )
    unknown = sum(1 for finding in data.findings if finding.status == "unknown")
    if unknown:
        notes.append(
            f"本次评估共有 {unknown} 项评估结果为“无法评估”，建议在网站恢复访问后复评。"
        )
    if data.run_status and data.run_status not in ("done", "running"):
        notes.append(
            f"本次抓取运行的状态为“{data.run_status}”，部分网站的抓取可能不完整。"
        )
    return notes
