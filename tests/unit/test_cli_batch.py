"""The batch CLI over a fake engine: line handling, order, errors, exit status, serialisation."""
import io
import json
import re
import sys
import time

import pytest

from service import cli
from service.api.schemas import dump_extraction

from support import REPO, FakeEngine


class SlowFirstEngine(FakeEngine):
    """Takes longest on the first articles, so that results arrive out of order."""

    def extract(self, text, **kwargs):
        if text.startswith("slow"):
            time.sleep(0.3)
        if "boom" in text:
            raise RuntimeError("engine failed on this one")
        return super().extract(text, **kwargs)


@pytest.fixture
def run(monkeypatch):
    monkeypatch.setattr(cli, "check_model_dir", lambda path: "/models")
    monkeypatch.setattr(cli, "Engine", lambda model_dir, threads: SlowFirstEngine())

    def run(lines: list[str | bytes], *args: str):
        data = b"".join((line if isinstance(line, bytes) else line.encode("utf-8")) + b"\n" for line in lines)
        stdout, stderr = io.BytesIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stdout))
        monkeypatch.setattr(sys, "stderr", stderr)
        status = cli.main(list(args))
        sys.stdout.flush()
        out = [json.loads(line) for line in stdout.getvalue().decode("utf-8").splitlines()]
        return status, out, stderr.getvalue()

    return run


def test_output_in_input_order_with_several_processes(run):
    lines = [json.dumps({"id": i, "text": ("slow " if i < 2 else "") + f'"Line {i} here," Ann said.'})
             for i in range(6)]
    status, out, err = run(lines, "--processes", "3")
    assert status == 0, err
    assert [o["id"] for o in out] == list(range(6))
    assert all(list(o) == ["id", "quotes", "speakers", "meta"] for o in out)
    assert out[0]["quotes"][0]["text"] == "Line 0 here,"


def test_same_serialisation_as_the_api(run, client):
    text = '\U0001F600 "We are ready," Mattis said.'
    status, out, _ = run([json.dumps({"id": "x", "text": text})], "--processes", "1")
    api = client.post("/v1/quotes", json={"text": text}).get_json()
    assert out == [{"id": "x", **api}]
    assert api["quotes"] == dump_extraction(FakeEngine().extract(text), text)["quotes"]


def test_bad_lines_are_reported_with_their_numbers_and_skipped(run):
    lines = [
        json.dumps({"id": "a", "text": '"One two," Ann said.'}),
        '{"id": "b", "text": ',                         # 2: invalid JSON
        json.dumps({"id": "c"}),                         # 3: no text
        "",                                              # 4: blank: skipped silently
        json.dumps(["not", "an", "object"]),             # 5
        json.dumps({"id": "e", "text": ""}),             # 6: empty text
        json.dumps({"id": "f", "text": 7}),              # 7: not a string
        b'{"id": "g", "text": "caf\xe9"}',               # 8: not UTF-8
        json.dumps({"id": "h", "text": "boom"}),         # 9: the engine fails
        json.dumps({"text": "no id", "source": "ignored"}),  # 10: id defaults to the line number
        json.dumps({"id": "k", "text": '"Last one," Bo said.'}),
    ]
    status, out, err = run(lines, "--processes", "2")
    assert status == 1
    assert [o["id"] for o in out] == ["a", 10, "k"]
    reported = [int(line.split(":")[0].split()[1]) for line in err.splitlines() if line.startswith("line ")]
    assert sorted(reported) == [2, 3, 5, 6, 7, 8, 9]
    assert 'line 3 (id "c"): text: Missing data for required field.' in err
    assert 'line 9 (id "h"): RuntimeError: engine failed on this one' in err
    assert "7 line(s) failed" in err


def test_include_nonspeech(run):
    line = json.dumps({"id": 1, "text": 'It was "odd" then.'})
    assert run([line], "--processes", "1")[1][0]["quotes"] == []
    assert run([line], "--processes", "1", "--include-nonspeech")[1][0]["quotes"][0]["type"] == "scare"


def test_empty_input(run):
    assert run([], "--processes", "1") == (0, [], "")


def test_no_progress_bar_when_stderr_is_not_a_tty(run):
    _, _, err = run([json.dumps({"text": "x"})] * 3, "--processes", "1")
    assert err == ""


def test_engine_that_cannot_load_fails_every_line(run, monkeypatch):
    def broken(model_dir, threads):
        raise OSError("damaged model file")

    monkeypatch.setattr(cli, "Engine", broken)
    status, out, err = run([json.dumps({"text": "x"}), json.dumps({"text": "y"})], "--processes", "1")
    assert status == 1 and out == []
    assert "line 1 (id 1): could not load the engine: damaged model file" in err


