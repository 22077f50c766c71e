"""The feedback form (网站留言): validation in the reader's language, honeypot, rate limit per client,
stored for staff with a status, staff told by e-mail, never published."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail

from newsroom.models import Feedback

GOOD = {
    "name": "Chan Dara",
    "email": "dara@example.org",
    "subject": "Question about the Ningbo symposium",
    "message": "Will the 2008 presentations be published?",
    "website": "",
}


@pytest.fixture
def staff(db):
    user_model = get_user_model()
    boss = user_model.objects.create_superuser("boss", "boss@customs.example", "a-long-test-password")
    reader = user_model.objects.create_user("editor", "editor@customs.example", "pw", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_feedback"))
    user_model.objects.create_user("other", "other@customs.example", "pw", is_staff=True)  # no permission
    return boss


@pytest.mark.parametrize(
    ("lang", "heading", "label"),
    [("en", "Leave a message", "E-mail"), ("zh-hans", "网站留言", "电子邮箱")],
)
def test_form_page_in_each_language(client, db, lang, heading, label):
    response = client.get(f"/{lang}/feedback/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert label in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'class="hp-field" aria-hidden="true"' in body
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_message_is_stored_staff_notified_and_reader_thanked(client, staff):
    response = client.post("/zh-hans/feedback/", GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/feedback/thanks/"
    feedback = Feedback.objects.get()
    assert feedback.status == Feedback.Status.NEW
    assert feedback.language == "zh-hans"
    assert feedback.subject == GOOD["subject"]
    assert feedback.client_address == "127.0.0.1"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sorted(sent.to) == ["boss@customs.example", "editor@customs.example"]
    assert "Question about the Ningbo symposium" in sent.subject
    assert "Will the 2008 presentations be published?" in sent.body
    assert f"/admin/newsroom/feedback/{feedback.pk}/change/" in sent.body
    thanks = client.get(response["Location"]).content.decode()
    assert "感谢您的留言" in thanks


def test_message_is_never_published(client, staff, seed):
    client.post("/en/feedback/", GOOD)
    for path in ("/en/", "/en/sitemap/", "/en/search/?q=presentations", "/en/feeds/briefings/rss/"):
        assert "Will the 2008 presentations" not in client.get(path).content.decode(), path


@pytest.mark.parametrize(
    ("lang", "required", "bad_email"),
    [
        ("en", "Please fill in this field.", "Please enter a valid e-mail address."),
        # Our own Chinese, not Django's "这个字段是必填项。" / "输入一个有效的 Email 地址。".
        ("zh-hans", "请填写此项。", "请输入有效的电子邮件地址。"),
    ],
)
def test_validation_messages_in_the_readers_language(client, db, lang, required, bad_email):
    response = client.post(f"/{lang}/feedback/", {**GOOD, "name": "", "email": "not-an-address"})
    assert response.status_code == 200
    body = response.content.decode()
    assert required in body
    assert bad_email in body
    assert "Email" not in body.replace("E-mail", "")
    assert 'aria-invalid="true"' in body
    assert 'role="alert"' in body
    assert Feedback.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_marks_spam_and_notifies_nobody(client, staff):
    response = client.post("/en/feedback/", {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302  # the bot is told nothing
    assert Feedback.objects.get().status == Feedback.Status.SPAM
    assert mail.outbox == []


def test_rate_limit_per_client(client, staff, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    assert client.post("/en/feedback/", GOOD).status_code == 302
    assert client.post("/en/feedback/", GOOD).status_code == 302
    response = client.post("/en/feedback/", GOOD)
    assert response.status_code == 429
    assert "Please wait an hour" in response.content.decode()
    assert Feedback.objects.count() == 2
    # Another client address is not affected.
    assert client.post("/en/feedback/", GOOD, REMOTE_ADDR="10.0.0.9").status_code == 302
    response = client.post("/zh-hans/feedback/", GOOD)
    assert response.status_code == 429
    assert "请一小时后再试" in response.content.decode()


def test_recipients_from_settings(client, staff, settings):
    settings.FEEDBACK_NOTIFY_EMAILS = ["desk@customs.example"]
    client.post("/en/feedback/", GOOD)
    assert mail.outbox[0].to == ["desk@customs.example"]


def test_subject_with_line_breaks_cannot_inject_headers(client, staff):
    client.post("/en/feedback/", {**GOOD, "subject": "Hello\nBcc: victim@example.org"})
    # The form keeps the reader's text; the notification puts the subject on one line.
    assert Feedback.objects.get().subject == "Hello\nBcc: victim@example.org"
    assert mail.outbox[0].subject.endswith("Hello Bcc: victim@example.org")
    assert "victim@example.org" not in mail.outbox[0].bcc


def test_staff_see_messages_in_the_admin_with_status(client, staff):
    client.post("/en/feedback/", GOOD)
    feedback = Feedback.objects.get()
    client.force_login(staff)
    listing = client.get("/admin/newsroom/feedback/").content.decode()
    assert "Question about the Ningbo symposium" in listing
    change = client.get(f"/admin/newsroom/feedback/{feedback.pk}/change/")
    assert change.status_code == 200
    assert "Will the 2008 presentations be published?" in change.content.decode()
    response = client.post(
        "/admin/newsroom/feedback/",
        {"action": "mark_answered", "_selected_action": [feedback.pk]},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.ANSWERED
    assert client.get("/admin/newsroom/feedback/add/").status_code == 403


@pytest.mark.parametrize(
    ("lang", "notice"),
    [
        ("en", "We keep your name, e-mail address and message, and the network address you write from."),
        ("zh-hans", "我们会保存您的姓名、电子邮件地址、留言内容以及您发送留言时的网络地址"),
    ],
)
def test_the_form_says_what_is_kept_for_what_and_who_reads_it(client, db, lang, notice):
    body = client.get(f"/{lang}/feedback/").content.decode()
    assert 'aria-labelledby="privacy-heading"' in body
    assert notice in body


@pytest.mark.parametrize(
    ("language", "subject_prefix"), [("en", "Re%3A%20"), ("zh-hans", "%E5%9B%9E%E5%A4%8D%EF%BC%9A")]
)
def test_staff_reply_from_the_message_by_a_mailto_link(client, staff, language, subject_prefix):
    feedback = Feedback.objects.create(
        name=GOOD["name"],
        message=GOOD["message"],
        subject='Ningbo & "Kunming"\r\nBcc: spam@example.org',
        email="dara+news@example.org",
        language=language,
        status=Feedback.Status.NEW,
    )
    client.force_login(staff)
    body = client.get(f"/admin/newsroom/feedback/{feedback.pk}/change/").content.decode()
    # The address and the subject percent-encoded: no line break can reach the mail program as a
    # header, and the quotes and ampersand cannot leave the attribute.
    expected = (
        f"mailto:dara%2Bnews@example.org?subject={subject_prefix}"
        "Ningbo%20%26%20%22Kunming%22%20Bcc%3A%20spam%40example.org"
    )
    assert f'<a href="{expected}">' in body
    assert "\r\nBcc" not in body.split("mailto:", 1)[1].split('"', 1)[0]
