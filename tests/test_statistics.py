"""/<lang>/symposia/statistics/: an SVG chart readable by screen readers, its numbers as a table,
and the administrations by symposium; reported and registered counts told apart."""

import re

import pytest

from publishing.models import PublishStatus
from symposia.models import Participation
from symposia.statistics import nice_ceiling
from tests import factories as f


@pytest.fixture
def series(db):
    kunming = f.SymposiumFactory(
        ordinal=1,
        slug="kunming",
        title_en="Symposium on Kyoto Convention",
        title_zh_hans="《京都公约》研讨会",
        city_en="Kunming",
        city_zh_hans="昆明",
        delegates_reported=20,
    )
    ningbo = f.SymposiumFactory(
        ordinal=6,
        slug="ningbo",
        title_en="Symposium on Customs Automation",
        title_zh_hans="海关信息化建设研讨会",
        city_en="Ningbo",
        city_zh_hans="宁波",
        delegates_reported=None,
    )
    draft = f.SymposiumFactory(ordinal=7, slug="draft", city_en="Secretville", status=PublishStatus.DRAFT)
    cambodia = f.OrganizationFactory(name_en="Cambodia Customs", name_zh_hans="柬埔寨海关", country="KH")
    laos = f.OrganizationFactory(name_en="Lao Customs", name_zh_hans="老挝海关", country="LA")
    wco = f.OrganizationFactory(
        name_en="WCO Secretariat", name_zh_hans="世界海关组织秘书处", kind="international"
    )
    f.ParticipationFactory(symposium=kunming, organization=cambodia)
    f.ParticipationFactory(symposium=kunming, organization=laos)
    f.ParticipationFactory(symposium=ningbo, organization=laos)
    f.ParticipationFactory(symposium=ningbo, organization=wco, kind=Participation.Kind.OTHER)
    f.ParticipationFactory(symposium=draft, organization=cambodia)
    for _ in range(3):
        f.AttendeeFactory(symposium=ningbo, organization=laos)
    return {"kunming": kunming, "ningbo": ningbo, "cambodia": cambodia}


def page(client, lang):
    response = client.get(f"/{lang}/symposia/statistics/")
    assert response.status_code == 200
    return response.content.decode()


def test_chart_is_server_side_svg_with_title_and_description(client, series):
    body = page(client, "en")
    svg = re.search(r"<svg .*?</svg>", body, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert '<title id="chart-title">Delegates per symposium, by year</title>' in svg
    desc = re.search(r'<desc id="chart-desc">(.*?)</desc>', svg).group(1)
    assert "Kunming: 20 delegates reported." in desc
    assert "Ningbo: number of delegates not reported; 3 attendees registered." in desc
    # One bar for Kunming's reported count, one for Ningbo's registered attendees.
    assert len(re.findall(r"<rect ", svg)) == 2
    assert "<script" not in body
    assert "Secretville" not in body


def test_numbers_also_as_a_table_with_reported_and_registered_labelled(client, series):
    body = page(client, "en")
    assert "Delegates reported by the organizers" in body
    assert "Attendees registered in this system" in body
    table = re.search(
        r"<caption[^>]*>Delegates per symposium \(the chart's numbers\)</caption>.*?</table>", body, re.S
    )
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S)[1:]
    cells = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
        for r in rows
    ]
    assert cells == [
        ["2003", "Symposium on Kyoto Convention", "Kunming", "20", "no list recorded"],
        ["2003", "Symposium on Customs Automation", "Ningbo", "not reported", "3"],
    ]


