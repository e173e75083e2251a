"""The learner's language in their own workspace: the remembered choice, and lessons shown in it.

The choice lives in ``<workspace>/.course/language.json``. A week fetched from
the exchange holds each lesson in English (``NN_topic.ipynb``) and, where it is
translated, in Arabic (``NN_topic.ar.ipynb``). :func:`localise` keeps both
versions in ``<workspace>/.course/lessons/<week>/<language>/`` and puts the
learner's language under the lesson's normal name, so the week folder holds no
``.ar`` duplicate. Lessons hold no learner state; still, a lesson the learner
edited is kept in ``.course/lessons/<week>/edited/`` before it is replaced. A
notebook with graded cells (the assessment, one notebook for every language)
is never touched. Learner-side: imports nothing of the grader.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .i18n import LANGUAGES

STATE_DIR = ".course"
_CHOICE = "language.json"
_SHOWN = "shown.json"


def remembered(workspace: Path) -> str | None:
    """The language the learner chose for this workspace, if any."""
    try:
        value = json.loads((Path(workspace) / STATE_DIR / _CHOICE).read_text(encoding="utf-8"))["language"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return value if value in LANGUAGES else None


def remember(workspace: Path, language: str) -> Path:
    """Remember ``language`` for this workspace (written atomically)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    path = Path(workspace) / STATE_DIR / _CHOICE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"language": language}), encoding="utf-8")
    os.replace(tmp, path)
    return path


def chosen(workspace: Path | None) -> str:
    """The workspace's remembered language, else ``COURSE_LANG``, else English."""
    remembered_language = remembered(workspace) if workspace else None
    env = os.environ.get("COURSE_LANG")
    return remembered_language or (env if env in LANGUAGES else "en")


def localise(workspace: Path, language: str) -> list[Path]:
    """Show every fetched week's lessons of ``workspace`` in ``language``; the lessons changed."""
    workspace = Path(workspace)
    changed: list[Path] = []
    if not workspace.is_dir():
        return changed
    for folder in sorted(p for p in workspace.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if any(folder.glob("*.ipynb")) or (workspace / STATE_DIR / "lessons" / folder.name).is_dir():
            changed += localise_week(workspace, folder, language)
    return changed


def localise_week(workspace: Path, folder: Path, language: str) -> list[Path]:
    """Show one week folder's lessons in ``language`` (see the module's description)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    store = Path(workspace) / STATE_DIR / "lessons" / folder.name
    shown = _read_shown(store)
    for other in (code for code in LANGUAGES if code != "en"):
        for translated in sorted(folder.glob(f"*.{other}.ipynb")):
            name = translated.name.removesuffix(f".{other}.ipynb") + ".ipynb"
            if _graded(translated) or _graded(folder / name):
                continue
            _put(translated, store / other / name, move=True)
            english = folder / name
            if english.exists() and not _same(english, store / shown.get(name, "-") / name):
                _put(english, store / "en" / name)   # the English copy fetched with it
                shown[name] = "en"
    changed = []
    for name in sorted({p.name for code in LANGUAGES for p in (store / code).glob("*.ipynb")}):
        want = store / language / name
        if not want.exists():
            want = store / "en" / name
        if not want.exists():
            continue
        target = folder / name
        if _graded(target):
            continue
        if target.exists() and _same(target, want):
            shown[name] = want.parent.name
            continue
        was = shown.get(name)
        if target.exists() and not (was and _same(target, store / was / name)):
            _keep_edited(target, store / "edited", was or "unknown")
        _put(want, target)
        shown[name] = want.parent.name
        changed.append(target)
    if shown:
        _write_shown(store, shown)
    return changed


def _graded(path: Path) -> bool:
    """Does the notebook have nbgrader cells (an assessment)? Those are never touched."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return any(isinstance(c.get("metadata", {}).get("nbgrader"), dict) for c in nb.get("cells", []))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _put(source: Path, dest: Path, move: bool = False) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, dest)
    if move:
        source.unlink()


def _keep_edited(target: Path, folder: Path, language: str) -> None:
    number = 1
    while (folder / f"{target.stem}.{language}.{number}.ipynb").exists():
        number += 1
    _put(target, folder / f"{target.stem}.{language}.{number}.ipynb")


def _read_shown(store: Path) -> dict[str, str]:
    try:
        return dict(json.loads((store / _SHOWN).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


def _write_shown(store: Path, shown: dict[str, str]) -> None:
    store.mkdir(parents=True, exist_ok=True)
    (store / _SHOWN).write_text(json.dumps(shown, indent=1, sort_keys=True), encoding="utf-8")
