"""Assembling a portal's snapshot from what its crawl saw."""

from __future__ import annotations

from datetime import date, datetime

from crawler.facts import ColumnRef, ListItem
from crawler.record import (
    ColumnSighting,
    DisclosureFacts,
    LinkSighting,
    ListView,
    Outcome,
    PortalRecord,
)
from crawler.scope import PortalScope
from crawler.snapshot import build_snapshot, choose_published

BASE = "http://127.0.0.1:8000/"


def new_record() -> PortalRecord:
    return PortalRecord(
        portal_id=1,
        run_id=1,
        unit_key="u",
        base_url=BASE,
        scope=PortalScope.of(BASE),
        started_at=datetime.now(),
        homepage_urls={BASE},
    )


def fetched(record: PortalRecord, path: str, role: str, status: int = 200) -> str:
    url = BASE + path
    record.record_outcome(url, Outcome(status, None, url, role))
    return url


def facts(title=None, published=None, source=None, written=None) -> DisclosureFacts:
    return DisclosureFacts(
        title=title,
        published=published,
        published_source=source,
        written=written,
        index_no=None,
        doc_no=None,
        publisher=None,
        attachments=[],
        fields={},
        contacts=[],
        source_refs={},
    )


def sight(record: PortalRecord, name: str, path: str, source: str, kind="navigation"):
    record.columns.append(
        ColumnSighting(ColumnRef(name, BASE + path, kind), BASE + source, source == "")
    )


def test_list_pages_are_numbered_by_their_url_whatever_order_the_pager_names_them():
    record = new_record()
    first = fetched(record, "tzgg/index.htm", "column")
    record.list_views[first] = ListView(
        items=[ListItem("一", BASE + "a/1.htm", date(2016, 5, 1))],
        pagination_urls=[BASE + "tzgg/index_2.htm", BASE + "tzgg/index_4.htm"],
    )
    for number in (2, 3, 4):
        url = fetched(record, f"tzgg/index_{number}.htm", "column")
        record.list_views[url] = ListView(
            items=[ListItem(str(number), BASE + f"a/{number}.htm")],
            pagination_urls=[BASE + f"tzgg/index_{min(number + 1, 4)}.htm"],
        )
    sight(record, "通知公告", "tzgg/index.htm", "")
    snapshot = build_snapshot(record, max_list_pages=20)
    pages = {
        row["url"].rsplit("/", 1)[1]: row["list_page"] for row in snapshot.disclosures
    }
    assert pages == {"1.htm": 1, "2.htm": 2, "3.htm": 3, "4.htm": 4}
    assert snapshot.columns[0].list_pages == 4


def test_a_column_page_framing_its_list_owns_the_frames_entries():
    record = new_record()
    shell = fetched(record, "zcjd/index.htm", "column")
    frame = fetched(record, "zcjd/list.htm", "column")
    record.add_link(LinkSighting(shell, frame, "", False, "iframe", False))
    record.list_views[frame] = ListView(
        items=[ListItem("解读", BASE + "zcjd/1.htm", date(2016, 6, 14))]
    )
    sight(record, "政策解读", "zcjd/index.htm", "")
    sight(record, "政策解读", "zcjd/list.htm", "zcjd/index.htm", kind="iframe")
    snapshot = build_snapshot(record, max_list_pages=20)
    assert [column.url for column in snapshot.columns] == [shell]
    assert [row["url"] for row in snapshot.disclosures] == [BASE + "zcjd/1.htm"]
    assert snapshot.disclosures[0]["column_index"] == 0


def test_a_disclosure_page_in_no_column_list_gets_no_column():
    record = new_record()
    page = fetched(record, "special/plan.html", "disclosure")
    record.disclosures[page] = facts(
        "2016年政务公开工作要点", date(2016, 3, 10), "table"
    )
    record.entries[page] = ListItem("2016年政务公开工作要点", page, date(2016, 3, 10))
    snapshot = build_snapshot(record, max_list_pages=20)
    (row,) = snapshot.disclosures
    assert row["column_index"] is None and row["list_page"] is None
    assert (row["title"], row["published"], row["page_url"]) == (
        "2016年政务公开工作要点",
        date(2016, 3, 10),
        page,
    )


def test_the_publication_date_comes_from_the_page_then_the_list_then_成文日期():
    shown = facts(published=date(2016, 6, 17), source="meta")
    written_only = facts(published=date(2016, 3, 28), source="written")
    assert choose_published(shown, date(2016, 6, 18)) == (date(2016, 6, 17), "meta")
    assert choose_published(written_only, date(2016, 4, 1)) == (
        date(2016, 4, 1),
        "list",
    )
    assert choose_published(written_only, None) == (date(2016, 3, 28), "written")
    assert choose_published(facts(written=date(2016, 1, 5)), None) == (
        date(2016, 1, 5),
        "written",
    )
    assert choose_published(None, None) == (None, None)


def test_links_take_the_status_of_their_target_from_the_crawl_or_a_check():
    record = new_record()
    ok = fetched(record, "a.html", "other")
    gone = fetched(record, "gone.html", "other", status=404)
    for target in (ok, gone, BASE + "unfetched.html"):
        record.add_link(LinkSighting(BASE, target, "t", False, "a", False))
    record.add_link(LinkSighting(BASE, ok, "again", False, "a", False))
    snapshot = build_snapshot(record, max_list_pages=20)
    states = {row["target_url"]: row["target_status"] for row in snapshot.links}
    assert states == {ok: 200, gone: 404, BASE + "unfetched.html": None}


def test_datastore_records_are_numbered_by_the_page_a_visitor_sees_them_on():
    record = new_record()
    first = fetched(record, "col/col1/index.html", "column")
    proxy = (
        BASE + "module/web/jpage/dataproxy.jsp?startrecord=31&endrecord=45&perpage=10"
    )
    record.list_views[first] = ListView(
        items=[ListItem(f"记录{n}", BASE + f"art/{n}.html") for n in range(1, 31)],
        pagination_urls=[proxy],
        records_per_page=10,
    )
    fetched(record, proxy[len(BASE) :], "column")
    record.list_views[proxy] = ListView(
        items=[ListItem(f"记录{n}", BASE + f"art/{n}.html") for n in range(31, 46)]
    )
    sight(record, "通知公告", "col/col1/index.html", "")
    snapshot = build_snapshot(record, max_list_pages=20)
    pages = {
        int(row["url"].rsplit("/", 1)[1].split(".")[0]): row["list_page"]
        for row in snapshot.disclosures
    }
    assert {n: pages[n] for n in (1, 10, 11, 30, 31, 40, 41, 45)} == {
        1: 1,
        10: 1,
        11: 2,
        30: 3,
        31: 4,
        40: 4,
        41: 5,
        45: 5,
    }
