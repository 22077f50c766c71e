"""Headers and cell values as registrars write them."""

import pytest
from django.utils import translation

from symposia.importing.columns import map_columns
from symposia.importing.readers import ReadError
from symposia.importing.values import (
    CellError,
    clean_text,
    parse_country,
    parse_email,
    parse_gender,
    parse_role,
)


def test_headers_in_either_language_any_case_spacing_and_order():
    columns = map_columns(
        [" E-MAIL ", "full  NAME", "Country/Region", "所属机构", "ｓｅｘ", "Job_title", "身份", "中文姓名"]
    )
    assert {name: index for name, (index, _h) in columns.columns.items()} == {
        "email": 0,
        "name": 1,
        "country": 2,
        "organization": 3,
        "gender": 4,
        "position": 5,
        "role": 6,
        "native_name": 7,
    }
    assert columns.header("organization") == "所属机构"


def test_unknown_columns_are_reported_and_ignored():
    columns = map_columns(["姓名", "国家", "Passport no.", "", "Remarks"])
    assert columns.unknown == ["Passport no.", "Remarks"]
    assert set(columns.columns) == {"name", "country"}


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Country", "Email"], "The file has no column for name."),
        (["Name", "Email", "Role"], "The file needs a column for the organization or for the country."),
    ],
)
def test_missing_required_column_is_one_clear_error(headers, expected):
    with pytest.raises(ReadError) as excinfo:
        map_columns(headers)
    assert str(excinfo.value).startswith(expected)
    assert "Nothing was imported." in str(excinfo.value)


def test_a_field_given_twice_is_refused():
    with pytest.raises(ReadError) as excinfo:
        map_columns(["Name", "姓名", "Country"])
    assert "“Name” and “姓名” both hold name" in str(excinfo.value)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Viet Nam", "VN"),
        ("vietnam", "VN"),
        ("越南", "VN"),
        ("VNM", "VN"),
        ("vn", "VN"),
        ("Lao PDR", "LA"),
        ("Lao People's Democratic Republic", "LA"),
        ("老挝", "LA"),
        ("老挝人民民主共和国", "LA"),
        ("Brunei Darussalam", "BN"),
        ("Brunei", "BN"),
        ("文莱", "BN"),
        ("Myanmar", "MM"),
        ("Burma", "MM"),
        ("缅甸", "MM"),
        ("the Philippines", "PH"),
        ("菲律宾", "PH"),
        ("PRC", "CN"),
        ("中华人民共和国", "CN"),
        ("Korea (the Republic of)", "KR"),
        ("　Cambodia　", "KH"),
        ("Italy", "IT"),
        ("澳大利亚", "AU"),
        ("", ""),
    ],
)
def test_countries_in_every_common_form(written, code):
    assert parse_country(written) == code


def test_country_lookup_does_not_depend_on_the_active_language():
    with translation.override("zh-hans"):
        assert parse_country("Viet Nam") == "VN"
        assert parse_country("越南") == "VN"


def test_unknown_country_names_the_value():
    with pytest.raises(CellError) as excinfo:
        parse_country("Atlantis")
    assert excinfo.value.params == {"value": "Atlantis"}


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("", "delegate"),
        ("Delegate", "delegate"),
        ("代表", "delegate"),
        ("EXPERT", "expert"),
        ("专家", "expert"),
        ("观察员", "observer"),
        ("演讲人", "speaker"),
        ("发言人", "speaker"),
        ("组织者", "organizer"),
        ("主办方", "organizer"),
        ("Organiser", "organizer"),
    ],
)
def test_roles_in_either_language(written, role):
    assert parse_role(written) == role


@pytest.mark.parametrize(
    ("written", "gender"),
    [
        ("M", "male"),
        ("male", "male"),
        ("男", "male"),
        ("f", "female"),
        ("Female", "female"),
        ("女", "female"),
        ("", ""),
    ],
)
def test_genders_in_either_language(written, gender):
    assert parse_gender(written) == gender


def test_unknown_role_and_gender_list_the_choices():
    with pytest.raises(CellError) as excinfo:
        parse_role("VIP")
    assert "observer 观察员" in excinfo.value.params["choices"]
    with pytest.raises(CellError):
        parse_gender("x")


def test_email_is_trimmed_checked_and_full_width_forms_are_plain():
    assert parse_email("  An.Nguyen@Customs.gov.vn\u3000") == "An.Nguyen@Customs.gov.vn"
    assert parse_email("wang＠customs.gov.cn") == "wang@customs.gov.cn"
    with pytest.raises(CellError):
        parse_email("not an address")


def test_text_is_trimmed_but_otherwise_kept_as_written():
    assert clean_text("\u3000 nguyen van AN \u200b") == "nguyen van AN"
    assert clean_text("王  芳") == "王  芳"
    assert clean_text("'=1+2") == "=1+2"  # what our export wrote, read back
    assert clean_text("O'Brien") == "O'Brien"
