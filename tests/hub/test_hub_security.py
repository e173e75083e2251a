"""Security of the running hub (issue 15, item 6): what learner A can and cannot do with A's real tokens,
from A's own Unix account.

One real hub for the module (tests/hub/running_hub.py): learners A and B (Unix users, signed up and approved
by a mentor), a mentor, every week released. A's gate is the course's default one (week 2 locked); a mentor
unlocked week 2 for B (``course unlock``), and B has a feedback page for a week-1 hand-in. A's lab is started, and the
requests below are sent by a Python process running as A's uid with the environment of A's lab, once with
the token JupyterHub gave A's lab (``JUPYTERHUB_API_TOKEN``) and once with a token A made for itself
through the hub's API. Every refusal is checked together with what must not have happened: nothing new in
inbound, no file's content in the answer. Each refusal has a control that succeeds (B's own token, the
mentor, the course account), so a check that could not fail would show.

Runs as root; skipped (failing on CI) when a hub cannot run here.
"""
from __future__ import annotations

import base64
import io
import json
import os
import pwd
import subprocess
import tarfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import requests
from nbgrader.utils import notebook_hash

from running_hub import Hub, require_hub, start_hub, unique_ids

SERVICE = "/services/exchange/"
GZIP = b"\x1f\x8b"
TOKEN_KINDS = ("lab token", "own token")
NOTES, B_NOTES = "notes.txt", "B's own notes, for B alone"
# a week folder of a real size: a refusal sent before such a body is read became the proxy's "unavailable" page
A_WEEKS_SIZE = {"assessment.ipynb": b"{}", "chart.png": os.urandom(3 * 1024 * 1024)}

# Sent by A's uid: each request exactly as written (no path normalisation), the token from the environment.
SEND = r'''
import base64, http.client, json, os, sys
port = int(sys.argv[1])
out = []
for req in json.load(sys.stdin):
    headers = dict(req.get("headers") or {})
    if req.get("token", True):
        headers["Authorization"] = "token " + os.environ["JUPYTERHUB_API_TOKEN"]
    body = base64.b64decode(req["body"]) if req.get("body") is not None else None
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request(req.get("method", "GET"), req["path"], body=body, headers=headers)
    answer = conn.getresponse()
    out.append({"status": answer.status, "type": answer.getheader("Content-Type") or "",
                "body": base64.b64encode(answer.read()).decode()})
    conn.close()
print(json.dumps(out))
'''

# Tried by an account on the course's files: "ok", or the name of the error.
TOUCH = r'''
import json, os, socket, sys
out = {}
for op, path in json.load(sys.stdin):
    try:
        if op == "list":
            os.listdir(path)
        elif op == "read":
            with open(path, "rb") as fh:
                fh.read(1)
        elif op == "connect":
            s = socket.socket(socket.AF_UNIX)
            try:
                s.connect(path)
            finally:
                s.close()
        out[op + " " + path] = "ok"
    except Exception as exc:
        out[op + " " + path] = type(exc).__name__
print(json.dumps(out))
'''


@dataclass
class Answer:
    status: int
    type: str
    body: bytes

    @property
    def message(self) -> str:
        return json.loads(self.body)["message"]

    def members(self) -> dict[str, bytes]:
        with tarfile.open(fileobj=io.BytesIO(self.body), mode="r:gz") as tar:
            return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isreg()}


