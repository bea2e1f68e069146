"""The HTML report, opened in real headless Chromium, is whole, offline and inert."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from reports.pdf import CHROMIUM_ARGS, DEFAULT_CHROMIUM


@pytest.fixture(scope="module")
def opened_report(written_reports):
    """The report loaded in Chromium, with the console errors and requests seen."""
    errors, requests = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=DEFAULT_CHROMIUM, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.on(
            "console",
            lambda message: (
                errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(written_reports["report.html"].as_uri(), wait_until="load")
        yield page, errors, requests
        browser.close()


def test_report_loads_without_console_errors(opened_report):
    page, errors, _ = opened_report

    assert page.title() == "2016年郑州市政府网站政务公开第三方评估报告"
    assert errors == []


def test_report_requests_nothing_but_its_own_file(opened_report, written_reports):
    _, _, requests = opened_report

    assert requests == [written_reports["report.html"].as_uri()]


def test_every_internal_anchor_resolves_to_an_element(opened_report):
    page, _, _ = opened_report

    targets = page.eval_on_selector_all(
        'a[href^="#"]', "links => links.map(link => link.getAttribute('href'))"
    )
    missing = page.evaluate(
        "targets => targets.filter(t => !document.getElementById(t.slice(1)))",
        targets,
    )
    assert len(targets) > 20
    assert missing == []


def test_every_image_is_decoded(opened_report):
    page, _, _ = opened_report

    widths = page.eval_on_selector_all(
        "img", "images => images.map(image => image.complete && image.naturalWidth)"
    )
    assert widths, "the fixture's screenshot should show as a thumbnail"
    assert all(width and width > 0 for width in widths)


def test_thumbnail_links_to_the_full_screenshot_copied_beside_the_report(
    opened_report, written_reports, fixture_store
):
    page, _, _ = opened_report

    hrefs = page.eval_on_selector_all(
        "a.thumb", "links => links.map(link => link.getAttribute('href'))"
    )
    # The screenshot backs a scorecard finding and a typical-problem example.
    assert set(hrefs) == {f"evidence/{fixture_store.screenshot_path}"}
    copied = written_reports["report.html"].parent / hrefs[0]
    source = fixture_store.evidence_dir / fixture_store.screenshot_path
    assert copied.read_bytes() == source.read_bytes()


def test_planted_script_never_runs_and_shows_as_text(opened_report, fixture_store):
    page, _, _ = opened_report

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('main b').length") == 0
    body_text = page.inner_text("body")
    assert fixture_store.planted_markup in body_text
    assert page.get_by_text(fixture_store.planted_markup).first.is_visible()
    # As a unit name, a finding item, a quote and a disclosure title.
    assert body_text.count(fixture_store.planted_markup) >= 4


def test_script_address_in_evidence_is_never_a_link(opened_report):
    page, _, _ = opened_report

    links = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    assert all(not href.lower().startswith("javascript:") for href in links)
    assert "javascript:window.__pwned=2" in page.inner_text("body")


def test_missing_screenshot_is_reported_as_text_not_as_a_broken_image(
    opened_report, fixture_store
):
    page, _, _ = opened_report

    assert fixture_store.missing_screenshot_path in page.inner_text("body")
    sources = page.eval_on_selector_all("img", "images => images.map(i => i.src)")
    assert all(source.startswith("data:image/") for source in sources)
