"""The matching engine: every seeker and position as numpy columns, queries in a few array operations.

The rules are those of rules.py, computed for many rows at once, the cheap ones first:
- the commute is a float32 chord test on every row, then the exact distance on the rows left; required
  needs are 12-bit masks;
- a seeker's 24 abilities (0-5, or 6 for not assessed) are stored six to an integer code; for one position
  each six items become one table of unmet half levels (343 x 343 entries), so the abilities of a row cost
  four look-ups;
- a position's items are stored as states (demand, essential, the largest offered lift, moot when working
  from home), two to a code, so one seeker against 100,000 positions is twelve look-ups a row;
- skills of the vocabulary are bits (a popcount matches them); other spellings are ids in slots.
Scores are compared as integers (the score at 4 decimals) with ties broken by id, and upsert/remove
write one row, so that a web worker can keep one engine current without rebuilding it.
"""

import gc
import math
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain, islice
from typing import NamedTuple

import numpy as np

from . import geo, jsonl, rules
from .profile import ABILITY_KEYS, ACCOMMODATION_KEYS, PREMISES
from .reasons import Match, explain, explain_pair, gains_of
from .records import Position, Seeker, SeekerBatch
from .skills import SkillMapper
from .store import Store

N_ITEMS = len(ABILITY_KEYS)
#: a seeker's item is 0-5 or _UNKNOWN (not assessed), stored six to a code: two triples, each a0*49 + a1*7 + a2
_UNKNOWN = 6
_LEVELS = 7
N_SIXES = N_ITEMS // 6
_SIX_PLACES = np.array([_LEVELS**p for p in range(5, -1, -1)], np.intp)
_LEVEL_BACK = tuple(range(_UNKNOWN)) + (None,)
#: a position's item state: demand + 6 * essential + 12 * lift + _MOOT * (moot when working from home)
_LIFT = 12
_MOOT = _LIFT * (rules.MAX_LIFT + 1)
N_STATES = 2 * _MOOT
_BIT = {k: 1 << i for i, k in enumerate(ACCOMMODATION_KEYS)}
_ALL_BITS = (1 << len(ACCOMMODATION_KEYS)) - 1
_REMOTE = _BIT["remote_work"]
_PREMISES = sum(_BIT[a] for a in PREMISES)
_WORD = (1 << 64) - 1
#: below this many allowed seekers a position's candidates are all scored; above it, those who cannot make its
#: top k are left out by a bound first (Engine._prune), probing _PROBE x k of them for the key to beat
_PRUNE_FROM = 4096
_PROBE = 4
#: above this many seeker rows, a position's candidates are found in one slice of the rows per core
_SPLIT_FROM = 100_000
#: the cores this process may run on (the batch command line shares its work among as many processes)
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
_POOL: ThreadPoolExecutor | None = None

_POPCOUNT = np.array([bin(m).count("1") for m in range(1 << len(ACCOMMODATION_KEYS))], np.int64)

# -- the vectorised rules ------------------------------------------------------------------------------


class Pairs(NamedTuple):
    """Engine.pairs: the pairs the rules allow, as arrays (kept indexes the pairs asked for)."""

    kept: np.ndarray
    srows: np.ndarray
    prows: np.ndarray
    keys: np.ndarray
    fits: tuple[np.ndarray, ...]
    #: half levels of demand met, and demanded, over the items that apply
    met: np.ndarray
    demanded: np.ndarray
    km: np.ndarray
    at_home: np.ndarray
    skills_matched: np.ndarray
    skills_wanted: np.ndarray
    #: accommodations needed and not offered, as bits of ACCOMMODATION_KEYS
    needs_unmet: np.ndarray


def _mask(keys) -> int:
    m = 0
    for k in keys:
        m |= _BIT[k]
    return m


class _Masks(dict):
    """frozenset of keys -> _mask, computed once per distinct set: seekers share few sets of needs."""

    def __missing__(self, keys: frozenset[str]) -> int:
        mask = self[keys] = _mask(keys)
        return mask


_MASKS = _Masks()


def _keys(mask: int) -> frozenset[str]:
    return frozenset(k for k in ACCOMMODATION_KEYS if mask & _BIT[k])


@lru_cache(maxsize=4096)
def _key_set(mask: int) -> frozenset[str]:
    """_keys, kept: seekers share few sets of needs."""
    return _keys(mask)


