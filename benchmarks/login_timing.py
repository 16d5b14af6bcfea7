"""Login answers for a wrong password and for an unknown user name: the same time (no user enumeration).

User names are phone numbers, and having an account here tells that someone uses a disability service, so a
login must not reveal whether a name exists: both answers check a password hash (a dummy one for an unknown name).
Runs the app on a fresh SQLite file through Flask's test client; throttling is raised out of the way.

    .venv/bin/python benchmarks/login_timing.py [--rounds 50]
"""

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from models import Role, User, make_engine, make_session_factory
from models.migrate import upgrade
from webapp import create_app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'login.sqlite3'}"
        engine = make_engine(url)
        with engine.begin() as connection:
            upgrade(connection)
        with make_session_factory(engine)() as session:
            user = User(username="13800138000", role=Role.SEEKER, display_name="测试")
            user.set_password("correct horse battery")
            session.add(user)
            session.commit()
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "LOGIN_FAILURES_PER_ACCOUNT": 10**6,
                          "LOGIN_FAILURES_PER_CLIENT": 10**6})
        client = app.test_client()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").get_data(as_text=True))[1]

        def login(username: str) -> tuple[float, int, str]:
            started = time.perf_counter()
            response = client.post("/login", data={"csrf_token": token, "username": username, "password": "guess-it"})
            elapsed = time.perf_counter() - started
            summary = re.search(r'<div class="error-summary".*?</div>', response.get_data(as_text=True), re.S)[0]
            return elapsed, response.status_code, summary

        login("13800138000"), login("13900139000")  # warm up: the dummy hash is made on first use
        times = {"existing user, wrong password": [], "unknown user": []}
        answers = {name: set() for name in times}
        for n in range(args.rounds):  # interleaved, so that any drift of the machine hits both alike
            for name, username in (("existing user, wrong password", "13800138000"),
                                   ("unknown user", f"139{n:08d}")):
                elapsed, status, summary = login(username)
                times[name].append(elapsed)
                answers[name].add((status, summary))
        for name, values in times.items():
            print(f"{name:32} median {statistics.median(values) * 1000:6.1f} ms  "
                  f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f}, n={len(values)})")
        print("same answer (status and message):", answers["existing user, wrong password"] == answers["unknown user"])
        engine.dispose()


if __name__ == "__main__":
    main()
