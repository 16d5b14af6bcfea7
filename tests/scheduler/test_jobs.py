"""Each job fires when it should (a controlled clock walks the triggers), does its work once per period, and
what the reminders, suggestions and insurance inbox do."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models import (DeclarationStatus, InsuranceImport, InsurancePayment, Notification, QuotaAssessment,
                    QuotaDeclaration, QuotaSuggestion, SchedulerRun, User)
from scheduler import jobs
from scheduler.jobs import TZ
from services import declarations, insurance, suggestions
from services.mail import Mailer, mailer_from_env
from tests.factories import make_seeker

pytestmark = pytest.mark.db


def fire_times(start: datetime, end: datetime) -> list[tuple[datetime, str]]:
    out = []
    for job_id, spec in jobs.SPECS.items():
        fire = spec.trigger.get_next_fire_time(None, start)
        while fire < end:
            out.append((fire, job_id))
            fire = spec.trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return sorted(out)


def test_each_job_fires_when_it_should_and_runs_each_period_once(db, district):
    start, end = datetime(2027, 2, 27, tzinfo=TZ), datetime(2027, 3, 9, tzinfo=TZ)
    fires = fire_times(start, end)
    by_job = {job_id: [f for f, j in fires if j == job_id] for job_id in jobs.SPECS}
    assert [f.strftime("%m-%d %H:%M") for f in by_job["nightly-recompute"]][:3] == ["02-27 02:00", "02-28 02:00",
                                                                                   "03-01 02:00"]
    assert [f.strftime("%a %m-%d %H:%M") for f in by_job["weekly-suggestions"]] == ["Mon 03-01 03:00",
                                                                                   "Mon 03-08 03:00"]
    assert [f.strftime("%m-%d %H:%M") for f in by_job["insurance-inbox"]] == ["03-01 04:00"]
    assert len(by_job["expire-training-offers"]) == 10 * 24 and all(f.minute == 5 for f in
                                                                     by_job["expire-training-offers"])
    assert len(by_job["declaration-reminders"]) == 10
    assert [f.strftime("%a %m-%d %H:%M") for f in by_job["retrain-ranker"]] == ["Sun 02-28 04:00",
                                                                               "Sun 03-07 04:00"]

    # the SMS outbox fires every 5 minutes (2,880 periods here): test_the_sms_outbox_runs_once_per_period
    assert len(by_job["send-sms"]) == 10 * 24 * 12 and all(f.minute % 5 == 0 for f in by_job["send-sms"])
    fires = [(fire, job_id) for fire, job_id in fires if job_id != "send-sms"]
    for fire, job_id in fires:
        assert jobs.execute(job_id, fire, session=db) == "ran", (job_id, fire)
        # the same moment again, or a catch-up a minute later, runs nothing twice
        assert jobs.execute(job_id, fire + timedelta(minutes=1), session=db) == "done-before"
    assert jobs.pending(end, session=db) == ["send-sms"]
    runs = db.scalars(select(SchedulerRun)).all()
    assert len(runs) == len(fires)
    assert len({(r.job_id, r.run_key) for r in runs}) == len(runs)
    # the reminders only remind on the day the 2026 window opens (2027-03-01)
    # no outcome recorded yet: nothing to learn, and no model kept
    assert [r.detail for r in runs if r.job_id == "retrain-ranker"] == [{"outcomes": 0, "kept": False}] * 2
    reminders = {r.run_key: r.detail["employers_reminded"] for r in runs if r.job_id == "declaration-reminders"}
    assert reminders["2027-03-01"] == len(district) and sum(reminders.values()) == len(district)
    # one snapshot per employer and night
    nights = len(by_job["nightly-recompute"])
    assert db.scalar(select(func.count()).select_from(QuotaAssessment)) == nights * len(district)


def test_the_sms_outbox_runs_once_per_period(db):
    fire = datetime(2027, 3, 1, 9, 5, tzinfo=TZ)
    assert jobs.execute("send-sms", fire + timedelta(minutes=2), session=db) == "ran"
    assert jobs.execute("send-sms", fire + timedelta(minutes=4), session=db) == "done-before"
    assert jobs.execute("send-sms", fire + timedelta(minutes=5), session=db) == "ran"
    runs = db.scalars(select(SchedulerRun).where(SchedulerRun.job_id == "send-sms")).all()
    assert [(r.run_key, r.detail) for r in runs] == [("2027-03-01T09:05", {"sent": 0, "failed": 0}),
                                                     ("2027-03-01T09:10", {"sent": 0, "failed": 0})]


def test_a_job_before_its_first_fire_is_not_due(db, district):
    assert jobs.last_fire("insurance-inbox", datetime(2027, 3, 1, 3, 59, tzinfo=TZ)).month == 2
    assert jobs.run_key("weekly-suggestions", datetime(2027, 1, 4, 3, tzinfo=TZ)) == "2027-W01"


def test_reminders_skip_employers_that_submitted_and_email_only_with_smtp(db, district, monkeypatch):
    submitted = QuotaDeclaration(employer_id=district[0].id, year=2026, status=DeclarationStatus.SUBMITTED,
                                 staff_by_month=[25] * 12, total_wages=Decimal("1000000"))
    draft = QuotaDeclaration(employer_id=district[1].id, year=2026, status=DeclarationStatus.DRAFT,
                             staff_by_month=[30] * 12, total_wages=Decimal("1000000"))
    db.add_all([submitted, draft])
    db.flush()
    assert mailer_from_env({}) is None
    sent = []

    class FakeMailer(Mailer):
        def send(self, to, subject, body):
            sent.extend(to)
            return len(to)

    day = date(2027, 6, 23)  # 7 days before the window closes
    result = declarations.send_declaration_reminders(db, day, FakeMailer("smtp.invalid"))
    assert result["employers_reminded"] == len(district) - 1
    assert sent == sorted(sent) or len(sent) == len(district) - 1
    reminded = db.scalars(select(User.employer_id).join(Notification, Notification.user_id == User.id)
                          .where(Notification.kind == "declaration_reminder")).all()
    assert district[0].id not in reminded and district[1].id in reminded
    staff_note = db.scalar(select(Notification).where(Notification.kind == "declarations_missing"))
    assert staff_note.params["count"] == len(district) - 1
    assert declarations.send_declaration_reminders(db, date(2027, 6, 22))["employers_reminded"] == 0  # not a reminder day


def test_weekly_suggestions_for_employers_below_quota_with_open_positions(db, district):
    from services.recompute import recompute_snapshots

    township = district[0].township
    for i in range(3):
        make_seeker(db, township, consent_share=True, is_looking=True, name=f"候选人{i}",
                    abilities={"vision": 4, "hearing": 4, "lifting": 3})
    db.flush()
    recompute_snapshots(db, date(2027, 3, 1))
    result = suggestions.suggest_candidates(db, "2027-W09")
    short = suggestions.below_quota_employers(db)
    assert district[9].id in short  # 450 staff, no hire, an open position
    assert result["employers"] == 1 and result["suggestions"] >= 1
    rows = db.scalars(select(QuotaSuggestion)).all()
    assert {r.employer_id for r in rows} == {district[9].id}
    assert db.scalar(select(Notification).where(Notification.kind == "quota_suggestions")) is not None
    assert suggestions.suggest_candidates(db, "2027-W09")["suggestions"] == result["suggestions"]
    assert len(db.scalars(select(QuotaSuggestion)).all()) == len(rows)  # the week replaced, not doubled


def test_weekly_suggestions_leave_out_people_the_employer_already_employs(db, district):
    from models import Employment, EmploymentSource
    from services.recompute import recompute_snapshots

    township = district[0].township
    people = [make_seeker(db, township, consent_share=True, is_looking=True, name=f"候选人{i}",
                          abilities={"vision": 4, "hearing": 4, "lifting": 3}) for i in range(3)]
    db.flush()
    recompute_snapshots(db, date(2027, 3, 1))
    suggestions.suggest_candidates(db, "2027-W09", day=date(2027, 3, 1))
    suggested = {r.seeker_id for r in db.scalars(select(QuotaSuggestion).where(
        QuotaSuggestion.employer_id == district[9].id))}
    hired = next(p for p in people if p.id in suggested)
    db.add(Employment(seeker_id=hired.id, employer_id=district[9].id, start_on=date(2027, 3, 1),
                      source=EmploymentSource.STAFF, social_insurance=False))
    db.flush()
    suggestions.suggest_candidates(db, "2027-W09", day=date(2027, 3, 2))
    again = {r.seeker_id for r in db.scalars(select(QuotaSuggestion).where(
        QuotaSuggestion.employer_id == district[9].id))}
    assert hired.id not in again and again


def test_insurance_inbox_imports_once_rejects_bad_files_whole_and_flags_stopped(db, district, tmp_path):
    from models import Employment, EmploymentSource

    employer = district[5]
    person = make_seeker(db, employer.township)
    db.add(Employment(seeker=person, employer=employer, start_on=date(2026, 1, 1), contract_months=0,
                      source=EmploymentSource.STAFF))
    colleague = make_seeker(db, employer.township)
    db.flush()

    def write(name, rows):
        buffer = io.StringIO()
        csv.writer(buffer).writerows([["id_number", "credit_code", "year", "months"], *rows])
        (tmp_path / name).write_text(buffer.getvalue())

    write("2027-01.csv", [[person.certificate_number[:18], employer.credit_code, 2026, "1-12"],
                          [colleague.certificate_number, employer.credit_code, 2027, "1-2"]])
    write("broken.csv", [[person.certificate_number, employer.credit_code, 2027, "14"]])
    (tmp_path / "notes.txt").write_text("ignored")
    result = insurance.import_insurance_inbox(db, tmp_path)
    assert result == {"folder": str(tmp_path), "imported": 1, "rejected": 1, "stopped": 1}
    assert db.scalar(select(func.count()).select_from(InsurancePayment)) == 14
    assert insurance.import_insurance_inbox(db, tmp_path)["imported"] == 0  # nothing twice
    assert db.scalar(select(func.count()).select_from(InsuranceImport)) == 2
    note = db.scalar(select(Notification).where(Notification.kind == "insurance_import"))
    assert note.params["rejected"] == ["broken.csv"] and len(note.params["stopped"]) == 1


def test_nightly_run_assesses_declarations_that_have_no_assessment(db, district):
    declaration = QuotaDeclaration(employer_id=district[9].id, year=2026, status=DeclarationStatus.APPROVED,
                                   staff_by_month=[450] * 12, total_wages=Decimal("27000000"))
    db.add(declaration)
    db.flush()
    assert jobs.execute("nightly-recompute", datetime(2027, 3, 2, 2, 30, tzinfo=TZ), session=db) == "ran"
    run = db.scalar(select(SchedulerRun).where(SchedulerRun.job_id == "nightly-recompute"))
    assert run.detail["declarations_assessed"] == 1
    stored = db.scalar(select(QuotaAssessment).where(QuotaAssessment.declaration_id == declaration.id))
    # 450 x 1.5% = 6.75 short, wage 60,000 (below the cap of 2 x 100,000), ratio 0 < 1%: 90% -> 364,500
    assert stored.levy_due == Decimal("364500.00")


def test_in_the_inbox_a_bad_file_is_set_aside_and_named_and_the_others_are_imported(db, district, tmp_path,
                                                                                     monkeypatch):
    employer = district[5]
    person = make_seeker(db, employer.township)
    db.flush()
    row = [person.certificate_number[:18], employer.credit_code]
    for name, year, months in (("a.csv", "2026", "1"), ("b.csv", "²⁰²⁶", "2"), ("c.csv", "2026", "1-10000000"),
                               ("d.csv", "2026", "3"), ("e.csv", "2026", "4")):
        (tmp_path / name).write_text(f"id_number,credit_code,year,months\n{','.join(row)},{year},{months}\n")
    # a fault no check foresees (as the year in b.csv was before digits were read strictly)
    parse_file = insurance.parse_file
    monkeypatch.setattr(insurance, "parse_file", lambda name, data: 1 / 0 if name == "d.csv" else parse_file(name, data))
    result = insurance.import_insurance_inbox(db, tmp_path)
    assert (result["imported"], result["rejected"]) == (2, 3)
    assert sorted(p.name for p in (tmp_path / "rejected").iterdir()) == ["b.csv", "c.csv", "d.csv"]
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == ["a.csv", "e.csv"]
    assert sorted(db.scalars(select(InsurancePayment.month))) == [1, 4]
    note = db.scalar(select(Notification).where(Notification.kind == "insurance_import"))
    assert note.params["imported"] == ["a.csv", "e.csv"] and note.params["rejected"] == ["b.csv", "c.csv", "d.csv"]
    rejected = db.scalars(select(InsuranceImport).where(InsuranceImport.status == "rejected")).all()
    assert sorted((r.filename, r.errors[0]["line"], r.errors[0]["column"]) for r in rejected) == [
        ("b.csv", 2, "year"), ("c.csv", 2, "months")]
