"""A one-event iCalendar file (RFC 5545) for an interview: what calendar programs import.

Small enough to write here: text values escaped (backslash, semicolon, comma, new line), times in UTC, lines
folded at 75 octets without splitting a UTF-8 character, CRLF line ends.
"""

from datetime import datetime, timedelta, timezone


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> bytes:
    """The line as octets, folded so that no physical line is longer than 75 octets (RFC 5545, 3.1)."""
    out, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current)
            current, limit = b" ", 75  # a continuation line starts with one space, which counts
        current += encoded
    out.append(current)
    return b"\r\n".join(out) + b"\r\n"


def event(*, uid: str, starts_at: datetime, minutes: int, summary: str, location: str = "", description: str = "",
          url: str = "", stamp: datetime) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AbleMatch//Interviews//ZH", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc(stamp)}", f"DTSTART:{_utc(starts_at)}",
             f"DTEND:{_utc(starts_at + timedelta(minutes=minutes))}", f"SUMMARY:{_escape(summary)}"]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return b"".join(_fold(line) for line in lines)
