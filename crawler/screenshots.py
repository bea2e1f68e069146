"""Full-page screenshots of homepages and column pages, kept as evidence.

A screenshot request goes through the crawler's own Chromium (one per crawler
process, through scrapy-playwright), so it obeys the portal's politeness like
any page. The image is a JPEG under the evidence folder:
``run-<run>/portal-<portal>/<hash of the URL>.jpg``; the store keeps its path
relative to the evidence folder and its SHA-256.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

# JPEG keeps full-page shots of long portal homepages small.
JPEG_QUALITY = 70
# Chromium cannot capture taller pages in one image; longer pages are cut.
MAX_HEIGHT_PIXELS = 16_000


def screenshot_path(run_id: int, portal_id: int, url: str) -> Path:
    """Return the path of a page's screenshot, relative to the evidence folder."""
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:20]
    return Path(f"run-{run_id}") / f"portal-{portal_id}" / f"{digest}.jpg"


async def take_screenshot(page, target: Path, timeout_seconds: float) -> bytes:
    """Capture the whole of an open Playwright page into `target` as JPEG."""
    target.parent.mkdir(parents=True, exist_ok=True)
    height = await page.evaluate(
        "() => Math.max(document.body ? document.body.scrollHeight : 0, "
        "document.documentElement.scrollHeight)"
    )
    options = {
        "type": "jpeg",
        "quality": JPEG_QUALITY,
        "timeout": timeout_seconds * 1000,
        "animations": "disabled",
    }
    if height and height > MAX_HEIGHT_PIXELS:
        viewport = page.viewport_size or {"width": 1280}
        options["clip"] = {
            "x": 0,
            "y": 0,
            "width": viewport["width"],
            "height": MAX_HEIGHT_PIXELS,
        }
    image = await page.screenshot(full_page=True, **options)
    target.write_bytes(image)
    return image


def evidence_row(page_url: str, relative_path: Path, image: bytes) -> dict:
    """Return the EvidenceFile fields of a stored screenshot."""
    return {
        "page_url": page_url,
        "kind": "screenshot",
        "path": relative_path.as_posix(),
        "sha256": hashlib.sha256(image).hexdigest(),
        "created_at": datetime.now(),
    }