def matrix_cells(body):
    """{administration: [what each cell says to a screen reader]}, and the count row's numbers."""
    matrix = re.search(r'<table class="data-table matrix"[^>]*>.*?</table>', body, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", matrix, re.S)
    by_name = {}
    for row in rows[1:-1]:
        name = re.sub(r"<[^>]+>", "", re.search(r"<th [^>]*>(.*?)</th>", row, re.S).group(1)).strip()
        by_name[name] = [
            re.sub(r"<[^>]+>", " ", cell).split()
            for cell in re.findall(r'<td class="num">(.*?)</td>', row, re.S)
        ]
    count_label = re.sub(r"<[^>]+>", "", re.search(r"<th [^>]*>(.*?)</th>", rows[-1], re.S).group(1))
    return matrix, by_name, count_label, re.findall(r'<td class="num">(\d+)</td>', rows[-1])


def test_administrations_by_symposium(client, series):
    matrix, by_name, count_label, totals = matrix_cells(page(client, "en"))
    # A report that does not name an administration says nothing about its absence (issue 12):
    # Cambodia is not named for Ningbo; Laos is named for Kunming and has attendees registered for Ningbo.
    assert by_name == {
        "Cambodia Customs (Cambodia)": [
            ["●", "named", "in", "the", "report"],
            ["–", "not", "named", "in", "the", "report"],
        ],
        "Lao Customs (Laos)": [["●", "named", "in", "the", "report"], ["●", "named", "in", "the", "report"]],
    }
    assert "did not take part" not in matrix and "took part" not in matrix
    assert "WCO Secretariat" not in matrix  # not a customs administration
    assert count_label == "Administrations named in the report"
    assert totals == ["2", "1"]


def test_registered_administration_not_named_in_the_report(client, series):
    """Myanmar registered for 2008 while the report names no administration: "registered", not "–"."""
    myanmar = f.OrganizationFactory(name_en="Myanmar Customs", name_zh_hans="缅甸海关", country="MM")
    embassy = f.OrganizationFactory(name_en="An Embassy", name_zh_hans="某大使馆", kind="embassy")
    f.AttendeeFactory(symposium=series["ningbo"], organization=myanmar)
    f.AttendeeFactory(symposium=series["ningbo"], organization=embassy)
    f.AttendeeFactory(symposium=series["kunming"], organization=series["cambodia"])  # also named: stays ●

    _, by_name, _, totals = matrix_cells(page(client, "en"))
    assert by_name["Myanmar Customs (Myanmar)"] == [
        ["–", "not", "named", "in", "the", "report"],
        [
            "registered",
            "(attendees",
            "registered",
            "in",
            "this",
            "system;",
            "not",
            "named",
            "in",
            "the",
            "report)",
        ],
    ]
    assert by_name["Cambodia Customs (Cambodia)"][0][0] == "●"
    assert "An Embassy" not in by_name  # not a customs administration
    assert totals == ["2", "1"]  # registering is not being named

    body = page(client, "zh-hans")
    _, by_name, count_label, _ = matrix_cells(body)
    assert by_name["缅甸海关（缅甸）"] == [
        ["–", "报道未列出"],
        ["已登记", "（本系统登记了该海关当局的参会人员，报道未列出）"],
    ]
    assert by_name["柬埔寨海关（柬埔寨）"][1] == ["–", "报道未列出"]
    assert count_label == "报道列出的海关当局数"
    assert "未参加" not in body and "已登记" in body
    assert "短横线表示报道未列出该海关当局，并不表示其未参会。" in body


def test_not_reported_label_stands_in_its_own_column(client, series):
    """Ningbo: no reported count, attendees registered. The "not reported" label is drawn upright in
    the reported bar's column, so the registered bar beside it never covers it (issue 12)."""
    from symposia.statistics import CHART_HEIGHT, MARGIN_BOTTOM, chart, published_symposia_with_counts

    ningbo = chart(list(published_symposia_with_counts()))["groups"][1]
    assert ningbo["reported"] is None and ningbo["registered"] is not None
    label_x, registered = ningbo["not_reported_x"], ningbo["registered"]
    # Rotated -90 degrees about its anchor, the label's line (about 14 units high) is centred on label_x.
    assert label_x + 7 <= registered.x
    svg = re.search(r'<svg class="chart__wide".*?</svg>', page(client, "en"), re.S).group(0)
    y = CHART_HEIGHT - MARGIN_BOTTOM - 6
    assert f'transform="rotate(-90 {label_x} {y})"' in svg


def test_phone_chart_draws_each_symposium_on_its_own_rows(client, series):
    body = page(client, "zh-hans")
    svg = re.search(r'<svg class="chart__narrow".*?</svg>', body, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="chart-narrow-title chart-narrow-desc"' in svg
    assert "昆明：主办方公布代表20名。" in svg
    assert 'viewBox="0 0 360 ' in svg  # a phone-sized drawing: its text is drawn near its nominal size
    assert (
        re.findall(r'font-size="(\d+)"', svg)
        and min(int(s) for s in re.findall(r'font-size="(\d+)"', svg)) >= 13
    )
    labels = re.findall(r'<text [^>]*font-weight="600"[^>]*>([^<]+)</text>', svg)
    assert labels == ["2003 · 昆明", "2003 · 宁波"]
    assert "未公布" in svg


def test_statistics_in_chinese(client, series):
    body = page(client, "zh-hans")
    assert '<html lang="zh-Hans">' in body
    assert "参会统计" in body
    assert "昆明：主办方公布代表20名。" in body
    assert "柬埔寨海关（柬埔寨）" in body
    assert "未公布" in body


def test_statistics_never_show_people(client, series):
    f.AttendeeFactory(symposium=series["ningbo"], name="Private Person", email="private@example.org")
    body = page(client, "en")
    assert "Private Person" not in body and "private@example.org" not in body


def test_statistics_page_query_count(client, series, django_assert_num_queries):
    # settings, symposia with registered counts, the administrations named or registered (one UNION)
    with django_assert_num_queries(3):
        assert client.get("/en/symposia/statistics/").status_code == 200


def test_empty_series(client, db):
    assert "No symposia have been published yet." in page(client, "en")


@pytest.mark.parametrize(
    ("value", "top"), [(0, 10), (7, 10), (20, 20), (23, 25), (41, 50), (60, 100), (120, 200)]
)
def test_axis_top(value, top):
    assert nice_ceiling(value) == top


def test_linked_from_the_symposium_list_and_site_map(client, series):
    assert 'href="/en/symposia/statistics/"' in client.get("/en/sitemap/").content.decode()
    assert 'href="/zh-hans/symposia/statistics/"' in client.get("/zh-hans/symposia/").content.decode()
