"""Staff match details: a seeker's ranked positions, a position's ranked candidates, one pair with every reason,
whether the learned model or the default score ranks; staff only, and logged."""

import pickle
import re
from datetime import date

import numpy as np
import pytest
from sqlalchemy import select

from matcher.learn import PairRanker
from models import (AuditEntry, PositionDemand, PositionOffer, PositionStatus, RankerModel, Role, SeekerNeed)
from tests.factories import make_employer, make_position, make_seeker

pytestmark = pytest.mark.web


@pytest.fixture
def district(accounts, db):
    """A wheelchair user who shares their profile (walking 1, climbing 0, numeracy not assessed), and positions:
    a warehouse job with step-free access, a stairs job that rules them out, a desk job, a closed one."""
    township = accounts[Role.SEEKER].seeker.township
    employer = accounts[Role.EMPLOYER].employer
    seeker = make_seeker(db, township, name="李明", is_looking=True, consent_share=True, max_commute_km=20,
                         desired_wage=3600, hours_per_week=40, skills=["Excel"],
                         abilities={"walking": 1, "climbing": 0, "sitting": 5, "vision": 5, "reading": 4})
    seeker.needs.append(SeekerNeed(key="step_free_access", required=False))
    warehouse = make_position(db, employer, "仓库记账员", wage=3800, hours_per_week=40, skills=["Excel"])
    warehouse.demands += [PositionDemand(key="walking", level=3, essential=True),
                          PositionDemand(key="numeracy", level=3, essential=True),
                          PositionDemand(key="reading", level=3)]
    warehouse.offers.append(PositionOffer(key="step_free_access"))
    stairs = make_position(db, employer, "楼道保洁员", wage=3200, hours_per_week=40)
    stairs.demands.append(PositionDemand(key="climbing", level=3, essential=True))
    desk = make_position(db, employer, "文员", wage=3000, hours_per_week=44, skills=["Word"])
    desk.demands += [PositionDemand(key="sitting", level=4), PositionDemand(key="reading", level=3)]
    closed = make_position(db, employer, "已关闭的岗位", status=PositionStatus.CLOSED)
    db.commit()
    return {"seeker": seeker, "warehouse": warehouse, "stairs": stairs, "desk": desk, "closed": closed}


@pytest.fixture
def staff(accounts, login):
    login(accounts[Role.STAFF])
    return accounts[Role.STAFF]


def test_a_seekers_ranked_positions_with_what_holds_each_down_and_the_rules_that_rule_others_out(
        client, staff, district, db):
    seeker = district["seeker"]
    html = client.get(f"/staff/seekers/{seeker.ref}/matches?lang=en").get_data(as_text=True)
    titles = re.findall(r'<h3><a href="/staff/seekers/[^/]+/positions/[^"]+">([^<]+)</a>', html)
    assert titles == ["仓库记账员", "文员"]  # the stairs job is ruled out, the closed one is not open
    scores = [int(s) for s in re.findall(r'<span class="score">(\d+)% fit</span>', html)]
    assert scores == sorted(scores, reverse=True) and len(scores) == 2
    assert "Ranked by the default score" in html
    assert "What holds this fit down most" in html
    assert "To be checked (not assessed yet): Numeracy" in html
    assert "1 open position is ruled out for this person." in html
    assert ("An essential item above the person&#39;s ability: Climbing and stairs" in html
            or "An essential item above the person's ability: Climbing and stairs" in html)
    entry = db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "seeker", AuditEntry.user_id == staff.id)
                       .order_by(AuditEntry.id.desc())).first()
    assert entry.subject_id == seeker.id and entry.detail["view"] == "staff_matches"
    assert entry.detail["shown"] == [district["warehouse"].ref, district["desk"].ref]


def test_one_pair_shows_every_reason_lift_check_and_hints_for_both_sides(client, staff, district):
    seeker, warehouse = district["seeker"], district["warehouse"]
    html = client.get(f"/staff/seekers/{seeker.ref}/positions/{warehouse.ref}?lang=en").get_data(as_text=True)
    assert "Step-free access: Walking 1 → 3" in html
    assert "Covered: Step-free access lifts Walking from 1 to 3" in html
    assert "For staff: assess these essential items before an interview: Numeracy" in html
    assert "How the fit is made" in html and "holds the fit down most" in html
    desk = district["desk"]
    html = client.get(f"/staff/seekers/{seeker.ref}/positions/{desk.ref}?lang=en").get_data(as_text=True)
    assert "What the job seeker could do" in html and "Learning the skill “Word”" in html
    assert "What the employer could change" in html and "The pay is raised to 3600 yuan a month" in html


