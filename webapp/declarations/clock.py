"""Today's date in the district (Asia/Shanghai), or a fixed date from the app config (ABLEMATCH_TODAY) for
tests and demonstrations of the declaration window."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")


def district_today() -> date:
    return datetime.now(DISTRICT_TZ).date()


def today() -> date:
    from flask import current_app

    fixed = current_app.config.get("ABLEMATCH_TODAY")
    if fixed:
        return fixed if isinstance(fixed, date) else date.fromisoformat(str(fixed))
    return district_today()
