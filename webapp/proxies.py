"""The client's own address behind a reverse proxy (nginx in front of gunicorn, as the README installs it).

The audit log names the address of every read of a person's data; behind a proxy `request.remote_addr` is the
proxy's. ABLEMATCH_PROXIES says how many proxies in front are trusted to set X-Forwarded-For and
X-Forwarded-Proto (0, the default: none, so that a client cannot forge its address).
"""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    trusted = int(app.config.get("ABLEMATCH_PROXIES") or 0)
    if trusted:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted)
