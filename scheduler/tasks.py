"""What the jobs do, as plain functions taking a session and dates (ids, not ORM objects, come in).

Each returns a small dict for the run record. None commits: `jobs.execute` commits the effects together
with the run record, so a run is all or nothing.
"""

import hashlib
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models import (Employer, Employment, InsuranceImport, InsurancePayment, Notification, Position, PositionStatus,
                    QuotaAssessment, QuotaSuggestion, Role, Seeker, User)
from webapp.declarations.insurance import import_file
from webapp.declarations.operations import notify_employer, open_window, undeclared_employers

from .mail import Mailer

#: reminders go out on the day the window opens and these many days before it closes
REMINDER_DAYS_BEFORE_CLOSE = (30, 7, 1)
SUGGESTIONS_PER_POSITION = 5


def _notify_staff(session: Session, kind: str, params: dict) -> int:
    staff = session.scalars(select(User.id).where(User.role == Role.STAFF, User.is_active)).all()
    session.add_all(Notification(user_id=user_id, kind=kind, params=params) for user_id in staff)
    return len(staff)


def send_declaration_reminders(session: Session, day: date, mailer: Mailer | None = None) -> dict:
    """On reminder days of an open window: every employer that has not submitted is told, in the app (and by
    e-mail when SMTP is configured and the login is an address); staff get the list's size."""
    reminded, mailed, windows = 0, 0, []
    for jurisdiction in session.scalars(select(Employer.jurisdiction).distinct()):
        window = open_window(jurisdiction, day)
        if window is None or not (day == window.opens or (window.closes - day).days in REMINDER_DAYS_BEFORE_CLOSE):
            continue
        windows.append(f"{jurisdiction}:{window.year}")
        employer_ids = undeclared_employers(session, jurisdiction, window.year)
        params = {"year": window.year, "closes": window.closes.isoformat()}
        for employer_id in employer_ids:
            if notify_employer(session, employer_id, "declaration_reminder", params):
                reminded += 1
        if mailer is not None and employer_ids:
            addresses = session.scalars(select(User.username).where(
                User.employer_id.in_(employer_ids), User.role == Role.EMPLOYER, User.is_active,
                User.username.contains("@"))).all()
            mailed += mailer.send(list(addresses), f"按比例就业申报提醒 / Quota declaration reminder {window.year}",
                                  f"请在 {window.closes} 前提交 {window.year} 年度按比例安排残疾人就业申报。\n"
                                  f"Please submit your quota declaration for {window.year} by {window.closes}.\n")
        _notify_staff(session, "declarations_missing", {**params, "jurisdiction": jurisdiction,
                                                        "count": len(employer_ids)})
    return {"windows": windows, "employers_reminded": reminded, "emails": mailed}


def below_quota_employers(session: Session) -> list[int]:
    """Employers whose latest snapshot is short and not exempt."""
    latest = (select(func.max(QuotaAssessment.id)).where(QuotaAssessment.kind == "snapshot")
              .group_by(QuotaAssessment.employer_id))
    return list(session.scalars(select(QuotaAssessment.employer_id).where(
        QuotaAssessment.id.in_(latest), QuotaAssessment.shortfall > 0, QuotaAssessment.exempt.is_(False))))


def suggest_candidates(session: Session, week: str, per_position: int = SUGGESTIONS_PER_POSITION) -> dict:
    """For each employer below its quota with open positions, the best consenting candidates per position."""
    from matcher import Engine
    from models.exchange import matchable_seekers, position_record, seeker_record

    short = below_quota_employers(session)
    positions = session.scalars(select(Position).where(Position.employer_id.in_(short),
                                                       Position.status == PositionStatus.OPEN)
                                .order_by(Position.id)).all() if short else []
    session.execute(delete(QuotaSuggestion).where(QuotaSuggestion.week == week))
    if not positions:
        return {"employers": 0, "suggestions": 0}
    seekers = list(matchable_seekers(session))
    seeker_ids = {s.ref: s.id for s in seekers}
    engine = Engine.from_records([seeker_record(s) for s in seekers], [position_record(p) for p in positions])
    per_employer: dict[int, int] = {}
    for position in positions:
        for match in engine.rank_candidates(position.ref, k=per_position, explain=False):
            if match.score is None:
                continue
            session.add(QuotaSuggestion(week=week, employer_id=position.employer_id, position_id=position.id,
                                        seeker_id=seeker_ids[match.seeker_id], rank=match.rank,
                                        score=float(match.score)))
            per_employer[position.employer_id] = per_employer.get(position.employer_id, 0) + 1
    for employer_id, count in per_employer.items():
        notify_employer(session, employer_id, "quota_suggestions", {"week": week, "count": count})
    total = sum(per_employer.values())
    _notify_staff(session, "quota_suggestions_staff", {"week": week, "employers": len(per_employer),
                                                       "count": total})
    return {"employers": len(per_employer), "suggestions": total}


def import_insurance_inbox(session: Session, folder: Path | None) -> dict:
    """Import every CSV or XLSX file in the inbox not imported before (by content), then flag stopped insurance."""
    if folder is None or not Path(folder).is_dir():
        return {"folder": str(folder) if folder else None, "imported": 0, "rejected": 0, "stopped": 0}
    imported, rejected = [], []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in (".csv", ".xlsx") or not path.is_file():
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if session.scalar(select(InsuranceImport.id).where(InsuranceImport.sha256 == digest)):
            continue  # imported (or rejected) before: a file is handled once
        record = import_file(session, path.name, data)
        (imported if record.status == "imported" else rejected).append(path.name)
    stopped = flag_stopped_insurance(session)
    if imported or rejected or stopped:
        _notify_staff(session, "insurance_import", {"imported": imported, "rejected": rejected,
                                                    "stopped": stopped})
    return {"folder": str(folder), "imported": len(imported), "rejected": len(rejected), "stopped": len(stopped)}


def flag_stopped_insurance(session: Session) -> list[int]:
    """Current employments whose person's insurance, paid by the employer before, is missing from the latest
    month the bureau reported for that employer: their ids (staff are told; nothing is changed)."""
    latest_of_employer = dict(session.execute(
        select(InsurancePayment.credit_code, func.max(InsurancePayment.year * 100 + InsurancePayment.month))
        .group_by(InsurancePayment.credit_code)).all())
    if not latest_of_employer:
        return []
    latest_of_person = dict(((c, e), m) for c, e, m in session.execute(
        select(InsurancePayment.citizen_id, InsurancePayment.credit_code,
               func.max(InsurancePayment.year * 100 + InsurancePayment.month))
        .group_by(InsurancePayment.citizen_id, InsurancePayment.credit_code)).all())
    stopped = []
    for employment_id, certificate, credit_code in session.execute(
            select(Employment.id, Seeker.certificate_number, Employer.credit_code)
            .join(Seeker, Seeker.id == Employment.seeker_id).join(Employer, Employer.id == Employment.employer_id)
            .where(Employment.end_on.is_(None)).order_by(Employment.id)):
        person = latest_of_person.get((certificate[:18], credit_code))
        if person is not None and person < latest_of_employer[credit_code]:
            stopped.append(employment_id)
    return stopped


def expire_training_offers(session: Session, now: datetime) -> dict:
    """The trainings area's offer expiry, when it is installed."""
    try:
        from webapp.trainings.operations import expire_offers
    except ImportError:
        return {"expired": 0, "available": False}
    return {"expired": expire_offers(session, now), "available": True}
