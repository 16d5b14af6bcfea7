import pytest

from models import Role
from tests.factories import make_employer, make_seeker, make_township, make_user

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(db):
    """One user of each role; the seeker and the employer user have their profile."""
    township = make_township(db)
    employer = make_employer(db, township, name="曹娥江包装有限公司")
    users = {
        Role.STAFF: make_user(db, Role.STAFF, "staff@test", PASSWORD, display_name="王老师"),
        Role.EMPLOYER: make_user(db, Role.EMPLOYER, "employer@test", PASSWORD, display_name="李经理", employer=employer),
        Role.SEEKER: make_user(db, Role.SEEKER, "seeker@test", PASSWORD, display_name="张三"),
    }
    make_seeker(db, township, user=users[Role.SEEKER], name="张三", skills=["电商直播", "Excel"])
    db.commit()
    return users


@pytest.fixture
def login(post_form):
    def log_in(user, password: str = PASSWORD):
        return post_form("/login", {"username": user.username, "password": password})

    return log_in
