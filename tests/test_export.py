"""Exports: CSV with BOM and XLSX, headers in the user's language, neutralised cells, round trip."""

import csv
import io

import openpyxl
import pytest
from django.utils import translation

from symposia.importing.resources import AttendeeResource, export_attendees, template_file
from symposia.importing.services import import_attendees
from symposia.models import Attendee
from tests.test_import_support import (  # noqa: F401 (fixtures)
    EN_HEADERS,
    ROWS,
    ZH_HEADERS,
    csv_bytes,
    organizations_fixture,
    symposium_fixture,
)

HOSTILE = [
    ["=1+2", "", "", "+cmd|' /C calc'!A0", "", "VN", "", ""],
    ["@SUM(A1)", "", "", "-2+3", "", "LA", "", ""],
    ["\tTabbed", "", "", "\rReturn", "", "BN", "", ""],
    ["<script>alert(1)</script>", "", "", "Director", "", "KH", "", ""],
]


@pytest.fixture
def attendees(symposium, organizations):
    import_attendees(symposium=symposium, data=csv_bytes(EN_HEADERS, ROWS), filename="a.csv")
    return Attendee.objects.filter(symposium=symposium)


def csv_rows(data):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_a_bom_and_headers_in_the_active_language(attendees):
    rows = csv_rows(export_attendees(attendees, format="csv"))
    assert rows[0] == EN_HEADERS
    assert rows[1:] == [
        [
            "Nguyen Van An",
            "Nguyễn Văn An",
            "male",
            "Deputy Director",
            "General Department of Vietnam Customs",
            "Vietnam",
            "an.nguyen@customs.gov.vn",
            "delegate",
        ],
        [
            "Somchai Phommachanh",
            "ສົມໃຈ",
            "male",
            "Officer",
            "Lao Customs Department",
            "Laos",
            "somchai@customs.gov.la",
            "observer",
        ],
        [
            "王芳",
            "王芳",
            "female",
            "处长",
            "General Administration of Customs of China",
            "China",
            "",
            "speaker",
        ],
    ]
    with translation.override("zh-hans"):
        rows = csv_rows(export_attendees(attendees, format="csv"))
    assert rows[0] == ZH_HEADERS
    assert rows[3] == ["王芳", "王芳", "女", "处长", "中华人民共和国海关总署", "中国", "", "发言人"]


def test_exports_in_either_language_import_back_unchanged(attendees, symposium):
    for language in ("en", "zh-hans"):
        for fmt in ("csv", "xlsx"):
            data = export_attendees(attendees, format=fmt, language=language)
            record = import_attendees(symposium=symposium, data=data, filename=f"export.{fmt}")
            assert (
                record.new_count,
                record.updated_count,
                record.unchanged_count,
                record.rejected_count,
            ) == (0, 0, 3, 0), (language, fmt, record.problems)


def test_formula_like_cells_are_neutralised_and_survive_a_round_trip(symposium, organizations):
    import_attendees(symposium=symposium, data=csv_bytes(EN_HEADERS, HOSTILE), filename="h.csv")
    queryset = Attendee.objects.filter(symposium=symposium)
    rows = csv_rows(export_attendees(queryset, format="csv"))
    cells = {row[0]: row[3] for row in rows[1:]}
    assert cells == {
        "'=1+2": "'+cmd|' /C calc'!A0",
        "'@SUM(A1)": "'-2+3",
        "<script>alert(1)</script>": "Director",
        "Tabbed": "Return",  # the import trims surrounding whitespace, tabs included
    }
    workbook = openpyxl.load_workbook(io.BytesIO(export_attendees(queryset, format="xlsx")))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    types = {c.data_type for row in workbook.active.iter_rows() for c in row}
    assert "'=1+2" in values and "f" not in types
    record = import_attendees(
        symposium=symposium, data=export_attendees(queryset, format="xlsx"), filename="x"
    )
    assert record.unchanged_count == 4 and record.new_count == 0


def test_leading_tab_or_carriage_return_in_stored_values_is_neutralised(symposium, organizations):
    Attendee.objects.create(symposium=symposium, name="\tname", position="\rpos", country="VN")
    rows = csv_rows(export_attendees(Attendee.objects.all(), format="csv"))
    assert rows[1][0] == "'\tname" and rows[1][3] == "'\rpos"


def test_resource_is_a_django_import_export_resource(attendees):
    dataset = AttendeeResource(language="en").export(attendees)
    assert dataset.headers == EN_HEADERS and len(dataset) == 3


def test_templates_in_each_language():
    assert template_file(language="en", format="csv").decode("utf-8-sig").strip() == ",".join(EN_HEADERS)
    assert template_file(language="zh-hans", format="csv").decode("utf-8-sig").strip() == ",".join(ZH_HEADERS)
    workbook = openpyxl.load_workbook(io.BytesIO(template_file(language="zh-hans", format="xlsx")))
    assert [c.value for c in workbook.active[1]] == ZH_HEADERS
    assert "Help" in workbook.sheetnames
