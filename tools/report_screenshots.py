"""Take the screenshots of the report that `docs/` shows.

Run after `make demo`, on the report it wrote:

    .venv/bin/python tools/report_screenshots.py out/run-1/report.html [UNIT_NAME]

Writes `docs/report-summary.png` (the summary section) and
`docs/report-scorecard.png` (the scorecard of UNIT_NAME, 中原市东岭县人民政府
by default) with the Chromium the crawler uses.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from zwgk.config import CrawlSettings

DOCS = Path(__file__).resolve().parents[1] / "docs"
WIDTH = 1280
# Top of an element in page coordinates, whatever the scroll position.
TOP = "element => element.getBoundingClientRect().top + window.scrollY"


def main() -> None:
    """Screenshot the summary and one scorecard of a report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("unit", nargs="?", default="中原市东岭县人民政府")
    args = parser.parse_args()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CrawlSettings().chromium_path
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": 1600})
        page.goto(args.report.resolve().as_uri())
        summary = page.locator("#summary").evaluate(TOP)
        _shoot(page, DOCS / "report-summary.png", summary, 1600)
        heading = page.locator(f"h3:has-text('{args.unit}')").first
        card = heading.evaluate(f"e => ({TOP})(e.closest('[id]'))")
        _shoot(page, DOCS / "report-scorecard.png", card, 1800)
        browser.close()


def _shoot(page, path: Path, top: float, height: int) -> None:
    clip = {"x": 0, "y": max(top - 20, 0), "width": WIDTH, "height": height}
    page.screenshot(path=str(path), clip=clip, full_page=True)
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
