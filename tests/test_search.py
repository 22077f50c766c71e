"""Search at /<lang>/search/?q=: Chinese without spaces, folded English, ranking, highlighting,
pagination, published content only, calm answers to odd queries."""

import re

import pytest

from newsroom.search import Query, fold, highlight
from publishing.models import PublishStatus
from tests import factories as f


def results(client, lang, q, **params):
    response = client.get(f"/{lang}/search/", {"q": q, **params})
    assert response.status_code == 200
    body = response.content.decode()
    section = re.search(r'<section aria-labelledby="results-heading".*?</section>', body, re.S).group(0)
    links = re.findall(r'<h3><a href="([^"]+)">', section)
    return body, section, links


# --- the seed content, as a reader types ----------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected_first"),
    [
        ("宁波", "/zh-hans/symposia/2008-ningbo-customs-automation/"),
        ("京都公约", "/zh-hans/symposia/2003-kunming-kyoto-convention/"),
        ("原产地", "/zh-hans/symposia/2004-xiamen-rules-of-origin/"),
    ],
)
def test_chinese_words_inside_text_without_spaces_are_found(client, seed, q, expected_first):
    _body, section, links = results(client, "zh-hans", q)
    assert links and links[0] == expected_first
    assert f"<mark>{q}</mark>" in section
    assert all(link.startswith("/zh-hans/") for link in links)


def test_original_ningbo_in_english_and_chinese(client, seed):
    _body, _section, links = results(client, "en", "ningbo")
    assert "/en/symposia/2008-ningbo-customs-automation/" in links
    # Chinese words in the English site find nothing: the reader's language only.
    _body, section, links = results(client, "en", "宁波")
    assert links == []
    assert "0 results" in section


def test_english_is_case_and_accent_insensitive(client, db):
    f.SymposiumFactory(
        title_en="Symposium at the Café Kyōto",
        title_zh_hans="京都咖啡馆研讨会",
        narrative_en="Delegates met in KYOTO.",
    )
    for q in ("kyoto", "KYOTO", "Kyōto", "cafe", "CAFÉ", "ｋｙｏｔｏ"):
        _body, section, links = results(client, "en", q)
        assert len(links) == 1, q
    _body, section, _links = results(client, "en", "kyoto")
    assert "<mark>Kyōto</mark>" in section  # the original spelling is kept, the match marked


def test_results_ranked_by_field_weight(client, db):
    in_body = f.SymposiumFactory(title_en="Symposium on Customs Automation", narrative_en="Some tariff talk.")
    in_title = f.SymposiumFactory(
        title_en="Symposium on Tariff Classification", narrative_en="Other matters."
    )
    _body, _section, links = results(client, "en", "tariff")
    assert links == [in_title.get_absolute_url(), in_body.get_absolute_url()]


def test_all_words_must_match(client, db):
    both = f.SymposiumFactory(title_en="Risk management and audit", narrative_en="Narrative.")
    f.SymposiumFactory(title_en="Risk assessment", narrative_en="Narrative.")
    _body, _section, links = results(client, "en", "risk audit")
    assert links == [both.get_absolute_url()]


def test_only_published_content_is_found(client, db):
    f.SymposiumFactory(title_en="Published meeting on widgets", slug="published-widgets")
    f.SymposiumFactory(title_en="Draft meeting on widgets", slug="draft-widgets", status=PublishStatus.DRAFT)
    f.BriefingFactory(title_en="Draft briefing on widgets", status=PublishStatus.DRAFT)
    _body, section, links = results(client, "en", "widgets")
    assert links == ["/en/symposia/published-widgets/"]
    assert "Draft" not in section


def test_content_published_in_one_language_only_is_not_found_in_the_other(client, db):
    f.SymposiumFactory(
        title_en="English-only meeting on gadgets",
        title_zh_hans="小工具会议",
        slug="english-only",
        publish_zh_hans=False,
    )
    assert results(client, "en", "gadgets")[2] == ["/en/symposia/english-only/"]
    assert results(client, "zh-hans", "小工具")[2] == []


def test_results_are_paginated(client, db):
    for n in range(13):
        f.SymposiumFactory(title_en=f"Meeting number {n} on paging", slug=f"paging-{n}")
    body, section, links = results(client, "en", "paging")
    assert len(links) == 10
    assert "13 results" in section
    assert "Page 1 of 2" in section
    assert 'rel="next"' in section and "page=2" in section
    body, section, links = results(client, "en", "paging", page=2)
    assert len(links) == 3
    assert 'rel="prev"' in section
    # A page number out of range or not a number shows the nearest page, calmly.
    assert len(results(client, "en", "paging", page=99)[2]) == 3
    assert len(results(client, "en", "paging", page="x")[2]) == 10


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Type a word or a phrase to search for."),
        ("   ", "Type a word or a phrase to search for."),
        ("a", "Please type at least two letters, or one Chinese character."),
        ("%", "Please type at least two letters, or one Chinese character."),
        ("《》", "Please type at least two letters, or one Chinese character."),
    ],
)
def test_empty_and_too_short_queries_are_answered_calmly(client, db, q, message):
    _body, section, links = results(client, "en", q)
    assert message in section
    assert links == []


