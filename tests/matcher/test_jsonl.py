"""JSON Lines reading: the typed fast path agrees with the field-by-field checks of records.py on every line,
good or bad, and a bad line names file, line and field."""

import json

import pytest

from matcher import Position, RecordError, Seeker, synth
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
