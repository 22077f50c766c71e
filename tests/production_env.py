"""Run Python under config.settings.production in a child process.

Production settings read the environment once, at import; a child process is
the honest way to try them with a given environment.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def production_env(**overrides):
    """The environment of a production app server: a real key, our host names."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="news.example.org",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args, env, timeout=120):
    return subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def run_json_script(script, tmp_path, **overrides):
    """Run `script` (Python that prints one JSON line last) under production settings with an
    empty SQLite database and static folder in `tmp_path`, no Redis; return what it printed."""
    import json

    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        REDIS_URL=None,
        **overrides,
    )
    result = run(["-c", script], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
