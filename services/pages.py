"""Long lists, one page at a time with the true total: `paginate` counts the query's rows and loads one page.

A page number past the end gives the last page (a list that shrank under a bookmark still shows something);
the web app refuses what is not a whole number of 1 or more before it gets here."""

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")

PER_PAGE = 25


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    #: rows the query matches, over all pages
    total: int
    #: this page's number, from 1
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def first_index(self) -> int:
        """The 1-based position of this page's first row in the whole list (0 when the list is empty)."""
        return (self.number - 1) * self.per_page + 1 if self.items else 0


def count(session: Session, query: Select) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def paginate(session: Session, query: Select, number: int = 1, per_page: int = PER_PAGE, *,
             scalars: bool = True) -> Page:
    """One page of an ordered query (scalars, or rows when `scalars` is False) with the total it matches."""
    total = count(session, query)
    number = min(max(1, number), max(1, ceil(total / per_page)))
    window = query.limit(per_page).offset((number - 1) * per_page)
    items = list(session.scalars(window) if scalars else session.execute(window))
    return Page(items, total, number, per_page)


def paginate_list(items: list[T], number: int = 1, per_page: int = PER_PAGE) -> Page[T]:
    """The same for a list already in memory (a ranking the matcher computed)."""
    total = len(items)
    number = min(max(1, number), max(1, ceil(total / per_page)))
    start = (number - 1) * per_page
    return Page(items[start:start + per_page], total, number, per_page)
