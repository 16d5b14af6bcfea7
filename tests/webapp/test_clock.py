"""One clock: the district's today and now, the same on every page, near midnight on a server that runs on UTC."""

from datetime import date, datetime, timezone

import pytest

from models import Role
from services import fairs
from services.clock import Clock
from tests.factories import make_user

pytestmark = pytest.mark.web

#: (district time, the district's date); 23:30 in Shanghai is 15:30 UTC, 00:30 is 16:30 UTC of the day before
MOMENTS = [("2026-12-02T23:30:00+08:00", date(2026, 12, 2)), ("2026-12-03T00:30:00+08:00", date(2026, 12, 3))]


def test_the_clock_reads_the_district_zone_and_the_fixed_moments():
    shanghai = Clock.from_settings({})
    assert shanghai.tz.key == "Asia/Shanghai"
    late = Clock.from_settings({"ABLEMATCH_NOW": "2026-12-02T16:30:00+00:00"})
    assert late.today() == date(2026, 12, 3) and late.now().utcoffset().total_seconds() == 8 * 3600
    naive = Clock.from_settings({"ABLEMATCH_NOW": "2026-12-02T23:30:00"})  # read in the district's zone
    assert naive.now().astimezone(timezone.utc) == datetime(2026, 12, 2, 15, 30, tzinfo=timezone.utc)
    fixed_day = Clock.from_settings({"ABLEMATCH_TODAY": "2027-03-01"})
    assert fixed_day.today() == date(2027, 3, 1) and fixed_day.now().date() == date(2027, 3, 1)
    assert Clock.from_settings({"ABLEMATCH_TIMEZONE": "Europe/Paris",
                                "ABLEMATCH_NOW": "2026-12-02T23:30:00+00:00"}).today() == date(2026, 12, 3)
    assert late.local(datetime(2026, 12, 2, 16, 30)).hour == 0  # a naive stored time is UTC


def test_the_environment_sets_the_web_apps_clock(monkeypatch, database_url, connection):
    from webapp import create_app
    from webapp.clock import today

    monkeypatch.setenv("ABLEMATCH_TODAY", "2027-03-01")
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": database_url, "DB_CONNECTION": connection})
    with app.app_context():
        assert today() == date(2027, 3, 1)


@pytest.mark.parametrize(("moment", "day"), MOMENTS)
def test_pages_agree_on_today_around_midnight(app, client, login, accounts, db, moment, day):
    app.config["ABLEMATCH_NOW"] = moment
    yesterday_fair = fairs.create_fair(db, name="十二月二日专场", held_on=date(2026, 12, 2), venue="百官", venue_accessibility=[])
    fairs.create_fair(db, name="十二月三日专场", held_on=date(2026, 12, 3), venue="曹娥", venue_accessibility=[])
    staff = make_user(db, Role.STAFF, "clock-staff@test", "correct horse battery")
    db.commit()
    still_on = day == date(2026, 12, 2)

    login(accounts[Role.SEEKER])
    upcoming = client.get("/fairs/upcoming?lang=en").get_data(as_text=True)
    assert ("十二月二日专场" in upcoming) == still_on and "十二月三日专场" in upcoming
    client.delete_cookie("session")

    login(staff)
    overview = client.get("/staff/?lang=en").get_data(as_text=True)
    assert f"<dt>Job fairs to come</dt><dd>{2 if still_on else 1}</dd>" in overview
    listing = client.get("/fairs/?lang=en").get_data(as_text=True)
    assert ("Report of 十二月二日专场" in listing) == (not still_on)  # a report once the fair's day is over

    # registering in advance is open until the fair's day ends in the district
    seeker = accounts[Role.SEEKER].seeker
    if still_on:
        fairs.register_attendee(db, yesterday_fair, seeker.id, fairs.AttendeeSource.ADVANCE,
                                Clock.from_settings(app.config).now())
    else:
        with pytest.raises(fairs.FairError):
            fairs.register_attendee(db, yesterday_fair, seeker.id, fairs.AttendeeSource.ADVANCE,
                                    Clock.from_settings(app.config).now())
