"""`python -m compliance assess`: JSON Lines in and out, exact decimals, stop or skip on a bad line."""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from compliance.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "compliance" / "examples" / "employers.jsonl"
FIELDS = ["employer_id", "jurisdiction", "year", "required", "counted", "shortfall", "exempt", "tier",
          "levy_before_deductions", "levy_due", "currency", "steps"]


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
    # any line skipped: the output is written, the exit status says lines are missing from it (issue 12)
    assert main(["assess", "--input", str(source), "--out", str(out), "--on-error", "skip"]) == 3
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    err = capsys.readouterr().err
    assert "line 2: not valid JSON" in err
    assert 'line 3, employer 913306040000000011, field jurisdiction: unknown jurisdiction "XX"' in err
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


def run_one(tmp_path, capsys, line):
    """Assess one line (a record or raw text); (exit status, stderr)."""
    source = tmp_path / "one.jsonl"
    source.write_text((line if isinstance(line, str) else json.dumps(line)) + "\n", encoding="utf-8")
    status = main(["assess", "--input", str(source), "--out", str(tmp_path / "out.jsonl")])
    return status, capsys.readouterr().err


@pytest.mark.parametrize("change, message", [
    ({"staf": 100}, "field staf: is not a known field"),
    ({"staff": "100"}, 'field staff: must be a number, not the text "100"'),
    ({"staff_by_month": [100] * 11 + ["100"]}, 'field staff_by_month[11]: must be a number, not the text "100"'),
    ({"avg_wage": True}, "field avg_wage: must be a number, not true"),
    ({"disabled_employees": [{"grade": "3", "months": 12}]},
     'field disabled_employees[0].grade: must be a whole number, not the text "3"'),
    ({"disabled_employees": [{"grade": 3, "months": 12, "monthz": 1}]},
     "field disabled_employees[0].monthz: is not a known field"),
])
def test_an_unknown_field_or_a_number_as_text_is_an_error_naming_it(tmp_path, employer, capsys, change, message):
    status, err = run_one(tmp_path, capsys, employer(**change))
    assert status == 1 and message in err


@pytest.mark.parametrize("field", ["contract_months", "monthly_wage", "insurance_months"])
def test_the_declarations_fields_are_refused_not_ignored(tmp_path, employer, capsys, field):
    # a six-month contract below the minimum wage must not count silently in the CLI
    status, err = run_one(tmp_path, capsys, employer(disabled_employees=[{"grade": 3, "months": 6, field: 6}]))
    assert status == 1
    assert f"field disabled_employees[0].{field}: is not an input: the engine counts every employee" in err


def test_a_year_written_with_a_decimal_point_is_an_error(tmp_path, employer, capsys):
    line = json.dumps(employer()).replace('"year": 2025', '"year": 2025.0')
    status, err = run_one(tmp_path, capsys, line)
    assert status == 1 and "field year: must be a whole number, not 2025.0" in err
    assert "Decimal" not in err


def test_a_key_given_twice_is_an_error(tmp_path, employer, capsys):
    line = json.dumps(employer()).replace('"staff": 100', '"staff": 100, "staff": 10')
    status, err = run_one(tmp_path, capsys, line)
    assert status == 1 and "line 1, field staff: appears more than once in the object" in err


def test_nan_is_not_a_number(tmp_path, employer, capsys):
    status, err = run_one(tmp_path, capsys, json.dumps(employer()).replace('"staff": 100', '"staff": NaN'))
    assert status == 1 and "line 1: not valid JSON (NaN is not a number JSON allows)" in err


@pytest.mark.parametrize("from_stdin", [False, True])
def test_a_utf8_byte_order_mark_is_accepted(tmp_path, employer, monkeypatch, capsys, from_stdin):
    text = "\ufeff" + json.dumps(employer(), ensure_ascii=False) + "\n"
    source = tmp_path / "bom.jsonl"
    source.write_text(text, encoding="utf-8")
    if from_stdin:
        monkeypatch.setattr(sys, "stdin", source.open(encoding="utf-8"))
    assert main(["assess", "--input", "-" if from_stdin else str(source)]) == 0
    assert json.loads(capsys.readouterr().out)["levy_due"] == 108000


def test_skip_with_nothing_skipped_exits_0(tmp_path, employer):
    source = write_lines(tmp_path / "in.jsonl", [employer(), employer()])
    assert main(["assess", "--input", str(source), "--out", str(tmp_path / "o.jsonl"), "--on-error", "skip"]) == 0
