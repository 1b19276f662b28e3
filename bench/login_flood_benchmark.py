"""
Does a login flood slow the readers? An article page's latency with the
server idle, then while four clients hammer /admin/login/ with wrong
passwords, against gunicorn with the shipped settings (newsroom/gunicorn.py,
two workers), demo data, on 127.0.0.1 only and for a bounded time.

    make bench-login-flood
    BENCH_ARGS="--seconds 10 --port 18250" make bench-login-flood
    BENCH_ARGS="--database-url postgres://..." make bench-login-flood

The reader asks for the article twenty times a second, one request at a
time on a new connection, and its latency is measured from the moment it
was sent. Each flooding client fetches the login form once (for its CSRF
token) and then posts wrong passwords back to back, alternating between a
real account and made-up names, as a guesser would. Without throttling every
guess costs a password hash (~0.3 s of CPU) and four such clients took a
reader's article from 30 ms to 695 ms (issue 15); with it, all but the first
few guesses are refused before any hashing (articles/accounts/throttle.py).

Prints p50/p99 (and the largest) of the reader's latency in both phases,
what the flood's guesses were answered, and the server's CPU time. Exit
status 1 when the reader's p99 during the flood is more than 100 ms above
its p99 idle, or any reader request fails.
"""

import argparse
import http.client
import multiprocessing
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from pages_benchmark import Server, prepare_data, site_env  # noqa: E402

TIMEOUT = 10
READER_INTERVAL = 0.05
FLOOD_CLIENTS = 4
ALLOWED_SLOWDOWN_MS = 100


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--seconds", type=int, default=20, help="length of each phase (at most 60)")
    parser.add_argument("--clients", type=int, default=FLOOD_CLIENTS, help="flooding clients (default 4)")
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'loginflood.sqlite3'}")
    parser.add_argument("--cache-url", default="locmemcache://loginflood")
    parser.add_argument("--port", type=int, default=8436)
    parser.add_argument(
        "--control", action="store_true",
        help="a third phase: the same clients fetch /healthz back to back, to tell what any flood costs from what logins cost",
    )
    args = parser.parse_args()
    args.seconds = max(1, min(args.seconds, 60))
    return args


def send(port, method, path, body=None, headers=None):
    """(status, seconds) of one request on a new connection; status 0 on a network error."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def get(port, path):
    return send(port, "GET", path, headers={"User-Agent": "newsroom-login-flood-reader"})


def read_article(port, path, seconds):
    """The reader: one request every READER_INTERVAL for `seconds`; a list of (status, seconds)."""
    answers = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sent = time.monotonic()
        answers.append(get(port, path))
        time.sleep(max(0, READER_INTERVAL - (time.monotonic() - sent)))
    return answers


def login_form(port):
    """The CSRF cookie and form token a browser would get from the login page."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    page = response.read().decode("utf-8", "replace")
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    connection.close()
    return cookie, token


def flood(port, seconds, number, results, control=False):
    """One guessing client: wrong passwords back to back until the time is up (or, as a control, GET /healthz)."""
    cookie, token = login_form(port)
    statuses = {}
    end = time.monotonic() + seconds
    guess = 0
    while time.monotonic() < end:
        guess += 1
        if control:
            status, _seconds = get(port, "/healthz")
            statuses[status] = statuses.get(status, 0) + 1
            continue
        username = "editor" if guess % 2 else f"tebakan-{number}-{guess}"
        body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": f"salah-{guess}", "next": "/admin/"})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}", "User-Agent": "newsroom-login-flood"}
        status, _seconds = send(port, "POST", "/admin/login/", body=body, headers=headers)
        statuses[status] = statuses.get(status, 0) + 1
    results.put(statuses)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] * 1000 if values else 0.0


def summary(answers):
    latencies = [seconds for _status, seconds in answers]
    failed = {}
    for status, _seconds in answers:
        if status != 200:
            failed[status] = failed.get(status, 0) + 1
    return percentile(latencies, 50), percentile(latencies, 99), max(latencies) * 1000, failed


def failures(failed):
    return ", ".join(f"{count} × {status or 'network error'}" for status, count in sorted(failed.items())) or "none"


def under_flood(args, server, article, control=False):
    """The reader's answers while the clients flood, what the flood was answered, and the server's CPU seconds."""
    results = multiprocessing.Queue()
    clients = [multiprocessing.Process(target=flood, args=(args.port, args.seconds + 2, n, results, control)) for n in range(args.clients)]
    for client in clients:
        client.start()
    time.sleep(1)  # let the flood begin before the reader measures
    cpu = server.cpu_seconds()
    answers = read_article(args.port, article, args.seconds)
    cpu = server.cpu_seconds() - cpu
    statuses = {}
    for _client in clients:
        for status, count in results.get(timeout=args.seconds + TIMEOUT * 2).items():
            statuses[status] = statuses.get(status, 0) + count
    for client in clients:
        client.join(timeout=TIMEOUT)
    return answers, statuses, cpu


def main():
    args = parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    article = prepare_data(args)
    # The site's own password hashing (PBKDF2, as in production), and no
    # failed logins left from an earlier run: each run starts unthrottled.
    env = site_env(args)
    reset = "from axes.models import AccessAttempt; AccessAttempt.objects.all().delete()"
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "shell", "-c", reset], env=env, check=True, cwd=ROOT)
    server = Server("newsroom.wsgi", env, args.port)
    try:
        for _ in range(20):
            get(args.port, article)  # warm the workers and the page cache
        cpu = server.cpu_seconds()
        idle = read_article(args.port, article, args.seconds)
        cpu_idle = server.cpu_seconds() - cpu

        flooded, statuses, cpu_flood = under_flood(args, server, article)
        if args.control:
            controlled, control_statuses, cpu_control = under_flood(args, server, article, control=True)
    finally:
        server.stop()

    idle_p50, idle_p99, idle_max, idle_failed = summary(idle)
    flood_p50, flood_p99, flood_max, flood_failed = summary(flooded)
    guesses = sum(statuses.values())
    print(f"article {article}, {args.seconds} s a phase, reader every {READER_INTERVAL * 1000:.0f} ms, gunicorn 2 workers, {args.database_url.split(':')[0]}")
    print(f"idle:  {len(idle)} requests, p50 {idle_p50:.1f} ms, p99 {idle_p99:.1f} ms, max {idle_max:.1f} ms, failed: {failures(idle_failed)}; server CPU {cpu_idle:.1f} s")
    print(
        f"flood: {len(flooded)} requests, p50 {flood_p50:.1f} ms, p99 {flood_p99:.1f} ms, max {flood_max:.1f} ms, failed: {failures(flood_failed)}; "
        f"server CPU {cpu_flood:.1f} s"
    )
    print(f"guesses: {guesses} from {args.clients} clients ({guesses / (args.seconds + 2):.0f}/s), answered {failures(statuses)}")
    if args.control:
        p50, p99, largest, failed = summary(controlled)
        print(
            f"control, {args.clients} clients fetching /healthz: {len(controlled)} requests, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
            f"max {largest:.1f} ms, failed: {failures(failed)}; server CPU {cpu_control:.1f} s; "
            f"{sum(control_statuses.values()) / (args.seconds + 2):.0f} requests/s, answered {failures(control_statuses)}"
        )
    ok = not idle_failed and not flood_failed and flood_p99 <= idle_p99 + ALLOWED_SLOWDOWN_MS
    print("target (flood p99 within 100 ms of idle p99, no failed reader request): " + ("met" if ok else "MISSED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
