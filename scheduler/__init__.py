"""AbleMatch's scheduler: its own process (`python -m scheduler`), never inside web workers. A thin adapter:
what each job does is a service (`services/`), the same the web app calls.

- `jobs.py`: the jobs, module-level functions with stable kebab-case ids, when they fire, and `execute()`,
  which runs one job for one period at most once (the period's SchedulerRun row is written in the same
  transaction as the job's effects);
- `runner.py`: the BlockingScheduler with its SQLAlchemyJobStore in the app's database, and the catch-up
  that runs, on start, every period that is due and not done (a run killed half-way left nothing behind).
"""
