"""The seeded cohort of 66 through a real hub: sign in, fetch, hand in, grading, feedback.

66 roster learners, each a Unix user under a temporary home base (unique names, removed afterwards),
and one mentor (tests/hub/running_hub.py). Week 1, two ways:

- **10 learners in real labs**: each signs up at /hub/signup, is approved by the mentor at
  /hub/authorize and logs in at /hub/login (NativeAuthenticator, the cohort's way in); their labs are
  spawned by the hub 5 at a time, and stopped once their feedback has come: the course home
  fetches week 1 by itself (``course/home/state``), the learner's answers are saved through the
  lab's contents API, the home's hand-in button (``course/home/hand-in/W``) runs ``nbgrader submit``
  in the lab, and after grading the home fetches the feedback;
- **the other 56 without a lab** (66 labs, and 66 sign-ins checking a bcrypt password each, would
  not fit the few minutes a CI run allows; the hub knows them from the roster): nbgrader's
  own ``fetch_assignment``, ``submit`` and ``fetch_feedback`` with the hub's exchange plugin, each as
  the learner's Unix user with a lab's environment and a token of theirs that may use the exchange
  (given through the hub's admin API), in children forked from one process (tests/hub/as_learners.py).

In between, ``course grade week1`` runs as the course account. Then every learner was graded once,
has the feedback page of their own hand-in and none of anyone else's.
Runs as root; skipped, saying why, when a hub cannot run here (fails instead with ``CI`` set).
"""
from __future__ import annotations

import base64
import json
import os
import pwd
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from running_hub import CHECKOUT, require_hub, start_hub, unique_ids

pytestmark = pytest.mark.slow

COHORT = 66
IN_LABS = 10
AT_ONCE = 5
WAIT = 180


def _as_course(hub, *args: str) -> str:
    from course.hub.hub_config import HubSettings
    from course.hub.launcher import as_account, course_environment
    from course.hub.singleuser import account_python
    env = course_environment(hub.root, HubSettings.read(hub.root / "hub").db_url)
    return as_account(hub.course_account, [account_python(), *args], env, " ".join(args[:4]))


def _answered(layout, week) -> bytes:
    """The week's assessment as released, every answer right (what a strong learner saves)."""
    import shutil
    import tempfile
    from course.answer_key import load_key
    from course.reference import fill
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / week.assessment
        shutil.copyfile(layout.exchange / layout.course_id / "outbound" / week.id / week.assessment, copy)
        fill(copy, None, load_key(layout.keys, week.id), "full")
        return copy.read_bytes()


def _poll(what: str, check, seconds: float = WAIT, every: float = 1.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"{what}: not after {seconds:g} s")


def _in_lab(hub, name: str, session, week, answered: bytes) -> dict:
    """One learner's week in their real lab: fetched by the home, answered, handed in with the home's button."""
    account = pwd.getpwnam(name)
    workspace = Path(account.pw_dir) / "course"
    base = f"{hub.url}/user/{name}"
    hub.spawn(name)
    # a loaded machine may take a moment to route a new lab (the hub answers "redirect loop" until then)
    _poll(f"{name}'s course home", lambda: session.get(f"{base}/course/home", timeout=120).status_code == 200, 60, 2)
    xsrf = {"X-XSRFToken": next(c.value for c in session.cookies if c.name == "_xsrf" and c.path.startswith(f"/user/{name}"))}
    _poll(f"{name}'s home fetching {week.id}",
          lambda: session.get(f"{base}/course/home/state", timeout=60).ok and (workspace / week.id / week.assessment).is_file(),
          every=2)
    saved = session.put(f"{base}/api/contents/{week.id}/{week.assessment}", headers=xsrf, timeout=60,
                        json={"type": "notebook", "format": "json", "content": json.loads(answered)})
    assert saved.status_code == 200, saved.text[:300]
    handed = session.post(f"{base}/course/home/hand-in/{week.id}", headers=xsrf, timeout=180)
    assert handed.status_code == 200, handed.text[:500]
    return {"workspace": str(workspace), "owner": (workspace / week.id / week.assessment).stat().st_uid == account.pw_uid}


def _lab_env(hub, name: str, token: str) -> dict[str, str]:
    """What a learner's lab gets from the hub's spawner (course/hub/singleuser.py), with their token."""
    entry = pwd.getpwnam(name)
    python = os.path.dirname(_python())
    return {"HOME": entry.pw_dir, "USER": name, "PATH": f"{python}:/usr/bin:/bin", "LANG": "C.UTF-8",
            "COURSE_ROOT": str(hub.root), "COURSE_HUB": "1", "COURSE_ROLE": "learner", "COURSE_LEARNER": name,
            "COURSE_LANG": "en", "COURSE_EXCHANGE_URL": f"{hub.url}/services/exchange/",
            "JUPYTER_CONFIG_PATH": str(hub.root / "hub" / "learner_config"),
            "JUPYTERHUB_API_TOKEN": token, "JUPYTERHUB_USER": name}


def _python() -> str:
    from course.hub.singleuser import account_python
    return account_python()


