"""Notifications as the reader sees them: the registered kind's text in the reader's language with its parameters
formatted for that reader, and the URL of the item it is about (services.notifications declares both)."""

from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from flask import Flask, url_for
from flask_babel import format_date, format_datetime, format_decimal
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Notification
from services.notifications import KINDS

from .i18n import current_language
from .labels import state_label

#: how each format of services.notifications.FORMATS is shown to the reader
FORMATTERS = {
    "text": lambda value: value,
    "date": lambda value: format_date(date.fromisoformat(value)),
    "datetime": lambda value: format_datetime(datetime.fromisoformat(value), "short"),
    "state": state_label,
    "count": len,
    "money": lambda value: format_decimal(Decimal(value), "#,##0.00"),
    "bilingual": lambda value: value["en" if current_language() == "en" else "zh"],
}


class Notice(NamedTuple):
    text: str
    url: str | None


def notice(note: Notification) -> Notice:
    kind = KINDS.get(note.kind)
    params = note.params or {}
    if kind is None or not set(kind.params) <= set(params):
        # a row written before its kind was registered or changed: notify() refuses such rows now
        return Notice(_("A message about your account. Federation staff can tell you more."), None)
    values = {name: FORMATTERS[fmt](params[name]) for name, fmt in kind.params.items()}
    url = url_for(kind.endpoint, **{arg: params[name] for arg, name in kind.link_args.items()})
    return Notice(_(kind.text, **values), url)


def recent(session: Session, user_id: int, limit: int = 10) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.user_id == user_id)
                                .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(notice=notice)
