"""The exchange service (course/hub/exchange_service.py) on a real course root, signed in through a
token table instead of a hub: what each learner may list, fetch, hand in and read back, and what is refused."""
from __future__ import annotations

import datetime as dt
import http.client
import io
import json
import os
import tarfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from nbgrader.utils import notebook_hash
from service_thread import ServiceThread

from course import gate, grading
from course.answer_key import load_key
from course.reference import fill

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"
USERS = {"tok-nour": ("nour", []), "tok-badr": ("badr", []), "tok-lina": ("lina", []), "tok-omar": ("omar", []),
         "tok-rima": ("m_rima", ["mentors"]), "tok-odd": ("no+plus", [])}


@pytest.fixture(scope="module")
def course(layout):
    grading.unlock(layout, "lina", W2, "did week 1 offline")
    return layout


@pytest.fixture(scope="module")
def service(course):
    running = ServiceThread(course, USERS)
    yield running
    running.stop()


def call(service, path, token="tok-nour", method="GET", body=None, headers=None):
    """(status, body bytes, content type)."""
    hdrs = dict(headers or {})
    if token:
        hdrs["Authorization"] = f"token {token}"
    request = urllib.request.Request(service.url + path, data=body, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def message(body: bytes) -> str:
    return json.loads(body)["message"]


def tar_of(files: dict[str, bytes], extra=None) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info in extra or []:
            tar.addfile(info)
    return buffer.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isreg()}


def submit(service, files, token="tok-nour", week=W1, submission_id=None):
    return call(service, f"api/weeks/{week}/submissions", token, "POST", tar_of(files) if isinstance(files, dict) else files,
                {"X-Course-Submission-Id": submission_id or str(uuid.uuid4()), "Content-Type": "application/gzip"})


def inbound(course) -> list[str]:
    return sorted(os.listdir(course.exchange / course.course_id / "inbound"))


def released_week(course, week=W1) -> dict[str, bytes]:
    folder = course.exchange / course.course_id / "outbound" / week
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_health_needs_no_sign_in_and_everything_else_does(service):
    """Is health open to the launcher, and is every other call refused without a valid token?"""
    status, body, _ = call(service, "api/health", token=None)
    assert (status, json.loads(body)) == (200, {"ok": True})
    status, body, _ = call(service, "api/weeks", token=None)
    assert status == 401 and "did not say who you are" in message(body)
    status, body, _ = call(service, "api/weeks", token="tok-stolen")
    assert status == 403 and "Sign in to the course hub again" in message(body)
    status, body, _ = call(service, "api/weeks", token="tok-odd")
    assert status == 403 and "cannot be used by the course" in message(body)


def test_the_list_shows_only_the_weeks_open_for_the_caller(service):
    """A newcomer sees week 1; a learner a mentor unlocked sees week 2 as well, and no one sees a locked week."""
    def weeks(token):
        status, body, _ = call(service, "api/weeks", token)
        assert status == 200
        return [w["week"] for w in json.loads(body)["weeks"]]
    assert weeks("tok-nour") == [W1]
    assert weeks("tok-lina") == [W1, W2]
    assert weeks("tok-badr") == [W1]


def test_the_gate_is_the_callers_own(service, course):
    """api/gate gives the learner's own published gate, else the course's default one."""
    status, body, _ = call(service, "api/gate", "tok-lina")
    assert status == 200 and json.loads(body)["learner"] == "lina"
    assert json.loads(body)["weeks"][W2]["state"] != "locked"
    status, body, _ = call(service, "api/gate", "tok-nour")
    assert json.loads(body)["learner"] == gate.DEFAULT and json.loads(body)["weeks"][W2]["state"] == "locked"


