"""JSON Lines reading: the typed fast path agrees with the field-by-field checks of records.py on every line,
good or bad, and a bad line names file, line and field."""

import json

import numpy as np
import pytest

from matcher import Engine, Position, RecordError, Seeker, jsonl, synth
from matcher.jsonl import LineError, Outcome, Reader, parse
from matcher.profile import ABILITY_KEYS

from .conftest import position_dict, seeker_dict

ALL_ITEMS = dict.fromkeys(ABILITY_KEYS, 3)

SEEKER_CHANGES = [
    {}, {"id": 17}, {"id": " S1 "}, {"id": "   "}, {"id": "S" * 65}, {"id": True}, {"id": None},
    {"abilities": None}, {"abilities": {}}, {"abilities": {"vision": None}}, {"abilities": {"vision": 3.0}},
    {"abilities": {"vision": 2.5}}, {"abilities": {"vision": "3"}}, {"abilities": {"vision": True}},
    {"abilities": {"vision": 6}}, {"abilities": {"vision": -1}}, {"abilities": {"visoin": 3}},
    {"abilities": ALL_ITEMS | {"noise": None}}, {"abilities": ALL_ITEMS | {"noise": 7}},
    {"abilities": ALL_ITEMS | {"noise": 7.0}}, {"abilities": [3, 4]},
    {"needs": None, "needs_required": None}, {"needs": ["quiet_space"], "needs_required": ["quiet_space"]},
    {"needs": ["quiet_space"], "needs_required": ["job_coach"]}, {"needs": ["ramp"]}, {"needs": "quiet_space"},
    {"lat": None, "lon": None, "township": "汤浦镇"}, {"lat": None, "lon": None, "township": "火星镇"},
    {"lat": None, "lon": None}, {"lat": None}, {"lat": 30}, {"lat": 95}, {"lat": True}, {"lon": "east"},
    {"max_commute_km": 12}, {"max_commute_km": None}, {"max_commute_km": -1}, {"max_commute_km": 1e400},
    {"remote_ok": None}, {"remote_ok": "yes"}, {"skills": None}, {"skills": ["Excel", " ", "面点"]},
    {"skills": ["Excel", 3]}, {"skills": "Excel"}, {"desired_wage": 3500.5}, {"desired_wage": None},
    {"hours_per_week": 200}, {"hours_per_week": False}, {"township": 7}, {"unlisted_field": [1, {"a": None}]},
]
POSITION_CHANGES = [
    {}, {"demands": None}, {"demands": {"sitting": None}}, {"demands": ALL_ITEMS | {"noise": None}},
    {"demands": {"sitting": 9}}, {"demands": {"flying": 1}}, {"essential": ["sitting"]}, {"essential": ["flying"]},
    {"essential": None}, {"offers": ["lift"]}, {"offers": ["screen_reader"], "remote": True},
    {"remote": True, "lat": None, "lon": None}, {"remote": 1}, {"openings": 2.0}, {"openings": 1.5},
    {"openings": -1}, {"employer_id": 913306047}, {"employer_id": ""}, {"title": 3}, {"title": "文员"},
    {"wage": 4200}, {"wage": -1}, {"hours_per_week": 44}, {"lat": None, "lon": None},
]


def outcome_of(kind, line: bytes):
    """The record, or the field of the error, by the typed path and by json.loads + from_dict."""
    def field_or(f):
        try:
            return f()
        except RecordError as e:
            return e.field
    fast = field_or(lambda: parse(kind, line))
    slow = field_or(lambda: kind.from_dict(json.loads(line)))
    return fast, slow


@pytest.mark.parametrize("change", SEEKER_CHANGES)
def test_seeker_line_reads_as_the_checks_say(change):
    fast, slow = outcome_of(Seeker, json.dumps(seeker_dict() | change, ensure_ascii=False).encode())
    assert fast == slow


@pytest.mark.parametrize("change", POSITION_CHANGES)
def test_position_line_reads_as_the_checks_say(change):
    fast, slow = outcome_of(Position, json.dumps(position_dict() | change, ensure_ascii=False).encode())
    assert fast == slow