def _unmet(ability: int, state: int, at_home: bool) -> int:
    """Half levels of demand an item in `state` leaves unmet for an ability 0-5 or _UNKNOWN (rules.item_met),
    or rules.RULED_OUT; 0 for an item that does not apply."""
    demand = state % 6
    if not demand or (at_home and state >= _MOOT):
        return 0
    met = rules.item_met(None if ability == _UNKNOWN else ability, demand, bool(state // 6 % 2),
                         state // _LIFT % (rules.MAX_LIFT + 1))
    return met if met == rules.RULED_OUT else 2 * demand - met


def _item_states(position: Position) -> list[int]:
    offers = position.offers
    home = "remote_work" in offers
    levels = rules.lift_levels(offers)
    return [d + 6 * (key in position.essential) + _LIFT * levels[i]
            + _MOOT * (home and i in rules.MOOT_ITEMS) for i, (key, d) in enumerate(zip(ABILITY_KEYS, position.demands))]


def _wage_fit(wage, desired):
    """rules.wage_fit for many pairs: the same operations in the same order."""
    with np.errstate(all="ignore"):
        ratio = wage / desired
        above = np.minimum(1.0, rules.AT_WISH + (1.0 - rules.AT_WISH) * (ratio - 1.0) / rules.PAY_HEADROOM)
        below = np.maximum(0.0, rules.AT_WISH * (2.0 * ratio - 1.0))
    f = np.where(ratio >= 1.0, above, below)
    f = np.where(np.isnan(wage), 0.5, f)
    return np.where(np.isnan(desired) | (desired == 0), 1.0, f)


def _hours_fit(hours, wished):
    with np.errstate(all="ignore"):
        over = np.maximum(0.0, 1.0 - (hours - wished) / 20.0)
        under = np.maximum(0.0, 1.0 - (wished - hours) / 40.0)
    f = np.where(hours > wished, over, under)
    return np.where(np.isnan(hours) | np.isnan(wished), 1.0, f)


def _hours_fit_of(hours: float, wished: np.ndarray) -> np.ndarray:
    """_hours_fit for one position's hours against many wishes, by the rows where they differ."""
    f = np.ones(len(wished))
    if math.isnan(hours):
        return f
    over = np.flatnonzero(wished < hours)
    f[over] = np.maximum(0.0, 1.0 - (hours - wished[over]) / 20.0)
    under = np.flatnonzero(wished > hours)
    f[under] = np.maximum(0.0, 1.0 - (wished[under] - hours) / 40.0)
    return f


def _nan(v):
    return np.nan if v is None else v


def _opt(v) -> float | None:
    return None if math.isnan(v) else float(v)


class _Strings:
    """Interned strings (skill spellings, townships, employers) stored as int ids in the columns."""

    def __init__(self):
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def id(self, s: str | None) -> int:
        if s is None:
            return -1
        i = self._index.get(s)
        if i is None:
            i = self._index[s] = len(self.items)
            self.items.append(s)
        return i

    def ids(self, strings: list[str | None]) -> list[int]:
        """id() of many strings, each distinct one looked up once (a column repeats few)."""
        found = {s: self.id(s) for s in set(strings)}
        return list(map(found.__getitem__, strings))

    def get(self, i: int) -> str | None:
        return None if i < 0 else self.items[i]


class _Spellings:
    """Skill spellings mapped once each: per spelling a row of its string id (raw), its vocabulary skills as
    bits, and the ids + 1 of its other skills, kept as arrays so that many records gather theirs at once."""

    def __init__(self, engine: "Engine", words: int, expand: bool):
        self.engine, self.words, self.expand = engine, words, expand
        self.row: dict[str, int] = {}
        self.others: list[tuple[int, ...]] = []
        self.raw = np.zeros(0, np.int32)
        self.bits = np.zeros((0, words), np.uint64)
        self.has_others = np.zeros(0, bool)

    def rows(self, texts: list[str]) -> np.ndarray:
        """The rows of these spellings, mapping the new ones first."""
        found = list(map(self.row.get, texts))
        if None in found:
            missing = [i for i, r in enumerate(found) if r is None]
            self._add(list(dict.fromkeys(texts[i] for i in missing)))
            for i in missing:
                found[i] = self.row[texts[i]]
        return np.array(found, np.intp)

    def _add(self, texts: list[str]) -> None:
        mapper = self.engine.mapper
        vocabulary = len(mapper.vocabulary)
        masks = []
        for text in texts:
            ids = mapper.map(text)
            if self.expand:
                ids = mapper.expand(ids)
            self.row[text] = len(self.others)
            masks.append(sum(1 << i for i in ids if i < vocabulary))
            self.others.append(tuple(i + 1 for i in ids if i >= vocabulary))
        self.raw = np.concatenate([self.raw, np.array([self.engine._strings.id(t) for t in texts], np.int32)])
        self.bits = np.concatenate([self.bits, np.array([[m >> (64 * w) & _WORD for w in range(self.words)]
                                                         for m in masks], np.uint64).reshape(-1, self.words)])
        self.has_others = np.concatenate([self.has_others, [bool(o) for o in self.others[-len(texts):]]])


class Engine:
    """Seekers and positions in memory, ranked both ways by the rules of rules.py."""

    def __init__(self, weights=None, mapper: SkillMapper | None = None, capacity: int = 1024):
        self.weights = rules.Weights(rules.DEFAULT_WEIGHTS if weights is None else weights)
        self.mapper = mapper or SkillMapper()
        self._strings = _Strings()
        words = -(-len(self.mapper.vocabulary) // 64)
        #: each distinct spelling mapped once (seekers' with the skills they imply)
        self._seeker_spellings = _Spellings(self, words, expand=True)
        self._position_spellings = _Spellings(self, words, expand=False)
        self._s = Store({
            "codes": (np.int32, (N_SIXES,), 0),  # below 7**6: half the bytes of intp to gather
            "needs": (np.int16, (), 0), "required": (np.int16, (), 0),  # 12 bits: a quarter of the bytes to scan
            "latlon": (np.float64, (2,), np.nan), "xyz": (np.float64, (3,), np.nan),
            "xyz32": (np.float32, (3,), np.nan),
            "commute": (np.float64, (), 0.0), "commute_c2": (np.float32, (), -1.0),
            "remote_ok": (bool, (), False),
            "wage": (np.float64, (), np.nan), "hours": (np.float64, (), np.nan),
            # skill ids (with the skills they imply): vocabulary ids as bits, other spellings' ids + 1 in slots
            "skill_bits": (np.uint64, (words,), 0), "skills": (np.int64, (1,), 0),
            "raw": (np.int32, (4,), -1),  # the spellings as given
            "township": (np.int32, (), -1),
        }, capacity)
        self._p = Store({
            "state": (np.intp, (N_ITEMS // 2,), 0),
            # half levels demanded over the items that apply: away, and when working from home
            "demanded": (np.int64, (2,), 0),
            "offers": (np.int64, (), 0), "remote": (bool, (), False), "essential": (np.int64, (), 0),
            "latlon": (np.float64, (2,), np.nan), "xyz": (np.float64, (3,), np.nan),
            "xyz32": (np.float32, (3,), np.nan),
            "wage": (np.float64, (), np.nan), "hours": (np.float64, (), np.nan),
            "skill_bits": (np.uint64, (words,), 0), "skills": (np.int64, (1,), 0), "n_skills": (np.int64, (), 0),
            "raw": (np.int32, (4,), -1),
            "township": (np.int32, (), -1), "employer": (np.int32, (), -1), "title": (np.int32, (), -1),
            "openings": (np.int64, (), 0),
        }, 256)

    # -- loading -----------------------------------------------------------------------------------

    @classmethod
    def from_records(cls, seekers: Iterable = (), positions: Iterable = (), **kwargs) -> "Engine":
        engine = cls(**kwargs)
        engine.add_seekers(seekers)
        engine.add_positions(positions)
        return engine

    @property
    def n_seekers(self) -> int:
        return len(self._s)

    @property
    def n_positions(self) -> int:
        return len(self._p)

    def seeker_ids(self) -> list[str]:
        return sorted(self._s.row)

    def position_ids(self) -> list[str]:
        return sorted(self._p.row)

    def upsert_seeker(self, seeker: Seeker | dict) -> None:
        self.add_seekers([seeker])

    def upsert_position(self, position: Position | dict) -> None:
        self.add_positions([position])

    def remove_seeker(self, seeker_id: str) -> bool:
        return self._s.remove(seeker_id) is not None

    def remove_position(self, position_id: str) -> bool:
        return self._p.remove(position_id) is not None

    def add_seekers(self, seekers: "Iterable[Seeker | dict] | SeekerBatch | jsonl.Reader", chunk: int = 20_000,
                    progress: Callable[[int], object] | None = None) -> int:
        """Insert or replace seekers (dicts are validated; RecordError names the field); returns the count. A
        jsonl.Reader of seekers is read in batches of columns (Reader.batches), without a Seeker per line.
        progress, if given, is called with the count of each chunk stored (a progress bar's update)."""
        if isinstance(seekers, SeekerBatch):
            seekers = (seekers,)
        elif isinstance(seekers, jsonl.Reader):
            seekers = seekers.batches(chunk)
        else:
            return _in_chunks(lambda records: self._add_seekers(SeekerBatch.of(records)), seekers, chunk, progress)
        count = 0
        with _collector_paused():
            for batch in seekers:
                self._add_seekers(batch)
                count += len(batch)
                if progress:
                    progress(len(batch))
        return count

    def add_positions(self, positions: Iterable[Position | dict], chunk: int = 20_000,
                      progress: Callable[[int], object] | None = None) -> int:
        """Insert or replace positions (dicts are validated; RecordError names the field); returns the count."""
        return _in_chunks(self._add_positions, positions, chunk, progress)

    def _add_seekers(self, batch: SeekerBatch) -> None:
        ids = batch.id
        if len(set(ids)) != len(ids):  # the later record of an id replaces the earlier, as upserts in turn would
            batch = batch.take(list({id_: i for i, id_ in enumerate(ids)}.values()))
            ids = batch.id
        bits, skills, raw = self._skill_columns(batch.skills, expand=True)
        S = self._s
        S.widen("skills", skills.shape[1])
        S.widen("raw", raw.shape[1])
        rows = S.rows_for(ids)
        S["codes"][:, rows] = _codes(batch.abilities).T
        S["needs"][rows] = list(map(_MASKS.__getitem__, batch.needs))
        S["required"][rows] = list(map(_MASKS.__getitem__, batch.needs_required))
        S["latlon"][0, rows] = batch.lat
        S["latlon"][1, rows] = batch.lon
        # math's trig as geo.unit_vector (not numpy's), so that the reference per-pair loop agrees to the bit
        S["xyz"][:, rows] = S["xyz32"][:, rows] = np.array(geo.unit_vectors(batch.lat, batch.lon))
        commute = np.array(batch.max_commute_km, np.float64)
        S["commute"][rows] = commute
        S["commute_c2"][rows] = _prefilter_limit(commute)
        S["remote_ok"][rows] = batch.remote_ok
        S["wage"][rows] = np.array(batch.desired_wage, np.float64)  # None -> nan
        S["hours"][rows] = np.array(batch.hours_per_week, np.float64)
        S["skill_bits"][:, rows] = bits.T
        S["skills"][:, rows] = 0
        S["skills"][: skills.shape[1], rows] = skills.T
        S["raw"][:, rows] = -1
        S["raw"][: raw.shape[1], rows] = raw.T
        S["township"][rows] = self._strings.ids(batch.township)

    def _add_positions(self, positions: list) -> None:
        positions = [p if isinstance(p, Position) else Position.from_dict(p) for p in positions]
        ids = [p.id for p in positions]
        if len(set(ids)) != len(ids):  # the later record of an id replaces the earlier, as upserts in turn would
            positions = list({p.id: p for p in positions}.values())
            ids = [p.id for p in positions]
        bits, skills, raw = self._skill_columns([p.skills for p in positions], expand=False)
        P = self._p
        P.widen("skills", skills.shape[1])
        P.widen("raw", raw.shape[1])
        rows = P.rows_for(ids)
        for j, p in enumerate(positions):
            r = rows[j]
            offers = _mask(p.offers)
            states = _item_states(p)
            P["state"][:, r] = [a * N_STATES + b for a, b in zip(states[0::2], states[1::2])]
            P["demanded"][:, r] = (2 * sum(s % 6 for s in states), 2 * sum(s % 6 for s in states if s < _MOOT))
            P["offers"][r] = offers
            P["essential"][r] = sum(1 << i for i, k in enumerate(ABILITY_KEYS) if k in p.essential)
            P["remote"][r] = p.remote
            P["latlon"][:, r] = (_nan(p.lat), _nan(p.lon))
            P["xyz"][:, r] = P["xyz32"][:, r] = p.xyz if p.xyz is not None else (np.nan,) * 3
            P["wage"][r] = _nan(p.wage)
            P["hours"][r] = _nan(p.hours_per_week)
            P["skill_bits"][:, r] = bits[j]
            P["skills"][:, r] = 0
            P["skills"][: skills.shape[1], r] = skills[j]
            P["n_skills"][r] = int(np.bitwise_count(bits[j]).sum()) + np.count_nonzero(skills[j])
            P["raw"][:, r] = -1
            P["raw"][: raw.shape[1], r] = raw[j]
            P["township"][r] = self._strings.id(p.township)
            P["employer"][r] = self._strings.id(p.employer_id)
            P["title"][r] = self._strings.id(p.title)
            P["openings"][r] = p.openings

    def _skill_columns(self, lists, expand: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per record: its vocabulary skills as bits (n x words), its other skills' ids + 1 (0-padded) and
        its spellings' string ids (-1-padded); seekers' skills with the skills they imply. Each distinct
        spelling is mapped once (_Spellings); the records' columns are gathered from its rows in numpy."""
        spellings = self._seeker_spellings if expand else self._position_spellings
        n = len(lists)
        counts = np.fromiter(map(len, lists), np.intp, n)
        index = spellings.rows(list(chain.from_iterable(lists)))
        owner = np.repeat(np.arange(n), counts)
        slot = np.arange(len(index)) - np.repeat(np.cumsum(counts) - counts, counts)
        bits = np.zeros((n, spellings.bits.shape[1]), np.uint64)
        np.bitwise_or.at(bits, owner, spellings.bits[index])
        raw = np.full((n, max(1, int(counts.max(initial=0)))), -1, np.int32)
        raw[owner, slot] = spellings.raw[index]
        # other skills (spellings outside the vocabulary) are few: gathered record by record
        with_others = np.unique(owner[spellings.has_others[index]])
        found = [sorted({i for t in lists[r] for i in spellings.others[spellings.row[t]]}) for r in with_others]
        skills = np.zeros((n, max(1, max(map(len, found), default=0))), np.int64)
        for r, ids in zip(with_others, found):
            skills[r, : len(ids)] = ids
        return bits, skills, raw

    # -- reading back --------------------------------------------------------------------------------

    def seeker(self, seeker_id: str) -> Seeker:
        """The seeker as stored (KeyError if unknown)."""
        return self._seekers_at([self._s.row[seeker_id]])[0]

    def _seekers_at(self, rows: list[int]) -> list[Seeker]:
        """The seekers of these rows as stored, their columns read in numpy at once."""
        S = self._s
        rows = np.asarray(rows, np.intp)
        levels = (S["codes"][:, rows][:, None, :] // _SIX_PLACES[None, :, None] % _LEVELS).reshape(N_ITEMS, -1).T
        strings = self._strings
        out = []
        for id_, abilities, (lat, lon), township, commute, remote_ok, needs, required, raw, wage, hours in zip(
                S.ids[rows].tolist(), levels.tolist(), S["latlon"][:, rows].T.tolist(), S["township"][rows].tolist(),
                S["commute"][rows].tolist(), S["remote_ok"][rows].tolist(), S["needs"][rows].tolist(),
                S["required"][rows].tolist(), S["raw"][:, rows].T.tolist(), S["wage"][rows].tolist(),
                S["hours"][rows].tolist()):
            out.append(Seeker(
                id=str(id_), abilities=tuple(map(_LEVEL_BACK.__getitem__, abilities)), lat=lat, lon=lon,
                township=strings.get(township), max_commute_km=commute, remote_ok=remote_ok, needs=_key_set(needs),
                needs_required=_key_set(required), skills=tuple(strings.items[i] for i in raw if i >= 0),
                desired_wage=None if math.isnan(wage) else wage, hours_per_week=None if math.isnan(hours) else hours))
        return out

    def position(self, position_id: str) -> Position:
        """The position as stored (KeyError if unknown)."""
        P, r = self._p, self._p.row[position_id]
        lat = _opt(P["latlon"][0, r])
        return Position(
            id=position_id, demands=tuple(s % 6 for s in _states(P["state"][:, r])), lat=lat,
            lon=None if lat is None else float(P["latlon"][1, r]),
            township=self._strings.get(int(P["township"][r])),
            employer_id=self._strings.get(int(P["employer"][r])), title=self._strings.get(int(P["title"][r])),
            remote=bool(P["remote"][r]), openings=int(P["openings"][r]),
            essential=frozenset(k for i, k in enumerate(ABILITY_KEYS) if int(P["essential"][r]) >> i & 1),
            offers=_keys(int(P["offers"][r])),
            skills=tuple(self._strings.items[i] for i in P["raw"][:, r] if i >= 0),
            wage=_opt(P["wage"][r]), hours_per_week=_opt(P["hours"][r]),
        )

    def skill_sets(self, seeker_id: str, position_id: str) -> tuple[set[int], set[int]]:
        """Skill ids of a seeker (with what they imply) and of a position, as rules.assess takes them."""
        return self.seeker_skills(seeker_id), self.position_skills(position_id)

    def seeker_skills(self, seeker_id: str) -> set[int]:
        return _skill_set(self._s, self._s.row[seeker_id])

    def position_skills(self, position_id: str) -> set[int]:
        return _skill_set(self._p, self._p.row[position_id])

    def assess(self, seeker_id: str, position_id: str) -> rules.Pair:
        return rules.assess(self.seeker(seeker_id), self.position(position_id), *self.skill_sets(seeker_id, position_id))

    def explain(self, seeker_id: str, position_id: str, *, hints: bool = True) -> Match:
        """The full reasons for one pair, also when the rules rule it out (then score is None)."""
        return explain(self.seeker(seeker_id), self.position(position_id),
                       *self.skill_sets(seeker_id, position_id), self.weights, self.mapper, hints)

    # -- ranking -------------------------------------------------------------------------------------

    def rank_candidates(self, position_id: str, k: int = 50, *, among: Iterable[str] | None = None,
                        exclude: Iterable[str] = (), explain: bool = True, hints: bool = True) -> list[Match]:
        """The best k seekers for a position, best first, equal scores by seeker id; `among` limits them
        to these seeker ids (those who consented to be shown, a fair's attendees; unknown ids are ignored),
        `exclude` leaves these out (people already hired for the position)."""
        rows, keys = self.candidate_keys(self._p.row[position_id], best=k, only=_chosen(self._s, among, exclude))
        rows, keys = _top(rows, keys, self._s.ids, k)
        return self._matches([(self._s.ids[r], position_id) for r in rows], keys, explain, hints)

    def count_candidates(self, position_id: str) -> int:
        """How many seekers the rules allow for a position: the length of its whole ranking."""
        prow = self._p.row[position_id]
        return sum(len(part[0]) for part in _in_threads(lambda lo, hi: self._allowed_seekers(prow, None, lo, hi),
                                                         self._s.high))

    def rank_positions(self, seeker_id: str, k: int = 50, *, max_distance_km: float | None = None,
                       remote_only: bool = False, min_wage: float | None = None,
                       max_hours: float | None = None, among: Iterable[str] | None = None,
                       exclude: Iterable[str] = (), explain: bool = True, hints: bool = True) -> list[Match]:
        """The best k positions for a seeker, best first, equal scores by position id.

        Filters: workplace within max_distance_km (work from home always passes), only positions the
        seeker can do from home, at least min_wage, at most max_hours a week (unknown wage or hours fail),
        only the position ids `among` (a fair's positions, say), none of the position ids in `exclude` (the
        positions the seeker already holds).
        """
        rows, keys = self.position_keys(self._s.row[seeker_id], max_distance_km=max_distance_km,
                                        remote_only=remote_only, min_wage=min_wage, max_hours=max_hours)
        only = _chosen(self._p, among, exclude)
        if only is not None:
            keep = only[rows]
            rows, keys = rows[keep], keys[keep]
        rows, keys = _top(rows, keys, self._p.ids, k)
        return self._matches([(seeker_id, self._p.ids[r]) for r in rows], keys, explain, hints)

    def _matches(self, pairs, keys, with_reasons: bool, hints: bool) -> list[Match]:
        # one side of every pair is the same record: read it back from the columns once
        seekers, positions = {}, {}
        out = []
        for rank, ((sid, pid), key) in enumerate(zip(pairs, keys), 1):
            sid, pid = str(sid), str(pid)
            if with_reasons:
                if sid not in seekers:
                    seekers[sid] = self.seeker(sid), self.seeker_skills(sid)
                if pid not in positions:
                    positions[pid] = self.position(pid), self.position_skills(pid)
                (s, s_skills), (p, p_skills) = seekers[sid], positions[pid]
                m = explain(s, p, s_skills, p_skills, self.weights, self.mapper, hints)
                m.rank = rank
            else:
                m = Match(sid, pid, rank, int(key) / 10**rules.SCORE_DECIMALS, (), {})
            out.append(m)
        return out

    def positions_for_all(self, k: int = 10, *, explain: bool = True, hints: bool = False,
                          exclude: Iterable[tuple[str, str]] = (), seekers: slice = slice(None),
                          block: int = 256) -> Iterator[list[Match]]:
        """The best k positions for every seeker, seeker by seeker in id order: what rank_positions gives each
        (no filters), computed for `block` seekers at a time against every position, the reasons built from
        the same arrays. `exclude`: (seeker id, position id) pairs to leave out (positions held); `seekers`:
        which of them by their place in id order (a share of the work for one process)."""
        S, P = self._s, self._p
        s_rows = np.flatnonzero(S.alive[: S.high])
        s_rows = s_rows[np.argsort(S.ids[s_rows], kind="stable")][seekers]
        p_rows, p_order, _ = _id_order(P)
        scale = len(p_rows) + 1
        # a pair as one integer: seeker row x position capacity + position row
        left_out = np.array([S.row[sid] * P.capacity + P.row[pid] for sid, pid in exclude
                             if sid in S.row and pid in P.row], np.int64)
        explained = _Explained(self, hints) if explain else None
        unmet = self._unmet_matrices()
        for start in range(0, len(s_rows), block):
            srows = s_rows[start: start + block]
            units = self._unmet_matrix(srows, unmet)
            bi, pj = np.nonzero(self._near_positions(srows) & (units < rules.RULED_OUT))
            pairs = self.pairs(srows[bi], pj, units[bi, pj].astype(np.int64))
            # per seeker, each position's key and its place in id order in one integer: the k largest are the
            # k best, equal scores by id
            best = pairs.keys * scale + p_order[pairs.prows]
            owner, prows = bi[pairs.kept], pairs.prows
            if len(left_out):
                keep = ~np.isin(pairs.srows * P.capacity + prows, left_out)
                best, owner, prows = best[keep], owner[keep], prows[keep]
            # by seeker, best first, as one integer key (unique: best holds the position's place in id order), which
            # an unstable sort orders many times faster than lexsort
            span = int(best.max()) + 1 if len(best) else 1
            order = np.argsort(owner * span + (span - 1 - best))
            owner = owner[order]
            rank = np.arange(len(owner)) - np.searchsorted(owner, np.arange(len(srows)))[owner]
            top = np.flatnonzero(rank < k)
            b, chosen_p = owner[top], prows[order[top]]
            chosen = self.pairs(srows[b], chosen_p, units[b, chosen_p].astype(np.int64))
            matches = explained.matches(chosen) if explained else [
                Match(str(S.ids[s]), str(P.ids[p]), None, int(key) / 10**rules.SCORE_DECIMALS)
                for s, p, key in zip(chosen.srows, chosen.prows, chosen.keys)]
            ends = np.searchsorted(b, np.arange(1, len(srows) + 1))
            for i, end in enumerate(ends):
                own = matches[ends[i - 1] if i else 0: end]
                for r, m in enumerate(own, 1):
                    m.rank = r
                yield own

    def rank_all(self, k: int = 10, progress=None) -> tuple[dict, dict]:
        """Top k both ways for every seeker and position: ({seeker_id: [(position_id, score)]},
        {position_id: [(seeker_id, score)]}), best first, ties by id. `progress` wraps an iterable (tqdm)."""
        S, P = self._s, self._p
        s_rows, s_order, s_by_order = _id_order(S)
        p_rows, p_order, p_by_order = _id_order(P)
        ns, np_ = len(s_rows) + 1, len(p_rows) + 1
        scale = 10**rules.SCORE_DECIMALS
        best = np.full((S.high, k), -1, np.int64)  # per seeker: score key * np_ + position order
        candidates = {}
        batch = 256
        chunks = range(0, len(p_rows), batch)
        for start in progress(chunks) if progress else chunks:
            block = p_rows[start: start + batch]
            chunk = np.full((S.high, len(block) + k), -1, np.int64)
            chunk[:, :k] = best
            for j, pr in enumerate(block):
                rows, keys = self.candidate_keys(pr)
                chunk[rows, k + j] = keys * np_ + p_order[pr]
                combined = keys * ns + s_order[rows]
                if len(combined) > k:
                    combined = np.partition(combined, len(combined) - k)[-k:]
                combined = np.sort(combined)[::-1]
                candidates[str(P.ids[pr])] = [(str(S.ids[s_by_order[c % ns]]), int(c // ns) / scale) for c in combined]
            best = np.partition(chunk, chunk.shape[1] - k, axis=1)[:, -k:] if chunk.shape[1] > k else chunk
        positions = {}
        for r in s_rows:
            row = np.sort(best[r])[::-1]
            positions[str(S.ids[r])] = [(str(P.ids[p_by_order[c % np_]]), int(c // np_) / scale) for c in row if c >= 0]
        return positions, candidates

    # -- the vectorised rules ------------------------------------------------------------------------

    def candidate_keys(self, prow: int, *, best: int | None = None,
                       only: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the seekers the rules allow for the position in row prow, and their score keys. `only`: a
        mask over seeker rows to keep (consent, exclusions); `best`: only the rows that may be among the best
        `best` are returned (the others' keys are never computed, see _prune). A million rows are worked in
        one slice per core, each pruned on its own: the best of all are among the best of their slice."""
        parts = _in_threads(lambda lo, hi: self._candidate_keys(prow, best, only, lo, hi), self._s.high)
        return parts[0] if len(parts) == 1 else tuple(map(np.concatenate, zip(*parts)))

    def _candidate_keys(self, prow: int, best: int | None, only: np.ndarray | None, lo: int, hi: int):
        """candidate_keys for the seeker rows lo..hi."""
        rows, units, home, km = self._allowed_seekers(prow, only, lo, hi)
        S, P = self._s, self._p
        demanded = P["demanded"][:, prow]
        demanded = np.where(home, demanded[1], demanded[0])
        n_wanted = int(P["n_skills"][prow])
        if n_wanted:
            f_skills = self._matched(S, rows, P, prow) / n_wanted
            f_skills *= f_skills
        else:
            f_skills = np.ones(len(rows))
        f_ability = _ability_fit(demanded - units, demanded)
        f_distance = np.ones(len(rows)) if km is None else np.where(home, 1.0, np.exp(-km / rules.DISTANCE_SCALE_KM))
        missing = _ALL_BITS & ~int(P["offers"][prow])
        wage, hours = P["wage"][prow], float(P["hours"][prow])

        def keys(sel=None):
            """The keys of the rows at the indexes sel (all when None): the three fits left (needs, pay, hours)
            computed for those rows only."""
            pick = (lambda a: a) if sel is None else (lambda a: a.take(sel))
            r, h = pick(rows), pick(home)
            unmet = S["needs"].take(r) & np.where(h, missing & ~_PREMISES, missing)
            fits = (pick(f_ability), 1.0 / (1.0 + _POPCOUNT.take(unmet)), pick(f_distance), pick(f_skills),
                    _wage_fit(wage, S["wage"].take(r)), _hours_fit_of(hours, S["hours"].take(r)))
            return self._keys(fits, len(r))

        if best is not None and len(rows) > max(_PRUNE_FROM, _PROBE * best):
            sel = self._prune(f_ability, f_distance, f_skills, best, keys)
            return rows.take(sel), keys(sel)
        return rows, keys()

    def _prune(self, f_ability, f_distance, f_skills, best: int, keys) -> np.ndarray:
        """The indexes of the pairs that may be among the best `best`: the score with the needs, pay and hours
        fits taken as 1 bounds each pair's key from above; the keys of the pairs with the highest bounds give
        the `best`-th key to beat, and a pair whose bound falls short of it cannot make the list (ties included:
        a bound equal to it stays)."""
        ones = np.ones(len(f_ability))
        # the score's own operations (_keys) with fits no lower: each is monotone, rounding included, so the
        # bound is never below the pair's key
        bound = self._keys((f_ability, ones, f_distance, f_skills, ones, ones), len(ones))
        probe = _highest(bound, _PROBE * best)
        probed = keys(probe)
        kth = np.partition(probed, len(probed) - best)[len(probed) - best]
        return np.flatnonzero(bound >= kth)

    def _allowed_seekers(self, prow: int, only: np.ndarray | None = None, lo: int = 0, hi: int | None = None):
        """The rules for one position against the seeker rows lo..hi (all by default), the cheap ones first:
        the rows allowed, the half levels of demand each leaves unmet, whether each works from home, and the
        distance in km (None for a remote position)."""
        S, P = self._s, self._p
        n = slice(lo, S.high if hi is None else hi)
        offers = int(P["offers"][prow])
        remote = bool(P["remote"][prow])
        remote_ok = S["remote_ok"][n]
        at_home = remote_ok if offers & _REMOTE else None
        # the cheap rules first, on every row: the commute (a float32 pre-filter), required needs
        if remote:
            ok = remote_ok & S.alive[n]
        else:
            ok = geo.chord2_many(S["xyz32"][:, n], tuple(P["xyz32"][:, prow])) <= S["commute_c2"][n]
            if at_home is not None:
                ok |= at_home
            ok &= S.alive[n]
        if only is not None:
            ok &= only[n]
        missing = _ALL_BITS & ~offers
        missing_home = missing & ~_PREMISES
        if missing:
            required = S["required"][n]
            lacking = (required & missing) != 0
            if at_home is not None and missing != missing_home:
                lacking &= ~at_home | ((required & missing_home) != 0)
            ok &= ~lacking
        found = np.flatnonzero(ok)
        rows = found + lo
        # abilities: per two triples of items one 117,649-entry table, for the rows left (take and compress
        # rather than fancy indexing, and int16 sums: at most 4 x 6 x RULED_OUT, several times faster here)
        home = at_home.take(found) if at_home is not None else np.zeros(len(rows), bool)
        units = np.zeros(len(rows), np.int16)
        for h, (away, at) in enumerate(_six_tables(_states(P["state"][:, prow]))):
            if away is None:
                continue
            codes = S["codes"][h].take(rows)
            if remote:
                units += at.take(codes)
            elif at is not away and at_home is not None:
                units += np.where(home, at.take(codes), away.take(codes))
            else:
                units += away.take(codes)
        keep = units < rules.RULED_OUT
        if not remote:
            # the exact distance for every row left (most pass the abilities), so that the arrays are cut once
            km = geo.km_from_chord2_many(geo.chord2_many(np.take(S["xyz"], rows, axis=1), tuple(P["xyz"][:, prow])))
            keep &= (km <= S["commute"].take(rows)) | home
        cut = [a.compress(keep) for a in (rows, units, home)]
        return (*cut, None) if remote else (*cut, km.compress(keep))

    def position_keys(self, srow: int, *, max_distance_km=None, remote_only=False, min_wage=None,
                      max_hours=None) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the positions the rules (and filters) allow for the seeker in row srow, and their keys."""
        rows = np.flatnonzero(self._near_positions(np.array([srow]), max_distance_km=max_distance_km,
                                                   remote_only=remote_only, min_wage=min_wage, max_hours=max_hours)[0])
        # abilities: per two items one table over every pair of the positions' item states
        units = np.zeros(len(rows), np.int64)
        for j, table in enumerate(_pair_tables(_abilities(self._s["codes"][:, srow]), bool(self._s["remote_ok"][srow]))):
            if table is not None:
                units += table[self._p["state"][j][rows]]
        pairs = self.pairs(np.full(len(rows), srow), rows, units, max_distance_km)
        return rows[pairs.kept], pairs.keys

    def _unmet_matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """Per position row, the unmet half levels of each item for each level a seeker may have, away and
        when working from home: two (24 x 7) x rows matrices for _unmet_matrix."""
        P = self._p
        n = P.high
        states = np.empty((N_ITEMS, n), np.intp)
        states[0::2], states[1::2] = P["state"][:, :n] // N_STATES, P["state"][:, :n] % N_STATES
        return tuple(_level_table(at_home)[:, states].transpose(1, 0, 2).reshape(N_ITEMS * _LEVELS, n)
                     for at_home in (False, True))

    def _unmet_matrix(self, srows: np.ndarray, matrices: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """The unmet half levels of some seekers against every position row (seekers x rows): each seeker's
        levels one-hot, times _unmet_matrices (the one for working from home for those who can)."""
        S = self._s
        levels = (S["codes"][:, srows][:, None, :] // _SIX_PLACES[None, :, None] % _LEVELS).reshape(N_ITEMS, -1).T
        one_hot = np.zeros((len(srows), N_ITEMS * _LEVELS), np.float32)
        np.put_along_axis(one_hot, levels + np.arange(N_ITEMS) * _LEVELS, 1.0, axis=1)
        home = S["remote_ok"][srows]
        units = np.empty((len(srows), matrices[0].shape[1]), np.float32)
        units[~home] = one_hot[~home] @ matrices[0]
        units[home] = one_hot[home] @ matrices[1]
        return units

    def _near_positions(self, srows: np.ndarray, *, max_distance_km=None, remote_only=False, min_wage=None,
                        max_hours=None) -> np.ndarray:
        """The cheap rules and the filters for some seekers against every position row, as a (seekers x rows)
        mask: the commute (a float32 pre-filter that the exact distance in pairs() then decides), remote work
        and required needs."""
        S, P = self._s, self._p
        n = P.high
        remote_ok = S["remote_ok"][srows][:, None]
        offers = P["offers"][:n]
        at_home = remote_ok & ((offers & _REMOTE) > 0)
        ok = P.alive[:n] & (remote_ok | ~P["remote"][:n])
        if remote_only:
            ok &= at_home
        if min_wage is not None:
            ok &= P["wage"][:n] >= min_wage
        if max_hours is not None:
            ok &= P["hours"][:n] <= max_hours
        limit = S["commute"][srows] if max_distance_km is None else np.minimum(S["commute"][srows], max_distance_km)
        with np.errstate(invalid="ignore"):
            near = geo.chord2_many(S["xyz32"][:, srows, None], P["xyz32"][:, None, :n]) <= _prefilter_limit(limit)[:, None]
        ok &= near | at_home
        required = S["required"][srows]
        some = np.flatnonzero(required)  # few seekers require an accommodation
        if len(some):
            lacking = required[some, None] & ~offers
            lacking[at_home[some]] &= ~_PREMISES
            ok[some] &= lacking == 0
        return ok

    def pairs(self, srows: np.ndarray, prows: np.ndarray, units: np.ndarray, max_distance_km=None) -> "Pairs":
        """The rules for many (seeker row, position row) pairs that passed the cheap rules (_near_positions),
        given the half levels of demand each leaves unmet (units): which of them the abilities and the exact
        commute allow (kept), and for those their fits and score keys."""
        # gathers by take and cuts by compress: several times cheaper than fancy indexing on many pairs
        S, P = self._s, self._p
        kept = np.flatnonzero(units < rules.RULED_OUT)
        if len(kept) < len(units):
            srows, prows, units = srows.take(kept), prows.take(kept), units.take(kept)
        offers = P["offers"].take(prows)
        home = S["remote_ok"].take(srows) & ((offers & _REMOTE) > 0)
        with np.errstate(invalid="ignore"):
            km = geo.km_from_chord2_many(geo.chord2_many([P["xyz"][i].take(prows) for i in range(3)],
                                                         [S["xyz"][i].take(srows) for i in range(3)]))
        near = home | (km <= S["commute"].take(srows))
        if max_distance_km is not None:
            near &= home | (km <= max_distance_km)
        if not near.all():
            kept, srows, prows, units, home, offers, km = (a.compress(near)
                                                           for a in (kept, srows, prows, units, home, offers, km))
        demanded = np.where(home, P["demanded"][1].take(prows), P["demanded"][0].take(prows))
        matched = self._matched_pairs(srows, prows)
        wanted = P["n_skills"].take(prows)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = matched / wanted
            f_skills = np.where(wanted > 0, share * share, 1.0)
        unmet = S["needs"].take(srows) & ~np.where(home, offers | _PREMISES, offers) & _ALL_BITS
        fits = (
            _ability_fit(demanded - units, demanded),
            1.0 / (1.0 + _POPCOUNT.take(unmet)),
            np.where(home, 1.0, np.exp(-km / rules.DISTANCE_SCALE_KM)),
            f_skills,
            _wage_fit(P["wage"].take(prows), S["wage"].take(srows)),
            _hours_fit(P["hours"].take(prows), S["hours"].take(srows)),
        )
        return Pairs(kept, srows, prows, self._keys(fits, len(srows)), fits, demanded - units, demanded, km, home,
                     matched, wanted, unmet)

    def _matched_pairs(self, srows: np.ndarray, prows: np.ndarray) -> np.ndarray:
        """How many skills each pair shares: vocabulary skills by popcount of the bits, other spellings by
        equal ids in the slots (each record's ids are distinct, filled from the first slot)."""
        S, P = self._s, self._p
        matched = np.zeros(len(srows), np.int64)
        for w in range(S["skill_bits"].shape[0]):
            matched += np.bitwise_count(S["skill_bits"][w].take(srows) & P["skill_bits"][w].take(prows))
        both = np.flatnonzero((S["skills"][0].take(srows) > 0) & (P["skills"][0].take(prows) > 0))
        if len(both):
            s_slots, p_slots = S["skills"][:, srows[both]], P["skills"][:, prows[both]]
            matched[both] += ((s_slots[:, None, :] == p_slots[None, :, :]) & (p_slots[None, :, :] > 0)).sum(axis=(0, 1))
        return matched

    def _matched(self, many: Store, rows: np.ndarray, one: Store, row: int) -> np.ndarray:
        """How many skills each of `rows` of `many` shares with row `row` of `one`: vocabulary skills by
        popcount of the bits, other spellings by looking up their ids."""
        matched = np.zeros(len(rows), np.int64)
        for w, word in enumerate(one["skill_bits"][:, row]):
            if word:
                matched += np.bitwise_count(many["skill_bits"][w].take(rows) & word)
        others = one["skills"][:, row]
        others = others[others > 0]
        if len(others):
            table = np.zeros(len(self.mapper) + 1, np.int64)
            table[others] = 1
            for slot in many["skills"]:
                matched += table.take(slot.take(rows))
        return matched

    def _keys(self, fits, n: int) -> np.ndarray:
        """rules.combine and rules.score_key for n pairs: the same operations in the same order."""
        score = np.zeros(n)
        for w, f in zip(self.weights, fits):
            score += w * f
        score /= self.weights.total
        score *= rules.ABILITY_FLOOR + rules.ABILITY_SLOPE * fits[0]
        return np.rint(score * 10**rules.SCORE_DECIMALS).astype(np.int64)


class _Explained:
    """Reasons for many pairs that Engine.pairs assessed: the records read back once per id (the seekers of a
    block at once), the score keys with each fit at 1 computed for all pairs at once; skill id sets only for
    hints."""

    def __init__(self, engine: Engine, hints: bool):
        self.engine, self.hints = engine, hints
        self._seekers: dict[int, tuple[Seeker, set[int] | None]] = {}
        self._positions: dict[int, tuple[Position, set[int] | None]] = {}

    def _read(self, srows: list[int], prows: list[int]) -> None:
        e = self.engine
        new = sorted(set(srows).difference(self._seekers))
        for row, s in zip(new, e._seekers_at(new)):
            self._seekers[row] = (s, e.seeker_skills(s.id) if self.hints else None)
        for row in set(prows).difference(self._positions):
            id_ = str(e._p.ids[row])
            self._positions[row] = (e.position(id_), e.position_skills(id_) if self.hints else None)

    def matches(self, pairs: "Pairs") -> list[Match]:
        e = self.engine
        ones = np.ones(len(pairs.keys))
        keys = np.column_stack([pairs.keys] + [e._keys(pairs.fits[:i] + (ones,) + pairs.fits[i + 1:], len(ones))
                                               for i in range(len(pairs.fits))])
        scores = (keys[:, 0] / 10**rules.SCORE_DECIMALS).tolist()
        differences = (keys[:, 1:] - keys[:, :1]).tolist()
        fits = np.column_stack(pairs.fits).tolist()
        srows, prows = pairs.srows.tolist(), pairs.prows.tolist()
        self._read(srows, prows)
        seekers, positions, weights, mapper, hints = self._seekers, self._positions, e.weights, e.mapper, self.hints
        out = []
        for j, (srow, prow, met, demanded, km, home, matched, wanted, unmet) in enumerate(zip(
                srows, prows, pairs.met.tolist(), pairs.demanded.tolist(), pairs.km.tolist(), pairs.at_home.tolist(),
                pairs.skills_matched.tolist(), pairs.skills_wanted.tolist(), pairs.needs_unmet.tolist())):
            s, s_skills = seekers[srow]
            p, p_skills = positions[prow]
            pair = rules.Pair((), met, demanded, _sorted_keys(unmet), None if home else km, home, matched, wanted,
                              tuple(fits[j]))
            out.append(explain_pair(s, p, s_skills, p_skills, pair, weights, mapper, hints,
                                    (scores[j], gains_of(differences[j]))))
        return out


@lru_cache(maxsize=4096)
def _sorted_keys(mask: int) -> tuple[str, ...]:
    return tuple(sorted(_keys(mask)))


def _skill_set(store: Store, row: int) -> set[int]:
    ids = {w * 64 + b for w, word in enumerate(store["skill_bits"][:, row]) for b in range(64) if int(word) >> b & 1}
    return ids | {int(i) - 1 for i in store["skills"][:, row] if i}


def _in_chunks(add, records: Iterable, size: int, progress) -> int:
    """Feed records to add() in lists of `size`, with the cyclic garbage collector paused."""
    count = 0
    with _collector_paused():
        it = iter(records)
        while batch := list(islice(it, size)):
            add(batch)
            count += len(batch)
            if progress:
                progress(len(batch))
    return count


@contextmanager
def _collector_paused():
    """A bulk load allocates millions of short-lived objects, which would otherwise trigger full collections
    over and over."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _id_order(store: Store):
    """Live rows; each row's place in descending id order (bigger = earlier id); and rows by that place."""
    rows = np.flatnonzero(store.alive[: store.high])
    order = np.zeros(store.high, np.int64)
    ranked = rows[np.argsort(store.ids[rows], kind="stable")]
    order[ranked] = np.arange(len(rows), 0, -1)
    by_order = np.zeros(len(rows) + 1, np.intp)
    by_order[order[ranked]] = ranked
    return rows, order, by_order


def _prefilter_limit(km):
    """A float32 bound on the squared chord of km, loose enough for float32 rounding (about 0.2 km near
    zero); the exact float64 distance then decides."""
    return np.float32(geo.chord2_limit(km) * 1.01 + 1e-9)


def _ability_fit(met: np.ndarray, demanded: np.ndarray) -> np.ndarray:
    """rules.ability_fit for many pairs: the same integer division."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(demanded > 0, met / demanded, 1.0)


def _codes(abilities: list[int | None]) -> np.ndarray:
    """The six-item codes of many seekers' abilities, given one after another (n x N_SIXES): the items as
    bytes (None as _UNKNOWN), all at once through numpy."""
    items = bytes([_UNKNOWN if v is None else v for v in abilities])
    return np.frombuffer(items, np.uint8).reshape(-1, N_SIXES, 6).astype(np.intp) @ _SIX_PLACES


def _abilities(codes) -> tuple[int | None, ...]:
    values = (int(c) // _LEVELS**p % _LEVELS for c in codes for p in range(5, -1, -1))
    return tuple(None if v == _UNKNOWN else v for v in values)


def _states(pairs) -> list[int]:
    return [int(v) for c in pairs for v in (c // N_STATES, c % N_STATES)]


@lru_cache(maxsize=4096)
def _triple_table(states: tuple[int, ...], at_home: bool) -> np.ndarray:
    """Unmet half levels of three items for every packed code a0*49 + a1*7 + a2 (343 entries)."""
    u = [np.array([_unmet(a, s, at_home) for a in range(_LEVELS)], np.int16) for s in states]
    return (u[0][:, None, None] + u[1][None, :, None] + u[2][None, None, :]).reshape(-1)


@lru_cache(maxsize=256)  # positions of one trade share most of their sixes; 256 tables are 60 MB
def _six_table(six: tuple[int, ...], at_home: bool) -> np.ndarray | None:
    """Unmet half levels of six items for every seeker code (343 x 343 entries, at most 6 x RULED_OUT, so
    int16); None if none of them is demanded."""
    if not any(s % 6 for s in six):
        return None
    table = (_triple_table(six[:3], at_home)[:, None] + _triple_table(six[3:], at_home)[None, :]).reshape(-1)
    table.flags.writeable = False
    return table


def _six_tables(states: list[int]) -> list[tuple[np.ndarray | None, np.ndarray | None]]:
    """For each six items of a position: the table away from home and at home (the same object when no
    item of the six is moot at home)."""
    out = []
    for h in range(N_SIXES):
        six = tuple(states[6 * h: 6 * h + 6])
        away = _six_table(six, False)
        out.append((away, _six_table(six, True) if any(s >= _MOOT for s in six) else away))
    return out


_PAIR_TABLES: dict[tuple[int, int, bool], np.ndarray | None] = {}


def _pair_tables(abilities, remote_ok: bool) -> list[np.ndarray | None]:
    """For each two items: the unmet half levels of a seeker's two abilities against every pair of position
    states (N_STATES x N_STATES; moot items count only for a seeker who can work from home); None when both
    abilities are 5 and no demand can exceed them."""
    out = []
    for a, b in zip(abilities[0::2], abilities[1::2]):
        a, b = (_UNKNOWN if x is None else x for x in (a, b))
        key = (a, b, remote_ok)
        if key not in _PAIR_TABLES:
            if a == b == 5:
                _PAIR_TABLES[key] = None
            else:
                ua, ub = (np.array([_unmet(x, s, remote_ok) for s in range(N_STATES)], np.int64) for x in (a, b))
                _PAIR_TABLES[key] = (ua[:, None] + ub[None, :]).reshape(-1)
        out.append(_PAIR_TABLES[key])
    return out


@lru_cache(maxsize=2)
def _level_table(at_home: bool) -> np.ndarray:
    """Unmet half levels of one item for [seeker's level 0-5 or _UNKNOWN][position's item state] (as float32,
    exact for these small integers, for the matrix products of _unmet_matrix)."""
    table = np.array([[_unmet(a, s, at_home) for s in range(N_STATES)] for a in range(_LEVELS)], np.float32)
    table.flags.writeable = False
    return table


def _highest(values: np.ndarray, m: int) -> np.ndarray:
    """The indexes of about the m highest values (at least m): the cut is found in every 8th value, which
    is several times cheaper than a partition of them all and as good for a probe."""
    if len(values) > 64 * m:
        sample = values[::8]
        cut = np.partition(sample, len(sample) - m // 8 - 1)[len(sample) - m // 8 - 1]
        found = np.flatnonzero(values >= cut)
        if len(found) >= m:
            return found
    return np.argpartition(values, len(values) - m)[-m:]


def _in_threads(f, n: int) -> list:
    """f(lo, hi) over the rows 0..n: in one call, or for a million seekers in one slice per core at once (numpy
    lets go of the GIL for the long array operations, so the slices run side by side)."""
    if n < _SPLIT_FROM or CORES < 2:
        return [f(0, n)]
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(CORES, thread_name_prefix="matcher")
    bounds = np.linspace(0, n, CORES + 1).astype(int)
    return list(_POOL.map(f, bounds[:-1], bounds[1:]))


def _forget_pool():
    global _POOL
    _POOL = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)  # a forked child has none of its parent's threads


def _chosen(store: Store, among, exclude) -> np.ndarray | None:
    """A mask over the store's rows: the ids in `among` (every id when None; unknown ids are ignored) less
    those in `exclude`; None when it keeps every row."""
    left_out = [store.row[i] for i in exclude if i in store.row]
    if among is None:
        if not left_out:
            return None
        mask = np.ones(store.high, bool)
    else:
        mask = np.zeros(store.high, bool)
        mask[[store.row[i] for i in among if i in store.row]] = True
    mask[left_out] = False
    return mask


def _top(rows: np.ndarray, keys: np.ndarray, ids: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (row, key), best first; equal keys by id."""
    if len(rows) > k:
        kth = np.partition(keys, len(keys) - k)[len(keys) - k]
        above = np.flatnonzero(keys > kth)
        tied = np.flatnonzero(keys == kth)
        tied = tied[np.argsort(ids[rows[tied]], kind="stable")[: k - len(above)]]
        sel = np.concatenate([above, tied])
        rows, keys = rows[sel], keys[sel]
    order = np.lexsort((ids[rows], -keys))
    return rows[order], keys[order]
