"""Seekers and positions as exchange-format dicts (see shared/exchange-format.md), checked field by field.

`Seeker.from_dict` and `Position.from_dict` raise `RecordError` naming the field ("abilities.vision",
"lat", "needs_required[1]") so that the web app can point at the form field and the CLI at the line.
Treat the records as read-only (make a changed one with dataclasses.replace): they are not frozen only
because frozen dataclasses are slower to build, which a million-seeker load would feel.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from itertools import chain
from operator import attrgetter, itemgetter

from . import geo
from .profile import ABILITY_KEYS, ACCOMMODATION_KEYS, SCALE_MAX, SCALE_MIN

#: a seeker who states no maximum commute is taken to go about as far as across the district
DEFAULT_MAX_COMMUTE_KM = 20.0
MAX_ID_LENGTH = 64
#: the ranges of the numbers of the exchange format (jsonl's typed schemas use the same)
RANGES = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0), "max_commute_km": (0, 1000), "wage": (0, 1e7),
          "desired_wage": (0, 1e7), "hours_per_week": (0, 168), "openings": (0, 100000)}
N_ITEMS = len(ABILITY_KEYS)
_ABILITY_INDEX = {k: i for i, k in enumerate(ABILITY_KEYS)}
_ACCOMMODATIONS = frozenset(ACCOMMODATION_KEYS)
_SCALE = frozenset(range(SCALE_MIN, SCALE_MAX + 1))
_SCALE_OR_NONE = _SCALE | {None}
_ZEROS = dict.fromkeys(ABILITY_KEYS, 0)
_IN_ORDER = itemgetter(*ABILITY_KEYS)
#: JSON numbers (type(), not isinstance: true and false are not numbers here)
_NUMBER = frozenset((int, float))


class RecordError(ValueError):
    """A record breaks the exchange format; `field` names the offending field."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(slots=True)