def test_missing_model_dir_exits_2_naming_the_variable(monkeypatch, capsys):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", "/nonexistent/models")
    assert cli.main(["--processes", "1"]) == 2
    assert "STANZA_RESOURCES_DIR" in capsys.readouterr().err


def test_processes_must_be_positive(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--processes", "0"])
    assert exc.value.code == 2


def test_every_error_line_names_the_line_and_its_id(run):
    lines = [
        '{"id": "b", "text": ',                  # invalid JSON: the id is still read
        b'{"id": 7, "text": "caf\xe9"}',         # not UTF-8
        json.dumps(["no", "id"]),                # no id: the line number, as in the output
        json.dumps({"id": None}),
        "not json at all",
    ]
    status, out, err = run(lines, "--processes", "1")
    errors = [line for line in err.splitlines() if line.startswith("line ")]
    assert [line.split(":")[0] for line in errors] == \
           ['line 1 (id "b")', "line 2 (id 7)", "line 3 (id 3)", "line 4 (id null)", "line 5 (id 5)"]
    assert status == 1 and out == []


def test_offsets_option_and_its_unit_in_meta(run, client):
    text = '\U0001F600\U0001F680 "We are ready," Mattis said.'
    for unit in ("codepoint", "utf16"):
        status, out, _ = run([json.dumps({"id": 1, "text": text})], "--processes", "1", "--offsets", unit)
        api = client.post("/v1/quotes", json={"text": text, "offsets": unit}).get_json()
        assert status == 0 and out == [{"id": 1, **api}]
        assert out[0]["meta"]["offsets"] == unit
    assert out[0]["quotes"][0]["start"] == 5  # two astral characters: four UTF-16 units, and a space


class TerminalErr(io.StringIO):
    def isatty(self):
        return True


def test_progress_has_a_total_and_eta_when_the_input_is_a_file(run, monkeypatch, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"text": f'"Q{i}," Ann said.'}) + "\n" for i in range(3)) + "\n",
                    encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", open(path, encoding="utf-8"))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO()))
    monkeypatch.setattr(sys, "stderr", TerminalErr())
    assert cli.main(["--processes", "1"]) == 0
    err = sys.stderr.getvalue()
    sys.stdin.close()
    assert re.search(r"100%.*3/3 \[\d\d:\d\d<\d\d:\d\d", err), err  # total, elapsed<remaining


def test_progress_from_a_pipe_counts_without_a_total(run, monkeypatch):
    monkeypatch.setattr(sys, "stderr", TerminalErr())
    lines = "".join(json.dumps({"text": "x"}) + "\n" for _ in range(3)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO()))
    assert cli.main(["--processes", "1"]) == 0
    err = sys.stderr.getvalue()
    assert re.search(r"3 articles \[", err) and "/3" not in err, err


@pytest.fixture
def model_dirs(monkeypatch, tmp_path):
    """The directory main() settles on, with the default beside the checkout at tmp_path/default."""
    chosen = []
    monkeypatch.setattr(cli, "DEFAULT_MODEL_DIR", tmp_path / "default")
    monkeypatch.setattr(cli, "check_model_dir", lambda path: chosen.append(str(path)) or path)
    monkeypatch.setattr(cli, "Engine", lambda model_dir, threads: FakeEngine())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    return chosen


def test_models_default_to_the_shared_directory_like_the_scripts(model_dirs, tmp_path):
    (tmp_path / "default").mkdir()
    assert cli.main(["--processes", "1"]) == 0
    assert model_dirs == [str(tmp_path / "default")]


def test_the_default_is_the_one_run_sh_uses():
    assert cli.DEFAULT_MODEL_DIR == REPO.parent / "shared" / "stanza_resources"
    for script in ("run.sh", "run-tests.sh"):
        assert "$(pwd)/../shared/stanza_resources" in (REPO / script).read_text()


def test_models_option_then_variable_win_over_the_default(model_dirs, monkeypatch, tmp_path):
    (tmp_path / "default").mkdir()
    monkeypatch.setenv("STANZA_RESOURCES_DIR", "/from/env")
    assert cli.main(["--processes", "1"]) == 0
    assert cli.main(["--processes", "1", "--models", "/from/option"]) == 0
    assert model_dirs == ["/from/env", "/from/option"]


def test_no_models_anywhere_exits_2_saying_what_to_set(model_dirs, capsys):
    assert cli.main(["--processes", "1"]) == 2
    err = capsys.readouterr().err
    assert "STANZA_RESOURCES_DIR" in err and "--models" in err and model_dirs == []
