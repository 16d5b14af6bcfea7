import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.web

CATALOG = Path(__file__).resolve().parents[2] / "webapp" / "translations" / "zh" / "LC_MESSAGES" / "messages.po"


def test_chinese_is_the_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-CN">' in html
    assert "找到适合自己能力的工作" in html


def test_lang_parameter_switches_and_is_remembered(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "Work that fits what you can do" in html
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)
    assert '<html lang="zh-CN">' in client.get("/login?lang=zh").get_data(as_text=True)
    assert '<html lang="zh-CN">' in client.get("/").get_data(as_text=True)


def test_unknown_language_falls_back_to_chinese(client):
    assert '<html lang="zh-CN">' in client.get("/?lang=fr").get_data(as_text=True)


def test_every_page_has_a_switch_to_the_same_page_in_the_other_language(client):
    html = client.get("/login?next=/me/").get_data(as_text=True)
    assert re.search(r'<a href="/login\?next=/me/&amp;lang=en" lang="en" hreflang="en">English</a>', html)
    assert re.search(r'<a href="/login\?next=/me/&amp;lang=zh" lang="zh-CN" hreflang="zh-CN" aria-current="true">中文</a>', html)


def test_error_pages_are_translated(client):
    assert "找不到页面" in client.get("/no-such-page").get_data(as_text=True)
    assert "Page not found" in client.get("/no-such-page?lang=en").get_data(as_text=True)


def test_chinese_catalogue_translates_every_text():
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))]
    assert untranslated == []


def test_times_are_shown_in_the_district_time_zone(app):
    from datetime import datetime, timezone

    from flask import render_template_string

    with app.test_request_context("/?lang=en"):
        shown = render_template_string("{{ at|datetimeformat('HH:mm') }}",
                                       at=datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc))
    assert shown == "10:00"
