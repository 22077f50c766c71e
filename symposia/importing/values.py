"""Cell values as registrars write them, turned into what the model stores.

Countries come from django-countries (ISO names, its common and old names,
in English and, under ``translation.override("zh-hans")``, in Chinese; alpha-2
and alpha-3 codes) plus a short table of the forms ASEAN documents use that
the library does not know. Each normaliser returns the stored value or raises
:class:`CellError` with a message code.
"""

import functools
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import translation
from django_countries import countries
from django_countries.data import COUNTRIES

from symposia.models import Attendee

from .errors import CellError

# Zero-width characters and BOMs that survive str.strip(); full-width spaces
# (U+3000) and no-break spaces are whitespace to str.strip() already.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# What the export puts before a cell that a spreadsheet would run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value):
    """Trim surrounding (also full-width and invisible) spaces, nothing else:
    names are kept exactly as written. An apostrophe that an export put before
    a formula-like value is taken off again, so exports import unchanged."""
    text = str(value).strip()
    if not text:
        return text
    if text[0] in _INVISIBLE or text[-1] in _INVISIBLE:
        text = text.strip(_INVISIBLE).strip()
    if text[:1] == "'" and text[1:2] and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def _key(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s.,'’()\[\]·_\-]+", "", text)


# Forms seen in ASEAN and Chinese documents that django-countries lacks.
COUNTRY_ALIASES = {
    "BN": ["Brunei Darussalam", "Negara Brunei Darussalam", "文莱达鲁萨兰国"],
    "KH": ["Kingdom of Cambodia", "柬埔寨王国"],
    "ID": ["Republic of Indonesia", "印尼", "印度尼西亚共和国"],
    "LA": ["Lao PDR", "Lao", "Lao P.D.R.", "Lao People's Democratic Republic", "老挝人民民主共和国", "寮国"],
    "MY": ["马来西亚联邦"],
    "MM": ["Burma", "Republic of the Union of Myanmar", "缅甸联邦共和国"],
    "PH": ["The Philippines", "Republic of the Philippines", "菲律宾共和国"],
    "SG": ["Republic of Singapore", "新加坡共和国"],
    "TH": ["Kingdom of Thailand", "泰王国"],
    "VN": [
        "Viet Nam",
        "Socialist Republic of Viet Nam",
        "Socialist Republic of Vietnam",
        "越南社会主义共和国",
    ],
    "CN": [
        "PRC",
        "P.R. China",
        "People's Republic of China",
        "China, People's Republic of",
        "中华人民共和国",
    ],
    "AU": ["Commonwealth of Australia", "澳洲"],
    "IT": ["Italian Republic", "意大利共和国"],
    "KR": ["Korea", "Republic of Korea", "大韩民国"],
    "JP": ["日本国"],
    "US": ["USA", "United States of America", "美利坚合众国"],
    "GB": ["UK", "Britain", "Great Britain", "英国"],
}


@functools.cache
def country_index():
    index = {}

    def add(code, name):
        if name:
            index.setdefault(_key(str(name)), code)

    for language in ("en", "zh-hans"):
        with translation.override(language):
            for code, name in COUNTRIES.items():
                add(code, name)
            for code, name in countries.COMMON_NAMES.items():
                add(code, name)
            for code, names in countries.OLD_NAMES.items():
                for name in names:
                    add(code, name)
            for code in COUNTRIES:
                add(code, countries.name(code))
    for code, names in COUNTRY_ALIASES.items():
        for name in names:
            index[_key(name)] = code
    for code in COUNTRIES:
        index[code.casefold()] = code
        alpha3 = countries.alpha3(code)
        if alpha3:
            index[alpha3.casefold()] = code
    return index


def parse_country(value):
    """An ISO 3166 alpha-2 code, or "" for an empty cell."""
    text = clean_text(value)
    if not text:
        return ""
    code = country_index().get(_key(text))
    if code is None:
        raise CellError("unknown_country", value=text)
    return code


ROLE_WORDS = {
    Attendee.Role.DELEGATE: ["delegate", "代表", "delegates", "participant", "参会代表"],
    Attendee.Role.EXPERT: ["expert", "专家", "experts"],
    Attendee.Role.OBSERVER: ["observer", "观察员", "observers"],
    Attendee.Role.SPEAKER: ["speaker", "演讲人", "发言人", "主讲人", "speakers"],
    Attendee.Role.ORGANIZER: ["organizer", "organiser", "组织者", "主办方", "organizers"],
}
GENDER_WORDS = {
    Attendee.Gender.MALE: ["male", "m", "man", "男", "男性"],
    Attendee.Gender.FEMALE: ["female", "f", "woman", "女", "女性"],
}
# How exports write roles and genders, by language: words the import reads back.
ROLE_EXPORT = {
    "en": {r.value: r.value for r in Attendee.Role},
    "zh-hans": {
        "delegate": "代表",
        "expert": "专家",
        "observer": "观察员",
        "speaker": "发言人",
        "organizer": "组织者",
    },
}
GENDER_EXPORT = {"en": {"male": "male", "female": "female"}, "zh-hans": {"male": "男", "female": "女"}}

_ROLE_INDEX = {_key(w): role.value for role, words in ROLE_WORDS.items() for w in words}
_GENDER_INDEX = {_key(w): g.value for g, words in GENDER_WORDS.items() for w in words}


def parse_role(value):
    text = clean_text(value)
    if not text:
        return Attendee.Role.DELEGATE.value
    try:
        return _ROLE_INDEX[_key(text)]
    except KeyError:
        raise CellError(
            "unknown_role", value=text, choices=", ".join(f"{w[0]} {w[1]}" for w in ROLE_WORDS.values())
        ) from None


def parse_gender(value):
    text = clean_text(value)
    if not text:
        return ""
    try:
        return _GENDER_INDEX[_key(text)]
    except KeyError:
        raise CellError("unknown_gender", value=text, choices="male 男 (M), female 女 (F)") from None


@functools.cache
def _email_validator():
    """Django's EmailValidator with its patterns compiled once, on first use:
    its lazy regular expressions cost a proxy lookup on every call, which
    shows when a list holds 100,000 addresses. Same patterns, same answers."""
    validator = EmailValidator()
    for name in ("user_regex", "domain_regex", "literal_regex"):
        lazy = getattr(EmailValidator, name)
        # The flags Django compiled with (re adds UNICODE), so re's cache answers.
        setattr(validator, name, re.compile(lazy.pattern, lazy.flags & ~re.UNICODE))
    return validator


def parse_email(value):
    """Trimmed and checked; full-width letters and ＠ (typed with a Chinese
    input method) become plain ones. Case is kept; comparisons ignore it."""
    text = unicodedata.normalize("NFKC", clean_text(value)).strip()
    if not text:
        return ""
    try:
        _email_validator()(text)
    except ValidationError:
        raise CellError("bad_email", value=text) from None
    return text


def organization_key(text):
    return _key(clean_text(text))


ORGANIZATION_NAMES = ("name_en", "name_zh_hans", "short_name_en", "short_name_zh_hans")


class OrganizationIndex:
    """Organizations by any of their names or short names, in either
    language, or other names (aliases, one per line, in any language); case
    and width do not matter."""

    def __init__(self, organizations):
        self.by_key = {}
        for org in organizations:
            names = [getattr(org, attr, "") or "" for attr in ORGANIZATION_NAMES]
            names += (org.aliases or "").splitlines()
            for value in names:
                if value.strip():
                    self.by_key.setdefault(organization_key(value), {})[org.pk] = org

    def find(self, text):
        """The one organization called ``text``; None when there is none;
        CellError when several share that name."""
        matches = self.by_key.get(organization_key(text))
        if not matches:
            return None
        if len(matches) > 1:
            names = ", ".join(sorted(str(o.name) for o in matches.values()))
            raise CellError("ambiguous_organization", value=clean_text(text), matches=names)
        return next(iter(matches.values()))
