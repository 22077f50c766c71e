"""Builders of real attendee files and objects shared by the import tests."""

import csv
import io
import json

import openpyxl
import pytest
import tablib
from django.utils import timezone

from symposia.models import Organization, Symposium

EN_HEADERS = ["Name", "Native name", "Gender", "Position", "Organization", "Country", "Email", "Role"]
ZH_HEADERS = ["姓名", "本国文字姓名", "性别", "职务", "单位", "国家/地区", "电子邮箱", "角色"]

ROWS = [
    [
        "Nguyen Van An",
        "Nguyễn Văn An",
        "M",
        "Deputy Director",
        "General Department of Vietnam Customs",
        "Viet Nam",
        "an.nguyen@customs.gov.vn",
        "delegate",
    ],
    [
        "Somchai Phommachanh",
        "ສົມໃຈ",
        "male",
        "Officer",
        "Lao Customs Department",
        "Lao PDR",
        "somchai@customs.gov.la",
        "Observer",
    ],
    ["王芳", "王芳", "女", "处长", "中华人民共和国海关总署", "中国", "", "发言人"],
]

# Wang Fang as a Chinese registration form gives her: the organization by its
# Chinese short name, the e-mail typed full-width with a Chinese input method.
FULL_WIDTH_ROW = [
    "王芳",
    "王芳",
    "女",
    "处长",
    "中国海关",
    "中国",
    "ｗａｎｇ．ｆａｎｇ＠ｃｕｓｔｏｍｓ．ｇｏｖ．ｃｎ",
    "发言人",
]


def csv_bytes(headers, rows, encoding="utf-8", delimiter=","):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    text = buffer.getvalue()
    if encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    if encoding == "utf-16":  # Excel "Unicode text": UTF-16 LE with a BOM
        return text.encode("utf-16")
    return text.encode(encoding)


def xlsx_bytes(headers, rows, *, title_rows=0):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for _ in range(title_rows):
        sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            # Text that looks like a formula, as a registrar's cell holds it.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(headers, rows):
    dataset = tablib.Dataset(*[tuple(r) for r in rows], headers=headers)
    return dataset.export("ods")


def json_bytes(headers, rows):
    return json.dumps([dict(zip(headers, r, strict=True)) for r in rows], ensure_ascii=False).encode()


@pytest.fixture(name="symposium")
def symposium_fixture(db):
    return Symposium.objects.create(
        ordinal=1,
        slug="2003-kunming-kyoto-convention",
        title_en="First symposium",
        theme_en="The revised Kyoto Convention",
        city_en="Kunming",
        narrative_en="...",
        date=timezone.now().date(),
    )


@pytest.fixture(name="organizations")
def organizations_fixture(db):
    return [
        Organization.objects.create(
            name_en="General Department of Vietnam Customs",
            name_zh_hans="越南海关总局",
            short_name_en="Vietnam Customs",
            slug="vietnam-customs",
            country="VN",
        ),
        Organization.objects.create(
            name_en="Lao Customs Department", name_zh_hans="老挝海关厅", slug="lao-customs", country="LA"
        ),
        Organization.objects.create(
            name_en="General Administration of Customs of China",
            name_zh_hans="中华人民共和国海关总署",
            short_name_en="China Customs",
            short_name_zh_hans="中国海关",
            slug="china-customs",
            country="CN",
        ),
    ]
