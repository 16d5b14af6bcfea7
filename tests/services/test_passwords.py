"""The password policy: length with its limits named, the common-password list and repeated or counted
characters, in one place for every form that sets a password."""

import pytest

from services.passwords import MAX_LENGTH, MIN_LENGTH, common_passwords, password_problem


@pytest.mark.parametrize("password, code", [
    ("aaaaaaaaaa", "repeated"), ("ababababab", "repeated"), ("abcabcabcabc", "repeated"),
    ("1234567890", "repeated"), ("0987654321", "repeated"), ("abcdefghijk", "repeated"),
    ("qwertyuiop", "repeated"), ("password12", "common"), ("Password123!", "common"), ("iloveyou2020", "common"),
    ("short", "too_short"), ("x" * 9 + "7", "repeated"), ("aabbaabbab", "repeated"),
])
def test_common_and_repeated_passwords_are_refused(password, code):
    assert password_problem(password).code == code


@pytest.mark.parametrize("password", ["correct horse battery", "AbleMatch-seeker-2020", "k7qm-x2ad-9fpt",
                                      "上虞的雨天很长很长很长", "7391 tea kettle"])
def test_uncommon_passwords_pass(password):
    assert password_problem(password) is None


def test_the_limits_are_named_in_the_refusal():
    too_long = password_problem("Xy7-" * 50 + "z")  # 201 characters
    assert too_long.code == "too_long" and too_long.params == {"max": MAX_LENGTH, "length": 201}
    too_short = password_problem("Xy7-q")
    assert too_short.code == "too_short" and too_short.params == {"min": MIN_LENGTH}
    assert password_problem("".join(chr(0x4E00 + 7 * n) for n in range(MAX_LENGTH))) is None  # 200 is allowed


def test_the_user_name_is_not_a_password():
    assert password_problem(" 13800138000 ", username="13800138000").code == "same_as_username"


def test_the_shipped_list_holds_thousands_of_common_passwords():
    common = common_passwords()
    assert len(common) >= 5000
    assert {"123456", "password", "qwerty", "iloveyou"} <= common


def test_the_demo_logins_in_the_readme_pass_the_policy():
    from fixtures.demo import ACCOUNTS

    assert [password_problem(password, username=username) for _, username, password in ACCOUNTS] == [None] * 3
