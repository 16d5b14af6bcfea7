"""Checks that axe-core does not make: reflow at 320 CSS px, controls and focus under forced colours, text spacing
(WCAG 1.4.12), names and roles in the accessibility tree, and the bold face of the CJK font. Each returns what it
found wrong, described well enough to find the element, so that a test asserts the list is empty."""

import re

# What identifies an element in a failure message: tag, id, classes and the start of its text.
DESCRIBE = """const describe = el => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
           [...el.classList].map(c => '.' + c).join('') + (text ? ` "${text}"` : '');
};"""

CONTROLS = ("a[href], button, input:not([type=hidden]), select, textarea, summary, "
            "[tabindex]:not([tabindex='-1']), [role=option]")

# WCAG 1.4.12's test values, as in the W3C's own text-spacing bookmarklet.
TEXT_SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                          word-spacing: 0.16em !important; }
                      p { margin-bottom: 2em !important; }"""

CONTROL_ROLES = ("button", "link", "textbox", "checkbox", "radio", "combobox", "listbox", "option", "spinbutton",
                 "switch", "tab", "menuitem", "slider", "searchbox")
SNAPSHOT_LINE = re.compile(r"^\s*- '?(?P<role>[a-z]+)(?P<rest>.*)$")


def _problems(page, body: str, arg=None) -> list[str]:
    """Run body in the page with describe() at hand; the pages' CSP forbids eval, so it is put in the source."""
    return page.evaluate(f"(arg) => {{ {DESCRIBE} {body} }}", arg)


def reflow_problems(page) -> list[str]:
    """The elements that make the page scroll sideways. A wide table may scroll inside its own container (WCAG
    1.4.10 excepts two-dimensional tables), so what sits in a scrolling box is not counted."""
    return _problems(page, """
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
        return [...document.body.querySelectorAll('*')]
            .filter(el => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
            .map(el => `${describe(el)} ends at ${Math.round(el.getBoundingClientRect().right)}px of ${width}`);""")


def forced_colours_problems(page) -> list[str]:
    """Under forced colours backgrounds and shadows are gone: every visible control must still show an edge (a
    border, an underline, or the native drawing of a check box, radio button or disclosure triangle), and an
    outline when it has the keyboard focus."""
    page.keyboard.press("Tab")  # from now on focus is keyboard focus, so :focus-visible applies to focus()
    return _problems(page, r"""
        const seen = c => c && c !== 'transparent' && !/rgba\(.*, 0\)$/.test(c);
        const problems = [];
        const controls = [...document.querySelectorAll(arg)].filter(el => {
            const r = el.getBoundingClientRect(), s = getComputedStyle(el);
            return r.width > 2 && r.height > 2 && s.visibility !== 'hidden' && !el.closest('.visually-hidden');
        });
        for (const el of controls) {
            let s = getComputedStyle(el);
            const edge = ['Top', 'Right', 'Bottom', 'Left'].some(side => s[`border${side}Style`] !== 'none'
                && parseFloat(s[`border${side}Width`]) > 0 && seen(s[`border${side}Color`]));
            const underline = s.textDecorationLine.includes('underline');
            const native = (['checkbox', 'radio'].includes(el.type) && s.appearance !== 'none')
                || (el.tagName === 'SUMMARY' && s.display === 'list-item');  // its disclosure triangle
            const region = el.getAttribute('role') === 'region';  // a scrolling table takes focus, not clicks
            if (!(edge || underline || native || region)) problems.push(`${describe(el)} has no visible edge`);
            if (el.getAttribute('role') === 'option') continue;  // the combobox's input holds the focus
            el.focus();
            if (document.activeElement !== el) continue;
            if (!el.matches(':focus-visible')) {
                problems.push(`${describe(el)}: focus() did not count as keyboard focus`);
                continue;
            }
            s = getComputedStyle(el);
            if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2 || !seen(s.outlineColor))
                problems.push(`${describe(el)} shows no focus ring (outline ${s.outlineStyle} ${s.outlineWidth})`);
        }
        return problems;""", CONTROLS)


def text_spacing_problems(page) -> list[str]:
    """With WCAG 1.4.12's spacing applied, no box cuts its text off: nothing overflows a box that hides what
    overflows, and no text runs out of a box of fixed height over what follows. The page needs a context that
    bypasses the Content-Security-Policy, which forbids inline styles."""
    page.add_style_tag(content=TEXT_SPACING_CSS)
    return _problems(page, """
        const problems = [];
        for (const el of document.body.querySelectorAll('*')) {
            const s = getComputedStyle(el), r = el.getBoundingClientRect();
            if (s.display === 'inline' || s.display === 'contents' || r.width <= 2 || r.height <= 2) continue;
            if (['INPUT', 'SELECT', 'TEXTAREA', 'svg'].includes(el.tagName) || el.closest('svg')) continue;
            if (['auto', 'scroll'].includes(s.overflowX) || ['auto', 'scroll'].includes(s.overflowY)) continue;
            if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
                problems.push(`${describe(el)} cuts its content: ${el.scrollWidth}x${el.scrollHeight} in ` +
                              `${el.clientWidth}x${el.clientHeight} (overflow ${s.overflowX}/${s.overflowY})`);
        }
        return problems;""")


def unnamed_controls(page) -> list[str]:
    """Lines of the page's ARIA snapshot that show a control with no name, and focusable elements that the
    accessibility tree gives no control role (a div with a tabindex is invisible as a control)."""
    snapshot = page.locator("body").aria_snapshot()
    problems = []
    for line in snapshot.splitlines():
        match = SNAPSHOT_LINE.match(line)
        if match and match["role"] in CONTROL_ROLES and not match["rest"].lstrip().startswith(('"', "/")):
            problems.append(f"no name: {line.strip()}")
    problems += _problems(page, """
        return [...document.querySelectorAll('[tabindex]:not([tabindex="-1"])')]
            .filter(el => !el.matches('a[href], button, input, select, textarea, summary') && !el.getAttribute('role'))
            .map(el => `no role: ${describe(el)} can take the focus`);""")
    return problems


def fonts_rendering(page, selector: str) -> dict:
    """The computed weight of the first element matching selector, and the font faces Chromium draws its text
    with (by PostScript name, which tells a bold face from a regular one drawn bold by the browser)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    weight = page.eval_on_selector(selector, "el => getComputedStyle(el).fontWeight")
    return {"weight": int(weight), "faces": [font["postScriptName"] for font in fonts]}
