"""Batch CLI: one JSON article per line in, one JSON result per line out, in input order.

    python -m service.cli [--processes N] [--include-nonspeech] [--offsets utf16] [--models DIR]
        < articles.jsonl > quotes.jsonl

Each input line is {"id": ..., "text": "..."} (other fields are ignored; id defaults to the line
number); each output line is {"id": ..., "quotes": [...], "speakers": [...], "meta": {...}},
serialised exactly as the HTTP API does (`meta.offsets` names the offset unit). A bad line is
reported on stderr with its line number and id, and skipped; blank lines are skipped silently.
Exit status: 0 when every line was processed, 1 when any failed, 2 when the models cannot be
found. Models: --models, else STANZA_RESOURCES_DIR, else ../shared/stanza_resources beside the
checkout (as ./run.sh and ./run-tests.sh).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import stat
import sys

from marshmallow import ValidationError
from tqdm import tqdm

from . import config as configuration
from .api.schemas import OFFSET_UNITS, ArticleLineSchema, dump_extraction
from .engine import Engine, ModelDirError, check_model_dir

DEFAULT_MODEL_DIR = configuration.CHECKOUT_MODEL_DIR
# An "id" read from a line that is not valid JSON, so that its error can still name it.
_ID = re.compile(r'"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')

_engine = None  # one per worker process
_engine_error: str | None = None


def _init_worker(model_dir: str) -> None:
    global _engine, _engine_error
    try:
        _engine = Engine(model_dir, threads=1)
    except Exception as exc:  # reported on every line rather than respawning the worker forever
        _engine_error = f"could not load the engine: {exc}"


def _process(item: tuple) -> tuple[int, object, dict | None, str | None]:
    """(line number, id, output record or None, error or None) for one item of _articles."""
    lineno, article_id, text, error, (include_nonspeech, offsets) = item
    error = error or (_engine_error if _engine is None else None)
    if error:
        return lineno, article_id, None, error
    try:
        body = dump_extraction(_engine.extract(text, include_nonspeech=include_nonspeech), text, offsets)
    except Exception as exc:
        return lineno, article_id, None, f"{type(exc).__name__}: {exc}"
    return lineno, article_id, {"id": article_id, **body}, None


def _articles(lines, options: tuple):
    """(line number, id, text, error, options) for each non-blank line; text is None and error
    says why when the line is bad. Bad lines go through the pool too, so that every line is
    reported and counted in input order, in one place."""
    schema = ArticleLineSchema()
    for lineno, raw in enumerate(lines, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line_id = _salvaged_id(raw.decode("utf-8", "replace"), lineno)
            yield lineno, line_id, None, f"not valid UTF-8 (byte {exc.start})", options
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line.strip())
        except (ValueError, RecursionError) as exc:
            yield lineno, _salvaged_id(line, lineno), None, f"not valid JSON ({exc})", options
            continue
        line_id = data.get("id", lineno) if isinstance(data, dict) else lineno
        try:
            record = schema.load(data)
        except ValidationError as exc:
            messages = exc.messages if isinstance(exc.messages, dict) else {}
            yield lineno, line_id, None, ("not a JSON object" if "_schema" in messages or not messages else
                                          "; ".join(f"{field}: {' '.join(map(str, msgs))}"
                                                    for field, msgs in messages.items())), options
        else:
            yield lineno, line_id, record["text"], None, options


def _salvaged_id(line: str, lineno: int):
    match = _ID.search(line)
    try:
        return json.loads(match.group(1)) if match else lineno
    except ValueError:
        return lineno


def _countable_lines(stream) -> int | None:
    """The number of non-blank lines when the input is a regular file (then rewound), else None."""
    try:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        start = stream.tell()
        total = sum(1 for line in stream if line.strip())
        stream.seek(start)
        return total
    except (OSError, ValueError):
        return None


def _model_dir(option: str | None) -> str:
    """--models, else STANZA_RESOURCES_DIR, else the shared directory beside the checkout."""
    path = option or configuration.load().model_dir
    if path is None:
        if not DEFAULT_MODEL_DIR.is_dir():
            raise ModelDirError(f"no Stanza models: set STANZA_RESOURCES_DIR or pass --models DIR "
                                f"(the default, {DEFAULT_MODEL_DIR}, does not exist)")
        path = str(DEFAULT_MODEL_DIR)
    return str(check_model_dir(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quote-attribution", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=configuration.cpu_count(),
                        help="worker processes, each with its own engine (default: all cores, %(default)s)")
    parser.add_argument("--include-nonspeech", action="store_true",
                        help="also report quoted text that is not speech (types name and scare)")
    parser.add_argument("--offsets", choices=OFFSET_UNITS, default="codepoint",
                        help="unit of every offset: Python code points (default) or UTF-16 code units")
    parser.add_argument("--models", metavar="DIR",
                        help="Stanza model directory (default: STANZA_RESOURCES_DIR, else "
                             f"{DEFAULT_MODEL_DIR})")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    try:
        model_dir = _model_dir(args.models)
    except (configuration.ConfigError, ModelDirError) as exc:
        print(f"quote-attribution: {exc}", file=sys.stderr)
        return 2

    stdin = sys.stdin.buffer
    shown = sys.stderr.isatty()  # counting the lines reads the whole input once more: only for a bar
    progress = tqdm(total=_countable_lines(stdin) if shown else None, unit=" articles", file=sys.stderr,
                    disable=not shown)
    failed = 0
    out = sys.stdout.buffer
    articles = _articles(stdin, (args.include_nonspeech, args.offsets))
    with multiprocessing.Pool(args.processes, initializer=_init_worker, initargs=(model_dir,)) as pool:
        for lineno, article_id, result, error in pool.imap(_process, articles):
            if error is not None:
                failed += 1
                tqdm.write(f"line {lineno} (id {json.dumps(article_id, ensure_ascii=False)}): {error}",
                           file=sys.stderr)
            else:
                out.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
                out.flush()
            progress.update()
    progress.close()
    if failed:
        print(f"quote-attribution: {failed} line(s) failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
