"""deploy/tljh: the jupyterhub_config.d file, loaded as TLJH loads it (after its own settings), and the
grading worker's systemd unit."""
from __future__ import annotations

import configparser
import shutil
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

TLJH = Path(__file__).resolve().parents[2] / "deploy" / "tljh"


def loaded_as_tljh_does(tmp_path: Path):
    """TLJH's own config (here: its idle culler as a service) then load_subconfig of every config.d file."""
    (tmp_path / "jupyterhub_config.d").mkdir()
    shutil.copy(TLJH / "course.py", tmp_path / "jupyterhub_config.d" / "course.py")
    (tmp_path / "jupyterhub_config.py").write_text(
        "c.JupyterHub.services = [{'name': 'cull-idle', 'admin': True, 'command': ['cull']}]\n"
        "load_subconfig('jupyterhub_config.d/course.py')\n")
    return PyFileConfigLoader("jupyterhub_config.py", path=str(tmp_path)).load_config()


def services_of(config) -> dict[str, dict]:
    value = config.JupyterHub.services
    services = value if isinstance(value, list) else value.get_value([])
    return {s["name"]: s for s in services}


def test_the_course_file_adds_the_exchange_and_marking_services_and_keeps_tljhs_own(tmp_path):
    config = loaded_as_tljh_does(tmp_path)
    services = services_of(config)
    assert set(services) == {"cull-idle", "exchange", "marking"}
    exchange = services["exchange"]
    assert exchange["user"] == "course" and exchange["command"][1:3] == ["-m", "course.hub.exchange_service"]
    assert exchange["environment"]["COURSE_DB_URL"].startswith("postgresql+psycopg://")
    assert services["marking"]["user"] == "course"
    assert config.Spawner.default_url == "/course/home"
    assert config.Spawner.environment["COURSE_EXCHANGE_URL"].endswith("/services/exchange/")
    assert "COURSE_DB_URL" not in config.Spawner.environment   # learners never reach the gradebook
    roles = {r["name"]: r for r in config.JupyterHub.load_roles}
    assert "access:services!service=exchange" in roles["server"]["scopes"]
    assert "access:services!service=exchange" in roles["user"]["scopes"]
    assert roles["mentors-marking"]["groups"] == ["mentors"]
    from course.hub.hub_config import EXCHANGE_SCOPES, SERVER_SCOPES
    assert roles["server"]["scopes"] == SERVER_SCOPES
    assert roles["course-exchange"]["scopes"] == EXCHANGE_SCOPES and roles["course-exchange"]["services"] == ["exchange"]
    assert set(config.JupyterHub.load_groups["mentors"]["users"]) == {"mentor_amal", "mentor_omar"}


def test_the_pre_spawn_hook_names_the_learner(tmp_path):
    from types import SimpleNamespace
    config = loaded_as_tljh_does(tmp_path)
    spawner = SimpleNamespace(user=SimpleNamespace(name="lina"), environment=dict(config.Spawner.environment))
    config.Spawner.pre_spawn_hook(spawner)
    assert spawner.environment["COURSE_LEARNER"] == "lina"
    assert spawner.environment["COURSE_HUB"] == "1"


def test_the_grading_worker_unit_runs_course_grade_forever_as_the_course_account():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(TLJH / "course-grader@.service")
    service = unit["Service"]
    assert service["User"] == "course"
    command = service["ExecStart"].split()
    assert command[1:5] == ["--root", "/srv/course", "grade", "%i"] and "--forever" in command
    assert unit["Install"]["WantedBy"] == "multi-user.target"
