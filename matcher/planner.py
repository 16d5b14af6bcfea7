"""Fair-day planner: who meets which employer's booth, and when.

Two steps, each exact:
1. Which interviews: choose seeker-position pairs that maximise the sum of match scores (the engine's
   estimate of a good match) with at most `per_seeker` interviews a seeker, `per_opening` interviews per
   opening of a position, and at most slots x tables interviews at a booth (an employer). The constraint
   matrix is that of a flow network, so the linear program has integral optima; scipy's milp (HiGHS)
   solves it with the integrality stated anyway.
2. When: each booth's interviews are spread over its tables, then each interview gets a time slot so that
   no seeker and no table has two at once. That is an edge colouring of a bipartite multigraph whose
   largest degree is at most the number of slots; by Koenig's theorem it always exists, and the
   alternating-path method below finds it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from .engine import Engine


@dataclass(frozen=True)
class Interview:
    seeker_id: str
    position_id: str
    booth: str
    table: int
    slot: int
    start: str
    end: str
    score: float

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class FairPlan:
    interviews: list[Interview]
    titles: dict[str, str]
    n_seekers: int
    n_positions: int

    @property
    def expected_matches(self) -> float:
        return sum(i.score for i in self.interviews)

    def by_booth(self) -> str:
        lines = []
        for booth in sorted({i.booth for i in self.interviews}):
            lines.append(f"Booth {booth}")
            for i in sorted((i for i in self.interviews if i.booth == booth), key=lambda i: (i.slot, i.table)):
                lines.append(f"  {i.start}-{i.end}  table {i.table}  {i.seeker_id}  "
                             f"{i.position_id} {self.titles.get(i.position_id, '')}  ({i.score:.2f})")
        return "\n".join(lines)

    def by_seeker(self) -> str:
        lines = []
        for seeker in sorted({i.seeker_id for i in self.interviews}):
            lines.append(f"Seeker {seeker}")
            for i in sorted((i for i in self.interviews if i.seeker_id == seeker), key=lambda i: i.slot):
                lines.append(f"  {i.start}-{i.end}  booth {i.booth} table {i.table}  "
                             f"{i.position_id} {self.titles.get(i.position_id, '')}  ({i.score:.2f})")
        return "\n".join(lines)


def plan_fair(seekers, positions, *, hours: float = 3, slots_per_hour: int = 3, tables_per_booth: int = 1,
              per_seeker: int = 3, per_opening: int = 3, shortlist: int = 20, min_score: float = 0.0,
              start: str = "09:00", weights=None, exclude=()) -> FairPlan:
    """Plan a fair for these seekers and positions (Seeker/Position objects or exchange-format dicts).

    A booth is a position's employer (the position itself when it has no employer_id). Each seeker is
    considered for their `shortlist` best positions with a score of at least `min_score`, leaving out the
    (seeker id, position id) pairs in `exclude` (people already hired for that position).
    """
    engine = Engine.from_records(seekers, positions, weights=weights)
    n_slots = int(round(hours * slots_per_hour))
    if n_slots < 1 or tables_per_booth < 1 or per_seeker < 1 or per_opening < 1:
        raise ValueError("hours x slots_per_hour, tables_per_booth, per_seeker and per_opening must be at least 1")
    per_seeker = min(per_seeker, n_slots)
    held: dict[str, list[str]] = {}
    for sid, pid in exclude:
        held.setdefault(sid, []).append(pid)
    pairs = [(m.seeker_id, m.position_id, m.score) for sid in engine.seeker_ids()
             for m in engine.rank_positions(sid, shortlist, exclude=held.get(sid, ()), explain=False)
             if m.score >= min_score]
    positions = {pid: engine.position(pid) for pid in sorted({p for _, p, _ in pairs})}
    booths = {pid: p.employer_id or pid for pid, p in positions.items()}
    openings = {pid: p.openings for pid, p in positions.items()}
    chosen = _choose(pairs, booths, openings, n_slots * tables_per_booth, per_seeker, per_opening)
    interviews = _schedule(chosen, booths, n_slots, tables_per_booth, slots_per_hour, start)
    titles = {pid: p.title or "" for pid, p in positions.items()}
    return FairPlan(interviews, titles, engine.n_seekers, engine.n_positions)


def _choose(pairs, booths, openings, booth_capacity, per_seeker, per_opening):
    if not pairs:
        return []
    seekers = {s: i for i, s in enumerate(sorted({s for s, _, _ in pairs}))}
    positions = {p: i for i, p in enumerate(sorted(booths))}
    booth_ids = {b: i for i, b in enumerate(sorted(set(booths.values())))}
    n = len(pairs)
    cols = np.arange(n)
    blocks = [
        ([seekers[s] for s, _, _ in pairs], len(seekers), per_seeker),
        ([positions[p] for _, p, _ in pairs], len(positions), None),
        ([booth_ids[booths[p]] for _, p, _ in pairs], len(booth_ids), booth_capacity),
    ]
    constraints = []
    for rows, m, cap in blocks:
        A = coo_array((np.ones(n), (rows, cols)), shape=(m, n)).tocsr()
        if cap is None:
            upper = np.array([openings[p] * per_opening for p in sorted(booths)], float)
        else:
            upper = np.full(m, float(cap))
        constraints.append(LinearConstraint(A, 0, upper))
    value = np.array([score for _, _, score in pairs])
    result = milp(-value, constraints=constraints, integrality=np.ones(n), bounds=Bounds(0, 1))
    if not result.success:
        raise RuntimeError(f"fair planner: {result.message}")
    return [pairs[i] for i in np.flatnonzero(result.x > 0.5)]


def _schedule(chosen, booths, n_slots, tables, slots_per_hour, start):
    # spread each booth's interviews over its tables, in a fixed order so that the plan is reproducible
    chosen = sorted(chosen, key=lambda c: (booths[c[1]], c[0], c[1]))
    load: dict[str, int] = {}
    edges = []
    for seeker, position, score in chosen:
        b = booths[position]
        table = load.get(b, 0) % tables
        load[b] = load.get(b, 0) + 1
        edges.append((("s", seeker), ("t", b, table), seeker, position, score))
    colour = _edge_colouring([(u, v) for u, v, *_ in edges])
    t0 = datetime.strptime(start, "%H:%M")
    minutes = 60 / slots_per_hour
    out = []
    for (_, (_, booth, table), seeker, position, score), c in zip(edges, colour):
        begin = t0 + timedelta(minutes=c * minutes)
        out.append(Interview(seeker, position, booth, table + 1, c, begin.strftime("%H:%M"),
                             (begin + timedelta(minutes=minutes)).strftime("%H:%M"), score))
    return sorted(out, key=lambda i: (i.slot, i.booth, i.table))


def _edge_colouring(edges) -> list[int]:
    """Colours 0..D-1 for the edges of a bipartite multigraph of largest degree D, no two edges of one
    colour at a vertex (Koenig): give each edge a colour a free at its left end; if a is taken at the
    right end, where b is free, swap a and b along the a/b path from the right end first."""
    at: dict = {}  # vertex -> {colour: edge index}
    colour = [-1] * len(edges)

    def free(x):
        used = at.setdefault(x, {})
        c = 0
        while c in used:
            c += 1
        return c

    for e, (u, v) in enumerate(edges):
        a, b = free(u), free(v)
        if a in at[v]:
            path, x, c = [], v, a
            while c in at.get(x, {}):
                f = at[x][c]
                path.append(f)
                x = edges[f][1] if edges[f][0] == x else edges[f][0]
                c = b if c == a else a
            for f in path:
                for end in edges[f]:
                    del at[end][colour[f]]
            for f in path:
                colour[f] = b if colour[f] == a else a
                for end in edges[f]:
                    at[end][colour[f]] = f
        colour[e] = a
        at[u][a] = e
        at[v][a] = e
    return colour
