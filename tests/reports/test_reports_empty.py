"""A scoring with nothing in it still yields every report and export."""

from __future__ import annotations

import json
from datetime import date, datetime

from openpyxl import load_workbook

import reports
from store.db import open_store
from store.models import Run, Scoring


def test_scoring_without_units_writes_every_file(tmp_path):
    session_factory = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with session_factory() as session:
        run = Run(title="空运行", started_at=datetime(2016, 9, 1, 8, 0), status="done")
        session.add(run)
        session.flush()
        scoring = Scoring(
            run_id=run.id,
            systems=["govsite"],
            as_of=date(2016, 9, 1),
            created_at=datetime(2016, 9, 1, 9, 0),
        )
        session.add(scoring)
        session.commit()
        scoring_id = scoring.id

    written = reports.write_all(
        session_factory, scoring_id, tmp_path / "out", pdf=False
    )

    assert sorted(written) == [
        "findings.csv",
        "findings.json",
        "report.html",
        "scores.xlsx",
    ]
    assert json.loads(written["findings.json"].read_text(encoding="utf-8")) == []
    assert "本次评估未发现未达标或部分达标的指标" in written["report.html"].read_text(
        encoding="utf-8"
    )
    assert load_workbook(written["scores.xlsx"]).sheetnames[0] == "总分排名"
