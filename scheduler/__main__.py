"""python -m scheduler [--once] [--inbox FOLDER]: the scheduler process, exactly one per install."""

import argparse
import logging
import os
import sys

from models.db import database_url

from . import jobs, runner


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m scheduler",
        description="Run AbleMatch's scheduler (nightly recompute, reminders, suggestions, insurance inbox, offer "
                    "expiry): its own process, exactly one per install, never inside the web workers.")
    parser.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: DATABASE_URL, or the "
                        "embedded SQLite database the web app uses)")
    parser.add_argument("--inbox", default=os.environ.get("ABLEMATCH_INSURANCE_INBOX"),
                        help="folder where social-insurance files are dropped (env ABLEMATCH_INSURANCE_INBOX)")
    parser.add_argument("--once", action="store_true", help="run what is due and not done, then exit (status 1 "
                        "when a job failed; the others still run)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    url = args.database_url or database_url()
    if args.once:
        jobs.configure(url, args.inbox)
        outcomes = jobs.catch_up()
        for job_id, outcome in outcomes.items():
            print(f"{job_id}: {outcome}")
        if jobs.failed(outcomes):
            sys.exit(1)
        return
    runner.run(url, args.inbox)


if __name__ == "__main__":
    main()
