"""A user agent string as a person recognises their device: "Chrome on Android", not the whole string."""

from flask_babel import gettext as _

#: the first name found wins, so the browsers built on others come before them (Edge and WeChat contain "Chrome")
BROWSERS = (("MicroMessenger", "WeChat"), ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"),
            ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
           ("Mac OS X", "Mac"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def device_name(user_agent: str | None) -> str:
    agent = user_agent or ""
    browser = next((name for mark, name in BROWSERS if mark in agent), None)
    system = next((name for mark, name in SYSTEMS if mark in agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    return browser or system or agent[:60] or _("Unknown device")
