"""Storing a reader's message and telling staff: never published, never sent from a signal.

Spam protection without third-party services: a honeypot field (a message that
fills it is kept with the status "spam" and nobody is notified) and a rate
limit per client address, counted in the cache, so that with REDIS_URL every
app server counts against the same limit.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class RateLimited(Exception):
    """The client has sent as many messages as the limit allows for now."""


def client_address(request):
    """The client's address. Behind our proxies config.middleware.TrustedProxyMiddleware
    has already put the client's own address in REMOTE_ADDR (DJANGO_TRUSTED_PROXIES)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def check_rate_limit(address):
    """Count one more message from `address`; raise RateLimited once it passes the limit."""
    limit = settings.FEEDBACK_RATE_LIMIT
    period = settings.FEEDBACK_RATE_PERIOD
    key = f"feedback-rate:{address}"
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, period)
        count = 1
    if count > limit:
        raise RateLimited


def staff_recipients():
    """FEEDBACK_NOTIFY_EMAILS, else active staff who may view messages and have an e-mail address."""
    if settings.FEEDBACK_NOTIFY_EMAILS:
        return list(settings.FEEDBACK_NOTIFY_EMAILS)
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    users = users.filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename="view_feedback")
        | Q(groups__permissions__codename="view_feedback")
    ).distinct()
    return sorted({user.email for user in users})


def submit_feedback(*, form, request):
    """Store a valid form's message (status new, or spam for the honeypot) and notify staff of a new one."""
    from .models import Feedback

    check_rate_limit(client_address(request))
    data = form.cleaned_data
    feedback = Feedback(
        name=data["name"],
        email=data["email"],
        subject=data["subject"],
        message=data["message"],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        status=Feedback.Status.SPAM if form.is_spam else Feedback.Status.NEW,
        client_address=client_address(request),
    )
    feedback.full_clean()
    feedback.save()
    if feedback.status == Feedback.Status.NEW:
        notify_staff(feedback)
    return feedback


def notify_staff(feedback):
    recipients = staff_recipients()
    if not recipients:
        return
    # From SITE_URL, not the request: the Host header is the client's to choose.
    admin_url = settings.SITE_URL + reverse("admin:newsroom_feedback_change", args=[feedback.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New message from the newsroom site: %(subject)s") % {"subject": feedback.subject}
        body = _(
            "%(name)s <%(email)s> left a message (language: %(language)s).\n\n%(message)s\n\n"
            "Read and answer it in the admin: %(url)s"
        ) % {
            "name": feedback.name,
            "email": feedback.email,
            "language": feedback.language,
            "message": feedback.message,
            "url": admin_url,
        }
    # Subjects must be one line: a reader's subject could smuggle header breaks.
    subject = " ".join(subject.split())
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # the message is stored; staff see it in the admin even if mail is down
        logger.exception("feedback %s: could not notify staff", feedback.pk)
