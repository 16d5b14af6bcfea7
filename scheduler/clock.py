"""The scheduler's clock: the district's time (Asia/Shanghai), or ABLEMATCH_NOW (an ISO datetime) when set,
so that a demonstration or a test can run the scheduler as of a chosen moment."""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    fixed = os.environ.get("ABLEMATCH_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment if moment.tzinfo else moment.replace(tzinfo=TZ)
    return datetime.now(TZ)
