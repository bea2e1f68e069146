"""The score spreadsheet (scores.xlsx): rankings, the indicator matrix, problems.

Sheets: 总分排名 (units ranked within their kind), 指标得分矩阵 (units by
indicators, points earned), 问题清单 (every finding that is partial, fail or
unknown, with its evidence URLs), 证据 (one row per evidence entry) and 运行信息
(what was assessed, when and how). pandas writes the data; openpyxl sets frozen
headers, field widths, number formats and status colours.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.context import unit_summary
from reports.exports import finding_rows
from reports.labels import (
    STATUS_COLOURS,
    VETO_RATING,
    combine_statuses,
    status_label,
    verdict_label,
)
from reports.load import ScoringData
from reports.methodology import build_methodology
from reports.overview import rank_by_kind
from reports.present import describe_dates, format_datetime, format_number, safe_href

logger = logging.getLogger(__name__)

POINTS_FORMAT = "0.0#"
HEADER_FILL = PatternFill("solid", fgColor="FFE3E8EF")
WIDTH_MIN, WIDTH_MAX = 6, 60
# Rows read to size the fields; later rows rarely change the widths.
WIDTH_SAMPLE_ROWS = 300
PROBLEM_SHEET_STATUSES = ("partial", "fail", "unknown")


def write_data_spreadsheet(data: ScoringData, out_path: Path) -> Path:
    """Write scores.xlsx for a loaded scoring."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    rows = finding_rows(data)
    units = [unit_summary(data, unit, index) for index, unit in enumerate(data.units)]
    sheets = {
        "总分排名": (_ranking_frame(data, units), {"freeze": "E2"}),
        "指标得分矩阵": (_matrix_frame(data), {"freeze": "D2", "header_height": 48}),
        "问题清单": (_problem_frame(rows), {"freeze": "C2"}),
        "证据": (_evidence_frame(rows), {"freeze": "C2"}),
        "运行信息": (_run_frame(data, units), {"freeze": "A2"}),
    }
    with pd.ExcelWriter(out_path, engine="openpyxl") as writer:
        for name, (frame, _) in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
        for name, (frame, layout) in sheets.items():
            _format_sheet(writer.sheets[name], frame, **layout)
        _colour_matrix(writer.sheets["指标得分矩阵"], data)
        _link_evidence(writer.sheets["证据"], _evidence_frame_url_field())
    logger.info("Wrote spreadsheet %s with %s findings", out_path, len(rows))
    return out_path


def matrix_values(data: ScoringData) -> dict[tuple[str, str], tuple[float | None, str]]:
    """Return (points, status) per (unit key, indicator id) as the matrix shows it.

    Points add up over a unit's findings of one indicator; a cell whose
    findings all do not apply holds no points.
    """
    cells: dict[tuple[str, str], list] = {}
    for finding in data.findings:
        cells.setdefault((finding.unit_key, finding.indicator_id), []).append(finding)
    values = {}
    for key, findings in cells.items():
        status = combine_statuses([finding.status for finding in findings])
        points = sum(
            finding.points for finding in findings if finding.status != "not_applicable"
        )
        values[key] = (None if status == "not_applicable" else points, status)
    return values


def _ranking_frame(data: ScoringData, units: list[dict]) -> pd.DataFrame:
    records = []
    for group in rank_by_kind(units):
        for row in group["rows"]:
            record = {
                "类别": row["kind"],
                "类别内排名": row["rank"],
                "单位编号": row["key"],
                "单位名称": row["name"],
            }
            for system in data.systems:
                score = row["scores_by_system"].get(system["id"])
                record[f"{system['name']}得分"] = score["score"] if score else None
                record[f"{system['name']}评定"] = score["rating"] if score else ""
            record["综合得分"] = row["composite"]
            record["单项否决"] = VETO_RATING if row["vetoed"] else ""
            record["否决指标"] = "；".join(row["veto_failures"])
            record["网站"] = "\n".join(row["portals"])
            records.append(record)
    return _clean(pd.DataFrame.from_records(records, columns=_ranking_fields(data)))


