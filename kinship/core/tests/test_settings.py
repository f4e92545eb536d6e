"""Settings come from the environment; production refuses unsafe defaults."""

from __future__ import annotations

import json
import os
import secrets
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
        if k
        not in {
            "SECRET_KEY",
            "KINSHIP_ENV",
            "DATABASE_URL",
            "DEBUG",
            "ALLOWED_HOSTS",
            "EMAIL_HOST",
            "KINSHIP_SESSION_IDLE_MINUTES",
            "KINSHIP_SESSION_MAX_HOURS",
        }
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


# Production (issue 5) -------------------------------------------------------------


def production_env(tmp_path: Path) -> dict[str, str]:
    """What a production deployment must set (README, Configuration)."""
    return {
        "KINSHIP_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "kinship.example.org",
        "EMAIL_HOST": "smtp.example.org",
        # Links in email: left at this machine's address, check --deploy warns.
        "KINSHIP_SITE_URL": "https://kinship.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kinship.sqlite3'}",
        "KINSHIP_VAR_DIR": str(tmp_path),
    }


def test_production_settings_pass_check_deploy_with_no_warning(
    tmp_path: Path,
) -> None:
    result = run_django(
        production_env(tmp_path),
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy',"
        " '--fail-level', 'WARNING'])",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_cookies_and_transport(tmp_path: Path) -> None:
    code = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps({name: getattr(s, name) for name in ("
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY',"
        " 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY',"
        " 'CSRF_COOKIE_SAMESITE', 'SECURE_HSTS_SECONDS',"
        " 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT',"
        " 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY',"
        " 'X_FRAME_OPTIONS', 'DEBUG', 'SILENCED_SYSTEM_CHECKS',"
        " 'SESSION_COOKIE_AGE')}))"
    )
    result = run_django(production_env(tmp_path), code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "DEBUG": False,
        "SILENCED_SYSTEM_CHECKS": [],
        "SESSION_COOKIE_AGE": 12 * 3600,
    }


def test_session_limits_come_from_the_environment(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s;"
        "print(s.KINSHIP_SESSION_IDLE_MINUTES, s.KINSHIP_SESSION_MAX_HOURS,"
        " s.SESSION_COOKIE_AGE)"
    )
    default = run_django({"KINSHIP_VAR_DIR": str(tmp_path)}, code)
    assert default.stdout.split() == ["30", "12", "43200"]
    chosen = run_django(
        {
            "KINSHIP_VAR_DIR": str(tmp_path),
            "KINSHIP_SESSION_IDLE_MINUTES": "15",
            "KINSHIP_SESSION_MAX_HOURS": "8",
        },
        code,
    )
    assert chosen.stdout.split() == ["15", "8", "28800"]
    refused = run_django(
        {"KINSHIP_VAR_DIR": str(tmp_path), "KINSHIP_SESSION_IDLE_MINUTES": "0"},
        "import django; django.setup()",
    )
    assert refused.returncode != 0
    assert "KINSHIP_SESSION_IDLE_MINUTES" in refused.stderr


# Password hashing (issue 18) -------------------------------------------------------


@pytest.mark.parametrize("production", [False, True], ids=["make-run", "production"])
def test_real_settings_hash_passwords_with_argon2id(
    tmp_path: Path, production: bool
) -> None:
    """The suite's fast hasher (kinship.settings_for_tests) never reaches
    ``make run`` or production: both hash new passwords with Argon2id."""
    env = production_env(tmp_path) if production else {"KINSHIP_VAR_DIR": str(tmp_path)}
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.contrib.auth.hashers import make_password;"
        "print(settings.PASSWORD_HASHERS[0]);"
        "print(make_password('correct horse battery staple').split('$')[1])"
    )
    result = run_django(env, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "argon2id",
    ]


def test_only_the_suite_uses_the_fast_hasher() -> None:
    from django.conf import settings

    from kinship import settings as production

    assert settings.SETTINGS_MODULE == "kinship.settings_for_tests"
    in_force = list(settings.PASSWORD_HASHERS)
    assert in_force == [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *production.PASSWORD_HASHERS,
    ]
    assert "MD5" not in " ".join(production.PASSWORD_HASHERS)
    # What `make run`, gunicorn and every management command load.
    for entry in ("manage.py", "kinship/wsgi.py"):
        text = (ROOT / entry).read_text()
        assert 'setdefault("DJANGO_SETTINGS_MODULE", "kinship.settings")' in text
