"""Notifications as the reader sees them: the registered kind's text in the reader's language and zone
(services.notice_text renders it), the URL of the item it is about, and the unread count in the header."""

from typing import NamedTuple

from flask import Flask, url_for
from flask_babel import get_timezone
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Notification
from services.notice_text import notice_text
from services.notifications import KINDS, unread_count

from .db import get_session
from .i18n import current_language


class Notice(NamedTuple):
    text: str
    url: str | None


def notice(note: Notification) -> Notice:
    kind = KINDS.get(note.kind)
    params = note.params or {}
    text = notice_text(note.kind, params, current_language(), get_timezone())
    if kind is None or not set(kind.params) <= set(params):
        return Notice(text, None)  # a row older than its kind: notify() refuses such rows now
    return Notice(text, url_for(kind.endpoint, **{arg: params[name] for arg, name in kind.link_args.items()}))


def recent(session: Session, user_id: int, limit: int = 10) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.user_id == user_id)
                                .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)))


def unread() -> int | None:
    """The logged-in user's unread messages, for the header's link (None when nobody is logged in)."""
    if not current_user.is_authenticated:
        return None
    return unread_count(get_session(), current_user.id)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(notice=notice, unread_messages=unread)
