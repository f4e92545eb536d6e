"""Settings come from the environment; production refuses unsafe defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


def run_django(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "KINSHIP_ENV", "DATABASE_URL", "DEBUG"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "kinship.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_requires_a_secret_key(tmp_path: Path) -> None:
    result = run_django(
        {"KINSHIP_ENV": "production", "KINSHIP_VAR_DIR": str(tmp_path)},
        "import django; django.setup()",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required when KINSHIP_ENV=production" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_local_secret_key_is_generated_once(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_django({"KINSHIP_VAR_DIR": str(tmp_path)}, code)
    second = run_django({"KINSHIP_VAR_DIR": str(tmp_path)}, code)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_default_database_is_sqlite_in_wal_mode(tmp_path: Path) -> None:
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode');"
        "print(c.fetchone()[0]);"
        "print(connection.settings_dict['NAME'])"
    )
    result = run_django({"KINSHIP_VAR_DIR": str(tmp_path)}, code)
    assert result.returncode == 0, result.stderr
    mode, name = result.stdout.split()
    assert mode == "wal"
    assert name == str(tmp_path / "kinship.sqlite3")


def test_database_url_selects_the_engine(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    result = run_django(
        {
            "KINSHIP_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://u@db.invalid:5432/k",
        },
        code,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
