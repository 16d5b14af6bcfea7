"""Staff match details in Chinese and English: the seeker's ranked positions, a position's candidates and one pair's
reasons (a lift, an item to check, a ruled-out pair's rule) are axe-core clean, with screenshots, and reflow at
640px (200% zoom); staff reach them from the seeker's page by keyboard alone."""

import pytest
from sqlalchemy import select

from models import Position, PositionDemand, PositionOffer, Role, Seeker, SeekerNeed

from .conftest import assert_accessible, assert_fits_200_percent_zoom, live_session, log_in
from .test_keyboard import tab_to

pytestmark = pytest.mark.browser

NAME = "钱七"  # a person of their own, at a township (14) no other browser module uses


@pytest.fixture(scope="module")
def pair(live_server, tmp_path_factory):
    """钱七, a wheelchair user who shares their profile; a warehouse job with step-free access (walking 1 -> 3,
    numeracy to be checked) and a stairs job that rules them out, at an employer of their own."""
    from tests.factories import make_employer, make_position, make_seeker, make_township

    with live_session(tmp_path_factory) as session:
        seeker = session.scalar(select(Seeker).where(Seeker.name == NAME))
        if seeker is None:
            township = make_township(session, "14", "丰惠镇")
            seeker = make_seeker(session, township, name=NAME, is_looking=True, consent_share=True,
                                 max_commute_km=20, desired_wage=3600, hours_per_week=40, skills=["Excel"],
                                 abilities={"walking": 1, "climbing": 0, "sitting": 5, "vision": 5, "reading": 4})
            seeker.needs.append(SeekerNeed(key="step_free_access", required=False))
            employer = make_employer(session, township, name="长塘物流有限公司")
            warehouse = make_position(session, employer, "仓库记账员", wage=3800, hours_per_week=40, skills=["Excel"])
            warehouse.demands += [PositionDemand(key="walking", level=3, essential=True),
                                  PositionDemand(key="numeracy", level=3, essential=True),
                                  PositionDemand(key="reading", level=3)]
            warehouse.offers.append(PositionOffer(key="step_free_access"))
            stairs = make_position(session, employer, "楼道保洁员", wage=3200, hours_per_week=40)
            stairs.demands.append(PositionDemand(key="climbing", level=3, essential=True))
            session.commit()
        refs = {p.title: p.ref for p in session.scalars(select(Position).where(
            Position.title.in_(["仓库记账员", "楼道保洁员"]), Position.employer.has(name="长塘物流有限公司")))}
        return {"seeker": seeker.ref, "warehouse": refs["仓库记账员"], "stairs": refs["楼道保洁员"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_match_pages(page, live_server, pair, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    seeker = pair["seeker"]
    page.goto(f"{live_server}/staff/seekers/{seeker}/matches")
    assert page.locator("ol.match-list li").count() >= 1
    assert page.locator("ol.match-list li", has_text="仓库记账员").count() == 1
    assert page.locator("ol.match-list li", has_text="楼道保洁员").count() == 0
    assert_accessible(page, f"staff-seeker-matches-{lang}")
    assert_fits_200_percent_zoom(page)

    page.goto(f"{live_server}/staff/seekers/{seeker}/positions/{pair['warehouse']}")
    lift = "无障碍通道：行走 1 → 3" if lang == "zh" else "Step-free access: Walking 1 → 3"
    assert page.get_by_text(lift).count() == 1
    assert page.locator("table.reasons-table").count() == 2  # items, and the fits
    assert_accessible(page, f"staff-match-{lang}")
    assert_fits_200_percent_zoom(page)

    page.goto(f"{live_server}/staff/seekers/{seeker}/positions/{pair['stairs']}")
    heading = "被规则排除" if lang == "zh" else "Ruled out by the rules"
    assert page.locator("#ruled-out-heading").inner_text() == heading
    assert_accessible(page, f"staff-match-ruled-out-{lang}")
    assert_fits_200_percent_zoom(page)

    page.goto(f"{live_server}/staff/positions/{pair['warehouse']}/candidates")
    assert page.locator("ol.match-list li", has_text=NAME).count() == 1
    assert_accessible(page, f"staff-position-candidates-{lang}")
    assert_fits_200_percent_zoom(page)


def test_from_the_seeker_page_to_a_pair_by_keyboard(page, live_server, pair):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    seeker = pair["seeker"]
    page.goto(f"{live_server}/staff/seekers/{seeker}")
    tab_to(page, lambda e: e["text"] == f"Matches of {NAME}", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/staff/seekers/{seeker}/matches")
    assert page.locator("h1").inner_text() == f"Matches of {NAME}"
    # other browser modules' positions share the live database, so the list may be long
    tab_to(page, lambda e: e["text"] == "仓库记账员", limit=150)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/staff/seekers/{seeker}/positions/{pair['warehouse']}")
    assert page.locator("h1").inner_text() == f"{NAME} and 仓库记账员"
    link = tab_to(page, lambda e: e["text"] == "Candidates for 仓库记账员", limit=40)
    assert link["outline"] != "none" or link["shadow"] != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/staff/positions/{pair['warehouse']}/candidates")