def _as_learners(hub, names: list[str], tokens: dict[str, str], command: list[str], tmp_path: Path,
                 write: dict[str, dict[str, str]] | None = None) -> dict[str, dict]:
    """``nbgrader COMMAND`` as each learner (tests/hub/as_learners.py); their results by name."""
    jobs = []
    for name in names:
        entry = pwd.getpwnam(name)
        jobs.append({"learner": name, "uid": entry.pw_uid, "gid": entry.pw_gid, "env": _lab_env(hub, name, tokens[name]),
                     "cwd": str(Path(entry.pw_dir) / "course"), "write": (write or {}).get(name, {}),
                     "command": [*command, "--course", _course_id(hub)]})
    path = tmp_path / f"jobs-{command[0]}.json"
    path.write_text(json.dumps(jobs), encoding="utf-8")
    done = subprocess.run([_python(), str(CHECKOUT / "tests" / "hub" / "as_learners.py"), str(path), "4"],
                          capture_output=True, text=True, cwd="/", timeout=900,
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, done.stderr[-3000:]
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {r["learner"]: r for r in results}


def _course_id(hub) -> str:
    from course.layout import CourseLayout
    return CourseLayout.at(hub.root).course_id


def test_the_seeded_cohort_of_66_through_the_hub(tmp_path):
    require_hub()
    learners = unique_ids("l", COHORT)
    hub = start_hub(tmp_path, learners=learners, mentors=unique_ids("m", 1))
    try:
        from course.layout import CourseLayout
        layout = CourseLayout.at(hub.root)
        week = layout.syllabus.weeks[0]
        answered = _answered(layout, week)

        # the learners in labs sign up, are approved by the mentor and log in
        in_labs, without = learners[:IN_LABS], learners[IN_LABS:]
        mentor = hub.login(hub.mentors[0])
        for name in in_labs:
            hub.signup(name)
            hub.approve(mentor, name)
        with ThreadPoolExecutor(4) as pool:
            sessions = dict(zip(in_labs, pool.map(hub.log_in, in_labs)))
        for name, session in sessions.items():
            assert session.get(f"{hub.url}/hub/api/user", timeout=30).json()["name"] == name
        known = {u["name"] for u in hub.api("GET", "users", params={"limit": 200}).json()}
        assert set(without) <= known   # the hub knows the whole roster; these get their tokens below

        # 10 in real labs, 5 at a time; the other 56 with nbgrader's commands as themselves
        for start in range(0, IN_LABS, AT_ONCE):
            batch = in_labs[start:start + AT_ONCE]
            with ThreadPoolExecutor(AT_ONCE) as pool:
                done = list(pool.map(lambda n: _in_lab(hub, n, sessions[n], week, answered), batch))
            assert all(d["owner"] for d in done), done
        tokens = {name: hub.token_for(name, scopes=["access:services!service=exchange"]) for name in without}
        fetched = _as_learners(hub, without, tokens, ["fetch_assignment", week.id], tmp_path)
        assert all(r["code"] == 0 for r in fetched.values()), [r for r in fetched.values() if r["code"]][:3]
        notebook = base64.b64encode(answered).decode()
        writes = {n: {str(Path(pwd.getpwnam(n).pw_dir) / "course" / week.id / week.assessment): notebook}
                  for n in without}
        submitted = _as_learners(hub, without, tokens, ["submit", week.id], tmp_path, write=writes)
        assert all(r["code"] == 0 for r in submitted.values()), [r for r in submitted.values() if r["code"]][:3]

        inbound = {}
        for entry in (layout.exchange / layout.course_id / "inbound").iterdir():
            inbound.setdefault(entry.name.split("+")[0], []).append(entry)
        assert sorted(inbound) == sorted(learners)
        assert all(len(v) == 1 for v in inbound.values()), {k: len(v) for k, v in inbound.items() if len(v) != 1}

        # the course grades the week, as the course account
        out = _as_course(hub, "-m", "course", "--root", str(hub.root), "grade", week.id)
        assert f"{week.id}: graded {COHORT}, could not be graded 0" in out, out[-2000:]
        attempts = _as_course(hub, "-c", "import sys; from course.layout import CourseLayout; "
                              "from course.storage import Ledger; layout = CourseLayout.at(sys.argv[1]); "
                              "print('\\n'.join(r['learner'] for r in Ledger(layout.db_url).attempts() "
                              "if r['week'] == sys.argv[2]))", str(hub.root), week.id).split()
        assert sorted(attempts) == sorted(learners)   # every learner graded, once

        # feedback: through the home in the labs (then stopped), with nbgrader's fetch_feedback for the others
        with ThreadPoolExecutor(AT_ONCE) as pool:
            list(pool.map(lambda n: _feedback_in_lab(hub, n, sessions[n], week), in_labs))
        got = _as_learners(hub, without, tokens, ["fetch_feedback", week.id], tmp_path)
        assert all(r["code"] == 0 for r in got.values()), [r for r in got.values() if r["code"]][:3]

        # each page sits under the time the service gave that learner's own hand-in, unique to it
        stamps = {name: (entries[0] / "timestamp.txt").read_text().strip() for name, entries in inbound.items()}
        assert len(set(stamps.values())) == COHORT
        for name in learners:
            pages = _feedback_pages(name, week)
            assert [p.parent.name for p in pages] == [stamps[name]], (name, pages)
            assert pages[0].stat().st_uid == pwd.getpwnam(name).pw_uid
            assert "<html" in pages[0].read_text(encoding="utf-8", errors="replace").lower()
    finally:
        hub.stop()


def _feedback_pages(name: str, week) -> list[Path]:
    workspace = Path(pwd.getpwnam(name).pw_dir) / "course" / week.id / "feedback"
    return sorted(workspace.glob("*/*.html"))


def _feedback_in_lab(hub, name: str, session, week) -> None:
    base = f"{hub.url}/user/{name}"
    try:
        _poll(f"{name}'s home fetching the feedback of {week.id}",
              lambda: session.get(f"{base}/course/home/state", timeout=60).ok and _feedback_pages(name, week), every=2)
    finally:
        hub.stop_server(name)
