"""The calculation in words, in Chinese and English, with its numbers, for staff to show an employer.

Each function returns one step, ``{"zh": ..., "en": ...}``. Labels of weights, tiers and exemptions come
from the rule data, so a new rule set brings its own wording; only the shape of each sentence lives here.
"""

from decimal import Decimal

from .decimals import fmt_count, fmt_money, fmt_percent

CURRENCY = {"CNY": ("元", "CNY"), "JPY": ("日元", "JPY"), "EUR": ("欧元", "EUR")}
KINDS = {"enterprise": ("企业", "an enterprise"), "government": ("机关", "a government body"),
         "public_institution": ("事业单位", "a public institution"),
         "social_organisation": ("社会组织", "a social organisation"),
         "individual_business": ("个体工商户", "an individual business"),
         "farmers_cooperative": ("农民专业合作社", "a farmers' cooperative"), "other": ("其他单位", "another body"),
         "unknown": ("类型不明", "of unknown kind")}
ROUNDING = {"down": ("舍去小数", "fractions dropped"), "half_up": ("四舍五入", "rounded half up")}


def _unit(monthly: bool, count: Decimal | None = None) -> tuple[str, str]:
    """The unit of counts in both languages; English is singular for exactly 1."""
    zh, en = ("人·月", "person-month") if monthly else ("人", "person")
    return zh, en if count == 1 else en + "s"


def _money(value: Decimal, currency: str, places: int) -> tuple[str, str]:
    zh, en = CURRENCY.get(currency, (currency, currency))
    amount = fmt_money(value, places)
    return f"{amount} {zh}", f"{en} {amount}"


def _month(month: tuple[int, int]) -> str:
    return f"{month[0]}-{month[1]:02d}"


def _runs(months, values):
    """Consecutive months with equal values, as (first month, last month, count, value)."""
    runs = []
    for month, value in zip(months, values):
        if runs and runs[-1][3] == value:
            first, _, count, _ = runs[-1]
            runs[-1] = (first, month, count + 1, value)
        else:
            runs.append((month, month, 1, value))
    return runs


def _span(first, last) -> tuple[str, str]:
    if first == last:
        return _month(first), _month(first)
    return f"{_month(first)} 至 {_month(last)}", f"{_month(first)} to {_month(last)}"


def rules(code: str, name: dict, year: int, months, sources, rules_month=None) -> dict:
    """`rules_month`: where the rules' dates refer to the collection year, the month whose rules apply."""
    first, last = _month(months[0]), _month(months[-1])
    zh_when = f"，按 {rules_month[0]} 年征收时（{_month(rules_month)}）有效的规定" if rules_month else ""
    en_when = f", under the rules in force at its collection in {_month(rules_month)}" if rules_month else ""
    return {"zh": f"适用规则：{name['zh']}（{code}），{year} 年度（{first} 至 {last}）{zh_when}；依据：{'；'.join(sources)}。",
            "en": f"Rules: {name['en']} ({code}), year {year} ({first} to {last}){en_when}; "
                  f"sources: {'; '.join(sources)}."}


def _figure(value) -> str:
    """A monthly figure, or a dash for a month the employer was not in operation."""
    return "—" if value is None else fmt_count(value)


def staff(months, values, divisor, average, short_time=None, rounded=None, given=None) -> dict:
    """`values`: the monthly figures used (None: not in operation), averaged over `divisor` months;
    `short_time`: (weight, full-time figures, short-time figures)."""
    if short_time:
        weight, full, short = short_time
        zh_parts, en_parts = [], []
        for first, last, _, (f, s, w) in _runs(months, list(zip(full, short, values))):
            span_zh, span_en = _span(first, last)
            if w is None:
                zh_parts.append(f"{span_zh}：未经营")
                en_parts.append(f"{span_en}: not in operation")
                continue
            zh_parts.append(f"{span_zh}：{fmt_count(f)} + {fmt_count(weight)} × {fmt_count(s)} = {fmt_count(w)}")
            en_parts.append(f"{span_en}: {fmt_count(f)} + {fmt_count(weight)} x {fmt_count(s)} = {fmt_count(w)}")
        zh = f"常用劳动者人数（全职 + {fmt_count(weight)} × 每周20-30小时者）：{'；'.join(zh_parts)}"
        en = f"Regular workers (full-time + {fmt_count(weight)} x those working 20-30 h/week): {'; '.join(en_parts)}"
    elif len(set(values)) == 1 and len(values) == 12:
        zh = f"在职职工年平均人数：{fmt_count(average)} 人"
        en = f"Staff, yearly average: {fmt_count(average)}"
        values = None
    else:
        listed = " + ".join(_figure(v) for v in values)
        zh = f"在职职工年平均人数：({listed}) ÷ {divisor}"
        en = f"Staff, yearly average: ({listed}) / {divisor}"
    if values is not None:
        zh += f"，平均 {fmt_count(average)} 人"
        en += f"; average {fmt_count(average)}"
    if rounded is not None:
        zh += f"，四舍五入为 {fmt_count(rounded)} 人"
        en += f", rounded to {fmt_count(rounded)}"
    if given is not None and given != average:
        zh += f"（按月人数计算；记录中的 staff {fmt_count(given)} 未使用）"
        en += f" (from the monthly figures; the record's staff {fmt_count(given)} is not used)"
    return {"zh": zh + "。", "en": en + "."}


