"""The domain of AbleMatch: every rule of the product, once, as plain functions over a SQLAlchemy session.

The web app's views and API handlers and the scheduler's jobs are thin adapters over these modules: they parse
their input, call one service and show its result. No Flask here, nothing of `webapp` or `scheduler`.
"""
