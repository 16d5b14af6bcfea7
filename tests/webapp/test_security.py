import pytest

from webapp import create_app

pytestmark = pytest.mark.web


def test_security_headers_on_every_page(client):
    for url in ("/", "/login", "/no-such-page"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cache-Control"] == "no-store"


def test_session_cookie_is_http_only_and_same_site(client, accounts, login):
    from models import Role

    response = login(accounts[Role.SEEKER])
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/login").get_data(as_text=True)
    assert "<script>" not in html and "style=" not in html and "<style" not in html


def test_secret_key_is_generated_into_the_instance_folder_once(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    import flask

    monkeypatch.setattr(flask.Flask, "auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    first = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    second = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    key_file = tmp_path / "instance" / "secret_key"
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text()
    assert key_file.stat().st_mode & 0o077 == 0


def test_secret_key_and_database_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["DATABASE_URL"].endswith("env.sqlite3")


def test_database_defaults_to_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SECRET_KEY", "k")
    import flask

    monkeypatch.setattr(flask.Flask, "auto_find_instance_path", lambda self: str(tmp_path / "inst"))
    app = create_app()
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'inst' / 'ablematch.sqlite3'}"
