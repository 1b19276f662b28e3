"""
Load tests on 127.0.0.1, bounded in time, against gunicorn with production
settings (two workers), on the configured database and cache.

    make load-test                        # both scenarios, SQLite, local memory
    BENCH_ARGS="--scenario open-loop --database-url postgres://... --cache-url redis://..." make load-test

open-loop: 100 article requests a second for 60 s, each on a new
    connection, sent on schedule whatever the answers (latency is measured
    from the moment a request was due, so a slow server cannot hide its
    queue). Target: 0 errors, p99 under 100 ms.
mixed: 60 s of reader traffic (front page, feed, the stories under test) at
    50 requests a second while an editor, every 5 s in turn, publishes a
    story, changes a live story's headline and withdraws one. Every response
    is checked against the state the editor had committed when the request
    was sent: a withdrawn story must be gone, a published one there, an old
    headline replaced. Target: 0 errors, 0 stale.
Exit status 1 when a target is missed.
"""

import argparse
import asyncio
import os
import sys
import threading
from collections import Counter
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages_benchmark import Server, prepare_data, site_env, warm  # noqa: E402

TIMEOUT = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--scenario", choices=["open-loop", "mixed", "both"], default="both")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rate", type=int, default=0, help="requests a second (default 100 open-loop, 50 mixed)")
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'loadtest.sqlite3'}")
    parser.add_argument("--cache-url", default="locmemcache://load")
    parser.add_argument("--port", type=int, default=8432)
    return parser.parse_args()


