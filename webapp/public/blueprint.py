from flask import Blueprint, redirect, render_template, url_for

bp = Blueprint("public", __name__)


@bp.route("/")
def index():
    return render_template("public/index.html")


@bp.route("/favicon.ico")
def favicon():
    """Browsers and tools ask for /favicon.ico whatever the page links to."""
    return redirect(url_for("static", filename="favicon.svg"), 301)
