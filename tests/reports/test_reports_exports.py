"""findings.json validates against its schema and findings.csv carries the same rows."""

from __future__ import annotations

import csv
import json

import jsonschema
import pytest
from sqlalchemy import select

import reports
from reports.exports import CSV_FIELDS, SCHEMA_PATH, neutralise_formula
from store.models import Finding


@pytest.fixture(scope="module")
def exported(written_reports) -> list[dict]:
    """The objects of findings.json."""
    return json.loads(written_reports["findings.json"].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csv_rows(written_reports) -> list[dict]:
    """The rows of findings.csv."""
    with written_reports["findings.csv"].open(
        encoding="utf-8-sig", newline=""
    ) as handle:
        return list(csv.DictReader(handle))


def test_findings_json_validates_against_the_schema(exported):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

    jsonschema.validate(exported, schema, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_an_object_without_evidence(exported):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    broken = {key: value for key, value in exported[0].items() if key != "evidence"}

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([broken], schema, cls=jsonschema.Draft202012Validator)


def test_findings_json_holds_every_stored_finding_once(exported, fixture_store):
    with fixture_store.session_factory() as session:
        stored = session.scalars(
            select(Finding).where(Finding.scoring_id == fixture_store.new_scoring_id)
        ).all()

    assert sorted(row["finding_id"] for row in exported) == sorted(
        finding.finding_id for finding in stored
    )
    by_id = {row["finding_id"]: row for row in exported}
    for finding in stored:
        row = by_id[finding.finding_id]
        assert (row["unit_id"], row["indicator_id"], row["status"]) == (
            finding.unit_key,
            finding.indicator_id,
            finding.status,
        )
        assert row["points"] == finding.points
        assert len(row["evidence"]) == len(finding.evidence)


def test_planted_markup_is_kept_verbatim_in_the_json(exported, fixture_store):
    quotes = [entry["quote"] for row in exported for entry in row["evidence"]]

    assert any(fixture_store.planted_markup in (quote or "") for quote in quotes)


def test_csv_has_one_row_per_finding_with_the_same_fields(exported, csv_rows):
    assert list(csv_rows[0]) == list(CSV_FIELDS)
    assert [row["finding_id"] for row in csv_rows] == [
        row["finding_id"] for row in exported
    ]
    for flat, row in zip(csv_rows, exported, strict=True):
        assert float(flat["points"]) == row["points"]
        assert flat["veto"] == ("true" if row["veto"] else "false")
        assert int(flat["evidence_count"]) == len(row["evidence"])


def test_csv_evidence_lines_line_up_with_the_evidence_entries(exported, csv_rows):
    for flat, row in zip(csv_rows, exported, strict=True):
        if len(row["evidence"]) < 2:
            continue
        urls = flat["evidence_url"].split("\n")
        statuses = flat["evidence_http_status"].split("\n")
        assert urls == [entry["url"] or "" for entry in row["evidence"]]
        assert statuses == [
            "" if entry["http_status"] is None else str(entry["http_status"])
            for entry in row["evidence"]
        ]


def test_csv_neutralises_text_that_a_spreadsheet_would_compute(csv_rows, fixture_store):
    quotes = "\n".join(row["evidence_quote"] for row in csv_rows)

    assert "'" + fixture_store.formula_quote in quotes
    assert neutralise_formula("2016年预算") == "2016年预算"


def test_single_writers_match_the_files_of_write_all(
    fixture_store, written_reports, tmp_path
):
    json_path = reports.write_findings_json(
        fixture_store.session_factory,
        fixture_store.new_scoring_id,
        tmp_path / "findings.json",
    )
    csv_path = reports.write_findings_csv(
        fixture_store.session_factory,
        fixture_store.new_scoring_id,
        tmp_path / "findings.csv",
    )

    assert json_path.read_bytes() == written_reports["findings.json"].read_bytes()
    assert csv_path.read_bytes() == written_reports["findings.csv"].read_bytes()
