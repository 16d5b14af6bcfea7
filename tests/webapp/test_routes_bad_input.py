"""The whole URL map with the demo district: no input gives a 500 (issue 15). A NUL anywhere is refused as bad
input naming the field, and an id beyond the columns' range is a 404, on every route, as each role."""

import io
import itertools

import pytest
from sqlalchemy.orm import Session

from tests.webapp.walk import ROLES, Forms, demo_client, demo_values, rules, url

pytestmark = pytest.mark.web


@pytest.fixture(scope="module")
def demo_app(engine, database_url):
    """The app on the demo district, loaded once for the walks (each request is refused, nothing changes),
    answering a fault with its 500 page as in production."""
    from fixtures import load_demo
    from webapp import create_app

    with engine.connect() as connection:
        outer = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as db:
            load_demo(db)
            db.commit()
            app = create_app({"TESTING": True, "PROPAGATE_EXCEPTIONS": False, "SECRET_KEY": "test-secret",
                              "DATABASE_URL": database_url, "DB_CONNECTION": connection})
            yield app, demo_values(db)
        outer.rollback()


def refused_for_nul(response, path: str) -> bool:
    if path.startswith("/api/"):
        fields = (response.get_json(silent=True) or {}).get("error", {}).get("fields", [])
        return response.status_code == 422 and bool(fields) and all("NUL" in f["message"] for f in fields)
    return response.status_code == 400 and "NUL" in response.get_data(as_text=True)


def test_every_field_of_every_form_refuses_a_nul(demo_app):
    """Each page's POST forms, as each role: one field at a time holds a NUL (a file field, in its file name)."""
    app, values = demo_app
    posted, wrong = set(), []
    for role in ROLES:
        client, token = demo_client(app, role)
        for rule, method in rules(app):
            if method != "GET" or rule.rule.startswith("/api/") or rule.arguments - set(values) - {"action", "what"}:
                continue
            page = client.get(url(app, rule, values))
            if page.status_code != 200 or page.mimetype != "text/html":
                continue
            for action, fields, files in Forms.of(page.get_data(as_text=True)):
                target = action or page.request.path
                for name in (set(fields) | files) - {"csrf_token"}:
                    if (target, name) in posted:  # the same form as another role
                        continue
                    posted.add((target, name))
                    bad = (io.BytesIO(b"x"), "a\x00.csv") if name in files else "a\x00b"
                    response = client.post(target, data={**fields, "csrf_token": token,
                                                                               name: bad})
                    if not (refused_for_nul(response, target) and name in response.get_data(as_text=True)):
                        wrong.append((role, target, name, response.status_code))
    assert wrong == []
    assert len(posted) > 200  # the walk reached the forms (position, profile, declaration, fair, training, staff)


NUL_IN_URL = {"query value": "?q=a%00b", "query name": "?a%00b=1", "path": "%00"}
NUL_IN_BODY = {
    "form value": {"data": {"title": "a\x00b"}},
    "form name": {"data": {"a\x00b": "1"}},
    "file name": {"data": {"file": (b"id_number\n", "a\x00.csv")}},
    "json value": {"json": {"title": "a\x00b", "township": "01"}},
    "json key": {"json": {"a\x00b": 1}},
}


def test_every_route_refuses_a_nul_in_its_path_query_and_body(demo_app):
    """Every route and method of the URL map: a 400 page or a 422 naming the field, never a 500."""
    app, values = demo_app
    wrong = []
    for role in ("staff", None):  # the filter is the same for every role; the error page differs
        client, token = demo_client(app, role)
        for rule, method in rules(app):
            path = url(app, rule, values)
            attempts = {name: (path + suffix, {}) for name, suffix in NUL_IN_URL.items()}
            for name in rule.arguments & {"ref", "seeker_ref"}:
                attempts[f"path segment {name}"] = (url(app, rule, values, **{name: "P\x0001"}), {})
            if method != "GET":
                attempts |= {name: (path, body) for name, body in NUL_IN_BODY.items()}
            for name, (target, body) in attempts.items():
                if "file" in body.get("data", {}):
                    body = {"data": {"file": (io.BytesIO(body["data"]["file"][0]), body["data"]["file"][1])}}
                response = client.open(target, method=method, headers={"X-CSRFToken": token}, **body)
                if not refused_for_nul(response, path):
                    wrong.append((role, method, rule.rule, name, response.status_code))
    assert wrong == []


def test_every_int_route_answers_404_for_a_number_beyond_the_columns(demo_app):
    """/fairs/2147483648 overflows PostgreSQL's integer, 2^63 SQLite's: such an id names nothing."""
    app, values = demo_app
    int_rules = [(rule, method) for rule, method in rules(app)
                 if any(type(rule._converters[a]).__name__.endswith("IntegerConverter") for a in rule.arguments)]
    assert len(int_rules) > 30
    wrong = []
    for role in ("staff", None):
        client, token = demo_client(app, role)
        for (rule, method), number in itertools.product(int_rules, (2**31, 2**63, 2**64)):
            for name in rule.arguments:
                if type(rule._converters[name]).__name__.endswith("IntegerConverter"):
                    response = client.open(url(app, rule, values, **{name: number}), method=method,
                                           headers={"X-CSRFToken": token}, data={"csrf_token": token})
                    if response.status_code != 404:
                        wrong.append((role, method, rule.rule, name, number, response.status_code))
    assert wrong == []
    # the largest id a column holds still reaches the view (which finds nothing)
    client, _ = demo_client(app, "staff")
    assert client.get(f"/fairs/{2**31 - 1}").status_code == 404
    assert client.get("/fairs/٣").status_code == 404  # digits of other scripts are no id
