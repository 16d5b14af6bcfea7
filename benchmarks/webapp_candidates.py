"""Candidates page under load: gunicorn (2 workers) on PostgreSQL with the demo district, 20 concurrent clients.

Prints latency percentiles and throughput of an employer's candidates page, and of a trivial page (the public
home page) served by the same server in the same run, and their ratio. Targets (issue 4): candidates p95 at
most 150 ms; candidates throughput at least a quarter of the trivial page's.

    .venv/bin/python benchmarks/webapp_candidates.py [--clients 20] [--seconds 20] [--rounds 3] [--database ablematch_bench]

Needs the local PostgreSQL server (127.0.0.1:5432, user postgres, trust); the database is dropped and made anew.
The load comes from wrk when it is installed (`apt-get install wrk`: a C program, so the load generator takes
little of the two cores from the server), otherwise from Python processes in this script (which take more).
"""

import argparse
import http.client
import multiprocessing
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database(name: str) -> str:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def request(port: int, path: str, cookie: str = "", method: str = "GET", body: str | None = None,
            headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers={"Cookie": cookie, **(headers or {})})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def log_in(port: int, username: str, password: str) -> str:
    """The session cookie of a logged-in browser: the one set by the login, updated by the page it leads to (which
    adds the session's CSRF token), so that the load does not make the server start a new token on every request."""
    page = request(port, "/login")
    cookie = page.getheader("Set-Cookie").split(";", 1)[0]
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page.body).group(1).decode()
    response = request(port, "/login", cookie, "POST", urlencode({"csrf_token": token, "username": username,
                                                                  "password": password}),
                       {"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status == 302, response.status
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    landing = request(port, response.getheader("Location"), cookie)
    return (landing.getheader("Set-Cookie") or cookie).split(";", 1)[0]


def client_process(port, path, cookie, clients, seconds, queue):
    """One process of the load: `clients` threads, each sending requests back to back for `seconds`."""
    latencies, errors = [], 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def run():
        nonlocal errors
        mine, bad = [], 0
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            status = request(port, path, cookie).status
            mine.append(time.perf_counter() - start)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put((latencies, errors))


WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %f %f %f %f\\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def load_wrk(port, path, cookie, clients, seconds) -> dict:
    script = Path("/tmp") / f"ablematch-wrk-{os.getpid()}.lua"
    script.write_text(WRK_REPORT)
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds:.0f}s", "-H", f"Cookie: {cookie}", "-s",
                          str(script), f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                         check=True).stdout
    script.unlink()
    requests, errors, duration, p50, p95, p99 = re.search(r"RESULT (.*)", out).group(1).split()
    return {"requests": int(requests), "errors": int(errors), "rps": int(requests) / float(duration),
            "p50": float(p50), "p95": float(p95), "p99": float(p99)}


def load(port, path, cookie, clients, seconds, processes=4) -> dict:
    if shutil.which("wrk"):
        return load_wrk(port, path, cookie, clients, seconds)
    queue = multiprocessing.Queue()
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    procs = [multiprocessing.Process(target=client_process, args=(port, path, cookie, n, seconds, queue))
             for n in shares if n]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    q = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (gthread when > 1)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the two pages, one after the other")
    parser.add_argument("--database", default="ablematch_bench")
    args = parser.parse_args()

    url = fresh_database(args.database)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "benchmark-only"}
    for command in (["db-upgrade"], ["seed-demo"]):
        subprocess.run([BIN / "flask", "--app", "webapp", *command], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([BIN / "gunicorn", "--workers", str(args.workers), "--threads", str(args.threads),
                               "--bind", f"127.0.0.1:{port}",
                               "--log-level", "warning", "webapp:create_app()"], env=env, cwd=ROOT)
    try:
        for _ in range(100):
            try:
                request(port, "/")
                break
            except OSError:
                time.sleep(0.2)
        cookie = log_in(port, "employer@demo", "AbleMatch-employer-2020")
        home = request(port, "/employer/", cookie).body.decode()
        # the employer's open position with the most candidates on its page
        pages = {f"/employer/positions/{ref}": request(port, f"/employer/positions/{ref}", cookie).body
                 for ref in re.findall(r'href="/employer/positions/(P[0-9A-Z]+)"', home)}
        candidates, body = max(pages.items(), key=lambda item: item[1].count(b'class="match"'))
        shown = body.count(b'class="match"')
        for _ in range(4 * args.workers):  # each worker builds its engine once, before the clock starts
            request(port, candidates, cookie)

        print(f"gunicorn {args.workers} workers x {args.threads} threads on PostgreSQL, demo district; {args.clients} clients "
              f"({'wrk' if shutil.which('wrk') else 'Python'}), {args.seconds:.0f} s each; "
              f"candidates page {candidates} shows {shown} candidates")
        print(f"{'round':<6}{'page':<18}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
              f"{'ratio':>7}")
        summary = []
        for round_ in range(1, args.rounds + 1):
            # the two pages alternate, so that a slow spell of the machine falls on both
            results = {"trivial page /": load(port, "/", cookie, args.clients, args.seconds),
                       "candidates page": load(port, candidates, cookie, args.clients, args.seconds)}
            ratio = results["candidates page"]["rps"] / results["trivial page /"]["rps"]
            for name, r in results.items():
                print(f"{round_:<6}{name:<18}{r['requests']:>9}{r['errors']:>7}{r['rps']:>8.1f}{r['p50']:>8.1f}"
                      f"{r['p95']:>8.1f}{r['p99']:>8.1f}" + (f"{ratio:>7.2f}" if name == "candidates page" else ""))
            summary.append((ratio, results["candidates page"]["p95"]))
        ratios, p95s = zip(*summary)
        print(f"candidates throughput / trivial throughput: median {statistics.median(ratios):.2f}, worst "
              f"{min(ratios):.2f} (target >= 0.25); candidates p95: median {statistics.median(p95s):.1f} ms, worst "
              f"{max(p95s):.1f} ms (target <= 150)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
