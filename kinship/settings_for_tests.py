"""Settings of the test suite: production's (``kinship.settings``) with a fast
password hasher first.

Argon2id is deliberately slow (about 100 MB and tens of milliseconds a hash), and
the suite creates and signs in thousands of accounts. Django's documented practice
is a fast hasher under test only; ``MD5PasswordHasher`` is never used anywhere
else. ``manage.py``, ``wsgi.py`` (so ``make run``) and production load
``kinship.settings``, where Argon2id stays first; a test checks that.
"""

from kinship.settings import *  # noqa: F403
from kinship.settings import PASSWORD_HASHERS as PRODUCTION_PASSWORD_HASHERS

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    *PRODUCTION_PASSWORD_HASHERS,
]