def liability(label: dict, liable: bool, staff_value: Decimal, months_over: int | None = None, kind=None) -> dict:
    """`kind`: (employer kind, how it was found: "given", "credit_code" or None, the code's first two
    characters), where the rules test the kind."""
    if months_over is not None:
        zh_fact, en_fact = f"符合条件的月份 {months_over} 个", f"{months_over} months qualify"
    else:
        zh_fact, en_fact = f"在职职工 {fmt_count(staff_value)} 人", f"staff {fmt_count(staff_value)}"
    if kind:
        name, found, prefix = kind
        zh_kind, en_kind = KINDS[name]
        how_zh, how_en = {"given": ("（申报）", " (as given)"),
                          "credit_code": (f"（统一社会信用代码前两位 {prefix}）", f" (credit code starting {prefix})"),
                          None: ("（未申报类型，employer_id 也不是统一社会信用代码）",
                                 " (no employer_kind, and employer_id is not a credit code)")}[found]
        zh_fact += f"，单位类型：{zh_kind}{how_zh}"
        en_fact += f", {en_kind}{how_en}"
    zh_result, en_result = ("须缴纳", "liable") if liable else ("免缴", "exempt")
    return {"zh": f"缴纳义务（{label['zh']}）：{zh_fact}，{zh_result}。",
            "en": f"Liability ({label['en']}): {en_fact}, so {en_result}."}


def required_annual(staff_value, ratio, raw, rounded_mode=None, required=None) -> dict:
    zh = f"应安排残疾人就业人数：{fmt_count(staff_value)} × {fmt_percent(ratio)} = {fmt_count(raw)} 人"
    en = f"Required: {fmt_count(staff_value)} x {fmt_percent(ratio)} = {fmt_count(raw)} {_unit(False, raw)[1]}"
    if rounded_mode:
        zh += f"，{ROUNDING[rounded_mode][0]}为 {fmt_count(required)} 人"
        en += f", {ROUNDING[rounded_mode][1]}: {fmt_count(required)}"
    return {"zh": zh + "。", "en": en + "."}


def required_monthly(months, workers, ratios, per_month, mode, total) -> dict:
    """`per_month` holds each month's rounded figure when the rules round month by month, else None."""
    if per_month is not None:
        pieces = _runs(months, list(zip(workers, ratios, per_month)))
        zh_parts, en_parts = [], []
        for first, last, count, (w, r, p) in pieces:
            span_zh, span_en = _span(first, last)
            zh_parts.append(f"{span_zh}：{fmt_count(w)} × {fmt_percent(r)} = {fmt_count(w * r)}，"
                            f"{ROUNDING[mode][0]}为 {fmt_count(p)}，× {count} 个月 = {fmt_count(p * count)}")
            en_parts.append(f"{span_en}: {fmt_count(w)} x {fmt_percent(r)} = {fmt_count(w * r)}, "
                            f"{ROUNDING[mode][1]}: {fmt_count(p)}, x {count} months = {fmt_count(p * count)}")
        return {"zh": f"应安排人数（按月计算）：{'；'.join(zh_parts)}；合计 {fmt_count(total)} 人·月。",
                "en": f"Required, month by month: {'; '.join(en_parts)}; total {fmt_count(total)} person-months."}
    sums = sum(w * r for w, r in zip(workers, ratios))
    ratio_zh, ratio_en = ((fmt_percent(ratios[0]),) * 2 if len(set(ratios)) == 1
                          else ("各月比例", "the monthly ratios"))
    zh = f"应安排岗位·月：{ratio_zh} × 各月人数合计 {fmt_count(sum(workers))} = {fmt_count(sums)}"
    en = f"Required place-months: {ratio_en} x the monthly staff summed, {fmt_count(sum(workers))} = {fmt_count(sums)}"
    if mode:
        zh += f"，{ROUNDING[mode][0]}为 {fmt_count(total)}"
        en += f", {ROUNDING[mode][1]}: {fmt_count(total)}"
    return {"zh": zh + "。", "en": en + "."}


