"""docs/security.md names the test behind each promise: every name must exist."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_named_in_security_md_exists():
    named = 0
    for line in (ROOT / "docs" / "security.md").read_text().splitlines():
        current = None
        for span in re.findall(r"`([^`]+)`", line):
            file, _, name = span.partition("::")
            if file.endswith(".py") and not file.startswith("literacy/"):
                current = ROOT / "tests" / file
                assert current.exists(), file
            if name:
                assert current is not None, span
                assert re.search(rf"^def {re.escape(name)}\(", current.read_text(), re.M), f"{current.name}::{name}"
                named += 1
    assert named > 30
