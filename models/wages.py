from decimal import Decimal
from typing import Optional

from sqlalchemy import Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class LocalWage(Base):
    """Published wage figures of a jurisdiction for one year: the levy's wage cap and the minimum wage.

    The levy caps an employer's average wage at a multiple of the local social average wage
    (compliance rule data); a disabled employee counts only when paid at least the local minimum wage.
    """

    __tablename__ = "local_wages"
    __table_args__ = (UniqueConstraint("jurisdiction", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a rule-set code (compliance/rules), e.g. CN-ZJ
    jurisdiction: Mapped[str] = mapped_column(String(10))
    year: Mapped[int]
    #: local social average wage, yuan per year (社会平均工资)
    average_yearly: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    #: local minimum wage, yuan per month; None when not known (then not checked)
    minimum_monthly: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2))
