"""WTForms validators for the identifiers people type, with messages that name the wrong part in the user's language."""

from flask_babel import gettext as _
from wtforms import ValidationError

from models.identifiers import IdentifierError, validate_certificate, validate_credit_code
from services.passwords import password_problem

from .errors import error_text


def certificate_message(error: IdentifierError) -> str:
    p = error.params
    messages = {
        "length": lambda: _("A disability certificate number has 20 characters; this one has %(n)d.", n=p["length"]),
        "format": lambda: _("The first 18 characters of the certificate number must be the holder's citizen ID "
                            "(17 digits and a final digit or X)."),
        "id_checksum": lambda: _("The citizen ID in the certificate number (its first 18 characters) has a wrong "
                                 "check character: check each digit."),
        "id_birth_date": lambda: _("The citizen ID in the certificate number holds an impossible birth date or "
                                   "place code (characters 1 to 14)."),
        "category": lambda: _("Character 19 of the certificate number is the disability category and must be 1 to 7, "
                              "not %(value)s.", value=p["value"]),
        "grade": lambda: _("Character 20 of the certificate number is the disability grade and must be 1 to 4, "
                           "not %(value)s.", value=p["value"]),
        "category_mismatch": lambda: _("The certificate number says category %(number)d, but category %(stored)d "
                                       "was chosen.", number=p["number"], stored=p["stored"]),
        "grade_mismatch": lambda: _("The certificate number says grade %(number)d, but grade %(stored)d was chosen.",
                                    number=p["number"], stored=p["stored"]),
    }
    return messages[error.code]()


def credit_code_message(error: IdentifierError) -> str:
    messages = {
        "length": lambda: _("A unified social credit code has 18 characters; this one has %(n)d.",
                            n=error.params["length"]),
        "format": lambda: _("A unified social credit code has digits in its first 8 characters and then digits "
                            "or capital letters other than I, O, Z, S and V."),
        "checksum": lambda: _("The last character of the unified social credit code does not match the others: "
                              "check each character."),
    }
    return messages[error.code]()


class CertificateNumber:
    """Checks the field's certificate number; with category_field/grade_field, that it agrees with them."""

    def __init__(self, category_field: str | None = None, grade_field: str | None = None):
        self.category_field = category_field
        self.grade_field = grade_field

    def __call__(self, form, field):
        category = _int_or_none(form, self.category_field)
        grade = _int_or_none(form, self.grade_field)
        try:
            field.data = validate_certificate(field.data or "", category, grade)
        except IdentifierError as error:
            raise ValidationError(certificate_message(error)) from None


class CreditCode:
    def __call__(self, form, field):
        try:
            field.data = validate_credit_code(field.data or "")
        except IdentifierError as error:
            raise ValidationError(credit_code_message(error)) from None


class NewPassword:
    """The password policy (services.passwords), shown by the field; `username_field` names the form's user name."""

    def __init__(self, username_field: str | None = None):
        self.username_field = username_field

    def __call__(self, form, field):
        username = form[self.username_field].data if self.username_field else None
        problem = password_problem(field.data or "", username=username)
        if problem is not None:
            raise ValidationError(error_text(problem))


def _int_or_none(form, name: str | None) -> int | None:
    if name is None:
        return None
    try:
        return int(form[name].data)
    except (TypeError, ValueError):
        return None
