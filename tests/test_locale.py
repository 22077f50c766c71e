"""The committed Chinese interface catalogue is complete and compiled."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


def _entries(po_path):
    """(msgid, msgstr, flags) for each entry of a .po file, without a parser dependency."""
    entries, current, field, flags = [], None, None, set()

    def unquote(s):
        return s.strip()[1:-1].encode("raw_unicode_escape").decode("unicode_escape")

    for line in po_path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("msgid "):
            current, field = {"msgid": unquote(line[6:]), "msgstr": ""}, "msgid"
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"] += unquote(line.split(" ", 1)[1])
        elif line.startswith('"') and current is not None:
            if field in ("msgid", "msgstr"):
                current[field] += unquote(line)
        elif not line.strip() and current is not None:
            entries.append((current["msgid"], current["msgstr"], flags))
            current, field, flags = None, None, set()
    return entries


def test_every_interface_string_has_a_chinese_translation():
    entries = [e for e in _entries(LOCALE / "django.po") if e[0]]
    assert entries, "the catalogue is empty"
    untranslated = [msgid for msgid, msgstr, _ in entries if not msgstr.strip()]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_committed_mo_matches_po(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(LOCALE / "django.po")], check=True)
    with open(fresh, "rb") as a, open(LOCALE / "django.mo", "rb") as b:
        compiled, committed = gettext.GNUTranslations(a), gettext.GNUTranslations(b)
    assert committed._catalog == compiled._catalog, "run `make messages` and commit the .mo"
