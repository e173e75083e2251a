"""The sandbox for learner code: each hostile payload runs inside it and must gain nothing.

Where it can, a test also runs the same payload outside the sandbox (the
control), so that it fails if the protection were missing. On CI (root,
``CI`` set) these tests must run: an unavailable sandbox is a failure there.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

import course
from course.grading import sandbox
from course.grading.sandbox import Limits, SandboxUnavailable

PROJECT = Path(course.__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def sandbox_works():
    """Skip locally when the sandbox cannot run here (not root, no bwrap); fail on CI."""
    try:
        sandbox.check()
    except SandboxUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"The sandbox must work on CI: {error}")
        pytest.skip(str(error))


def payload(code: str) -> list[str]:
    return ["python", "-c", textwrap.dedent(code)]


def inside(code: str, **limits) -> dict:
    """Run a payload in the sandbox; it prints one JSON object last."""
    result = sandbox.run(payload(code), limits=Limits(**limits))
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def outside(code: str, *args: str) -> dict:
    """The control: the same payload, run as an ordinary process of the caller."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, check=True, timeout=60)
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def course_root(tmp_path) -> Path:
    """A grader-side course root: an answer key and a gradebook with one grade."""
    root = tmp_path / "course"
    keys = root / "grading" / "keys"
    keys.mkdir(parents=True)
    (keys / "week1.toml").write_text('[q1]\nanswer = "b"\n')
    with sqlite3.connect(root / "grading" / "gradebook.db") as db:
        db.execute("CREATE TABLE grades (learner TEXT, score REAL)")
        db.execute("INSERT INTO grades VALUES ('amina', 3.0)")
    return root


def host_processes_of(uid: int) -> set[int]:
    pids = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        line = next((l for l in text.splitlines() if l.startswith("Uid:")), "")
        if line.split()[1:2] == [str(uid)]:
            pids.add(int(status.parent.name))
    return pids


def settled_processes_of(uid: int, before: set[int]) -> set[int]:
    """Processes of `uid` not there before; waits briefly for the kernel to reap them."""
    for _ in range(50):
        left = host_processes_of(uid) - before
        if not left:
            break
        time.sleep(0.1)
    return left


TRY_READ = """
    import json, sys
    seen = {}
    for path in sys.argv[1:]:
        try:
            with open(path, "rb") as f:
                f.read()
            seen[path] = "read"
        except OSError as error:
            seen[path] = type(error).__name__
    print(json.dumps(seen))
"""


def test_answer_keys_and_the_gradebook_cannot_be_read(course_root):
    """Can learner code open the answer key, the gradebook or the course's grading folder by absolute path?"""
    targets = [str(course_root / "grading" / "keys" / "week1.toml"),
               str(course_root / "grading" / "gradebook.db"),
               str(PROJECT / "grading" / "nbgrader_config.py"),
               "/etc/shadow"]
    assert set(outside(TRY_READ, *targets).values()) == {"read"}  # the control: they are there
    result = sandbox.run(["python", "-c", textwrap.dedent(TRY_READ), *targets])
    seen = json.loads(result.stdout)
    assert set(seen.values()) <= {"FileNotFoundError", "PermissionError"}, seen


def test_only_system_files_python_and_the_course_package_are_visible():
    """Does the sandbox show a minimal filesystem: no /home, no project folders beyond .venv and course?"""
    seen = inside("""
        import json, os
        print(json.dumps({"root": sorted(os.listdir("/")),
                          "project": sorted(os.listdir(%r)),
                          "home": os.path.exists("/home"),
                          "slash_root": sorted(os.listdir("/root")) if os.access("/root", os.R_OK) else None}))
    """ % str(PROJECT))
    assert seen["project"] == sorted([".venv", "course"])
    assert not seen["home"]
    assert seen["slash_root"] in (None, [], [".pyenv"])
    assert not {"home", "var", "srv", "mnt", "opt", "media"} & set(seen["root"])


