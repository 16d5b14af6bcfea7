"""Identifier checks in forms: a message naming the wrong part, in the user's language, and the value kept."""

import pytest
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired

from tests.factories import certificate_number, credit_code
from webapp.validators import CertificateNumber, CreditCode

pytestmark = pytest.mark.web


class SeekerForm(FlaskForm):
    class Meta:
        csrf = False

    category = IntegerField()
    grade = IntegerField()
    certificate = StringField(validators=[DataRequired(), CertificateNumber("category", "grade")])


class EmployerForm(FlaskForm):
    class Meta:
        csrf = False

    credit_code = StringField(validators=[DataRequired(), CreditCode()])


def check(app, form_cls, data: dict, lang: str = "zh"):
    with app.test_request_context(f"/?lang={lang}", method="POST", data=data):
        form = form_cls()
        ok = form.validate()
        return ok, {name: [str(e) for e in errors] for name, errors in form.errors.items()}, form


def test_good_certificate_is_accepted_and_compacted(app):
    number = certificate_number(2, 3)
    ok, errors, form = check(app, SeekerForm, {"category": "2", "grade": "3", "certificate": f" {number[:10]} {number[10:]} "})
    assert ok and errors == {}
    assert form.certificate.data == number


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "残疾人证号应为 20 位，当前为 19 位。"),
    ("en", "A disability certificate number has 20 characters; this one has 19."),
])
def test_short_certificate_number(app, lang, expected):
    ok, errors, _ = check(app, SeekerForm, {"category": "4", "grade": "1", "certificate": certificate_number(4, 1)[:19]}, lang)
    assert not ok and errors == {"certificate": [expected]}


def test_each_wrong_part_of_a_certificate_is_named(app):
    good = certificate_number(4, 1)
    wrong_check = good[:17] + ("0" if good[17] != "0" else "2") + "41"
    cases = {
        wrong_check: "The citizen ID in the certificate number (its first 18 characters) has a wrong check character",
        good[:18] + "91": "Character 19 of the certificate number is the disability category and must be 1 to 7, not 9.",
        good[:18] + "46": "Character 20 of the certificate number is the disability grade and must be 1 to 4, not 6.",
        good[:18] + "21": "The certificate number says category 2, but category 4 was chosen.",
        good[:18] + "42": "The certificate number says grade 2, but grade 1 was chosen.",
    }
    for number, message in cases.items():
        ok, errors, form = check(app, SeekerForm, {"category": "4", "grade": "1", "certificate": number}, "en")
        assert not ok
        assert errors["certificate"][0].startswith(message)
        assert form.certificate.data == number  # what the user typed is kept for correcting


def test_credit_code_messages(app):
    good = credit_code(7)
    assert check(app, EmployerForm, {"credit_code": good.lower()})[0]
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    ok, errors, _ = check(app, EmployerForm, {"credit_code": wrong}, "zh")
    assert not ok and errors == {"credit_code": ["统一社会信用代码最后一位校验码与前面各位不符，请逐位核对。"]}
    ok, errors, _ = check(app, EmployerForm, {"credit_code": good[:10]}, "en")
    assert errors == {"credit_code": ["A unified social credit code has 18 characters; this one has 10."]}
