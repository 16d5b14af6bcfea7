from datetime import datetime
from typing import Optional

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class LoginFailure(Base):
    """A wrong password (or unknown user name), counted by user name and by client address to throttle guessing.
    Kept in the database so that every web worker sees the same counts; rows older than the window are deleted."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the user name as typed, normalised (lower-case, trimmed), whether or not such a user exists
    username: Mapped[str] = mapped_column(String(120), index=True)
    ip: Mapped[Optional[str]] = mapped_column(String(45), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
