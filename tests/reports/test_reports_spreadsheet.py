"""scores.xlsx opens with openpyxl and agrees with the stored findings."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from reports.labels import STATUS_COLOURS, status_label
from store.models import Finding


@pytest.fixture(scope="module")
def workbook(written_reports):
    """The written spreadsheet."""
    return load_workbook(written_reports["scores.xlsx"])


@pytest.fixture(scope="module")
def stored_findings(fixture_store) -> list[Finding]:
    """The newer scoring's findings as stored."""
    with fixture_store.session_factory() as session:
        return session.scalars(
            select(Finding).where(Finding.scoring_id == fixture_store.new_scoring_id)
        ).all()


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_workbook_has_the_five_sheets_in_order(workbook):
    assert workbook.sheetnames == [
        "总分排名",
        "指标得分矩阵",
        "问题清单",
        "证据",
        "运行信息",
    ]


def test_matrix_holds_each_units_points_per_indicator(workbook, stored_findings):
    expected: dict[tuple[str, str], float | None] = {}
    for finding in stored_findings:
        key = (finding.unit_key, finding.indicator_id)
        if finding.status == "not_applicable":
            expected.setdefault(key, None)
        else:
            expected[key] = (expected.get(key) or 0) + finding.points
    sheet = workbook["指标得分矩阵"]
    header = [cell.value for cell in sheet[1]]
    indicator_fields = {
        index: value.split("\n")[0]
        for index, value in enumerate(header)
        if "\n" in (value or "")
    }

    found = {
        (row[0], indicator_id): row[index]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        for index, indicator_id in indicator_fields.items()
    }
    assert set(expected) <= set(found)
    assert found == pytest.approx({key: expected.get(key) for key in found})


def test_matrix_cells_are_coloured_by_status(workbook):
    sheet = workbook["指标得分矩阵"]
    header = [cell.value for cell in sheet[1]]
    budget = next(
        i for i, value in enumerate(header, 1) if value.startswith("zz2016.budget")
    )
    fgw = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "fgw")

    colour = fgw[budget - 1].fill.fgColor.rgb
    assert colour == "FF" + STATUS_COLOURS["partial"][0][1:].upper()


def test_problem_list_holds_every_non_pass_finding_with_its_evidence(
    workbook, stored_findings
):
    records = _records(workbook["问题清单"])
    expected = {
        finding.finding_id
        for finding in stored_findings
        if finding.status in ("partial", "fail", "unknown")
    }

    assert {record["finding_id"] for record in records} == expected
    assert all(record["证据网址"] for record in records)
    labels = {record["状态"] for record in records}
    assert labels == {status_label(s) for s in ("partial", "fail", "unknown")}


def test_ranking_lists_every_unit_with_its_veto(workbook, fixture_store):
    records = _records(workbook["总分排名"])

    assert {record["单位编号"] for record in records} == {
        unit[0] for unit in fixture_store.units
    }
    vetoed = {record["单位编号"] for record in records if record["单项否决"]}
    assert vetoed == {"sjj", "erqi"}


def test_headers_are_frozen_and_points_formatted(workbook):
    assert workbook["指标得分矩阵"].freeze_panes == "D2"
    assert workbook["问题清单"].freeze_panes == "C2"
    problems = workbook["问题清单"]
    header = [cell.value for cell in problems[1]]
    points = problems.cell(row=2, column=header.index("得分") + 1)
    assert points.number_format == "0.0#"
    assert problems.column_dimensions["B"].width > 10


def test_crawled_formula_text_stays_text(workbook, fixture_store):
    quotes = [
        cell
        for row in workbook["证据"].iter_rows(min_row=2)
        for cell in row
        if cell.value == fixture_store.formula_quote
    ]

    assert quotes and all(cell.data_type == "s" for cell in quotes)


def test_run_sheet_names_the_run_and_scoring(workbook, fixture_store):
    values = {
        row[0]: row[1] for row in workbook["运行信息"].iter_rows(values_only=True)
    }

    assert values["评分编号"] == str(fixture_store.new_scoring_id)
    assert values["评估基准日"] == "2016-09-30"
    assert values["评估机构"] == "郑州市政务公开评估课题组"
