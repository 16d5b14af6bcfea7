"""JSON Lines in and out (shared/exchange-format.md), with errors that name file, line and field."""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .profile import OUTCOMES
from .records import RecordError


class LineError(ValueError):
    """A bad line: `file:line: field: message`."""

    def __init__(self, path: str, line: int, field: str, message: str):
        super().__init__(f"{path}:{line}: {field}: {message}")
        self.path, self.line, self.field, self.message = str(path), line, field, message


@dataclass(frozen=True)
class Outcome:
    seeker_id: str
    position_id: str
    outcome: str

    @classmethod
    def from_dict(cls, d) -> "Outcome":
        if not isinstance(d, dict):
            raise RecordError("(record)", "must be a JSON object")
        for name in ("seeker_id", "position_id"):
            if not isinstance(d.get(name), (str, int)) or isinstance(d.get(name), bool) or not str(d[name]).strip():
                raise RecordError(name, "missing" if d.get(name) is None else "must be a string")
        if d.get("outcome") not in OUTCOMES:
            raise RecordError("outcome", f"{d.get('outcome')!r} is not one of {', '.join(OUTCOMES)}")
        return cls(str(d["seeker_id"]).strip(), str(d["position_id"]).strip(), d["outcome"])


class Reader:
    """Iterates the valid records of one file; `on_error="skip"` collects bad lines in `errors` and goes on,
    "stop" raises the first LineError. Records with an `id` must not repeat one seen earlier in the file."""

    def __init__(self, path, parse: Callable[[dict], object], on_error: str = "stop", unique_ids: bool = True):
        if on_error not in ("skip", "stop"):
            raise ValueError("on_error is 'skip' or 'stop'")
        self.path, self.parse, self.on_error, self.unique_ids = path, parse, on_error, unique_ids
        self.errors: list[LineError] = []
        self.count = 0

    def __iter__(self) -> Iterator:
        seen: dict[str, int] = {}
        with open(self.path, encoding="utf-8-sig") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    record = self.parse(_loads(line))
                    if self.unique_ids:
                        first = seen.setdefault(record.id, number)
                        if first != number:
                            raise RecordError("id", f"duplicate id {record.id!r} (first on line {first})")
                except RecordError as e:
                    error = LineError(self.path, number, e.field, e.message)
                    if self.on_error == "stop":
                        raise error from None
                    self.errors.append(error)
                    continue
                self.count += 1
                yield record


def _loads(line: str):
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise RecordError("(json)", f"not JSON: {e.msg} at column {e.colno}") from None


def write(path, dicts) -> int:
    """Writes one JSON object a line (UTF-8, Chinese as is); returns the count."""
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        for d in dicts:
            f.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")))
            f.write("\n")
            count += 1
    return count
