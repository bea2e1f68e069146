"""Screenshots beside the report: full copies under `evidence/`, thumbnails inline.

A finding names its screenshot by a path relative to the evidence folder of
the database. The report embeds a small thumbnail as a data URI, so it still
shows offline and alone, and links the full screenshot, copied next to the
report under `evidence/` with the same relative path.
"""

from __future__ import annotations

import base64
import logging
import shutil
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

EVIDENCE_FOLDER = "evidence"
THUMBNAIL_WIDTH = 480
# Full-page screenshots are tall; the thumbnail shows the top of the page.
THUMBNAIL_ASPECT = 0.75
THUMBNAIL_QUALITY = 70


def screenshot_paths(context: dict) -> list[str]:
    """Return every screenshot path the report context refers to, once each."""
    paths: dict[str, None] = {}
    for card in context["scorecards"]:
        for system in card["systems"]:
            for finding in system["findings"]:
                for entry in finding["evidence"]:
                    if entry["screenshot"]:
                        paths[entry["screenshot"]] = None
    for problem in context["problems"]:
        for example in problem["examples"]:
            for entry in example["evidence"]:
                if entry["screenshot"]:
                    paths[entry["screenshot"]] = None
    return list(paths)


def publish_screenshots(
    paths: list[str], evidence_dir: Path | None, out_dir: Path
) -> dict[str, dict]:
    """Copy screenshots next to the report and make their thumbnails.

    Returns {path: {href, thumbnail, width, height}} for each screenshot found;
    a missing, unreadable or escaping path is left out and logged.
    """
    if evidence_dir is None:
        if paths:
            logger.warning(
                "Skipped %s screenshots: no evidence folder was given", len(paths)
            )
        return {}
    published = {}
    for relative in paths:
        source = resolve_evidence_path(evidence_dir, relative)
        if source is None:
            logger.warning(
                "Skipped screenshot %s: not a file under %s", relative, evidence_dir
            )
            continue
        target = out_dir / EVIDENCE_FOLDER / relative
        _copy_file(source, target)
        thumbnail = make_thumbnail(source)
        published[relative] = {
            "href": f"{EVIDENCE_FOLDER}/{quote(PurePosixPath(relative).as_posix())}",
            **(thumbnail or {"thumbnail": None, "width": None, "height": None}),
        }
    return published


def resolve_evidence_path(evidence_dir: Path, relative: str) -> Path | None:
    """Return the file `relative` names under `evidence_dir`, or None.

    The path comes from stored findings, so one that is absolute or climbs
    out of the evidence folder is refused rather than read.
    """
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        return None
    root = evidence_dir.resolve()
    candidate = (root / pure).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def make_thumbnail(path: Path) -> dict | None:
    """Return {thumbnail: data URI, width, height} of the top of a screenshot."""
    try:
        with Image.open(path) as image:
            image.load()
            width, height = image.size
            top = image.crop((0, 0, width, min(height, int(width * THUMBNAIL_ASPECT))))
            top = top.convert("RGB")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        logger.warning("Skipped thumbnail of %s: %s", path, exc)
        return None
    top.thumbnail((THUMBNAIL_WIDTH, int(THUMBNAIL_WIDTH * THUMBNAIL_ASPECT)))
    buffer = BytesIO()
    top.save(buffer, format="JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {
        "thumbnail": f"data:image/jpeg;base64,{encoded}",
        "width": top.width,
        "height": top.height,
    }


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.resolve() == source:
        return
    shutil.copy2(source, target)
