"""Verification codes of certificates: made and checked with the course's own key, offline.

A code is ``<learner>-<YYYYMMDD>-XXXX-XXXX-XXXX-XXXX``: the learner id, the completion date and the
first 80 bits of an HMAC-SHA256 of the course id, the learner id and the date under the course's
signing key ``grading/keys/certificate.key`` (32 random bytes made on first use, owner-only). See
DESIGN.md, "Completing the course: the certificate". Kept apart from :mod:`course.grading.certificate`
(which draws the PDF) so the mentor dashboard can show a code without loading the grader.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass

from .layout import CourseLayout

KEY_NAME = "certificate.key"
_CODE = re.compile(r"^(?P<learner>.+)-(?P<date>\d{8})-(?P<mac>[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})$")


@dataclass(frozen=True)
class Verified:
    learner: str
    completed: dt.date


def signing_key(layout: CourseLayout) -> bytes:
    """The course's certificate key, made (owner-only) the first time it is needed."""
    path = layout.keys / KEY_NAME
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_bytes(32))
    os.chmod(path, 0o600)
    return path.read_bytes()


def _mac(key: bytes, course_id: str, learner: str, completed: dt.date) -> str:
    digest = hmac.new(key, f"{course_id}\n{learner}\n{completed.isoformat()}".encode("utf-8"),
                      hashlib.sha256).digest()[:10]
    text = base64.b32encode(digest).decode("ascii")            # 16 letters and digits, no padding
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def code_for(layout: CourseLayout, learner: str, completed: dt.date) -> str:
    """The verification code printed on the learner's certificate."""
    return f"{learner}-{completed:%Y%m%d}-{_mac(signing_key(layout), layout.course_id, learner, completed)}"


def verify(layout: CourseLayout, code: str) -> Verified | None:
    """The learner and date a code certifies, or None when the course's key did not make it."""
    text = code.strip()
    match = _CODE.match(text[:-19] + text[-19:].upper()) if len(text) > 19 else None   # the key part in any case
    if match is None:
        return None
    try:
        completed = dt.datetime.strptime(match["date"], "%Y%m%d").date()
    except ValueError:
        return None
    expected = _mac(signing_key(layout), layout.course_id, match["learner"], completed)
    if not hmac.compare_digest(expected, match["mac"]):
        return None
    return Verified(match["learner"], completed)


def issued_code(layout: CourseLayout, learner: str, completed: dt.date) -> str | None:
    """The code of a certificate already issued, or None while the course has no signing key
    (read only: unlike :func:`code_for`, never makes a key)."""
    try:
        key = (layout.keys / KEY_NAME).read_bytes()
    except OSError:
        return None
    if len(key) < 32:
        return None
    return f"{learner}-{completed:%Y%m%d}-{_mac(key, layout.course_id, learner, completed)}"
