"""
Reader pages against the bare-Django ceiling, in the same run, with the
same gunicorn settings and the same load generator (wrk).

    make bench-pages                         # SQLite demo data, local-memory cache
    BENCH_ARGS="--load" make bench-pages     # with a CPU hog running beside it
    BENCH_ARGS="--cache-url redis://127.0.0.1:6379/9 --database-url postgres://..." make bench-pages

For each page it prints requests per second, that as a ratio to the
ceiling, p50 and p99 latency, non-2xx answers, and server CPU per request
(user + system time of gunicorn's processes over the run, divided by the
requests served). Targets (issue 14): cached article and front page at least
0.8 of the ceiling, uncached article at least 0.15, cached p99 under 50 ms
at 32 connections. Traffic goes to 127.0.0.1 only, for a bounded time.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections for cached pages (default 32)")
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'benchpages.sqlite3'}")
    parser.add_argument("--cache-url", default="locmemcache://bench", help="the site's CACHE_URL (default local memory)")
    parser.add_argument("--port", type=int, default=8431)
    parser.add_argument("--load", action="store_true", help="run a busy-looping process beside the benchmark")
    return parser.parse_args()


def site_env(args, **extra):
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-pages-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "2",
        **extra,
    }


def prepare_data(args):
    env = site_env(args)
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo", "--force"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    probe = "from articles.models import Article; a = Article.objects.published().first(); print(a.get_absolute_url())"
    found = subprocess.run([*manage, "shell", "-c", probe], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
    return found.stdout.strip().splitlines()[-1]


class Server:
    def __init__(self, app, env, port):
        self.port = port
        # No worker recycling during a run: at these rates max_requests would
        # restart workers every few seconds and lose their CPU counts.
        command = [
            PYTHON, "-m", "gunicorn", "-c", "python:newsroom.gunicorn", app,
            "--bind", f"127.0.0.1:{port}", "--max-requests", "0",
        ]
        # The server's log, for what went wrong when a run reports errors.
        self.log = open(ROOT / "var" / f"bench-gunicorn-{port}.log", "w")
        self.process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn for {app} did not start on port {port}")

    def pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [self.process.pid, *map(int, children)]

    def cpu_seconds(self):
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def warm(url, times=20):
    for _ in range(times):
        with urllib.request.urlopen(url) as response:
            response.read()


# For "miss" rows: every request asks for the page with a query string never
# seen before (?v=1, ?v=2 ...), which the page ignores: each is a page-cache
# miss while the pieces pages share stay memoised, as after a change.
FRESH_QUERY_LUA = """
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. "?v=" .. n .. "-" .. math.random(1000000000))
end
"""


def wrk(url, seconds, connections, fresh_query=False):
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if fresh_query:
        script = ROOT / "var" / "bench-fresh-query.lua"
        script.write_text(FRESH_QUERY_LUA)
        command[1:1] = ["-s", str(script)]
    result = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", result, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    requests = int(re.search(r"(\d+) requests in", result).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
    errors = re.search(r"Socket errors: (.*)", result)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1)),
        "requests": requests,
        "p50": latency("50"),
        "p99": latency("99"),
        "bad": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


def measure(server, path, seconds, connections, fresh_query=False):
    url = f"http://127.0.0.1:{server.port}{path}"
    warm(url)
    before = server.cpu_seconds()
    result = wrk(url, seconds, connections, fresh_query)
    result["cpu_ms"] = (server.cpu_seconds() - before) * 1000 / max(result["requests"], 1)
    return result


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    (ROOT / "var").mkdir(exist_ok=True)
    article = prepare_data(args)
    hog = subprocess.Popen([PYTHON, "-c", "while True: pass"]) if args.load else None
    rows = []
    try:
        runs = [
            ("ceiling (bare Django, 30 KB)", "bench.ceiling:application", {}, [("/", args.connections)]),
            ("cached", "newsroom.wsgi", {}, [("/", args.connections), (article, args.connections), ("/rss/", args.connections)]),
            ("miss", "newsroom.wsgi", {}, [("/", 2), (article, 2)]),
            # One connection as well: at two, wrk and both workers share the
            # two cores, and each request's CPU grows with that contention.
            ("uncached", "newsroom.wsgi", {"PAGE_CACHE": "0"}, [("/", 2), (article, 2), ("/", 1), (article, 1)]),
        ]
        for label, app, extra, pages in runs:
            server = Server(app, site_env(args, **extra), args.port)
            try:
                for path, connections in pages:
                    rows.append((label, path, connections, measure(server, path, args.seconds, connections, fresh_query=label == "miss")))
            finally:
                server.stop()
    finally:
        if hog:
            hog.kill()
    ceiling = rows[0][3]["rps"]
    print(f"\n{'page':<44} {'conn':>4} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} {'non-2xx':>7}")
    for label, path, connections, r in rows:
        name = f"{label} {path}" if not label.startswith("ceiling") else label
        print(
            f"{name[:44]:<44} {connections:>4} {r['rps']:>8.0f} {r['rps'] / ceiling:>6.2f} {r['p50']:>7.1f} {r['p99']:>7.1f}"
            f" {r['cpu_ms']:>10.2f} {r['bad']:>7}" + (f"  socket errors: {r['socket_errors']}" if r["socket_errors"] else "")
        )
    print(f"\n{'with a CPU hog beside it' if args.load else 'idle machine'}; database {args.database_url.split(':')[0]}, cache {args.cache_url.split(':')[0]}")


if __name__ == "__main__":
    main()