def _ranking_fields(data: ScoringData) -> list[str]:
    fields = ["类别", "类别内排名", "单位编号", "单位名称"]
    for system in data.systems:
        fields += [f"{system['name']}得分", f"{system['name']}评定"]
    return [*fields, "综合得分", "单项否决", "否决指标", "网站"]


def _matrix_frame(data: ScoringData) -> pd.DataFrame:
    values = matrix_values(data)
    records = []
    for unit in data.units:
        record = {"单位编号": unit.key, "单位名称": unit.name, "类别": unit.kind}
        for indicator in data.indicators:
            record[_matrix_header(indicator)] = values.get(
                (unit.key, indicator["id"]), (None, "")
            )[0]
        for system in data.systems:
            score = unit.scores.get(system["id"])
            record[f"{system['name']}得分"] = score.score if score else None
        records.append(record)
    fields = [
        "单位编号",
        "单位名称",
        "类别",
        *(_matrix_header(indicator) for indicator in data.indicators),
        *(f"{system['name']}得分" for system in data.systems),
    ]
    return _clean(pd.DataFrame.from_records(records, columns=fields))


def _matrix_header(indicator: dict) -> str:
    return f"{indicator['id']}\n{indicator['name']}（{format_number(indicator['points'])}分）"


def _problem_frame(rows: list[dict]) -> pd.DataFrame:
    records = [
        {
            "单位编号": row["unit_id"],
            "单位名称": row["unit_name"],
            "类别": row["unit_kind"],
            "体系": row["system"],
            "指标编号": row["indicator_id"],
            "指标名称": row["indicator_name"],
            "评估对象": row["item"],
            "状态": status_label(row["status"]),
            "得分": row["points"],
            "满分": row["max_points"],
            "单项否决": "是" if row["veto"] else "",
            "判定说明": row["detail"],
            "证据网址": "\n".join(entry["url"] or "" for entry in row["evidence"]),
            "整改建议": row["suggestion"] or "",
            "finding_id": row["finding_id"],
        }
        for row in rows
        if row["status"] in PROBLEM_SHEET_STATUSES
    ]
    fields = [
        "单位编号", "单位名称", "类别", "体系", "指标编号", "指标名称", "评估对象", "状态",
        "得分", "满分", "单项否决", "判定说明", "证据网址", "整改建议", "finding_id",
    ]  # fmt: skip
    return _clean(pd.DataFrame.from_records(records, columns=fields))


EVIDENCE_FIELDS = [
    "finding_id", "单位名称", "指标编号", "状态", "网址", "页面标题", "抓取时间",
    "HTTP状态", "摘录", "截图", "比对日期", "判定",
]  # fmt: skip


def _evidence_frame_url_field() -> int:
    return EVIDENCE_FIELDS.index("网址") + 1


def _evidence_frame(rows: list[dict]) -> pd.DataFrame:
    records = []
    for row in rows:
        for entry in row["evidence"]:
            records.append(
                {
                    "finding_id": row["finding_id"],
                    "单位名称": row["unit_name"],
                    "指标编号": row["indicator_id"],
                    "状态": status_label(row["status"]),
                    "网址": entry["url"] or "",
                    "页面标题": entry["title"] or "",
                    "抓取时间": format_datetime(entry["fetched_at"]),
                    "HTTP状态": entry["http_status"],
                    "摘录": entry["quote"] or "",
                    "截图": entry["screenshot"] or "",
                    "比对日期": describe_dates(entry["dates"]),
                    "判定": verdict_label(entry["verdict"]) if entry["verdict"] else "",
                }
            )
    frame = pd.DataFrame.from_records(records, columns=EVIDENCE_FIELDS)
    frame["HTTP状态"] = frame["HTTP状态"].astype("Int64")
    return _clean(frame)