def test_the_homes_files_are_the_callers_own(service, course):
    """api/home: the caller's gate and mentor's messages (never another learner's) and the live chats."""
    from course.hub.exchange_service import PUBLIC_FILES
    from course.mentor.messages import note
    note(course, ["nour"], "Keep going, Nour")
    note(course, ["badr"], "A word for Badr only")
    status, body, _ = call(service, "api/home", "tok-nour")
    data = json.loads(body)
    assert status == 200 and data["gate"]["weeks"][W1]["state"] != "locked"
    assert [m["text"] for m in data["messages"]["messages"]] == ["Keep going, Nour"]
    assert b"Badr" not in body and "live_chats.json" in data["files"] and set(data["files"]) <= set(PUBLIC_FILES)
    assert json.loads(data["files"]["live_chats.json"]) == json.loads(
        (course.exchange / course.course_id / "live_chats.json").read_text())
    status, body, _ = call(service, "api/home", "tok-omar")
    assert json.loads(body)["messages"] == {}


def test_fetching_a_locked_week_is_refused_with_the_gates_sentence(service, course):
    status, body, ctype = call(service, f"api/weeks/{W2}/release", "tok-nour")
    entry = gate.read(course.gate_dir, "nour")[W2]
    assert status == 403 and "application/json" in ctype
    assert message(body) == entry.message and message(body).startswith("Pass week 1")
    status, body, _ = call(service, "api/weeks/week9_unknown/release", "tok-nour")
    assert status == 404 and "not part of this course" in message(body)
    status, _, _ = call(service, "api/weeks/..%2F..%2Fgrading/release", "tok-nour")
    assert status == 404


def test_the_release_is_the_released_week_exactly(service, course):
    """The tarball holds every file of outbound/<week>/ under its path inside the week, byte for byte."""
    status, body, ctype = call(service, f"api/weeks/{W1}/release", "tok-nour")
    assert status == 200 and ctype == "application/gzip"
    assert members(body) == released_week(course) and "assessment.ipynb" in members(body)
    status, again, _ = call(service, f"api/weeks/{W2}/release", "tok-lina")
    assert status == 200 and members(again) == released_week(course, W2)


def test_a_hand_in_is_named_and_timed_by_the_server(service, course):
    """Whatever the tar says (a forged time, a secret, another name), inbound gets the caller's name,
    the server's time and a secret of the service's own."""
    before = set(inbound(course))
    start = dt.datetime.now(dt.timezone.utc)
    files = {"assessment.ipynb": b"{}", "timestamp.txt": b"1999-01-01 00:00:00.000000 UTC",
             "submission_secret.txt": b"chosen", "badr+week1_facebook+1999/notes.txt": b"hello", "data/a.csv": b"1,2"}
    sid = str(uuid.uuid4())
    status, body, _ = submit(service, files, submission_id=sid)
    assert status == 201, body
    result = json.loads(body)
    new = sorted(set(inbound(course)) - before)
    assert len(new) == 1 and new[0].startswith(f"nour+{W1}+{result['timestamp']}+")
    folder = course.exchange / course.course_id / "inbound" / new[0]
    assert (folder / "timestamp.txt").read_text() == result["timestamp"] and result["id"] == sid
    received = dt.datetime.strptime(result["timestamp"], "%Y-%m-%d %H:%M:%S.%f UTC").replace(tzinfo=dt.timezone.utc)
    assert start - dt.timedelta(seconds=5) <= received <= dt.datetime.now(dt.timezone.utc)
    assert (folder / "submission_secret.txt").read_text() == result["secret"] != "chosen"
    assert (folder / "badr+week1_facebook+1999" / "notes.txt").read_bytes() == b"hello"
    assert (folder / "data" / "a.csv").read_bytes() == b"1,2"
    assert folder.stat().st_uid == os.geteuid()


