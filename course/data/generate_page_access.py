"""Generate the practice dataset of who has access to a fictional organisation's Facebook Page.

Run ``python -m course.data.generate_page_access`` to (re)write
``course/data/page_access.csv``. The output depends only on ``SEED``.
Every name and address is invented (``bukra-youth.example`` is reserved for examples).

The list is meant to be audited, as a team would do every month or two.
Built-in problems: five people with full control (two are enough); two
people who left the team still have access, one of them with full control;
some people have no two-step login; an agency kept task access for ads after
its contract ended. Access names follow today's Page access: ``full``
(Facebook access with full control), ``partial`` (Facebook access with
partial control), ``task`` (task access for the tasks listed) and
``community`` (community manager access, for live chats).
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20251201
OUTPUT = Path(__file__).with_name("page_access.csv")
#: The day of the audit; last_active dates are before it.
AUDIT_DAY = date(2025, 12, 1)

COLUMNS = ["person", "role_in_team", "access", "tasks", "on_team", "two_step", "last_active"]

#: (person, role in the team, access, tasks, still on the team, two-step login on)
PEOPLE = [
    ("Rana Haddad", "director", "full", "", True, True),
    ("Karim Nassar", "communications officer", "full", "", True, True),
    ("Maya Khoury", "former coordinator", "full", "", False, False),
    ("Omar Saleh", "board member", "full", "", True, False),
    ("Lina Aoun", "volunteer", "full", "", True, False),
    ("Samer Jaber", "content volunteer", "partial", "", True, True),
    ("Hiba Mansour", "content volunteer", "partial", "", True, True),
    ("Yara Fares", "former intern", "partial", "", False, True),
    ("Ali Darwish", "inbox volunteer", "task", "messages; community activity", True, True),
    ("Nour Azar", "inbox volunteer", "task", "messages; community activity", True, False),
    ("Tarek Hamdan", "monitoring officer", "task", "insights", True, True),
    ("Reach Agency (ads@reach-agency.example)", "ad agency, contract ended", "task", "ads; insights", False, True),
    ("Dana Sfeir", "live-chat host", "community", "live chat moderation", True, True),
]


def generate(seed: int = SEED) -> pd.DataFrame:
    """The Page access list on the audit day, people with the most access first."""
    rng = np.random.default_rng(seed)
    rows = []
    for person, role, access, tasks, on_team, two_step in PEOPLE:
        # people still on the team used the Page lately; those who left, months ago
        days = int(rng.integers(0, 12)) if on_team else int(rng.integers(70, 260))
        rows.append({"person": person, "role_in_team": role, "access": access, "tasks": tasks,
                     "on_team": on_team, "two_step": two_step,
                     "last_active": (AUDIT_DAY - timedelta(days=days)).isoformat()})
    return pd.DataFrame(rows, columns=COLUMNS)


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path)


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
