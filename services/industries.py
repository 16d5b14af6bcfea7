"""Industries as the sections of GB/T 4754-2017 (国民经济行业分类, 门类 A-T), and the kinds of employer.

The one list of industry sections: forms offer these, the employer record stores the section's letter, and the
district dashboard and the exports group and name employers by it, in the reader's language.
"""

from dataclasses import dataclass

from compliance import EMPLOYER_KINDS, kind_from_credit_code


@dataclass(frozen=True)
class Section:
    code: str
    zh: str
    en: str

    def name(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


#: GB/T 4754-2017 国民经济行业分类, the twenty sections (门类)
SECTIONS = tuple(Section(*row) for row in (
    ("A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    ("B", "采矿业", "Mining"),
    ("C", "制造业", "Manufacturing"),
    ("D", "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water production and supply"),
    ("E", "建筑业", "Construction"),
    ("F", "批发和零售业", "Wholesale and retail trade"),
    ("G", "交通运输、仓储和邮政业", "Transport, storage and postal services"),
    ("H", "住宿和餐饮业", "Accommodation and catering"),
    ("I", "信息传输、软件和信息技术服务业", "Information transmission, software and information technology services"),
    ("J", "金融业", "Finance"),
    ("K", "房地产业", "Real estate"),
    ("L", "租赁和商务服务业", "Leasing and business services"),
    ("M", "科学研究和技术服务业", "Scientific research and technical services"),
    ("N", "水利、环境和公共设施管理业", "Water conservancy, environment and public facilities management"),
    ("O", "居民服务、修理和其他服务业", "Resident services, repair and other services"),
    ("P", "教育", "Education"),
    ("Q", "卫生和社会工作", "Health and social work"),
    ("R", "文化、体育和娱乐业", "Culture, sports and entertainment"),
    ("S", "公共管理、社会保障和社会组织", "Public administration, social security and social organisations"),
    ("T", "国际组织", "International organisations"),
))
SECTION_BY_CODE = {s.code: s for s in SECTIONS}
SECTION_CODES = tuple(SECTION_BY_CODE)


def section_name(code: str | None, lang: str = "zh") -> str:
    """The section's name in `lang`; '' when none is chosen yet; an unknown code as it is."""
    if not code:
        return ""
    section = SECTION_BY_CODE.get(code)
    return section.name(lang) if section else code


def section_choices(lang: str = "zh") -> list[tuple[str, str]]:
    """(code, "C 制造业") for a select, in the standard's order."""
    return [(s.code, f"{s.code} {s.name(lang)}") for s in SECTIONS]


def derived_kind(credit_code: str | None) -> str | None:
    """The employer kind its unified social credit code tells (None when the code is not shaped like one)."""
    return kind_from_credit_code(credit_code)


def kind_of(employer) -> str | None:
    """The kind the compliance engine is given: the stored one, else the one the credit code tells."""
    return employer.employer_kind or derived_kind(employer.credit_code)


__all__ = ["EMPLOYER_KINDS", "SECTIONS", "SECTION_BY_CODE", "SECTION_CODES", "Section", "derived_kind", "kind_of",
           "section_choices", "section_name"]
