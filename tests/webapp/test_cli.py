"""The app's commands, run as `flask --app webapp ...` would run them, on a database of their own."""

import pytest
from sqlalchemy import func, select

from models import ApiToken, JobFair, Seeker, Township, User, make_engine, make_session_factory
from webapp import create_app


@pytest.fixture
def runner(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "cli-test"})
    return app.test_cli_runner(), make_session_factory(make_engine(url))


def test_db_upgrade_then_seed_demo_once(runner):
    cli, sessions = runner
    result = cli.invoke(args=["db-upgrade"])
    assert result.exit_code == 0 and "up to date" in result.output

    result = cli.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "staff@demo" in result.output and "AbleMatch-employer-2020" in result.output
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Township)) == 20
        assert session.scalar(select(func.count()).select_from(Seeker)) == 2000
        assert session.scalar(select(func.count()).select_from(JobFair)) >= 1

    again = cli.invoke(args=["seed-demo", "--if-empty"])
    assert again.exit_code == 0 and "was not loaded" in again.output
    refused = cli.invoke(args=["seed-demo"])
    assert refused.exit_code != 0 and "already holds data" in refused.output
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Seeker)) == 2000  # nothing loaded twice

    token = cli.invoke(args=["create-api-token", "employer@demo", "HR system"])
    assert token.exit_code == 0 and "am_" in token.output
    with sessions() as session:
        assert session.scalar(select(ApiToken.name)) == "HR system"
    unknown = cli.invoke(args=["create-api-token", "nobody@demo", "x"])
    assert unknown.exit_code != 0 and "No user named 'nobody@demo'" in unknown.output


def test_reset_password_gives_any_account_a_temporary_password(runner):
    cli, sessions = runner
    cli.invoke(args=["db-upgrade"])
    cli.invoke(args=["seed-demo", "--if-empty"])
    result = cli.invoke(args=["reset-password", "staff@demo"])
    assert result.exit_code == 0, result.output
    temporary = result.output.strip().splitlines()[-1]
    with sessions() as session:
        staff = session.scalar(select(User).where(User.username == "staff@demo"))
        assert staff.must_change_password and staff.check_password(temporary)
        assert not staff.check_password("AbleMatch-staff-2020")
    unknown = cli.invoke(args=["reset-password", "nobody@demo"])
    assert unknown.exit_code != 0 and "No user named 'nobody@demo'" in unknown.output
