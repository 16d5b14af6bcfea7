"""Who may see whom: one predicate, the same in Python and in SQL, and what an employer sees of a person."""

from datetime import date
from itertools import product

import pytest
from sqlalchemy import select

from models import Application, ApplicationState, Employment, EmploymentSource, Seeker
from services import visibility
from tests.factories import make_employer, make_position, make_seeker, make_township

pytestmark = pytest.mark.db


def test_listed_is_the_same_rule_in_python_and_in_sql(db):
    township = make_township(db)
    seekers = {(looking, consent): make_seeker(db, township, is_looking=looking, consent_share=consent)
               for looking, consent in product((True, False), repeat=2)}
    db.flush()
    in_sql = set(db.scalars(select(Seeker.id).where(Seeker.listed, Seeker.id.in_([s.id for s in seekers.values()]))))
    assert {s.id for s in seekers.values() if s.listed} == in_sql == {seekers[(True, True)].id}


def test_an_employer_sees_a_profile_when_listed_or_in_contact_and_a_name_only_after_they_applied(db):
    township = make_township(db)
    employer, other = make_employer(db, township), make_employer(db, township, name="别家")
    job, other_job = make_position(db, employer), make_position(db, other)
    listed = make_seeker(db, township, consent_share=True)
    private = make_seeker(db, township, consent_share=False)
    invited = make_seeker(db, township, consent_share=False)
    applied = make_seeker(db, township, consent_share=False, is_looking=False)
    elsewhere = make_seeker(db, township, consent_share=False)
    employee = make_seeker(db, township, consent_share=False, is_looking=False)
    db.add_all([Application(seeker=invited, position=job, state=ApplicationState.INVITED),
                Application(seeker=applied, position=job, state=ApplicationState.INTERVIEWING),
                Application(seeker=elsewhere, position=other_job, state=ApplicationState.APPLIED),
                Employment(seeker=employee, employer=employer, start_on=date(2025, 1, 1),
                           source=EmploymentSource.DECLARATION)])
    db.flush()
    people = [listed, private, invited, applied, elsewhere, employee]
    may_see = {s.ref for s in people if visibility.employer_may_see(db, employer.id, s.id)}
    assert may_see == {listed.ref, invited.ref, applied.ref, employee.ref}
    assert visibility.disclosed_ids(db, employer.id, [s.id for s in people]) == {applied.id, employee.id}
    views = visibility.seekers_for_employer(db, employer.id, people)
    assert (views[applied.id].name, views[applied.id].phone) == (applied.name, applied.phone)
    assert views[listed.id].name is None and views[listed.id].phone is None and not views[invited.id].disclosed
    assert not hasattr(views[listed.id], "certificate_number") and not hasattr(views[listed.id], "grade")
    assert visibility.candidate_for_employer(db, employer.id, private.ref) is None
    assert visibility.candidate_for_employer(db, other.id, elsewhere.ref).disclosed  # their own applicant