def _run_frame(data: ScoringData, units: list[dict]) -> pd.DataFrame:
    crawl = build_methodology(data, units)["crawl"]
    assessment = data.assessment
    pairs = [
        ("报告标题", assessment.get("title") or data.run_title),
        ("评估机构", assessment.get("assessor") or ""),
        ("评估周期", assessment.get("period") or ""),
        ("评估基准日", data.as_of.isoformat() if data.as_of else ""),
        ("评估体系", "、".join(system["name"] for system in data.systems)),
        ("运行编号", data.run_id),
        ("评分编号", data.scoring_id),
        ("运行开始", format_datetime(data.run_started_at)),
        ("运行结束", format_datetime(data.run_finished_at)),
        ("运行状态", data.run_status),
        ("评分时间", format_datetime(data.created_at)),
        ("单位数", len(data.units)),
        ("评估结果数", len(data.findings)),
        ("网站数", crawl["portals"]),
        ("页面数", crawl["pages"]),
        ("失败页面数", crawl["pages_failed"]),
        ("链接数", crawl["links"]),
        ("检查的链接目标", crawl["link_targets"]),
        ("不可访问的链接目标", crawl["broken_targets"]),
        ("首页探测次数", crawl["probes"]),
        ("首页探测成功次数", crawl["probes_ok"]),
        ("截图数", crawl["screenshots"]),
        *((f"参数 {key}", str(value)) for key, value in data.parameters.items()),
    ]
    frame = pd.DataFrame(
        [(key, str(value)) for key, value in pairs], columns=["项目", "值"]
    )
    return _clean(frame)


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop characters a workbook cannot hold (control characters of crawled text)."""
    for field in frame.columns:
        if frame[field].dtype == object:
            frame[field] = frame[field].map(
                lambda value: (
                    ILLEGAL_CHARACTERS_RE.sub("", value)
                    if isinstance(value, str)
                    else value
                )
            )
    return frame


def _format_sheet(
    sheet: Worksheet,
    frame: pd.DataFrame,
    *,
    freeze: str,
    header_height: int | None = None,
) -> None:
    # Crawled text starting with "=" must stay text, never become a formula.
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    if header_height:
        sheet.row_dimensions[1].height = header_height
    sheet.freeze_panes = freeze
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions

    for index, field in enumerate(frame.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _field_width(field, frame[field])
        numeric = pd.api.types.is_float_dtype(frame[field])
        for cell in sheet[letter][1:]:
            if numeric:
                cell.number_format = POINTS_FORMAT
            elif isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if field == "状态":
            for cell in sheet[letter][1:]:
                _fill_status(cell, _status_of_label(cell.value))


def _field_width(field: str, values: pd.Series) -> float:
    texts = [field.split("\n")[-1], *map(str, values.head(WIDTH_SAMPLE_ROWS).dropna())]
    widest = max(
        _display_width(line) for text in texts for line in (text.split("\n") or [""])
    )
    return float(min(max(widest + 2, WIDTH_MIN), WIDTH_MAX))


def _display_width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _status_of_label(label) -> str | None:
    for status in STATUS_COLOURS:
        if status_label(status) == label:
            return status
    return None


def _fill_status(cell, status: str | None) -> None:
    if status is None:
        return
    background, text = STATUS_COLOURS[status]
    cell.fill = PatternFill("solid", fgColor=_argb(background))
    cell.font = Font(color=_argb(text))


def _argb(colour: str) -> str:
    """Return an opaque ARGB value for a #rrggbb colour."""
    return "FF" + colour.lstrip("#").upper()


def _colour_matrix(sheet: Worksheet, data: ScoringData) -> None:
    values = matrix_values(data)
    first = 4
    for row_index, unit in enumerate(data.units, start=2):
        for offset, indicator in enumerate(data.indicators):
            cell = sheet.cell(row=row_index, column=first + offset)
            _, status = values.get((unit.key, indicator["id"]), (None, None))
            if status:
                _fill_status(cell, status)
    for offset in range(len(data.indicators)):
        letter = get_column_letter(first + offset)
        sheet.column_dimensions[letter].width = 14
    for offset in range(len(data.systems)):
        letter = get_column_letter(first + len(data.indicators) + offset)
        for cell in sheet[letter][1:]:
            cell.number_format = POINTS_FORMAT


def _link_evidence(sheet: Worksheet, url_field: int) -> None:
    for (cell,) in sheet.iter_rows(min_row=2, min_col=url_field, max_col=url_field):
        href = safe_href(cell.value if isinstance(cell.value, str) else None)
        if href:
            cell.hyperlink = href
            cell.font = Font(color="FF1D4F91", underline="single")
