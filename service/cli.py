"""Batch CLI: one JSON article per line in, one JSON result per line out, in input order.

    python -m service.cli [--processes N] [--include-nonspeech] < articles.jsonl > quotes.jsonl

Each input line is {"id": ..., "text": "..."} (other fields are ignored; id defaults to the line
number); each output line is {"id": ..., "quotes": [...], "speakers": [...]}, serialised exactly
as the HTTP API does. A bad line is reported on stderr with its line number and skipped; blank
lines are skipped silently. Exit status: 0 when every line was processed, 1 when any failed, 2
when the models cannot be found (STANZA_RESOURCES_DIR).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import sys

from marshmallow import ValidationError
from tqdm import tqdm

from . import config as configuration
from .api.schemas import ArticleLineSchema, dump_extraction
from .engine import Engine, ModelDirError, check_model_dir

_engine = None  # one per worker process
_engine_error: str | None = None


def _init_worker(model_dir: str) -> None:
    global _engine, _engine_error
    try:
        _engine = Engine(model_dir, threads=1)
    except Exception as exc:  # reported on every line rather than respawning the worker forever
        _engine_error = f"could not load the engine: {exc}"


def _process(item: tuple) -> tuple[int, dict | None, str | None]:
    lineno, article_id, text, include_nonspeech = item
    if _engine is None:
        return lineno, None, _engine_error
    try:
        body = dump_extraction(_engine.extract(text, include_nonspeech=include_nonspeech), text)
    except Exception as exc:
        return lineno, None, f"{type(exc).__name__}: {exc}"
    return lineno, {"id": article_id, "quotes": body["quotes"], "speakers": body["speakers"]}, None


def _articles(lines, include_nonspeech: bool, report):
    """(line number, id, text, include_nonspeech) for each good line; `report` gets the bad ones."""
    schema = ArticleLineSchema()
    for lineno, raw in enumerate(lines, 1):
        try:
            line = raw.decode("utf-8")
            if not line.strip():
                continue
            record = schema.load(json.loads(line.strip()))
        except UnicodeDecodeError as exc:
            report(lineno, f"not valid UTF-8 (byte {exc.start})")
        except (ValueError, RecursionError) as exc:
            report(lineno, f"not valid JSON ({exc})")
        except ValidationError as exc:
            messages = exc.messages if isinstance(exc.messages, dict) else {}
            report(lineno, "not a JSON object" if "_schema" in messages or not messages else
                   "; ".join(f"{field}: {' '.join(map(str, msgs))}" for field, msgs in messages.items()))
        else:
            yield lineno, record.get("id", lineno), record["text"], include_nonspeech


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quote-attribution", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=configuration.cpu_count(),
                        help="worker processes, each with its own engine (default: all cores, %(default)s)")
    parser.add_argument("--include-nonspeech", action="store_true",
                        help="also report quoted text that is not speech (types name and scare)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    try:
        model_dir = str(check_model_dir(configuration.load().model_dir))
    except (configuration.ConfigError, ModelDirError) as exc:
        print(f"quote-attribution: {exc}", file=sys.stderr)
        return 2

    failed: list[int] = []  # line numbers; appended to from the pool's feeder thread too
    progress = tqdm(unit=" articles", file=sys.stderr, disable=not sys.stderr.isatty())

    def report(lineno: int, message: str) -> None:
        failed.append(lineno)
        tqdm.write(f"line {lineno}: {message}", file=sys.stderr)

    out = sys.stdout.buffer
    articles = _articles(sys.stdin.buffer, args.include_nonspeech, report)
    with multiprocessing.Pool(args.processes, initializer=_init_worker, initargs=(model_dir,)) as pool:
        for lineno, result, error in pool.imap(_process, articles):
            if error is not None:
                report(lineno, error)
            else:
                out.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
                out.flush()
            progress.update()
    progress.close()
    if failed:
        print(f"quote-attribution: {len(failed)} line(s) failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