def exclusion(label, rate, months, workers, kept) -> dict:
    zh_parts, en_parts = [], []
    for first, last, _, (w, k) in _runs(months, list(zip(workers, kept))):
        span_zh, span_en = _span(first, last)
        zh_parts.append(f"{span_zh}：{fmt_count(w)} − {fmt_count(w - k)} = {fmt_count(k)}")
        en_parts.append(f"{span_en}: {fmt_count(w)} - {fmt_count(w - k)} = {fmt_count(k)}")
    return {"zh": f"除外率（{label['zh']}）：每月扣除 人数 × {fmt_percent(rate)}（舍去小数）；{'；'.join(zh_parts)}。",
            "en": f"Industry exclusion ({label['en']}): each month less workers x {fmt_percent(rate)}, fractions "
                  f"dropped; {'; '.join(en_parts)}."}


def required_cap(persons, cap, monthly) -> dict:
    zh_unit, en_unit = _unit(monthly, cap)
    return {"zh": f"小规模用人单位只须安排 {fmt_count(persons)} 人，应安排数以 {fmt_count(cap)} {zh_unit}为上限。",
            "en": f"A small employer need only employ {fmt_count(persons)}: required is capped at "
                  f"{fmt_count(cap)} {en_unit}."}


def counted(groups, total, monthly, hours_full_time, divisor=12) -> dict:
    """`groups`: (label, weight, months, hours factor or None, number of persons), in order of first appearance;
    `divisor`: the months an annual count is averaged over."""
    zh_unit, en_unit = _unit(monthly, total)
    if not groups:
        return {"zh": f"已安排残疾人就业：0 {zh_unit}。", "en": f"Disabled employees counted: 0 {en_unit}."}
    zh_parts, en_parts = [], []
    for label, weight, months, factor, persons in groups:
        period_zh = f"{fmt_count(months)} 个月" if monthly else f"{fmt_count(months)}/{divisor}"
        period_en = f"{fmt_count(months)} months" if monthly else f"{fmt_count(months)}/{divisor}"
        hours_zh = f" × 工时比例 {fmt_count(factor)}" if factor is not None else ""
        hours_en = f" x hours share {fmt_count(factor)}" if factor is not None else ""
        zh_parts.append(f"{persons} 人（{label['zh']}）× {fmt_count(weight)} × {period_zh}{hours_zh}")
        en_parts.append(f"{persons} ({label['en']}) x {fmt_count(weight)} x {period_en}{hours_en}")
    note_zh = f"（工时比例 = 每周工时 ÷ {fmt_count(hours_full_time)}，最多为1）" if hours_full_time else ""
    note_en = f" (hours share = weekly hours / {fmt_count(hours_full_time)}, at most 1)" if hours_full_time else ""
    return {"zh": f"已安排残疾人就业：{' + '.join(zh_parts)} = {fmt_count(total)} {zh_unit}{note_zh}。",
            "en": f"Disabled employees counted: {' + '.join(en_parts)} = {fmt_count(total)} {en_unit}{note_en}."}


def shortfall(required_value, counted_value, short, monthly) -> dict:
    zh_unit, en_unit = _unit(monthly, short)
    if short == 0:
        return {"zh": f"已安排 {fmt_count(counted_value)} ≥ 应安排 {fmt_count(required_value)}，达到规定比例，无需缴纳。",
                "en": f"Counted {fmt_count(counted_value)} >= required {fmt_count(required_value)}: "
                      f"the quota is met, nothing to pay."}
    return {"zh": f"差额：{fmt_count(required_value)} − {fmt_count(counted_value)} = {fmt_count(short)} {zh_unit}。",
            "en": f"Shortfall: {fmt_count(required_value)} - {fmt_count(counted_value)} = {fmt_count(short)} {en_unit}."}