def test_a_replayed_submission_is_refused_also_after_a_restart(service, course, tmp_path):
    sid = str(uuid.uuid4())
    assert submit(service, {"assessment.ipynb": b"{}"}, submission_id=sid)[0] == 201
    count = len(inbound(course))
    status, body, _ = submit(service, {"assessment.ipynb": b"{}"}, submission_id=sid)
    assert status == 409 and message(body) == "This hand-in was already received."
    restarted = ServiceThread(course, USERS)
    try:
        status, body, _ = submit(restarted, {"assessment.ipynb": b"{}"}, submission_id=sid)
        assert status == 409 and "already received" in message(body)
        assert submit(restarted, {"assessment.ipynb": b"{}"})[0] == 201
    finally:
        restarted.stop()
    assert len(inbound(course)) == count + 1
    status, body, _ = submit(service, {"assessment.ipynb": b"{}"}, submission_id="not-a-uuid")
    assert status == 400 and "no submission id" in message(body)


def _link(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


def _device(name):
    info = tarfile.TarInfo(name)
    info.type = tarfile.CHRTYPE
    return info


@pytest.mark.parametrize("case, status, words", [
    ("symlink", 400, "is a link"),
    ("hard link", 400, "is a link"),
    ("device", 400, "not an ordinary file"),
    ("dot dot", 400, "not a path inside the week folder"),
    ("absolute", 400, "not a path inside the week folder"),
    ("too big", 413, "larger than 20 MB"),
    ("too many files", 413, "more than 200 files"),
    ("not a tar", 400, "not a readable week folder"),
    ("truncated", 400, "not a readable week folder"),
])
def test_an_unsafe_hand_in_is_refused_and_nothing_is_written(service, course, case, status, words):
    ok = {"assessment.ipynb": b"{}"}
    body = {
        "symlink": lambda: tar_of(ok, [_link("answers.json", "/etc/passwd")]),
        "hard link": lambda: tar_of(ok, [_link("answers.json", "assessment.ipynb", tarfile.LNKTYPE)]),
        "device": lambda: tar_of(ok, [_device("tty")]),
        "dot dot": lambda: tar_of({**ok, "../../gate/nour.json": b"{}"}),
        "absolute": lambda: tar_of({**ok, "/tmp/evil": b"x"}),
        "too big": lambda: tar_of({**ok, "big.bin": bytes(21 * 1024 * 1024)}),
        "too many files": lambda: tar_of({f"f{i}.txt": b"x" for i in range(201)}),
        "not a tar": lambda: b"this is not a tar",
        "truncated": lambda: tar_of({**ok, "more.txt": os.urandom(50_000)})[:20_000],
    }[case]()
    before = inbound(course)
    got, answer, _ = submit(service, body)
    assert got == status and words in message(answer), (case, answer)
    assert inbound(course) == before
    assert not (Path("/tmp/evil")).exists() and not (course.gate_dir / "nour.json").exists()


def test_a_body_announced_too_large_is_refused_before_it_is_read(service, course):
    before = inbound(course)
    conn = http.client.HTTPConnection("127.0.0.1", service.port, timeout=30)
    conn.putrequest("POST", f"/services/exchange/api/weeks/{W1}/submissions")
    for key, value in {"Authorization": "token tok-nour", "X-Course-Submission-Id": str(uuid.uuid4()),
                       "Content-Length": str(200 * 1024 * 1024)}.items():
        conn.putheader(key, value)
    conn.endheaders()
    conn.send(b"x" * 1000)
    response = conn.getresponse()
    assert response.status == 413 and "larger than 20 MB" in json.loads(response.read())["message"]
    conn.close()
    assert inbound(course) == before


def test_a_locked_week_cannot_be_handed_in(service, course):
    before = inbound(course)
    status, body, _ = submit(service, {"assessment.ipynb": b"{}"}, week=W2)
    assert status == 403 and message(body).startswith("Pass week 1")
    assert inbound(course) == before


def _deliver_page(course, folder: Path, text: str) -> None:
    """What the grader does for a graded submission: the page under the hash of its secret."""
    secret = (folder / "submission_secret.txt").read_text()
    outbound = course.exchange / course.course_id / "feedback"
    outbound.mkdir(parents=True, exist_ok=True)
    (outbound / f"{notebook_hash(secret=secret, notebook_id='assessment')}.html").write_text(text)


def test_feedback_is_only_ever_the_callers_own(service, course):
    """Badr's page is never reachable by Omar, by any week or name; each gets their own under the server's time."""
    stamps = {}
    for token, learner in (("tok-badr", "badr"), ("tok-omar", "omar")):
        status, body, _ = submit(service, {"assessment.ipynb": b"{}"}, token=token)
        assert status == 201
        stamps[learner] = json.loads(body)["timestamp"]
        folder = next(p for p in (course.exchange / course.course_id / "inbound").iterdir()
                      if p.name.startswith(f"{learner}+{W1}+{stamps[learner]}"))
        _deliver_page(course, folder, f"<p>page of {learner}</p>")
    status, body, ctype = call(service, f"api/weeks/{W1}/feedback", "tok-omar")
    assert status == 200 and ctype == "application/gzip"
    assert members(body) == {f"{stamps['omar']}/assessment.html": b"<p>page of omar</p>"}
    for week in (W1, W2, "badr", f"badr+{W1}", "..", "*"):
        status, body, _ = call(service, f"api/weeks/{week}/feedback", "tok-omar")
        assert status != 200 or b"page of badr" not in b"".join(members(body).values()), week
    status, body, _ = call(service, f"api/weeks/{W1}/feedback", "tok-badr")
    assert members(body) == {f"{stamps['badr']}/assessment.html": b"<p>page of badr</p>"}


def test_the_mentor_endpoint_is_for_the_mentors_group(service, course):
    assert submit(service, {"assessment.ipynb": b"{}"}, token="tok-badr")[0] == 201
    status, body, _ = call(service, "api/mentor/submissions", "tok-nour")
    assert status == 403 and "Only mentors" in message(body)
    status, body, _ = call(service, f"api/mentor/submissions?week={W1}", "tok-rima")
    assert status == 200
    listed = json.loads(body)["submissions"]
    assert {s["learner"] for s in listed} >= {"badr"} and all(s["week"] == W1 for s in listed)
    assert all(s["id"] for s in listed if s["learner"] == "badr")
    status, body, _ = call(service, f"api/mentor/submissions?week={W2}", "tok-rima")
    assert json.loads(body)["submissions"] == []


def test_course_grade_grades_a_hand_in_that_came_through_the_service(service, course, tmp_path):
    """A learner fetches week 1 from the service, answers it and hands it in through the service; `course grade`
    takes it (the folder is the course account's) and records the attempt under the hub user's name."""
    from course.storage import Ledger
    status, body, _ = call(service, f"api/weeks/{W1}/release", "tok-badr")
    folder = tmp_path / W1
    folder.mkdir()
    for name, data in members(body).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    fill(folder / "assessment.ipynb", course.week_folder(W1) / "assessment.ipynb", load_key(course.keys, W1), "full")
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert any(name.endswith(".answers.json") for name in files)
    status, body, _ = submit(service, files, token="tok-badr")
    assert status == 201
    report = grading.grade(course, W1, learners=["badr"])
    assert "badr" in report.graded and "badr" not in report.problems, report
    ledger = Ledger(course.db_url)
    try:
        assert [a for a in ledger.attempts("badr") if a["week"] == W1]
    finally:
        ledger.close()
    status, body, _ = call(service, f"api/weeks/{W1}/feedback", "tok-badr")
    pages = members(body)
    assert any(name.endswith("/assessment.html") and b"<h1>" in page for name, page in pages.items())


class _FakeHubAuth:
    """HubAuth's answer for a token, as JupyterHub's GET /hub/api/user gives it (name, groups, scopes)."""
    access_scopes = {"access:services!service=exchange"}

    def __init__(self, models):
        self.models = models

    async def user_for_token(self, token, sync=True):
        return self.models.get(token)


def test_the_hub_identity_needs_the_access_scope_and_carries_the_groups():
    """HubIdentity: the hub's name and groups for a token allowed to use the service; a refusal otherwise."""
    import asyncio

    from course.hub.exchange_service import HubIdentity, Identity, Refusal
    who = HubIdentity(_FakeHubAuth({
        "mentor": {"kind": "user", "name": "m_rima", "groups": ["mentors"], "scopes": ["access:services"]},
        "learner": {"kind": "user", "name": "nour", "groups": [],
                    "scopes": ["access:services!service=exchange", "users:activity!user=nour"]},
        "lab-only": {"kind": "user", "name": "nour", "groups": [], "scopes": ["access:servers!server=nour/"]},
        "other-service": {"kind": "user", "name": "nour", "groups": [], "scopes": ["access:services!service=grader"]},
        "a-service": {"kind": "service", "name": "culler", "scopes": ["access:services"]}}))
    assert asyncio.run(who("mentor")) == Identity("m_rima", frozenset({"mentors"}))
    assert asyncio.run(who("learner")) == Identity("nour", frozenset())
    assert asyncio.run(who("unknown")) is None and asyncio.run(who("a-service")) is None
    for token in ("lab-only", "other-service"):
        with pytest.raises(Refusal, match="may not use the course's exchange"):
            asyncio.run(who(token))


def test_the_service_asks_the_hub_through_hubauth_and_caches_the_answer(course):
    """The real HubAuth path against a stand-in for the hub's API: the caller's token goes to GET /hub/api/user,
    the answer decides, and a second call with the same token does not ask the hub again."""
    from jupyterhub.services.auth import HubAuth
    from tornado import web

    from course.hub.exchange_service import HubIdentity
    asked = []

    class UserModel(web.RequestHandler):
        def get(self):
            token = self.request.headers.get("Authorization", "").split()[-1]
            asked.append(token)
            if token != "tok-real":
                raise web.HTTPError(403)
            self.finish({"kind": "user", "name": "nour", "groups": [], "scopes": ["access:services!service=exchange"]})

    hub = web.Application([(r"/hub/api/user", UserModel)])
    running = ServiceThread(course, authenticate=None, also=hub)
    try:
        auth = HubAuth(api_url=f"http://127.0.0.1:{running.also_port}/hub/api", api_token="service-token",
                       cache_max_age=60, access_scopes={"access:services!service=exchange"})
        running.app.settings["authenticate"] = HubIdentity(auth)
        for _ in range(3):
            status, body, _ = call(running, "api/weeks", "tok-real")
            assert status == 200 and [w["week"] for w in json.loads(body)["weeks"]] == [W1]
        assert asked == ["tok-real"]
        status, body, _ = call(running, "api/weeks", "tok-forged")
        assert status == 403 and "Sign in to the course hub again" in message(body)
    finally:
        running.stop()


def test_in_hub_mode_the_exchange_is_the_course_accounts_alone(course):
    """With ROOT/hub/hub.toml, a release leaves the exchange (and the course's folder in it, which nbgrader's
    release does not reopen) 0700; the service still serves it, as the course account."""
    import stat as st
    marker = course.hub_dir / "hub.toml"
    marker.parent.mkdir(exist_ok=True)
    marker.write_text("course_account = 'course'\n")
    try:
        assert course.is_hub
        grading.release(course, W1)
        assert st.S_IMODE(course.exchange.stat().st_mode) == 0o700
        assert st.S_IMODE((course.exchange / course.course_id).stat().st_mode) == 0o700
    finally:
        marker.unlink()
        from course.grading import files
        os.chmod(course.exchange / course.course_id, 0o755)     # as nbgrader made it, for the tests after
        files.protect(course)
    assert not course.is_hub and st.S_IMODE((course.exchange / course.course_id / "inbound").stat().st_mode) == 0o1733