def test_course_variables_do_not_reach_the_code(monkeypatch):
    """Does learner code see COURSE_* or any other variable of the grader's environment?"""
    monkeypatch.setenv("COURSE_KEYS_DIR", "/srv/course/grading/keys")
    monkeypatch.setenv("COURSE_ROOT", "/srv/course")
    monkeypatch.setenv("GRADER_TOKEN", "s3cret")
    code = "import json, os; print(json.dumps(sorted(os.environ)))"
    assert "COURSE_KEYS_DIR" in outside(code)  # the control: the parent has them
    seen = set(inside(code))
    assert not any(name.startswith("COURSE_") for name in seen)
    assert seen <= {"PATH", "HOME", "LANG", "TMPDIR", "PYTHONDONTWRITEBYTECODE", "PWD", "LC_CTYPE"}


UPDATE_GRADES = """
    import json, sqlite3, sys
    try:
        db = sqlite3.connect(sys.argv[1])
        db.execute("UPDATE grades SET score = 100")
        db.commit()
        print(json.dumps("updated"))
    except sqlite3.Error as error:
        print(json.dumps(type(error).__name__ + ": " + str(error)))
"""


def test_the_gradebook_cannot_be_written(course_root, tmp_path):
    """Can learner code change a grade with an sqlite UPDATE on the gradebook's path?"""
    gradebook = course_root / "grading" / "gradebook.db"
    before = digest(gradebook)
    copy = tmp_path / "copy.db"
    copy.write_bytes(gradebook.read_bytes())
    assert outside(UPDATE_GRADES, str(copy)) == "updated"  # the control, on a copy
    result = sandbox.run(["python", "-c", textwrap.dedent(UPDATE_GRADES), str(gradebook)])
    assert json.loads(result.stdout).startswith("OperationalError")
    assert digest(gradebook) == before
    with sqlite3.connect(gradebook) as db:
        assert db.execute("SELECT score FROM grades").fetchall() == [(3.0,)]


def test_only_the_scratch_folder_is_writable():
    """Can learner code write anywhere but its own scratch folder (the course package, the .venv, /etc, /)?"""
    seen = inside("""
        import json, os
        out = {}
        for path in ["/evil", "/etc/evil", "/usr/evil", %r, %r, "/tmp/ok", "ok"]:
            try:
                with open(path, "w") as f:
                    f.write("x")
                out[path] = "written"
            except OSError as error:
                out[path] = type(error).__name__
        print(json.dumps(out))
    """ % (str(PROJECT / "course" / "evil.py"), str(PROJECT / ".venv" / "evil")))
    assert seen.pop("/tmp/ok") == "written" and seen.pop("ok") == "written"
    assert "written" not in seen.values(), seen
    assert not (PROJECT / "course" / "evil.py").exists()


CONNECT = """
    import json, socket, sys
    out = {}
    for host, port in [("127.0.0.1", int(sys.argv[1])), ("192.0.2.1", 80)]:
        try:
            socket.create_connection((host, port), timeout=5).close()
            out[host] = "connected"
        except OSError as error:
            out[host] = type(error).__name__ + ": " + str(error)
    print(json.dumps(out))
"""


def test_no_network_not_even_the_hosts_loopback():
    """Can learner code connect to a service listening on the host's 127.0.0.1, or to the internet?"""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = str(listener.getsockname()[1])
        assert outside(CONNECT, port)["127.0.0.1"] == "connected"  # the control
        result = sandbox.run(["python", "-c", textwrap.dedent(CONNECT), port])
    seen = json.loads(result.stdout)
    assert seen["127.0.0.1"].startswith("ConnectionRefusedError"), seen
    assert "unreachable" in seen["192.0.2.1"].lower(), seen


