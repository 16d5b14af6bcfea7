"""AbleMatch's scheduler: its own process (`flask --app webapp scheduler`), never inside web workers.

- `jobs.py`: the jobs, module-level functions with stable kebab-case ids, when they fire, and `execute()`,
  which runs one job for one period at most once (the period's SchedulerRun row is written in the same
  transaction as the job's effects);
- `tasks.py`: what each job does, as plain functions taking a session and dates;
- `recompute.py`: the nightly compliance snapshot of every employer, in set-based SQL;
- `runner.py`: the BlockingScheduler with its SQLAlchemyJobStore in the app's database, and the catch-up
  that runs, on start, every period that is due and not done (a run killed half-way left nothing behind).
"""
