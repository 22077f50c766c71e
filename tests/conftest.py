import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_and_temporary_media(settings, tmp_path):
    """Each test starts in English with its own media folder, so nothing leaks between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def seed(db):
    """The seed content from fixtures/, as `make run` loads it."""
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)
