"""`python -m compliance assess`: JSON Lines in and out, exact decimals, stop or skip on a bad line."""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from compliance.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "compliance" / "examples" / "employers.jsonl"
FIELDS = ["employer_id", "jurisdiction", "year", "required", "counted", "shortfall", "exempt", "tier", "levy_due",
          "currency", "steps"]


def write_lines(path, records):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in records), encoding="utf-8")
    return path


def test_the_readme_example_runs_as_written(tmp_path):
    out = tmp_path / "assessments.jsonl"
    done = subprocess.run([sys.executable, "-m", "compliance", "assess", "--input", str(EXAMPLE), "--out", str(out)],
                          capture_output=True, text=True, cwd=EXAMPLE.parents[2])
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line, parse_float=Decimal) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(EXAMPLE.read_text(encoding="utf-8").splitlines())
    assert all(list(row) == FIELDS for row in rows)
    assert rows[0]["levy_due"] == Decimal("108000.00")
    assert "6 assessed, 0 skipped" in done.stderr


def test_money_is_written_as_a_number_with_the_currency_decimals(tmp_path, employer):
    source = write_lines(tmp_path / "in.jsonl", [employer(), employer(staff=28), employer("JP")])
    out = tmp_path / "out.jsonl"
    assert main(["assess", "--input", str(source), "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert '"levy_due": 108000.00,' in lines[0] and '"required": 1.5,' in lines[0]
    assert '"levy_due": 0.00,' in lines[1] and '"exempt": true' in lines[1] and '"tier": null' in lines[1]
    assert '"levy_due": 3000000,' in lines[2]
    assert "适用规则" in lines[0]  # UTF-8, not \\u escapes


def test_stop_at_a_bad_line_writes_nothing_and_names_it(tmp_path, employer, capsys):
    source = write_lines(tmp_path / "in.jsonl",
                         [employer(), "", employer(employer_id="E-2", staff_by_month=[9] * 13), employer()])
    out = tmp_path / "out.jsonl"
    assert main(["assess", "--input", str(source), "--out", str(out)]) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [source]
    assert "line 3, employer E-2, field staff_by_month: 13 months given" in capsys.readouterr().err


def test_skip_goes_on_and_reports_each_bad_line(tmp_path, employer, capsys):
    source = write_lines(tmp_path / "in.jsonl", [employer(), "{not json", employer(jurisdiction="XX"), employer()])
    out = tmp_path / "out.jsonl"
    assert main(["assess", "--input", str(source), "--out", str(out), "--on-error", "skip"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    err = capsys.readouterr().err
    assert "line 2: not valid JSON" in err
    assert "line 3, employer 913306040000000011, field jurisdiction: unknown jurisdiction 'XX'" in err
    assert "2 assessed, 2 skipped" in err


def test_stdout_by_default(tmp_path, employer, capsys):
    source = write_lines(tmp_path / "in.jsonl", [employer()])
    assert main(["assess", "--input", str(source)]) == 0
    assert json.loads(capsys.readouterr().out)["tier"] == "reduced-90"


def test_a_missing_input_file(tmp_path, capsys):
    assert main(["assess", "--input", str(tmp_path / "absent.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_bad_choice_is_a_usage_error():
    with pytest.raises(SystemExit) as caught:
        main(["assess", "--input", "x", "--on-error", "ignore"])
    assert caught.value.code == 2


def test_rules_prints_a_year_as_the_engine_sees_it(capsys):
    assert main(["rules", "CN-ZJ", "2025"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["params"]["ratio"], shown["params"]["wage_cap_multiple"]) == ("0.015", 2)
    assert shown["windows"]["status"] == "indicative"
    assert any(source.startswith("浙财社〔2017〕26号") for source in shown["sources"])
    # the national reading is inherited: data year 2025 is assessed under the rules of July 2026
    assert (shown["dates"]["refer_to"], shown["rules_month"]) == ("collection_year", "2026-07")


def test_rules_for_a_year_without_rules(capsys):
    assert main(["rules", "CN", "2030"]) == 1
    assert "no rules for CN in 2030" in capsys.readouterr().err


def test_an_output_folder_that_does_not_exist(tmp_path, employer, capsys):
    source = write_lines(tmp_path / "in.jsonl", [employer()])
    assert main(["assess", "--input", str(source), "--out", str(tmp_path / "no" / "out.jsonl")]) == 2
    assert "cannot write" in capsys.readouterr().err