def test_a_ruled_out_pair_shows_the_rule(client, staff, district):
    seeker, stairs = district["seeker"], district["stairs"]
    html = client.get(f"/staff/seekers/{seeker.ref}/positions/{stairs.ref}?lang=en").get_data(as_text=True)
    assert "Ruled out: this pair is never recommended as it stands." in html
    assert "Ruled out by the rules" in html
    assert re.search(r"An essential item: the job must have Climbing and stairs at level 3; the person(&#39;|')s level "
                     r"is 0, and no accommodation the job offers covers it\.", html)
    assert "What the employer could change" in html and "The job offers Step-free access" in html
    assert "How the fit is made" not in html  # a ruled-out pair has no fit to take apart


def test_a_positions_ranked_candidates_link_to_each_pair(client, staff, district, db):
    warehouse, seeker = district["warehouse"], district["seeker"]
    html = client.get(f"/staff/positions/{warehouse.ref}/candidates?lang=en").get_data(as_text=True)
    assert f'href="/staff/seekers/{seeker.ref}/positions/{warehouse.ref}"' in html
    assert "李明" in html and "Ranked by the default score" in html
    entry = db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "candidates")
                       .order_by(AuditEntry.id.desc())).first()
    assert entry.subject_id == warehouse.id and seeker.ref in entry.detail["shown"]
    html = client.get(f"/staff/positions/{district['closed'].ref}/candidates?lang=en").get_data(as_text=True)
    assert "The position is not open" in html


def test_the_staff_seeker_page_links_to_the_matches(client, staff, district):
    seeker = district["seeker"]
    html = client.get(f"/staff/seekers/{seeker.ref}?lang=en").get_data(as_text=True)
    assert f'href="/staff/seekers/{seeker.ref}/matches"' in html


class ReversedModel:
    """Stands for a fitted model: the lower the default score, the higher the learned one."""

    def predict(self, X):
        return 1.0 - np.asarray(X, float)[:, -1]


def test_a_learned_model_says_its_date_and_figures_and_the_learned_score(client, staff, district, db, app):
    db.add(RankerModel(trained_on=date(2026, 11, 22), n_outcomes=240, k=10, ndcg_default=0.642, ndcg_learned=0.954,
                       sklearn_version=__import__("sklearn").__version__,
                       model=pickle.dumps(PairRanker(ReversedModel()))))
    db.commit()
    app.extensions["matching"]._ranker_checked_at = None  # look for the model now
    seeker = district["seeker"]
    html = client.get(f"/staff/seekers/{seeker.ref}/matches?lang=en").get_data(as_text=True)
    assert "Ranked by the learned model of Nov 22, 2026 (learned from 240 outcomes; NDCG@10 on held-out job " \
           "seekers: learned 0.954, default score 0.642)" in html
    titles = re.findall(r'<h3><a href="/staff/seekers/[^/]+/positions/[^"]+">([^<]+)</a>', html)
    assert titles == ["文员", "仓库记账员"]  # reversed
    assert len(re.findall(r"learned score 0\.\d{3}", html)) == 2
    html = client.get(f"/staff/seekers/{seeker.ref}/positions/{district['desk'].ref}?lang=en").get_data(as_text=True)
    assert re.search(r"learned score 0\.\d{3}", html)


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.SEEKER])
def test_employers_and_seekers_are_refused(client, accounts, login, district, role):
    login(accounts[role])
    seeker, warehouse = district["seeker"], district["warehouse"]
    for url in (f"/staff/seekers/{seeker.ref}/matches", f"/staff/positions/{warehouse.ref}/candidates",
                f"/staff/seekers/{seeker.ref}/positions/{warehouse.ref}"):
        assert client.get(url).status_code == 403


def test_anonymous_users_go_to_the_login_page(client, district):
    response = client.get(f"/staff/seekers/{district['seeker'].ref}/matches")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_unknown_ids_are_not_found(client, staff, district):
    seeker, warehouse = district["seeker"], district["warehouse"]
    assert client.get("/staff/seekers/S0000000/matches").status_code == 404
    assert client.get("/staff/positions/PXXXX/candidates").status_code == 404
    assert client.get(f"/staff/seekers/S0000000/positions/{warehouse.ref}").status_code == 404
    assert client.get(f"/staff/seekers/{seeker.ref}/positions/PXXXX").status_code == 404

