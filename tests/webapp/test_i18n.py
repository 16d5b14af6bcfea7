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


def test_the_catalogue_holds_exactly_the_texts_of_the_code_and_templates():
    """What `make translations` extracts: a template the extractor cannot read (say, a tag of an extension that
    babel.cfg does not load) would silently lose its texts from the catalogue at the next update."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = CATALOG.parents[4]
    with (root / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "N_": None}  # as the Makefile's -k options
    extracted = {message if isinstance(message, str) else message[0]
                 for _file, _line, message, _comments, _context in extract_from_dir(
                     root, method_map, options_map, keywords=keywords)}
    with CATALOG.open("rb") as f:
        catalogued = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert extracted - catalogued == set()
    assert catalogued - extracted == set()


def test_times_are_shown_in_the_district_time_zone(app):
    from datetime import datetime, timezone

    from flask import render_template_string

    with app.test_request_context("/?lang=en"):
        shown = render_template_string("{{ at|datetimeformat('HH:mm') }}",
                                       at=datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc))
    assert shown == "10:00"
