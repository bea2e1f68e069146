"""The extractor reproduces what 19 real pages of a TRS-CMS portal show.

The pages and their expected fields live outside the repository (their
licence is unknown), in ../shared/realpages beside the repository root; see
its README for the traps each page holds. A field missing from pages.toml
means the page does not show it, and the extractor must return None.
"""

import json
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

from crawler.extract import extract_file

REALPAGES = Path(__file__).resolve().parents[2].parent / "shared" / "realpages"
REPO = Path(__file__).resolve().parents[2]
DISCLOSURE_FIELDS = ("title", "published", "written", "index_no", "doc_no", "publisher")
LIST_FIELDS = ("column", "items", "first_item_title", "first_item_date")


def load_pages() -> list[dict]:
    catalogue = REALPAGES / "pages.toml"
    if not catalogue.is_file():
        pytest.fail(
            f"The real-page corpus is missing: expected {catalogue}. It lives "
            "beside the repository in ../shared/realpages and is never copied in."
        )
    return tomllib.loads(catalogue.read_text(encoding="utf-8"))["page"]


def observed_fields(page: dict) -> dict:
    """Return the extractor's values for the fields pages.toml can record."""
    result = extract_file(REALPAGES / page["file"], page["url"])
    observed = {name: result[name] for name in DISCLOSURE_FIELDS}
    if page["kind"] == "list":
        dated = [item for item in result["items"] if item["title"] and item["date"]]
        observed["column"] = result["column"]
        observed["items"] = len(dated)
        observed["first_item_title"] = dated[0]["title"] if dated else None
        observed["first_item_date"] = dated[0]["date"] if dated else None
    return observed


def expected_fields(page: dict) -> dict:
    names = DISCLOSURE_FIELDS + (LIST_FIELDS if page["kind"] == "list" else ())
    return {name: page.get(name) for name in names}


def page_id(page: dict | None) -> str:
    return Path(page["file"]).stem if page else "corpus-missing"


# Without the corpus the parametrised test still runs once, and fails.
PAGES = load_pages() if (REALPAGES / "pages.toml").is_file() else [None]


def test_the_real_page_corpus_is_present():
    assert len(load_pages()) == 19


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_extractor_reproduces_every_recorded_field_of_the_real_page(page):
    if page is None:
        load_pages()
    assert observed_fields(page) == expected_fields(page)


def test_every_field_of_every_real_page_matches():
    matched = total = 0
    for page in load_pages():
        observed, expected = observed_fields(page), expected_fields(page)
        total += len(expected)
        matched += sum(observed[name] == expected[name] for name in expected)
    assert (matched, total) == (total, total)


def test_list_pages_are_lists_and_documents_are_disclosures():
    for page in load_pages():
        kind = extract_file(REALPAGES / page["file"], page["url"])["kind"]
        assert kind == ("list" if page["kind"] == "list" else "disclosure"), page_id(
            page
        )


def test_script_filled_list_is_flagged_as_needing_javascript():
    page = next(p for p in load_pages() if p["file"].endswith("list-hzgfxwj.html"))
    result = extract_file(REALPAGES / page["file"], page["url"])
    assert result["items"] == []
    assert result["needs_javascript"] is True
    assert result["empty_notice"] is False


def test_static_lists_need_no_javascript_and_show_no_empty_notice():
    for page in load_pages():
        if page["kind"] != "list" or not page["items"]:
            continue
        result = extract_file(REALPAGES / page["file"], page["url"])
        assert (result["needs_javascript"], result["empty_notice"]) == (False, False)


def test_documents_name_their_attachments_with_absolute_urls():
    page = next(p for p in load_pages() if p["file"].endswith("gzjzqk-2024-88865.html"))
    attachments = extract_file(REALPAGES / page["file"], page["url"])["attachments"]
    assert [item["type"] for item in attachments] == ["xls"]
    assert attachments[0]["url"] == (
        "https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/202404/P020240409326890184470.XLS"
    )


def test_interpretation_links_to_the_document_it_interprets():
    page = next(
        p for p in load_pages() if p["file"].endswith("zcjd-czj-2022-77012.html")
    )
    refs = extract_file(REALPAGES / page["file"], page["url"])["source_refs"]
    assert refs["urls"] == [
        "https://www.pingtan.gov.cn/site/main/info/gov_ml_show.jsp?documentid=26436"
    ]
    assert "平潭综合实验区区（县）对片区（乡镇） 财政财务管理办法" in refs["titles"]


def test_breadcrumb_and_footer_of_a_real_page_are_read():
    page = next(p for p in load_pages() if p["file"].endswith("list-rsrm.html"))
    result = extract_file(REALPAGES / page["file"], page["url"])
    assert result["breadcrumb"] == [
        "首页",
        "政务公开",
        "政府信息公开",
        "法定主动公开内容",
        "招考录用",
        "人事任免",
    ]
    for mark in ("网站标识码", "ICP备", "主办单位", "党政机关"):
        assert mark in result["footer_text"]


def test_zwgk_extract_command_prints_the_same_fields():
    command = REPO / ".venv" / "bin" / "zwgk"
    help_text = subprocess.run(
        [str(command), "--help"], capture_output=True, text=True, timeout=120
    ).stdout
    if " extract " not in help_text:
        pytest.fail("zwgk has no extract command yet (zwgk/cli.py)")
    page = next(p for p in load_pages() if p["file"].endswith("gfxwj-2024-94506.html"))
    finished = subprocess.run(
        [str(command), "extract", str(REALPAGES / page["file"]), "--url", page["url"]],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert finished.returncode == 0, finished.stderr
    printed = json.loads(finished.stdout)
    assert {name: printed[name] for name in DISCLOSURE_FIELDS} == {
        name: page.get(name) for name in DISCLOSURE_FIELDS
    }
