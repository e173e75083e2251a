"""deploy/z2jh: the values file against the Zero to JupyterHub chart's own schema, and the manifests beside it.

Helm merges the chart's defaults (chart-values.yaml) under our values.yaml and checks the result against
values.schema.yaml (JSON Schema draft 7) before it renders anything; the tests do the same, offline,
with the chart's files kept in deploy/z2jh/chart-schema/.
"""
from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml

Z2JH = Path(__file__).resolve().parents[2] / "deploy" / "z2jh"
SCHEMA = Z2JH / "chart-schema" / "values.schema.yaml"
DEFAULTS = Z2JH / "chart-schema" / "chart-values.yaml"


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def coalesce(defaults, values):
    """Helm's merge of user values over a chart's defaults: maps merge key by key, anything else
    replaces, and a null in the user's values removes the key."""
    if not isinstance(defaults, dict) or not isinstance(values, dict):
        return copy.deepcopy(values)
    merged = copy.deepcopy(defaults)
    for key, value in values.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = coalesce(defaults.get(key), value)
    return merged


def schema_errors(values: dict) -> list[str]:
    schema = load(SCHEMA)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    merged = coalesce(load(DEFAULTS), values)
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(merged)]
    # the chart's hub refuses to start with a hub.config section that is no class name (its
    # jupyterhub_config.py exits): e.g. hub.loadRoles put under hub.config by mistake
    errors += [f"hub.config.{section}: not a class name" for section in merged["hub"].get("config") or {}
               if not section[:1].isupper()]
    return errors


