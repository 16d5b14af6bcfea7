"""Commands: `flask --app webapp db-upgrade`, `flask --app webapp seed-demo`."""

from datetime import timedelta

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select, text

from models import Township, make_engine
from models.migrate import upgrade
from services.accounts import SCOPES

from .clock import clock


def _engine():
    return current_app.extensions.get("db_engine") or make_engine(current_app.config["DATABASE_URL"])


@click.command("db-upgrade")
@with_appcontext
def db_upgrade_command():
    """Create or update the database schema to the newest migration."""
    with _engine().begin() as connection:
        upgrade(connection)
    click.echo("Database is up to date.")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds data.")
@click.option("--seed", default=2020, show_default=True, help="Random seed: the same seed gives the same district.")
def seed_demo_command(if_empty: bool, seed: int):
    """Load the demo district (townships, employers, job seekers, the 2020 fair, trainings)."""
    from fixtures import load_demo
    from models import make_session_factory

    with make_session_factory(_engine())() as session:
        if session.scalar(select(func.count()).select_from(Township)):
            if if_empty:
                click.echo("The database already holds data; the demo district was not loaded.")
                return
            raise click.ClickException("The database already holds data. Load the demo into an empty database.")
        summary = load_demo(session, seed=seed)
        session.commit()
    # Planner statistics for the freshly loaded tables, so that the first requests use the indexes instead of
    # waiting for autovacuum to notice the bulk load (SQLite has no such need).
    if _engine().dialect.name == "postgresql":
        with _engine().connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    click.echo(f"Loaded the demo district: {summary.describe()}")
    click.echo("Demo accounts (role, user name, password):")
    for role, username, password in summary.accounts:
        click.echo(f"  {role:<9} {username:<16} {password}")


@click.command("create-api-token")
@with_appcontext
@click.argument("username")
@click.argument("name")
@click.option("--scopes", type=click.Choice(SCOPES), default="read", show_default=True,
              help='"read", or "read write" to change things too')
@click.option("--days", type=click.IntRange(1, 365), default=90, show_default=True, help="days until it expires")
def create_api_token_command(username: str, name: str, scopes: str, days: int):
    """Issue an API token acting as USERNAME (with that user's role) within SCOPES; NAME says what it is for."""
    from models import ApiToken, User, make_session_factory

    with make_session_factory(_engine())() as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None:
            raise click.ClickException(f"No user named {username!r}.")
        token, secret = ApiToken.issue(user, name, scopes, clock().now() + timedelta(days=days))
        session.add(token)
        session.commit()
    click.echo(f"Token for {user.username} ({user.role.value}), {scopes}, until {token.expires_at:%Y-%m-%d}, shown "
               "once; send it as 'Authorization: Bearer <token>':")
    click.echo(secret)


@click.command("reset-password")
@with_appcontext
@click.argument("username")
def reset_password_command(username: str):
    """Give USERNAME (any role, staff included) a temporary password, to be changed at the next login."""
    from models import User, make_session_factory
    from services.accounts import reset_password

    with make_session_factory(_engine())() as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None:
            raise click.ClickException(f"No user named {username!r}.")
        password = reset_password(session, user, None, clock().now())
        session.commit()
    click.echo(f"Temporary password for {user.username} ({user.role.value}), shown once; it must be changed at the "
               "next login:")
    click.echo(password)


def init_app(app: Flask) -> None:
    app.cli.add_command(db_upgrade_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_api_token_command)
    app.cli.add_command(reset_password_command)
