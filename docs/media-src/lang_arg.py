"""The ``--lang`` argument every drawing script here takes (issue 15, English images).

``--lang id`` (the default) writes ``NAME.png``; ``--lang en`` writes the English variant
``NAME-en.png`` next to it, in the same ``media/`` folder, which English lessons reference
(``media/NAME-en.png``; the checker warns when an English lesson uses ``NAME.png`` while
``NAME-en.png`` exists). A script whose images have no English texts yet says so and stops.
"""
import argparse
import sys
from pathlib import Path

LANGUAGES = ("id", "en")


def language(available=LANGUAGES) -> str:
    """The language asked for on the command line, if this script can draw it."""
    parser = argparse.ArgumentParser(description=sys.modules["__main__"].__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=LANGUAGES, default="id",
                        help="id writes NAME.png (default); en writes NAME-en.png")
    lang = parser.parse_args().lang
    if lang not in available:
        parser.exit(2, f"{Path(sys.argv[0]).name}: these images have no {lang} texts yet; "
                       "add them to the script (see cek-dulu-sebelum-sebar.py) before drawing --lang en.\n")
    return lang


def file_name(name: str, lang: str) -> str:
    """``NAME.png`` in Indonesian, ``NAME-en.png`` in English."""
    path = Path(name)
    return name if lang == "id" else f"{path.stem}-en{path.suffix}"
