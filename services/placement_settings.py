"""How long a person has to answer a job offer, and when the follow-up check-ins after a hire fall.

ABLEMATCH_OFFER_DAYS (default 7) and ABLEMATCH_FOLLOW_UP_MONTHS (default "1,3,6,12": months after the start),
read from the environment by the web app and the scheduler alike.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass

SETTINGS = ("ABLEMATCH_OFFER_DAYS", "ABLEMATCH_FOLLOW_UP_MONTHS")


@dataclass(frozen=True)
class PlacementSettings:
    offer_days: int = 7
    follow_up_months: tuple[int, ...] = (1, 3, 6, 12)

    @classmethod
    def from_settings(cls, settings: Mapping) -> "PlacementSettings":
        days = str(settings.get("ABLEMATCH_OFFER_DAYS") or cls.offer_days)
        months = str(settings.get("ABLEMATCH_FOLLOW_UP_MONTHS") or "")
        follow_up = tuple(sorted({int(m) for m in months.replace(" ", "").split(",") if m})) or cls.follow_up_months
        if not days.isdigit() or int(days) < 1 or min(follow_up) < 1:
            raise ValueError("ABLEMATCH_OFFER_DAYS must be a whole number of days from 1, and "
                             "ABLEMATCH_FOLLOW_UP_MONTHS whole months from 1, such as 1,3,6,12")
        return cls(int(days), follow_up)


def from_env() -> PlacementSettings:
    return PlacementSettings.from_settings(os.environ)
