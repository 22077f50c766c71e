"""The apps' imports go one way (README, "Project layout"): the media library builds on publishing,
the domain apps on both, the newsroom site on all of them, and nothing but config/ builds on the
newsroom; no module outside template tags imports one of our template-tag modules (Django's
documented helpers such as django.templatetags.static.static are fine)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAY_IMPORT = {
    "publishing": set(),
    "library": {"publishing"},
    "symposia": {"publishing", "library"},
    "briefing": {"publishing", "library", "symposia"},
    "newsroom": {"publishing", "library", "briefing", "symposia"},
}


def imports(app):
    """(module path, imported module name) for every import in the app's code (migrations aside)."""
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield path, node.module


@pytest.mark.parametrize("app", list(MAY_IMPORT))
def test_each_app_imports_only_the_apps_below_it(app):
    wrong = [
        (str(path.relative_to(ROOT)), name)
        for path, name in imports(app)
        if name.split(".")[0] in MAY_IMPORT and name.split(".")[0] not in MAY_IMPORT[app] | {app}
    ]
    assert not wrong


@pytest.mark.parametrize("app", list(MAY_IMPORT))
def test_no_module_but_a_template_tag_imports_template_tags(app):
    wrong = [
        (str(path.relative_to(ROOT)), name)
        for path, name in imports(app)
        if name.split(".")[0] in MAY_IMPORT and ".templatetags" in name and "templatetags" not in path.parts
    ]
    assert not wrong