@pytest.mark.parametrize("q", ["%", "_", "' OR 1=1 --", "<script>alert(1)</script>", "\x00\x1f", "京" * 5000])
def test_odd_queries_do_not_fail(client, seed, q):
    response = client.get("/zh-hans/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_very_long_query_is_cut_and_says_so(client, seed):
    body, section, _links = results(client, "en", "customs " * 100)
    assert "only its first 100 characters were used" in section
    assert 'maxlength="100"' in body


def test_a_single_chinese_character_is_a_word(client, seed):
    _body, section, links = results(client, "zh-hans", "海")
    assert "请至少输入" not in section
    assert links


def test_search_page_in_chinese(client, seed):
    body, section, _links = results(client, "zh-hans", "宁波")
    assert '<html lang="zh-Hans">' in body
    # The symposium held in Ningbo, and the briefing that tells of it.
    assert "找到 2 个与“宁波”相关的结果" in section
    assert "当前位置" in body
    assert '<meta name="robots" content="noindex">' in body


def test_header_search_form_on_every_page(client, seed):
    for lang in ("en", "zh-hans"):
        body = client.get(f"/{lang}/").content.decode()
        assert f'action="/{lang}/search/"' in body and 'role="search"' in body


def test_fold_and_highlight():
    assert fold("Kyōto ÉTÉ ｋｙｏｔｏ") == "kyoto ete kyoto"
    assert Query.parse("《京都公约》").terms == ["京都公约"]
    assert Query.parse("China-ASEAN customs").terms == ["china", "asean", "customs"]
    # Pieces of the original text (the template escapes them and marks the matches).
    assert highlight("A <b> Kyōto & kyoto", ["kyoto"]) == [
        ("A <b> ", False),
        ("Kyōto", True),
        (" & ", False),
        ("kyoto", True),
    ]
    # Matched on folded text, marked on the original characters, whatever they fold to.
    assert highlight("Die Straße, ＫＹＯＴＯ.", ["strasse", "kyoto"]) == [
        ("Die ", False),
        ("Straße", True),
        (", ", False),
        ("ＫＹＯＴＯ", True),
        (".", False),
    ]
    long = "x" * 300 + " target " + "y" * 300
    snippet = highlight(long, ["target"], limit=100)
    assert snippet[0] == ("…", False) and snippet[-1] == ("…", False) and ("target", True) in snippet
    assert sum(len(text) for text, _match in snippet) == 100 + 2


# --- what the briefing's page shows finds the briefing --------------------------------------------

BRIEFING_URL = "/{lang}/briefings/china-asean-customs-cooperation/"


@pytest.mark.parametrize(
    ("lang", "q"),
    [
        ("en", "Kunming"),
        ("zh-hans", "宁波"),
        ("en", "Australian Embassy"),
        ("zh-hans", "昆明"),
        ("en", "SAFE Framework"),
        ("zh-hans", "货物原产地判定"),
    ],
)
def test_words_the_briefing_shows_find_the_briefing(client, seed, lang, q):
    _body, _section, links = results(client, lang, q)
    assert BRIEFING_URL.format(lang=lang) in links
    # The symposium's own page still comes before the briefing that lists the series.
    if q in ("Kunming", "宁波", "昆明"):
        assert links[0].startswith(f"/{lang}/symposia/")


def test_the_corpus_is_read_in_a_fixed_number_of_queries(seed, django_assert_num_queries):
    from newsroom.search import build_corpus

    # symposia, their participations, those organizations, their instruments; priorities;
    # briefings, their results, sections and agreements; agreements; instruments
    with django_assert_num_queries(11):
        docs = build_corpus()
    f.SymposiumFactory.create_batch(5)
    with django_assert_num_queries(11):
        assert len(build_corpus()) == len(docs) + 5


@pytest.mark.parametrize(
    ("lang", "q", "other", "link_text"),
    [
        ("en", "宁波", "/zh-hans/search/?q=%E5%AE%81%E6%B3%A2", "See 2 results for “宁波” in Simplified"),
        ("zh-hans", "Kunming", "/en/search/?q=Kunming", "查看英文版中“Kunming”的"),
    ],
)
def test_no_result_here_but_some_in_the_other_language_links_there(client, seed, lang, q, other, link_text):
    _body, section, links = results(client, lang, q)
    assert links == []
    assert f'<a href="{other}"' in section
    assert link_text in section


def test_no_result_in_any_language_offers_no_other_language(client, seed):
    _body, section, _links = results(client, "en", "zzyzx")
    assert "/zh-hans/search/" not in section
