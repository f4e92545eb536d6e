"""Secrets of the clinic area: staff invitation tokens and referral codes.

Both are random, shown once (in an email link, or on the page that made the
referral) and stored only as their SHA-256. A referral code uses the meeting
codes' alphabet without look-alikes, in two groups of five for reading aloud:
about 49 bits, with wrong guesses limited (services.REFERRAL_MISSES_ALLOWED).
"""

from __future__ import annotations

import hashlib
import secrets

from kinship.attendance.codes import CODE_ALPHABET, code_normalize

REFERRAL_CODE_LENGTH = 10


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def staff_token_new() -> str:
    """A new staff invitation token (about 192 bits)."""
    return secrets.token_urlsafe(24)


def referral_code_new() -> str:
    """A new referral code, as shown: ``ABCDE-FGHJK``."""
    letters = "".join(
        secrets.choice(CODE_ALPHABET) for _ in range(REFERRAL_CODE_LENGTH)
    )
    return referral_code_display(letters)


def referral_code_display(code: str) -> str:
    """A code as typed, written the way it is shown (``ABCDE-FGHJK``)."""
    letters = code_normalize(code)
    if len(letters) != REFERRAL_CODE_LENGTH:
        return letters
    return f"{letters[:5]}-{letters[5:]}"


def referral_code_hash(code: str) -> str:
    """The stored digest of a code as typed: case, spaces and dashes ignored."""
    return secret_hash(code_normalize(code))
