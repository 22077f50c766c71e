import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_and_temporary_media(settings, tmp_path):
    """Each test starts in English with its own media folder, so nothing leaks between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    translation.activate("en")
    # The page cache and rate limits live in the cache (local memory or Redis db 15):
    # a test's database is rolled back, so its cached pages must go too.
    cache.clear()
    yield
    translation.activate("en")


@pytest.fixture
def seed(db):
    """The seed content from fixtures/, as `make run` loads it."""
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)
