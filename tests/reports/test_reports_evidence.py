"""Screenshots are read only from inside the evidence folder and shrunk to thumbnails."""

from __future__ import annotations

import base64
from io import BytesIO

from openpyxl import load_workbook
from PIL import Image

import reports
from reports.evidence import make_thumbnail, publish_screenshots, resolve_evidence_path


def test_paths_leaving_the_evidence_folder_are_refused(fixture_store, tmp_path):
    outside = fixture_store.evidence_dir.parent / "outside.png"
    outside.write_bytes(b"not evidence")

    assert resolve_evidence_path(fixture_store.evidence_dir, "../outside.png") is None
    assert resolve_evidence_path(fixture_store.evidence_dir, str(outside)) is None
    assert resolve_evidence_path(fixture_store.evidence_dir, "run2") is None
    assert (
        resolve_evidence_path(fixture_store.evidence_dir, fixture_store.screenshot_path)
        == (fixture_store.evidence_dir / fixture_store.screenshot_path).resolve()
    )


def test_thumbnail_shows_the_top_of_a_tall_screenshot_downscaled(fixture_store):
    thumbnail = make_thumbnail(
        fixture_store.evidence_dir / fixture_store.screenshot_path
    )

    header, encoded = thumbnail["thumbnail"].split(",", 1)
    image = Image.open(BytesIO(base64.b64decode(encoded)))
    assert header == "data:image/jpeg;base64"
    assert image.size == (thumbnail["width"], thumbnail["height"]) == (480, 360)


def test_unreadable_screenshot_is_linked_without_a_thumbnail(tmp_path):
    evidence_dir = tmp_path / "evidence"
    (evidence_dir / "run").mkdir(parents=True)
    (evidence_dir / "run" / "broken.png").write_bytes(b"not a png")

    published = publish_screenshots(["run/broken.png"], evidence_dir, tmp_path / "out")

    assert published["run/broken.png"]["thumbnail"] is None
    assert published["run/broken.png"]["href"] == "evidence/run/broken.png"
    assert (tmp_path / "out" / "evidence" / "run" / "broken.png").is_file()


def test_without_an_evidence_folder_no_screenshot_is_published(tmp_path):
    assert publish_screenshots(["run/a.png"], None, tmp_path) == {}


def test_report_writer_alone_copies_screenshots_beside_the_report(
    fixture_store, tmp_path
):
    html = reports.write_report_html(
        fixture_store.session_factory,
        fixture_store.new_scoring_id,
        tmp_path / "report.html",
        evidence_dir=fixture_store.evidence_dir,
    )

    assert (tmp_path / "evidence" / fixture_store.screenshot_path).is_file()
    assert "data:image/jpeg;base64," in html.read_text(encoding="utf-8")
    assert 'id="changes"' not in html.read_text(encoding="utf-8")


def test_spreadsheet_writer_alone_matches_the_one_of_write_all(
    fixture_store, written_reports, tmp_path
):
    path = reports.write_spreadsheet(
        fixture_store.session_factory,
        fixture_store.new_scoring_id,
        tmp_path / "scores.xlsx",
    )

    alone, together = load_workbook(path), load_workbook(written_reports["scores.xlsx"])
    for name in together.sheetnames:
        assert list(alone[name].values) == list(together[name].values)
