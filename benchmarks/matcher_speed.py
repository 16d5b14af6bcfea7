"""Speed of the matching engine against the targets of issues 3 and 16; prints one line per figure.

    .venv/bin/python benchmarks/matcher_speed.py            # the full sizes (about 5 minutes)
    .venv/bin/python benchmarks/matcher_speed.py --scale 0.1

The generated district is written once to --data (default /tmp/ablematch-bench) and reused. Loading a
million seekers runs in a child process, so that its peak memory (VmHWM, which unlike ru_maxrss starts
afresh at exec) is the load's alone.
The last lines repeat issue 16's three targets (load, candidates among a million, the rank command). Each
figure is wall-clock time; the CPU time of this process (for the command line, of its own process) is
printed beside it, since on a shared machine other processes stretch the wall clock (the targets are judged on
the wall clock).
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from matcher import Engine, Position, Seeker, jsonl, plan_fair, synth
from matcher.reference import rank_by_loop


def timed(f, *args, **kwargs):
    """(wall seconds, CPU seconds, result)"""
    t, c = time.perf_counter(), time.process_time()
    out = f(*args, **kwargs)
    return time.perf_counter() - t, time.process_time() - c, out


def median_ms(f, items):
    """Median wall and CPU milliseconds of f over items, after one warm-up call."""
    f(items[0])
    walls, cpus = [], []
    for item in items:
        wall, cpu, _ = timed(f, item)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def peak_rss_mib() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024


def dataset(folder: Path, name: str, make, n: int) -> Path:
    path = folder / f"{name}-{n}.jsonl"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        jsonl.write(path, make(n))
    return path


def load_and_query(seekers_path: str, positions_path: str) -> dict:
    """In the child: load the seekers from JSON Lines, then time candidate queries."""
    engine = Engine()
    load_s, load_cpu, _ = timed(engine.add_seekers, jsonl.Reader(seekers_path, Seeker))
    peak_mib = peak_rss_mib()
    engine.add_positions(jsonl.Reader(positions_path, Position))
    ids = engine.position_ids()[:60]
    return {
        "n": engine.n_seekers, "load_s": (load_s, load_cpu), "peak_mib": (peak_mib, None),
        "candidates_ms": median_ms(lambda p: engine.rank_candidates(p, 50, explain=False), ids),
        "candidates_reasons_ms": median_ms(lambda p: engine.rank_candidates(p, 50), ids),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--data", default="/tmp/ablematch-bench")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(load_and_query(*args.child)))
        return
    size = lambda n: max(10, int(n * args.scale))  # noqa: E731
    folder = Path(args.data)

    issue16 = []

    def report(what, value, unit, target, ok, key=False):
        """value: a number or (wall, CPU); key: one of issue 16's three speed targets, repeated at the end"""
        wall, cpu = value if isinstance(value, tuple) else (value, None)
        cpu = f"(CPU {cpu:8.2f})" if cpu is not None else " " * 14
        line = f"{what:<66} {wall:>9.2f} {unit:<4} {cpu} target {target:<9} {'ok' if ok else 'MISSED'}"
        print(line, flush=True)
        if key:
            issue16.append(line)

    n_big = size(1_000_000)
    seekers_path = dataset(folder, "seekers", lambda n: synth.seekers(n, seed=1), n_big)
    positions_path = dataset(folder, "positions", lambda n: synth.positions(n, seed=2), size(5_000))
    child = subprocess.run([sys.executable, __file__, "--child", str(seekers_path), str(positions_path)],
                           capture_output=True, text=True, check=True)
    big = json.loads(child.stdout)
    big = {k: tuple(v) if isinstance(v, list) else v for k, v in big.items()}
    report(f"load {big['n']:,} seekers from JSON Lines (skills mapped)", big["load_s"], "s", "<= 10 s", big["load_s"][0] <= 10,
           key=True)
    report("  peak memory of that process", big["peak_mib"][0], "MiB", "<= 2048", big["peak_mib"][0] <= 2048)
    report(f"candidates for one position among {big['n']:,}, top 50 (median)", big["candidates_ms"], "ms",
           "<= 20 ms", big["candidates_ms"][0] <= 20, key=True)
    report("  the same with reasons for all 50", big["candidates_reasons_ms"], "ms", "-", True)

    n_pos = size(100_000)
    engine = Engine.from_records(synth.seekers(300, seed=3), synth.positions(n_pos, seed=4))
    ids = engine.seeker_ids()[:200]
    ms = median_ms(lambda s: engine.rank_positions(s, 50, explain=False), ids)
    report(f"positions for one seeker among {n_pos:,}, top 50 (median)", ms, "ms", "<= 10 ms", ms[0] <= 10)
    ms = median_ms(lambda s: engine.rank_positions(s, 10), ids)
    report("  top 10 with reasons (median)", ms, "ms", "-", True)

    seekers = [Seeker.from_dict(d) for d in synth.seekers(size(20_000), seed=5)]
    positions = [Position.from_dict(d) for d in synth.positions(size(5_000), seed=6)]
    engine = Engine.from_records(seekers, positions)
    wall, cpu, _ = timed(engine.rank_all, 10)
    report(f"all {len(seekers):,} seekers x {len(positions):,} positions, top 10 both ways", (wall, cpu), "s",
           "<= 30 s", wall <= 30)

    seekers_file = dataset(folder, "batch-seekers", lambda n: synth.seekers(n, seed=5), size(20_000))
    positions_file = dataset(folder, "batch-positions", lambda n: synth.positions(n, seed=6), size(5_000))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _, _ = timed(subprocess.run, [sys.executable, "-m", "matcher", "rank", "--seekers", str(seekers_file),
                                        "--positions", str(positions_file), "--direction", "positions", "--top", "10",
                                        "--out", str(folder / "matches.jsonl")], capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    report(f"rank --direction positions --top 10, {len(seekers):,} x {len(positions):,}, file written",
           (wall, cpu), "s", "<= 15 s", wall <= 15, key=True)

    sample = positions[:50]
    engine_s, engine_cpu, _ = timed(lambda: [engine.rank_candidates(p.id, 10, explain=False) for p in sample])
    loop_s, loop_cpu, loop = timed(rank_by_loop, seekers, sample, 10, "candidates", None, engine.mapper)
    same = all([(m.seeker_id, m.score) for m in engine.rank_candidates(p.id, 10, explain=False)] == loop.get(p.id, [])
               for p in sample)
    report(f"per-pair Python loop, {len(seekers):,} seekers x {len(sample)} positions", (loop_s, loop_cpu), "s", "-", True)
    report("  engine on the same", (engine_s * 1000, engine_cpu * 1000), "ms", "-", True)
    report("  speed-up (rankings identical: " + ("yes)" if same else "NO)"), (loop_s / engine_s, loop_cpu / engine_cpu),
           "x", ">= 100x", same and loop_s / engine_s >= 100)

    attendees, fair_positions = synth.seekers(size(1_000), seed=7), synth.positions(size(300), seed=8)
    wall, cpu, plan = timed(plan_fair, attendees, fair_positions, hours=3, slots_per_hour=3, tables_per_booth=2)
    report(f"fair planner, {len(attendees):,} attendees x {len(fair_positions)} positions "
           f"({len(plan.interviews)} interviews)", (wall, cpu), "s", "<= 2 s", wall <= 2)

    print("\nissue 16's three speed targets (wall clock; judged on a quiet machine, the CPU time beside it):")
    for line in issue16:
        print("  " + line)


if __name__ == "__main__":
    main()
