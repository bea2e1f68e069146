"""Benchmark the rules engine on a synthetic stored snapshot.

Builds, directly in a SQLite store (no crawl), runs of 250, 500 and 1,000
synthetic units of realistic size (24 columns, about 50 disclosures with
detail pages, attachments, 双公示 fields, interpretation contacts, about 600
links with some broken, three homepage probes, a few screenshots each), then
scores each run with zz2016 and govsite in a fresh process and prints units
per second, SQL statements issued and the scoring process's peak memory, so
that growth with the number of units can be read off. It prints figures and
never fails a build.

    .venv/bin/python bench/score.py [--sizes 250,500,1000] [--disclosures 50]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import event, insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.db import open_store  # noqa: E402
from store.models import (  # noqa: E402
    Column,
    Disclosure,
    EvidenceFile,
    Link,
    Page,
    Portal,
    Probe,
    Run,
    Unit,
)

AS_OF = date(2016, 12, 20)
FETCHED_AT = datetime(2016, 12, 20, 9, 0, 0)
PARAMETERS = {"budget_approved_on": "2016-03-18"}
COLUMN_NAMES = (
    "工作动态",
    "通知公告",
    "政策文件",
    "政策解读",
    "双公示",
    "行政许可",
    "行政处罚",
    "权责清单",
    "政府信息公开指南",
    "政府信息公开目录",
    "政府信息公开年报",
    "财政预决算",
    "人事信息",
    "规划计划",
    "审计结果公告",
    "空气质量",
    "统计信息",
    "领导信息",
    "机构概况",
    "收费信息",
    "应急管理",
    "建议提案办理",
    "招标采购",
    "公示公告",
)
TAG_SETS = (
    [],
    ["enforcement"],
    ["fees"],
    ["enforcement", "food_drug"],
    ["economy"],
    ["audit"],
    ["environment", "enforcement"],
    ["fees", "economy"],
)
FILLER = (
    "为深入贯彻落实政务公开工作要求，进一步提高政府工作透明度，现将有关事项通知如下。"
)
FOOTER = (
    "主办单位：中原市{name} 网站标识码：41010000{n:02d} 豫ICP备05000{n:03d}号 "
    "豫公网安备41010202000{n:03d}号 党政机关"
)


class IdCounter:
    """Row ids handed out before insertion, so rows can refer to each other."""

    def __init__(self):
        self.values: dict[str, int] = {}

    def next(self, table: str) -> int:
        """Return the next id of `table`."""
        self.values[table] = self.values.get(table, 0) + 1
        return self.values[table]


def build_run(sessions, units: int, disclosures: int, ids: IdCounter, seed: int) -> int:
    """Write a run of `units` synthetic units to the store; return its id."""
    rng = random.Random(seed)
    engine = sessions.kw["bind"]
    run_id = ids.next("runs")
    with engine.begin() as connection:
        connection.execute(
            insert(Run),
            [
                {
                    "id": run_id,
                    "title": f"bench {units}",
                    "started_at": FETCHED_AT,
                    "status": "done",
                    "as_of": AS_OF,
                    "systems": ["zz2016", "govsite"],
                }
            ],
        )
        for number in range(1, units + 1):
            rows = _unit_rows(run_id, number, disclosures, ids, rng)
            for model, batch in rows.items():
                if batch:
                    connection.execute(insert(model), batch)
    return run_id


def _unit_rows(run_id, number, disclosures, ids: IdCounter, rng) -> dict:
    rows = {
        model: []
        for model in (Unit, Portal, Page, Column, Disclosure, Link, Probe, EvidenceFile)
    }
    unit_id, portal_id = ids.next("units"), ids.next("portals")
    base = f"http://bench{number}.example.gov.cn/"
    name = f"第{number}局"
    rows[Unit].append(
        {
            "id": unit_id,
            "run_id": run_id,
            "key": f"b{number:05d}",
            "name": name,
            "kind": "市政府部门",
            "tags": TAG_SETS[number % len(TAG_SETS)],
        }
    )
    rows[Portal].append(
        {
            "id": portal_id,
            "run_id": run_id,
            "unit_id": unit_id,
            "base_url": base,
            "status": "ok",
            "pages_fetched": 0,
        }
    )

    def page(url, role, text, title="", status=200):
        page_id = ids.next("pages")
        rows[Page].append(
            {
                "id": page_id,
                "run_id": run_id,
                "portal_id": portal_id,
                "url": url,
                "status": status,
                "fetched_at": FETCHED_AT,
                "elapsed_seconds": 0.2,
                "title": title,
                "role": role,
                "text": text,
                "depth": 1,
                "footer_text": FOOTER.format(name=name, n=number % 100)
                if role == "homepage"
                else "",
                "meta": {"siteidcode": f"41010000{number:02d}"}
                if role == "homepage"
                else {},
            }
        )
        return page_id

    def link(source_id, target, text, status=200, nav=False):
        rows[Link].append(
            {
                "run_id": run_id,
                "portal_id": portal_id,
                "source_page_id": source_id,
                "target_url": target,
                "text": text,
                "in_navigation": nav,
                "kind": "a",
                "is_external": not target.startswith(base),
                "target_status": status,
                "checked_at": FETCHED_AT,
            }
        )

    home_text = "\n".join(COLUMN_NAMES) + "\n" + FILLER * 40
    home_id = page(base, "homepage", home_text, "首页")
    columns = []
    for index, column_name in enumerate(COLUMN_NAMES):
        column_id = ids.next("columns")
        url = f"{base}col{index}/"
        empty = rng.random() < 0.05
        rows[Column].append(
            {
                "id": column_id,
                "run_id": run_id,
                "portal_id": portal_id,
                "name": column_name,
                "url": url,
                "discovered_from": "navigation",
                "on_homepage": True,
                "status": 200,
                "list_pages": 1 if index > 18 or not empty else 1,
                "empty_notice": empty,
                "is_external": False,
            }
        )
        column_page = page(url, "column", column_name + FILLER * 5, column_name)
        link(home_id, url, column_name, nav=True)
        columns.append((column_id, column_name, url, column_page, empty))

    filled = [column for column in columns if not column[4]]
    for index in range(disclosures):
        column_id, column_name, column_url, column_page, _ = filled[index % len(filled)]
        published = AS_OF - timedelta(days=rng.randint(0, 330))
        url = f"{base}art/{index}.html"
        title = f"{published.year}年{column_name}信息第{index}号"
        detail_text = title + "\n" + FILLER * 20
        fields, contacts, refs, attachments = {}, [], {}, []
        if column_name in ("双公示", "行政许可", "行政处罚"):
            fields = {
                "行政处罚决定书文号": f"罚〔2016〕{index}号",
                "案件名称": "某案",
                "行政相对人名称": "某公司",
                "处罚事由": "某事",
                "处罚依据": "某法",
                "处罚结果": "罚款",
                "处罚机关": name,
                "处罚决定日期": (
                    published - timedelta(days=rng.randint(1, 12))
                ).isoformat(),
            }
        if column_name == "政策解读":
            contacts = [{"name": "王芳", "telephone": "0371-67181234"}]
            refs = {"urls": [f"{base}art/{max(0, index - 3)}.html"]}
        if index % 5 == 0:
            attachment = f"{base}files/{index}.pdf"
            attachments = [
                {"name": f"附件{index}.pdf", "url": attachment, "type": "pdf"}
            ]
            page(attachment, "attachment", "三公经费 " + FILLER * 30, f"附件{index}")
        detail_id = page(url, "disclosure", detail_text, title)
        rows[Disclosure].append(
            {
                "run_id": run_id,
                "portal_id": portal_id,
                "column_id": column_id,
                "page_id": detail_id,
                "url": url,
                "title": title,
                "list_page": 1 + index // 100,
                "list_date": published,
                "published": published,
                "published_source": "table",
                "attachments": attachments,
                "fields": fields,
                "contacts": contacts,
                "source_refs": refs,
            }
        )
        link(column_page, url, title)
        if index < 30:
            link(home_id, url, title)
        for other in range(4):
            target = f"{base}col{(index + other) % len(COLUMN_NAMES)}/"
            link(detail_id, target, COLUMN_NAMES[(index + other) % len(COLUMN_NAMES)])

    for _, _, _, column_page, _ in columns:
        for extra in range(10):
            broken = rng.random() < 0.02
            link(
                column_page,
                f"{base}misc/{extra}.html",
                "相关链接",
                status=404 if broken else 200,
            )
    for second in (0, 15, 30):
        rows[Probe].append(
            {
                "run_id": run_id,
                "portal_id": portal_id,
                "url": base,
                "started_at": datetime(2016, 12, 20, 8, 0, second),
                "status": 200,
                "elapsed_seconds": 0.3,
            }
        )
    for url in [base] + [column[2] for column in columns[:4]]:
        rows[EvidenceFile].append(
            {
                "run_id": run_id,
                "portal_id": portal_id,
                "page_url": url,
                "path": f"shots/{number}/{len(url)}.png",
                "kind": "screenshot",
                "created_at": FETCHED_AT,
            }
        )
    return rows


def score_in_child(url: str, run_id: int, results) -> None:
    """Score one run in this (fresh) process and report time, statements, memory."""
    from scoring import score_run

    sessions = open_store(url)
    statements = [0]
    event.listen(
        sessions.kw["bind"],
        "before_cursor_execute",
        lambda *args: statements.__setitem__(0, statements[0] + 1),
    )
    start = time.perf_counter()
    score_run(sessions, run_id, ["zz2016", "govsite"], AS_OF, PARAMETERS)
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.put((elapsed, statements[0], peak_kib))


def main() -> None:
    """Build the runs, score each in a fresh process, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--disclosures", type=int, default=50)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        sessions = open_store(url)
        ids = IdCounter()
        runs = {}
        for size in sizes:
            start = time.perf_counter()
            runs[size] = build_run(sessions, size, args.disclosures, ids, seed=size)
            print(
                f"built {size} units in {time.perf_counter() - start:.1f} s", flush=True
            )
        print(
            f"store: {ids.values.get('pages', 0)} pages, "
            f"{Path(folder, 'bench.sqlite').stat().st_size / 2**20:.0f} MiB"
        )
        sessions.kw["bind"].dispose()

        # The smallest size is the baseline: linear growth keeps the time per
        # unit (and so "per-unit vs base") near 1.00 as the units grow.
        print(
            f"{'units':>6} {'seconds':>8} {'units/s':>8} {'ms/unit':>8} "
            f"{'per-unit vs base':>16} {'statements':>10} {'peak MiB':>9}"
        )
        baseline = None
        context = multiprocessing.get_context("spawn")
        for size in sizes:
            results = context.Queue()
            child = context.Process(
                target=score_in_child, args=(url, runs[size], results)
            )
            child.start()
            elapsed, statements, peak_kib = results.get()
            child.join()
            per_unit = elapsed / size
            baseline = baseline or per_unit
            print(
                f"{size:>6} {elapsed:>8.1f} {size / elapsed:>8.1f} "
                f"{per_unit * 1000:>8.1f} {per_unit / baseline:>16.2f} "
                f"{statements:>10} {peak_kib / 1024:>9.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