def exempt_nothing_due(currency, places) -> dict:
    zero_zh, zero_en = _money(Decimal(0), currency, places)
    return {"zh": f"免缴：应缴纳 {zero_zh}。", "en": f"Exempt: {zero_en} due."}


def ratio(counted_value, basis, value, monthly) -> dict:
    zh_what, en_what = ("安排比例（已安排人·月 ÷ 各月人数合计）", "Ratio (counted person-months / monthly staff summed)") \
        if monthly else ("安排比例（已安排人数 ÷ 在职职工人数）", "Ratio (counted / staff)")
    return {"zh": f"{zh_what}：{fmt_count(counted_value)} ÷ {fmt_count(basis)} = {fmt_percent(value)}。",
            "en": f"{en_what}: {fmt_count(counted_value)} / {fmt_count(basis)} = {fmt_percent(value)}."}


def tier(label: dict) -> dict:
    return {"zh": f"适用档次：{label['zh']}。", "en": f"Tier: {label['en']}."}


def capped_wage(avg_wage, local_avg_wage, multiple, cap, used, currency, places) -> dict:
    avg_zh, avg_en = _money(avg_wage, currency, places)
    local_zh, local_en = _money(local_avg_wage, currency, places)
    cap_zh, cap_en = _money(cap, currency, places)
    used_zh, used_en = _money(used, currency, places)
    return {"zh": f"用人单位职工年平均工资 {avg_zh}；上限为当地社会平均工资 {local_zh} × {fmt_count(multiple)} = {cap_zh}；"
                  f"按 {used_zh} 计算。",
            "en": f"Employer's average wage {avg_en}; the cap is {fmt_count(multiple)} x the local average wage "
                  f"{local_en} = {cap_en}; {used_en} is used."}


def uncapped_wage(avg_wage, currency, places) -> dict:
    avg_zh, avg_en = _money(avg_wage, currency, places)
    return {"zh": f"用人单位职工年平均工资 {avg_zh}（当时无上限）。",
            "en": f"Employer's average wage {avg_en} (no cap then)."}


def unit_price(times, base, price, currency, places) -> dict:
    base_zh, base_en = _money(base, currency, places)
    price_zh, price_en = _money(price, currency, places)
    return {"zh": f"每缺1人：{fmt_count(times)} × 小时最低工资 {base_zh} = {price_zh}。",
            "en": f"Per person short: {fmt_count(times)} x the hourly minimum wage {base_en} = {price_en}."}


def levy(short, price, gross, pay_share, net, currency, places) -> dict:
    price_zh, price_en = _money(price, currency, places)
    gross_zh, gross_en = _money(gross, currency, places)
    zh = f"应缴费额：{fmt_count(short)} × {price_zh} = {gross_zh}"
    en = f"Levy: {fmt_count(short)} x {price_en} = {gross_en}"
    if pay_share != 1:
        net_zh, net_en = _money(net, currency, places)
        zh += f"；按 {fmt_percent(pay_share)} 缴纳：{gross_zh} × {fmt_percent(pay_share)} = {net_zh}"
        en += f"; {fmt_percent(pay_share)} of it is due: {gross_en} x {fmt_percent(pay_share)} = {net_en}"
    return {"zh": zh + "。", "en": en + "."}


def deduction(label, amount, share_of_levy, limit, taken, currency, places) -> dict:
    amount_zh, amount_en = _money(amount, currency, places)
    taken_zh, taken_en = _money(taken, currency, places)
    zh, en = f"扣减（{label['zh']}）：{amount_zh}", f"Deduction ({label['en']}): {amount_en}"
    if limit is not None:
        limit_zh, limit_en = _money(limit, currency, places)
        zh += f"，上限为缴费额的 {fmt_percent(share_of_levy)}，即 {limit_zh}"
        en += f", capped at {fmt_percent(share_of_levy)} of the levy, {limit_en}"
    return {"zh": f"{zh}；扣减 {taken_zh}。", "en": f"{en}; {taken_en} taken off."}


def due(amount, currency, places) -> dict:
    amount_zh, amount_en = _money(amount, currency, places)
    step = f"{Decimal(1).scaleb(-places):f}"
    return {"zh": f"应缴纳（四舍五入至 {step}）：{amount_zh}。",
            "en": f"Due (rounded half up to {step}): {amount_en}."}
