"""AbleMatch web app: employers, job seekers and federation staff in one Flask app."""

from flask import Flask

from . import (audit, bad_input, cli, clock, converters, db, errors, i18n, labels, login, matching, navigation,
               notifications, pages, profile_fields, proxies, security)
from .config import load_config
from .extensions import cache, csrf


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, test_config)

    converters.init_app(app)  # before any route is added
    db.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    cache.init_app(app)
    login.init_app(app)
    proxies.init_app(app)
    audit.init_app(app)
    security.init_app(app)
    clock.init_app(app)
    errors.init_app(app)
    bad_input.init_app(app)
    navigation.init_app(app)
    labels.init_app(app)
    notifications.init_app(app)
    pages.init_app(app)
    profile_fields.init_app(app)
    matching.init_app(app)
    cli.init_app(app)

    from .account.blueprint import bp as account_bp
    from .api.blueprint import bp as api_bp
    from .auth.blueprint import bp as auth_bp
    from .dashboards.blueprint import bp as dashboards_bp
    from .declarations.blueprint import bp as declarations_bp
    from .employers.blueprint import bp as employers_bp
    from .fairs.blueprint import bp as fairs_bp
    from .followups.blueprint import bp as followups_bp
    from .hiring.blueprint import bp as hiring_bp
    from .public.blueprint import bp as public_bp
    from .seekers.blueprint import bp as seekers_bp
    from .staff.blueprint import bp as staff_bp
    from .trainings.blueprint import bp as trainings_bp

    for bp in (public_bp, auth_bp, account_bp, api_bp, seekers_bp, employers_bp, staff_bp, declarations_bp, dashboards_bp,
               trainings_bp, fairs_bp, hiring_bp, followups_bp):
        app.register_blueprint(bp)
    return app
