"""One-off setup on a machine with internet access: fetch the official Stanza English models.

    python -m service.download_models DIR
    export STANZA_RESOURCES_DIR=DIR

The server and the CLI never download anything; they only read STANZA_RESOURCES_DIR.
"""
from __future__ import annotations

import argparse
import sys

from .engine import ModelDirError, check_model_dir
from .engine.parse import PROCESSORS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.download_models", description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", help="directory to download into (created if missing)")
    args = parser.parse_args(argv)
    import stanza  # deferred: torch is slow to import

    stanza.download("en", model_dir=args.model_dir, processors=",".join(PROCESSORS), logging_level="INFO")
    try:
        check_model_dir(args.model_dir)
    except ModelDirError as exc:
        print(f"download finished but the directory is not usable: {exc}", file=sys.stderr)
        return 1
    print(f"models ready: export STANZA_RESOURCES_DIR={args.model_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
