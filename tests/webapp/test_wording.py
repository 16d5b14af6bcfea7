"""How the texts read: Chinese addresses the reader as 您 and uses Chinese punctuation; staff forms speak of the
person in the third person; notices are full sentences that name their item; one date format per language."""

import re
from datetime import date, datetime, timedelta, timezone
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po

from models import ApplicationState, Role
from services import applications, interviews
from services.notice_text import notice_text
from services.notifications import COUNTED, KINDS
from tests.factories import make_position

CATALOG = Path(__file__).resolve().parents[2] / "webapp" / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
TZ = ZoneInfo("Asia/Shanghai")

#: ideographs, CJK punctuation, full-width forms and the quotes and dashes of Chinese text
CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’…—"
IS_CJK = re.compile(f"[{CJK}]")
#: msgids whose Chinese may say 你 (none: the federation addresses everyone as 您)
INFORMAL_ALLOWED: set[str] = set()


def chinese_texts():
    """(msgid, msgstr) for every translated text of the catalogue, each plural form on its own."""
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        for text in (message.string if isinstance(message.string, tuple) else (message.string,)):
            if text:
                yield msgid, text


def punctuation_faults(text: str) -> list[str]:
    """ASCII , : ; ( ) ? ! next to Chinese text, and an ASCII full stop ending a Chinese sentence. A placeholder
    counts as part of the Chinese sentence; addresses, paths, numbers such as 3,600 and code such as
    "Content-Type: application/json" are left as they are."""
    text = re.sub(r"%\(\w+\)[sd]|%[sd]", "〇", text)
    text = re.sub(r"https?://\S+|/[\w./-]+|\d[\d,.:]*\d", "0", text)
    faults = []
    for mark in re.finditer(r"[,:;()?!.]", text):
        i = mark.start()
        before, after = text[:i].rstrip()[-1:], text[i + 1:].lstrip()[:1]
        if mark.group() == ".":  # a file name such as (.ics文件) keeps its dot
            wrong = bool(IS_CJK.match(before)) and (not after or text[i + 1] == " " or bool(IS_CJK.match(after)))
        else:
            wrong = bool(IS_CJK.match(before) or IS_CJK.match(after))
        if wrong:
            faults.append(text[max(0, i - 10):i + 10])
    return faults


def test_the_punctuation_rule_tells_chinese_from_code():
    assert punctuation_faults("您好,世界") and punctuation_faults("%(item)s: %(what)s")
    assert punctuation_faults("请 (可选)") and punctuation_faults("上次更改于 %(date)s.")
    assert not punctuation_faults("共 3,600 元。") and not punctuation_faults("添加到我的日历（.ics文件）")
    assert not punctuation_faults("请以 Content-Type: application/json 发送 JSON 对象。")


def test_chinese_addresses_the_reader_as_nin():
    assert [(msgid, text) for msgid, text in chinese_texts() if "你" in text and msgid not in INFORMAL_ALLOWED] == []


def test_chinese_texts_use_chinese_punctuation():
    assert [(text, punctuation_faults(text)) for _msgid, text in chinese_texts() if punctuation_faults(text)] == []


def test_chinese_sentences_end_as_chinese_sentences():
    """An English sentence ending in a full stop is a Chinese sentence ending in 。 (or in a closing quote or
    bracket after it), not in an ASCII dot."""
    wrong = [(msgid, text) for msgid, text in chinese_texts()
             if msgid.endswith(".") and IS_CJK.search(text) and text.rstrip().endswith(".")]
    assert wrong == []


SAMPLE = {"text": "AB", "date": "2026-11-29", "datetime": "2026-11-29T06:05:00+00:00", "state": "applied",
          "count": [1, 2], "money": "27450.00", "bilingual": {"zh": "面点", "en": "Pastry"}, "week": "2026-W48",
          **dict.fromkeys(COUNTED, 2)}


def test_every_notice_is_full_sentences_naming_its_item():
    for kind in KINDS.values():
        head = kind.text.split(": ")[0]
        assert ": " not in kind.text or len(head.split()) > 3, f"{kind.name}: starts with a heading, {head!r}"
        params = {name: SAMPLE[fmt] for name, fmt in kind.params.items()}
        en, zh = notice_text(kind.name, params, "en", TZ), notice_text(kind.name, params, "zh", TZ)
        assert re.match(r"[A-Z0-9]", en) and en.endswith("."), (kind.name, en)
        assert zh.endswith("。") and not punctuation_faults(zh), (kind.name, zh)


def test_the_weekly_suggestions_say_which_week_in_words():
    en = notice_text("quota_suggestions", {"week": "2026-W48", "count": 12}, "en", TZ)
    assert en == "In week 48 of 2026, the federation suggested 12 candidates for your open positions. Your dashboard " \
                 "lists them."
    zh = notice_text("quota_suggestions_staff", {"week": "2026-W08", "count": 12, "employers": 3}, "zh", TZ)
    assert zh == "2026年第8周，系统为未达到规定比例的3家用人单位推荐了12名人选。"


