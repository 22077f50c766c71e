"""Benchmark of the attendee import. Prints ratios, not pass/fail.

    .venv/bin/python bench/import_attendees.py [--peer-rows 10000] [--big-rows 100000]
    .venv/bin/python bench/import_attendees.py --hostile-only [--cap-mb 512]

Uses DATABASE_URL when set (e.g. PostgreSQL), else a throw-away SQLite file.
In one run it measures:
  * reading 100,000 XLSX rows with python-calamine vs openpyxl (why calamine);
  * our import of 10,000 and 100,000 rows (CSV and XLSX), its queries, and
    the peak memory of a process importing 100,000 XLSX rows;
  * the floor: calamine parsing the same file plus a bare bulk_create;
  * the peer: 10,000 rows through a default django-import-export ModelResource;
  * hostile files (tests/hostile_files.py): each imported by
    `manage.py import_attendees` in a child process whose address space is
    capped (--cap-mb), against the plain file of the same real content
    imported the same way: exit status, peak memory and time, and their
    ratios to that baseline.
"""

import argparse
import csv
import io
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
_tmpdir = tempfile.mkdtemp(prefix="bench-import-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmpdir}/bench.sqlite3")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
import tablib  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from import_export import resources  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from symposia.importing import sheets  # noqa: E402
from symposia.importing.services import import_attendees  # noqa: E402
from symposia.models import Attendee, Organization, Symposium  # noqa: E402
from tests import hostile_files  # noqa: E402

HEADERS = ["Name", "Native name", "Gender", "Position", "Organization", "Country", "Email", "Role"]
ORGS = [
    ("Royal Customs and Excise Department", "文莱皇家海关", "BN"),
    ("General Department of Customs and Excise of Cambodia", "柬埔寨海关总署", "KH"),
    ("Directorate General of Customs and Excise of Indonesia", "印度尼西亚海关总署", "ID"),
    ("Lao Customs Department", "老挝海关厅", "LA"),
    ("Royal Malaysian Customs Department", "马来西亚皇家海关", "MY"),
    ("Myanmar Customs Department", "缅甸海关", "MM"),
    ("Bureau of Customs of the Philippines", "菲律宾海关", "PH"),
    ("Singapore Customs", "新加坡海关", "SG"),
    ("Thai Customs Department", "泰国海关", "TH"),
    ("General Department of Vietnam Customs", "越南海关总局", "VN"),
    ("General Administration of Customs of China", "中华人民共和国海关总署", "CN"),
]
COUNTRY_FORMS = [
    "Brunei Darussalam",
    "柬埔寨",
    "IDN",
    "Lao PDR",
    "Malaysia",
    "Burma",
    "the Philippines",
    "SG",
    "泰国",
    "Viet Nam",
    "中国",
]
ROLES = ["delegate", "代表", "Expert", "观察员", "speaker"]


def rows(n, prefix):
    for i in range(n):
        k = i % len(ORGS)
        yield [
            f"Person {prefix}{i}",
            f"人员{i}",
            "M" if i % 2 else "女",
            "Officer",
            ORGS[k][0],
            COUNTRY_FORMS[k],
            f"person.{prefix}{i}@customs.example",
            ROLES[i % len(ROLES)],
        ]


def csv_file(n, prefix):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows(n, prefix))
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_file(n, prefix):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for row in rows(n, prefix):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def symposium(ordinal):
    return Symposium.objects.create(
        ordinal=ordinal,
        slug=f"bench-{ordinal}",
        title_en="Bench",
        theme_en="t",
        city_en="c",
        narrative_en="n",
        date="2003-12-01",
    )


def read_calamine(data):
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    return sum(1 for _ in sheet.iter_rows())


def read_openpyxl(data):
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return sum(1 for _ in workbook.active.iter_rows(values_only=True))


