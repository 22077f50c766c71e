"""Benchmark of the public pages under gunicorn, against a bare Django view on the same server.

    .venv/bin/python bench/pages.py                 # quick: 5 rounds of 0.3 s per page, 5 s storms
    .venv/bin/python bench/pages.py --full          # 9 rounds of 0.6 s per page, 30 s storms at 50 clients
    .venv/bin/python bench/pages.py --seconds 1 --storm-seconds 60 --workers 4

What it does, in one run, all on 127.0.0.1:
  * seeds a throw-away SQLite file in a temporary folder (or uses DATABASE_URL,
    which must then be a database it may migrate and fill), runs collectstatic
    into the same folder;
  * starts gunicorn on a free port with the production settings, a generated
    secret key, DEBUG off, and NEWSROOM_BENCH=1, which mounts /bench/constant:
    a view returning a constant HttpResponse through the whole middleware stack
    (the baseline: what Django itself costs on this server);
  * (a) and (b): for every public page in both languages measures requests/s
    and p50/p99 latency when cached (anonymous readers, after a warm-up), in
    --rounds short rounds each between two short measurements of the bare view
    (so that both see the same machine load; the median round counts, so that a
    burst of other work on the machine during one round does not), then
    uncached, each with the same number of concurrent clients. "Uncached" requests carry a session
    cookie, as signed-in staff do, so the page cache neither answers nor keeps
    them: every request renders the page (and looks the unknown session up);
    query parameters no longer bust the cache, by design. It prints each figure,
    the cached pages' ratio to the bare view (the median round's) against the
    target (>= 80 % for every page), and the uncached renders in req/s and ms;
  * (c) the edit storm: --storm-clients (50) clients request every page for
    twice --storm-seconds, in slices taken in turn: without edits, then while
    another process saves a briefing or a symposium through the ORM once a
    second (each save makes every cached page that shows it stale), and so on,
    so that the machine's drift falls on both kinds alike. It counts any
    response other than 200 (or a connection error) as an error, and compares
    the slices with edits with those without (targets: 0 errors, >= 70 % of the
    throughput, p99 <= 2x); it also counts how the page cache answered (fresh
    hits, stale pages served while another worker rendered, renders).

The load generator is asyncio in this process: bounded in time (and by
--max-requests per measurement), only ever connects to 127.0.0.1, and stops by
itself. gunicorn and the editing process are stopped at the end whatever
happens. The cache is what the production settings choose: Redis when
REDIS_URL is set, else their default.
"""

import argparse
import asyncio
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"

PAGES = [
    "/{lang}/",
    "/{lang}/briefings/china-asean-customs-cooperation/",
    "/{lang}/agreements/framework-agreement-2002/",
    "/{lang}/priorities/",
    "/{lang}/symposia/",
    "/{lang}/symposia/2008-ningbo-customs-automation/",
    "/{lang}/symposia/statistics/",
    "/{lang}/search/?q={query}",
    "/{lang}/sitemap/",
    "/{lang}/feeds/briefings/rss/",
    "/{lang}/feeds/symposia/atom/",
]
MACHINE_PAGES = ["/sitemap.xml", "/robots.txt"]
QUERY = {"en": "customs", "zh-hans": "%E5%AE%81%E6%B3%A2"}  # 宁波
BARE = "/bench/constant"
# A session cookie that names no session: the page cache leaves such requests to the view, as
# it does a signed-in editor's, so each one renders the page.
UNCACHED_COOKIE = "sessionid=bench-no-such-session"
CACHED_TARGET = 0.80
STORM_THROUGHPUT_TARGET, STORM_P99_TARGET = 0.70, 2.0

