"""Render the assessment report as one self-contained HTML file."""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from reports.evidence import publish_screenshots, screenshot_paths
from reports.labels import status_label
from reports.present import format_number, format_percent

logger = logging.getLogger(__name__)

TEMPLATE_NAME = "report.html.j2"


def make_environment() -> Environment:
    """Return the Jinja2 environment of the report templates (autoescape on)."""
    environment = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    environment.filters["num"] = format_number
    environment.filters["pct"] = format_percent
    environment.filters["signed"] = _format_signed
    environment.filters["status_label"] = status_label
    return environment


def render_report(context: dict, screenshots: dict[str, dict]) -> str:
    """Return the report HTML for a context and its published screenshots."""
    template = make_environment().get_template(TEMPLATE_NAME)
    return template.render(**context, screenshots=screenshots)


def write_context_html(
    context: dict, out_path: Path, *, evidence_dir: Path | None = None
) -> Path:
    """Write the report of a built context to `out_path`, screenshots beside it."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    screenshots = publish_screenshots(
        screenshot_paths(context),
        Path(evidence_dir) if evidence_dir is not None else None,
        out_path.parent,
    )
    out_path.write_text(render_report(context, screenshots), encoding="utf-8")
    logger.info(
        "Wrote report %s with %s units and %s screenshots",
        out_path,
        len(context["scorecards"]),
        len(screenshots),
    )
    return out_path


def _format_signed(value) -> str:
    if value is None:
        return "—"
    text = format_number(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"
