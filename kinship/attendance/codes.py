"""Secrets of attendance: meeting codes, calendar tokens and record codes.

A meeting code is six characters from an alphabet without look-alikes (no 0/O,
1/I/L), derived with HMAC from the site's secret key, the meeting and the start of
the occurrence: nothing is stored, and knowing one week's code says nothing of
the next. It is valid from 30 minutes before the start to 30 minutes after the end.

A record's public code is its ``public_id`` signed with ``django.core.signing``
(salt ``KINSHIP_RECORD_SIGNING_SALT``), so an altered or forged code is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .occurrences import PlannedOccurrence

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CODE_WINDOW = dt.timedelta(minutes=30)
CODE_SALT = "kinship.attendance.meeting-code"


def meeting_code(meeting_uuid: uuid.UUID, starts_at: dt.datetime) -> str:
    """The check-in code of the occurrence of a meeting starting at ``starts_at``."""
    message = f"{meeting_uuid}|{starts_at.astimezone(dt.UTC).isoformat()}"
    number = int.from_bytes(salted_hmac(CODE_SALT, message).digest(), "big")
    letters = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


def code_normalize(text: str) -> str:
    """What a member typed, upper-cased, without spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch not in " -\t")


def code_matches(expected: str, given: str) -> bool:
    return constant_time_compare(expected, code_normalize(given))


def in_code_window(occurrence: PlannedOccurrence, now: dt.datetime) -> bool:
    """From 30 minutes before the start to 30 minutes after the end."""
    return occurrence.starts_at - CODE_WINDOW <= now <= occurrence.ends_at + CODE_WINDOW


def feed_token_new() -> str:
    """A new secret for a calendar address (about 256 bits)."""
    return secrets.token_urlsafe(32)


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _record_signer() -> signing.Signer:
    return signing.Signer(salt=settings.KINSHIP_RECORD_SIGNING_SALT)


def record_code(public_id: uuid.UUID) -> str:
    """The verification code of a record: its public id, signed."""
    return _record_signer().sign(public_id.hex)


def record_public_id(code: str) -> uuid.UUID | None:
    """The public id a genuine code carries; None for an altered or forged one."""
    try:
        return uuid.UUID(hex=_record_signer().unsign(code))
    except (signing.BadSignature, ValueError):
        return None
