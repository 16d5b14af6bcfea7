"""Lists that grow, one page at a time: the true total, a search kept across pages, bad page numbers answered,
and each list for its own role only (fairs, trainings, applications, candidates, declarations)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from models import (Application, ApplicationState, Course, DeclarationStatus, JobFair, QuotaDeclaration, Role,
                    TrainingSession)
from services.pages import PER_PAGE
from tests.factories import district_today, make_employer, make_position, make_seeker

pytestmark = pytest.mark.web

#: more than one page, so that the second page holds the rest
MANY = PER_PAGE + 20


def cards(html: str, tag: str = "h3") -> list[str]:
    return re.findall(rf'<{tag}><a href="[^"]+">([^<]+)</a></{tag}>', html)


@pytest.fixture
def fairs(db):
    today = district_today()
    made = [JobFair(name=f"专场招聘会{n:02d}", held_on=today + timedelta(days=n), venue="上虞区残疾人之家")
            for n in range(1, MANY + 1)]
    db.add_all(made)
    db.commit()
    return made


def test_staff_page_through_all_fairs_and_search_them(client, accounts, login, fairs):
    login(accounts[Role.STAFF])
    first = client.get("/fairs/?lang=en").get_data(as_text=True)
    assert f"{MANY} fairs found" in first and len(cards(first)) == PER_PAGE
    assert 'aria-label="Page 2"' in first and "Page 1 of 2" in first
    second = client.get("/fairs/?lang=en&page=2").get_data(as_text=True)
    assert len(cards(second)) == MANY - PER_PAGE and cards(second)[-1] == "专场招聘会01"  # latest first
    found = client.get("/fairs/?lang=zh&q=招聘会07").get_data(as_text=True)
    assert "找到 1 场招聘会" in found and cards(found) == ["专场招聘会07"]
    assert "没有与搜索相符的招聘会" in client.get("/fairs/?lang=zh&q=没有这个").get_data(as_text=True)


def test_the_search_is_kept_in_the_page_links(client, accounts, login, fairs):
    login(accounts[Role.STAFF])
    html = client.get("/fairs/?lang=en&q=专场").get_data(as_text=True)
    assert re.search(r'href="/fairs/\?lang=en&amp;q=%E4%B8%93%E5%9C%BA&amp;page=2"', html)


def test_seekers_page_through_fairs_to_come(client, accounts, login, fairs, db):
    db.add(JobFair(name="去年的招聘会", held_on=district_today() - timedelta(days=300), venue="百官"))
    db.commit()
    login(accounts[Role.SEEKER])
    first = client.get("/fairs/upcoming?lang=en").get_data(as_text=True)
    assert f"{MANY} fairs to come" in first and "去年的招聘会" not in first
    second = client.get("/fairs/upcoming?lang=en&page=2").get_data(as_text=True)
    assert second.count("<h2>专场招聘会") == MANY - PER_PAGE and "专场招聘会45" in second


@pytest.fixture
def sessions(db):
    start = district_today() + timedelta(days=10)
    pastry = Course(title_zh="中式面点", title_en="Chinese pastry")
    live = Course(title_zh="电商直播", title_en="E-commerce livestreaming")
    made = [TrainingSession(course=pastry if n % 3 else live, starts_on=start + timedelta(days=n),
                            ends_on=start + timedelta(days=n + 2), place=f"培训中心{n:02d}", capacity=10)
            for n in range(MANY)]
    db.add_all(made)
    db.commit()
    return made


def test_staff_page_through_training_sessions_and_search_by_course(client, accounts, login, sessions):
    login(accounts[Role.STAFF])
    first = client.get("/trainings/staff?lang=en").get_data(as_text=True)
    assert f"{MANY} sessions found" in first and len(cards(first, "h4")) == PER_PAGE
    second = client.get("/trainings/staff?lang=en&page=2").get_data(as_text=True)
    assert len(cards(second, "h4")) == MANY - PER_PAGE
    live = client.get("/trainings/staff?lang=en&q=livestreaming").get_data(as_text=True)
    assert "15 sessions found" in live and "Chinese pastry" not in live
    assert "找到 30 期培训" in client.get("/trainings/staff?lang=zh&q=面点").get_data(as_text=True)


def test_seekers_page_through_sessions_to_come(client, accounts, login, sessions):
    login(accounts[Role.SEEKER])
    first = client.get("/trainings/?lang=en").get_data(as_text=True)
    assert f"{MANY} sessions to come" in first and first.count('<li class="card">') == PER_PAGE
    second = client.get("/trainings/?lang=en&page=2").get_data(as_text=True)
    assert second.count('<li class="card">') == MANY - PER_PAGE


@pytest.fixture
def applications(db, accounts):
    employer = accounts[Role.EMPLOYER].employer
    position = make_position(db, employer, title="网店客服")
    people = [make_seeker(db, employer.township, name=f"应聘者{n:02d}", consent_share=True) for n in range(MANY)]
    db.add_all(Application(seeker=person, position=position,
                           state=ApplicationState.INTERVIEWING if n < 5 else ApplicationState.APPLIED)
               for n, person in enumerate(people))
    db.commit()
    return people


def test_employer_pages_through_applications_and_filters_by_state(client, accounts, login, applications):
    login(accounts[Role.EMPLOYER])
    first = client.get("/employer/applications?lang=en").get_data(as_text=True)
    assert f"{MANY} applications" in first and first.count("<tr>") == PER_PAGE + 1
    second = client.get("/employer/applications?lang=en&page=2").get_data(as_text=True)
    assert second.count("<tr>") == MANY - PER_PAGE + 1 and f"Showing {PER_PAGE + 1} to {MANY}" in second
    interviewing = client.get("/employer/applications?lang=zh&state=interviewing").get_data(as_text=True)
    assert "共 5 份申请" in interviewing and interviewing.count("<tr>") == 6
    refused = client.get("/employer/applications?lang=en&state=lost")
    assert refused.status_code == 400 and "State: Not a valid choice." in refused.get_data(as_text=True)


def test_employer_pages_through_every_ranked_candidate(client, accounts, login, db):
    employer = accounts[Role.EMPLOYER].employer
    for n in range(MANY):
        make_seeker(db, employer.township, name=f"候选人{n:02d}", consent_share=True, abilities={"writing": 4})
    private = make_seeker(db, employer.township, name="不公开", consent_share=False, abilities={"writing": 5})
    position = make_position(db, employer, title="文员")
    db.commit()
    login(accounts[Role.EMPLOYER])
    url = f"/employer/positions/{position.ref}"
    first = client.get(url + "?lang=en").get_data(as_text=True)
    shown = re.findall(r"Candidate (S\d+)</a>", first)
    # the employer's own seeker account (张三) shares no profile: only the MANY who consented are candidates
    assert f"{MANY} candidates fit this position." in first and len(shown) == PER_PAGE
    second = client.get(url + "?lang=en&page=2").get_data(as_text=True)
    rest = re.findall(r"Candidate (S\d+)</a>", second)
    assert len(rest) == MANY - PER_PAGE and not set(rest) & set(shown)
    assert f'<ol class="match-list" start="{PER_PAGE + 1}">' in second
    assert private.ref not in first + second and "不公开" not in first + second
    past = client.get(url + "?lang=en&page=99999").get_data(as_text=True)
    assert re.findall(r"Candidate (S\d+)</a>", past) == rest


@pytest.fixture
def declarations(db, accounts):
    township = accounts[Role.EMPLOYER].employer.township
    year = district_today().year - 1
    for n in range(MANY):
        employer = make_employer(db, township, name=f"申报单位{n:02d}")
        db.add(QuotaDeclaration(employer=employer, year=year, status=DeclarationStatus.SUBMITTED,
                                staff_by_month=[100] * 12, total_wages=Decimal("1000000")))
    for n in range(MANY):
        make_employer(db, township, name=f"未申报单位{n:02d}")
    db.commit()
    return year


def test_staff_page_through_declarations_and_employers_who_have_not_declared(client, accounts, login, declarations):
    login(accounts[Role.STAFF])
    url = f"/declarations/staff/?lang=en&year={declarations}"
    first = client.get(url).get_data(as_text=True)
    assert f"{MANY} declarations found" in first and first.count("申报单位") - first.count("未申报单位") == PER_PAGE
    # every employer without a filed declaration waits: the MANY and the accounts' employer
    assert f"Not yet submitted for {declarations}: {MANY + 1} employers" in first
    second = client.get(url + "&page=2").get_data(as_text=True)
    assert second.count('<th scope="row"><a href="/declarations/staff/') == MANY - PER_PAGE
    missing = client.get(url + "&missing_page=2").get_data(as_text=True)
    assert "<details open>" in missing and "未申报单位44" in missing and "未申报单位00" not in missing
    assert 'aria-label="Pages of employers who have not submitted"' in missing
    found = client.get(url.replace("lang=en", "lang=zh") + "&q=单位07").get_data(as_text=True)
    assert "找到 1 份申报" in found and "尚未提交 %d 年申报：1 家单位" % declarations in found


@pytest.mark.parametrize("url", ["/fairs/", "/trainings/staff", "/declarations/staff/"])
def test_a_too_long_search_is_refused_naming_the_field(client, accounts, login, url):
    login(accounts[Role.STAFF])
    answer = client.get(f"{url}?lang=en&q=" + "x" * 101)
    assert answer.status_code == 400 and "At most 100 characters." in answer.get_data(as_text=True)


@pytest.mark.parametrize("role, url", [
    (Role.STAFF, "/fairs/"), (Role.STAFF, "/fairs/upcoming"), (Role.STAFF, "/trainings/staff"),
    (Role.STAFF, "/trainings/"), (Role.STAFF, "/declarations/staff/"), (Role.EMPLOYER, "/employer/applications")])
@pytest.mark.parametrize("query, status", [("page=0", 400), ("page=abc", 400), ("page=-1", 400),
                                           ("page=99999", 200), ("missing_page=x", 400)])
def test_bad_page_numbers_get_a_clear_answer(client, accounts, login, db, role, url, query, status):
    login(accounts[role if url != "/fairs/upcoming" else Role.SEEKER])
    answer = client.get(f"{url}?lang=en&{query}")
    if query.startswith("missing_page") and "declarations" not in url:
        assert answer.status_code == 200  # only the declarations page has a second list
        return
    assert answer.status_code == status
    if status == 400:
        arg = query.split("=")[0]
        assert f"The page number ({arg}) must be a whole number of 1 or more" in answer.get_data(as_text=True)


@pytest.mark.parametrize("role, url", [
    (Role.SEEKER, "/fairs/"), (Role.EMPLOYER, "/fairs/"), (Role.SEEKER, "/trainings/staff"),
    (Role.EMPLOYER, "/trainings/"), (Role.SEEKER, "/declarations/staff/"), (Role.EMPLOYER, "/declarations/staff/"),
    (Role.SEEKER, "/employer/applications"), (Role.STAFF, "/employer/applications"),
    (Role.EMPLOYER, "/fairs/upcoming")])
def test_each_list_is_for_its_own_role(client, accounts, login, role, url):
    login(accounts[role])
    assert client.get(url).status_code in (302, 403)
    client.delete_cookie("session")
    assert client.get(url).status_code == 302  # to the login page
