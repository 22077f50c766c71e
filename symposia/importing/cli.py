"""What the two management commands share: finding the symposium."""

from django.core.management.base import CommandError

from symposia.models import Symposium


def find_symposium(value):
    """A symposium by slug or by its number in the series."""
    value = str(value).strip()
    query = {"ordinal": int(value)} if value.isdigit() else {"slug": value}
    try:
        return Symposium.objects.get(**query)
    except Symposium.DoesNotExist:
        known = ", ".join(f"{s.ordinal} ({s.slug})" for s in Symposium.objects.order_by("ordinal"))
        raise CommandError(f"No symposium {value!r}. Known: {known or 'none'}.", returncode=2) from None
