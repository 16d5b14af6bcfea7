"""Privacy (issue 11): an employer walks everything it can reach and never learns who a job seeker is unless the
person applied to it or works for it, and never a certificate number, disability category or grade.

The employer is seeded so that the people it may not know rank first for its positions and fill its weekly
suggestions; the walk opens every GET route of the URL map with the employer's own data, then follows every
same-site link of every HTML page, in Chinese and in English, and reads every JSON, CSV and XLSX answer. The
people whose identity is disclosed are decided here by hand, not by `services.visibility`, so that a fault in the
rule shows as a leak. A positive control (the applicant's name does appear) keeps the test able to fail both ways.
"""

import html
import io
import json
import re
from collections import deque
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

import pytest
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from models import (Application, ApplicationState, DeclarationStatus, Employment, EmploymentSource, LocalWage,
                    PositionDemand, PositionOffer, QuotaDeclaration, QuotaSuggestion, Role)
from services import declarations as declaration_ops
from tests.factories import make_employer, make_position, make_seeker, make_user

pytestmark = pytest.mark.web

LANGUAGES = ("zh", "en")
WEEK = "2026-W48"
#: a walk that grows past this is a loop in the crawler, not a bigger product
MAX_FETCHES = 3000
SEEKER_REF = re.compile(r"\bS\d{5}\b")
HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""")
OK_STATUSES = {200, 301, 302, 303, 307, 308, 404}
#: routes the employer role may open: a 403 there is a fault too (elsewhere it is the role check answering)
EMPLOYER_ENDPOINTS = {
    "public.index", "account.password", "account.tokens", "employers.home", "employers.profile",
    "employers.new_position", "employers.position", "employers.edit_position", "employers.candidate",
    "employers.applications", "dashboards.employer", "declarations.declare", "declarations.review",
    "api.list_positions", "api.get_position", "api.position_candidates", "api.list_applications", "api.openapi",
}
ANONYMOUS = [  # (name, phone, category, grade): listed, never applied, fitting best
    ("隐私测试甲", "13911110001", 1, 1),
    ("隐私测试乙", "13911110002", 2, 2),
    ("隐私测试丙", "13911110003", 5, 4),
    ("隐私测试丁", "13911110004", 6, 1),
]
BEST = {"writing": 5, "sitting": 5, "vision": 5, "hearing": 5}


@pytest.fixture
def world(app, db, accounts):
    """The employer (three open positions), the people it must not know ranked first, one invited (still
    anonymous), one applicant (known by name), one employee, one who shares nothing, some weaker candidates,
    a week of suggestions naming them, a 2025 declaration, and another employer with its own applicant."""
    app.config["ABLEMATCH_TODAY"] = "2026-11-28"
    db.add_all([LocalWage(jurisdiction="CN-ZJ", year=2026, average_yearly=Decimal("100000"),
                          minimum_monthly=Decimal("2490")),
                LocalWage(jurisdiction="CN-ZJ", year=2025, average_yearly=Decimal("96000"),
                          minimum_monthly=Decimal("2280"))])
    employer = accounts[Role.EMPLOYER].employer
    township = employer.township
    positions = []
    for title, skills in (("隐私岗位客服", ["打字", "普通话"]), ("隐私岗位录入", ["打字", "Excel"]),
                          ("隐私岗位质检", ["质检", "打字"])):
        position = make_position(db, employer, title, openings=2, wage=4000, hours_per_week=40, skills=skills)
        position.demands = [PositionDemand(key="writing", level=3, essential=True),
                            PositionDemand(key="sitting", level=3, essential=False),
                            PositionDemand(key="vision", level=2, essential=False)]
        position.offers = [PositionOffer(key="text_communication")]
        positions.append(position)
    skills = ["打字", "普通话", "Excel", "质检"]

    def person(name, phone, category, grade, abilities=BEST, **fields):
        return make_seeker(db, township, category=category, grade=grade, name=name, phone=phone, skills=skills,
                           abilities=abilities, desired_wage=3000, hours_per_week=40, **fields)

    anonymous = [person(*row, consent_share=True) for row in ANONYMOUS]
    invited = person("隐私测试受邀", "13911110005", 3, 3, consent_share=True)
    applicant = person("公开对照应聘者", "13911110006", 4, 2, consent_share=True)
    employee = person("本单位职工甲", "13911110007", 7, 4, consent_share=False, is_looking=False)
    private = person("隐私不公开者", "13911110008", 2, 1, consent_share=False)
    weaker = [person(f"隐私测试候补{i}", f"1391111002{i}", 4, 3, consent_share=True,
                     abilities={"writing": 3, "sitting": 3, "vision": 2, "hearing": 2}) for i in range(3)]
    other = make_employer(db, township, name="隐私别家公司")
    other_position = make_position(db, other, "别家岗位仓管", wage=4000, hours_per_week=40, skills=["打字"])
    other_applicant = person("别家应聘者乙", "13911110009", 5, 2, consent_share=True)

    db.add_all([Application(seeker=invited, position=positions[0], state=ApplicationState.INVITED),
                Application(seeker=applicant, position=positions[1], state=ApplicationState.APPLIED),
                Application(seeker=other_applicant, position=other_position, state=ApplicationState.INTERVIEWING)])
    db.add(Employment(seeker=employee, employer=employer, start_on=date(2024, 5, 1), contract_months=0,
                      monthly_wage=4000, source=EmploymentSource.FAIR))
    suggested = [*anonymous, invited, applicant]
    for position in positions:
        for rank, seeker in enumerate(suggested, 1):
            db.add(QuotaSuggestion(week=WEEK, employer_id=employer.id, position_id=position.id, seeker_id=seeker.id,
                                   rank=rank, score=0.9 - rank / 100))
    db.add(QuotaSuggestion(week=WEEK, employer_id=other.id, position_id=other_position.id,
                           seeker_id=other_applicant.id, rank=1, score=0.9))
    declaration = QuotaDeclaration(employer=employer, year=2025, status=DeclarationStatus.SUBMITTED,
                                   staff_by_month=[120] * 12, total_wages=Decimal(120 * 60000))
    declaration_ops.fill_declaration(declaration, [120] * 12, Decimal(120 * 60000), [
        {"name": employee.name, "certificate_number": employee.certificate_number, "months_employed": 12,
         "contract_months": 0, "monthly_wage": 4000, "social_insurance_months": 12}])
    db.add(declaration)
    db.flush()
    declaration_ops.store_assessment(db, declaration, declaration_ops.estimate(db, declaration))
    make_user(db, Role.EMPLOYER, "other@test", "correct horse battery", employer=other)
    db.commit()
    return {"employer": employer, "positions": positions, "anonymous": anonymous, "invited": invited,
            "applicant": applicant, "employee": employee, "private": private, "weaker": weaker,
            "other": other, "other_position": other_position, "other_applicant": other_applicant,
            "declaration": declaration}


def staff_renderings(app, seekers) -> dict[str, str]:
    """What the staff pages show for each seeker's category and grade, in both languages: forbidden string ->
    whose it is. The staff search table renders 'category, grade'; each label alone is forbidden too where it
    cannot occur by accident (the grade labels with their parenthesis, the categories' full names)."""
    from webapp.labels import category_label as category_word
    from webapp.staff.seekers import category_label, grade_label

    forbidden = {}
    with app.test_request_context("/?lang=zh"):
        assert category_label(4) != "4 – physical", "no Chinese catalogue: run pybabel compile -d webapp/translations"
    for lang in LANGUAGES:
        with app.test_request_context(f"/?lang={lang}"):
            for seeker in seekers:
                whose = f"{seeker.ref}'s category/grade ({lang})"
                forbidden[f"{category_label(seeker.category)}, {grade_label(seeker.grade)}"] = whose
                forbidden[category_label(seeker.category)] = whose
                if "(" in grade_label(seeker.grade) or "（" in grade_label(seeker.grade):
                    forbidden[grade_label(seeker.grade)] = whose
                if lang == "zh":  # in English the category words are also ability names ('Vision', 'Hearing')
                    forbidden[category_word(seeker.category)] = whose
    return forbidden


def forbidden_strings(app, world) -> dict[str, str]:
    """Forbidden string -> what it is. Disclosed (by this test, not by the rule under test): the applicant and
    the employee. Everyone else is anonymous to the employer."""
    hidden = [*world["anonymous"], world["invited"], world["private"], *world["weaker"], world["other_applicant"]]
    forbidden = {}
    for seeker in hidden:
        forbidden[seeker.name] = f"name of {seeker.ref}"
        forbidden[seeker.phone] = f"phone of {seeker.ref}"
        forbidden[seeker.certificate_number] = f"certificate number of {seeker.ref}"
        forbidden[seeker.certificate_number[:18]] = f"citizen id (certificate[:18]) of {seeker.ref}"
    for seeker in (world["applicant"], world["employee"]):  # known by name, but never their certificate
        forbidden[seeker.certificate_number] = f"certificate number of {seeker.ref} (disclosed person)"
    forbidden[world["private"].ref] = f"ref of {world['private'].ref}, who shares nothing"
    forbidden[world["other_position"].ref] = "the other employer's position ref"
    forbidden[world["other_position"].title] = "the other employer's position title"
    everyone = [*hidden, world["applicant"], world["employee"]]
    forbidden.update(staff_renderings(app, everyone))
    return forbidden


def with_lang(url: str, lang: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"] + [("lang", lang)]
    return f"{parts.path}?{urlencode(query)}"


def normalise(base: str, href: str) -> str | None:
    """A same-site GET link as path?query without the language; None for what the walk does not follow."""
    href = html.unescape(href).strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(f"http://localhost{base}", href))
    if parts.netloc not in ("localhost", "") or parts.path.startswith("/static/") or parts.path == "/logout":
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    return parts.path + (f"?{urlencode(query)}" if query else "")


def body_texts(response) -> list[str]:
    """The response as text in the forms a string could hide in: raw, entity-decoded, percent-decoded; JSON
    re-dumped without ASCII escapes; XLSX as the text of every cell."""
    content_type = response.headers.get("Content-Type", "")
    data = response.get_data()
    if "spreadsheetml" in content_type or data[:2] == b"PK":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        text = "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
        return [text]
    text = data.decode("utf-8-sig", errors="replace")
    texts = [text, html.unescape(text), unquote(text)]
    if "json" in content_type:
        texts.append(json.dumps(json.loads(text), ensure_ascii=False))
    return texts


class Walk:
    def __init__(self, app, client):
        self.client = client
        self.adapter = app.url_map.bind("localhost")
        self.pages: dict[str, tuple[str, int, list[str]]] = {}  # url -> (endpoint, status, texts)
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.refs: set[str] = set()

    def endpoint(self, url: str) -> str:
        try:
            return self.adapter.match(urlsplit(url).path, method="GET")[0]
        except HTTPException:
            return "(none)"

    def add(self, url: str | None) -> None:
        if url is not None and url not in self.seen:
            self.seen.add(url)
            self.queue.append(url)

    def run(self) -> None:
        while self.queue:
            url = self.queue.popleft()
            for lang in LANGUAGES:
                assert len(self.pages) < MAX_FETCHES, "the walk does not end"
                self.fetch(with_lang(url, lang))

    def fetch(self, url: str) -> None:
        response = self.client.get(url)
        texts = body_texts(response)
        self.pages[url] = (self.endpoint(url), response.status_code, texts)
        if response.status_code in (301, 302, 303, 307, 308):
            self.add(normalise(url, response.headers["Location"]))
        if "text/html" in response.headers.get("Content-Type", ""):
            for href in HREF.findall(texts[0]):
                self.add(normalise(url, href))
        self.refs.update(SEEKER_REF.findall(texts[0]))

    def reached(self, endpoint: str, status: int = 200) -> list[str]:
        return [url for url, (e, s, _t) in self.pages.items() if e == endpoint and s == status]

    def text(self, url: str) -> str:
        return self.pages[url][2][0]


def route_urls(app, values: dict[str, list]) -> list[str]:
    """Every GET route of the URL map, each argument filled with each value the employer could know."""
    import itertools

    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        names = sorted(rule.arguments)
        for combination in itertools.product(*(values.get(name, [1]) for name in names)):
            urls.append(adapter.build(rule.endpoint, dict(zip(names, combination)), method="GET"))
    return urls


def test_an_employer_never_sees_who_did_not_apply(app, client, login, accounts, world, db):
    login(accounts[Role.EMPLOYER])
    walk = Walk(app, client)
    positions = world["positions"]
    own_refs = [p.ref for p in positions]
    seekers = [*world["anonymous"], world["invited"], world["applicant"], world["employee"], world["private"],
               *world["weaker"], world["other_applicant"]]
    applications = db.scalars(select(Application.id)).all()
    values = {"ref": [*own_refs, world["other_position"].ref], "seeker_ref": [s.ref for s in seekers],
              "year": [2025, 2026, 2027], "application_id": applications,
              "declaration_id": [world["declaration"].id],
              "employee_id": [e.id for e in world["declaration"].employees]}
    for start in ("/", "/employer/", "/dashboards/employer", "/declarations/", "/employer/applications",
                  "/api/v1/positions", "/api/v1/applications", *route_urls(app, values),
                  *(f"/api/v1/positions/{ref}/candidates?limit=200" for ref in own_refs)):
        walk.add(normalise("/", start))
    walk.run()
    # candidate pages of every person seen on a page, for every own position (the links cover only some)
    for ref in sorted(walk.refs):
        for position in own_refs:
            walk.add(f"/employer/positions/{position}/candidates/{ref}")
    walk.run()

    # the walk covers what it must, so that it cannot silently shrink
    missing = {e for e in EMPLOYER_ENDPOINTS if not walk.reached(e)}  # each opened with a 200
    assert not missing, f"the walk never opened {sorted(missing)}"
    top = {s.ref for s in [*world["anonymous"], world["invited"], world["applicant"]]}
    for position in positions:
        api = json.loads(walk.text(with_lang(f"/api/v1/positions/{position.ref}/candidates?limit=200", "en")))
        ranked = [m["seeker_id"] for m in api["matches"]]
        assert set(ranked[:len(top)]) == top, f"the anonymous people do not rank first for {position.ref}: {ranked}"
        page = walk.text(with_lang(f"/employer/positions/{position.ref}", "en"))
        for seeker in world["anonymous"]:
            assert f"Candidate {seeker.ref}</a>" in page, f"{seeker.ref} is not on the candidates page"
    dashboard = walk.text(with_lang("/dashboards/employer", "en"))
    assert "Suggested candidates" in dashboard
    for seeker in [*world["anonymous"], world["invited"]]:
        assert f"/candidates/{seeker.ref}\">" in dashboard, f"{seeker.ref} is not among the suggestions"
        assert any(seeker.ref in url for url in walk.reached("employers.candidate")), f"no page of {seeker.ref}"
    # positive control: the applicant is known by name, where the rule allows it
    applicant = world["applicant"]
    assert applicant.name in walk.text(with_lang("/employer/applications", "en"))
    assert applicant.name in dashboard
    applicant_page = walk.text(with_lang(f"/employer/positions/{positions[1].ref}/candidates/{applicant.ref}", "zh"))
    assert applicant.name in applicant_page and applicant.phone in applicant_page
    assert applicant.name in json.dumps(json.loads(walk.text(with_lang("/api/v1/applications", "en"))),
                                        ensure_ascii=False)

    # no errors, and no refusal on the employer's own routes
    bad_status = [f"{url} -> {status}" for url, (endpoint, status, _t) in walk.pages.items()
                  if status not in OK_STATUSES and not (status == 403 and endpoint not in EMPLOYER_ENDPOINTS)]
    assert not bad_status, "unexpected answers:\n" + "\n".join(bad_status)

    forbidden = forbidden_strings(app, world)
    leaks = sorted({f"{url} [{endpoint} {status}]: {what}: {secret!r}"
                    for url, (endpoint, status, texts) in walk.pages.items()
                    for secret, what in forbidden.items() for text in texts
                    if secret in text and secret not in unquote(url)})  # a ref the walk itself asked for
    assert not leaks, f"{len(leaks)} leaks in {len(walk.pages)} answers:\n" + "\n".join(leaks)
    print(f"\nprivacy walk: {len(walk.pages)} answers, {len(walk.seen)} URLs x {len(LANGUAGES)} languages, "
          f"endpoints: {sorted({e for e, s, _t in walk.pages.values() if s == 200})}")
