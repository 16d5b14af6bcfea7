"""The `int` of every route, bounded to the range of the columns it is looked up in.

Ids and years are 32-bit integer columns on every database: a larger number names nothing, and would make the
driver fail (PostgreSQL's `integer out of range`, SQLite's 64-bit overflow). The bound is in the converter's
regular expression, so that such a path matches no route at all and the answer is a plain 404 (a bound checked
after matching would answer 405 where the path has routes for other methods). Only ASCII digits match: `\\d`
would take other scripts' digits too.
"""

from flask import Flask
from werkzeug.routing import IntegerConverter

#: the largest value of a 32-bit signed integer column
MAX_INT = 2**31 - 1


def up_to(limit: int) -> str:
    """A regular expression for the whole numbers from 0 to `limit`, leading zeros allowed."""
    digits = str(limit)
    shorter = [f"[0-9]{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    # the same length: equal to the limit up to a digit that is smaller, then anything
    smaller = [f"{digits[:i]}[0-{int(d) - 1}][0-9]{{{len(digits) - i - 1}}}" for i, d in enumerate(digits) if d != "0"]
    return f"0*(?:{'|'.join([*shorter, *smaller, digits])})"


class BoundedIntegerConverter(IntegerConverter):
    regex = up_to(MAX_INT)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = BoundedIntegerConverter
