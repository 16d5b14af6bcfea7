"""Each role's pages are refused to the other roles and to visitors who are not logged in."""

import pytest

from models import Role

pytestmark = pytest.mark.web

PAGES = {Role.SEEKER: ["/me/"], Role.EMPLOYER: ["/employer/"], Role.STAFF: ["/staff/"]}


@pytest.mark.parametrize("owner", list(Role))
def test_anonymous_visitors_are_sent_to_the_login_page(client, owner):
    for url in PAGES[owner]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("owner", list(Role))
@pytest.mark.parametrize("visitor", list(Role))
def test_other_roles_are_refused(client, accounts, login, owner, visitor):
    login(accounts[visitor])
    for url in PAGES[owner]:
        response = client.get(url)
        if visitor == owner:
            assert response.status_code == 200
        else:
            assert response.status_code == 403
            assert "您无权访问此页面" in response.get_data(as_text=True)


def test_employer_user_without_employer_is_refused(client, db, post_form):
    from tests.factories import make_user

    make_user(db, Role.EMPLOYER, "orphan@test", "pw-orphan-1")
    db.commit()
    post_form("/login", {"username": "orphan@test", "password": "pw-orphan-1"})
    assert client.get("/employer/").status_code == 403


def test_seeker_home_shows_no_other_seekers_data(client, accounts, login, db):
    from tests.factories import make_seeker

    make_seeker(db, accounts[Role.SEEKER].seeker.township, name="李四", skills=["叉车"])
    db.commit()
    login(accounts[Role.SEEKER])
    html = client.get("/me/").get_data(as_text=True)
    assert "张三" in html and "李四" not in html and "叉车" not in html
