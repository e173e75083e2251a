"""The learner's side of the course inside the single-user image (run once by deploy/Dockerfile).

    python deploy/singleuser/learner_root.py SOURCE_CHECKOUT /opt/course

On Kubernetes a learner's pod never mounts the course folder (keys, releases, the exchange, the
gradebook): every learner's pod runs as the same uid, so files could not keep learners apart. The pod
gets instead a small course root of its own, made here from the checkout:
  - ``syllabus.toml`` and ``START_HERE.ipynb`` (the weeks' titles and dates, the home notebook);
  - ``grading/nbgrader_config.py`` (nbgrader's settings: course id, limits; no data);
  - ``hub/learner_config/``: the Jupyter settings of a learner's server in hub mode: nbgrader's
    exchange replaced by the hub service's client (``course.hub.exchange_client``), the course home
    on and nbgrader's instructor tools off (as ``course lab`` for a learner).
Weeks come from the exchange service (``COURSE_EXCHANGE_URL``), which checks the gate first.
"""
from __future__ import annotations

import inspect
import json
import shutil
import sys
from pathlib import Path

# nbgrader's ExchangeFactory settings, by the nbgrader base class each one takes
FACTORY_SETTINGS = {"ExchangeList": "list", "ExchangeFetchAssignment": "fetch_assignment",
                    "ExchangeSubmit": "submit", "ExchangeFetchFeedback": "fetch_feedback",
                    "ExchangeCollect": "collect", "ExchangeReleaseAssignment": "release_assignment",
                    "ExchangeReleaseFeedback": "release_feedback"}
LEARNER_FILES = ("START_HERE.ipynb", "grading/nbgrader_config.py")


def exchange_settings() -> dict[str, str]:
    """``ExchangeFactory`` setting -> dotted name of the hub exchange client's class for it."""
    from nbgrader.exchange import abc
    from course.hub import exchange_client
    settings = {}
    for name, cls in inspect.getmembers(exchange_client, inspect.isclass):
        if cls.__module__ != exchange_client.__name__ or name.startswith("_"):
            continue
        for base, setting in FACTORY_SETTINGS.items():
            if issubclass(cls, getattr(abc, base)):
                settings[setting] = f"{cls.__module__}.{name}"
    missing = {"list", "fetch_assignment", "submit", "fetch_feedback"} - settings.keys()
    if missing:
        raise SystemExit(f"course.hub.exchange_client has no class for {', '.join(sorted(missing))}")
    return settings


def write_learner_root(checkout: Path, root: Path) -> Path:
    """Make ``root`` the learner-side course root; returns its ``hub/learner_config`` folder."""
    from course.scaffold import (HOME_SERVER_EXTENSION, _write_lab_switches, _write_learner_workspace,
                                 write_lab_locale)
    for name in LEARNER_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(checkout / name, root / name)
    # a cohort's own syllabus (its dates) if the checkout has one, else the course's
    syllabus = checkout / "syllabus.toml"
    shutil.copy2(syllabus if syllabus.exists() else checkout / "course" / "syllabus.toml", root / "syllabus.toml")
    config = root / "hub" / "learner_config"
    config.mkdir(parents=True, exist_ok=True)
    lines = ["# Written by deploy/singleuser/learner_root.py for learners' servers on a hub. Do not edit.",
             "c = get_config()  # noqa: F821",
             f"load_subconfig({str(root / 'grading' / 'nbgrader_config.py')!r})  # noqa: F821"]
    lines += [f"c.ExchangeFactory.{setting} = {dotted!r}" for setting, dotted in sorted(exchange_settings().items())]
    (config / "nbgrader_config.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_lab_switches(config, instructor=False)
    write_lab_locale(config, "en")   # the learner's language is chosen on the course home
    _write_learner_workspace(config)
    server = json.loads((config / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"][HOME_SERVER_EXTENSION] is True
    return config


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split("\n\n")[1])
    print(write_learner_root(Path(sys.argv[1]), Path(sys.argv[2])))
