import hashlib
import secrets
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .users import User


class ApiToken(Base):
    """A bearer token for the JSON API (/api/v1 only), acting as its user with that user's role, within its scopes
    and until it expires. Only a hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: what the token is for, e.g. "HR system"
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[Optional[datetime]]
    revoked_at: Mapped[Optional[datetime]]
    #: "read", or "read write" (changes too): what the API lets the token do
    scopes: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[datetime]
    #: revoked by the person, or ended by a password change or a reset: password_changed, password_reset
    revoked_reason: Mapped[Optional[str]] = mapped_column(String(20))

    user: Mapped[User] = relationship()

    @staticmethod
    def hash(token: str) -> str:
        # Tokens are long random strings, so a plain SHA-256 suffices (no password-style stretching needed).
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, scopes: str, expires_at: datetime) -> tuple["ApiToken", str]:
        """A new token and its secret, which is shown once and never stored."""
        secret = "am_" + secrets.token_urlsafe(32)
        return cls(user=user, name=name, token_hash=cls.hash(secret), scopes=scopes, expires_at=expires_at), secret

    def allows(self, scope: str) -> bool:
        return scope in self.scopes.split()
