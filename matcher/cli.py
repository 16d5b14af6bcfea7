"""python -m matcher rank | plan-fair: batch matching over exchange-format JSON Lines files."""

import argparse
import gc
import multiprocessing
import sys
from datetime import date
from functools import partial

from threadpoolctl import threadpool_limits
from tqdm import tqdm

from . import jsonl
from .engine import CORES, Engine
from .planner import plan_fair
from .records import Position, Seeker

#: runs with more queries than this show a progress bar (on stderr, when it is a terminal or forced)
PROGRESS_FROM = 200


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matcher", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    rank = commands.add_parser("rank", help="rank positions for each seeker, or candidates for each position")
    _inputs(rank)
    rank.add_argument("--direction", choices=("positions", "candidates"), required=True,
                      help="positions: the best positions for each seeker; candidates: the best seekers for each position")
    rank.add_argument("--top", type=int, default=10, metavar="K", help="results per seeker or position (default 10)")
    rank.add_argument("--out", required=True, help="matches.jsonl to write")
    rank.add_argument("--outcomes", help="outcomes.jsonl: learn a ranking from past outcomes first (prints NDCG@10 of "
                                         "the default and the learned ranking on held-out seekers)")
    rank.add_argument("--exclude", help="pairs.jsonl: seeker-position pairs to leave out, one "
                                        '{"seeker_id": ..., "position_id": ...} a line (a job held, a person hired)')
    rank.add_argument("--hints", action="store_true",
                      help="add to the reasons the single changes that would raise each score (slower: each re-runs the rules)")

    fair = commands.add_parser("plan-fair", help="plan interviews at a job fair")
    _inputs(fair)
    fair.add_argument("--hours", type=float, default=3, help="length of the fair in hours (default 3)")
    fair.add_argument("--slots-per-hour", type=int, default=3, help="interview slots per hour (default 3)")
    fair.add_argument("--tables", type=int, default=1, help="interview tables per booth (default 1)")
    fair.add_argument("--per-seeker", type=int, default=3, help="interviews per seeker at most (default 3)")
    fair.add_argument("--per-opening", type=int, default=3, help="interviews per opening at most (default 3)")
    fair.add_argument("--start", default="09:00", help="start time HH:MM (default 09:00)")
    fair.add_argument("--out", help="interviews as JSON Lines")

    args = parser.parse_args(argv)
    if getattr(args, "top", 1) < 1:
        parser.error("--top must be at least 1")
    try:
        return _rank(args) if args.command == "rank" else _plan(args)
    except jsonl.LineError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def _inputs(p):
    p.add_argument("--seekers", required=True, help="seekers.jsonl")
    p.add_argument("--positions", required=True, help="positions.jsonl")
    p.add_argument("--on-error", choices=("skip", "stop"), default="stop",
                   help="a bad line: stop (default) or skip it and go on")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: on long runs when stderr is a terminal)")


def _read(args, path, kind, label, engine_add=None, unique_ids=True):
    reader = jsonl.Reader(path, kind, args.on_error, unique_ids)
    records = None
    if engine_add:  # the reader itself, which the engine reads seekers of as columns (Reader.batches)
        with _bar(args, None, None, label) as bar:
            engine_add(reader, progress=bar.update)
    else:
        records = list(_bar(args, reader, None, label))
    for e in reader.errors:
        print(f"skipped {e}", file=sys.stderr)
    print(f"{label}: {reader.count} read, {len(reader.errors)} skipped", file=sys.stderr)
    return records


def _bar(args, iterable, total, desc):
    long_run = total is None or total > PROGRESS_FROM
    show = args.progress if args.progress is not None else (long_run and sys.stderr.isatty())
    return tqdm(iterable, total=total, desc=desc, unit="", file=sys.stderr, disable=not show)


