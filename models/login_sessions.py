import hashlib
import secrets
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .users import User


class LoginSession(Base):
    """One login in a browser, kept on the server so that it can be ended: the signed session cookie holds only
    its random key, and a cookie whose row has ended opens nothing, even if it was saved before logout."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of the key in the cookie (a key read from a database copy would not open a session)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime]
    #: written at most once a minute, so that the idle timeout costs no write on most requests
    last_seen_at: Mapped[datetime]
    #: where the person logged in from, shown on their sessions page
    ip: Mapped[Optional[str]] = mapped_column(String(45))
    user_agent: Mapped[Optional[str]] = mapped_column(String(255))
    ended_at: Mapped[Optional[datetime]]
    #: logout, idle, expired, password_changed, password_reset, ended_by_user, ended_by_staff
    end_reason: Mapped[Optional[str]] = mapped_column(String(20))

    user: Mapped[User] = relationship()

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)
