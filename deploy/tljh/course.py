"""The course on The Littlest JupyterHub: /opt/tljh/config/jupyterhub_config.d/course.py (see deploy/tljh.md).

TLJH reads every file of jupyterhub_config.d after its own settings (tljh-config). This one adds what
the course needs: learners' servers in the learner view (the learner's side of the course in
/opt/course, made by deploy/singleuser/learner_root.py), the exchange service as the course account,
the roles that let a learner's server token reach it, and mentors' marking server (nbgrader's
formgrader) as a second service, also as the course account, for the hub group `mentors`.
"""
COURSE_ROOT = "/srv/course"                 # the course folder, the course account's (course init --cohort)
LEARNER_ROOT = "/opt/course"                # the learner's side: settings only, readable by all
PYTHON = "/opt/tljh/user/bin/python"        # TLJH's user environment, where the course is installed
EXCHANGE_PORT = 10101
MARKING_PORT = 10102
MENTORS = ["mentor_amal", "mentor_omar"]    # CHANGE: the ids of mentors.csv (also tljh-config admin users)
# the gradebook: PostgreSQL on this VM over its Unix socket, as the Unix user `course` (peer auth)
COURSE_DB_URL = "postgresql+psycopg://course@/course?host=/var/run/postgresql"

c = get_config()  # noqa: F821

# learners: `python -m course.hub.singleuser` makes ~/course and becomes jupyterhub-singleuser there
c.Spawner.cmd = [PYTHON, "-m", "course.hub.singleuser"]
c.Spawner.default_url = "/course/home"
c.Spawner.environment = {
    "COURSE_HUB": "1",
    "COURSE_ROOT": LEARNER_ROOT,
    "JUPYTER_CONFIG_PATH": f"{LEARNER_ROOT}/hub/learner_config",
    "COURSE_EXCHANGE_URL": "http://127.0.0.1/services/exchange/",   # through TLJH's proxy (port 80)
}


def course_learner(spawner):
    """COURSE_LEARNER is the hub user (the Unix account is jupyter-<name>)."""
    spawner.environment = {**spawner.environment, "COURSE_LEARNER": spawner.user.name}


c.Spawner.pre_spawn_hook = course_learner

c.JupyterHub.load_groups = {"mentors": {"users": MENTORS}}

c.JupyterHub.services.append({
    # the exchange: the gate is checked here, where learners cannot reach; as the course account
    "name": "exchange",
    "url": f"http://127.0.0.1:{EXCHANGE_PORT}",
    "command": [PYTHON, "-m", "course.hub.exchange_service", "--root", COURSE_ROOT],
    "user": "course",
    "cwd": COURSE_ROOT,
    "environment": {"COURSE_HUB": "1", "COURSE_DB_URL": COURSE_DB_URL},
    "display": False,
})
c.JupyterHub.services.append({
    # mentors mark written answers here (<hub>/services/marking/formgrader), in the course folder
    "name": "marking",
    "url": f"http://127.0.0.1:{MARKING_PORT}",
    "command": [PYTHON, "-m", "jupyterhub.singleuser", f"--ServerApp.root_dir={COURSE_ROOT}",
                "--ServerApp.default_url=/formgrader"],
    "user": "course",
    "cwd": COURSE_ROOT,
    "oauth_no_confirm": True,
    "environment": {"COURSE_HUB": "1", "COURSE_ROLE": "mentor", "COURSE_ROOT": COURSE_ROOT,
                    "COURSE_DB_URL": COURSE_DB_URL,
                    "JUPYTER_CONFIG_PATH": f"{COURSE_ROOT}/grading/mentor_config"},
})

c.JupyterHub.load_roles = [
    # a learner's server token calls the exchange as its user: both the user and the server role need it
    {"name": "user", "scopes": ["self", "access:services!service=exchange"]},
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server",
                                  "access:services!service=exchange"]},
    # the exchange reads who a caller is and whether they are in the mentors group
    {"name": "course-exchange", "scopes": ["list:users", "read:users:name", "read:users:groups", "read:groups"],
     "services": ["exchange"]},
    {"name": "mentors-marking", "scopes": ["access:services!service=marking"], "groups": ["mentors"]},
]
