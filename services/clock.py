"""The district's clock: what today and now are, for every page, service and scheduler job.

Times are stored in UTC and read in the district's zone (ABLEMATCH_TIMEZONE, Asia/Shanghai by default), so a
server running on UTC agrees with the district about the date between 00:00 and 08:00 Beijing time.
ABLEMATCH_NOW (an ISO datetime) or ABLEMATCH_TODAY (an ISO date) fix the clock for demonstrations and tests.
The web app and the scheduler build their Clock from the same settings (the environment, which the web app
copies into its config), and services take `today` or `now` from their caller: nothing else asks the system.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"
SETTINGS = ("ABLEMATCH_TIMEZONE", "ABLEMATCH_NOW", "ABLEMATCH_TODAY")


@dataclass(frozen=True)
class Clock:
    tz: ZoneInfo
    fixed_now: datetime | None = None
    fixed_today: date | None = None

    @classmethod
    def from_settings(cls, settings: Mapping) -> "Clock":
        tz = ZoneInfo(settings.get("ABLEMATCH_TIMEZONE") or DEFAULT_TIMEZONE)
        fixed_now = settings.get("ABLEMATCH_NOW") or None
        if isinstance(fixed_now, str):
            fixed_now = datetime.fromisoformat(fixed_now)
        if fixed_now is not None and fixed_now.tzinfo is None:
            fixed_now = fixed_now.replace(tzinfo=tz)
        fixed_today = settings.get("ABLEMATCH_TODAY") or None
        if isinstance(fixed_today, str):
            fixed_today = date.fromisoformat(fixed_today)
        return cls(tz, fixed_now, fixed_today)

    def now(self) -> datetime:
        """The district's present moment, timezone-aware."""
        if self.fixed_now is not None:
            return self.fixed_now.astimezone(self.tz)
        moment = datetime.now(self.tz)
        if self.fixed_today is not None:  # a fixed day keeps the time of day going
            return datetime.combine(self.fixed_today, moment.timetz())
        return moment

    def today(self) -> date:
        return self.now().date()

    def local(self, moment: datetime) -> datetime:
        """A stored time (UTC; naive ones from SQLite are UTC) in the district's zone."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(self.tz)

    def start_of(self, day: date) -> datetime:
        """Midnight of a district day, as an aware time (to compare with stored UTC times)."""
        return datetime.combine(day, time(), self.tz)


def from_env() -> Clock:
    """The clock of a process without an app (the scheduler, the command line)."""
    return Clock.from_settings(os.environ)
