"""The shared ability list, scale and accommodations (the matching contract).

Both sides of a match (a person's abilities, a position's demands) use these keys and the 0-5 scale; a
person's item may also be not assessed (None), which is not 0.
The keys are part of the exchange format: keep them stable, add new ones at the end.
"""

from typing import NamedTuple

SCALE_MIN, SCALE_MAX = 0, 5


class Ability(NamedTuple):
    key: str
    zh: str
    en: str
    group: str


class Accommodation(NamedTuple):
    key: str
    zh: str
    en: str
    #: ability keys it helps with: the items it lifts (LIFTS), or for remote_work what working from home makes
    #: moot ("commute" is the journey to work)
    covers: tuple[str, ...]


#: accommodation -> {item: levels}: how far an offered accommodation lifts the effective ability on an item, at
#: most (capped at SCALE_MAX; of several, the largest counts). Source: the lift table of
#: shared/ability-profile.md (v2), a first estimate that staff experience is meant to tune: change it here only.
LIFTS: dict[str, dict[str, int]] = {
    "step_free_access": {"walking": 2, "climbing": 3},
    "accessible_toilet": {},  # a feature of the premises: a need only
    "adjustable_workstation": {"sitting": 2, "standing": 2, "reaching": 1},
    "screen_reader": {"vision": 3, "reading": 2},
    "magnification": {"vision": 2, "reading": 1},
    "sign_language": {"hearing": 3, "speech": 2},
    "text_communication": {"hearing": 3, "speech": 2},
    "flexible_hours": {"endurance": 2, "time_pressure": 2},
    "quiet_space": {"concentration": 1, "noise": 3},
    "job_coach": {"learning": 2, "problem_solving": 1, "adaptability": 2},
    "remote_work": {},  # no lift: working from home makes items moot instead (MOOT_AT_HOME)
    "assistive_tools": {"lifting": 2, "fine_motor": 1, "two_hands": 1},
}

#: demands that do not apply to someone working from home: they are about the premises and the way there
MOOT_AT_HOME: tuple[str, ...] = ("walking", "climbing", "outdoor")


def _accommodation(key: str, zh: str, en: str) -> Accommodation:
    return Accommodation(key, zh, en, MOOT_AT_HOME + ("commute",) if key == "remote_work" else tuple(LIFTS[key]))


GROUPS = {
    "posture": ("姿势与行动", "Posture and mobility"),
    "upper_body": ("上肢", "Upper body"),
    "senses": ("感官与沟通", "Senses and communication"),
    "cognition": ("认知与工作方式", "Cognition and work style"),
    "social": ("社交", "Social"),
    "environment": ("环境", "Environment"),
}

ABILITIES: tuple[Ability, ...] = (
    Ability("sitting", "久坐", "Sitting", "posture"),
    Ability("standing", "久站", "Standing", "posture"),
    Ability("walking", "行走", "Walking", "posture"),
    Ability("climbing", "攀爬/上下楼梯", "Climbing and stairs", "posture"),
    Ability("lifting", "提举搬运", "Lifting and carrying", "upper_body"),
    Ability("reaching", "上肢伸展", "Reaching", "upper_body"),
    Ability("fine_motor", "手指精细动作", "Fine finger movements", "upper_body"),
    Ability("two_hands", "双手协作", "Using both hands", "upper_body"),
    Ability("vision", "视力", "Vision", "senses"),
    Ability("hearing", "听力", "Hearing", "senses"),
    Ability("speech", "言语表达", "Speech", "senses"),
    Ability("reading", "阅读", "Reading", "senses"),
    Ability("writing", "书写/打字", "Writing and typing", "senses"),
    Ability("numeracy", "计算", "Numeracy", "senses"),
    Ability("concentration", "注意力集中", "Concentration", "cognition"),
    Ability("learning", "学习记忆", "Learning and memory", "cognition"),
    Ability("problem_solving", "解决问题", "Problem solving", "cognition"),
    Ability("adaptability", "适应变化", "Adapting to change", "cognition"),
    Ability("endurance", "耐力(工作时长)", "Endurance (working hours)", "cognition"),
    Ability("time_pressure", "承受时间压力", "Working under time pressure", "cognition"),
    Ability("customer_contact", "与顾客沟通", "Dealing with customers", "social"),
    Ability("teamwork", "团队合作", "Teamwork", "social"),
    Ability("noise", "耐受噪音", "Tolerating noise", "environment"),
    Ability("outdoor", "户外/冷热环境", "Outdoor, heat and cold", "environment"),
)

ACCOMMODATIONS: tuple[Accommodation, ...] = (
    _accommodation("step_free_access", "无障碍通道", "Step-free access"),
    _accommodation("accessible_toilet", "无障碍卫生间", "Accessible toilet"),
    _accommodation("adjustable_workstation", "可调节工位", "Adjustable workstation"),
    _accommodation("screen_reader", "读屏软件", "Screen reader"),
    _accommodation("magnification", "放大/大字", "Magnification and large print"),
    _accommodation("sign_language", "手语翻译", "Sign language interpreting"),
    _accommodation("text_communication", "文字沟通", "Text communication"),
    _accommodation("flexible_hours", "弹性工时", "Flexible hours"),
    _accommodation("quiet_space", "安静工作区", "Quiet workspace"),
    _accommodation("job_coach", "就业辅导员(支持性就业)", "Job coach (supported employment)"),
    _accommodation("remote_work", "居家办公", "Working from home"),
    _accommodation("assistive_tools", "辅助器具", "Assistive tools"),
)

ABILITY_KEYS: tuple[str, ...] = tuple(a.key for a in ABILITIES)
ACCOMMODATION_KEYS: tuple[str, ...] = tuple(a.key for a in ACCOMMODATIONS)
ABILITY_BY_KEY = {a.key: a for a in ABILITIES}
ACCOMMODATION_BY_KEY = {a.key: a for a in ACCOMMODATIONS}

#: where a person's value for an item came from; the engine prefers tested over staff over self
SOURCES = ("self", "staff", "tested")

#: outcomes of a seeker-position pair, in the exchange format
OUTCOMES = ("shown", "applied", "interviewed", "offered", "hired", "rejected", "declined")

#: accommodations of the workplace's premises: someone working from home has no need of them there
PREMISES: tuple[str, ...] = ("step_free_access", "accessible_toilet")
