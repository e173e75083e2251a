"""Short helpers that look up an exercise's texts in the message catalogue by a shared prefix."""
from __future__ import annotations

from collections.abc import Iterable

from ...i18n import _


def texts(prefix: str, ids: Iterable[str]) -> dict[str, str]:
    """``{id: _("prefix.id")}`` for each id, in order."""
    return {i: _(f"{prefix}.{i}") for i in ids}


def hints(prefix: str, count: int) -> list[str]:
    """``_("prefix.1")`` ... ``_("prefix.count")``."""
    return [_(f"{prefix}.{n}") for n in range(1, count + 1)]
