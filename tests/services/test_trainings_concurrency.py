"""200 people sign up at the same moment for 30 places, on real threads against a real database (a SQLite file,
or the PostgreSQL server of DATABASE_URL): exactly 30 confirmed, 170 waitlisted, in arrival order."""

import threading
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select

from models import (AuditEntry, Course, Notification, Seeker, SignUp, SignUpState, Township, TrainingSession,
                    make_engine, make_session_factory)
from services.trainings import accept_offer, expire_offers, places_left, sign_up, waiting_list, withdraw

pytestmark = pytest.mark.db

PEOPLE, PLACES = 200, 30
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def district(engine):
    """Committed rows (other connections must see them), removed again afterwards."""
    from tests.factories import make_seeker, make_township

    factory = make_session_factory(engine)
    with factory() as session:
        township = make_township(session, "91", "并发测试镇")
        course = Course(title_zh="电商直播", title_en="E-commerce livestreaming")
        training = TrainingSession(course=course, starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 10),
                                   place="上虞区残联培训中心", capacity=PLACES, offer_hours=48)
        session.add(training)
        seekers = [make_seeker(session, township, name=f"并发{i}") for i in range(PEOPLE)]
        session.commit()
        ids = {"township": township.id, "course": course.id, "session": training.id,
               "seekers": [s.id for s in seekers]}
    yield factory, ids
    with factory() as session:
        sign_up_ids = select(SignUp.id).where(SignUp.session_id == ids["session"])
        session.execute(delete(AuditEntry).where(AuditEntry.subject_type == "sign_up",
                                                 AuditEntry.subject_id.in_(sign_up_ids)))
        session.execute(delete(Notification).where(Notification.kind.like("training_%")))
        session.execute(delete(SignUp).where(SignUp.session_id == ids["session"]))
        session.execute(delete(TrainingSession).where(TrainingSession.id == ids["session"]))
        session.execute(delete(Course).where(Course.id == ids["course"]))
        session.execute(delete(Seeker).where(Seeker.id.in_(ids["seekers"])))
        session.execute(delete(Township).where(Township.id == ids["township"]))
        session.commit()


def crowd_engine(database_url):
    """Connections for the crowd: 40 on PostgreSQL (the server allows 100 in all, shared), one per thread on SQLite;
    a thread waits for a free connection rather than failing."""
    if database_url.startswith("postgresql"):
        return make_engine(database_url, pool_size=40, max_overflow=0, pool_timeout=300)
    return make_engine(database_url, pool_size=PEOPLE, max_overflow=0, pool_timeout=300,
                       connect_args={"timeout": 300, "check_same_thread": False})


def test_200_at_once_for_30_places(district, database_url):
    factory, ids = district
    engine = crowd_engine(database_url)
    threads_factory = make_session_factory(engine)
    start = threading.Barrier(PEOPLE)
    results, errors = {}, []
    started = time.perf_counter()

    def one(seeker_id):
        try:
            start.wait()  # all threads released at once
            with threads_factory() as session:
                # as the web does: the clock is read when the request comes in, before the lock is waited for
                now = NOW + timedelta(seconds=time.perf_counter() - started)
                entry = sign_up(session, ids["session"], seeker_id, now)
                session.commit()
                results[seeker_id] = (entry.id, entry.state)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=one, args=(seeker_id,)) for seeker_id in ids["seekers"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert errors == []
    assert len(results) == PEOPLE

    with factory() as session:
        rows = session.scalars(select(SignUp).where(SignUp.session_id == ids["session"]).order_by(SignUp.id)).all()
        states = [row.state for row in rows]
        assert states.count(SignUpState.CONFIRMED) == PLACES
        assert states.count(SignUpState.WAITLISTED) == PEOPLE - PLACES
        # arrival order: the first 30 to get through are the confirmed ones, the line keeps the order of arrival
        assert states == [SignUpState.CONFIRMED] * PLACES + [SignUpState.WAITLISTED] * (PEOPLE - PLACES)
        assert [row.id for row in waiting_list(session, ids["session"])] == [row.id for row in rows[PLACES:]]
        # everyone confirmed arrived before everyone waiting
        arrival = {row.id: (row.created_at, row.id) for row in rows}
        assert max(arrival[row.id] for row in rows[:PLACES]) < min(arrival[row.id] for row in rows[PLACES:])
        assert places_left(session, session.get(TrainingSession, ids["session"])) == 0


def test_withdrawals_and_expiries_at_once_never_oversubscribe(district, database_url):
    """Thirty withdrawals, accepts and the hourly expiry all racing: the places held never exceed capacity."""
    factory, ids = district
    with factory() as session:
        for seeker_id in ids["seekers"][:100]:
            sign_up(session, ids["session"], seeker_id, NOW)
        session.commit()
        confirmed = [s.id for s in session.scalars(select(SignUp).where(
            SignUp.session_id == ids["session"], SignUp.state == SignUpState.CONFIRMED))]
    engine = crowd_engine(database_url)
    threads_factory = make_session_factory(engine)
    start = threading.Barrier(20)
    errors = []

    def leave(sign_up_id):
        try:
            start.wait()
            with threads_factory() as session:
                withdraw(session, sign_up_id, NOW)
                session.commit()
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=leave, args=(i,)) for i in confirmed[:20]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with factory() as session:
        offered = session.scalars(select(SignUp).where(SignUp.session_id == ids["session"],
                                                       SignUp.state == SignUpState.OFFERED).order_by(SignUp.id)).all()
        assert [o.id for o in offered] == sorted(o.id for o in offered)
        assert len(offered) == 20
        accept_offer(session, offered[0].id, NOW)
        session.commit()
    # the rest expire two days later, twice at once: each passes on exactly once
    later = datetime(2026, 3, 3, 10, 0, tzinfo=timezone.utc)
    counts = []
    start2 = threading.Barrier(2)

    def expire():
        start2.wait()
        with threads_factory() as session:
            counts.append(expire_offers(session, later))
            session.commit()

    threads = [threading.Thread(target=expire) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert sorted(counts) == [0, 19]
    with factory() as session:
        states = [s.state for s in session.scalars(select(SignUp).where(SignUp.session_id == ids["session"]))]
        held = sum(s in (SignUpState.CONFIRMED, SignUpState.OFFERED, SignUpState.ATTENDED) for s in states)
        assert held == PLACES, {str(s): states.count(s) for s in set(states)}
        assert states.count(SignUpState.OFFERED) == 19
