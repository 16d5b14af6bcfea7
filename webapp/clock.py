"""The district's clock in the web app: `services.clock` built from the app's config, which holds the
environment's ABLEMATCH_TIMEZONE, ABLEMATCH_NOW and ABLEMATCH_TODAY (a test may set them in the config)."""

from datetime import date

from flask import Flask, current_app

from services.clock import Clock


def clock() -> Clock:
    return Clock.from_settings(current_app.config)


def today() -> date:
    return clock().today()


def init_app(app: Flask) -> None:
    # Stored times are UTC: shown in the district's zone, never as unlabelled UTC.
    app.add_template_filter(lambda moment: clock().local(moment) if moment else moment, "local")
    app.add_template_global(today, "district_today")