def test_runs_as_another_unprivileged_user():
    """Does learner code run as a user that is neither root nor the caller, without capabilities?"""
    seen = inside("""
        import json, os
        status = dict(l.split(":", 1) for l in open("/proc/self/status").read().splitlines())
        print(json.dumps({"uid": os.getuid(), "euid": os.geteuid(), "gid": os.getgid(),
                          "groups": os.getgroups(), "caps": status["CapEff"].strip(),
                          "bounding": status["CapBnd"].strip(), "no_new_privs": status["NoNewPrivs"].strip()}))
    """)
    for key in ("uid", "euid", "gid"):
        assert seen[key] not in (0, os.getuid()), seen
    assert 0 not in seen["groups"]
    assert int(seen["caps"], 16) == 0 and int(seen["bounding"], 16) == 0
    assert seen["no_new_privs"] == "1"


def test_the_number_of_processes_is_bounded():
    """Can learner code start more processes than its limit?"""
    seen = inside("""
        import json, os, time
        children, error = 0, None
        for _ in range(200):
            try:
                pid = os.fork()
            except OSError as e:
                error = type(e).__name__
                break
            if pid == 0:
                time.sleep(60)
                os._exit(0)
            children += 1
        print(json.dumps({"children": children, "error": error}))
    """, processes=16)
    assert seen["children"] < 16 and seen["error"] == "BlockingIOError", seen


def test_a_fork_bomb_ends_and_leaves_nothing_behind():
    """Does a fork bomb (and a detached daemon) end with the run, leaving no process on the machine?"""
    uid = sandbox._sandbox_ids()[0]
    before = host_processes_of(uid)
    result = sandbox.run(payload("""
        import os, subprocess
        subprocess.Popen(["sleep", "3600"], start_new_session=True)
        while True:
            try:
                os.fork()
            except OSError:
                pass
    """), limits=Limits(wall_seconds=5, processes=32))
    assert result.timed_out and result.killed_by == "wall_timeout"
    assert settled_processes_of(uid, before) == set()


def test_a_detached_process_ends_with_the_run():
    """Does a daemon started in its own session survive a run that ends normally?"""
    uid = sandbox._sandbox_ids()[0]
    before = host_processes_of(uid)
    result = sandbox.run(payload("""
        import subprocess
        subprocess.Popen(["sleep", "3600"], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print("started")
    """))
    assert result.returncode == 0 and result.stdout == b"started\n"
    assert settled_processes_of(uid, before) == set()


def test_memory_is_bounded():
    """Can learner code allocate 4 GB? (100 MB is fine: the limit is not a blanket failure.)"""
    seen = inside("""
        import json
        out = {}
        for name, size in [("small", 100 * 2**20), ("huge", 4 * 2**30)]:
            try:
                block = bytearray(size)
                out[name] = "allocated"
                del block
            except MemoryError:
                out[name] = "MemoryError"
        print(json.dumps(out))
    """)
    assert seen == {"small": "allocated", "huge": "MemoryError"}


def test_an_endless_computation_is_stopped_by_the_cpu_limit():
    """Is an infinite loop stopped, and does the result say it was the CPU limit?"""
    result = sandbox.run(payload("while True: pass"), limits=Limits(cpu_seconds=2, wall_seconds=60))
    assert result.killed_by == "cpu_limit"
    assert result.returncode < 0 and not result.timed_out


def test_waiting_forever_is_stopped_by_the_wall_clock():
    """Is code that uses no CPU but never ends stopped, and does the result say it timed out?"""
    result = sandbox.run(payload("import time; time.sleep(3600)"), limits=Limits(wall_seconds=2))
    assert result.timed_out and result.killed_by == "wall_timeout"


FLOOD = "import sys\nfor _ in range(50): sys.stdout.write('x' * 2**20)\n"


def test_an_output_flood_is_cut_to_the_limit():
    """Is 50 MB of output cut to the limit, flagged, and marked in the output?"""
    result = sandbox.run(payload(FLOOD), limits=Limits(output_bytes=1_000_000))
    assert result.truncated
    assert result.stdout.startswith(b"x" * 1_000_000)
    assert result.stdout[1_000_000:] == sandbox.CUT_NOTE.format(limit=1_000_000).encode()
    full = sandbox.run(payload(FLOOD), limits=Limits(output_bytes=60 * 2**20))  # the control
    assert not full.truncated and len(full.stdout) == 50 * 2**20