async def fetch(port, path):
    """(status, body) over a new connection; status 0 on a network error or timeout."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT)
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nUser-Agent: newsroom-load-test\r\n\r\n"
        writer.write(request.encode())
        data = await asyncio.wait_for(reader.read(), TIMEOUT)
        writer.close()
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), body.decode("utf-8", "replace")
    except (OSError, asyncio.TimeoutError, IndexError, ValueError):
        return 0, ""


async def open_loop(port, paths, rate, seconds, on_answer):
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = []

    async def one(path, due):
        sent_at = time.time()
        status, body = await fetch(port, path)
        on_answer(path, status, body, sent_at, time.time(), loop.time() - due)

    for n in range(rate * seconds):
        due = start + n / rate
        await asyncio.sleep(max(0, due - loop.time()))
        tasks.append(asyncio.create_task(one(paths[n % len(paths)], due)))
    await asyncio.gather(*tasks)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] * 1000 if values else 0.0


class Editor(threading.Thread):
    """Publishes, edits and withdraws stories in turn, logging each commit's time."""

    def __init__(self, seconds, every=5):
        super().__init__(daemon=True)
        from articles.models import Article, Section
        from tests.factories import make_user

        self.user = make_user(f"loadtest-{int(time.time())}", "Editor")
        self.section = Section.objects.order_by("pk").first()
        self.drafts = [
            Article.objects.create(headline=f"Uji muat draf {n} {time.time_ns()}", section=self.section, body="<p>Isi uji muat.</p>")
            for n in range(seconds // every + 2)
        ]
        self.live, self.events, self.seconds, self.every = [], [], seconds, every

    def run(self):
        from django.db import close_old_connections

        end = time.time() + self.seconds
        turn = 0
        while time.time() < end - 1:
            time.sleep(self.every)
            action = ("publish", "edit", "withdraw")[turn % 3] if self.live else "publish"
            turn += 1
            if action == "publish" and self.drafts:
                article = self.drafts.pop()
                article.headline = f"Uji muat terbit {time.time_ns()}"
                article.publish(self.user)
                self.live.append(article)
                self.events.append((time.time(), "publish", article.get_absolute_url(), article.headline))
            elif action == "edit":
                article = self.live[-1]
                old = article.headline
                article.headline = f"Uji muat diubah {time.time_ns()}"
                article.full_clean()
                article.save()
                self.events.append((time.time(), "edit", article.get_absolute_url(), (old, article.headline)))
            elif action == "withdraw":
                article = self.live.pop(0)
                article.unpublish(self.user)
                self.events.append((time.time(), "withdraw", article.get_absolute_url(), article.headline))
            close_old_connections()

    def paths(self):
        return [article.get_absolute_url() for article in self.drafts]


def stale(path, status, body, sent_at, received_at, events):
    """A reason this answer shows a state older than what was committed before it was sent, or None."""
    for committed, kind, url, detail in events:
        if committed >= sent_at:
            break
        if any(later[2] == url and sent_at <= later[0] <= received_at for later in events):
            continue  # Another change to the same story landed while this request was in flight.
        withdrawn_later = any(e[1] == "withdraw" and e[2] == url and e[0] < sent_at for e in events if e[0] > committed)
        if kind == "withdraw" and path in (url, "/", "/rss/"):
            if path == url and status != 404:
                return f"{url} answered {status} after its withdrawal"
            if path != url and detail in body:
                return f"{path} still shows withdrawn “{detail}”"
        if kind == "publish" and path == url and not withdrawn_later and status != 200:
            return f"{url} answered {status} after it was published"
        if kind == "edit" and path == url and not withdrawn_later and detail[0] in body:
            return f"{url} still shows the old headline after an edit"
    return None


def run_mixed(args, port):
    rate = args.rate or 50
    editor = Editor(args.seconds)
    answers = []
    paths = ["/", "/rss/", *editor.paths()]

    def on_answer(path, status, body, sent_at, received_at, latency):
        answers.append((path, status, body, sent_at, received_at, latency))

    editor.start()
    asyncio.run(open_loop(port, paths, rate, args.seconds, on_answer))
    editor.join()
    errors = [a for a in answers if a[1] not in (200, 404)]
    stale_ones = [reason for a in answers if (reason := stale(*a[:5], editor.events))]
    latencies = [a[5] for a in answers]
    print(
        f"mixed: {len(answers)} requests at {rate}/s for {args.seconds} s while the editor made {len(editor.events)} changes; "
        f"errors {len(errors)}, stale {len(stale_ones)}; p50 {percentile(latencies, 50):.1f} ms, p99 {percentile(latencies, 99):.1f} ms"
    )
    for reason in stale_ones[:10]:
        print(f"  stale: {reason}")
    report_errors(errors)
    return not errors and not stale_ones


def report_errors(errors):
    """What the failed answers were: a status, or 0 for a refused or timed-out connection."""
    if errors:
        counts = Counter((path, status) for path, status, *_rest in errors)
        for (path, status), n in counts.most_common(5):
            print(f"  error: {n} x {status or 'no answer'} for {path}")


def run_open_loop(args, port, article):
    rate = args.rate or 100
    results = []
    asyncio.run(open_loop(port, [article], rate, args.seconds, lambda path, status, body, s, r, latency: results.append((status, latency))))
    report_errors([(article, status) for status, _latency in results if status != 200])
    errors = sum(1 for status, _latency in results if status != 200)
    p99 = percentile([latency for _status, latency in results], 99)
    print(
        f"open-loop: {len(results)} article requests at {rate}/s for {args.seconds} s, new connection each; "
        f"errors {errors}; p50 {percentile([r[1] for r in results], 50):.1f} ms, p99 {p99:.1f} ms"
    )
    return errors == 0 and p99 < 100


def main():
    args = parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    article = prepare_data(args)
    env = site_env(args)
    os.environ.update({k: env[k] for k in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL", "ALLOWED_HOSTS", "SITE_URL", "LOG_LEVEL")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    server = Server("newsroom.wsgi", env, args.port)
    ok = True
    try:
        # Both workers load the site on their first requests (imports,
        # templates, the first cache fills): measured from the start, that
        # pile-up was the whole p99 (0.3-1.1 s in the first quarter second).
        for path in ("/", "/rss/", article):
            warm(f"http://127.0.0.1:{args.port}{path}", times=20)
        if args.scenario in ("open-loop", "both"):
            ok &= run_open_loop(args, args.port, article)
        if args.scenario in ("mixed", "both"):
            ok &= run_mixed(args, args.port)
    finally:
        server.stop()
    print(f"database {args.database_url.split(':')[0]}, cache {args.cache_url.split(':')[0]}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
