"""`zwgk run` and `zwgk check` on the testbed, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from testbed.expected import load_expected

EXPECTED = load_expected()

RUN_UNITS = ["u03", "u06", "u11"]


def zwgk(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zwgk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=900,
    )


@pytest.fixture(scope="module")
def finished_run(city_config, tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    config = city_config(folder, RUN_UNITS, screenshots=True)
    result = zwgk("run", "-c", str(config), "--out", str(folder / "out"), cwd=folder)
    return folder, result


def test_run_writes_all_five_files(finished_run):
    folder, result = finished_run
    for name in ("report.html", "report.pdf", "scores.xlsx", "findings.csv"):
        assert (folder / "out" / name).stat().st_size > 0, result.stderr
    assert (folder / "out" / "findings.json").stat().st_size > 0


def test_run_findings_are_the_planted_ones(finished_run):
    folder, _result = finished_run
    findings = json.loads((folder / "out" / "findings.json").read_text("utf-8"))
    got = {(item["unit_id"], item["indicator_id"]): item["status"] for item in findings}
    wanted = {
        (case.unit, case.indicator): case.status
        for case in EXPECTED.cases
        if case.unit in RUN_UNITS
    }
    assert got == wanted


def test_run_exits_1_and_names_the_portal_it_could_not_assess(finished_run):
    _folder, result = finished_run
    assert result.returncode == 1, result.stderr
    assert "u11" in result.stderr
    assert "Run 1, scoring 1" in result.stdout


def test_run_history_is_listed_and_rescored_without_network(finished_run):
    folder, _result = finished_run
    config = str(folder / "config.toml")
    runs = zwgk("runs", "-c", config, cwd=folder)
    assert runs.returncode == 0
    assert "partial" in runs.stdout
    rescored = zwgk("score", "--run", "1", "-c", config, cwd=folder)
    assert rescored.returncode == 0, rescored.stderr
    assert "Scoring 2 of run 1" in rescored.stdout
    same = zwgk("diff", "1", "1", "-c", config, "--json", cwd=folder)
    assert json.loads(same.stdout)["new"] == []


def test_check_prints_the_rectification_list_and_exits_3_on_a_veto(city, tmp_path):
    portal = next(item for item in city.portals if item["id"] == "u06")
    assert EXPECTED.status("u06", "site.homepage_fresh") == "fail"
    result = zwgk(
        "check",
        portal["portal"],
        "--tags",
        ",".join(portal["tags"]),
        "--as-of",
        EXPECTED.as_of.isoformat(),
        "--allow-private-addresses",
        "--out",
        str(tmp_path / "check"),
        cwd=tmp_path,
    )
    assert result.returncode == 3, result.stderr
    assert "整改清单" in result.stdout
    assert "site.homepage_fresh" in result.stdout
    first_rows = result.stdout.split("site.homepage_fresh")[0]
    assert "zz2016." not in first_rows, "vetoes come first"
    assert (tmp_path / "check" / "report.html").exists()


def test_check_refuses_a_loopback_portal_unless_allowed(city, tmp_path):
    portal = city.portals[0]["portal"]
    result = zwgk("check", portal, cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "allow_private_addresses" in result.stderr or "allow-private" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_report_and_export_write_a_stored_scoring_again(finished_run):
    folder, _result = finished_run
    config = str(folder / "config.toml")
    exported = zwgk("export", "--run", "1", "-c", config, "--out", "exp", cwd=folder)
    assert exported.returncode == 0, exported.stderr
    assert sorted(path.name for path in (folder / "exp").iterdir()) == [
        "findings.csv",
        "findings.json",
        "scores.xlsx",
    ]
    reported = zwgk(
        "report", "--scoring", "1", "-c", config, "--no-pdf", "--out", "rep", cwd=folder
    )
    assert reported.returncode == 0, reported.stderr
    assert "u03" in (folder / "rep" / "report.html").read_text("utf-8")


def test_report_of_an_unknown_run_exits_2_naming_it(finished_run):
    folder, _result = finished_run
    result = zwgk(
        "report", "--run", "99", "-c", str(folder / "config.toml"), cwd=folder
    )
    assert result.returncode == 2
    assert "No run 99" in result.stderr
