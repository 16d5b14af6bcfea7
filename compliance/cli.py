"""`python -m compliance assess --input employers.jsonl --out assessments.jsonl [--on-error stop|skip]`
and `python -m compliance rules CN-ZJ 2025` (the rules of a year as the engine sees them, to check a new file).

Exit status: 0 every line assessed; 1 stopped at a bad line (nothing written); 2 a file cannot be read or
written, or bad arguments; 3 (`--on-error skip`) the output is written but some lines were skipped.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from .assess import assess
from .jsonl import dumps, read_records
from .records import RecordError
from .rulesets import DEFAULT, RulesError
from .strict import check

#: --on-error skip wrote the output but left out at least one line
SKIPPED = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m compliance", description="Quota-levy assessments.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("assess", help="assess every employer of a JSON Lines file")
    run.add_argument("--input", required=True, help="employers, one JSON object a line ('-' for stdin)")
    run.add_argument("--out", default="-", help="where the assessments go, one a line (default stdout)")
    run.add_argument("--on-error", choices=("stop", "skip"), default="stop",
                     help="stop at the first bad line (nothing written, exit 1) or report it and go on "
                          f"(exit {SKIPPED} if any line was skipped)")
    show = commands.add_parser("rules", help="print the rules of a jurisdiction for a year, with its sources and windows")
    show.add_argument("jurisdiction")
    show.add_argument("year", type=int)
    return parser


def _run_rules(args) -> int:
    try:
        rules = DEFAULT.year_rules(args.jurisdiction, args.year)
    except (RulesError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    windows = DEFAULT.windows(args.jurisdiction, args.year)
    shown = {"jurisdiction": rules.code, "year": rules.year, "name": rules.name, "currency": rules.currency,
             "months": [f"{y}-{m:02d}" for y, m in rules.months], "ratios": rules.ratios,
             "sources": rules.sources, "params": rules.params, "windows": windows,
             "dates": DEFAULT.dates(args.jurisdiction),
             "rules_month": f"{rules.rules_month[0]}-{rules.rules_month[1]:02d}" if rules.rules_month else None}
    print(json.dumps(shown, ensure_ascii=False, indent=2, default=str))
    return 0


def _assess_lines(lines, output, on_error: str, name: str) -> int:
    done = skipped = 0
    for number, record in read_records(lines):
        try:
            if isinstance(record, RecordError):
                raise record
            check(record)
            assessment = assess(record)
        except RecordError as error:
            error.line = number
            print(f"{name}: {error}", file=sys.stderr)
            if on_error == "stop":
                return 1
            skipped += 1
            continue
        output.write(dumps(assessment) + "\n")
        done += 1
    print(f"{name}: {done} assessed, {skipped} skipped", file=sys.stderr)
    return SKIPPED if skipped else 0


def _run_assess(args) -> int:
    name = "stdin" if args.input == "-" else args.input
    try:
        source = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
    except OSError as error:
        print(f"cannot read {args.input}: {error.strerror}", file=sys.stderr)
        return 2
    with source:
        if args.out == "-":
            return _assess_lines(source, sys.stdout, args.on_error, name)
        # Write beside the target and rename at the end, so a stopped run leaves no half-written file.
        target = Path(args.out)
        try:
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as error:
            print(f"cannot write {args.out}: {error.strerror}", file=sys.stderr)
            return 2
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as output:
                status = _assess_lines(source, output, args.on_error, name)
            if status in (0, SKIPPED):
                os.replace(temporary, target)
            return status
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    return _run_assess(args) if args.command == "assess" else _run_rules(args)
