"""The image and document library (issue 13 items 2 and 3) and the sanitiser of formatted
text (item 1): real files made by the tests, uploaded through the real admin."""

import io
import json

import PIL.ExifTags
import PIL.Image
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from briefing.models import Briefing
from library.models import Document, Image, Rendition
from publishing.fields import sanitize

from . import media_files
from .factories import BriefingFactory
from .production_env import production_env, run
from .test_workflow import client_for, make_user


@pytest.fixture
def editor(client, db):
    return client_for(client, make_user("editor", "Editors"))


def upload_image(client, upload, language="en", **texts):
    data = {"file": upload, "alt_text_en": "Delegates in Kunming", "alt_text_zh_hans": "昆明的代表", **texts}
    return client.post(reverse("admin:library_image_add"), data, headers={"accept-language": language})


def upload_document(client, upload, **fields):
    data = {"file": upload, "title_en": "Framework Agreement", "title_zh_hans": "框架协议", **fields}
    return client.post(reverse("admin:library_document_add"), data)


def errors(response):
    return response.context["adminform"].form.errors.get("file", [])


# --- images ---------------------------------------------------------------------------------


def test_an_uploaded_photo_loses_its_gps_and_gets_renditions(editor, settings):
    upload = media_files.photo(width=2000, height=1200)
    assert (
        PIL.Image.open(io.BytesIO(media_files.photo_bytes())).getexif().get_ifd(0x8825)
    )  # it has a position
    response = upload_image(editor, upload, credit="Photo: China Customs")
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (2000, 1200)
    with default_storage.open(image.file.name) as stored:
        kept = PIL.Image.open(stored)
        assert kept.format == "JPEG"
        assert not kept.getexif().get_ifd(0x8825) and not kept.getexif()
    renditions = {(r.format, r.width, r.height) for r in image.renditions.all()}
    assert renditions == {
        (fmt, width, round(1200 * width / 2000)) for fmt in ("webp", "jpeg") for width in (480, 960, 1600)
    }
    for rendition in image.renditions.all():
        assert str(settings.MEDIA_ROOT) in default_storage.path(rendition.file.name)
        with default_storage.open(rendition.file.name) as stored:
            opened = PIL.Image.open(stored)
            assert opened.format.lower() == rendition.format and opened.width == rendition.width
            assert not opened.getexif()


def test_a_photo_taken_sideways_is_stored_upright_with_its_upright_size(editor):
    sideways = PIL.Image.new("RGB", (800, 600), "red")
    exif = PIL.Image.Exif()
    exif[PIL.ExifTags.Base.Orientation] = 6  # the camera was turned: show it rotated
    out = io.BytesIO()
    sideways.save(out, "JPEG", exif=exif)
    assert upload_image(editor, SimpleUploadedFile("sideways.jpg", out.getvalue())).status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (600, 800)
    with default_storage.open(image.file.name) as stored:
        assert PIL.Image.open(stored).size == (600, 800)
    assert {(r.width, r.height) for r in image.renditions.all()} == {(480, 640), (600, 800)}


def test_a_small_transparent_png_gets_one_width_with_a_png_fallback(editor):
    upload = media_files.photo("logo.png", width=300, height=200, image_format="PNG", mode="RGBA", gps=False)
    assert upload_image(editor, upload).status_code == 302
    assert {(r.format, r.width) for r in Rendition.objects.all()} == {("webp", 300), ("png", 300)}


def test_a_pixel_bomb_is_refused_before_it_is_decoded(editor):
    response = upload_image(editor, media_files.pixel_bomb())
    assert response.status_code == 200
    assert not Image.objects.exists()
    assert any("pixels" in message for message in errors(response)), errors(response)


def test_a_pixel_bomb_below_pillows_limit_but_above_ours_is_refused(editor, settings):
    settings.LIBRARY_IMAGE_MAX_PIXELS = 1_000_000
    response = upload_image(editor, media_files.photo(width=1200, height=1000, gps=False))
    assert "The image has 1.2 million pixels: at most 1 million are allowed." in errors(response)


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(editor):
    response = upload_image(editor, media_files.pdf("photo.jpg"))
    assert response.status_code == 200 and not Image.objects.exists()
    assert errors(response)


def test_a_too_large_image_is_refused_in_the_staff_language(editor, settings):
    settings.LIBRARY_IMAGE_MAX_BYTES = 1000
    response = upload_image(editor, media_files.photo(), language="zh-hans")
    assert response.status_code == 200 and not Image.objects.exists()
    assert any(
        message.startswith("文件大小为") and "上限为1000" in message for message in errors(response)
    ), errors(response)


def test_the_image_address_in_formatted_text_answers_with_a_rendition(editor, client):
    upload_image(editor, media_files.photo(width=800, height=600))
    image = Image.objects.get()
    response = client.get(image.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == image.largest_fallback().file.url


# --- documents --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "kind", "media_type", "disposition"),
    [
        (media_files.pdf, "pdf", "application/pdf", "inline"),
        (
            media_files.docx,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "attachment",
        ),
        (
            media_files.xlsx,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "attachment",
        ),
    ],
)
def test_documents_are_recognised_and_served_with_a_safe_type(
    editor, client, make, kind, media_type, disposition
):
    upload = make()
    size = upload.size
    assert upload_document(editor, upload, language="en").status_code == 302
    document = Document.objects.get()
    assert (document.kind, document.file_size, document.language) == (kind, size, "en")
    assert document.file.name.endswith(f".{kind}")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == media_type
    assert response["Content-Disposition"] == f'{disposition}; filename="framework-agreement.{kind}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:4] in (b"%PDF", b"PK\x03\x04")