def test_the_chart_schema_is_the_chart_version_named_in_its_readme():
    readme = (Z2JH / "chart-schema" / "README.md").read_text(encoding="utf-8")
    assert "4.4.0" in readme and "github.com/jupyterhub/zero-to-jupyterhub-k8s" in readme
    assert load(SCHEMA)["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "BSD 3-Clause License" in (Z2JH / "chart-schema" / "LICENSE").read_text(encoding="utf-8")


def test_values_file_passes_the_charts_schema():
    values = load(Z2JH / "values.yaml")
    assert schema_errors(values) == []
    # what the course needs is there
    assert values["hub"]["db"]["type"] == "postgres"
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "nativeauthenticator.NativeAuthenticator"
    assert values["singleuser"]["defaultUrl"] == "/course/home"
    assert values["singleuser"]["extraEnv"]["COURSE_HUB"] == "1"
    assert values["singleuser"]["extraEnv"]["COURSE_EXCHANGE_URL"].endswith("/services/exchange/")
    assert "COURSE_DB_URL" not in values["singleuser"]["extraEnv"]   # learners never reach the gradebook
    assert values["cull"]["enabled"] is True
    assert "access:services!service=exchange" in values["hub"]["loadRoles"]["server"]["scopes"]
    assert "access:services!service=exchange" in values["hub"]["loadRoles"]["user"]["scopes"]
    # the service's own role: as course/hub/hub_config.py gives it on one machine
    from course.hub.hub_config import EXCHANGE_SCOPES, SERVER_SCOPES
    assert values["hub"]["loadRoles"]["server"]["scopes"] == SERVER_SCOPES
    (exchange_role,) = [r for r in values["hub"]["loadRoles"].values() if "exchange" in r.get("services", [])]
    assert exchange_role["scopes"] == EXCHANGE_SCOPES


@pytest.mark.parametrize("mistake", [
    ("misspelt key", lambda v: v["singleuser"].update(defaultURL=v["singleuser"].pop("defaultUrl"))),
    ("misspelt top-level key", lambda v: v.update(singleusr=v.pop("singleuser"))),
    ("misspelt db key", lambda v: v["hub"]["db"].update(uri=v["hub"]["db"].pop("url"))),
    ("wrong type", lambda v: v["cull"].update(timeout="one hour")),
    ("wrong type", lambda v: v["cull"].update(enabled="yes")),
    ("unknown database", lambda v: v["hub"]["db"].update(type="postgresql")),
    ("misplaced section", lambda v: v["hub"]["config"].update(loadRoles=v["hub"].pop("loadRoles"))),
], ids=lambda m: m[0])
def test_a_mistake_in_the_values_file_is_caught(mistake):
    values = load(Z2JH / "values.yaml")
    mistake[1](values)
    assert schema_errors(values), f"the schema check let a {mistake[0]} through"


def run_mentor_hook(groups: list[str]):
    """The hub's extraConfig run as the hub would, then its pre-spawn hook on a spawner of a user in ``groups``."""
    from traitlets.config import Config
    c = Config()
    values = load(Z2JH / "values.yaml")
    for code in values["hub"]["extraConfig"].values():
        exec(compile(code, "extraConfig", "exec"), {"c": c})
    user = SimpleNamespace(name="someone", groups=[SimpleNamespace(name=g) for g in groups])
    spawner = SimpleNamespace(user=user, environment=dict(values["singleuser"]["extraEnv"]), uid=1000, fs_gid=100,
                              notebook_dir=None, default_url="/course/home", volumes=[], volume_mounts=[])
    c.KubeSpawner.pre_spawn_hook(spawner)
    return c, spawner


def test_mentors_servers_run_as_the_course_account_on_the_course_folder_and_learners_do_not():
    c, mentor = run_mentor_hook(["mentors"])
    assert set(c.JupyterHub.load_groups["mentors"]["users"]) == set(
        load(Z2JH / "values.yaml")["hub"]["config"]["Authenticator"]["admin_users"])
    assert mentor.uid == 10001 and mentor.default_url == "/formgrader"
    assert mentor.environment["COURSE_ROLE"] == "mentor" and mentor.environment["COURSE_ROOT"] == "/srv/course"
    assert [m["mountPath"] for m in mentor.volume_mounts] == ["/srv/course"]
    _, learner = run_mentor_hook([])
    assert learner.uid == 1000 and learner.volume_mounts == [] and learner.default_url == "/course/home"
    assert learner.environment["COURSE_LEARNER"] == "someone"
    assert "COURSE_DB_URL" not in learner.environment and "COURSE_ROLE" not in learner.environment


MANIFESTS = ("exchange-service.yaml", "grading-workers.yaml", "course-files.yaml", "secrets.example.yaml",
             "course-files-loader.yaml")
OLDEST_KUBERNETES = "1.28"   # the chart 4.4.0's kubeVersion: ">=1.28.0-0"


@pytest.mark.parametrize("name", MANIFESTS)
def test_each_manifest_is_valid_kubernetes(name):
    """Every object against Kubernetes' own schemas (strict: an unknown field is an error)."""
    import kubernetes_validate
    for doc in yaml.safe_load_all((Z2JH / name).read_text(encoding="utf-8")):
        if doc:
            kubernetes_validate.validate(doc, OLDEST_KUBERNETES, strict=True)


def test_the_kubernetes_check_finds_a_misspelt_field():
    import kubernetes_validate
    worker = next(yaml.safe_load_all((Z2JH / "grading-workers.yaml").read_text(encoding="utf-8")))
    worker["spec"]["template"]["spec"]["containers"][0]["volumeMount"] = []
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(worker, OLDEST_KUBERNETES, strict=True)


def containers(docs: list[dict]) -> dict[str, dict]:
    return {c["name"]: c for d in docs if d["kind"] == "Deployment" for c in d["spec"]["template"]["spec"]["containers"]}


def test_manifests_parse_and_name_the_image_service_secret_and_volume_of_the_values_file():
    values = load(Z2JH / "values.yaml")
    docs = {}
    for name in MANIFESTS:
        docs[name] = [d for d in yaml.safe_load_all((Z2JH / name).read_text(encoding="utf-8")) if d]
        for doc in docs[name]:
            assert doc["apiVersion"] and doc["kind"] and doc["metadata"]["name"], name
    image = f"{values['singleuser']['image']['name']}:{values['singleuser']['image']['tag']}"
    found = {**containers(docs["exchange-service.yaml"]), **containers(docs["grading-workers.yaml"])}
    assert set(found) == {"exchange", "grader"}
    assert {c["image"] for c in found.values()} == {image}
    (loader,) = docs["course-files-loader.yaml"]
    assert loader["spec"]["containers"][0]["image"] == image
    assert loader["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"] == "course-files"
    (secret,) = docs["secrets.example.yaml"]
    (claim,) = docs["course-files.yaml"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    for container in [*found.values(), loader["spec"]["containers"][0]]:
        env = {e["name"]: e for e in container["env"]}
        assert env["COURSE_HUB"]["value"] == values["singleuser"]["extraEnv"]["COURSE_HUB"]
        ref = env["COURSE_DB_URL"]["valueFrom"]["secretKeyRef"]
        assert ref["name"] == secret["metadata"]["name"] and ref["key"] in secret["stringData"]
        assert [m["mountPath"] for m in container["volumeMounts"]] == ["/srv/course"]
    assert all("/srv/course" in container["command"] for container in found.values())
    for doc in docs["exchange-service.yaml"] + docs["grading-workers.yaml"]:
        if doc["kind"] == "Deployment":
            (volume,) = doc["spec"]["template"]["spec"]["volumes"]
            assert volume["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]
            assert doc["spec"]["template"]["spec"]["securityContext"]["runAsUser"] == 10001
    # the hub's service entry points at the Service, whose pods hold the token the chart made for it
    (service_name,) = values["hub"]["services"]
    service = next(d for d in docs["exchange-service.yaml"] if d["kind"] == "Service")
    assert values["hub"]["services"][service_name]["url"] == \
        f"http://{service['metadata']['name']}:{service['spec']['ports'][0]['port']}"
    exchange_env = {e["name"]: e for e in found["exchange"]["env"]}
    assert exchange_env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == \
        {"name": "hub", "key": f"hub.services.{service_name}.apiToken"}
    assert exchange_env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == f"/services/{service_name}/"
    assert values["singleuser"]["extraEnv"]["COURSE_EXCHANGE_URL"].endswith(f"/services/{service_name}/")
    assert found["exchange"]["readinessProbe"]["httpGet"]["path"] == f"/services/{service_name}/api/health"
    # the proxy may forward to the exchange pods, and the pods may reach the hub's API
    exchange_pods = next(d for d in docs["exchange-service.yaml"] if d["kind"] == "Deployment")
    labels = exchange_pods["spec"]["template"]["metadata"]["labels"]
    (egress,) = values["proxy"]["chp"]["networkPolicy"]["egress"]
    assert egress["to"][0]["podSelector"]["matchLabels"].items() <= labels.items()
    assert labels["hub.jupyter.org/network-access-hub"] == "true"
    # the workers run `course grade WEEK --forever`
    assert found["grader"]["command"][:4] == ["course", "--root", "/srv/course", "grade"]
    assert "--forever" in found["grader"]["command"]
