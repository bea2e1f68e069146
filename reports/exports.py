"""Machine-readable exports of a scoring's findings: findings.json and findings.csv.

findings.json is an array with one object per finding and its evidence as a
list; `reports/schema/findings.schema.json` describes it. findings.csv has the
same fields, one row per finding; its evidence is flattened into parallel
fields (evidence_url, evidence_fetched_at, ...) whose values hold one line per
evidence entry, in the same order, so line n of each belongs to entry n.
"""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

from reports.load import FindingRecord, ScoringData
from reports.present import suggestion_for

logger = logging.getLogger(__name__)

SCHEMA_PATH = Path(__file__).with_name("schema") / "findings.schema.json"

EVIDENCE_FIELDS = ("url", "fetched_at", "http_status", "quote", "screenshot")

CSV_FIELDS = (
    "finding_id",
    "unit_id",
    "unit_name",
    "unit_kind",
    "system",
    "indicator_id",
    "indicator_name",
    "item",
    "status",
    "points",
    "max_points",
    "veto",
    "detail",
    "suggestion",
    "evidence_count",
    *(f"evidence_{name}" for name in EVIDENCE_FIELDS),
)

# A text cell starting with one of these is read as a formula by spreadsheet
# programs; crawled text must never become one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def finding_rows(data: ScoringData) -> list[dict]:
    """Return the findings as export objects, by unit then indicator order."""
    unit_order = {unit.key: index for index, unit in enumerate(data.units)}
    indicator_order = {item["id"]: index for index, item in enumerate(data.indicators)}
    ordered = sorted(
        data.findings,
        key=lambda finding: (
            unit_order.get(finding.unit_key, len(unit_order)),
            indicator_order.get(finding.indicator_id, len(indicator_order)),
            finding.item,
        ),
    )
    return [_finding_row(data, finding) for finding in ordered]


def _finding_row(data: ScoringData, finding: FindingRecord) -> dict:
    unit = data.units_by_key.get(finding.unit_key)
    indicator = data.indicator(finding.indicator_id)
    return {
        "finding_id": finding.finding_id,
        "unit_id": finding.unit_key,
        "unit_name": unit.name if unit else finding.unit_key,
        "unit_kind": unit.kind if unit else "",
        "system": finding.system,
        "indicator_id": finding.indicator_id,
        "indicator_name": finding.indicator_name or indicator.get("name", ""),
        "item": finding.item,
        "status": finding.status,
        "points": finding.points,
        "max_points": finding.max_points,
        "veto": finding.veto,
        "detail": finding.detail,
        "suggestion": suggestion_for(indicator, finding.status),
        "evidence": [
            {
                "url": entry.url,
                "title": entry.title,
                "fetched_at": entry.fetched_at,
                "http_status": entry.http_status,
                "quote": entry.quote,
                "screenshot": entry.screenshot,
                "dates": entry.dates,
                "verdict": entry.verdict,
            }
            for entry in finding.evidence
        ],
    }


def write_rows_json(rows: list[dict], out_path: Path) -> Path:
    """Write export objects as findings.json (UTF-8, an array)."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as handle:
        json.dump(rows, handle, ensure_ascii=False, indent=2, default=str)
        handle.write("\n")
    logger.info("Wrote %s findings to %s", len(rows), out_path)
    return out_path


def write_rows_csv(rows: list[dict], out_path: Path) -> Path:
    """Write export objects as findings.csv, evidence flattened line by line.

    The file is UTF-8 with a byte-order mark so that spreadsheet programs
    read the Chinese text correctly.
    """
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow(flatten_row(row))
    logger.info("Wrote %s findings to %s", len(rows), out_path)
    return out_path


def flatten_row(row: dict) -> dict:
    """Return one export object as a CSV row (evidence as parallel lines)."""
    flat = {
        name: _csv_value(row[name])
        for name in CSV_FIELDS
        if not name.startswith("evidence_")
    }
    flat["evidence_count"] = len(row["evidence"])
    for name in EVIDENCE_FIELDS:
        flat[f"evidence_{name}"] = "\n".join(
            _one_line(entry[name]) for entry in row["evidence"]
        )
    return flat


def _csv_value(value) -> str | float | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return neutralise_formula(str(value))


def _one_line(value) -> str:
    if value is None:
        return ""
    return neutralise_formula(" ".join(str(value).split()))


def neutralise_formula(text: str) -> str:
    """Return `text` so that a spreadsheet program shows it rather than computes it."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
