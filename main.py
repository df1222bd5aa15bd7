"""Backprop Lab entry point.

``python main.py`` opens the app, ``python main.py PROJECT.json`` opens it on a
project; ``train``, ``gradcheck``, ``sweep``, ``export-onnx``, ``export-torch`` and ``bundle`` run headless
(see ``core.cli``).
"""

from __future__ import annotations

import sys

HEADLESS_COMMANDS = ("train", "gradcheck", "sweep", "export-onnx", "export-torch", "bundle")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in HEADLESS_COMMANDS or argv[0] in ("-h", "--help")):
        from core.cli import main as cli_main

        return cli_main(argv)
    from gui.app import run_app

    return run_app(argv)


if __name__ == "__main__":
    sys.exit(main())