def test_counted_things_agree_with_their_number():
    en = notice_text("insurance_import", {"imported": ["a.csv"], "rejected": [], "stopped": [3, 4]}, "en", TZ)
    assert en == ("The social-insurance inbox imported 1 file and rejected 0 files. Insurance stopped for 2 people "
                  "in current employment.")
    en = notice_text("quota_suggestions_staff", {"week": "2026-W48", "count": 1, "employers": 1}, "en", TZ)
    assert en == "In week 48 of 2026, the matcher suggested 1 candidate to 1 employer below the quota."
    zh = notice_text("insurance_import", {"imported": ["a.csv"], "rejected": [], "stopped": [3, 4]}, "zh", TZ)
    assert zh == "社保数据收件箱导入了1个文件，拒绝了0个文件。2名在职人员的社保已中断。"


def test_notices_say_dates_and_times_in_the_one_format_of_the_language():
    params = {"interview_id": 1, "employer": "AB", "position": "CD", "starts_at": "2026-11-29T06:05:00+00:00"}
    assert "tomorrow, Nov 29, 2026, 2:05\u202fPM." in notice_text("interview_reminder_seeker", params, "en", TZ)
    assert "明天2026年11月29日 14:05。" in notice_text("interview_reminder_seeker", params, "zh", TZ)
    params = {"offer_id": 1, "employer": "AB", "position": "CD", "answer_by": "2026-12-03"}
    assert "by Dec 3, 2026 and" in notice_text("offer_expired_seeker", params, "en", TZ)
    assert "在2026年12月3日前" in notice_text("offer_expired_seeker", params, "zh", TZ)


#: how a day and a time read in each language, and shapes of dates that must not appear on a page
DAY = {"en": r"[A-Z][a-z]{2} \d{1,2}, \d{4}", "zh": r"\d{4}年\d{1,2}月\d{1,2}日"}
TIME = {"en": r", \d{1,2}:\d{2}\s[AP]M", "zh": r" \d{2}:\d{2}"}
OTHER_DATES = re.compile(r"\d{4}/\d{1,2}/\d{1,2}|\b\d{1,2}/\d{1,2}/\d{2}\b|(January|February|March|April|June|July|"
                         r"August|September|October|November|December) \d")


@pytest.mark.web
def test_templates_show_every_date_length_in_the_one_format(app):
    from flask import render_template_string

    moment = datetime(2026, 11, 29, 6, 5, tzinfo=timezone.utc)
    template = ("{% for f in ['short', 'medium', 'long'] %}[{{ day|dateformat(f) }}][{{ at|dateformat(f) }}]"
                "[{{ at|datetimeformat(f) }}]{% endfor %}"
                "[{{ day|dateformat('full') }}][{{ at|datetimeformat('full') }}]")
    shown = {}
    for lang in ("en", "zh"):
        with app.test_request_context(f"/?lang={lang}"):
            shown[lang] = render_template_string(template, day=date(2026, 11, 29), at=moment)
    assert shown["en"] == ("[Nov 29, 2026][Nov 29, 2026][Nov 29, 2026, 2:05\u202fPM]" * 3
                           + "[Sun, Nov 29, 2026][Sun, Nov 29, 2026, 2:05\u202fPM]")
    assert shown["zh"] == ("[2026年11月29日][2026年11月29日][2026年11月29日 14:05]" * 3
                           + "[2026年11月29日周日][2026年11月29日周日 14:05]")


