"""Free-text skills onto the shipped vocabulary (data/skills.json).

People type the same skill many ways ("EXCEL表格", "excel", "电商 直播", "Photoshop/PS"). Each distinct
string is mapped once, when it is loaded, and the answer is cached: queries compare integer ids only.

Mapping of one string, first rule that gives an answer wins:
1. split on separators ("/", "、", ",", ";", "+" ...) and map each part;
2. the normalised part equals a name or synonym (NFKC, lower case, no spaces or punctuation);
3. names or synonyms contained in the part ("熟练使用excel" -> excel); short Latin names (3 letters or
   fewer, such as "ps") only as whole words, so that "tips" is not Photoshop;
4. rapidfuzz ratio against every name and synonym, for typos ("exel", "电商值播"), parts of 4 or more
   characters only, since a one-letter change in a short word is another word; a typo also wins over
   rule 3 when the contained names cover no more than half the part ("电商值播" contains "电商");
5. otherwise the part is a skill of its own, matched only by the same normalised spelling.
Skills a mapped skill implies are added on the seeker's side only (see `expand`).
"""

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import NamedTuple

from rapidfuzz import fuzz, process

#: a typo must keep at least this rapidfuzz ratio (0-100); 75 lets one character of four differ
FUZZY_CUTOFF = 75.0
FUZZY_MIN_LEN = 4
_SEPARATORS = re.compile(r"[/／、,，;；|+＋&]")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_LATIN_WORD = re.compile(r"[a-z0-9]+")


class Skill(NamedTuple):
    id: str
    zh: str
    en: str
    synonyms: tuple[str, ...]
    implies: tuple[str, ...]


def normalise(text: str) -> str:
    """The form spellings are compared in: NFKC (full-width to half-width), lower case, no spaces or punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).lower())


@cache
def load_vocabulary() -> tuple[Skill, ...]:
    raw = json.loads(resources.files("matcher").joinpath("data/skills.json").read_text("utf-8"))
    return tuple(
        Skill(s["id"], s["zh"], s["en"], tuple(s.get("synonyms", ())), tuple(s.get("implies", ())))
        for s in raw["skills"]
    )


class SkillMapper:
    """Maps skill strings to integer ids; ids of the vocabulary come first, unknown spellings get new ids.

    An engine owns one mapper, so that ids stay the same for every seeker and position in it.
    """

    def __init__(self, vocabulary: tuple[Skill, ...] | None = None):
        self.vocabulary = vocabulary if vocabulary is not None else load_vocabulary()
        #: names[i] is the id string of skill i: a vocabulary id, or "~" + the normalised unknown spelling
        self.names: list[str] = [s.id for s in self.vocabulary]
        self._index = {name: i for i, name in enumerate(self.names)}
        self._spelling: dict[str, int] = {}
        for i, skill in enumerate(self.vocabulary):
            for spelling in (skill.zh, skill.en, skill.id, *skill.synonyms):
                key = normalise(spelling)
                if self._spelling.setdefault(key, i) != i:
                    raise ValueError(f"skills.json: spelling {spelling!r} belongs to two skills")
        self._choices = list(self._spelling)
        self._choice_ids = [self._spelling[c] for c in self._choices]
        self._implies = [tuple(self._index[j] for j in s.implies) for s in self.vocabulary]
        self._cache: dict[str, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self.names)

    def map(self, text: str) -> tuple[int, ...]:
        """The skill ids one free-text string stands for (cached per distinct string)."""
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = self._map_uncached(text)
        return found

    def map_all(self, texts) -> tuple[int, ...]:
        """Distinct ids of several strings, in order of first appearance."""
        return tuple(dict.fromkeys(i for t in texts for i in self.map(t)))

    def expand(self, ids) -> tuple[int, ...]:
        """Ids plus the skills they imply (for seekers: doing e-commerce customer service is doing customer service)."""
        out = dict.fromkeys(ids)
        for i in ids:
            if i < len(self._implies):
                out.update(dict.fromkeys(self._implies[i]))
        return tuple(out)

    def _map_uncached(self, text: str) -> tuple[int, ...]:
        parts = [p for p in (normalise(p) for p in _SEPARATORS.split(unicodedata.normalize("NFKC", text).lower())) if p]
        return tuple(dict.fromkeys(i for p in parts for i in self._map_part(p)))

    def _map_part(self, part: str) -> tuple[int, ...]:
        exact = self._spelling.get(part)
        if exact is not None:
            return (exact,)
        contained = self._contained(part)
        if contained and sum(map(len, contained)) * 2 > len(part):
            return tuple(dict.fromkeys(self._spelling[c] for c in contained))
        if len(part) >= FUZZY_MIN_LEN:
            best = process.extractOne(part, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                return (self._choice_ids[best[2]],)
        if contained:
            return tuple(dict.fromkeys(self._spelling[c] for c in contained))
        return (self._unknown(part),)

    def _contained(self, part: str) -> list[str]:
        hits = [c for c in self._choices if c in part and len(c) >= 2]
        if any(len(c) <= 3 and c.isascii() for c in hits):
            words = set(_LATIN_WORD.findall(part))
            hits = [c for c in hits if len(c) > 3 or not c.isascii() or c in words]
        # "电商客服" contains "客服" too: keep only the longest spellings, not their parts
        hits = [c for c in hits if not any(c != h and c in h for h in hits)]
        hits.sort(key=part.index)
        return hits

    def _unknown(self, part: str) -> int:
        name = "~" + part
        found = self._index.get(name)
        if found is None:
            found = self._index[name] = len(self.names)
            self.names.append(name)
        return found
