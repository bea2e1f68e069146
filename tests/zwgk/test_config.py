"""Configuration errors stop before anything runs, naming file, key and value."""

import subprocess
import sys
from pathlib import Path

import pytest

from zwgk.config import Settings, load_settings
from zwgk.errors import ConfigError

GOOD_UNIT = """
[[unit]]
id = "u01"
name = "市教育局"
tags = ["enforcement"]
portal = "http://127.0.1.1:18480/"
"""

PRIVATE_OK = """
[crawl]
allow_private_addresses = true
"""


def write_config(folder: Path, text: str) -> Path:
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_repository_config_loads_and_assesses_the_testbed():
    settings = load_settings(Path(__file__).resolve().parents[2] / "config.toml")
    assert settings.crawl.allow_private_addresses is True
    assert len(settings.unit) >= 8
    assert {"zz2016", "govsite"} <= set(settings.assessment.systems)


def test_defaults_refuse_private_addresses():
    assert Settings().crawl.allow_private_addresses is False


CASES = [
    (
        "unknown key",
        PRIVATE_OK + "[database]\nurll = 'sqlite:///x.sqlite'\n" + GOOD_UNIT,
        ["unknown key 'database.urll'", "sqlite:///x.sqlite"],
    ),
    (
        "wrong type",
        "[crawl]\nallow_private_addresses = true\nmax_depth = 'deep'\n" + GOOD_UNIT,
        ["crawl.max_depth", "'deep'"],
    ),
    (
        "duplicate unit id",
        PRIVATE_OK + GOOD_UNIT + GOOD_UNIT,
        ["duplicate id 'u01'", "unit.id"],
    ),
    (
        "malformed url",
        PRIVATE_OK + GOOD_UNIT.replace("http://127.0.1.1:18480/", "ftp://portal"),
        ["unit[id=u01].portal", "ftp://portal"],
    ),
    (
        "unknown indicator system",
        PRIVATE_OK + "[assessment]\nsystems = ['zz2099']\n" + GOOD_UNIT,
        ["assessment.systems", "zz2099"],
    ),
    (
        "bad cron expression",
        PRIVATE_OK + GOOD_UNIT + "[[schedule]]\nid = 'weekly'\ncron = '61 2 * * *'\n",
        ["schedule[id=weekly].cron", "61 2 * * *"],
    ),
    (
        "private address refused",
        GOOD_UNIT,
        ["unit[id=u01]", "127.0.1.1", "allow_private_addresses"],
    ),
    (
        "missing unit name",
        PRIVATE_OK + "[[unit]]\nid = 'u09'\nportal = 'http://127.0.1.9/'\n",
        ["unit[id=u09].name", "required"],
    ),
    ("not toml", "[crawl\n", ["not valid TOML"]),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_configuration_is_rejected_with_file_key_and_value(
    tmp_path, case, text, expected
):
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert str(path) in message
    for fragment in expected:
        assert fragment in message, (case, message)


def test_command_line_exits_2_with_one_line_on_a_bad_configuration(tmp_path):
    path = write_config(tmp_path, PRIVATE_OK + GOOD_UNIT + GOOD_UNIT)
    result = subprocess.run(
        [sys.executable, "-m", "zwgk", "crawl", "-c", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "duplicate id 'u01'" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_units_come_from_a_csv_file(tmp_path):
    (tmp_path / "units.csv").write_text(
        "id,name,tags,portal\n"
        "u01,市教育局,enforcement;fees,http://127.0.1.1:18480/\n"
        "u02,市审计局,audit,http://127.0.1.2:18480/\n",
        encoding="utf-8",
    )
    path = write_config(
        tmp_path, PRIVATE_OK + "[assessment]\nunits_file = 'units.csv'\n"
    )
    settings = load_settings(path)
    assert [unit.id for unit in settings.unit] == ["u01", "u02"]
    assert settings.unit[0].tags == ["enforcement", "fees"]


def test_units_come_from_an_xlsx_file(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "name", "tags", "portal", "kind"])
    sheet.append(
        ["u07", "市环保局", "environment", "http://127.0.1.7:18480/", "市政府部门"]
    )
    book.save(tmp_path / "units.xlsx")
    path = write_config(
        tmp_path, PRIVATE_OK + "[assessment]\nunits_file = 'units.xlsx'\n"
    )
    settings = load_settings(path)
    assert settings.unit[0].kind == "市政府部门"
    assert settings.unit[0].tags == ["environment"]


def test_a_unit_list_row_without_portal_names_the_file_and_row(tmp_path):
    (tmp_path / "units.csv").write_text(
        "id,name,tags,portal\nu01,市教育局,,\n", encoding="utf-8"
    )
    path = write_config(
        tmp_path, PRIVATE_OK + "[assessment]\nunits_file = 'units.csv'\n"
    )
    with pytest.raises(ConfigError, match=r"units.csv: row 2: field 'portal'"):
        load_settings(path)


def test_relative_sqlite_path_is_taken_from_the_configuration_folder(tmp_path):
    path = write_config(
        tmp_path, PRIVATE_OK + "[database]\nurl = 'sqlite:///var/a.sqlite'\n"
    )
    url = load_settings(path).database_url()
    assert url == f"sqlite:///{tmp_path.resolve() / 'var' / 'a.sqlite'}"