def _rank(args) -> int:
    engine = Engine()
    _read(args, args.seekers, Seeker, args.seekers, engine.add_seekers)
    _read(args, args.positions, Position, args.positions, engine.add_positions)
    excluded = _read(args, args.exclude, jsonl.Exclusion, args.exclude, unique_ids=False) if args.exclude else []
    # what was read lives to the end: the collector need not walk it again each time the reasons fill memory
    gc.freeze()
    ranker = None
    if args.outcomes:
        from .learn import learn_ranker, rank_learned  # scikit-learn: loaded only to learn

        outcomes = _read(args, args.outcomes, jsonl.Outcome, args.outcomes, unique_ids=False)
        report = learn_ranker(engine, outcomes, trained_on=date.today())  # the command line: the machine's day
        ranker = report.ranker
        print(report.summary(), file=sys.stderr)
    owners = engine.seeker_ids() if args.direction == "positions" else engine.position_ids()
    if ranker is None and args.direction == "positions":
        pairs = [(e.seeker_id, e.position_id) for e in excluded]
        written = 0
        with open(args.out, "wb") as out, _bar(args, None, len(owners), args.direction) as bar:
            for piece, count, seekers in _in_processes(partial(_positions_lines, engine, args.top, args.hints, pairs),
                                                       len(owners)):
                out.write(piece)
                written += count
                bar.update(seekers)
        print(f"{args.out}: {written} matches", file=sys.stderr)
        return 0
    held = {}
    for e in excluded:
        own, other = (e.seeker_id, e.position_id) if args.direction == "positions" else (e.position_id, e.seeker_id)
        held.setdefault(own, set()).add(other)
    if ranker is not None:
        query = partial(rank_learned, engine, ranker, direction=args.direction, k=args.top, hints=args.hints)
    else:
        query = partial(engine.rank_candidates, k=args.top, hints=args.hints)
    matches = (m.to_dict() for owner in _bar(args, owners, len(owners), args.direction)
               for m in query(owner, exclude=held.get(owner, ())))
    written = jsonl.write(args.out, matches)
    print(f"{args.out}: {written} matches", file=sys.stderr)
    return 0


def _positions_lines(engine, k, hints, exclude, seekers: slice) -> tuple[bytes, int, int]:
    """One share of `rank --direction positions`: the JSON lines of these seekers' best positions, their count
    and the number of seekers."""
    found = list(engine.positions_for_all(k, hints=hints, exclude=exclude, seekers=seekers))
    return *jsonl.lines(m.to_dict() for ms in found for m in ms), len(found)


#: the work of a batch ranking shared among processes: seekers per share, and the function of a share
SHARE = 500
_work = None


def _in_processes(work, n: int):
    """work(slice) over the slices of 0..n, SHARE at a time, in order: in one forked process per core when
    there is more than one share (each reads the engine loaded before the fork without copying it; the reasons
    are Python that one process could only run on one core)."""
    shares = [slice(i, i + SHARE) for i in range(0, n, SHARE)]
    if len(shares) < 2 or CORES < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(work, shares)
        return
    global _work
    _work = work
    with multiprocessing.get_context("fork").Pool(min(CORES, len(shares)), initializer=_one_thread) as pool:
        yield from pool.imap(_do_share, shares)


def _do_share(share: slice):
    return _work(share)


def _one_thread():
    """In a worker: numpy's matrix products on one thread, as each core already has its process."""
    threadpool_limits(1)


def _plan(args) -> int:
    seekers = _read(args, args.seekers, Seeker, args.seekers)
    positions = _read(args, args.positions, Position, args.positions)
    plan = plan_fair(seekers, positions, hours=args.hours, slots_per_hour=args.slots_per_hour,
                     tables_per_booth=args.tables, per_seeker=args.per_seeker, per_opening=args.per_opening,
                     start=args.start)
    print(f"{len(plan.interviews)} interviews for {len({i.seeker_id for i in plan.interviews})} of "
          f"{plan.n_seekers} seekers; expected good matches (sum of scores) {plan.expected_matches:.1f}\n")
    print(plan.by_booth())
    print()
    print(plan.by_seeker())
    if args.out:
        jsonl.write(args.out, (i.to_dict() for i in plan.interviews))
        print(f"{args.out}: {len(plan.interviews)} interviews", file=sys.stderr)
    return 0