@pytest.mark.parametrize("line", [
    {"seeker_id": "S1", "position_id": "P1", "outcome": "hired"}, {"seeker_id": 1, "position_id": " P1", "outcome": "shown"},
    {"seeker_id": "S1", "position_id": "P1", "outcome": "won"}, {"seeker_id": "", "position_id": "P1", "outcome": "hired"},
    {"seeker_id": True, "position_id": "P1", "outcome": "hired"}, {"position_id": "P1", "outcome": "hired"},
    {"seeker_id": "S" * 80, "position_id": "P1", "outcome": "hired"}, [1],
])
def test_outcome_line_reads_as_the_checks_say(line):
    fast, slow = outcome_of(Outcome, json.dumps(line).encode())
    assert fast == slow


def test_generated_district_reads_the_same_both_ways():
    for d in synth.seekers(300, seed=3):
        assert parse(Seeker, json.dumps(d, ensure_ascii=False).encode()) == Seeker.from_dict(d)
    for d in synth.positions(100, seed=4):
        assert parse(Position, json.dumps(d, ensure_ascii=False).encode()) == Position.from_dict(d)


def test_an_item_written_as_a_whole_float_reads_as_the_integer():
    s = parse(Seeker, json.dumps(seeker_dict(abilities={"vision": 3.0})).encode())
    assert s.abilities[ABILITY_KEYS.index("vision")] == 3 and type(s.abilities[ABILITY_KEYS.index("vision")]) is int


def test_reader_names_file_line_and_field(tmp_path):
    path = tmp_path / "seekers.jsonl"
    good = json.dumps(seeker_dict(id="S1"), ensure_ascii=False).encode()
    lines = [b"\xef\xbb\xbf" + good, b"", b"   ", json.dumps(seeker_dict(id="S2", abilities=ALL_ITEMS | {"noise": None,
             "hearing": 7})).encode(), b'{"id": "S3", "township": "\xe7\x99\xbe\xff"}', b"NaN", b'{"id": "S4", "lat": NaN}',
             good]
    path.write_bytes(b"\n".join(lines) + b"\n")
    reader = Reader(path, Seeker, on_error="skip")
    assert [s.id for s in reader] == ["S1"] and reader.count == 1
    assert [(e.line, e.field) for e in reader.errors] == [(4, "abilities.hearing"), (5, "(json)"), (6, "(record)"),
                                                          (7, "lat"), (8, "id")]
    assert str(reader.errors[0]) == f"{path}:4: abilities.hearing: 7 is outside 0-5"
    assert reader.errors[1].message == "not UTF-8 text at byte 30"
    assert reader.errors[4].message == "duplicate id 'S1' (first on line 1)"
    with pytest.raises(LineError, match=r":4: abilities\.hearing: "):
        list(Reader(path, Seeker))


def test_reader_reads_outcomes_with_repeated_pairs(tmp_path):
    path = tmp_path / "outcomes.jsonl"
    path.write_text('{"seeker_id": "S1", "position_id": "P1", "outcome": "shown"}\n'
                    '{"seeker_id": "S1", "position_id": "P1", "outcome": "hired"}\n', encoding="utf-8")
    assert [o.outcome for o in Reader(path, Outcome, unique_ids=False)] == ["shown", "hired"]


# -- seekers read as columns (Reader.batches, as Engine.add_seekers reads a Reader) ---------------------------

def write_lines(path, dicts):
    path.write_bytes(b"".join(json.dumps(d, ensure_ascii=False).encode() + b"\n" for d in dicts))
    return path


def many_seekers(n):
    return [seeker_dict(id=f"S{i}", lat=30.0 + i / 1e6, max_commute_km=i % 50) for i in range(1, n + 1)]


@pytest.mark.parametrize("change", SEEKER_CHANGES)
def test_seeker_line_reads_the_same_as_columns(tmp_path, change):
    path = write_lines(tmp_path / "seekers.jsonl", [seeker_dict(id="S0"), seeker_dict(id="S1") | change,
                                                    seeker_dict(id="S2")])
    by_line = Reader(path, Seeker, on_error="skip")
    records = list(by_line)
    engine, as_columns = Engine(), Reader(path, Seeker, on_error="skip")
    assert engine.add_seekers(as_columns) == len(records) == as_columns.count
    assert [engine.seeker(s.id) for s in records] == records
    assert [str(e) for e in as_columns.errors] == [str(e) for e in by_line.errors]


