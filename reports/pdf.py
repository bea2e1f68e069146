"""Print the HTML report to an A4 PDF with Chromium.

Chromium lays out the same file a reader opens, with the report's print CSS.
Stages of `print_pdf`:

1. open the HTML file in headless Chromium with print media;
2. print once and read, from the PDF's named destinations, the page on which
   each table-of-contents target starts;
3. write those page numbers into the table of contents and print again;
4. make the PDF's text map name ideographs rather than look-alike radicals
   (see `reports.pdf_text`), so the report searches and copies correctly.

Page numbers sit in fixed-width slots, so filling them moves no page break.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from reports.pdf_text import repair_text_mapping
from zwgk.errors import ReportError

logger = logging.getLogger(__name__)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOAD_TIMEOUT_MS = 120_000
FONT_STACK = "'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif"
FOOTER_TEMPLATE = (
    f'<div style="width:100%;font-size:8pt;color:#666;text-align:center;'
    f'font-family:{FONT_STACK}">第 <span class="pageNumber"></span> 页'
    f' / 共 <span class="totalPages"></span> 页</div>'
)
MARGINS = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}

FILL_TOC_SCRIPT = """
(pages) => {
  for (const slot of document.querySelectorAll('.toc-page[data-target]')) {
    const page = pages[slot.dataset.target];
    slot.textContent = page === undefined ? '' : String(page);
  }
}
"""


def print_pdf(
    html_path: Path, pdf_path: Path, *, chromium_path: str = DEFAULT_CHROMIUM
) -> Path:
    """Print the report at `html_path` to an A4 PDF at `pdf_path`."""
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    if not html_path.is_file():
        raise ReportError(
            f"Cannot print {html_path}: no such file; write the HTML report first."
        )
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        _print_with_chromium(html_path, pdf_path, chromium_path)
    else:
        # Playwright's sync API refuses to run inside an event loop's thread.
        with ThreadPoolExecutor(max_workers=1) as executor:
            executor.submit(
                _print_with_chromium, html_path, pdf_path, chromium_path
            ).result()
    repair_text_mapping(pdf_path)
    logger.info("Printed %s in %.1f s", pdf_path, time.monotonic() - started)
    return pdf_path


def _print_with_chromium(html_path: Path, pdf_path: Path, chromium_path: str) -> None:
    options = {
        "format": "A4",
        "print_background": True,
        "display_header_footer": True,
        "header_template": _header_template(html_path),
        "footer_template": FOOTER_TEMPLATE,
        "margin": MARGINS,
        "outline": True,
        "tagged": True,
    }
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, args=CHROMIUM_ARGS
            )
            try:
                # 1. Open the report as print media.
                page = browser.new_page()
                page.goto(
                    html_path.as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS
                )
                page.emulate_media(media="print")

                # 2. Print once to learn where each section starts.
                pages = destination_pages(page.pdf(**options))

                # 3. Number the table of contents and print for good.
                page.evaluate(FILL_TOC_SCRIPT, pages)
                page.pdf(path=str(pdf_path), **options)
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise ReportError(
            f"Cannot print {pdf_path} with Chromium at {chromium_path}: {exc}. "
            "Check that Chromium is installed there, or write the reports without the PDF."
        ) from exc


def destination_pages(pdf_bytes: bytes) -> dict[str, int]:
    """Return the 1-based page of each named destination (an element id) of a PDF."""
    try:
        reader = PdfReader(BytesIO(pdf_bytes))
        destinations = reader.named_destinations
        return {
            str(name).lstrip("/"): reader.get_destination_page_number(destination) + 1
            for name, destination in destinations.items()
        }
    except (PyPdfError, KeyError, ValueError) as exc:
        logger.warning("Left the table of contents unnumbered: %s", exc)
        return {}


def _header_template(html_path: Path) -> str:
    title = _document_title(html_path)
    return (
        f'<div style="width:100%;font-size:7.5pt;color:#888;padding:0 16mm;'
        f'display:flex;justify-content:space-between;font-family:{FONT_STACK}">'
        f"<span>{html.escape(title)}</span><span>第三方评估报告</span></div>"
    )


def _document_title(html_path: Path) -> str:
    with html_path.open(encoding="utf-8", errors="replace") as handle:
        head = handle.read(4096)
    start, end = head.find("<title>"), head.find("</title>")
    if start < 0 or end < start:
        return ""
    # The title is stored escaped; unescape it so the template escapes it once.
    return html.unescape(head[start + len("<title>") : end]).strip()