def floor(data, target):
    """The least any import could do: parse the file, insert the rows."""
    orgs = {o.name_en: o for o in Organization.objects.all()}
    country = {name: code for name, _zh, code in ORGS}

    def run():
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        it = sheet.iter_rows()
        next(it)
        Attendee.objects.bulk_create(
            Attendee(
                symposium=target,
                name=r[0],
                native_name=r[1],
                gender="male",
                position=r[3],
                organization=orgs[r[4]],
                country=country[r[4]],
                email=r[6],
                role="delegate",
            )
            for r in it
        )

    return timed(run)[0]


class PeerResource(resources.ModelResource):
    class Meta:
        model = Attendee


def peer(n, target):
    orgs = list(Organization.objects.order_by("pk"))
    dataset = tablib.Dataset(
        headers=[
            "symposium",
            "name",
            "native_name",
            "gender",
            "position",
            "organization",
            "country",
            "email",
            "role",
        ]
    )
    for i, r in enumerate(rows(n, "peer")):
        dataset.append(
            [
                target.pk,
                r[0],
                r[1],
                "male",
                r[3],
                orgs[i % len(orgs)].pk,
                ORGS[i % len(ORGS)][2],
                r[6],
                "delegate",
            ]
        )
    seconds, result = timed(lambda: PeerResource().import_data(dataset, dry_run=False))
    assert not result.has_errors() and not result.has_validation_errors(), "peer import failed"
    return seconds


def ours(data, target, name):
    with CaptureQueriesContext(connection) as queries:
        seconds, record = timed(lambda: import_attendees(symposium=target, data=data, filename=name))
    assert record.status == "imported" and not record.rejected_count, (record.status, record.problems[:3])
    return seconds, len(queries), record.new_count


def peak_memory_of_import(data, target):
    """Peak resident memory (MB) of a child process that imports ``data``."""
    pid = os.fork()
    if pid == 0:  # child
        connection.close()
        try:
            import_attendees(symposium=target, data=data, filename="mem.xlsx")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer-rows", type=int, default=10_000)
    parser.add_argument("--big-rows", type=int, default=100_000)
    parser.add_argument("--hostile-only", action="store_true", help="only the hostile files")
    parser.add_argument("--cap-mb", type=int, default=512, help="address-space cap of each hostile import")
    args = parser.parse_args()
    if args.hostile_only:
        hostile(args.cap_mb)
        return
    # Room for both the 10,000-row files and the big ones, whichever is larger.
    settings.ATTENDEE_IMPORT_MAX_ROWS = max(args.big_rows, 10_000) + 10
    settings.ATTENDEE_IMPORT_MAX_BYTES = 200 * 1024 * 1024
    settings.DEBUG = False
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)  # a throw-away file (see the top)
        test_db = None
    else:
        # Never touch the real database: work in a database of our own, dropped at
        # the end, named so that it cannot clash with the test suite's.
        connection.settings_dict["TEST"] = {
            **connection.settings_dict.get("TEST", {}),
            "NAME": "bench_import_attendees",
        }
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        if test_db is not None:
            connection.creation.destroy_test_db(test_db, verbosity=0)


