"""Checks of the identifiers people type: disability certificate numbers and unified social credit codes.

The check characters are python-stdnum's (stdnum.cn.ric, stdnum.cn.uscc). Errors carry a code naming the
part that is wrong, so that the web app can say it in the user's language.
"""

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

CATEGORIES = range(1, 8)
GRADES = range(1, 5)


class IdentifierError(ValueError):
    """code: which part is wrong (length, format, id_checksum, id_birth_date, category, grade,
    category_mismatch, grade_mismatch, checksum)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def compact(value: str) -> str:
    return "".join(value.split()).upper()


def validate_certificate(number: str, category: int | None = None, grade: int | None = None) -> str:
    """Return the compacted 20-character certificate number or raise IdentifierError.

    When category and grade are given, the number's last two digits must agree with them.
    """
    number = compact(number)
    if len(number) != 20:
        raise IdentifierError("length", length=len(number))
    citizen_id, cat_digit, grade_digit = number[:18], number[18], number[19]
    try:
        ric.validate(citizen_id)
    except stdnum_errors.InvalidChecksum:
        raise IdentifierError("id_checksum") from None
    except stdnum_errors.InvalidComponent:
        raise IdentifierError("id_birth_date") from None
    except stdnum_errors.ValidationError:
        raise IdentifierError("format") from None
    if not cat_digit.isdigit() or int(cat_digit) not in CATEGORIES:
        raise IdentifierError("category", value=cat_digit)
    if not grade_digit.isdigit() or int(grade_digit) not in GRADES:
        raise IdentifierError("grade", value=grade_digit)
    if category is not None and int(cat_digit) != category:
        raise IdentifierError("category_mismatch", number=int(cat_digit), stored=category)
    if grade is not None and int(grade_digit) != grade:
        raise IdentifierError("grade_mismatch", number=int(grade_digit), stored=grade)
    return number


def certificate_parts(number: str) -> tuple[int, int]:
    """Category and grade encoded in a valid certificate number."""
    number = validate_certificate(number)
    return int(number[18]), int(number[19])


def validate_credit_code(code: str) -> str:
    """Return the compacted 18-character unified social credit code or raise IdentifierError."""
    code = compact(code)
    if len(code) != 18:
        raise IdentifierError("length", length=len(code))
    try:
        uscc.validate(code)
    except stdnum_errors.InvalidChecksum:
        raise IdentifierError("checksum") from None
    except stdnum_errors.ValidationError:
        raise IdentifierError("format") from None
    return code