def _run_as(name: str, code: str, stdin: str, env: dict[str, str] | None = None, *args: str) -> str:
    """Run Python ``code`` as Unix user ``name`` (from ``/``); its standard output."""
    from course.hub.singleuser import account_python
    entry = pwd.getpwnam(name)
    env = dict(env or {"PATH": "/usr/bin:/bin", "HOME": entry.pw_dir})
    done = subprocess.run([account_python(), "-c", code, *args], input=stdin, capture_output=True, text=True,
                          user=entry.pw_uid, group=entry.pw_gid, extra_groups=[], cwd="/", env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def _own_token(hub: Hub, session: requests.Session, name: str, scopes: list[str] | None = None) -> str:
    """A token ``name`` makes for itself through the hub's API, signed in by its own browser session."""
    session.get(f"{hub.url}/hub/token", timeout=30).raise_for_status()
    body = {"note": "made by the learner", "expires_in": 3600}
    if scopes is not None:
        body["scopes"] = scopes
    made = session.post(f"{hub.url}/hub/api/users/{name}/tokens", json=body, timeout=30,
                        headers={"X-XSRFToken": session.cookies.get("_xsrf", "")})
    assert made.status_code == 201, made.text
    return made.json()["token"]


class Course:
    """The hub's course, as root sees it: the exchange's folders and what is in them."""

    def __init__(self, hub: Hub):
        from course.layout import CourseLayout
        self.layout = CourseLayout.at(hub.root)
        self.folder = self.layout.exchange / self.layout.course_id
        self.inbound = self.folder / "inbound"
        self.feedback = self.folder / "feedback"
        self.weeks = [w.id for w in self.layout.syllabus.weeks]

    def inbound_names(self) -> list[str]:
        return sorted(n for n in os.listdir(self.inbound) if not n.startswith("."))

    def of(self, learner: str) -> list[str]:
        return [n for n in self.inbound_names() if n.startswith(f"{learner}+")]


@dataclass
class Cohort:
    hub: Hub
    course: Course
    a: str
    b: str
    mentor: str
    a_session: requests.Session
    b_session: requests.Session
    lab_env: dict[str, str]          # A's lab's environment, with its token
    own_token: str                   # a token A made for itself
    b_token: str
    mentor_token: str
    b_secret: str                    # of B's week-1 hand-in
    b_page: str                      # B's feedback page's name (the hash)
    b_marker: str                    # a text only B's page holds

    def token(self, kind: str) -> str:
        return self.lab_env["JUPYTERHUB_API_TOKEN"] if kind == "lab token" else self.own_token

    def as_a(self, kind: str, requests_: list[dict]) -> list[Answer]:
        """Send ``requests_`` from A's uid, with A's lab's environment and the token of ``kind``."""
        env = {**self.lab_env, "JUPYTERHUB_API_TOKEN": self.token(kind)}
        port = str(int(self.hub.url.rsplit(":", 1)[1]))
        out = json.loads(_run_as(self.a, SEND, json.dumps(requests_), env, port))
        return [Answer(o["status"], o["type"], base64.b64decode(o["body"])) for o in out]

    def call(self, token: str | None, method: str, path: str, **kwargs) -> Answer:
        """A request from this process (B's or the mentor's side, and the controls)."""
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"token {token}"
        r = requests.request(method, self.hub.url + SERVICE + path, headers=headers, timeout=120, **kwargs)
        return Answer(r.status_code, r.headers.get("Content-Type", ""), r.content)


def _tar(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _hand_in(path: str, files: dict[str, bytes] | bytes, submission_id: str | None = None,
             headers: dict | None = None) -> dict:
    body = files if isinstance(files, bytes) else _tar(files)
    return {"method": "POST", "path": path, "body": base64.b64encode(body).decode(),
            "headers": {"X-Course-Submission-Id": submission_id or str(uuid.uuid4()),
                        "Content-Type": "application/gzip", **(headers or {})}}


def _unlock(hub: Hub, learner: str, week: str) -> None:
    """A mentor's ``course unlock LEARNER WEEK`` on the hub's course, run as the course account."""
    from course.hub.hub_config import HubSettings
    from course.hub.launcher import as_account, course_environment
    from course.hub.singleuser import account_python
    env = course_environment(hub.root, HubSettings.read(hub.root / "hub").db_url)
    as_account(hub.course_account, [account_python(), "-m", "course", "--root", str(hub.root), "unlock", learner,
                                    week, "--reason", "did the week offline", "--by", hub.mentors[0]], env,
               "Unlocking a week")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> Iterator[Cohort]:
    require_hub()
    a, b = unique_ids("la", 1)[0], unique_ids("lb", 1)[0]
    hub = start_hub(tmp_path_factory.mktemp("hub"), learners=[a, b], mentors=unique_ids("m", 1))
    try:
        course = Course(hub)
        w1, w2 = course.weeks[:2]
        from course import gate
        _unlock(hub, b, w2)
        assert not gate.read(course.layout.gate_dir, a)[w2].is_open     # A's gate: week 2 locked
        assert gate.read(course.layout.gate_dir, b)[w2].can_submit      # B's: week 2 open
        mentor = hub.mentors[0]
        mentor_session = hub.login(mentor)
        a_session = hub.login(a, approve_by=mentor_session)
        b_session = hub.login(b, approve_by=mentor_session)
        lab = hub.spawn(a)
        assert Path(f"/proc/{lab['pid']}").stat().st_uid == pwd.getpwnam(a).pw_uid
        lab_env = _environment(lab["pid"])
        hub.spawn(b)
        b_entry = pwd.getpwnam(b)
        notes = Path(b_entry.pw_dir) / "course" / NOTES
        notes.write_text(B_NOTES, encoding="utf-8")
        os.chown(notes, b_entry.pw_uid, b_entry.pw_gid)
        os.chmod(notes, 0o600)
        b_token, mentor_token = hub.token_for(b), hub.token_for(mentor)
        own_token = _own_token(hub, a_session, a)
        # B hands week 1 in through the service; the grader's page for it lands in feedback (as the course account)
        cohort = Cohort(hub, course, a, b, mentor, a_session, b_session, lab_env, own_token, b_token, mentor_token,
                        "", "", f"page-of-{b}-{uuid.uuid4().hex}")
        handed = cohort.call(b_token, "POST", f"api/weeks/{w1}/submissions", data=_tar({"assessment.ipynb": b"{}"}),
                             headers={"X-Course-Submission-Id": str(uuid.uuid4())})
        assert handed.status == 201, handed.body
        [folder] = course.of(b)
        cohort.b_secret = (course.inbound / folder / "submission_secret.txt").read_text()
        cohort.b_page = f"{notebook_hash(secret=cohort.b_secret, notebook_id='assessment')}.html"
        account = pwd.getpwnam(hub.course_account)
        course.feedback.mkdir(exist_ok=True)
        os.chown(course.feedback, account.pw_uid, account.pw_gid)
        (course.feedback / cohort.b_page).write_text(f"<p>{cohort.b_marker}</p>", encoding="utf-8")
        os.chown(course.feedback / cohort.b_page, account.pw_uid, account.pw_gid)
        own = cohort.call(b_token, "GET", f"api/weeks/{w1}/feedback")
        assert own.status == 200 and cohort.b_marker.encode() in b"".join(own.members().values())
        yield cohort
    finally:
        hub.stop()


def _leaks(answer: Answer, *texts: str) -> bool:
    """Whether a refused answer carries a file: a tar, or any of ``texts``."""
    return answer.body.startswith(GZIP) or any(t.encode() in answer.body for t in texts)


# ---------------------------------------------------------------------------- the tokens themselves

@pytest.mark.parametrize("kind", TOKEN_KINDS)
def test_both_of_as_tokens_are_as_and_reach_the_exchange(cohort, kind):
    """The tokens used below are A's, and good: A's uid lists A's open week with each (the control)."""
    me = requests.get(f"{cohort.hub.url}/hub/api/user", headers={"Authorization": f"token {cohort.token(kind)}"},
                      timeout=30).json()
    assert me["name"] == cohort.a and "access:services!service=exchange" in me["scopes"]
    [listed] = cohort.as_a(kind, [{"path": SERVICE + "api/weeks"}])
    assert listed.status == 200
    assert [w["week"] for w in json.loads(listed.body)["weeks"]] == cohort.course.weeks[:1]


# ---------------------------------------------------------------------------- a week locked for A

def _locked_week_tricks(w1: str, w2: str) -> list[str]:
    """Addresses that might reach week 2's release by another spelling."""
    return [f"api/weeks/{w1}/%2e%2e/{w2}/release", f"api/weeks/{w1}/../{w2}/release",
            f"api/weeks/%2e%2e/{w2}/release", f"api/weeks/{w1}%2F..%2F{w2}/release", f"api/weeks/{w1}%2f{w2}/release",
            f"api/weeks/{w2}%2F/release", f"api/weeks/{w2}%00/release", f"api/weeks/{w2}./release",
            f"api/weeks/{w2.upper()}/release", f"api/weeks/{w2.capitalize()}/release", f"api/weeks/{w2}/release/",
            f"api//weeks/{w2}/release", f"api/weeks/%77{w2[1:]}/release",
            f"api/courses/other/weeks/{w2}/release", f"api/weeks/{w2}/release?course_id=other",
            f"api/weeks/{w2}/release?learner=_default", f"../exchange/api/weeks/{w2}/release",
            f"api/weeks/{w1}/release/../../{w2}/release", f"outbound/{w2}/assessment.ipynb",
            f"api/weeks/..%2Foutbound%2F{w2}/release"]


@pytest.mark.parametrize("kind", TOKEN_KINDS)
def test_a_week_locked_for_a_is_not_listed_and_cannot_be_fetched_by_any_address(cohort, kind):
    course = cohort.course
    w1, w2 = course.weeks[:2]
    from course import gate
    sentence = gate.read(course.layout.gate_dir, cohort.a)[w2].message
    assert sentence
    notebooks = [p.name for p in (course.folder / "outbound" / w2).iterdir()]
    before = course.inbound_names()
    tricks = _locked_week_tricks(w1, w2)
    listed, fetched, control, *tried = cohort.as_a(kind, [
        {"path": SERVICE + "api/weeks"}, {"path": SERVICE + f"api/weeks/{w2}/release"},
        {"path": SERVICE + f"api/weeks/{w1}/release"}, *({"path": SERVICE + t} for t in tricks)])
    assert listed.status == 200 and w2 not in listed.body.decode()
    assert fetched.status == 403 and fetched.message == sentence and not _leaks(fetched, *notebooks)
    assert control.status == 200 and control.body.startswith(GZIP)         # A's open week comes
    for trick, answer in zip(tricks, tried):
        assert answer.status in (403, 404), (trick, answer)
        assert not _leaks(answer, *notebooks), trick
    b_gets_it = cohort.call(cohort.b_token, "GET", f"api/weeks/{w2}/release")   # open for B: the refusal is A's gate
    assert b_gets_it.status == 200 and set(b_gets_it.members()) == set(notebooks)
    [handed] = cohort.as_a(kind, [_hand_in(SERVICE + f"api/weeks/{w2}/submissions", {"assessment.ipynb": b"{}"})])
    assert handed.status == 403 and handed.message == sentence
    assert course.inbound_names() == before


# ---------------------------------------------------------------------------- B's feedback

@pytest.mark.parametrize("kind", TOKEN_KINDS)
def test_a_cannot_fetch_bs_feedback_by_week_name_hash_or_path(cohort, kind):
    course, b, page = cohort.course, cohort.b, cohort.b_page
    w1 = course.weeks[0]
    before = course.inbound_names()
    weeks = [*course.weeks, b, f"{b}+{w1}", page, page[:-5], "feedback", "_default"]
    tricks = [f"api/weeks/{w1}/feedback/{page}", f"api/feedback/{page}", f"feedback/{page}",
              f"api/weeks/{w1}/feedback?learner={b}", f"api/weeks/{w1}/feedback?user={b}",
              f"api/weeks/..%2Ffeedback%2F{page}/feedback", f"api/weeks/{w1}/%2e%2e/%2e%2e/feedback/{page}",
              f"api/weeks/{w1}/../../../feedback/{page}", f"api/weeks/{w1}%2F..%2F..%2Ffeedback/feedback",
              f"api/weeks/{w1}/feedback%2F{page}"]
    answers = cohort.as_a(kind, [{"path": SERVICE + f"api/weeks/{w}/feedback"} for w in weeks]
                          + [{"path": SERVICE + t} for t in tricks]
                          + [{"path": SERVICE + f"api/weeks/{w1}/feedback", "headers": {"X-Forwarded-User": b}}])
    for asked, answer in zip([*weeks, *tricks, "forwarded"], answers):
        if answer.status == 200:   # A's own feedback of a week: A has no page, so nothing
            assert answer.body.startswith(GZIP) and answer.members() == {}, asked
        else:
            assert answer.status in (403, 404) and not _leaks(answer, cohort.b_marker), (asked, answer)
        assert cohort.b_marker.encode() not in answer.body and cohort.b_secret.encode() not in answer.body
    assert course.inbound_names() == before


def test_a_hand_in_carrying_bs_secret_does_not_bring_a_bs_feedback(cohort):
    """Even knowing B's submission secret (the key of B's page), A's hand-in gets a secret of the service's own."""
    course, w1 = cohort.course, cohort.course.weeks[0]
    before = course.of(cohort.a)
    [handed, feedback] = cohort.as_a("lab token", [
        _hand_in(SERVICE + f"api/weeks/{w1}/submissions",
                 {"assessment.ipynb": b"{}", "submission_secret.txt": cohort.b_secret.encode()}),
        {"path": SERVICE + f"api/weeks/{w1}/feedback"}])
    assert handed.status == 201, handed.body
    [new] = sorted(set(course.of(cohort.a)) - set(before))
    assert (course.inbound / new / "submission_secret.txt").read_text() != cohort.b_secret
    assert feedback.status == 200 and feedback.members() == {}
    assert cohort.b_marker.encode() not in feedback.body


# ---------------------------------------------------------------------------- handing in as B

@pytest.mark.parametrize("kind", TOKEN_KINDS)
def test_a_cannot_hand_in_as_b(cohort, kind):
    """Headers, the query and the tar all name B: the hand-in is A's, and B's hand-ins are as they were."""
    course, a, b, w1 = cohort.course, cohort.a, cohort.b, cohort.course.weeks[0]
    b_before, a_before = course.of(b), course.of(a)
    forged = f"{b}+{w1}+2020-01-01 00:00:00.000000 UTC"
    claims = {"X-Forwarded-User": b, "X-Remote-User": b, "X-Course-Learner": b, "X-Jupyterhub-User": b,
              "Cookie": "; ".join(f"{k}={v}" for k, v in cohort.b_session.cookies.get_dict().items())}
    [handed] = cohort.as_a(kind, [_hand_in(
        SERVICE + f"api/weeks/{w1}/submissions?learner={b}&user={b}&student_id={b}",
        {"assessment.ipynb": b"{}", f"{forged}/assessment.ipynb": b"{}", "student_id.txt": b.encode(),
         "timestamp.txt": b"2020-01-01 00:00:00.000000 UTC"}, headers=claims)])
    assert handed.status == 201, handed.body
    assert course.of(b) == b_before
    [new] = sorted(set(course.of(a)) - set(a_before))
    assert new.startswith(f"{a}+{w1}+{json.loads(handed.body)['timestamp']}+")
    assert (course.inbound / new / forged / "assessment.ipynb").is_file()       # only a folder inside A's hand-in
    assert (course.inbound / new / "timestamp.txt").read_text() == json.loads(handed.body)["timestamp"]
    owner = pwd.getpwuid((course.inbound / new).stat().st_uid).pw_name
    assert owner == cohort.hub.course_account
    # a path out of the week folder, to put a folder of B's name next to A's, is refused and writes nothing
    everything = course.inbound_names()
    [escaping] = cohort.as_a(kind, [_hand_in(SERVICE + f"api/weeks/{w1}/submissions",
                                             {"assessment.ipynb": b"{}", f"../{forged}/assessment.ipynb": b"{}"})])
    assert escaping.status == 400 and "not a path inside the week folder" in escaping.message
    assert course.inbound_names() == everything


# ---------------------------------------------------------------------------- replays

@pytest.mark.parametrize("kind", TOKEN_KINDS)
def test_a_replayed_hand_in_is_refused_and_inbound_holds_it_once(cohort, kind):
    course, w1 = cohort.course, cohort.course.weeks[0]
    submission_id = str(uuid.uuid4())
    request = _hand_in(SERVICE + f"api/weeks/{w1}/submissions", {"assessment.ipynb": b"{}"}, submission_id)
    before = course.inbound_names()
    first, again = cohort.as_a(kind, [request, request])
    assert first.status == 201, first.body
    assert again.status == 409 and again.message == "This hand-in was already received."
    new = sorted(set(course.inbound_names()) - set(before))
    assert len(new) == 1 and new[0].startswith(f"{cohort.a}+{w1}+")
    by_b = cohort.call(cohort.b_token, "POST", f"api/weeks/{w1}/submissions", data=base64.b64decode(request["body"]),
                       headers=request["headers"])
    assert by_b.status == 409 and course.of(cohort.b) == [n for n in before if n.startswith(f"{cohort.b}+")]
    listed = cohort.call(cohort.mentor_token, "GET", f"api/mentor/submissions?week={w1}")
    assert [s["id"] for s in json.loads(listed.body)["submissions"]].count(submission_id) == 1
    assert sorted(set(course.inbound_names()) - set(before)) == new


def test_the_same_hand_in_sent_twice_at_once_is_received_once(cohort):
    course, w1 = cohort.course, cohort.course.weeks[0]
    body, submission_id = _tar({"assessment.ipynb": b"{}"}), str(uuid.uuid4())
    before = course.inbound_names()
    statuses = []

    def send():
        statuses.append(cohort.call(cohort.own_token, "POST", f"api/weeks/{w1}/submissions", data=body,
                                    headers={"X-Course-Submission-Id": submission_id}).status)
    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201, 409, 409, 409]
    assert len(set(course.inbound_names()) - set(before)) == 1


def test_a_refused_hand_in_of_a_real_weeks_size_still_says_why(cohort):
    """Refused before its body is read (a locked week, a replay), a hand-in of a few MB still reaches A's lab
    through the hub's proxy as the service's sentence, and nothing of it is kept."""
    course = cohort.course
    w1, w2 = course.weeks[:2]
    from course import gate
    sentence = gate.read(course.layout.gate_dir, cohort.a)[w2].message
    files = A_WEEKS_SIZE
    replayed = _hand_in(SERVICE + f"api/weeks/{w1}/submissions", files)
    before = course.inbound_names()
    locked, first, again = cohort.as_a("lab token", [_hand_in(SERVICE + f"api/weeks/{w2}/submissions", files),
                                                     replayed, replayed])
    assert locked.status == 403 and locked.message == sentence
    assert first.status == 201, first.body
    assert again.status == 409 and again.message == "This hand-in was already received."
    assert len(set(course.inbound_names()) - set(before)) == 1


# ---------------------------------------------------------------------------- files, from A's uid

def _private_paths(cohort: Cohort) -> dict[str, list[tuple[str, str]]]:
    """What A must not open, by the account that may (the control)."""
    root, course = cohort.hub.root, cohort.course
    b_home = Path(pwd.getpwnam(cohort.b).pw_dir)
    notes = b_home / "course" / NOTES
    key = next(p for p in course.layout.keys.iterdir() if p.is_file())
    postgres = root / "hub" / "postgres"
    socket_file = next(postgres.glob(".s.PGSQL.*[0-9]"))
    w2 = course.weeks[1]
    as_course = [("list", root / "grading" / d) for d in ("keys", "exchange", "source", "release", "roster",
                                                           "assessments")]
    as_course += [("read", key), ("read", course.layout.gate_dir / "_default.json"), ("list", course.inbound),
                  ("list", course.folder / "outbound" / w2),
                  ("read", course.folder / "outbound" / w2 / "assessment.ipynb"),
                  ("read", course.feedback / cohort.b_page), ("list", root / w2),
                  ("list", postgres), ("list", postgres / "data"), ("connect", socket_file),
                  ("read", root / "hub" / "exchange.sqlite")]
    if (root / "grading" / "gradebook.db").exists():
        as_course.append(("read", root / "grading" / "gradebook.db"))
    return {cohort.hub.course_account: [(op, str(p)) for op, p in as_course],
            cohort.b: [("list", str(b_home)), ("read", str(notes))],
            "root": [("list", str(root / "hub" / "jupyterhub")),
                     ("read", str(root / "hub" / "jupyterhub" / "jupyterhub.sqlite"))]}


def test_a_cannot_open_bs_home_or_the_courses_folders_but_their_owners_can(cohort):
    paths = _private_paths(cohort)
    tried = [item for items in paths.values() for item in items]
    env = {k: v for k, v in cohort.lab_env.items() if k in ("PATH", "HOME", "LANG")}
    by_a = json.loads(_run_as(cohort.a, TOUCH, json.dumps(tried), env))
    refused = {f"{op} {path}" for op, path in tried if by_a[f"{op} {path}"] == "PermissionError"}
    assert refused == {f"{op} {path}" for op, path in tried}, {k: v for k, v in by_a.items() if k not in refused}
    for account, items in paths.items():   # the control: the owner opens each one
        done = json.loads(_run_as(account, TOUCH, json.dumps(items)))
        assert set(done.values()) == {"ok"}, (account, done)


def _pids_of(command_part: str, root: Path) -> list[int]:
    """The processes of this hub whose command line holds ``command_part``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if command_part.encode() in cmdline and str(root).encode() in cmdline:
            found.append(int(pid))
    return found


def test_the_hubs_and_the_services_secrets_are_not_as(cohort):
    """A's lab holds no secret of the hub's; A cannot read the environment (tokens) of the exchange service or of
    ``course hub``, which their own accounts can."""
    values = "\n".join(cohort.lab_env.values())
    assert cohort.hub.api_token not in values and "COURSE_DB_URL" not in cohort.lab_env
    assert cohort.own_token not in values and cohort.b_token not in values and cohort.mentor_token not in values
    [service] = _pids_of("course.hub.exchange_service", cohort.hub.root)
    assert Path(f"/proc/{service}").stat().st_uid == pwd.getpwnam(cohort.hub.course_account).pw_uid
    secrets_of = {cohort.hub.course_account: [("read", f"/proc/{service}/environ")],
                  "root": [("read", f"/proc/{cohort.hub.process.pid}/environ")]}
    tried = [item for items in secrets_of.values() for item in items]
    by_a = json.loads(_run_as(cohort.a, TOUCH, json.dumps(tried)))
    assert set(by_a.values()) == {"PermissionError"}, by_a
    for account, items in secrets_of.items():
        assert set(json.loads(_run_as(account, TOUCH, json.dumps(items))).values()) == {"ok"}, account


# ---------------------------------------------------------------------------- mentors' endpoints

@pytest.mark.parametrize("kind", TOKEN_KINDS)
def test_the_mentors_endpoints_refuse_a_and_serve_the_mentor(cohort, kind):
    w1 = cohort.course.weeks[0]
    before = cohort.course.inbound_names()
    paths = ["api/mentor/submissions", f"api/mentor/submissions?week={w1}", "api/mentor/submissions/",
             "api/mentor/submissions?groups=mentors", "api/Mentor/submissions", "api/mentor%2Fsubmissions",
             "api/weeks/../mentor/submissions"]
    answers = cohort.as_a(kind, [{"path": SERVICE + p, "headers": {"X-Jupyterhub-Groups": "mentors"}} for p in paths])
    for path, answer in zip(paths, answers):
        assert answer.status in (403, 404), (path, answer)
        assert not _leaks(answer, cohort.b, "submission"), (path, answer)
    assert answers[0].status == 403 and answers[0].message == "Only mentors may see every hand-in."
    # A's own token cannot put A in the mentors group either
    joined = requests.post(f"{cohort.hub.url}/hub/api/groups/mentors/users", json={"users": [cohort.a]},
                           headers={"Authorization": f"token {cohort.token(kind)}"}, timeout=30)
    assert joined.status_code == 403
    assert cohort.a not in cohort.hub.api("GET", "groups/mentors").json()["users"]
    served = cohort.call(cohort.mentor_token, "GET", f"api/mentor/submissions?week={w1}")
    assert served.status == 200
    assert cohort.b in {s["learner"] for s in json.loads(served.body)["submissions"]}
    assert cohort.course.inbound_names() == before


# ---------------------------------------------------------------------------- who is asking

def test_no_token_a_bad_token_or_bs_cookies_alone_are_refused(cohort):
    course, w1 = cohort.course, cohort.course.weeks[0]
    before = course.inbound_names()
    hand_in = {"data": _tar(A_WEEKS_SIZE), "headers": {"X-Course-Submission-Id": str(uuid.uuid4())}}
    for token in (None, "not-a-token", cohort.b_token[:-1] + ("0" if cohort.b_token[-1] != "0" else "1")):
        for method, path, extra in (("GET", "api/weeks", {}), ("GET", f"api/weeks/{w1}/release", {}),
                                    ("GET", f"api/weeks/{w1}/feedback", {}),
                                    ("POST", f"api/weeks/{w1}/submissions", hand_in)):
            answer = cohort.call(token, method, path, **extra)
            assert answer.status in (401, 403), (token, path, answer)
            assert not _leaks(answer, cohort.b_marker) and "message" in json.loads(answer.body)
    # B signed in to the hub: the browser's cookies alone, or a header naming B, open nothing of the service
    cookies = "; ".join(f"{k}={v}" for k, v in cohort.b_session.cookies.get_dict().items())
    for path in ("api/weeks", f"api/weeks/{w1}/feedback", f"api/weeks/{w1}/release"):
        for answer in (cohort.b_session.get(cohort.hub.url + SERVICE + path, timeout=60),
                       requests.get(cohort.hub.url + SERVICE + path, headers={"Cookie": cookies}, timeout=60)):
            assert answer.status_code in (401, 403) and not answer.content.startswith(GZIP), path
            assert cohort.b_marker.encode() not in answer.content
        named = requests.get(cohort.hub.url + SERVICE + path, headers={"X-Forwarded-User": cohort.b}, timeout=60)
        assert named.status_code in (401, 403) and not named.content.startswith(GZIP), path
    posted = cohort.b_session.post(cohort.hub.url + SERVICE + f"api/weeks/{w1}/submissions", timeout=60, **hand_in)
    assert posted.status_code in (401, 403)
    assert course.inbound_names() == before


def test_a_token_without_the_exchange_scope_is_refused(cohort):
    course, w1 = cohort.course, cohort.course.weeks[0]
    before = course.inbound_names()
    narrow = _own_token(cohort.hub, cohort.a_session, cohort.a, scopes=["read:users:name!user"])
    me = requests.get(f"{cohort.hub.url}/hub/api/user", headers={"Authorization": f"token {narrow}"}, timeout=30)
    assert me.status_code == 200 and me.json()["name"] == cohort.a          # a real token of A's
    assert not any(s.startswith("access:services") for s in me.json()["scopes"])
    lab_only = cohort.hub.token_for(cohort.a, scopes=[f"access:servers!user={cohort.a}"])
    for token in (narrow, lab_only):
        for method, path, extra in (("GET", "api/weeks", {}), ("GET", f"api/weeks/{w1}/release", {}),
                                    ("POST", f"api/weeks/{w1}/submissions",
                                     {"data": _tar(A_WEEKS_SIZE),
                                      "headers": {"X-Course-Submission-Id": str(uuid.uuid4())}})):
            answer = cohort.call(token, method, path, **extra)
            assert answer.status == 403 and "may not use the course's exchange" in answer.message, (path, answer)
            assert not answer.body.startswith(GZIP)
    assert course.inbound_names() == before


# ---------------------------------------------------------------------------- B's lab

@pytest.mark.parametrize("kind", TOKEN_KINDS)
def test_as_tokens_do_not_open_bs_lab(cohort, kind):
    b = cohort.b
    notes = Path(pwd.getpwnam(b).pw_dir) / "course" / NOTES
    before = sorted(notes.parent.iterdir())
    paths = [f"/user/{b}/api/contents", f"/user/{b}/files/{NOTES}", f"/user/{b}/api/contents/{NOTES}",
             f"/user/{cohort.a}/../{b}/api/contents/{NOTES}", f"/user/{cohort.a}/%2e%2e/{b}/files/{NOTES}",
             f"/user/{b.upper()}/api/contents/{NOTES}"]
    overwrite = json.dumps({"type": "file", "format": "text", "content": "A was here"}).encode()
    answers = cohort.as_a(kind, [{"path": p} for p in paths] + [
        {"method": "PUT", "path": f"/user/{b}/api/contents/{NOTES}", "headers": {"Content-Type": "application/json"},
         "body": base64.b64encode(overwrite).decode()}])
    for path, answer in zip([*paths, "PUT"], answers):
        assert answer.status in (302, 403, 404), (path, answer)
        assert B_NOTES.encode() not in answer.body and NOTES.encode() not in answer.body, (path, answer)
    control = requests.get(f"{cohort.hub.url}/user/{b}/api/contents/{NOTES}",
                           headers={"Authorization": f"token {cohort.b_token}"}, timeout=60)
    assert control.status_code == 200 and control.json()["content"] == B_NOTES
    assert sorted(notes.parent.iterdir()) == before and notes.read_text(encoding="utf-8") == B_NOTES