def test_a_bad_line_in_a_large_block_is_named_or_skipped_alone(tmp_path):
    dicts = many_seekers(40_000)
    dicts[30_000]["abilities"] = ALL_ITEMS | {"noise": 7}
    path = write_lines(tmp_path / "seekers.jsonl", dicts)
    with pytest.raises(LineError) as stop:
        Engine().add_seekers(Reader(path, Seeker))
    assert str(stop.value) == f"{path}:30001: abilities.noise: 7 is outside 0-5"
    engine, reader = Engine(), Reader(path, Seeker, on_error="skip")
    assert engine.add_seekers(reader) == 39_999 == reader.count == engine.n_seekers
    assert [(e.line, e.field) for e in reader.errors] == [(30_001, "abilities.noise")]
    assert "S30001" not in engine.seeker_ids() and engine.seeker("S30002").max_commute_km == 30_002 % 50


@pytest.mark.parametrize("bad", [7, "3", 2.5, None])
def test_a_seeker_listing_every_item_names_the_bad_one(tmp_path, bad):
    path = write_lines(tmp_path / "seekers.jsonl",
                       [seeker_dict(id="S1"), seeker_dict(id="S2", abilities=ALL_ITEMS | {"noise": bad})])
    reader = Reader(path, Seeker, on_error="skip")
    engine = Engine()
    engine.add_seekers(reader)
    if bad is None:  # not assessed: allowed for a seeker
        assert not reader.errors and engine.seeker("S2").abilities[ABILITY_KEYS.index("noise")] is None
    else:
        assert [(e.line, e.field) for e in reader.errors] == [(2, "abilities.noise")]
        assert engine.seeker_ids() == ["S1"]


@pytest.mark.parametrize("repeat", [5, 19_990])  # in another block, and in the same block
def test_a_repeated_id_is_named_with_its_first_line(tmp_path, repeat):
    dicts = many_seekers(25_000)
    dicts[21_999] = dicts[repeat - 1] | {"max_commute_km": 49}
    path = write_lines(tmp_path / "seekers.jsonl", dicts)
    with pytest.raises(LineError, match=rf":22000: id: duplicate id 'S{repeat}' \(first on line {repeat}\)$"):
        Engine().add_seekers(Reader(path, Seeker))
    engine, reader = Engine(), Reader(path, Seeker, on_error="skip")
    assert engine.add_seekers(reader) == 24_999 and [e.line for e in reader.errors] == [22_000]
    assert engine.seeker(f"S{repeat}").max_commute_km == repeat % 50


def test_columns_and_records_load_the_same_engine(tmp_path, monkeypatch):
    dicts = synth.seekers(3000, seed=7)
    odd = [{"id": 17}, {"id": " S1 "}, {"lat": None, "lon": None, "township": "汤浦镇"}, {"remote_ok": None},
           {"skills": ["Excel", " ", "面点"]}, {"skills": None}, {"needs": None, "needs_required": None},
           {"needs": ["quiet_space"], "needs_required": ["quiet_space"]}, {"abilities": None},
           {"max_commute_km": None}, {"desired_wage": None, "hours_per_week": None}, {"abilities": {"vision": 3.0}}]
    for i, change in enumerate(odd):
        dicts[100 * i] = dicts[100 * i] | change
    path = write_lines(tmp_path / "seekers.jsonl", dicts)
    from_file, from_records = Engine(), Engine()
    reader = Reader(path, Seeker)
    parsed = []
    monkeypatch.setattr(jsonl, "parse", lambda kind, line: parsed.append(line) or parse(kind, line))
    assert from_file.add_seekers(reader, chunk=700) == 3000 and reader.count == 3000
    assert len(parsed) == 700  # only the block with 3.0 for 3 (too much for the typed schema) went line by line
    from_records.add_seekers([Seeker.from_dict(d) for d in dicts], chunk=700)  # strings interned in the same order
    ids = from_records.seeker_ids()
    assert from_file.seeker_ids() == ids and "17" in ids and "S1" in ids
    for id_ in ids:
        assert from_file.seeker(id_) == from_records.seeker(id_)
    a, b = from_file._s, from_records._s
    for name in b.arrays:
        assert np.array_equal(a[name][..., [a.row[i] for i in ids]], b[name][..., [b.row[i] for i in ids]],
                              equal_nan=a[name].dtype.kind == "f"), name
    positions = synth.positions(40, seed=8)
    from_file.add_positions(positions)
    from_records.add_positions(positions)
    for p in from_records.position_ids()[:15]:
        assert from_file.rank_candidates(p, 20) == from_records.rank_candidates(p, 20)
