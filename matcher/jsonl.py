"""JSON Lines in and out (shared/exchange-format.md), with errors that name file, line and field.

A line is decoded by msgspec into a typed schema (the types and ranges of the exchange format), which is
several times faster than json.loads and the field-by-field checks of records.py. Whatever the schema
does not accept (a bad value, or a value it is too strict for, such as 3.0 for 3) goes the slow way,
`from_dict` of records.py, which accepts what the format allows and names the field that breaks it: the
typed path only ever accepts lines that `from_dict` accepts, and builds the same record.

A file of seekers is read by the engine as columns (Reader.batches): a block of lines is decoded, then
checked and built a column at a time without a Seeker per line; a block with anything wrong in it goes
line by line as above, so that the columns are the records' values and the errors name the line.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from operator import attrgetter
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct
from msgspec.structs import astuple

from . import geo
from .profile import ABILITY_KEYS, ACCOMMODATION_KEYS, OUTCOMES, SCALE_MAX, SCALE_MIN
from .records import (DEFAULT_MAX_COMMUTE_KM, MAX_ID_LENGTH, RANGES, Position, RecordError, Seeker, SeekerBatch,
                      checked_id, location)

_BOM = b"\xef\xbb\xbf"


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


@dataclass(frozen=True)
class Exclusion:
    """A seeker-position pair to leave out of a ranking (a job the seeker holds, a person hired for it)."""

    seeker_id: str
    position_id: str

    @classmethod
    def from_dict(cls, d) -> "Exclusion":
        if not isinstance(d, dict):
            raise RecordError("(record)", "must be a JSON object")
        return cls(*(checked_id(d.get(name), name) for name in ("seeker_id", "position_id")))


# -- the typed schemas: fields not listed are ignored, as the exchange format says; items are not -------------

_Level = Annotated[int, Meta(ge=SCALE_MIN, le=SCALE_MAX)]
_Abilities = msgspec.defstruct("_Abilities", [(k, _Level | None, 0) for k in ABILITY_KEYS],
                               forbid_unknown_fields=True, gc=False)
_Demands = msgspec.defstruct("_Demands", [(k, _Level, 0) for k in ABILITY_KEYS], forbid_unknown_fields=True, gc=False)
_Accommodation = Literal[ACCOMMODATION_KEYS]
_Id = str | int


def _between(name: str):
    low, high = RANGES[name]
    return Annotated[float, Meta(ge=low, le=high)] | None


class _SeekerLine(Struct, gc=False):
    id: _Id
    township: str | None = None
    lat: _between("lat") = None
    lon: _between("lon") = None
    max_commute_km: _between("max_commute_km") = None
    remote_ok: bool | None = None
    abilities: _Abilities | None = None
    needs: frozenset[_Accommodation] | None = None
    needs_required: frozenset[_Accommodation] | None = None
    skills: list[str] | None = None
    desired_wage: _between("desired_wage") = None
    hours_per_week: _between("hours_per_week") = None


class _PositionLine(Struct, gc=False):
    id: _Id
    employer_id: _Id | None = None
    title: str | None = None
    township: str | None = None
    lat: _between("lat") = None
    lon: _between("lon") = None
    remote: bool | None = None
    openings: Annotated[int, Meta(ge=RANGES["openings"][0], le=RANGES["openings"][1])] | None = None
    demands: _Demands | None = None
    essential: list[Literal[ABILITY_KEYS]] | None = None
    offers: list[_Accommodation] | None = None
    skills: list[str] | None = None
    wage: _between("wage") = None
    hours_per_week: _between("hours_per_week") = None


class _OutcomeLine(Struct, gc=False):
    seeker_id: _Id
    position_id: _Id
    outcome: Literal[OUTCOMES]


class _ExclusionLine(Struct, gc=False):
    seeker_id: _Id
    position_id: _Id


_NOTHING = (0,) * len(ABILITY_KEYS)
_NONE = frozenset()
_DECODERS = {kind: msgspec.json.Decoder(line) for kind, line in
             ((Seeker, _SeekerLine), (Position, _PositionLine), (Outcome, _OutcomeLine),
              (Exclusion, _ExclusionLine))}
_encode = msgspec.json.Encoder().encode


def _seeker(r: _SeekerLine) -> Seeker:
    needs, required = r.needs or _NONE, r.needs_required or _NONE
    if not required <= needs:
        raise RecordError("needs_required", "not listed in needs")
    lat, lon, township = location(r.township, r.lat, r.lon, required=True)
    return Seeker(
        id=checked_id(r.id, "id"), abilities=_NOTHING if r.abilities is None else astuple(r.abilities),
        lat=lat, lon=lon, township=township,
        max_commute_km=DEFAULT_MAX_COMMUTE_KM if r.max_commute_km is None else r.max_commute_km,
        remote_ok=bool(r.remote_ok), needs=needs, needs_required=required, skills=_skills(r.skills),
        desired_wage=r.desired_wage, hours_per_week=r.hours_per_week)


def _position(r: _PositionLine) -> Position:
    lat, lon, township = location(r.township, r.lat, r.lon, required=not r.remote)
    return Position(
        id=checked_id(r.id, "id"), demands=_NOTHING if r.demands is None else astuple(r.demands),
        lat=lat, lon=lon, township=township,
        employer_id=None if r.employer_id is None else checked_id(r.employer_id, "employer_id"),
        title=r.title, remote=bool(r.remote), openings=1 if r.openings is None else r.openings,
        essential=frozenset(r.essential or ()), offers=frozenset(r.offers or ()), skills=_skills(r.skills),
        wage=r.wage, hours_per_week=r.hours_per_week)


def _outcome(r: _OutcomeLine) -> Outcome:
    return Outcome(checked_id(r.seeker_id, "seeker_id"), checked_id(r.position_id, "position_id"), r.outcome)


def _exclusion(r: _ExclusionLine) -> Exclusion:
    return Exclusion(checked_id(r.seeker_id, "seeker_id"), checked_id(r.position_id, "position_id"))


_BUILD = {Seeker: _seeker, Position: _position, Outcome: _outcome, Exclusion: _exclusion}


def _skills(skills: list[str] | None) -> tuple[str, ...]:
    return tuple([s for s in skills if s.strip()]) if skills else ()


def parse(kind, line: bytes):
    """The record (Seeker, Position, Outcome or Exclusion) of one JSON line; RecordError names the field that is wrong."""
    try:
        return _BUILD[kind](_DECODERS[kind].decode(line))
    except (msgspec.DecodeError, RecordError, UnicodeDecodeError):
        pass  # the slow way names the field, or accepts what the schema is too strict for
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RecordError("(json)", f"not UTF-8 text at byte {e.start + 1}") from None
    return kind.from_dict(_loads(text))


class Reader:
    """Iterates the valid records (of kind Seeker, Position, Outcome or Exclusion) of one file; `on_error="skip"`
    collects bad lines in `errors` and goes on, "stop" raises the first LineError. Records with an `id` must
    not repeat one seen earlier in the file."""

    def __init__(self, path, kind: type, on_error: str = "stop", unique_ids: bool = True):
        if on_error not in ("skip", "stop"):
            raise ValueError("on_error is 'skip' or 'stop'")
        self.path, self.kind, self.on_error, self.unique_ids = path, kind, on_error, unique_ids
        self.errors: list[LineError] = []
        self.count = 0

    def __iter__(self) -> Iterator:
        with open(self.path, "rb") as f:
            yield from self._records(enumerate(f, 1), {})

    def batches(self, size: int = 20_000) -> Iterator[SeekerBatch]:
        """The valid seekers (kind Seeker) as columns, a block of `size` lines at a time: decoded, then checked
        and built column by column in bulk (_seeker_batch). A block with anything wrong in it (a bad line, a
        duplicate id, a blank line) is read again line by line as __iter__ reads it, which names file, line
        and field and honours on_error; the checks in bulk accept no line that it rejects."""
        if self.kind is not Seeker:
            raise ValueError("batches are read of seekers only")
        seen: dict[str, int] = {}
        decode = _DECODERS[Seeker].decode
        first = 1
        with open(self.path, "rb") as f:
            while lines := list(islice(f, size)):
                block = lines
                if first == 1 and lines[0].startswith(_BOM):
                    block = [lines[0][len(_BOM):], *lines[1:]]
                try:
                    batch = _seeker_batch(list(map(decode, block)))
                    if self.unique_ids:
                        _note_ids(seen, batch.id, first)
                except (msgspec.DecodeError, RecordError, UnicodeDecodeError):
                    batch = SeekerBatch.of(list(self._records(enumerate(lines, first), seen)))
                else:
                    self.count += len(batch)
                first += len(lines)
                if len(batch):
                    yield batch

    def _records(self, numbered_lines, seen: dict[str, int]) -> Iterator:
        """The valid records of these (line number, line) pairs; `seen` holds the ids read so far, by line."""
        kind = self.kind
        for number, line in numbered_lines:
            if number == 1 and line.startswith(_BOM):
                line = line[len(_BOM):]
            if not line.strip():
                continue
            try:
                record = parse(kind, line)
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


def _note_ids(seen: dict[str, int], ids: list[str], first: int) -> None:
    """Notes the ids of lines first, first + 1, ... in `seen`, in one pass over the big dict; RecordError
    (and `seen` as it was) if any of them was seen before or repeats."""
    before = len(seen)
    lines = range(first, first + len(ids))
    noted = list(map(seen.setdefault, ids, lines))
    if len(seen) != before + len(ids):
        for id_, line, number in zip(ids, noted, lines):
            if line == number:  # new here: taken out again
                del seen[id_]
        raise RecordError("id", "duplicate id")


def _seeker_batch(lines: list[_SeekerLine]) -> SeekerBatch:
    """What _seeker builds, for many decoded lines at once: each check over a whole column, and the few
    records that need more (a township's centre, ids as numbers, blank skills) done one by one. RecordError
    (naming no line) when any record breaks a check; then the block goes line by line."""
    (ids, township, lat, lon, commute, remote_ok, abilities, needs, required, skills, wage,
     hours) = (list(map(attrgetter(name), lines)) for name in _SeekerLine.__struct_fields__)
    try:
        ids = list(map(str.strip, ids))
    except TypeError:  # ids written as numbers
        ids = [checked_id(i, "id") for i in ids]
    if not 0 < min(map(len, ids)) <= max(map(len, ids)) <= MAX_ID_LENGTH:
        raise RecordError("id", "blank or too long")
    missing = _nones(lat)
    if missing != _nones(lon):
        raise RecordError("lat", "lat and lon go together")
    if missing:  # the township's centre (records.location), known for every one of them
        centres = list(map(geo.townships().get, [township[i] or "" for i in missing]))
        if None in centres:
            raise RecordError("township", "no lat/lon and no known township")
        for i, (la, lo) in zip(missing, centres):
            lat[i], lon[i] = la, lo
    if None in needs:
        needs = [n or _NONE for n in needs]
    if None in required:
        required = [r or _NONE for r in required]
    if any(required) and not all(map(frozenset.issubset, required, needs)):
        raise RecordError("needs_required", "not listed in needs")
    if None in skills or not all(map(str.strip, chain.from_iterable(skills))):
        skills = list(map(_skills, skills))
    if None in commute:
        commute = [DEFAULT_MAX_COMMUTE_KM if c is None else c for c in commute]
    if None in remote_ok:
        remote_ok = [r is True for r in remote_ok]
    items = (map(astuple, abilities) if None not in abilities else
             (_NOTHING if a is None else astuple(a) for a in abilities))
    return SeekerBatch(id=ids, abilities=list(chain.from_iterable(items)), lat=lat, lon=lon, township=township,
                       max_commute_km=commute, remote_ok=remote_ok, needs=needs, needs_required=required,
                       skills=skills, desired_wage=wage, hours_per_week=hours)


def _nones(values: list) -> list[int]:
    """The indexes of None in values, by list.index (a C loop) from one to the next."""
    out = []
    try:
        while True:
            out.append(values.index(None, out[-1] + 1 if out else 0))
    except ValueError:
        return out


def _loads(line: str):
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise RecordError("(json)", f"not JSON: {e.msg} at column {e.colno}") from None


def write(path, dicts) -> int:
    """Writes one JSON object a line (UTF-8, Chinese as is); returns the count."""
    count = 0
    with open(path, "wb") as f:
        for d in dicts:
            f.write(_encode(d))
            f.write(b"\n")
            count += 1
    return count


def lines(dicts) -> tuple[bytes, int]:
    """The JSON Lines that `write` writes for these objects, as one piece of bytes, and their count."""
    out = list(map(_encode, dicts))
    out.append(b"")
    return b"\n".join(out), len(out) - 1

