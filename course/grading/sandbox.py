"""Run learner code where it can do no harm: another user, its own scratch folder, no network.

The grader never runs learner code to score it. Where learner code must run at
all (a code question, rendering a submitted notebook), it runs through `run`
or `execute_notebook`, never through `subprocess` directly.

How (Linux, as root): bubblewrap (`bwrap`) builds a fresh mount namespace that
shows only read-only system folders, the Python interpreter, the project's
.venv and the `course` package, plus one writable scratch folder; it also gives
the code its own PID, IPC, UTS and network namespaces (loopback only, so no
service on the host can be reached). Inside, `setpriv` drops to the unprivileged
`nobody` user with no capabilities and no way to regain any, and `prlimit` sets
the CPU, memory, process and file-size limits. The environment is emptied
except PATH, HOME, LANG and TMPDIR. A wall-clock timeout kills the whole tree.
Where this cannot work, `run` raises `SandboxUnavailable`; it never falls back
to running the code unsandboxed. See DESIGN.md, "Running learner code: the sandbox".
"""
from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import course

SANDBOX_USER = "nobody"
SCRATCH = "/scratch"  # where the scratch folder appears inside the sandbox
INSTALL_HINT = "run `bash scripts/install-sandbox.sh` (or `make sandbox`) as root"

