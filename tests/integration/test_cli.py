"""The batch CLI with the real engine, as a subprocess."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from service.api.schemas import dump_extraction

from support import REPO


def test_cli_on_a_small_jsonl(model_dir, engine, sample_paths, tmp_path):
    short = '"We are ready," the minister told reporters on Tuesday. "We will not wait."'
    article = min(sample_paths, key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "article", "text": article}),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps({"id": 3, "text": short, "source": "ignored"}),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": None, "text": "No quotes at all."}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(tmp_path / "in.jsonl", "rb") as stdin:
        result = subprocess.run([sys.executable, "-m", "service.cli", "--processes", "2"], cwd=REPO, stdin=stdin,
                                capture_output=True, timeout=300,
                                env={**os.environ, "STANZA_RESOURCES_DIR": str(model_dir)})
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1, stderr
    assert 'line 2 (id "broken"): not valid JSON' in stderr
    assert 'line 4 (id "no-text"): text: Missing data for required field.' in stderr
    assert "\r" not in stderr  # no progress bar: stderr is not a terminal
    out = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [o["id"] for o in out] == ["article", 3, None]
    for record, text in zip(out, [article, short, "No quotes at all."], strict=True):
        expected = dump_extraction(engine.extract(text), text)
        assert record == {"id": record["id"], **expected}
    assert out[0]["quotes"] and out[1]["quotes"] and out[2]["quotes"] == []


def test_console_script_is_installed():
    script = shutil.which("quote-attribution", path=str(Path(sys.executable).parent))
    assert script, "the quote-attribution console script is not installed (pip install -e .)"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--processes" in result.stdout and "--include-nonspeech" in result.stdout