def run(args):
    Symposium.objects.filter(slug__startswith="bench-").delete()
    if not Organization.objects.filter(slug="bench-0").exists():
        Organization.objects.bulk_create(
            Organization(name_en=en, name_zh_hans=zh, slug=f"bench-{i}", country=code)
            for i, (en, zh, code) in enumerate(ORGS)
        )
    print(f"database: {connection.vendor}")

    small, big = 10_000, args.big_rows
    files = {
        ("csv", small): csv_file(small, "a"),
        ("xlsx", small): xlsx_file(small, "b"),
        ("csv", big): csv_file(big, "c"),
        ("xlsx", big): xlsx_file(big, "d"),
    }

    t_scan, _workbook = timed(lambda: sheets.measure(files["xlsx", big], "xlsx"))
    t_cal, n1 = timed(lambda: read_calamine(files["xlsx", big]))
    print(
        f"measure {big:,} XLSX rows before calamine opens them (symposia/importing/sheets.py): "
        f"{t_scan:.2f}s, {t_scan / t_cal:.1f}x calamine's own read"
    )
    t_opx, n2 = timed(lambda: read_openpyxl(files["xlsx", big]))
    assert n1 == n2
    print(
        f"read {big:,} XLSX rows: calamine {t_cal:.2f}s, openpyxl {t_opx:.2f}s "
        f"-> calamine {t_opx / t_cal:.1f}x faster"
    )

    ordinal = 100
    results = {}
    for (fmt, n), data in files.items():
        ordinal += 1
        seconds, queries, written = ours(data, symposium(ordinal), f"bench.{fmt}")
        results[fmt, n] = (seconds, queries)
        print(f"ours {fmt:4} {n:>7,} rows: {seconds:6.2f}s  {n / seconds:>9,.0f} rows/s  {queries} queries")
    same = results["xlsx", small][1] == results["xlsx", big][1] == results["csv", big][1]
    print(
        f"queries: {results['xlsx', small][1]} for {small:,} rows, "
        f"{results['xlsx', big][1]} for {big:,} rows "
        f"(target independent of the rows: {'met' if same else 'NOT met'})"
    )
    ordinal += 1
    t_floor = floor(files["xlsx", big], symposium(ordinal))
    ratio = results["xlsx", big][0] / t_floor
    print(
        f"floor (calamine + bare bulk_create) {big:,} XLSX rows: {t_floor:.2f}s "
        f"-> ours is {ratio:.2f}x the floor "
        f"(target <= 2x: {'met' if ratio <= 2 else 'NOT met'})"
    )

    ordinal += 1
    t_peer = peer(args.peer_rows, symposium(ordinal))
    peer_rate = args.peer_rows / t_peer
    our_rate = small / results["csv", small][0]
    print(
        f"peer: default django-import-export ModelResource, {args.peer_rows:,} rows: {t_peer:.2f}s "
        f"{peer_rate:,.0f} rows/s"
    )
    print(
        f"ours vs peer (10,000 CSV rows, ours also parses the file): {our_rate / peer_rate:.1f}x the rows/s "
        f"(target >= 20x: {'met' if our_rate / peer_rate >= 20 else 'NOT met'})"
    )

    ordinal += 1
    if hasattr(os, "fork"):
        peak = peak_memory_of_import(files["xlsx", big], symposium(ordinal))
        print(
            f"peak memory of a process importing {big:,} XLSX rows: {peak:.0f} MB "
            f"(target < 400 MB: {'met' if peak < 400 else 'NOT met'})"
        )
    reset_queries()
    hostile(args.cap_mb)


HOSTILE = [
    # (name, file name, hostile bytes, the plain file of the same real content)
    ("XLSX, cells A1 and XFD1048576", "far.xlsx", hostile_files.sparse_xlsx, hostile_files.plain_xlsx),
    ("XLSX, far corner XFD3000", "far3000.xlsx", lambda: hostile_files.sparse_xlsx("XFD3000"), None),
    ("XLSX, dimension A1:XFD1048576", "dim.xlsx", hostile_files.dimension_claim_xlsx, None),
    ("XLSX, formatted to the last row/column", "edge.xlsx", hostile_files.formatted_to_the_edge_xlsx, None),
    ("XLSX, 5,000 sheets", "sheets.xlsx", hostile_files.many_sheets_xlsx, None),
    ("XLSX, shared strings claim 2^40", "sst.xlsx", hostile_files.shared_strings_claim_xlsx, None),
    ("ODS, rows repeated 1,048,000", "rows.ods", hostile_files.ods_repeated_rows, hostile_files.plain_ods),
    ("ODS, a cell repeated 16,384 x 6,000", "cols.ods", hostile_files.ods_repeated_columns, None),
    ("ODS, formatted to the last row/column", "edge.ods", hostile_files.formatted_to_the_edge_ods, None),
    ("ODS, 5,000 sheets", "sheets.ods", hostile_files.many_sheets_ods, None),
    (
        "CSV, 20,000 identical rows",
        "flood.csv",
        hostile_files.identical_rows_csv,
        lambda: hostile_files.csv_text(
            [[f"Person {i}", "", "", "中国", f"p{i}@customs.gov.cn"] for i in range(20_000)]
        ).encode(),
    ),
    ("JSON nested 100,000 deep", "deep.json", hostile_files.nested_json, hostile_files.plain_csv),
    ("JSON, a 5,000-digit integer", "int.json", hostile_files.huge_integer_json, None),
    ("CSV, UTF-8 with one GBK row", "mixed.csv", hostile_files.utf8_with_one_gbk_row, None),
    ("CSV, GBK with one UTF-8 row", "mixed2.csv", hostile_files.gbk_with_one_utf8_row, None),
]


