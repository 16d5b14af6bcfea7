"""employers: kind of employer, industry as a GB/T 4754-2017 section

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 13:40:00.000000

The industry was free text, so the district dashboard split one industry into several rows (伞业, 化工 and
制造业 are all manufacturing). It becomes the section's letter (A-T). Known words map to their section below;
any other text stays in industry_note with the section left empty, for the employer or staff to choose: a
guess would put an employer in a wrong row without anyone noticing, while an empty section shows as "not
chosen yet" on the dashboard and the profile asks for it. The kind of employer starts empty, which means the
kind its credit code tells, until the employer or staff choose one.

The word list is frozen here (a migration must give the same result whatever the code becomes later).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

SECTIONS = {
    "A": "农、林、牧、渔业", "B": "采矿业", "C": "制造业", "D": "电力、热力、燃气及水生产和供应业", "E": "建筑业",
    "F": "批发和零售业", "G": "交通运输、仓储和邮政业", "H": "住宿和餐饮业", "I": "信息传输、软件和信息技术服务业",
    "J": "金融业", "K": "房地产业", "L": "租赁和商务服务业", "M": "科学研究和技术服务业",
    "N": "水利、环境和公共设施管理业", "O": "居民服务、修理和其他服务业", "P": "教育", "Q": "卫生和社会工作",
    "R": "文化、体育和娱乐业", "S": "公共管理、社会保障和社会组织", "T": "国际组织",
}
#: free-text industries of the demo district and the words employers used, by section
WORDS = {
    "A": ("农业", "林业", "畜牧业", "渔业", "农林牧渔", "种植", "养殖"),
    "B": ("采矿", "采矿业"),
    "C": ("制造", "制造业", "伞业", "制伞", "化工", "化学", "纺织", "服装", "纺织服装", "轴承", "机械",
          "轴承与机械", "照明", "照明电器", "电器", "食品", "食品加工", "包装", "新材料", "机电", "电子"),
    "D": ("电力", "燃气", "供水"),
    "E": ("建筑", "建筑业"),
    "F": ("零售", "批发", "商贸", "超市", "电子商务", "电商", "批发和零售业"),
    "G": ("物流", "运输", "仓储", "快递", "交通运输"),
    "H": ("住宿", "餐饮", "住宿餐饮", "酒店"),
    "I": ("软件", "信息技术", "互联网"),
    "J": ("金融", "银行", "保险"),
    "K": ("房地产",),
    "L": ("商务服务", "租赁"),
    "M": ("科研", "技术服务"),
    "N": ("环境", "公共设施", "水利"),
    "O": ("生活服务", "家政", "物业", "按摩", "修理", "居民服务"),
    "P": ("教育", "学校"),
    "Q": ("医疗", "卫生", "医疗卫生", "养老", "社会工作"),
    "R": ("文化", "体育", "娱乐"),
    "S": ("党政机关", "机关", "政府", "社会组织", "公共管理"),
}
SECTION_OF = {word: code for code, words in WORDS.items() for word in words}
SECTION_OF.update({name: code for code, name in SECTIONS.items()})

employers = sa.table('employers', sa.column('id', sa.Integer), sa.column('industry', sa.String),
                     sa.column('industry_note', sa.String))


def upgrade() -> None:
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('industry_note', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('employer_kind', sa.String(length=30), nullable=True))
        batch_op.alter_column('industry', existing_type=sa.String(length=60), nullable=True)
    connection = op.get_bind()
    for (text,) in connection.execute(sa.select(employers.c.industry).distinct()).all():
        word = (text or "").strip()
        code = word.upper() if word.upper() in SECTIONS else SECTION_OF.get(word)
        values = {"industry": code} if code else {"industry": None, "industry_note": word or None}
        connection.execute(employers.update().where(employers.c.industry == text).values(**values))
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.alter_column('industry', existing_type=sa.String(length=60), type_=sa.String(length=1),
                              existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.alter_column('industry', existing_type=sa.String(length=1), type_=sa.String(length=60),
                              existing_nullable=True)
    connection = op.get_bind()
    for code, name in SECTIONS.items():
        connection.execute(employers.update().where(employers.c.industry == code).values(industry=name))
    connection.execute(employers.update().where(employers.c.industry.is_(None)).values(
        industry=sa.func.coalesce(employers.c.industry_note, "")))
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.alter_column('industry', existing_type=sa.String(length=60), nullable=False)
        batch_op.drop_column('employer_kind')
        batch_op.drop_column('industry_note')
