"""The batch CLI over a fake engine: line handling, order, errors, exit status, serialisation."""
import io
import json
import sys
import time

import pytest

from service import cli
from service.api.schemas import dump_extraction

from support import FakeEngine


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
    assert all(list(o) == ["id", "quotes", "speakers"] for o in out)
    assert out[0]["quotes"][0]["text"] == "Line 0 here,"


def test_same_serialisation_as_the_api(run, client):
    text = '\U0001F600 "We are ready," Mattis said.'
    status, out, _ = run([json.dumps({"id": "x", "text": text})], "--processes", "1")
    api = client.post("/v1/quotes", json={"text": text}).get_json()
    assert out == [{"id": "x", "quotes": api["quotes"], "speakers": api["speakers"]}]
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
    assert "line 3: text: Missing data for required field." in err
    assert "line 9: RuntimeError: engine failed on this one" in err
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
    assert "line 1: could not load the engine: damaged model file" in err


def test_missing_model_dir_exits_2_naming_the_variable(monkeypatch, capsys):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", "/nonexistent/models")
    assert cli.main(["--processes", "1"]) == 2
    assert "STANZA_RESOURCES_DIR" in capsys.readouterr().err


def test_processes_must_be_positive(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--processes", "0"])
    assert exc.value.code == 2