class Seeker:
    id: str
    #: one 0-5 value per key of profile.ABILITY_KEYS, in that order (an item left out is 0), or None for an
    #: item not assessed
    abilities: tuple[int | None, ...]
    lat: float
    lon: float
    township: str | None = None
    max_commute_km: float = DEFAULT_MAX_COMMUTE_KM
    remote_ok: bool = False
    needs: frozenset[str] = frozenset()
    needs_required: frozenset[str] = frozenset()
    skills: tuple[str, ...] = ()
    desired_wage: float | None = None
    hours_per_week: float | None = None
    xyz: tuple[float, float, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        self.xyz = geo.unit_vector(self.lat, self.lon)

    @classmethod
    def from_dict(cls, d: dict) -> "Seeker":
        if not isinstance(d, dict):
            raise RecordError("(record)", "must be a JSON object")
        needs = _keys(d.get("needs"), "needs", _ACCOMMODATIONS, "accommodation")
        required = _keys(d.get("needs_required"), "needs_required", _ACCOMMODATIONS, "accommodation")
        if not required <= needs:
            raise RecordError("needs_required", f"{sorted(required - needs)} not listed in needs")
        lat, lon, township = location(_text(d.get("township"), "township"), d.get("lat"), d.get("lon"), required=True)
        return cls(
            id=checked_id(d.get("id"), "id"),
            abilities=_scores(d.get("abilities"), "abilities", allow_none=True),
            lat=lat,
            lon=lon,
            township=township,
            max_commute_km=_number(d.get("max_commute_km"), "max_commute_km", DEFAULT_MAX_COMMUTE_KM),
            remote_ok=_bool(d.get("remote_ok"), "remote_ok"),
            needs=needs,
            needs_required=required,
            skills=_strings(d.get("skills"), "skills"),
            desired_wage=_number(d.get("desired_wage"), "desired_wage", None),
            hours_per_week=_number(d.get("hours_per_week"), "hours_per_week", None),
        )

    def to_dict(self) -> dict:
        d = {"id": self.id, "township": self.township, "lat": self.lat, "lon": self.lon,
             "max_commute_km": self.max_commute_km, "remote_ok": self.remote_ok,
             "abilities": {k: v for k, v in zip(ABILITY_KEYS, self.abilities) if v != 0},
             "needs": sorted(self.needs), "needs_required": sorted(self.needs_required),
             "skills": list(self.skills), "desired_wage": self.desired_wage, "hours_per_week": self.hours_per_week}
        return {k: v for k, v in d.items() if v is not None}


@dataclass(slots=True)
class SeekerBatch:
    """Many seekers as columns, one list per field of Seeker (the same names and values, None kept; the
    abilities flat): what the engine stores, built for a file without a Seeker per line (jsonl.Reader.batches)."""

    id: list[str]
    #: the records' abilities one after another, N_ITEMS values each (kept flat: no tuple per record)
    abilities: list[int | None]
    lat: list[float]
    lon: list[float]
    township: list[str | None]
    max_commute_km: list[float]
    remote_ok: list[bool]
    needs: list[frozenset[str]]
    needs_required: list[frozenset[str]]
    #: each record's skills, blank ones left out (lists or tuples)
    skills: list[Sequence[str]]
    desired_wage: list[float | None]
    hours_per_week: list[float | None]

    def __len__(self) -> int:
        return len(self.id)

    @classmethod
    def of(cls, seekers: list) -> "SeekerBatch":
        """The columns of these seekers (dicts are validated; RecordError names the field)."""
        seekers = [s if isinstance(s, Seeker) else Seeker.from_dict(s) for s in seekers]
        columns = {f.name: list(map(attrgetter(f.name), seekers)) for f in fields(cls)}
        return cls(**columns | {"abilities": list(chain.from_iterable(columns["abilities"]))})

    def take(self, indexes: list[int]) -> "SeekerBatch":
        """The records at these indexes, in that order."""
        columns = {f.name: list(map(getattr(self, f.name).__getitem__, indexes)) for f in fields(self)}
        items = self.abilities
        columns["abilities"] = [items[N_ITEMS * i + k] for i in indexes for k in range(N_ITEMS)]
        return SeekerBatch(**columns)


@dataclass(slots=True)
class Position:
    id: str
    #: one 0-5 demand per key of profile.ABILITY_KEYS, in that order (an item left out is 0)
    demands: tuple[int, ...]
    #: None only for a remote position without a workplace
    lat: float | None
    lon: float | None
    township: str | None = None
    employer_id: str | None = None
    title: str | None = None
    remote: bool = False
    openings: int = 1
    essential: frozenset[str] = frozenset()
    #: accommodations offered; a remote position always offers remote_work
    offers: frozenset[str] = frozenset()
    skills: tuple[str, ...] = ()
    wage: float | None = None
    hours_per_week: float | None = None
    xyz: tuple[float, float, float] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.remote and "remote_work" not in self.offers:
            self.offers = self.offers | {"remote_work"}
        self.xyz = None if self.lat is None else geo.unit_vector(self.lat, self.lon)

    @classmethod
    def from_dict(cls, d: dict) -> "Position":
        if not isinstance(d, dict):
            raise RecordError("(record)", "must be a JSON object")
        remote = _bool(d.get("remote"), "remote")
        lat, lon, township = location(_text(d.get("township"), "township"), d.get("lat"), d.get("lon"),
                                      required=not remote)
        return cls(
            id=checked_id(d.get("id"), "id"),
            demands=_scores(d.get("demands"), "demands"),
            lat=lat,
            lon=lon,
            township=township,
            employer_id=None if d.get("employer_id") is None else checked_id(d.get("employer_id"), "employer_id"),
            title=_text(d.get("title"), "title"),
            remote=remote,
            openings=int(_number(d.get("openings"), "openings", 1, integer=True)),
            essential=_keys(d.get("essential"), "essential", _ABILITY_INDEX, "ability"),
            offers=_keys(d.get("offers"), "offers", _ACCOMMODATIONS, "accommodation"),
            skills=_strings(d.get("skills"), "skills"),
            wage=_number(d.get("wage"), "wage", None),
            hours_per_week=_number(d.get("hours_per_week"), "hours_per_week", None),
        )

    def to_dict(self) -> dict:
        d = {"id": self.id, "employer_id": self.employer_id, "title": self.title, "township": self.township,
             "lat": self.lat, "lon": self.lon, "remote": self.remote, "openings": self.openings,
             "demands": {k: v for k, v in zip(ABILITY_KEYS, self.demands) if v},
             "essential": sorted(self.essential, key=_ABILITY_INDEX.get), "offers": sorted(self.offers),
             "skills": list(self.skills), "wage": self.wage, "hours_per_week": self.hours_per_week}
        return {k: v for k, v in d.items() if v is not None}


def checked_id(value, name: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise RecordError(name, "missing" if value is None else "must be a string")
    value = str(value).strip()
    if not value or len(value) > MAX_ID_LENGTH:
        raise RecordError(name, f"must be 1 to {MAX_ID_LENGTH} characters")
    return value


def _scores(value, name: str, allow_none: bool = False) -> tuple[int | None, ...]:
    """One value per ability key (left out: 0); None (not assessed) only where allow_none."""
    if value is None:
        return tuple([0] * len(ABILITY_KEYS))
    if not isinstance(value, dict):
        raise RecordError(name, "must be an object of ability key -> 0-5")
    # the common case in a few C-level operations (no unknown key leaves exactly the 24 keys); the loop
    # below only runs to name what is wrong
    merged = _ZEROS | value
    if len(merged) == len(_ZEROS):
        found = _IN_ORDER(merged)
        if allow_none:
            if set(map(type, found)) <= {int, type(None)} and set(found) <= _SCALE_OR_NONE:
                return found
        elif set(map(type, found)) == {int} and set(found) <= _SCALE:
            return found
    scores = [0] * len(ABILITY_KEYS)
    for key, v in value.items():
        i = _ABILITY_INDEX.get(key)
        if i is None:
            raise RecordError(f"{name}.{key}", "unknown ability key")
        if v is None:
            if not allow_none:
                raise RecordError(f"{name}.{key}", f"null is not allowed here: an integer {SCALE_MIN}-{SCALE_MAX}")
            scores[i] = None
            continue
        if type(v) is not int:
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            else:
                raise RecordError(f"{name}.{key}", f"{v!r} is not an integer {SCALE_MIN}-{SCALE_MAX}")
        if not SCALE_MIN <= v <= SCALE_MAX:
            raise RecordError(f"{name}.{key}", f"{v} is outside {SCALE_MIN}-{SCALE_MAX}")
        scores[i] = v
    return tuple(scores)


def _keys(value, name: str, allowed, kind: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if type(value) is not list:
        raise RecordError(name, f"must be a list of {kind} keys")
    for i, key in enumerate(value):
        if type(key) is not str or key not in allowed:
            raise RecordError(f"{name}[{i}]", f"unknown {kind} key {key!r}")
    return frozenset(value)


def _strings(value, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RecordError(name, "must be a list of strings")
    if set(map(type, value)) <= {str}:
        return tuple([s for s in value if s.strip()])
    for i, s in enumerate(value):
        if not isinstance(s, str):
            raise RecordError(f"{name}[{i}]", "must be a string")
    return tuple(s for s in value if s.strip())


def _text(value, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise RecordError(name, "must be a string")
    return value


def _bool(value, name: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RecordError(name, "must be true or false")
    return value


def _number(value, name, default, integer=False):
    low, high = RANGES[name]
    if value is None:
        return default
    if type(value) not in _NUMBER or not math.isfinite(value):
        raise RecordError(name, f"{value!r} is not a number")
    if integer and value != int(value):
        raise RecordError(name, f"{value!r} is not a whole number")
    if not low <= value <= high:
        raise RecordError(name, f"{value} is outside {low}-{high:g}")
    return float(value) if not integer else value


def location(township: str | None, lat, lon, required: bool) -> tuple[float | None, float | None, str | None]:
    """(lat, lon, township): the coordinates given, or the township's centre when there are none."""
    if lat is None and lon is None:
        centre = geo.townships().get(township) if township else None
        if centre is not None:
            return centre[0], centre[1], township
        if required and township:
            raise RecordError("township", f"unknown township {township!r} and no lat/lon")
        if required:
            raise RecordError("lat", "lat/lon or a known township needed")
        return None, None, township
    for name, v in (("lat", lat), ("lon", lon)):
        limit = RANGES[name][1]
        if v is None:
            raise RecordError(name, "missing (lat and lon go together)")
        if type(v) not in _NUMBER or not math.isfinite(v) or not -limit <= v <= limit:
            raise RecordError(name, f"{v!r} is not a coordinate in -{limit:g}..{limit:g}")
    return float(lat), float(lon), township
