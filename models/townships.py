from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Township(Base):
    """One of the district's streets (街道), towns (镇) or townships (乡)."""

    __tablename__ = "townships"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: two-digit code within the district
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name_zh: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(80))
    #: street, town or township
    kind: Mapped[str] = mapped_column(String(10))
    #: approximate centre, used for distances when a person gives no address
    lat: Mapped[float]
    lon: Mapped[float]

    def name(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") else self.name_zh


class TownshipStaff(Base):
    """The federation staff member who serves a township: follow-up check-ins of its people go to them."""

    __tablename__ = "township_staff"

    township_id: Mapped[int] = mapped_column(ForeignKey("townships.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
