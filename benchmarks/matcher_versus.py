"""The engine's speed side by side with a previous version, in one run (the machine is shared and noisy:
only the ratios of figures taken in turn are worth comparing).

    .venv/bin/python benchmarks/matcher_versus.py --against main [--seekers 200000] [--rounds 3]

The other version's `matcher/` is taken from git (`git archive REV matcher`) into a temporary folder. Each
round runs one child process per version, in turn (A B A B ...), on the same JSON Lines files written by
the other version's generator (so that both can read them); each figure is the median over rounds of the
child's wall-clock time, with the ratio this / other. The batch command line, `python -m matcher rank
--direction positions --top 10` over --batch-seekers x --batch-positions with the reasons written, runs as its
own process per version and round (wall clock, and the CPU time of that process beside it).
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(seekers_path: str, positions_path: str, big_positions_path: str) -> dict:
    """In a child whose sys.path starts with one version's root: its figures, in seconds or milliseconds."""
    from matcher import Engine, Position, Seeker, jsonl

    # the Reader takes the record kind since msgspec loading, before it the parse function
    Seeker, Position = (Seeker, Position) if hasattr(jsonl, "parse") else (Seeker.from_dict, Position.from_dict)

    def ms(f, items):
        f(items[0])
        walls = []
        for item in items:
            t = time.perf_counter()
            f(item)
            walls.append(time.perf_counter() - t)
        return statistics.median(walls) * 1000

    out = {}
    engine = Engine()
    t = time.perf_counter()
    engine.add_seekers(jsonl.Reader(seekers_path, Seeker))
    out["load seekers from JSON Lines (s)"] = time.perf_counter() - t
    engine.add_positions(jsonl.Reader(positions_path, Position))
    ids = engine.position_ids()[:60]
    out["candidates for one position, top 50, median (ms)"] = ms(
        lambda p: engine.rank_candidates(p, 50, explain=False), ids)
    out["  the same with reasons (ms)"] = ms(lambda p: engine.rank_candidates(p, 50), ids)
    engine.add_positions(jsonl.Reader(big_positions_path, Position))
    sids = engine.seeker_ids()[:100]
    out["positions for one seeker, top 50, median (ms)"] = ms(lambda s: engine.rank_positions(s, 50, explain=False), sids)
    out["  top 10 with reasons (ms)"] = ms(lambda s: engine.rank_positions(s, 10), sids)
    return out


def batch(root: Path, env: dict, seekers: Path, positions: Path, out: Path) -> dict:
    """`rank --direction positions --top 10` as a process of its own: its wall clock and CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "matcher", "rank", "--seekers", str(seekers), "--positions", str(positions),
                    "--direction", "positions", "--top", "10", "--out", str(out)], cwd=root, env=env,
                   capture_output=True, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"rank --direction positions --top 10, file written (s)": wall,
            "  CPU time of that process (s)": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--against", default="main", help="git revision to compare with (default main)")
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--positions", type=int, default=20_000, help="positions for the seeker queries")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-seekers", type=int, default=20_000)
    parser.add_argument("--batch-positions", type=int, default=5_000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        archive = subprocess.run(["git", "archive", args.against, "matcher"], cwd=ROOT, capture_output=True, check=True)
        tarfile.open(fileobj=BytesIO(archive.stdout)).extractall(other, filter="data")
        files = [Path(tmp) / f for f in ("seekers.jsonl", "positions.jsonl", "big-positions.jsonl",
                                         "batch-seekers.jsonl", "batch-positions.jsonl")]
        make = ("from matcher import jsonl, synth; import sys; "
                "jsonl.write(sys.argv[1], synth.seekers(int(sys.argv[6]), seed=1)); "
                "jsonl.write(sys.argv[2], synth.positions(500, seed=2)); "
                "jsonl.write(sys.argv[3], synth.positions(int(sys.argv[7]), seed=4)); "
                "jsonl.write(sys.argv[4], synth.seekers(int(sys.argv[8]), seed=5)); "
                "jsonl.write(sys.argv[5], synth.positions(int(sys.argv[9]), seed=6))")
        subprocess.run([sys.executable, "-c", make, *map(str, files), str(args.seekers), str(args.positions),
                        str(args.batch_seekers), str(args.batch_positions)], cwd=other, check=True)
        figures = {"this": [], args.against: []}
        for _ in range(args.rounds):
            for name, root in (("this", ROOT), (args.against, other)):
                env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}
                done = subprocess.run([sys.executable, __file__, "--child", *map(str, files[:3])], cwd=root, env=env,
                                      capture_output=True, text=True, check=True)
                figures[name].append(json.loads(done.stdout))
                figures[name][-1].update(batch(root, env, files[3], files[4], Path(tmp) / "matches.jsonl"))
    print(f"{args.seekers:,} seekers, 500 + {args.positions:,} positions (batch: {args.batch_seekers:,} x "
          f"{args.batch_positions:,}), median of {args.rounds} rounds taken in turn")
    print(f"| figure | this | {args.against} | this / {args.against} |\n|---|---|---|---|")
    for key in figures["this"][0]:
        a = statistics.median(f[key] for f in figures["this"])
        b = statistics.median(f[key] for f in figures[args.against])
        print(f"| {key} | {a:.2f} | {b:.2f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