def visible_text(html: str) -> str:
    """The page's text as read: no tags, attributes (form values keep their machine dates) or scripts."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.web
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_show_dates_in_the_one_format(client, accounts, login, lang):
    login(accounts[Role.STAFF])
    ref = accounts[Role.SEEKER].seeker.ref
    page = visible_text(client.get(f"/staff/seekers/{ref}?lang={lang}").get_data(as_text=True))
    assert re.search(DAY[lang], page) and re.search(DAY[lang] + TIME[lang], page)  # registered on, last change
    printed = visible_text(client.get(f"/staff/calls/print?lang={lang}").get_data(as_text=True))
    assert re.search(DAY[lang], printed)
    for text in (page, printed):
        assert not OTHER_DATES.search(text), OTHER_DATES.search(text)
        typed = re.sub(r"(such as|例如)\s*\d{4}-\d{2}-\d{2}", "", text)  # how to type a date stays ISO
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", typed), re.search(r"\b\d{4}-\d{2}-\d{2}\b", typed)


FIRST_PERSON = re.compile(r"\b(I|I'm|my|My|me|mine)\b")


def form_texts(html: str) -> list[str]:
    """The labels, legends, hints and section headings of a form page, as read."""
    parts = re.findall(r'<(label|legend|h2|p class="hint")[^>]*>(.*?)</(?:label|legend|h2|p)>', html, flags=re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", inner)).split()) for _tag, inner in parts]


@pytest.mark.web
def test_staff_forms_speak_of_the_person_in_the_third_person(client, accounts, login):
    login(accounts[Role.STAFF])
    ref = accounts[Role.SEEKER].seeker.ref
    for url in ("/staff/seekers/new", f"/staff/seekers/{ref}"):
        en = form_texts(client.get(url + "?lang=en").get_data(as_text=True))
        assert "Can work from home" in en and "Accommodations the person needs" in en
        assert [text for text in en if FIRST_PERSON.search(text)] == []
        zh = form_texts(client.get(url + "?lang=zh").get_data(as_text=True))
        assert "可居家工作" in zh and [text for text in zh if "我" in text or "你" in text] == []


@pytest.mark.web
def test_the_persons_own_form_speaks_to_them(client, accounts, login):
    login(accounts[Role.SEEKER])
    en = form_texts(client.get("/me/profile?lang=en").get_data(as_text=True))
    assert "I can work from home" in en and "Accommodations I need" in en
    assert not [text for text in en if "the person" in text]
    zh = form_texts(client.get("/me/profile?lang=zh").get_data(as_text=True))
    assert "我可以居家工作" in zh and not [text for text in zh if "你" in text or "本人" in text]


@pytest.mark.web
def test_staff_answering_an_interview_for_the_person_read_of_the_person(app, db, client, accounts, login, post_form):
    now = datetime(2026, 12, 3, 9, 0, tzinfo=TZ)
    app.config["ABLEMATCH_NOW"] = now.isoformat()
    seeker = accounts[Role.SEEKER].seeker
    job = make_position(db, accounts[Role.EMPLOYER].employer, "网店客服", wage=3600, hours_per_week=40)
    application = applications.move(db, seeker, job, ApplicationState.APPLIED, seeker.user, today=now.date())
    interview = interviews.propose(db, application, interviews.Proposal(
        [(now + timedelta(days=1), 45)], "曹娥街道人民路1号", "", "李经理", "", []), by=accounts[Role.EMPLOYER], now=now)
    db.commit()
    login(accounts[Role.SEEKER])
    own = form_texts(client.get(f"/hiring/interviews/{interview.id}?lang=en").get_data(as_text=True))
    assert "Support I need at the interview" in own and "None of these times suits me" in own
    post_form("/logout", {}, page="/account/password")
    login(accounts[Role.STAFF])
    en = form_texts(client.get(f"/hiring/interviews/{interview.id}?lang=en").get_data(as_text=True))
    assert "Support the person needs at the interview" in en and "Which times suit the person" in en
    assert [text for text in en if FIRST_PERSON.search(text) or re.search(r"\byour?\b", text)] == []
    zh = form_texts(client.get(f"/hiring/interviews/{interview.id}?lang=zh").get_data(as_text=True))
    assert [text for text in zh if "我" in text or "您" in text] == []


@pytest.fixture
def demo(db):
    from fixtures import load_demo

    load_demo(db)
    db.commit()
    return db


@pytest.mark.web
@pytest.mark.db
def test_every_page_says_dates_one_way_and_staff_forms_speak_of_the_person(app, demo):
    """Every page the demo's staff, employer and job seeker can open, in both languages: no date in another shape
    (11/23/26, 2026/11/23, November 3), no ISO date in the text but as an example of how to type one, no 你; and on
    staff's pages no label, legend, hint or heading in the first person."""
    from tests.webapp import walk

    values = walk.demo_values(demo)
    found = []
    for role in ("staff", "employer", "seeker"):
        client, _token = walk.demo_client(app, role)
        for rule, method in walk.rules(app):
            if method != "GET" or rule.rule.startswith("/api"):
                continue
            path = walk.url(app, rule, values)
            for lang in ("en", "zh"):
                answer = client.get(path + ("&" if "?" in path else "?") + "lang=" + lang)
                if answer.status_code != 200 or answer.mimetype != "text/html":
                    continue
                html = answer.get_data(as_text=True)
                text = visible_text(html)
                found += [(role, path, lang, m.group()) for m in OTHER_DATES.finditer(text)]
                typed = re.sub(r"(such as|例如)\s*\d{4}-\d{2}-\d{2}", "", text)
                found += [(role, path, lang, iso) for iso in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", typed)]
                found += [(role, path, lang, "你")] if lang == "zh" and "你" in text else []
                if role == "staff" and lang == "en":
                    found += [(role, path, lang, label) for label in form_texts(html) if FIRST_PERSON.search(label)]
    assert found == []