# manage.py, reporting on exit the peak resident memory of its own address
# space (VmHWM: getrusage's figure would include this parent's, inherited at fork).
PEAK_REPORTING = """
import atexit, runpy, sys

def peak():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stdout.write(f"\\nPEAK {kb}\\n")

atexit.register(peak)
sys.argv = sys.argv[1:]
runpy.run_path("manage.py", run_name="__main__")
"""


def _child_import(env, path, cap_bytes):
    """Import ``path`` with manage.py in a child whose address space is capped:
    (exit status, peak resident MB or None when it died, seconds, the line that says why)."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    start = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-c", PEAK_REPORTING, "manage.py", "import_attendees", str(path), "--symposium=1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        preexec_fn=limit,
    )
    seconds = time.perf_counter() - start
    lines = (child.stdout + child.stderr).decode("utf-8", "replace").strip().splitlines()
    peaks = [line for line in lines if line.startswith("PEAK ")]
    peak = int(peaks[-1].split()[1]) / 1024 if peaks else None
    said = [line for line in lines if line.strip() and not line.startswith("PEAK ")]
    return child.returncode, peak, seconds, (said[-1] if said else "")[:110]


def hostile(cap_mb):
    """Each hostile file against the plain file of its real content."""
    folder = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    database = folder / "hostile.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": "",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from symposia.models import Symposium; Symposium.objects.create(ordinal=1, slug='hostile', "
            "title_en='t', theme_en='t', city_en='c', narrative_en='n', date='2003-12-01')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )

    def run_one(name, data):
        path = folder / name
        path.write_bytes(data)
        db = sqlite3.connect(database)
        db.execute("DELETE FROM symposia_attendee")
        db.commit()
        records = db.execute("SELECT COUNT(*) FROM symposia_importrecord").fetchone()[0]
        code, peak, seconds, last = _child_import(env, path, cap_mb * 1024 * 1024)
        written = db.execute("SELECT COUNT(*) FROM symposia_attendee").fetchone()[0]
        recorded = db.execute("SELECT COUNT(*) FROM symposia_importrecord").fetchone()[0] > records
        db.close()
        return code, peak, seconds, last, written, recorded

    print(f"\nhostile files, each imported by manage.py in a child capped at {cap_mb} MB of address space")
    print(f"{'file':40} {'bytes':>9} {'exit':>5} {'peak MB':>8} {'s':>6} {'x mem':>6} {'x time':>6}  written")
    baseline = None
    for name, file_name, build, plain in HOSTILE:
        if plain is not None:
            data = plain()
            code, peak, seconds, _last, _written, _recorded = run_one("plain-" + file_name, data)
            baseline = (peak, seconds)
            print(f"{'  baseline: the plain file':40} {len(data):>9,} {code:>5} {peak:>8.0f} {seconds:>6.2f}")
        data = build()
        code, peak, seconds, last, written, recorded = run_one(file_name, data)
        memory = f"{peak:>8.0f} {seconds:>6.2f} {peak / baseline[0]:>6.1f}" if peak else "    died"
        print(f"{name:40} {len(data):>9,} {code:>5} {memory:>22} {seconds / baseline[1]:>6.1f}  {written}")
        print(f"{'':42}{last}  [record left: {'yes' if recorded else 'NO'}]")


if __name__ == "__main__":
    main()