def test_written_files_are_bounded_in_size():
    """Can learner code write a file larger than the file-size limit?"""
    seen = inside("""
        import json
        out = {}
        for name, size in [("small", 2**20), ("big", 30 * 2**20)]:
            try:
                with open(name, "wb") as f:
                    f.write(b"x" * size)
                out[name] = "written"
            except OSError as error:
                out[name] = type(error).__name__ + str(error.errno)
        print(json.dumps(out))
    """, file_mb=5)
    assert seen == {"small": "written", "big": "OSError27"}  # 27: EFBIG, file too large


def test_files_are_placed_in_the_scratch_folder_and_stdin_is_passed():
    """Are the given files in the current folder, and is stdin handed to the code?"""
    result = sandbox.run(payload("import sys; print(open('data/in.txt').read() + sys.stdin.read())"),
                         files={"data/in.txt": b"hello "}, stdin=b"world")
    assert result.stdout == b"hello world\n"
    with pytest.raises(ValueError):
        sandbox.run(["true"], files={"../escape": b""})


def notebook(*sources: str) -> bytes:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nbformat.writes(nb).encode()


def test_a_hostile_notebook_gains_nothing(course_root):
    """Executed in the sandbox, do a notebook's attempts on the keys, variables, gradebook and network all fail visibly?"""
    keys = course_root / "grading" / "keys" / "week1.toml"
    gradebook = course_root / "grading" / "gradebook.db"
    before = (digest(keys), digest(gradebook))
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        executed, problem = sandbox.execute_notebook(notebook(
            f"print(open({str(keys)!r}).read())",
            "import os; print(sorted(k for k in os.environ if k.startswith('COURSE_')))",
            f"import sqlite3; db = sqlite3.connect({str(gradebook)!r}); db.execute('UPDATE grades SET score = 100'); db.commit()",
            f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=5)",
        ))
    assert problem is None
    cells = nbformat.reads(executed.decode(), as_version=4).cells
    assert cells[0].outputs[0].ename in ("FileNotFoundError", "PermissionError")
    assert cells[1].outputs[0].text == "[]\n"
    assert cells[2].outputs[0].ename == "OperationalError"
    assert cells[3].outputs[0].ename == "ConnectionRefusedError"
    assert (digest(keys), digest(gradebook)) == before


def test_a_benign_notebook_runs():
    """Does an ordinary notebook execute in the sandbox, its kernel included?"""
    executed, problem = sandbox.execute_notebook(notebook("print(1+1)"))
    assert problem is None
    cell = nbformat.reads(executed.decode(), as_version=4).cells[0]
    assert cell.outputs[0].text == "2\n"


def test_a_cell_that_never_ends_is_reported():
    """Is a notebook whose cell runs past the per-cell timeout reported, with no notebook returned?"""
    executed, problem = sandbox.execute_notebook(notebook("import time; time.sleep(3600)"), cell_seconds=2)
    assert executed is None and "2 seconds" in problem


def test_without_root_nothing_runs(monkeypatch):
    """When the sandbox cannot work (not root), is the code refused rather than run unsandboxed?"""
    monkeypatch.setattr(sandbox.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(sandbox.subprocess, "Popen", lambda *a, **k: pytest.fail("a process was started"))
    with pytest.raises(SandboxUnavailable, match="root"):
        sandbox.run(["true"])


def test_without_bubblewrap_nothing_runs(monkeypatch):
    """When bwrap is missing, is the code refused with what to do, rather than run unsandboxed?"""
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    real_access = os.access
    monkeypatch.setattr(sandbox.os, "access", lambda p, m: False if "bwrap" in str(p) else real_access(p, m))
    monkeypatch.setattr(sandbox.subprocess, "Popen", lambda *a, **k: pytest.fail("a process was started"))
    with pytest.raises(SandboxUnavailable, match="install-sandbox"):
        sandbox.execute_notebook(notebook("print(1)"))
