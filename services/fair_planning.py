"""Before the fair: suggested matches per attendee and the interview plan, from the matcher's fair-day planner."""

from collections import defaultdict

from sqlalchemy.orm import Session

from matcher import Engine, plan_fair
from models import JobFair
from models.exchange import position_record, seeker_record

from .hires import hired_for

#: interviews from 09:00 for three hours, three 20-minute slots an hour, one table per booth
HOURS, SLOTS_PER_HOUR, PER_SEEKER, SUGGESTIONS = 3, 3, 3, 3


def make_plan(session: Session, fair: JobFair) -> dict:
    seekers = {a.seeker.ref: a.seeker for a in fair.attendees}
    positions = {fp.position.ref: fp.position for fp in fair.positions}
    openings = {fp.position.ref: fp.openings for fp in fair.positions}
    position_records = []
    for ref, position in positions.items():
        record = position_record(position)
        record["openings"] = openings[ref]  # what the employer brings to this fair
        position_records.append(record)
    seeker_records = [seeker_record(s) for s in seekers.values()]
    booth_of_employer = {e.employer.credit_code: e.booth or e.employer.name for e in fair.employers}

    # people who hold a position on the fair's day are neither suggested it nor scheduled for it
    hired = [(s, p) for s, p in hired_for(session, [fp.position_id for fp in fair.positions], fair.held_on)
             if s in seekers]
    held: dict[str, list[str]] = defaultdict(list)
    for seeker_ref, position_ref in hired:
        held[seeker_ref].append(position_ref)

    engine = Engine.from_records(seeker_records, position_records)
    suggestions = {}
    for ref in sorted(seekers):
        matches = engine.rank_positions(ref, SUGGESTIONS, exclude=held.get(ref, ()), explain=False)
        suggestions[ref] = [(positions[m.position_id], m.score) for m in matches]

    result = plan_fair(seeker_records, position_records, hours=HOURS, slots_per_hour=SLOTS_PER_HOUR,
                       per_seeker=PER_SEEKER, exclude=hired)
    by_booth: dict[str, list] = defaultdict(list)
    by_seeker: dict[str, list] = defaultdict(list)
    for interview in result.interviews:
        booth = booth_of_employer.get(interview.booth, interview.booth)
        row = {"start": interview.start, "end": interview.end, "table": interview.table, "booth": booth,
               "seeker": seekers[interview.seeker_id], "position": positions[interview.position_id],
               "score": interview.score}
        by_booth[booth].append(row)
        by_seeker[interview.seeker_id].append(row)
    for rows in list(by_booth.values()) + list(by_seeker.values()):
        rows.sort(key=lambda r: (r["start"], r["table"]))
    return {"seekers": seekers, "suggestions": suggestions, "by_booth": dict(sorted(by_booth.items())),
            "by_seeker": dict(sorted(by_seeker.items())), "interviews": len(result.interviews),
            "expected": result.expected_matches}
