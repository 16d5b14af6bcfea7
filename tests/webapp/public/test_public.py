"""The public pages: the way in for employers who have no account yet, the icon browsers ask for, and a footer that
speaks to whoever reads it."""

import pytest

from models import Role

pytestmark = pytest.mark.web


@pytest.mark.parametrize("url", ["/", "/login"])
def test_employers_find_the_registration_from_the_start_and_the_login(client, url):
    page = client.get(url + "?lang=en").get_data(as_text=True)
    assert 'href="/employer/register"' in page


def test_the_icon_is_served_where_browsers_ask_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response.headers["Location"])
    assert icon.status_code == 200
    assert icon.mimetype == "image/svg+xml"


@pytest.mark.parametrize(("role", "says", "not_said"), [
    (Role.SEEKER, "Your disability data is shown to employers only with your consent", "under your name"),
    (Role.EMPLOYER, "You see a candidate's name and contact details only with their consent", "Your disability data"),
    (Role.STAFF, "recorded in the audit log under your name", "Your disability data"),
])
def test_the_footer_speaks_to_the_reader(client, accounts, login, role, says, not_said):
    login(accounts[role])
    page = client.get("/?lang=en").get_data(as_text=True)
    footer = page[page.index("<footer"):]
    assert says in footer.replace("&#39;", "'")
    assert not_said not in footer
