"""Walking the whole URL map with the demo district: a URL for every route (real ids where the demo has them),
clients logged in as each demo account, and the forms of a page with their fields."""

from html.parser import HTMLParser

from sqlalchemy import select

from fixtures.demo import ACCOUNTS
from models import (Application, CheckIn, DeclaredEmployee, Employment, FairAttendee, FairOutcome, InsuranceImport,
                    Interview, Offer,
                    Outreach, Position, Seeker, SignUp, User)
from tests.conftest import csrf_token

#: the first user of each role, then anonymous (None)
ROLES = ("staff", "employer", "seeker", None)


def demo_values(db) -> dict:
    """Argument values that name real rows of the demo, by argument name ("ref" is a position's)."""
    employer_user = db.scalar(select(User).where(User.username == "employer@demo"))
    position = db.scalar(select(Position).where(Position.employer_id == employer_user.employer_id)
                         .order_by(Position.id))
    outcome = db.scalar(select(FairOutcome).order_by(FairOutcome.id))
    attendee = db.scalar(select(FairAttendee).where(FairAttendee.fair_id == outcome.fair_id,
                                                    FairAttendee.seeker_id == outcome.seeker_id))
    employee = db.scalar(select(DeclaredEmployee).order_by(DeclaredEmployee.id))
    sign_up = db.scalar(select(SignUp).order_by(SignUp.id))
    return {
        "ref": position.ref, "seeker_ref": db.scalar(select(Seeker.ref).order_by(Seeker.id)),
        "position_ref": position.ref,
        "fair_id": attendee.fair_id, "attendee_id": attendee.id, "outcome_id": outcome.id,
        "declaration_id": employee.declaration_id, "employee_id": employee.id, "year": 2025,
        "session_id": sign_up.session_id, "sign_up_id": sign_up.id, "token_id": 1,
        "application_id": db.scalar(select(Application.id).order_by(Application.id)),
        "employer_id": employer_user.employer_id,
        # the work queue's kind is an any() converter: the walk takes its first, "call"
        "item_id": db.scalar(select(Outreach.id).order_by(Outreach.id)) or 1,
        **{name: db.scalar(select(model.id).order_by(model.id)) or 1 for name, model in (
            ("check_in_id", CheckIn), ("call_id", Outreach), ("employment_id", Employment),
            ("interview_id", Interview), ("offer_id", Offer), ("import_id", InsuranceImport))},
    }


def rules(app):
    """(rule, method) for every route but the static files, in a stable order."""
    return sorted(((rule, method) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
                   for method in sorted(rule.methods - {"HEAD", "OPTIONS"})), key=lambda rm: (rm[0].rule, rm[1]))


def url(app, rule, values: dict, **override) -> str:
    """The path of `rule` with the demo's values (a seeker's ref where a seeker route asks for "ref")."""
    args = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        if hasattr(converter, "items"):
            args[name] = sorted(converter.items)[0]
        elif name == "ref" and "/seekers/" in rule.rule:
            args[name] = values["seeker_ref"]
        else:
            args[name] = values[name]
    args.update(override)
    with app.test_request_context():
        return app.url_map.bind("localhost").build(rule.endpoint, args, method=next(iter(rule.methods)))


def demo_client(app, role: str | None):
    """A test client logged in as the demo account of `role` (anonymous for None), and its CSRF token."""
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    if role is not None:
        username, password = next((u, p) for r, u, p in ACCOUNTS if r.value == role)
        response = client.post("/login", data={"csrf_token": token, "username": username, "password": password})
        assert response.status_code == 302, (role, response.status_code)
        token = csrf_token(client.get("/account/password").get_data(as_text=True))
    return client, token


class Forms(HTMLParser):
    """The POST forms of a page: [(action, {field name: value}, {file field names})]."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.forms.append((attrs.get("action") or "", {}, set()))
        elif tag in ("input", "select", "textarea") and self.forms and attrs.get("name"):
            _action, fields, files = self.forms[-1]
            if attrs.get("type") == "file":
                files.add(attrs["name"])
            elif attrs.get("type") not in ("submit", "button") or attrs["name"] not in fields:
                fields.setdefault(attrs["name"], attrs.get("value") or "1")

    @classmethod
    def of(cls, html: str):
        parser = cls()
        parser.feed(html)
        return parser.forms
