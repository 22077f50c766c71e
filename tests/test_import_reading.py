"""Reading uploads: format by content, encodings, limits, hostile files."""

import io
import os
import zipfile

import pytest

from symposia.importing.readers import ReadError, read_table
from tests.test_import_support import (
    EN_HEADERS,
    ROWS,
    ZH_HEADERS,
    csv_bytes,
    json_bytes,
    ods_bytes,
    xlsx_bytes,
)


def names(table):
    return [cells[0] for _number, cells in table.rows]


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_text_encodings_are_detected(encoding, detected):
    delimiter = "\t" if encoding == "utf-16" else ","
    # GBK has no Vietnamese or Lao letters; GB18030 has every character.
    rows = [[*r[:1], "", *r[2:]] for r in ROWS] if encoding == "gbk" else ROWS
    data = csv_bytes(ZH_HEADERS, rows, encoding=encoding, delimiter=delimiter)
    table = read_table(data, filename="list.csv")
    assert table.encoding == detected
    assert table.headers == ZH_HEADERS
    assert names(table) == ["Nguyen Van An", "Somchai Phommachanh", "王芳"]
    assert table.format == ("tsv" if encoding == "utf-16" else "csv")


def test_utf16_without_bom_is_detected():
    data = csv_bytes(ZH_HEADERS, ROWS, encoding="utf-16-le", delimiter="\t")
    assert names(read_table(data, filename="list.txt"))[2] == "王芳"


def test_encoding_can_be_overridden_and_a_wrong_choice_says_so():
    data = csv_bytes(ZH_HEADERS, ROWS, encoding="gb18030")
    assert read_table(data, encoding="gb18030").headers[0] == "姓名"
    with pytest.raises(ReadError) as excinfo:
        read_table(data, encoding="utf-8")
    assert str(excinfo.value).startswith("Row 1 cannot be read as UTF-8.")


@pytest.mark.parametrize(
    ("builder", "fmt"),
    [(xlsx_bytes, "xlsx"), (ods_bytes, "ods"), (json_bytes, "json")],
)
def test_spreadsheets_and_json_are_recognised_by_content(builder, fmt):
    # The file name lies: the content decides.
    table = read_table(builder(EN_HEADERS, ROWS), filename="attendees.csv")
    assert table.format == fmt
    assert table.headers == EN_HEADERS
    assert names(table) == ["Nguyen Van An", "Somchai Phommachanh", "王芳"]
    assert table.rows[0][1][1] == "Nguyễn Văn An"


def test_row_numbers_are_the_spreadsheet_rows_and_blank_rows_are_skipped():
    rows = [ROWS[0], ["", "", ""], ROWS[1], ["  ", ""], [], ["", ""]]
    table = read_table(xlsx_bytes(EN_HEADERS, rows, title_rows=1))
    assert [number for number, _cells in table.rows] == [3, 5]
    table = read_table(csv_bytes(EN_HEADERS, rows))
    assert [number for number, _cells in table.rows] == [2, 4]


def test_tsv_and_semicolon_text_are_split_on_the_right_character():
    assert names(read_table(csv_bytes(EN_HEADERS, ROWS, delimiter="\t")))[2] == "王芳"
    assert names(read_table(csv_bytes(EN_HEADERS, ROWS, delimiter=";")))[2] == "王芳"


def read_error(data, **kwargs):
    with pytest.raises(ReadError) as excinfo:
        read_table(data, **kwargs)
    return excinfo.value


def test_binary_junk_named_csv_is_rejected_clearly():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000)
    for data in (png, os.urandom(5000), bytes(range(256)) * 10):
        error = read_error(data, filename="attendees.csv")
        assert error.code in ("binary_file", "unknown_encoding")
        assert "CSV" in str(error) or "encoding" in str(error)


def test_old_excel_and_other_zip_files_are_named():
    assert read_error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600).code == "old_excel"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "read as XLSX and as ODS, it is neither" in str(read_error(buffer.getvalue()))


def zip_bomb(size):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * size)
    return buffer.getvalue()


def test_zip_bomb_disguised_as_xlsx_is_refused_before_unpacking():
    data = zip_bomb(64 * 1024 * 1024)
    assert len(data) < 200_000
    error = read_error(data, filename="attendees.xlsx")
    assert error.code == "zip_bomb"
    assert "far more data" in str(error)


def test_zip_bomb_with_a_lying_directory_is_caught_while_unpacking(settings):
    data = bytearray(zip_bomb(8 * 1024 * 1024))
    # Make the central directory claim the big member is tiny.
    index = data.rfind(b"xl/worksheets/sheet1.xml") - 46
    assert data[index : index + 4] == b"PK\x01\x02"
    data[index + 24 : index + 28] = (100).to_bytes(4, "little")
    error = read_error(bytes(data))
    assert error.code in ("zip_bomb", "bad_spreadsheet_as")


def test_size_limit_has_a_clear_message(settings):
    settings.ATTENDEE_IMPORT_MAX_BYTES = 1024
    data = csv_bytes(EN_HEADERS, ROWS * 20)
    error = read_error(data)
    assert error.code == "file_too_large"
    assert "the limit is 0.0 MB" in str(error) or "limit is" in str(error)


def test_row_limit_has_a_clear_message(settings):
    settings.ATTENDEE_IMPORT_MAX_ROWS = 5
    assert read_table(csv_bytes(EN_HEADERS, ROWS + ROWS[:2])).rows  # exactly 5 is fine
    error = read_error(xlsx_bytes(EN_HEADERS, ROWS * 2))
    assert str(error) == "The file has more than 5 rows. Split it into smaller files."


def test_enormous_csv_cell_stops_reading_with_the_row_number():
    data = csv_bytes(EN_HEADERS, [ROWS[0], ["x" * 300_000, "", "", "", "Lao Customs Department"]])
    error = read_error(data)
    assert error.code == "cell_too_long"
    assert "Row 3" in str(error)


def test_json_must_be_a_list_of_objects():
    assert read_error(b'{"a": 1, "b": 2}').code == "json_not_list"
    assert read_error(b"[1, 2").code == "bad_json"


def test_empty_file_and_format_mismatch():
    assert read_error(b"").code == "file_empty"
    error = read_error(xlsx_bytes(EN_HEADERS, ROWS), format="csv")
    assert str(error) == "You chose CSV, but the file is XLSX."
