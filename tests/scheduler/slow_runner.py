"""The real scheduler process, with the reminders job made slow after it did its work (before its commit),
so that a test can kill the process in the middle of a run. Usage: python slow_runner.py DATABASE_URL MARKER"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scheduler import runner  # noqa: E402
from services import declarations  # noqa: E402

url, marker = sys.argv[1], Path(sys.argv[2])
real = declarations.send_declaration_reminders


def slow(session, day, mailer=None):
    result = real(session, day, mailer)
    session.flush()  # the notifications are written, not yet committed
    marker.write_text("in the middle of declaration-reminders")
    time.sleep(300)
    return result


declarations.send_declaration_reminders = slow
runner.run(url)
