"""A fixture store with two scorings of five units, as the scoring stage writes them.

Two runs of the same units, each scored once with zz2016 and govsite. The
newer run holds every status (pass, partial, fail, not_applicable, unknown),
two veto failures, a unit whose portal could not be fetched, findings judged
per item, a screenshot kept as evidence, and crawled text that tries to run a
script. The differences between the runs are the planted comparison cases.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

import reports
from store.db import open_store
from store.models import (
    EvidenceFile,
    Finding,
    Link,
    Page,
    Portal,
    Probe,
    Run,
    Scoring,
    Unit,
    UnitScore,
)

PLANTED_MARKUP = "<b>x</b><script>window.__pwned=1</script>"
SCREENSHOT_PATH = "run2/fgw/homepage.png"
MISSING_SCREENSHOT_PATH = "run2/spj/homepage.png"
FORMULA_QUOTE = '=HYPERLINK("http://127.0.0.1/","点击")'

UNITS = [
    ("fgw", "郑州市发展和改革委员会", "市政府部门", ["economy", "fees"]),
    ("sjj", "郑州市审计局", "市政府部门", ["audit"]),
    ("spj", f"郑州市食品药品监督管理局{PLANTED_MARKUP}", "市政府部门", ["enforcement"]),
    ("jinshui", "金水区人民政府", "区县政府", ["enforcement"]),
    ("erqi", "二七区人民政府", "区县政府", ["enforcement"]),
]

# (system, id, name, clause, points, veto, cap, applies_to)
INDICATORS = [
    ("zz2016", "zz2016.plan", "政务公开工作方案与台账", "二", 10, False, None, []),
    ("zz2016", "zz2016.leader", "公开分管领导", "第46项", 5, False, None, []),
    ("zz2016", "zz2016.sgs.column", "双公示栏目", "第3项", 10, False, None, ["enforcement"]),
    ("zz2016", "zz2016.sgs.fields", "双公示信息要素完整", "第3项", 10, False, None, ["enforcement"]),
    ("zz2016", "zz2016.budget", "部门预算公开", "第37项", 10, False, None, []),
    ("zz2016", "zz2016.jiedu.column", "政策解读栏目", "第38项", 5, False, None, []),
    ("zz2016", "zz2016.audit", "审计结果公告", "第36项", 5, False, None, ["audit"]),
    ("govsite", "site.available", "首页可用性", "单项否决", 0, True, None, []),
    ("govsite", "site.homepage_fresh", "首页信息更新", "单项否决", 0, True, None, []),
    ("govsite", "site.broken_links", "链接可用性", "扣分指标", 20, False, 20, []),
    ("govsite", "site.identity", "网站标识", "扣分指标", 5, False, 5, []),
]  # fmt: skip

SYSTEMS = [
    {
        "id": "zz2016",
        "name": "郑州市2016年政务公开工作要点",
        "source": "郑政办文〔2016〕41号",
        "scoring": "sum",
        "max_score": 100.0,
        "ratings": [
            {"min_score": 90, "label": "优秀"},
            {"min_score": 75, "label": "良好"},
            {"min_score": 60, "label": "合格"},
        ],
        "below_rating": "不合格",
        "veto_rating": "不合格",
    },
    {
        "id": "govsite",
        "name": "政府网站检查指标",
        "source": "政府网站与政务新媒体检查指标（2019）",
        "scoring": "deduct",
        "max_score": 100.0,
        "ratings": [{"min_score": 60, "label": "合格"}],
        "below_rating": "不合格",
        "veto_rating": "不合格",
    },
]

# Statuses of the newer scoring: (unit, indicator, item) -> (status, points).
NEW_STATUSES = {
    ("fgw", "zz2016.plan", ""): ("pass", 10),
    ("fgw", "zz2016.leader", ""): ("fail", 0),
    ("fgw", "zz2016.budget", ""): ("partial", 5),
    ("fgw", "zz2016.jiedu.column", ""): ("pass", 5),
    ("fgw", "zz2016.audit", ""): ("not_applicable", 0),
    ("fgw", "site.available", ""): ("pass", 0),
    ("fgw", "site.homepage_fresh", ""): ("pass", 0),
    ("fgw", "site.broken_links", ""): ("partial", 19.5),
    ("fgw", "site.identity", ""): ("partial", 3),
    ("sjj", "zz2016.plan", ""): ("partial", 5),
    ("sjj", "zz2016.leader", ""): ("pass", 5),
    ("sjj", "zz2016.budget", ""): ("pass", 10),
    ("sjj", "zz2016.jiedu.column", ""): ("fail", 0),
    ("sjj", "zz2016.audit", ""): ("pass", 5),
    ("sjj", "site.available", ""): ("pass", 0),
    ("sjj", "site.homepage_fresh", ""): ("fail", 0),
    ("sjj", "site.broken_links", ""): ("pass", 20),
    ("sjj", "site.identity", ""): ("pass", 5),
    ("spj", "zz2016.plan", ""): ("fail", 0),
    ("spj", "zz2016.leader", ""): ("fail", 0),
    ("spj", "zz2016.sgs.column", ""): ("partial", 5),
    ("spj", "zz2016.sgs.fields", "郑食药罚〔2016〕12号"): ("pass", 5),
    ("spj", "zz2016.sgs.fields", PLANTED_MARKUP): ("fail", 0),
    ("spj", "zz2016.budget", ""): ("fail", 0),
    ("spj", "zz2016.jiedu.column", ""): ("fail", 0),
    ("spj", "site.available", ""): ("pass", 0),
    ("spj", "site.homepage_fresh", ""): ("pass", 0),
    ("spj", "site.broken_links", ""): ("partial", 17.3),
    ("spj", "site.identity", ""): ("fail", 0),
    ("jinshui", "zz2016.plan", ""): ("pass", 10),
    ("jinshui", "zz2016.leader", ""): ("pass", 5),
    ("jinshui", "zz2016.sgs.column", ""): ("pass", 10),
    ("jinshui", "zz2016.sgs.fields", "金水区行政许可2016-031"): ("pass", 10),
    ("jinshui", "zz2016.budget", ""): ("unknown", 0),
    ("jinshui", "zz2016.jiedu.column", ""): ("pass", 5),
    ("jinshui", "site.available", ""): ("pass", 0),
    ("jinshui", "site.homepage_fresh", ""): ("pass", 0),
    ("jinshui", "site.broken_links", ""): ("pass", 20),
    ("jinshui", "site.identity", ""): ("pass", 5),
    ("erqi", "zz2016.plan", ""): ("unknown", 0),
    ("erqi", "zz2016.leader", ""): ("unknown", 0),
    ("erqi", "zz2016.sgs.column", ""): ("unknown", 0),
    ("erqi", "zz2016.budget", ""): ("unknown", 0),
    ("erqi", "zz2016.jiedu.column", ""): ("unknown", 0),
    ("erqi", "site.available", ""): ("fail", 0),
    ("erqi", "site.homepage_fresh", ""): ("unknown", 0),
    ("erqi", "site.broken_links", ""): ("unknown", 20),
    ("erqi", "site.identity", ""): ("unknown", 5),
}

# The older scoring differs in these findings; None means it had no such finding.
OLD_CHANGES = {
    ("fgw", "zz2016.leader", ""): ("pass", 5),  # new problem
    ("jinshui", "zz2016.sgs.column", ""): ("fail", 0),  # fixed
    ("fgw", "site.identity", ""): ("fail", 0),  # fail to partial: changed
    ("sjj", "zz2016.jiedu.column", ""): None,  # absent before: new problem
    ("jinshui", "zz2016.budget", ""): ("pass", 10),  # pass to unknown: changed
    ("sjj", "site.homepage_fresh", ""): ("partial", 0),  # shortcoming both times
    ("erqi", "site.available", ""): ("pass", 0),  # new veto failure
}
OLD_ONLY = {("fgw", "zz2016.fees", ""): ("pass", 5)}  # removed in the newer
# The indicator of that finding, which the newer scoring's snapshot no longer has.
RETIRED_INDICATOR = (
    "zz2016",
    "zz2016.fees",
    "收费目录清单",
    "第21项",
    5,
    False,
    None,
    [],
)
INDICATOR_BY_ID = {entry[1]: entry for entry in INDICATORS}


@dataclass
class FixtureStore:
    """The fixture store and what the tests need to know of it."""

    session_factory: object
    evidence_dir: Path
    old_scoring_id: int
    new_scoring_id: int
    new_statuses: dict = field(default_factory=dict)
    planted_markup: str = PLANTED_MARKUP
    screenshot_path: str = SCREENSHOT_PATH
    missing_screenshot_path: str = MISSING_SCREENSHOT_PATH
    formula_quote: str = FORMULA_QUOTE
    units: list = field(default_factory=lambda: list(UNITS))
    indicators: list = field(default_factory=lambda: list(INDICATORS))

    @staticmethod
    def finding_id(unit: str, indicator: str, item: str = "") -> str:
        """Return the finding id of a unit, indicator and item."""
        return finding_id_of(unit, indicator, item)


def finding_id_of(unit: str, indicator: str, item: str) -> str:
    """Return the stable finding id the rules engine derives."""
    return hashlib.sha1(f"{unit}\x1f{indicator}\x1f{item}".encode()).hexdigest()


def build_fixture_store(folder: Path) -> FixtureStore:
    """Write the fixture store (two runs, one scoring each) under `folder`."""
    session_factory = open_store(f"sqlite:///{folder / 'zwgk.sqlite'}")
    evidence_dir = folder / "evidence"
    _write_screenshot(evidence_dir / SCREENSHOT_PATH)
    old_statuses = {**NEW_STATUSES, **OLD_ONLY}
    for key, value in OLD_CHANGES.items():
        if value is None:
            old_statuses.pop(key)
        else:
            old_statuses[key] = value
    with session_factory() as session:
        old_id = _add_scored_run(
            session,
            "run1",
            datetime(2016, 6, 28, 9, 0),
            date(2016, 6, 30),
            old_statuses,
        )
        new_id = _add_scored_run(
            session,
            "run2",
            datetime(2016, 9, 28, 9, 0),
            date(2016, 9, 30),
            NEW_STATUSES,
        )
        session.commit()
    return FixtureStore(session_factory, evidence_dir, old_id, new_id, NEW_STATUSES)


def _write_screenshot(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (1280, 2400), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1280, 160), fill=(160, 20, 20))
    draw.rectangle((40, 220, 820, 900), fill=(230, 235, 242))
    draw.rectangle((860, 220, 1240, 900), fill=(242, 230, 214))
    image.save(path, format="PNG")


def _add_scored_run(
    session, folder: str, started: datetime, as_of: date, statuses: dict
) -> int:
    run = Run(
        title="2016年郑州市政务公开第三方评估",
        config_snapshot={
            "assessment": {
                "title": "2016年郑州市政府网站政务公开第三方评估报告",
                "assessor": "郑州市政务公开评估课题组",
                "period": "2016年第三季度",
            }
        },
        as_of=as_of,
        systems=["zz2016", "govsite"],
        started_at=started,
        finished_at=started + timedelta(hours=2),
        status="partial",
    )
    session.add(run)
    session.flush()
    for key, name, kind, tags in UNITS:
        _add_unit_crawl(session, run, folder, key, name, kind, tags, started)
    scoring = Scoring(
        run_id=run.id,
        systems=["zz2016", "govsite"],
        as_of=as_of,
        parameters={"budget_approved_on": "2016-03-18"},
        created_at=started + timedelta(hours=3),
        indicators=[_indicator_snapshot(entry) for entry in INDICATORS],
        system_info=SYSTEMS,
    )
    session.add(scoring)
    session.flush()
    for (unit, indicator, item), (status, points) in statuses.items():
        session.add(_finding(scoring, folder, unit, indicator, item, status, points))
    for key, *_ in UNITS:
        session.add_all(_unit_scores(scoring, key, statuses))
    return scoring.id


def _indicator_snapshot(entry: tuple) -> dict:
    system, indicator_id, name, clause, points, veto, cap, applies_to = entry
    return {
        "system": system,
        "id": indicator_id,
        "name": name,
        "clause": clause,
        "points": points,
        "veto": veto,
        "kind": "presence",
        "applies_to": applies_to,
        "cap": cap,
        "suggestion": f"请按要求整改“{name}”，并在整改后于首页显著位置发布。",
    }


def _add_unit_crawl(session, run, folder, key, name, kind, tags, started) -> None:
    unit = Unit(run_id=run.id, key=key, name=name, kind=kind, tags=tags)
    session.add(unit)
    session.flush()
    base = f"http://127.0.0.1:8800/{key}/"
    unreachable = key == "erqi"
    portal = Portal(
        run_id=run.id,
        unit_id=unit.id,
        base_url=base,
        status="error" if unreachable else "ok",
        error="Connection refused" if unreachable else None,
        pages_fetched=0 if unreachable else 3,
        pages_failed=1 if unreachable else 0,
        started_at=started,
        finished_at=started + timedelta(minutes=30),
    )
    session.add(portal)
    session.flush()
    pages = []
    roles = [("", "homepage"), ("zwgk/", "column"), ("zwgk/2016/1.html", "disclosure")]
    for path, role in roles[:1] if unreachable else roles:
        page = Page(
            run_id=run.id,
            portal_id=portal.id,
            url=base + path,
            status=None if unreachable else 200,
            fetched_at=started + timedelta(minutes=5),
            role=role,
            title=f"{name} {role}",
            error="Connection refused" if unreachable else None,
        )
        session.add(page)
        pages.append(page)
    session.flush()
    if not unreachable:
        session.add_all(
            [
                Link(
                    run_id=run.id,
                    portal_id=portal.id,
                    source_page_id=pages[0].id,
                    target_url=base + "zwgk/",
                    text="政务公开",
                    target_status=200,
                    checked_at=started,
                ),
                Link(
                    run_id=run.id,
                    portal_id=portal.id,
                    source_page_id=pages[0].id,
                    target_url=base + "gone.html",
                    text="失效链接",
                    target_status=404,
                    checked_at=started,
                ),
            ]
        )
    for number in range(3):
        session.add(
            Probe(
                run_id=run.id,
                portal_id=portal.id,
                url=base,
                started_at=started + timedelta(seconds=10 * number),
                status=None if unreachable else 200,
                elapsed_seconds=None if unreachable else 0.2 + number / 10,
                error="Connection refused" if unreachable else None,
            )
        )
    if key == "fgw" and folder == "run2":
        session.add(
            EvidenceFile(
                run_id=run.id,
                portal_id=portal.id,
                page_url=base,
                path=SCREENSHOT_PATH,
                sha256="ab" * 32,
                created_at=started + timedelta(minutes=6),
            )
        )


def _finding(scoring, folder, unit, indicator, item, status, points) -> Finding:
    system, _, name, _, max_points, veto, _, _ = INDICATOR_BY_ID.get(
        indicator, RETIRED_INDICATOR
    )
    base = f"http://127.0.0.1:8800/{unit}/"
    evidence = [
        {
            "url": base,
            "title": "首页",
            "fetched_at": "2016-09-28T09:05:00",
            "http_status": 200,
            "quote": f"{name}：页面摘录",
            "screenshot": None,
            "dates": {},
            "verdict": status,
        }
    ]
    if item == PLANTED_MARKUP:
        evidence[0]["title"] = PLANTED_MARKUP
    detail = f"{name}：{status}"
    if (unit, indicator) == ("spj", "zz2016.leader"):
        evidence[0]["quote"] = f"本局分管领导{PLANTED_MARKUP}负责政务公开"
        evidence.append(
            {
                "url": "javascript:window.__pwned=2",
                "fetched_at": None,
                "http_status": None,
                "quote": FORMULA_QUOTE,
                "screenshot": None,
            }
        )
        detail = f"未找到分管领导姓名；页面标题《{PLANTED_MARKUP}》"
    if (unit, indicator) == ("spj", "zz2016.plan"):
        evidence[0]["screenshot"] = MISSING_SCREENSHOT_PATH
    if (unit, indicator) == ("fgw", "site.identity") and folder == "run2":
        evidence[0]["screenshot"] = SCREENSHOT_PATH
        evidence[0]["quote"] = "网站标识码4101000001　豫ICP备05000001号"
    if (unit, indicator) == ("fgw", "zz2016.budget"):
        evidence.append(
            {
                "url": base + "zwgk/2016/1.html",
                "fetched_at": "2016-09-28T09:06:00",
                "http_status": 200,
                "quote": "2016年部门预算",
                "screenshot": None,
                "dates": {"批复日期": "2016-03-18", "发布日期": "2016-04-29"},
                "verdict": "逾期发布",
            }
        )
    if status == "unknown":
        evidence = [
            {
                "url": base,
                "fetched_at": "2016-09-28T09:05:00",
                "http_status": None,
                "quote": None,
                "screenshot": None,
            }
        ]
    return Finding(
        scoring_id=scoring.id,
        run_id=scoring.run_id,
        unit_key=unit,
        system=system,
        indicator_id=indicator,
        indicator_name=name,
        item=item,
        status=status,
        points=points,
        max_points=max_points if status != "not_applicable" else 0,
        veto=veto,
        detail=detail,
        evidence=evidence,
        finding_id=finding_id_of(unit, indicator, item),
    )


def _unit_scores(scoring, unit: str, statuses: dict) -> list[UnitScore]:
    mine = {key: value for key, value in statuses.items() if key[0] == unit}
    earned = sum(
        points
        for (_, indicator, _), (_, points) in mine.items()
        if indicator.startswith("zz2016")
    )
    lost = sum(
        _cap(indicator) - points
        for (_, indicator, _), (_, points) in mine.items()
        if indicator.startswith("site.") and _cap(indicator)
    )
    vetoed = any(
        status == "fail" and indicator in ("site.available", "site.homepage_fresh")
        for (_, indicator, _), (status, _) in mine.items()
    )
    counts: dict[str, int] = {}
    for status, _ in mine.values():
        counts[status] = counts.get(status, 0) + 1
    return [
        UnitScore(
            scoring_id=scoring.id,
            unit_key=unit,
            system="zz2016",
            score=float(earned),
            max_score=100.0,
            rating="",
            status_counts=counts,
        ),
        UnitScore(
            scoring_id=scoring.id,
            unit_key=unit,
            system="govsite",
            score=round(100.0 - lost, 2),
            max_score=100.0,
            vetoed=vetoed,
            rating="不合格" if vetoed else "合格",
            status_counts=counts,
        ),
    ]


def _cap(indicator: str) -> float:
    return INDICATOR_BY_ID[indicator][6] or 0 if indicator in INDICATOR_BY_ID else 0


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory) -> FixtureStore:
    """The fixture store, built once for the reports tests."""
    return build_fixture_store(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="session")
def written_reports(fixture_store, tmp_path_factory) -> dict[str, Path]:
    """Every report and export of the newer scoring, compared with the older."""
    return reports.write_all(
        fixture_store.session_factory,
        fixture_store.new_scoring_id,
        tmp_path_factory.mktemp("out"),
        previous_scoring_id=fixture_store.old_scoring_id,
        evidence_dir=fixture_store.evidence_dir,
    )
