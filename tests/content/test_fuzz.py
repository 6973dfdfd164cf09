"""The checker never raises, whatever a partner's files contain."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from literacy.content.source import read_paths

FILES = ["module.md", "01-apa-itu-hoaks.md", "kuis.md", "en/kuis.md", "en/module.md"]
PIECES = st.sampled_from([
    "---\n", "---", "\n", "## ", "# ", "#### ", "- [ ] ", "- [x] ", "  > ", "> ", "::: tips\n", ":::\n",
    "{#k}", "{#}", "![", "](media/x.png)", "[a](", "javascript:", "<b>", "title: ", "pillar: ", "[", "]",
    ":", "'", '"', "\t", "  - ", "pass_mark: 500", "questions_per_attempt: x", "\x00", "\ufeff", "é", "🙂",
])
MANGLE = st.tuples(
    st.sampled_from(FILES),
    st.integers(min_value=0, max_value=2000),
    st.integers(min_value=0, max_value=200),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=12).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mangles=st.lists(MANGLE, min_size=1, max_size=4))
def test_mangled_files_become_problems_never_exceptions(app, tmp_path_factory, mangles):
    import shutil

    from .conftest import EXAMPLE

    root = tmp_path_factory.mktemp("fuzz")
    folder = root / "kenali-hoaks"
    shutil.copytree(EXAMPLE, folder)
    for name, start, length, insert in mangles:
        path = folder / name
        text = path.read_text()
        start = min(start, len(text))
        path.write_text(text[:start] + insert + text[start + length:])
    with app.test_request_context():
        modules, report = read_paths([root])
        messages = [p.format() for p in report.problems]
    assert all(p.code != "internal" for p in report.problems)
    assert len(messages) == len(report.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_in_every_file(app, tmp_path_factory, data):
    import shutil

    from .conftest import EXAMPLE

    root = tmp_path_factory.mktemp("bytes")
    shutil.copytree(EXAMPLE, root / "kenali-hoaks")
    for name in FILES:
        (root / "kenali-hoaks" / name).write_bytes(data)
    with app.test_request_context():
        _, report = read_paths([root])
        [p.format() for p in report.problems]
    assert report.errors
