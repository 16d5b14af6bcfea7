import pytest

from matcher.skills import SkillMapper, load_vocabulary, normalise


@pytest.fixture(scope="module")
def mapper():
    return SkillMapper()


def names(mapper, text):
    return [mapper.names[i] for i in mapper.map(text)]


@pytest.mark.parametrize("text, expected", [
    ("EXCEL表格", ["excel"]), ("excel", ["excel"]), ("ＥＸＣＥＬ", ["excel"]), ("exel", ["excel"]),
    ("电商 直播", ["livestreaming"]), ("电商直播", ["livestreaming"]), ("电商值播", ["livestreaming"]),
    ("Photoshop/PS", ["photoshop"]), ("会PS", ["photoshop"]), ("Photshop", ["photoshop"]),
    ("熟练使用Excel和Word", ["excel", "word"]), ("面点师傅", ["pastry"]), ("盲人按摩", ["massage"]),
    ("打字", ["typing"]), ("普通话", ["mandarin"]), ("Mandrin", ["mandarin"]), ("手语", ["sign_language"]),
    ("customer service", ["customer_service"]), ("网店客服", ["ecommerce_customer_service"]),
    ("叉车证", ["forklift"]), ("开叉车", ["forklift"]), ("做饭、面点", ["cooking", "pastry"]),
])
def test_spellings_people_type_map_to_the_vocabulary(mapper, text, expected):
    assert names(mapper, text) == expected


def test_short_latin_names_match_whole_words_only(mapper):
    assert names(mapper, "tips") == ["~tips"]


def test_unknown_skills_match_their_own_spelling_only(mapper):
    a, b = mapper.map("弹钢琴"), mapper.map(" 弹 钢琴 ")
    assert a == b and mapper.names[a[0]] == "~弹钢琴"
    assert mapper.map("吹唢呐") != a


def test_each_distinct_string_is_mapped_once(mapper, monkeypatch):
    mapper.map("Excel 高级")
    monkeypatch.setattr(mapper, "_map_uncached", lambda text: pytest.fail(f"mapped {text!r} again"))
    assert names(mapper, "Excel 高级") == ["excel"]


def test_implied_skills(mapper):
    ids = mapper.map("网店客服")
    assert [mapper.names[i] for i in mapper.expand(ids)] == ["ecommerce_customer_service", "customer_service", "ecommerce"]


def test_vocabulary_covers_the_trades_and_spellings_are_unambiguous():
    ids = {s.id for s in load_vocabulary()}
    assert {"livestreaming", "pastry", "customer_service", "data_entry", "assembly", "packaging", "cleaning",
            "catering", "massage", "handicrafts", "driving", "warehouse", "security", "it_support", "excel",
            "word", "photoshop", "typing", "mandarin", "sign_language"} <= ids
    SkillMapper()  # raises if a spelling belongs to two skills


def test_normalise():
    assert normalise(" Excel　表格 ") == "excel表格"
    assert normalise("Photo-Shop!") == "photoshop"
