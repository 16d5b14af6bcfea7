"""JSON Lines in and out: records with their line numbers, assessments with exact decimal numbers."""

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .assess import Assessment
from .records import RecordError


class _Duplicate(ValueError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key


def _object(pairs):
    record = {}
    for key, value in pairs:
        if key in record:
            raise _Duplicate(key)
        record[key] = value
    return record


def _constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


def read_records(lines: Iterable[str]) -> Iterator[tuple[int, dict | RecordError]]:
    """(line number, record) for each non-blank line; numbers are read as Decimal, never as float.

    A line that is not JSON, or has a key twice or NaN/Infinity, gives a RecordError in place of the record,
    so the caller decides to stop or skip. A UTF-8 byte-order mark before the first line is dropped.
    """
    for number, line in enumerate(lines, 1):
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            yield number, json.loads(line, parse_float=Decimal, object_pairs_hook=_object,
                                     parse_constant=_constant)
        except json.JSONDecodeError as error:
            yield number, RecordError(None, f"not valid JSON ({error.msg} at column {error.colno})", line=number)
        except _Duplicate as duplicate:
            yield number, RecordError(duplicate.key, "appears more than once in the object", line=number)
        except ValueError as error:
            yield number, RecordError(None, f"not valid JSON ({error})", line=number)


def _value(value) -> str:
    # Decimals go out as JSON numbers written digit for digit (108000.00), not through float.
    if isinstance(value, Decimal):
        return f"{value:f}"
    return json.dumps(value, ensure_ascii=False)


def dumps(assessment: Assessment) -> str:
    """One assessment as one JSON line (without the newline)."""
    return "{" + ", ".join(f"{json.dumps(key)}: {_value(value)}" for key, value in assessment.to_dict().items()) + "}"