# The other process of the edit storm: from `start` (time.time()), in slices of `slice` seconds,
# the odd slices (the 2nd, 4th, ...) see a save through the ORM once a second, each one a change
# readers see (a briefing's and a symposium's title, in turn); the titles are restored at the end.
EDITOR = """
import sys, time, django
django.setup()
from briefing.models import Briefing
from symposia.models import Symposium
start, slice, slices = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
briefing, symposium = Briefing.objects.first(), Symposium.objects.order_by("ordinal").last()
titles = (briefing.title_en, symposium.title_en)
saves = 0
try:
    for number in range(1, slices, 2):
        tick = start + number * slice
        while tick < start + (number + 1) * slice - 0.5:
            time.sleep(max(0.0, tick - time.time()))
            saves += 1
            item = briefing if saves % 2 else symposium
            item.title_en = f"{titles[0] if item is briefing else titles[1]} (revision {saves})"
            item.save()
            tick += 1.0
finally:
    if saves:
        briefing.title_en, symposium.title_en = titles
        briefing.save()
        symposium.save()
print(saves)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_environment(workdir, port, workers):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="False",
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="False",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_LOG_LEVEL="ERROR",
        NEWSROOM_BENCH="1",
        PORT=str(port),
        GUNICORN_BIND=f"{HOST}:{port}",
        GUNICORN_WORKERS=str(workers),
        GUNICORN_MAX_REQUESTS="0",  # no worker recycling in the middle of a measurement
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    return env


def prepare(env):
    def manage(*args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    manage("migrate", "--noinput", "-v0")
    manage("createcachetable")
    manage("collectstatic", "--noinput", "-v0")
    manage("loaddata", "seed", "-v0")


def start_gunicorn(env, port, log_path):
    # The server's output goes to a file: an unread pipe would fill up and block the workers.
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped: " + Path(log_path).read_text(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}{BARE}", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit("gunicorn did not answer within 30 seconds")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- the load generator -------------------------------------------------------------------------


async def fetch(port, path, reader_writer, cookie=None):
    """One GET on a kept-alive connection when the server allows it; returns (status, how the page
    cache answered, new connection)."""
    reader, writer = reader_writer if reader_writer else await asyncio.open_connection(HOST, port)
    cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept-Encoding: identity\r\n{cookie_line}"
        "Connection: keep-alive\r\n\r\n"
    )
    writer.write(request.encode("ascii"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    if length:
        await reader.readexactly(length)
    elif headers.get("transfer-encoding") == "chunked":
        raise RuntimeError("chunked responses are not expected here")
    state = headers.get("x-page-cache", "rendered")
    if headers.get("connection", "").lower() == "close":
        writer.close()
        return status, state, None
    return status, state, (reader, writer)


async def load(port, paths, clients, seconds, max_requests, cookie=None):
    """`clients` connections request `paths` round-robin until the time or request budget is spent.
    Every answer is logged as (time.time() when it came, latency or None for an error, status,
    how the page cache answered)."""
    log = []
    deadline = time.monotonic() + seconds
    budget = [max_requests]

    async def client(offset):
        connection, index = None, offset
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                status, state, connection = await asyncio.wait_for(
                    fetch(port, path, connection, cookie), timeout=10
                )
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, RuntimeError):
                log.append((time.time(), None, None, "error"))
                connection = None
                continue
            log.append((time.time(), time.perf_counter() - started, status, state))
        if connection:
            connection[1].close()

    started = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return summarize(log, time.monotonic() - started)


def summarize(log, elapsed):
    """Requests/s, latencies, errors and page-cache answers of a load log over `elapsed` seconds."""
    latencies = [latency for _t, latency, _status, _state in log if latency is not None]
    answered = [(status, state) for _t, latency, status, state in log if latency is not None]
    statuses = dict(Counter(status for status, _state in answered))
    states = dict(Counter(state for _status, state in answered))
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "errors": sum(latency is None or status != 200 for _t, latency, status, _state in log),
        "statuses": statuses,
        "states": states,
        "latencies": latencies,
        "log": log,
    }


def percentile(values, pct):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def measure(port, paths, args, seconds=None, clients=None, cookie=None):
    return asyncio.run(
        load(port, paths, clients or args.clients, seconds or args.seconds, args.max_requests, cookie)
    )


def merge(results):
    """Several measurements of the same thing as one: requests/s over the rounds, pooled latencies."""
    latencies = [x for r in results for x in r["latencies"]]
    statuses = dict(sum((Counter(r["statuses"]) for r in results), Counter()))
    return {
        "requests": sum(r["requests"] for r in results),
        "rps": statistics.mean(r["rps"] for r in results),
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "errors": sum(r["errors"] for r in results),
        "statuses": statuses,
        "latencies": latencies,
    }


def line(label, result, ratio=None):
    ratio = f"{ratio:6.0%}" if ratio is not None else "      "
    errors = f"  errors {result['errors']}" if result["errors"] else ""
    return (
        f"  {label:<62} {result['rps']:8.0f} req/s  p50 {result['p50'] * 1000:6.1f} ms"
        f"  p99 {result['p99'] * 1000:6.1f} ms  {ratio}{errors}"
    )


def storm(port, pages, args, env):
    """--storm-clients clients on every page for twice --storm-seconds, in --storm-slices slices
    of each kind taken in turn: without edits, then with another process saving content once a
    second, and so on, so that the machine's drift falls on both alike. The two kinds' results,
    and the editor's count of saves."""
    slices = 2 * args.storm_slices
    length = args.storm_seconds / args.storm_slices
    start = time.time() + 5  # the editing process needs a moment to start Django
    editor = subprocess.Popen(
        [PYTHON, "-c", EDITOR, str(start), str(length), str(0 if args.no_edits else slices)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(max(0.0, start - time.time()))
        result = measure(port, pages, args, seconds=slices * length, clients=args.storm_clients)
    finally:
        out, err = editor.communicate(timeout=args.storm_seconds * 2 + 60)
    if editor.returncode != 0:
        raise SystemExit("the editing process failed: " + err[-2000:])
    calm, edited = [], []
    for entry in result["log"]:
        (edited if int((entry[0] - start) / length) % 2 else calm).append(entry)
    seconds = slices * length / 2
    return summarize(calm, seconds), summarize(edited, seconds), int(out.split()[-1])


def cache_states(result):
    states = result["states"]
    total = sum(states.values()) or 1
    return ", ".join(f"{name} {count / total:.1%}" for name, count in sorted(states.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="9 rounds of 0.6 s per page and 30 s storms")
    parser.add_argument(
        "--seconds", type=float, default=None, help="seconds per measurement (0.3; 0.6 with --full)"
    )
    parser.add_argument(
        "--storm-seconds",
        type=float,
        default=None,
        help="seconds with edits, as many without (5; 30 --full)",
    )
    parser.add_argument("--storm-clients", type=int, default=50)
    parser.add_argument(
        "--storm-slices", type=int, default=6, help="slices with edits (and as many without), taken in turn"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="rounds of (bare, cached, bare) per page; the median counts (5; 9 with --full)",
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients per measurement")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per measurement")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    parser.add_argument("--languages", default="en,zh-hans")
    parser.add_argument("--port", type=int, default=None, help="gunicorn's port (a free one by default)")
    parser.add_argument("--storm-only", action="store_true", help="only (c), the edit storm")
    parser.add_argument(
        "--no-edits",
        action="store_true",
        help="the storm without any save: how alike its two kinds of slices are",
    )
    args = parser.parse_args()
    args.seconds = args.seconds or (0.6 if args.full else 0.3)
    args.rounds = args.rounds or (9 if args.full else 5)
    args.storm_seconds = args.storm_seconds or (30.0 if args.full else 5.0)

    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    port = args.port or free_port()
    env = server_environment(workdir, port, args.workers)
    print(f"Preparing {env['DATABASE_URL'].split('@')[-1]} in {workdir} ...", flush=True)
    prepare(env)
    cache = "Redis" if env.get("REDIS_URL") else "production default cache (no REDIS_URL)"
    server = start_gunicorn(env, port, workdir / "gunicorn.log")
    failures, verdicts = [], []
    try:
        print(
            f"gunicorn on {HOST}:{port}, {args.workers} sync workers, production settings, {cache}; "
            f"{args.clients} clients, {args.seconds:g} s per measurement, {os.cpu_count()} CPUs shared "
            "with this load generator\n",
            flush=True,
        )
        measure(port, [BARE], args, seconds=0.5)  # warm every worker up
        bare = [measure(port, [BARE], args)]
        print(line("bare Django view (constant HttpResponse)", bare[0]))
        pages = [p.format(lang=lang, query=QUERY[lang]) for lang in args.languages.split(",") for p in PAGES]
        pages += MACHINE_PAGES
        cached_ratios, renders = [], []
        for page in [] if args.storm_only else pages:
            measure(port, [page], args, seconds=0.3)  # fill the cache
            # --rounds short rounds of (bare view, cached, bare view) back to back: the machine's
            # load drifts within seconds here, so each round compares the page with the bare view
            # on either side of it, and the page's ratio is the median round's.
            rounds = []
            for _round in range(args.rounds):
                before = measure(port, [BARE], args)
                cached_now = measure(port, [page], args)
                rounds.append((merge([before, measure(port, [BARE], args)]), cached_now))
            bare_round, cached = (merge([r[i] for r in rounds]) for i in range(2))
            uncached = measure(port, [page], args, seconds=3 * args.seconds, cookie=UNCACHED_COOKIE)
            bare.append(bare_round)
            cached_ratio = statistics.median(c["rps"] / b["rps"] for b, c in rounds)
            uncached_ratio = uncached["rps"] / bare_round["rps"]
            print(line(f"{page}  bare view, same moments", bare_round))
            print(line(f"{page}  cached", cached, ratio=cached_ratio))
            print(line(f"{page}  uncached (renders)", uncached, ratio=uncached_ratio), flush=True)
            cached_ratios.append(cached_ratio)
            renders.append((page, uncached, uncached_ratio))
            for label, result in (("cached", cached), ("uncached", uncached)):
                if result["errors"]:
                    failures.append(f"{page} {label}: {result['errors']} errors {result['statuses']}")
        rates = [b["rps"] for b in bare]
        if len(rates) > 1:
            print(
                f"  bare view over the run: {min(rates):.0f} to {max(rates):.0f} req/s (the machine's drift)"
            )

        print(
            f"\nEdit storm: {args.storm_clients} clients on every page for {2 * args.storm_seconds:g} s, "
            f"{args.storm_seconds:g} s of it in {args.storm_slices} slices with a save every second from "
            "another process, the other slices in between without edits",
            flush=True,
        )
        calm, edited, saves = storm(port, pages, args, env)
        print(line("without edits", calm) + f"  [{cache_states(calm)}]")
        print(line(f"with edits ({saves} saves)", edited) + f"  [{cache_states(edited)}]", flush=True)
        storm_errors = calm["errors"] + edited["errors"]
        for result in (calm, edited):
            if result["errors"]:
                failures.append(f"storm: {result['errors']} errors {result['statuses']}")

        if renders:
            print("\n(b) Uncached renders per page (each request renders; no target against the bare view):")
        for page, result, ratio in renders:
            ms = args.clients / result["rps"] * 1000 if result["rps"] else float("nan")
            print(
                f"  {page:<58} {result['rps']:7.0f} req/s  {ms:6.1f} ms per render at {args.clients} "
                f"clients  p50 {result['p50'] * 1000:6.1f} ms  ({ratio:.0%} of the bare view)"
            )
        print("\nSummary:")
        if cached_ratios:
            worst, below = min(cached_ratios), sum(r < CACHED_TARGET for r in cached_ratios)
            median = statistics.median(cached_ratios)
            verdicts.append(worst >= CACHED_TARGET)
            print(
                f"  (a) cached pages: slowest {worst:5.0%} of the bare view, median {median:5.0%}, "
                f"{below} of {len(cached_ratios)} below; target >= {CACHED_TARGET:.0%} each  "
                f"{'met' if verdicts[-1] else 'NOT MET'}"
            )
            render_rates = [r["rps"] for _p, r, _x in renders]
            print(
                f"  (b) uncached renders: {min(render_rates):.0f} to {max(render_rates):.0f} req/s, "
                f"median {statistics.median(render_rates):.0f} req/s"
            )
        throughput, p99 = edited["rps"] / calm["rps"], edited["p99"] / calm["p99"]
        verdicts += [storm_errors == 0, throughput >= STORM_THROUGHPUT_TARGET, p99 <= STORM_P99_TARGET]
        print(
            f"  (c) edit storm: errors {storm_errors} (target 0) {'met' if verdicts[-3] else 'NOT MET'}; "
            f"throughput {throughput:.0%} of the runs without edits "
            f"(target >= {STORM_THROUGHPUT_TARGET:.0%}) "
            f"{'met' if verdicts[-2] else 'NOT MET'}; p99 {p99:.2f}x (target <= {STORM_P99_TARGET:g}x) "
            f"{'met' if verdicts[-1] else 'NOT MET'}"
        )
        for failure in failures:
            print("  error:", failure)
    finally:
        stop(server)
    return 0 if all(verdicts) and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
