import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from matcher.cli import main
from matcher.profile import ABILITY_KEYS

EXAMPLES = Path(__file__).resolve().parents[2] / "matcher" / "examples"
ROOT = EXAMPLES.parents[1]


def write_lines(path, lines):
    path.write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False) for l in lines) + "\n",
                    encoding="utf-8")
    return str(path)


def rank(tmp_path, seekers, positions, *extra):
    out = tmp_path / "matches.jsonl"
    code = main(["rank", "--seekers", seekers, "--positions", positions, "--direction", "candidates",
                 "--top", "2", "--out", str(out), *extra])
    return code, out


def test_readme_example_runs_as_written(tmp_path):
    out = tmp_path / "matches.jsonl"
    done = subprocess.run([sys.executable, "-m", "matcher", "rank", "--seekers", "matcher/examples/seekers.jsonl",
                           "--positions", "matcher/examples/positions.jsonl", "--direction", "positions",
                           "--top", "3", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == lines[0] | {"seeker_id": "S00017", "position_id": "P0043", "rank": 1}
    assert set(lines[0]) == {"seeker_id", "position_id", "rank", "score", "flags", "reasons"}
    for line in lines:
        assert 0 <= line["score"] <= 1 and line["rank"] >= 1
    by_seeker = {}
    for line in lines:
        by_seeker.setdefault(line["seeker_id"], []).append((line["rank"], line["score"]))
    for ranks in by_seeker.values():
        assert [r for r, _ in ranks] == list(range(1, len(ranks) + 1))
        assert [s for _, s in ranks] == sorted((s for _, s in ranks), reverse=True)
    assert "5 read, 0 skipped" in done.stderr


def test_plan_fair_prints_schedules(tmp_path):
    out = tmp_path / "plan.jsonl"
    done = subprocess.run([sys.executable, "-m", "matcher", "plan-fair", "--seekers", "matcher/examples/seekers.jsonl",
                           "--positions", "matcher/examples/positions.jsonl", "--hours", "1", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Booth 913306047XXXXXXXXX" in done.stdout and "Seeker S00021" in done.stdout
    interviews = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert {"seeker_id", "position_id", "booth", "table", "slot", "start", "end", "score"} == set(interviews[0])


BAD_LINES = [
    ("not json {", "(json)"),
    ('{"id": "S9", "township": "百官街道", "abilities": {"vision": 7}}', "abilities.vision"),
    ('{"id": "S9", "township": "百官街道", "abilities": {"eyesight": 3}}', "abilities.eyesight"),
    ('{"id": "S9", "township": "百官街道", "needs": ["lift"]}', "needs[0]"),
    ('{"township": "百官街道"}', "id"),
    ('{"id": "S1", "township": "百官街道"}', "id"),  # duplicate of line 1
    ('{"id": "S9", "lat": 95, "lon": 120.8}', "lat"),
    # every item listed (the fast path) and one bad value
    (json.dumps({"id": "S9", "township": "百官街道", "abilities": dict.fromkeys(ABILITY_KEYS, 3) | {"noise": 7}}),
     "abilities.noise"),
]


@pytest.mark.parametrize("bad, field", BAD_LINES)
def test_bad_line_stops_with_file_line_and_field(tmp_path, capsys, bad, field):
    seekers = write_lines(tmp_path / "s.jsonl", [{"id": "S1", "township": "百官街道"}, "", bad])
    positions = write_lines(tmp_path / "p.jsonl", [{"id": "P1", "township": "百官街道"}])
    code, out = rank(tmp_path, seekers, positions)
    assert code == 1 and not out.exists()
    assert capsys.readouterr().err.startswith(f"error: {seekers}:3: {field}: ")


def test_skip_goes_on_and_counts(tmp_path, capsys):
    seekers = write_lines(tmp_path / "s.jsonl", [{"id": "S1", "township": "百官街道"}] + [b for b, _ in BAD_LINES]
                          + [{"id": "S2", "township": "百官街道"}])
    positions = write_lines(tmp_path / "p.jsonl", [{"id": "P1", "township": "百官街道", "offers": ["nope"]},
                                                   {"id": "P2", "township": "百官街道"}])
    code, out = rank(tmp_path, seekers, positions, "--on-error", "skip")
    err = capsys.readouterr().err
    assert code == 0
    assert f"{seekers}: 2 read, {len(BAD_LINES)} skipped" in err
    assert f"skipped {positions}:1: offers[0]: unknown accommodation key 'nope'" in err
    assert [(m["seeker_id"], m["position_id"]) for m in map(json.loads, out.read_text().splitlines())] == [
        ("S1", "P2"), ("S2", "P2")]


def test_outcomes_train_a_ranking(tmp_path, capsys):
    from matcher import synth
    seekers = write_lines(tmp_path / "s.jsonl", synth.seekers(150, seed=41))
    positions = write_lines(tmp_path / "p.jsonl", synth.positions(30, seed=42))
    outcomes = write_lines(tmp_path / "o.jsonl", [
        {"seeker_id": f"S{i:07d}", "position_id": f"P{j:06d}", "outcome": ("hired", "applied", "shown")[(i + j) % 3]}
        for i in range(150) for j in range(0, 30, 3)] + ['{"seeker_id": "S0000001", "position_id": "P000001", "outcome": "won"}'])
    code, out = rank(tmp_path, seekers, positions, "--outcomes", outcomes, "--on-error", "skip")
    err = capsys.readouterr().err
    assert code == 0 and f"skipped {outcomes}:1501: outcome: 'won'" in err
    assert re.search(r"NDCG@10 on \d+ held-out seekers: default [01]\.\d+, learned [01]\.\d+", err)
    # the learned ranking: its scores, with the rules' reasons and default score beside them
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all("default_score" in line["reasons"] for line in lines)


def test_progress_bar_on_stderr(tmp_path, capsys):
    seekers = write_lines(tmp_path / "s.jsonl", [{"id": "S1", "township": "百官街道"}])
    positions = write_lines(tmp_path / "p.jsonl", [{"id": "P1", "township": "百官街道"}])
    rank(tmp_path, seekers, positions, "--progress")
    captured = capsys.readouterr()
    assert "candidates: 100%" in captured.err and captured.out == ""


def test_usage_errors():
    with pytest.raises(SystemExit):
        main(["rank", "--seekers", "x"])
    with pytest.raises(SystemExit):
        main(["rank", "--seekers", "s", "--positions", "p", "--direction", "sideways", "--out", "o"])


def test_exclude_leaves_out_pairs_and_hints_are_asked_for(tmp_path, capsys):
    seekers = write_lines(tmp_path / "s.jsonl", [{"id": "S1", "township": "百官街道", "desired_wage": 5000},
                                                 {"id": "S2", "township": "百官街道"}])
    positions = write_lines(tmp_path / "p.jsonl", [{"id": "P1", "township": "百官街道", "wage": 4000},
                                                   {"id": "P2", "township": "百官街道"}])
    held = write_lines(tmp_path / "held.jsonl", [{"seeker_id": "S1", "position_id": "P2"},
                                                 {"seeker_id": "S9", "position_id": "P1"}])
    for direction in ("positions", "candidates"):
        out = tmp_path / f"{direction}.jsonl"
        assert main(["rank", "--seekers", seekers, "--positions", positions, "--direction", direction, "--top", "5",
                     "--out", str(out), "--exclude", held, "--hints"]) == 0
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert sorted((m["seeker_id"], m["position_id"]) for m in lines) == [("S1", "P1"), ("S2", "P1"), ("S2", "P2")]
        assert any(m["reasons"]["hints"] for m in lines)
    assert f"{held}: 2 read, 0 skipped" in capsys.readouterr().err
    bad = write_lines(tmp_path / "bad.jsonl", [{"seeker_id": "S1"}])
    assert main(["rank", "--seekers", seekers, "--positions", positions, "--direction", "positions",
                 "--out", str(tmp_path / "x.jsonl"), "--exclude", bad]) == 1
    assert capsys.readouterr().err.endswith(f"error: {bad}:1: position_id: missing\n")


def test_hints_are_left_out_unless_asked_for(tmp_path):
    code, out = rank(tmp_path, "matcher/examples/seekers.jsonl", "matcher/examples/positions.jsonl")
    assert code == 0
    assert all(json.loads(line)["reasons"]["hints"] == [] for line in out.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("bad", [None, 7, "3"])
def test_a_position_line_with_every_item_and_one_bad_value_names_the_field(tmp_path, capsys, bad):
    # every demand listed (the fast path) and one bad value: null is "not assessed" for a seeker, never a demand
    seekers = write_lines(tmp_path / "s.jsonl", [{"id": "S1", "township": "百官街道"}])
    positions = write_lines(tmp_path / "p.jsonl", [{"id": "P1", "township": "百官街道"}, {
        "id": "P2", "township": "百官街道", "demands": dict.fromkeys(ABILITY_KEYS, 2) | {"two_hands": bad}}])
    code, out = rank(tmp_path, seekers, positions)
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err
    assert f"\nerror: {positions}:2: demands.two_hands: " in err and "Traceback" not in err


def test_ranking_for_every_seeker_shared_among_processes_writes_the_same_file(tmp_path, monkeypatch):
    from matcher import cli, synth

    seekers = write_lines(tmp_path / "s.jsonl", synth.seekers(300, seed=31))
    positions = write_lines(tmp_path / "p.jsonl", synth.positions(80, seed=32))
    exclude = write_lines(tmp_path / "x.jsonl", [{"seeker_id": "S0000001", "position_id": "P000003"},
                                                {"seeker_id": "S0000299", "position_id": "P000010"}])
    files = {}
    for share in (1000, 7):  # one share in this process; 43 shares in forked workers
        monkeypatch.setattr(cli, "SHARE", share)
        files[share] = tmp_path / f"matches-{share}.jsonl"
        assert main(["rank", "--seekers", seekers, "--positions", positions, "--direction", "positions",
                     "--top", "5", "--exclude", exclude, "--out", str(files[share])]) == 0
    lines = files[7].read_bytes().splitlines()
    assert len(lines) > 1000 and files[7].read_bytes() == files[1000].read_bytes()
    assert [json.loads(line)["seeker_id"] for line in lines] == sorted(json.loads(line)["seeker_id"] for line in lines)