# Read-only system folders; the essentials of /etc only (no shadow, no ssh keys).
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_FILES = (
    "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/hosts", "/etc/localtime",
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
    "/etc/mime.types", "/etc/ssl/certs", "/etc/fonts",
)


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot run here; learner code must then not run at all."""


@dataclass(frozen=True)
class Limits:
    """What one sandboxed run may use. Each process gets its own CPU and memory budget."""
    cpu_seconds: int = 20
    memory_mb: int = 1024      # address space per process
    processes: int = 64        # processes and threads of the sandbox user
    output_bytes: int = 1_000_000  # kept of stdout, and of stderr
    file_mb: int = 20          # largest file the code may write
    wall_seconds: float = 60   # then the whole process tree is killed


@dataclass(frozen=True)
class SandboxResult:
    """What came out of one run. `returncode` is negative (-signal) when a signal ended it."""
    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool
    truncated: bool
    killed_by: str | None  # "wall_timeout", "cpu_limit", "file_size_limit", "signal SIGKILL", …


def _sandbox_ids() -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(SANDBOX_USER)
        return entry.pw_uid, entry.pw_gid
    except KeyError:
        return 65534, 65534


def _tool(name: str) -> str:
    path = shutil.which(name) or next(
        (p for p in (f"/usr/bin/{name}", f"/bin/{name}") if os.access(p, os.X_OK)), None)
    if path is None:
        raise SandboxUnavailable(
            f"Learner code cannot run safely here: the program '{name}' is missing. "
            f"To fix it, {INSTALL_HINT}.")
    return path


_checked: str | None = None  # "" once a probe run worked


def check() -> None:
    """Raise SandboxUnavailable, saying what to do, unless the sandbox really works here."""
    global _checked
    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable(
            "Learner code can only run in the sandbox on Linux; on this computer it is not run at all.")
    if os.geteuid() != 0:
        raise SandboxUnavailable(
            "Learner code cannot run safely here: the sandbox must be started by root "
            "(it switches to the unprivileged 'nobody' user). Run the grader as root, for example in CI.")
    for name in ("bwrap", "setpriv", "prlimit"):
        _tool(name)
    if _checked is None:
        result = _run(["/bin/true"], None, Limits(wall_seconds=30), b"")
        _checked = "" if result.returncode == 0 else (
            result.stderr.decode(errors="replace").strip() or f"exit code {result.returncode}")
    if _checked:
        raise SandboxUnavailable(
            f"Learner code cannot run safely here: the sandbox failed to start ({_checked}). "
            f"Check that bubblewrap works: {INSTALL_HINT}.")


def _ancestors(path: str) -> list[str]:
    parts = Path(path).parts[1:-1]
    return ["/" + "/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _covered(path: str) -> bool:
    return any(path == d or path.startswith(d + "/") for d in SYSTEM_DIRS if os.path.isdir(d))


def _filesystem(scratch: Path) -> list[str]:
    """bwrap arguments for the view: system dirs, Python, .venv and `course` read-only; scratch writable."""
    args: list[str] = []
    for d in SYSTEM_DIRS:
        if os.path.islink(d):
            args += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            args += ["--ro-bind", d, d]
    for f in ETC_FILES:
        args += ["--ro-bind-try", f, f]
    # /tmp and scratch first: the project may itself live under /tmp (a CI clone), and later
    # mounts win, so Python and the package are bound on top of the sandbox's own /tmp.
    args += ["--proc", "/proc", "--dev", "/dev",
             "--bind", str(scratch), SCRATCH,
             "--bind", str(scratch / ".tmp"), "/tmp"]
    package = str(Path(course.__file__).resolve().parent)
    python = {str(Path(p).resolve()) for p in (sys.base_prefix, sys.prefix)}
    python |= {str(Path(p)) for p in (sys.base_prefix, sys.prefix)}  # the .venv's own path too
    mounts = sorted(p for p in python | {package} if not _covered(p))
    made: set[str] = set()
    for target in mounts:
        for parent in _ancestors(target):
            if parent not in made and not _covered(parent):
                # Parents such as /root are created world-traversable but empty.
                args += ["--perms", "0755", "--dir", parent]
                made.add(parent)
        args += ["--ro-bind", target, target]
    return args + ["--chdir", SCRATCH]


def _environment() -> dict[str, str]:
    bindir = str(Path(sys.prefix) / "bin")
    return {"PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin", "HOME": SCRATCH,
            "LANG": "C.UTF-8", "TMPDIR": "/tmp", "PYTHONDONTWRITEBYTECODE": "1"}


def _command(argv: list[str], scratch: Path, limits: Limits) -> list[str]:
    uid, gid = _sandbox_ids()
    memory = limits.memory_mb * 1024 * 1024
    fsize = limits.file_mb * 1024 * 1024
    return [
        _tool("bwrap"), *_filesystem(scratch),
        "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        "--die-with-parent", "--new-session", "--hostname", "sandbox",
        "--", _tool("setpriv"), f"--reuid={uid}", f"--regid={gid}", "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
        "--", _tool("prlimit"), f"--cpu={limits.cpu_seconds}:{limits.cpu_seconds + 1}",
        f"--as={memory}", f"--nproc={limits.processes}", f"--fsize={fsize}", "--core=0",
        "--", *argv,
    ]


def _prepare(scratch: Path, files: dict[str, bytes] | None) -> None:
    uid, gid = _sandbox_ids()
    (scratch / ".tmp").mkdir()
    for name, data in (files or {}).items():
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ValueError(f"A file for the sandbox must have a plain relative name, not {name!r}.")
        target = scratch / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path in [scratch, *scratch.rglob("*")]:
        os.lchown(path, uid, gid)


def _reader(stream, limit: int, into: bytearray, cut: list[bool]) -> None:
    """Keep the first `limit` bytes; read on to the end so the code never blocks."""
    while chunk := stream.read(65536):
        room = limit - len(into)
        if room > 0:
            into += chunk[:room]
        if len(chunk) > room:
            cut[0] = True
    stream.close()


def _writer(stream, data: bytes) -> None:
    try:
        stream.write(data)
    except (BrokenPipeError, OSError):
        pass
    finally:
        try:
            stream.close()
        except OSError:
            pass


def _ended_by(returncode: int) -> tuple[int, str | None]:
    """bwrap reports death by signal N as exit code 128+N."""
    if returncode > 128:
        try:
            sig = signal.Signals(returncode - 128)
        except ValueError:
            return returncode, None
        if sig is signal.SIGXCPU:
            return -sig, "cpu_limit"
        if sig is signal.SIGXFSZ:
            return -sig, "file_size_limit"
        return -sig, f"signal {sig.name}"
    return returncode, None


CUT_NOTE = "\n[output cut: only the first {limit} bytes are kept]\n"


def _run(argv, files, limits, stdin, *, collect: str | None = None,
         collected: list | None = None) -> SandboxResult:
    scratch = Path(tempfile.mkdtemp(prefix="course-sandbox-"))
    try:
        _prepare(scratch, files)
        process = subprocess.Popen(
            _command(list(argv), scratch, limits), env=_environment(), cwd="/",
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True, close_fds=True)
        out, err, cut_out, cut_err = bytearray(), bytearray(), [False], [False]
        threads = [
            threading.Thread(target=_writer, args=(process.stdin, stdin), daemon=True),
            threading.Thread(target=_reader, args=(process.stdout, limits.output_bytes, out, cut_out), daemon=True),
            threading.Thread(target=_reader, args=(process.stderr, limits.output_bytes, err, cut_err), daemon=True),
        ]
        for t in threads:
            t.start()
        timed_out = False
        try:
            returncode = process.wait(timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            # Killing bwrap kills the sandbox's PID 1, and with it every process in
            # its PID namespace; a normal end of bwrap does the same.
            timed_out = True
            os.killpg(process.pid, signal.SIGKILL)
            returncode = process.wait()
        for t in threads:
            t.join(timeout=10)
        if timed_out:
            returncode, killed_by = -signal.SIGKILL, "wall_timeout"
        else:
            returncode, killed_by = _ended_by(returncode)
        stdout, stderr = bytes(out), bytes(err)
        note = CUT_NOTE.format(limit=limits.output_bytes).encode()
        if cut_out[0]:
            stdout += note
        if cut_err[0]:
            stderr += note
        if collect is not None and collected is not None:
            collected.append(_read_back(scratch, collect, limits.file_mb * 1024 * 1024))
        return SandboxResult(returncode, stdout, stderr, timed_out,
                             cut_out[0] or cut_err[0], killed_by)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _read_back(scratch: Path, name: str, limit: int) -> bytes | None:
    """A file the sandboxed code left in scratch; never follows a link it may have planted."""
    try:
        dir_fd = os.open(scratch, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except OSError:
        return None
    finally:
        os.close(dir_fd)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        data = f.read(limit + 1)
    return data if len(data) <= limit else None


def run(argv: list[str], *, files: dict[str, bytes] | None = None,
        limits: Limits = Limits(), stdin: bytes = b"") -> SandboxResult:
    """Run `argv` in the sandbox, in a fresh scratch folder holding `files` (relative name -> content).

    Inside, `python` is the project's interpreter and the current folder is the scratch folder.
    Raises SandboxUnavailable rather than ever running the code unsandboxed.
    """
    check()
    return _run(argv, files, limits, stdin)


NOTEBOOK_IN, NOTEBOOK_OUT = "notebook.ipynb", "executed.ipynb"


def execute_notebook(nb_bytes: bytes, *, limits: Limits = Limits(),
                     cell_seconds: int = 30) -> tuple[bytes | None, str | None]:
    """Execute a notebook in the sandbox, kernel included: (executed notebook, None) or (None, why not).

    Errors raised by cells are kept in their outputs and do not stop the run. The
    executed notebook is learner data: it may contain anything the code wrote.
    """
    check()
    argv = [sys.executable, "-m", "course.grading.sandbox_runner", NOTEBOOK_IN, NOTEBOOK_OUT, str(cell_seconds)]
    collected: list = []
    result = _run(argv, {NOTEBOOK_IN: nb_bytes}, limits, b"", collect=NOTEBOOK_OUT, collected=collected)
    executed = collected[0] if collected else None
    if result.killed_by == "wall_timeout":
        return None, f"The notebook ran longer than {limits.wall_seconds:g} seconds and was stopped."
    if result.killed_by == "cpu_limit":
        return None, f"The notebook used more than {limits.cpu_seconds} seconds of computing time and was stopped."
    if result.returncode != 0 or executed is None:
        lines = result.stderr.decode(errors="replace").strip().splitlines()
        reason = lines[-1] if lines else f"it ended with code {result.returncode}"
        return None, f"The notebook could not be run: {reason}"
    try:
        json.loads(executed)
    except ValueError:
        return None, "The notebook could not be run: what it produced is not a notebook."
    return executed, None
