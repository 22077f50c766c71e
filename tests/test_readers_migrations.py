"""A database loaded from an earlier seed gets issue 12's seed corrections from the migrations:
the symposia that cite the SAFE Framework and the WTO agreement, the briefing's order of the
organizations, and participants' notes that read after their names."""

import datetime

import pytest
from django.utils import timezone

from .test_app_moves import migrate

BEFORE = [("briefing", "0008_library_and_formatted_text"), ("symposia", "0007_gallery_and_formatted_text")]


@pytest.mark.django_db(transaction=True)
def test_an_earlier_seed_gets_citations_order_and_notes():
    old = migrate(BEFORE)
    Symposium = old.get_model("symposia", "Symposium")
    Organization = old.get_model("symposia", "Organization")
    dalian = Symposium.objects.create(
        ordinal=5,
        slug="2007-dalian-safe-framework",
        title="S",
        title_en="S",
        theme="T",
        theme_en="T",
        city="Dalian",
        city_en="Dalian",
        date=datetime.date(2007, 8, 1),
        narrative="<p>N</p>",
        narrative_en="<p>N</p>",
        published_at=timezone.now(),
    )
    old.get_model("briefing", "Instrument").objects.create(
        slug="wco-safe-framework", name="SAFE", name_en="SAFE", short_name="SAFE", short_name_en="SAFE"
    )
    for slug in ("china-customs", "brunei-customs", "another"):
        Organization.objects.create(name=slug, name_en=slug, slug=slug)
    brunei = Organization.objects.get(slug="brunei-customs")
    old.get_model("symposia", "Participation").objects.create(
        symposium=dalian,
        organization=brunei,
        kind="other",
        note="experts designated by",
        note_en="experts designated by",
        note_zh_hans="派出的专家",
    )

    new = migrate()
    instrument = new.get_model("briefing", "Instrument").objects.get(slug="wco-safe-framework")
    assert list(instrument.symposia.values_list("slug", flat=True)) == ["2007-dalian-safe-framework"]
    orders = dict(new.get_model("symposia", "Organization").objects.values_list("slug", "order"))
    assert orders["brunei-customs"] < orders["china-customs"] < orders["another"] == 1000
    note = new.get_model("symposia", "Participation").objects.get()
    assert (note.note, note.note_en) == ("designated experts", "designated experts")
    assert note.note_zh_hans == "派出的专家"
