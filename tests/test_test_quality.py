"""The tests themselves: no assert that accepts success and failure alike, no test that asserts
nothing, no comparison computed and thrown away (issue 19). Scans ``tests/`` with ``ast``."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# calls that are checks in themselves: Playwright's expect, pytest.raises / fail / skip
CHECKING_CALLS = {"expect", "raises", "fail", "skip", "importorskip", "warns", "deprecated_call"}


def _files():
    return sorted(p for p in TESTS.rglob("*.py") if p.name != "__init__.py")


def _status_codes(node: ast.AST) -> bool:
    """A literal tuple, list or set of two or more HTTP status codes."""
    if not isinstance(node, (ast.Tuple, ast.List, ast.Set)) or len(node.elts) < 2:
        return False
    return all(isinstance(e, ast.Constant) and type(e.value) is int and 100 <= e.value <= 599 for e in node.elts)


def weak_status_asserts(tree: ast.AST) -> list[int]:
    """Lines of ``assert response.status_code in (200, 302)`` and the like."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            for sub in ast.walk(node.test):
                if isinstance(sub, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in sub.ops) \
                        and any(_status_codes(c) for c in sub.comparators):
                    lines.append(node.lineno)
                    break
    return lines


def _checks(function: ast.AST, helpers: dict[str, ast.AST], seen=None) -> bool:
    """Whether a test asserts something, directly or through a helper of its own file that does."""
    seen = seen if seen is not None else set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in CHECKING_CALLS or name.startswith(("assert_", "expect_", "check_")):
                return True
            if name in helpers and name not in seen:
                seen.add(name)
                if _checks(helpers[name], helpers, seen):
                    return True
    return False


def unchecked_tests(tree: ast.Module) -> list[str]:
    helpers = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("test"):
            helpers.setdefault(node.name, node)
    return [node.name for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")
            and not _checks(node, helpers)]


def thrown_away(tree: ast.AST) -> list[int]:
    """Lines where a comparison is computed as a statement of its own (an ``assert`` forgotten)."""
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Compare, ast.BoolOp))]


POLLS = {"sleep", "wait_for_timeout", "is_visible", "is_hidden"}


def polls_in_browser_tests(tree: ast.Module) -> list[str]:
    """Fixed sleeps and visibility polls in a browser test file: Playwright's ``expect`` waits instead."""
    source = ast.unparse(tree)
    if "mark.browser" not in source:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in POLLS:
            found.append(f"{node.lineno} {node.func.attr}")
    return found


CLOCK_READS = {"utcnow", "now", "today", "local_days_ahead", "local_today", "time", "monotonic"}


def _clock_reads(node: ast.AST) -> list[int]:
    """Calls that read the clock in ``node``, except inside a lambda (which runs when called)."""
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Lambda):
            continue
        if isinstance(current, ast.Call):
            func = current.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in CLOCK_READS:
                found.append(current.lineno)
        stack.extend(ast.iter_child_nodes(current))
    return found


def clock_read_at_collection(tree: ast.Module) -> list[int]:
    """Lines that read the clock when pytest imports the file (module level, class bodies, decorators
    such as ``parametrize``) rather than when a test runs: a run that crosses midnight, or a new
    year, then compares two different days. (It failed CI once: tests/workshops/test_pages.py.)"""
    found = []

    def visit(statements):
        for statement in statements:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in statement.decorator_list:
                    found.extend(_clock_reads(decorator))
                found.extend(line for default in statement.args.defaults + statement.args.kw_defaults
                             if default is not None for line in _clock_reads(default))
            elif isinstance(statement, ast.ClassDef):
                for decorator in statement.decorator_list:
                    found.extend(_clock_reads(decorator))
                visit(statement.body)
            else:
                found.extend(_clock_reads(statement))

    visit(tree.body)
    return sorted(found)


def _scan(check):
    found = []
    for path in _files():
        tree = ast.parse(path.read_text(), filename=str(path))
        found += [f"{path.relative_to(TESTS)}:{item}" for item in check(tree)]
    return found


def test_no_assert_accepts_several_status_codes():
    assert _scan(weak_status_asserts) == []


def test_every_test_checks_something():
    assert _scan(unchecked_tests) == []


def test_no_comparison_is_thrown_away():
    assert _scan(thrown_away) == []


def test_browser_tests_wait_with_expect_not_sleeps_or_polls():
    assert _scan(polls_in_browser_tests) == []


def test_no_test_reads_the_clock_when_it_is_collected():
    assert _scan(clock_read_at_collection) == []


def test_the_checker_finds_what_it_should():
    weak = ast.parse("def test_a(client):\n    r = client.get('/')\n    assert r.status_code in (200, 302)\n"
                     "def test_b(r):\n    assert r.status_code not in [301, 302, 303]\n"
                     "def test_c(r):\n    assert r.status_code == 200 and r.status_code in {200, 204}\n")
    assert weak_status_asserts(weak) == [3, 5, 7]
    fine = ast.parse("def test_a(r):\n    assert r.status_code == 303\n    assert 'x' in ('x', 'y')\n"
                     "    assert r.status_code in (200,)\n")
    assert weak_status_asserts(fine) == []
    silent = ast.parse("def _helper(r):\n    assert r\n"
                       "def _quiet(r):\n    return r\n"
                       "def test_ok(r):\n    _helper(r)\n"
                       "def test_expect(page):\n    expect(page).to_have_title('x')\n"
                       "def test_raises():\n    with pytest.raises(ValueError):\n        int('x')\n"
                       "def test_nothing(client):\n    client.get('/')\n"
                       "def test_quiet(r):\n    _quiet(r)\n")
    assert unchecked_tests(silent) == ["test_nothing", "test_quiet"]
    forgotten = ast.parse("def test_a(r):\n    r.status_code == 200\n    assert r\n")
    assert thrown_away(forgotten) == [2]
    polling = ast.parse("pytestmark = pytest.mark.browser\ndef test_a(page):\n    page.wait_for_timeout(300)\n"
                        "    time.sleep(1)\n    assert page.locator('p').is_visible()\n")
    assert polls_in_browser_tests(polling) == ["3 wait_for_timeout", "4 sleep", "5 is_visible"]
    collected = ast.parse("YEAR = utcnow().year\n"
                          "@pytest.mark.parametrize('when', [local_days_ahead(7, 10), lambda: local_days_ahead(1)])\n"
                          "def test_a(when, start=datetime.now()):\n    assert when < utcnow()\n"
                          "class TestB:\n    TODAY = date.today()\n    def test_c(self):\n        assert time.time()\n")
    assert clock_read_at_collection(collected) == [1, 2, 3, 6]
