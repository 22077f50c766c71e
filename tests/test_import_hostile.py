"""Hostile files: bounded memory and time, a clear refusal, nothing written, a record left.

Each file is built in the test (tests/hostile_files.py) and imported by
`manage.py import_attendees` in a child process capped at 512 MB of address
space and 60 s of CPU (tests/child_processes.py): before the fixes, the
sparse XLSX aborted its process, the ODS asked for 2.5-4 GB and the flood of
identical rows for tens of GB, so a regression kills the child and fails the
test, not the suite. The exit status is the command line's contract: 2 for a
refused file, 1 for rejected rows, 0 for a file that imports.
"""

import pytest

from tests import hostile_files
from tests.child_processes import children_fixture, run_import, sqlite_file_fixture  # noqa: F401 (fixtures)

REFUSED = [
    ("far.xlsx", hostile_files.sparse_xlsx, "sheet_too_large", "reaches cell XFD1048576"),
    ("far3000.xlsx", lambda: hostile_files.sparse_xlsx("XFD3000"), "sheet_too_large", "reaches cell XFD3000"),
    ("strings.xlsx", hostile_files.shared_strings_claim_xlsx, "too_many_strings", "claims to hold"),
    ("sheets.xlsx", hostile_files.many_sheets_xlsx, "too_many_sheets", "more than 50 sheets"),
    ("rows.ods", hostile_files.ods_repeated_rows, "sheet_too_large", "reaches cell WQK1048004"),
    ("columns.ods", hostile_files.ods_repeated_columns, "sheet_too_large", "reaches cell XFD6003"),
    ("sheets.ods", hostile_files.many_sheets_ods, "too_many_sheets", "more than 50 sheets"),
    ("deep.json", hostile_files.nested_json, "json_too_deep", "nests lists or objects too deeply"),
    ("number.json", hostile_files.huge_integer_json, "json_number_too_long", "a number of 5,000 digits"),
    ("mixed.csv", hostile_files.utf8_with_one_gbk_row, "mixed_encoding_row", "Row 3 is not in the same"),
    ("mixed-gbk.csv", hostile_files.gbk_with_one_utf8_row, "mixed_encoding_row", "Row 4 is not in the same"),
]


@pytest.mark.parametrize(("name", "build", "code", "says"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_hostile_file_is_refused_in_bounded_memory_with_a_record(
    children, tmp_path, name, build, code, says
):
    data = build()
    path = tmp_path / name
    path.write_bytes(data)
    status, output = run_import(children.env, path)
    assert status == 2, output
    assert says in output
    assert "Traceback" not in output
    assert children.attendees() == 0
    [record] = children.records()
    assert record["status"] == "failed"
    assert (record["file_name"], record["file_size"]) == (name, len(data))
    assert len(record["sha256"]) == 64
    assert record["problems"][0]["code"] == code


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("dimension.xlsx", hostile_files.dimension_claim_xlsx),
        ("formatted.xlsx", hostile_files.formatted_to_the_edge_xlsx),
        ("formatted.ods", hostile_files.formatted_to_the_edge_ods),
    ],
)
def test_a_sheet_declaring_the_whole_grid_but_holding_a_list_imports(children, tmp_path, name, build):
    """What LibreOffice writes for a list formatted to the last row and
    column: the declared extent is empty, and only the content is read."""
    path = tmp_path / name
    path.write_bytes(build())
    status, output = run_import(children.env, path)
    assert status == 0, output
    assert "2 new, 0 updated, 0 unchanged, 0 rejected." in output
    assert children.attendees() == 2
    assert [r["status"] for r in children.records()] == ["imported"]


def test_twenty_thousand_identical_rows_are_one_problem_in_bounded_memory(children, tmp_path):
    path = tmp_path / "flood.csv"
    path.write_bytes(hostile_files.identical_rows_csv(20_000))
    status, output = run_import(children.env, path)
    assert status == 1, output  # rows rejected: the README's exit status 1
    assert output.splitlines()[0] == (
        "Row 2, column “Email”: The same person (zhang.san@customs.gov.cn) is in 20,000 rows "
        "(2, 3, 4, 5, 6, 7, 8, 9, 10, 11 …). Keep one of them."
    )
    assert "20000 rows rejected" in output
    assert children.attendees() == 0
    [record] = children.records()
    assert record["status"] == "rejected"
    assert len(record["problems"]) == 1


def test_cells_without_positions_are_placed_as_the_reader_places_them():
    """Cells may leave out their r attribute: they follow the previous cell,
    and rows without r follow the previous row. A value so placed far away
    is found all the same."""
    from symposia.importing.readers import ReadError, read_table

    header = "".join(f"<c t='inlineStr'><is><t>{h}</t></is></c>" for h in hostile_files.HEADERS)
    person = "".join(f"<c t='inlineStr'><is><t>{v}</t></is></c>" for v in hostile_files.PEOPLE[1])
    sheet = hostile_files._sheet_xml({}).replace(
        "<sheetData></sheetData>", f"<sheetData><row>{header}</row><row>{person}</row></sheetData>"
    )
    table = read_table(hostile_files.xlsx_archive([("Attendees", sheet)]))
    assert table.headers == hostile_files.HEADERS
    assert table.rows == [(2, hostile_files.PEOPLE[1])]
    far = sheet.replace("</sheetData>", '<row r="1048576"><c r="C1048576"/><c><v>1</v></c></row></sheetData>')
    with pytest.raises(ReadError) as excinfo:
        read_table(hostile_files.xlsx_archive([("Attendees", far)]))
    assert excinfo.value.params["corner"] == "E1048576"  # D, the cell after C, is within the header's width
