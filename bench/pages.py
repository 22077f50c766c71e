"""Benchmark of the public pages under gunicorn, against a bare Django view on the same server.

    .venv/bin/python bench/pages.py                 # quick: 3 rounds of 0.6 s per page, 5 s soak
    .venv/bin/python bench/pages.py --full          # 3 rounds of 2 s per page, the 30 s soak at 50 clients
    .venv/bin/python bench/pages.py --seconds 2 --soak-seconds 60 --workers 4

What it does, in one run, all on 127.0.0.1:
  * seeds a throw-away SQLite file in a temporary folder (or uses DATABASE_URL,
    which must then be a database it may migrate and fill), runs collectstatic
    into the same folder;
  * starts gunicorn on a free port with the production settings, a generated
    secret key, DEBUG off, and NEWSROOM_BENCH=1, which mounts /bench/constant:
    a view returning a constant HttpResponse through the whole middleware stack
    (the baseline: what Django itself costs on this server);
  * for every public page in both languages measures, in --rounds short rounds
    each right after the bare view (so that both see the same machine load),
    requests/s and p50/p99 latency when cached (anonymous readers, after a
    warm-up) and uncached (a unique query-string value per request, so every
    request misses the page cache and renders, as the first reader after an
    edit does), and the bare view, each with the same number of concurrent
    clients;
  * prints each figure and its ratio to the bare view (the median round's), and
    whether the targets are met by every page (cached >= 70 %, uncached >= 25 %
    of the bare view's throughput);
  * then 50 concurrent clients request every page for --soak-seconds and it
    counts any response other than 200 (or a connection error) as an error.

The load generator is asyncio in this process: bounded in time (and by
--max-requests per measurement), only ever connects to 127.0.0.1, and stops by
itself. gunicorn is stopped at the end whatever happens. The cache is what the
production settings choose: Redis when REDIS_URL is set, else their default.
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
CACHED_TARGET, UNCACHED_TARGET = 0.70, 0.25


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


async def fetch(port, path, reader_writer):
    """One GET on a kept-alive connection when the server allows it; returns (status, new connection)."""
    reader, writer = reader_writer if reader_writer else await asyncio.open_connection(HOST, port)
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept-Encoding: identity\r\nConnection: keep-alive\r\n\r\n"
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
    if headers.get("connection", "").lower() == "close":
        writer.close()
        return status, None
    return status, (reader, writer)


async def load(port, paths, clients, seconds, max_requests):
    """`clients` connections request `paths` round-robin until the time or request budget is spent."""
    latencies, errors, statuses = [], 0, {}
    deadline = time.monotonic() + seconds
    budget = [max_requests]

    async def client(offset):
        nonlocal errors
        connection, index = None, offset
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            path = paths[index % len(paths)]
            index += 1
            path = path.replace("{n}", f"{offset}-{index}")
            started = time.perf_counter()
            try:
                status, connection = await asyncio.wait_for(fetch(port, path, connection), timeout=10)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, RuntimeError):
                errors += 1
                connection = None
                continue
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200:
                errors += 1
        if connection:
            connection[1].close()

    started = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    elapsed = time.monotonic() - started
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "errors": errors,
        "statuses": statuses,
        "latencies": latencies,
    }


def percentile(values, pct):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def measure(port, paths, args, seconds=None):
    return asyncio.run(load(port, paths, args.clients, seconds or args.seconds, args.max_requests))


def merge(results):
    """Several measurements of the same thing as one: requests/s over the rounds, pooled latencies."""
    latencies = [x for r in results for x in r["latencies"]]
    statuses = {}
    for r in results:
        for status, count in r["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="2 s per measurement and the 30 s soak")
    parser.add_argument(
        "--seconds", type=float, default=None, help="seconds per measurement (0.6; 2 with --full)"
    )
    parser.add_argument(
        "--soak-seconds", type=float, default=None, help="seconds at 50 clients (5; 30 with --full)"
    )
    parser.add_argument("--soak-clients", type=int, default=50)
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of (bare, cached, uncached) per page; the median counts"
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients per measurement")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per measurement")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    parser.add_argument("--languages", default="en,zh-hans")
    args = parser.parse_args()
    args.seconds = args.seconds or (2.0 if args.full else 0.6)
    args.soak_seconds = args.soak_seconds or (30.0 if args.full else 5.0)

    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    port = free_port()
    env = server_environment(workdir, port, args.workers)
    print(f"Preparing {env['DATABASE_URL'].split('@')[-1]} in {workdir} ...", flush=True)
    prepare(env)
    cache = "Redis" if env.get("REDIS_URL") else "production default cache (no REDIS_URL)"
    server = start_gunicorn(env, port, workdir / "gunicorn.log")
    failures = []
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
        worst_cached, worst_uncached = 1e9, 1e9
        pages = [p.format(lang=lang, query=QUERY[lang]) for lang in args.languages.split(",") for p in PAGES]
        pages += MACHINE_PAGES
        cached_ratios, uncached_ratios = [], []
        for page in pages:
            measure(port, [page], args, seconds=0.3)  # fill each worker's view of the cache
            buster = ("&" if "?" in page else "?") + "bench={n}"
            # --rounds short rounds of (bare view, cached, uncached) back to back: the machine's
            # load drifts within seconds here, so each round's ratio compares like with like,
            # and the page's ratio is the median round's.
            rounds = []
            for _round in range(args.rounds):
                bare_now = measure(port, [BARE], args)
                rounds.append((bare_now, measure(port, [page], args), measure(port, [page + buster], args)))
            bare_round, cached, uncached = (merge([r[i] for r in rounds]) for i in range(3))
            bare.append(bare_round)
            cached_ratio = statistics.median(c["rps"] / b["rps"] for b, c, _u in rounds)
            uncached_ratio = statistics.median(u["rps"] / b["rps"] for b, _c, u in rounds)
            print(line(f"{page}  bare view, same moments", bare_round))
            print(line(f"{page}  cached", cached, ratio=cached_ratio))
            print(line(f"{page}  uncached", uncached, ratio=uncached_ratio))
            cached_ratios.append(cached_ratio)
            uncached_ratios.append(uncached_ratio)
            worst_cached = min(worst_cached, cached_ratio)
            worst_uncached = min(worst_uncached, uncached_ratio)
            for label, result in (("cached", cached), ("uncached", uncached)):
                if result["errors"]:
                    failures.append(f"{page} {label}: {result['errors']} errors {result['statuses']}")
        rates = [b["rps"] for b in bare]
        print(f"  bare view over the run: {min(rates):.0f} to {max(rates):.0f} req/s (the machine's drift)")

        print(
            f"\nSoak: {args.soak_clients} concurrent clients, every page, {args.soak_seconds:g} s ...",
            flush=True,
        )
        soak_args = argparse.Namespace(**{**vars(args), "clients": args.soak_clients})
        soak_pages = pages + [p + ("&" if "?" in p else "?") + "bench={n}" for p in pages[:4]]
        soak = measure(port, soak_pages, soak_args, seconds=args.soak_seconds)
        print(line("mixed cached and uncached pages", soak))
        if soak["errors"]:
            failures.append(f"soak: {soak['errors']} errors {soak['statuses']}")

        print("\nSummary (throughput relative to the bare view at the same moments):")
        for label, worst, ratios, target in (
            ("cached", worst_cached, cached_ratios, CACHED_TARGET),
            ("uncached", worst_uncached, uncached_ratios, UNCACHED_TARGET),
        ):
            below = sum(r < target for r in ratios)
            print(
                f"  {label + ' pages:':<16} slowest {worst:5.0%}, median {statistics.median(ratios):5.0%}, "
                f"{below} of {len(ratios)} below; target >= {target:.0%} each  "
                f"{'met' if worst >= target else 'NOT MET'}"
            )
        print(
            f"  errors under {args.soak_clients} clients for {args.soak_seconds:g} s: {soak['errors']} "
            f"of {soak['requests']} requests  {'met' if not soak['errors'] else 'NOT MET'}"
        )
        for failure in failures:
            print("  error:", failure)
    finally:
        stop(server)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
