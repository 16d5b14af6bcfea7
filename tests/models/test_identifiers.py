import pytest

from models.identifiers import IdentifierError, certificate_parts, validate_certificate, validate_credit_code
from tests.factories import certificate_number, credit_code

# A citizen ID with a correct ISO 7064 MOD 11-2 check character (computed by hand:
# weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over 33062219900307001 sum to 231, 231 mod 11 = 0,
# and remainder 0 maps to check character "1").
VALID_ID = "330622199003070011"


def test_valid_certificate_is_accepted_and_compacted():
    assert validate_certificate(" 3306221990030700 1141 ") == VALID_ID + "41"
    assert certificate_parts(VALID_ID + "41") == (4, 1)


def test_certificate_agreeing_with_stored_category_and_grade():
    assert validate_certificate(VALID_ID + "23", category=2, grade=3) == VALID_ID + "23"


@pytest.mark.parametrize(("number", "code"), [
    (VALID_ID + "4", "length"),
    (VALID_ID + "411", "length"),
    ("330622199003070012" + "41", "id_checksum"),  # check character changed
    ("330622199013070019" + "41", "id_checksum"),  # a month 13, wrong check too: the checksum is found first
    ("3306221990A3070011" + "41", "format"),
    (VALID_ID + "81", "category"),
    (VALID_ID + "01", "category"),
    (VALID_ID + "45", "grade"),
    (VALID_ID + "40", "grade"),
    (VALID_ID + "4X", "grade"),
])
def test_broken_certificate_says_which_part_is_wrong(number, code):
    with pytest.raises(IdentifierError) as info:
        validate_certificate(number)
    assert info.value.code == code


def test_impossible_birth_date_is_refused():
    first17 = "33062219901332001"  # 32 December
    from stdnum.cn import ric
    number = first17 + ric.calc_check_digit(first17 + "0") + "41"
    with pytest.raises(IdentifierError) as info:
        validate_certificate(number)
    assert info.value.code == "id_birth_date"


def test_certificate_must_agree_with_stored_category_and_grade():
    with pytest.raises(IdentifierError) as info:
        validate_certificate(VALID_ID + "41", category=2, grade=1)
    assert info.value.code == "category_mismatch"
    assert info.value.params == {"number": 4, "stored": 2}
    with pytest.raises(IdentifierError) as info:
        validate_certificate(VALID_ID + "41", category=4, grade=3)
    assert info.value.code == "grade_mismatch"


def test_factory_certificates_are_valid():
    for category in range(1, 8):
        for grade in range(1, 5):
            assert certificate_parts(certificate_number(category, grade)) == (category, grade)


def test_valid_credit_code():
    # A published code of a real company (Alibaba Cloud Computing Co., Ltd.), used only as a checksum example.
    assert validate_credit_code("91330106673959654P") == "91330106673959654P"
    assert validate_credit_code(credit_code(42)) == credit_code(42)


@pytest.mark.parametrize(("code", "error"), [
    ("91330106673959654", "length"),
    ("91330106673959654PX", "length"),
    ("91330106673959654Q", "checksum"),
    ("9133010667395965IP", "format"),  # I is not in the GB 32100 alphabet
    ("9A330106673959654P", "format"),
])
def test_broken_credit_code_is_refused(code, error):
    with pytest.raises(IdentifierError) as info:
        validate_credit_code(code)
    assert info.value.code == error
