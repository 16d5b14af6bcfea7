"""JSON Lines in and out: records with their line numbers, assessments with exact decimal numbers."""

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .assess import Assessment
from .records import RecordError


def read_records(lines: Iterable[str]) -> Iterator[tuple[int, dict | RecordError]]:
    """(line number, record) for each non-blank line; numbers are read as Decimal, never as float.

    A line that is not JSON gives a RecordError in place of the record, so the caller decides to stop or skip.
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as error:
            yield number, RecordError(None, f"not valid JSON ({error.msg} at column {error.colno})", line=number)


def _value(value) -> str:
    # Decimals go out as JSON numbers written digit for digit (108000.00), not through float.
    if isinstance(value, Decimal):
        return f"{value:f}"
    return json.dumps(value, ensure_ascii=False)


def dumps(assessment: Assessment) -> str:
    """One assessment as one JSON line (without the newline)."""
    return "{" + ", ".join(f"{json.dumps(key)}: {_value(value)}" for key, value in assessment.to_dict().items()) + "}"