def test_a_page_named_pdf_is_refused(editor):
    fake = media_files.SimpleUploadedFile("agreement.pdf", b"<html><script>alert(1)</script></html>")
    response = upload_document(editor, fake)
    assert response.status_code == 200 and not Document.objects.exists()
    assert "This file is not a PDF, Word (.docx) or Excel (.xlsx) document." in errors(response)


def test_a_zip_that_is_not_an_office_document_is_refused(editor):
    fake = media_files.SimpleUploadedFile("minutes.docx", media_files.xlsx().read()[:0] + b"PK\x03\x04junk")
    assert upload_document(editor, fake).status_code == 200
    assert not Document.objects.exists()


def test_a_briefing_takes_a_lead_image_and_attachments(editor):
    upload_image(editor, media_files.photo(width=800, height=600))
    upload_document(editor, media_files.pdf())
    briefing = BriefingFactory()
    briefing.lead_image = Image.objects.get()
    briefing.save()
    briefing.documents.add(Document.objects.get())
    assert Briefing.objects.get().documents.get().kind == "pdf"


# --- the sanitiser ------------------------------------------------------------------------------

HOSTILE = [
    ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
    ('<p onclick="steal()">Click</p>', "<p>Click</p>"),
    ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
    (
        '<a href="https://example.org" target="_blank" rel="opener">x</a>',
        '<a href="https://example.org" rel="noopener noreferrer">x</a>',
    ),
    ('<p style="position:fixed">styled</p>', "<p>styled</p>"),
    ('<iframe src="https://evil.example"></iframe><p>after</p>', "<p>after</p>"),
    ('<img src="https://tracker.example/pixel.gif" onerror="x()">', ""),
    ('<img src="x" alt="no"><p>text</p>', "<p>text</p>"),
    ("<svg><script>alert(1)</script></svg><p>ok</p>", "<p>ok</p>"),
    ("<h1>Title</h1><h2>Part</h2>", "Title<h2>Part</h2>"),
    (
        '<p><span class="x">plain</span> <u>under</u> <strong>bold</strong> <em>it</em></p>',
        "<p>plain under <strong>bold</strong> <em>it</em></p>",
    ),
    (
        '<table><tr><td colspan="2">cell</td></tr></table>',
        '<table tabindex="0"><tbody><tr><td colspan="2">cell</td></tr></tbody></table>',
    ),
    # A table keeps no tabindex of its own choosing: every table gets 0, so a keyboard can scroll it.
    (
        '<table tabindex="5"><tr><td>x</td></tr></table>',
        '<table tabindex="0"><tbody><tr><td>x</td></tr></tbody></table>',
    ),
    ("<p> </p><p></p>", ""),
    ('<form action="/x"><input name="a"></form><p>f</p>', "<p>f</p>"),
]


@pytest.mark.parametrize(("dirty", "clean"), HOSTILE)
def test_the_sanitiser_keeps_only_the_allow_list(dirty, clean):
    assert sanitize(dirty) == clean


def test_library_images_keep_their_address_in_formatted_text(db):
    html = '<p>Before</p><img src="/library/images/12/" alt="Delegates" width="800" height="600">'
    assert sanitize(html) == html


def test_formatted_text_is_cleaned_on_every_save(db):
    briefing = BriefingFactory(lead_en='<p onmouseover="x()">Lead<script>bad()</script></p>')
    briefing.refresh_from_db()
    assert briefing.lead_en == "<p>Lead</p>"


# --- the editor's files in production --------------------------------------------------------


def test_collectstatic_points_the_editor_module_at_the_hashed_editor(tmp_path):
    """Production serves hashed file names (WhiteNoise's manifest storage): our editor module
    imports django-prose-editor's by a relative URL, rewritten to the hashed name, so no import
    map (an inline script, which the CSP forbids) is needed."""
    root = tmp_path / "static"
    result = run(
        ["manage.py", "collectstatic", "--noinput", "-v0"], production_env(DJANGO_STATIC_ROOT=str(root))
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    module = (root / manifest["admin-extra/richtext.js"]).read_text()
    hashed_editor = manifest["django_prose_editor/editor.js"]
    assert f'"../django_prose_editor/{hashed_editor.split("/")[-1]}"' in module
    assert (root / hashed_editor).exists()


def test_the_editors_image_button_lists_the_library(editor, client):
    upload_image(editor, media_files.photo(width=800, height=600))
    image = Image.objects.get()
    response = editor.get(reverse("admin:library_image_choices"))
    assert response.json() == {
        "images": [{"id": image.pk, "alt": "Delegates in Kunming", "address": f"/library/images/{image.pk}/"}]
    }
    form = editor.get(reverse("admin:briefing_briefing_add")).content.decode()
    assert f'data-library-images="{reverse("admin:library_image_choices")}"' in form
    client.logout()
    assert client.get(reverse("admin:library_image_choices")).status_code == 302  # to the sign-in
