"""Question keys derived from the question text, for questions that have none (``check --fix``).

A key is the question's stable identity (progress and results point at it), so it is written into
the file once and never derived again: a heading that already ends in ``{#...}`` is left alone,
which makes the fix idempotent.
"""
from __future__ import annotations

import re
import unicodedata

HEADING = re.compile(r"^(##)(\s+)(.*?)\s*$")
HAS_KEY = re.compile(r"\{#[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
MAX_WORDS, MAX_LENGTH = 5, 40


def key_from_text(text: str) -> str:
    """"Apa yang sebaiknya Dimas lakukan?" -> "apa-yang-sebaiknya-dimas-lakukan"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:MAX_WORDS]
    key = "-".join(words)[:MAX_LENGTH].strip("-")
    return key or "soal"


def add_missing_keys(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Give every ``## `` question without a key one derived from its text.

    Returns the new text and the (line, key) pairs added; the text is unchanged when none were.
    """
    lines = text.split("\n")
    taken = set(re.findall(r"\{#([^}]*)\}", text))
    added: list[tuple[int, str]] = []
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = HEADING.match(line)
        if in_fence or not match or HAS_KEY.search(line) or not match.group(3).strip():
            continue
        base = key = key_from_text(match.group(3))
        number = 2
        while key in taken:
            key, number = f"{base}-{number}", number + 1
        taken.add(key)
        lines[index] = f"{match.group(1)}{match.group(2)}{match.group(3)} {{#{key}}}"
        added.append((index + 1, key))
    return ("\n".join(lines) if added else text), added
