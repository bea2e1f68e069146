"""Reports and exports of a scoring, read from the store only.

write_all            report.html (+ evidence/), report.pdf, scores.xlsx,
                     findings.csv, findings.json in one folder
write_report_html    the assessment report, one self-contained HTML file
print_pdf            that report printed to A4 PDF by Chromium
write_spreadsheet    scores.xlsx
write_findings_json  findings.json (schema: reports/schema/findings.schema.json)
write_findings_csv   findings.csv (the same fields, evidence flattened)
build_report_context the report template's context
diff.diff_scorings, diff.previous_scoring_for   run-to-run comparison
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from reports.context import build_report_context, context_from_data, load_previous_meta
from reports.diff import diff_scorings
from reports.exports import finding_rows, write_rows_csv, write_rows_json
from reports.html_report import write_context_html
from reports.load import load_scoring
from reports.pdf import DEFAULT_CHROMIUM, print_pdf
from reports.spreadsheet import write_data_spreadsheet

__all__ = [
    "build_report_context",
    "print_pdf",
    "write_all",
    "write_findings_csv",
    "write_findings_json",
    "write_report_html",
    "write_spreadsheet",
]

logger = logging.getLogger(__name__)

REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
SPREADSHEET = "scores.xlsx"
FINDINGS_CSV = "findings.csv"
FINDINGS_JSON = "findings.json"


def write_all(
    session_factory: sessionmaker[Session],
    scoring_id: int,
    out_dir: Path,
    *,
    previous_scoring_id: int | None = None,
    pdf: bool = True,
    evidence_dir: Path | None = None,
    chromium_path: str = DEFAULT_CHROMIUM,
) -> dict[str, Path]:
    """Write every report and export of scoring `scoring_id` into `out_dir`.

    Returns the written files by file name ("report.html", "report.pdf",
    "scores.xlsx", "findings.csv", "findings.json").
    The PDF is printed last, so a Chromium failure (ReportError) leaves the
    other files written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = load_scoring(session_factory, scoring_id)
    rows = finding_rows(data)

    written = {
        FINDINGS_JSON: write_rows_json(rows, out_dir / FINDINGS_JSON),
        FINDINGS_CSV: write_rows_csv(rows, out_dir / FINDINGS_CSV),
        SPREADSHEET: write_data_spreadsheet(data, out_dir / SPREADSHEET),
    }

    diff, previous = None, None
    if previous_scoring_id is not None:
        diff = diff_scorings(session_factory, previous_scoring_id, scoring_id)
        previous = load_previous_meta(session_factory, previous_scoring_id)
    context = context_from_data(data, diff=diff, previous=previous)
    written[REPORT_HTML] = write_context_html(
        context, out_dir / REPORT_HTML, evidence_dir=evidence_dir
    )

    if pdf:
        written[REPORT_PDF] = print_pdf(
            written[REPORT_HTML], out_dir / REPORT_PDF, chromium_path=chromium_path
        )
    logger.info("Wrote reports of scoring %s to %s", scoring_id, out_dir)
    return written


def write_report_html(
    session_factory: sessionmaker[Session],
    scoring_id: int,
    out_path: Path,
    *,
    previous_scoring_id: int | None = None,
    evidence_dir: Path | None = None,
) -> Path:
    """Write the assessment report of a scoring as one HTML file (screenshots beside it)."""
    context = build_report_context(session_factory, scoring_id, previous_scoring_id)
    return write_context_html(context, Path(out_path), evidence_dir=evidence_dir)


def write_spreadsheet(
    session_factory: sessionmaker[Session], scoring_id: int, out_path: Path
) -> Path:
    """Write scores.xlsx of a scoring."""
    return write_data_spreadsheet(load_scoring(session_factory, scoring_id), out_path)


def write_findings_json(
    session_factory: sessionmaker[Session], scoring_id: int, out_path: Path
) -> Path:
    """Write findings.json of a scoring."""
    data = load_scoring(session_factory, scoring_id)
    return write_rows_json(finding_rows(data), out_path)


def write_findings_csv(
    session_factory: sessionmaker[Session], scoring_id: int, out_path: Path
) -> Path:
    """Write findings.csv of a scoring."""
    data = load_scoring(session_factory, scoring_id)
    return write_rows_csv(finding_rows(data), out_path)
