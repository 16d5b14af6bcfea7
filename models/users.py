import enum
from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .base import Base, str_enum, utcnow

if TYPE_CHECKING:
    from .employers import Employer
    from .seekers import Seeker


class Role(enum.StrEnum):
    SEEKER = "seeker"
    EMPLOYER = "employer"
    STAFF = "staff"


class User(Base):
    """A login. A seeker user has one seeker profile; an employer user belongs to one employer."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: login name: a phone number, e-mail address or staff id; stored lower-case
    username: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    display_name: Mapped[str] = mapped_column(String(100))
    #: zh or en: the language the person chose last
    locale: Mapped[str] = mapped_column(String(8), default="zh")
    is_active: Mapped[bool] = mapped_column(default=True)
    #: set when staff gave a temporary password: the person chooses their own before anything else
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    employer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("employers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[Optional[datetime]]

    employer: Mapped[Optional["Employer"]] = relationship(back_populates="users")
    seeker: Mapped[Optional["Seeker"]] = relationship(back_populates="user")

    # The protocol Flask-Login expects of a user, written here so that models stay free of Flask.
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        # The login itself is a LoginSession row, whose key the cookie holds: ending that row ends the login.
        return str(self.id)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
