"""A small mutation tester of our own (stdlib ``ast``): how many single-point changes to the core
rules make a test fail.

    .venv/bin/python bench/mutation.py                      # every file in FILES
    .venv/bin/python bench/mutation.py literacy/permissions.py --jobs 2
    .venv/bin/python bench/mutation.py --list literacy/learning/scoring.py   # the mutants, not run
    .venv/bin/python bench/mutation.py literacy/workshops/registrations.py --every 2 --start 1  # #1, #3, #5...

Why our own and not mutmut: mutmut copies the tree into ``mutants/`` and runs the tests there, but
the app finds its templates, content, translations and ``common-passwords.txt`` beside its own
files and the editable install points Python at the real tree, so a copy needs path juggling;
and mutmut 3 mutates whole packages. Here the mutant never touches a file: the tree is parsed,
one node is changed, the changed tree is compiled *under the original file name* (so
``Path(__file__)`` still finds its neighbours) and a meta-path finder hands that code to Python
when the module is imported. Each mutant runs in a forked child of a process that has already
imported Flask, SQLAlchemy, pytest and the rest (not ``literacy``), so a mutant costs the tests it
runs, not the start-up.

Operators: comparisons (< <=, > >=, == !=, in / not in, is / is not), arithmetic (+ -), boolean
(and / or, ``not`` removed), constants (n -> n+1 and n-1, True / False, a string emptied),
return values (``return None``, and ``return not ...`` in functions that answer a bool), removed
statements (a call on a line of its own deleted). A second set, numbered after the first, makes the
changes a person breaking a rule by hand would: a guard (an ``if`` without ``else`` that raises,
returns, breaks or continues) removed, one condition of ``where()`` / ``filter()`` / ``and_()`` /
``or_()`` dropped, ``min`` / ``max`` and ``any`` / ``all`` swapped, ``.lower()`` / ``.strip()`` and the
like removed, a ``timedelta`` unit changed (minutes to seconds or hours...), and one element dropped
from a literal set, tuple or list of constants (an allow-list narrowed). A third set, numbered
after the second, puts one named constant in place of another of its kind that the file also has
(a role, a workshop or registration status, a kind of attempt or pool, a verdict), then leaves
one operand out of an ``and`` / ``or``. Not mutated:
docstrings, type annotations, message ids inside ``_()`` / ``_l()`` (the catalog test covers them)
and log-message strings.

Each mutant runs only the tests that cover its file (TESTS below), with ``-x -q -p no:randomly``,
SQLite, no browser tests, and a timeout (a mutant that hangs counts as killed: the suite would
not pass). Survivors known to be equivalent (no behaviour anyone can reach) are listed with the
reason in ``bench/mutation-equivalents.txt`` and counted apart.
"""
from __future__ import annotations

import argparse
import ast
import copy
import importlib.abc
import importlib.util
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "bench" / "mutation-equivalents.txt"

# file -> the tests that cover it. The tests written for issue 19 (NEW) run first (they call the
# rules directly and fail in seconds); ``--before`` leaves them out, for the figures from before them.
TESTS = {
    # not tests/accounts/test_access.py: its route table (700 cases) takes minutes for each mutant
    "literacy/permissions.py": ["tests/classes/test_membership.py", "tests/classes/test_running.py",
                                "tests/accounts/test_consent.py", "tests/test_rules_permissions.py"],
    "literacy/learning/scoring.py": ["tests/learning/test_scoring.py", "tests/learning/test_quiz.py"],
    "literacy/learning/quiz.py": ["tests/learning/test_quiz.py", "tests/learning/test_quiz_pages.py",
                                  "tests/content/test_pretest_pool.py", "tests/learning/test_quiz_rules.py"],
    "literacy/accounts/passwords.py": ["tests/accounts/test_sessions.py", "tests/accounts/test_signup_login.py",
                                       "tests/accounts/test_password_rules.py"],
    "literacy/accounts/sessions.py": ["tests/accounts/test_login_rows.py", "tests/accounts/test_sessions.py",
                                      "tests/accounts/test_session_rules.py"],
    "literacy/content/quizzes.py": ["tests/content/test_checker.py", "tests/content/test_import.py",
                                    "tests/content/test_pretest_pool.py", "tests/content/test_quiz_reader.py"],
    "literacy/content/render.py": ["tests/content/test_sanitizer.py", "tests/content/test_import.py",
                                   "tests/content/test_sanitize_rules.py"],
    # classes/test_reports.py (attendance_of in the class report) is left out for its minute of set-up per
    # mutant: workshops/test_registration_rules.py calls attendance_of directly
    "literacy/workshops/registrations.py": ["tests/workshops/test_registration_rules.py", "tests/workshops/test_services.py",
                                            "tests/certificates/test_workshop_attendance.py",
                                            "tests/workshops/test_race.py", "tests/workshops/test_pages.py",
                                            "tests/test_backup.py"],
    "literacy/certificates/services.py": ["tests/certificates/test_issuing_rules.py", "tests/certificates/test_issuing.py",
                                          "tests/certificates/test_workshop_attendance.py"],
}
NEW = {"tests/test_rules_permissions.py", "tests/learning/test_quiz_rules.py", "tests/accounts/test_password_rules.py",
       "tests/accounts/test_session_rules.py", "tests/content/test_quiz_reader.py",
       "tests/content/test_sanitize_rules.py", "tests/workshops/test_registration_rules.py",
       "tests/certificates/test_issuing_rules.py"}
FILES = list(TESTS)

COMPARE_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                 ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add}
BOOLOP_SWAPS = {ast.And: ast.Or, ast.Or: ast.And}
SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
          ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-", ast.And: "and",
          ast.Or: "or"}
MESSAGE_CALLS = {"_", "_l", "gettext", "lazy_gettext", "ngettext"}
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}


@dataclass(frozen=True)
class Mutant:
    file: str
    number: int  # the n-th mutant of the file, stable while the file does not change
    line: int
    description: str

    @property
    def name(self) -> str:
        return f"{self.file}:{self.line}"


# -- finding mutation points ----------------------------------------------------------------------

def _skipped_nodes(tree: ast.AST) -> set[int]:
    """ids of nodes never mutated: docstrings, annotations, message ids, log messages."""
    skipped: set[int] = set()

    def skip(node):
        for sub in ast.walk(node):
            skipped.add(id(sub))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                skip(body[0])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.returns is not None:
                skip(node.returns)
            for arg in node.args.args + node.args.kwonlyargs + node.args.posonlyargs:
                if arg.annotation is not None:
                    skip(arg.annotation)
        if isinstance(node, ast.AnnAssign):
            skip(node.annotation)
        if isinstance(node, ast.ImportFrom):
            skip(node)
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in MESSAGE_CALLS or (isinstance(func, ast.Attribute) and name in LOG_METHODS):
                for arg in node.args[:1]:
                    if isinstance(arg, ast.Constant):
                        skipped.add(id(arg))
        if isinstance(node, ast.Raise) and node.exc is not None:  # the words of an exception message
            for sub in ast.walk(node.exc):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    skipped.add(id(sub))
    return skipped


def _bool_functions(tree: ast.AST) -> set[int]:
    """ids of return statements inside functions annotated ``-> bool``."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and isinstance(node.returns, ast.Name) \
                and node.returns.id == "bool":
            for sub in ast.walk(node):
                if isinstance(sub, ast.Return):
                    found.add(id(sub))
    return found


def _points(tree: ast.AST):
    """Every (node, kind, detail, line, description) a mutation can change, in a stable order."""
    skipped = _skipped_nodes(tree)
    bool_returns = _bool_functions(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in COMPARE_SWAPS:
                    new = COMPARE_SWAPS[type(op)]
                    yield node, "compare", (i, new), line, f"{SYMBOL[type(op)]} -> {SYMBOL[new]}"
        elif isinstance(node, ast.BinOp) and type(node.op) in BINOP_SWAPS:
            new = BINOP_SWAPS[type(node.op)]
            yield node, "binop", new, line, f"{SYMBOL[type(node.op)]} -> {SYMBOL[new]}"
        elif isinstance(node, ast.AugAssign) and type(node.op) in BINOP_SWAPS:
            new = BINOP_SWAPS[type(node.op)]
            yield node, "binop", new, line, f"{SYMBOL[type(node.op)]}= -> {SYMBOL[new]}="
        elif isinstance(node, ast.BoolOp):
            new = BOOLOP_SWAPS[type(node.op)]
            yield node, "boolop", new, line, f"{SYMBOL[type(node.op)]} -> {SYMBOL[new]}"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "not", None, line, "not removed"
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                yield node, "const", (not value), line, f"{value} -> {not value}"
            elif isinstance(value, (int, float)):
                yield node, "const", value + 1, line, f"{value} -> {value + 1}"
                yield node, "const", value - 1, line, f"{value} -> {value - 1}"
            elif isinstance(value, str) and value:
                yield node, "const", "", line, f"{_short(value)} -> ''"
        elif isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                yield node, "return-none", None, line, "return None"
            if id(node) in bool_returns:
                yield node, "return-not", None, line, "return not ..."
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            yield node, "remove", None, line, f"call removed: {_short(ast.unparse(node.value))}"
    # The second set, added on 2026-12-02 after the ones above (so their numbers did not move): the
    # kinds of change a person makes by hand when breaking a rule on purpose.
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.If) and _is_guard(node):
            yield node, "guard", None, line, f"guard removed: if {_code(node.test)}"
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name in FILTER_CALLS and len(node.args) > 1:
                for i, arg in enumerate(node.args):
                    yield node, "drop-arg", i, line, f"{name}() condition dropped: {_code(arg)}"
            elif name in SWAPPED_CALLS and isinstance(node.func, ast.Name):
                yield node, "rename", SWAPPED_CALLS[name], line, f"{name}() -> {SWAPPED_CALLS[name]}()"
            elif name in STRING_METHODS and isinstance(node.func, ast.Attribute) and not node.args:
                yield node, "unwrap", None, line, f".{name}() removed"
            if name == "timedelta":
                for i, keyword in enumerate(node.keywords):
                    if keyword.arg in TIME_UNITS:
                        for unit in TIME_UNITS[keyword.arg]:
                            yield node, "unit", (i, unit), line, f"timedelta({keyword.arg}=) -> {unit}="
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List)) and len(node.elts) > 1 \
                and all(isinstance(e, ast.Constant) for e in node.elts):
            for i, element in enumerate(node.elts):
                yield node, "drop-element", i, line, f"element dropped: {_short(repr(element.value))}"
    # The third set (2026-12-02, numbered after the second): one named constant used in place of
    # another of its kind (a role, a status, a kind of attempt), when the file has both names.
    bound = _module_names(tree)
    for node in ast.walk(tree):
        if id(node) in skipped or not isinstance(node, ast.Name) or not isinstance(node.ctx, ast.Load):
            continue
        for group in SIBLINGS:
            if node.id in group:
                for other in sorted(group & bound - {node.id}):
                    yield node, "sibling", other, node.lineno, f"{node.id} -> {other}"
    # ... and, after those, one operand of an ``and`` / ``or`` left out (a condition forgotten).
    for node in ast.walk(tree):
        if id(node) not in skipped and isinstance(node, ast.BoolOp):
            for i, value in enumerate(node.values):
                yield node, "drop-operand", i, node.lineno, f"{SYMBOL[type(node.op)]} operand dropped: {_code(value)}"


SIBLINGS = [frozenset(g) for g in (
    {"STUDENT", "FACILITATOR", "PARTNER", "ADMIN", "REVIEWER"}, {"DRAFT", "PUBLISHED", "CANCELLED"},
    {"CONFIRMED", "WAITING", "WITHDRAWN"}, {"QUIZ", "PRETEST"}, {"QUIZ_POOL", "PRETEST_POOL"},
    {"VALID", "REVOKED", "NOT_HELD", "NOT_FOUND"}, {"WAIT_CONSENT", "WAIT_WORKSHOP"}, {"CAPSTONE", "MODULE"},
    {"SUBMITTED_ATTEMPT", "PASSED_MODULE", "READ_LESSON"}, {"MULTIPLE", "SINGLE", "TRUEFALSE"},
)]


def _module_names(tree: ast.Module) -> set[str]:
    """Names the module imports or assigns at its top level."""
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name):
                        names.add(sub.id)
    return names


FILTER_CALLS = {"where", "filter", "filter_by", "and_", "or_", "having"}
SWAPPED_CALLS = {"min": "max", "max": "min", "any": "all", "all": "any"}
STRING_METHODS = {"lower", "casefold", "upper", "strip", "lstrip", "rstrip"}
TIME_UNITS = {"days": ("hours",), "hours": ("minutes", "days"), "minutes": ("seconds", "hours"),
              "seconds": ("minutes",)}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_guard(node: ast.If) -> bool:
    """An ``if`` without ``else`` whose body ends by raising, returning or leaving a loop."""
    return not node.orelse and isinstance(node.body[-1], (ast.Raise, ast.Return, ast.Continue, ast.Break))


def _code(node: ast.AST, size: int = 60) -> str:
    text = ast.unparse(node)
    return text if len(text) <= size else text[:size - 3] + "..."


def _short(text: str, size: int = 40) -> str:
    text = repr(text) if not text.startswith(("'", '"')) and "(" not in text else text
    return text if len(text) <= size else text[:size - 3] + "..."


def parse(file: str) -> ast.Module:
    return ast.parse((ROOT / file).read_text(), filename=str(ROOT / file))


def mutants(file: str) -> list[Mutant]:
    return [Mutant(file, n, line, description) for n, (_node, _k, _d, line, description)
            in enumerate(_points(parse(file)))]


def mutated_tree(file: str, number: int) -> ast.Module:
    tree = parse(file)
    node, kind, detail, _line, _description = list(_points(tree))[number]
    if kind == "compare":
        index, new = detail
        node.ops[index] = new()
    elif kind == "binop":
        node.op = detail()
    elif kind == "boolop":
        node.op = detail()
    elif kind == "not":
        _replace(tree, node, node.operand)
    elif kind == "const":
        node.value = detail
    elif kind == "return-none":
        node.value = ast.Constant(None)
    elif kind == "return-not":
        node.value = ast.UnaryOp(ast.Not(), node.value)
    elif kind in ("remove", "guard"):
        _replace(tree, node, ast.Pass())
    elif kind == "drop-arg":
        del node.args[detail]
    elif kind == "rename":
        node.func.id = detail
    elif kind == "unwrap":
        _replace(tree, node, node.func.value)
    elif kind == "unit":
        index, unit = detail
        node.keywords[index].arg = unit
    elif kind == "drop-element":
        del node.elts[detail]
    elif kind == "sibling":
        node.id = detail
    elif kind == "drop-operand":
        del node.values[detail]
        if len(node.values) == 1:
            _replace(tree, node, node.values[0])
    return ast.fix_missing_locations(tree)


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                ast.copy_location(new, old)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = ast.copy_location(new, old)
                        return
    raise LookupError("node not found")


# -- loading a mutant instead of the file ---------------------------------------------------------

class _MutantFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, module_name: str, path: Path, code):
        self.module_name, self.path, self.code = module_name, path, code

    def find_spec(self, name, path=None, target=None):
        if name != self.module_name:
            return None
        return importlib.util.spec_from_file_location(name, self.path, loader=self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(self.code, module.__dict__)


def install(file: str, number: int) -> None:
    """Make ``import`` of the file's module load mutant ``number`` (in this process only)."""
    path = ROOT / file
    module_name = file[:-3].replace("/", ".")
    code = compile(copy.deepcopy(mutated_tree(file, number)), str(path), "exec")
    sys.meta_path.insert(0, _MutantFinder(module_name, path, code))


# -- running --------------------------------------------------------------------------------------

PRELOAD = ["flask", "flask_babel", "flask_login", "flask_wtf", "flask_limiter", "flask_migrate", "flask_sqlalchemy",
           "sqlalchemy", "sqlalchemy.dialects.sqlite", "wtforms", "babel", "nh3", "markdown_it", "mdit_py_plugins",
           "yaml", "icalendar", "segno", "reportlab", "reportlab.pdfgen.canvas", "joserfc", "cryptography",
           "aiosmtpd", "aiosmtpd.controller", "hypothesis", "pypdf", "jwt", "jsonschema", "werkzeug", "whitenoise",
           "itsdangerous", "brotli", "redis", "psycopg", "_pytest", "pytest"]


def _preload() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


WITHOUT_NEW = False  # --before


def stages(file: str) -> list[list[str]]:
    """The tests of a file in two runs: the direct rule tests (quick to collect and to fail), then
    the rest only if the mutant survived those."""
    existing = [t for t in TESTS[file] if (ROOT / t.split("::")[0]).exists()]
    direct = [t for t in existing if t in NEW and not WITHOUT_NEW]
    rest = [t for t in existing if t not in NEW]
    return [group for group in (direct, rest) if group]


def pytest_args(tests: list[str]) -> list[str]:
    return ["-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "-m", "not browser", "--no-header",
            "-o", "addopts=", *tests]


def run_one(file: str, number: int | None, timeout: float, log: Path) -> tuple[str, float]:
    """'killed <test file>', 'survived', 'timeout' or 'error' for one mutant (None: the unmutated
    baseline). Each stage of tests runs in a forked child of its own."""
    started = time.monotonic()
    deadline = started + timeout
    for index, tests in enumerate(stages(file)):
        stage_log = log if index == 0 else log.with_name(f"{log.name}.{index}")
        outcome = _run_stage(file, number, tests, deadline, stage_log)
        if outcome != "survived":
            return outcome, time.monotonic() - started
    return "survived", time.monotonic() - started


def _run_stage(file: str, number: int | None, tests: list[str], deadline: float, log: Path) -> str:
    pid = os.fork()
    if pid == 0:  # the child: load the mutant, run the tests, exit with pytest's code
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.environ.pop("LITERACY_TEST_DATABASE_URL", None)
            os.setpgid(0, 0)
            if number is not None:
                install(file, number)
            import pytest

            os._exit(int(pytest.main(pytest_args(tests))))
        except BaseException:  # noqa: BLE001 - whatever happens in the child ends it
            import traceback

            traceback.print_exc()
            os._exit(70)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            _kill_group(pid)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status)
    _kill_group(pid)  # anything the tests left behind
    if code == 0:
        return "survived"
    if code in (1, 2):  # tests failed, or collection failed (the mutant does not even import)
        return "killed " + _first_failure(log)
    return "error"


def _first_failure(log: Path) -> str:
    """The test file that failed first (pytest's short summary), or "?"."""
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith(("FAILED ", "ERROR ")):
            return line.split()[1].split("::")[0]
    return "?"


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def load_equivalents() -> dict[tuple[str, int, str], str]:
    """(file, line, description) -> why the mutant is equivalent."""
    known = {}
    if EQUIVALENTS.exists():
        for raw in EQUIVALENTS.read_text().splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            where, description, reason = (part.strip() for part in raw.split("|", 2))
            file, line = where.rsplit(":", 1)
            known[(file, int(line), description)] = reason
    return known


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", default=FILES)
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2 + 1))
    parser.add_argument("--timeout-factor", type=float, default=4.0,
                        help="a mutant may run this many times as long as the unmutated tests (at least 30 s)")
    parser.add_argument("--list", action="store_true", help="print the mutants without running them")
    parser.add_argument("--only", type=int, nargs="*", help="mutant numbers to run (with one file)")
    parser.add_argument("--before", action="store_true", help="without the tests written for issue 19")
    parser.add_argument("--every", type=int, default=1,
                        help="a deterministic sample: only mutants whose number is --start plus a multiple of this")
    parser.add_argument("--start", type=int, default=0, help="the first mutant number of the --every sample")
    args = parser.parse_args(argv)
    global WITHOUT_NEW
    WITHOUT_NEW = args.before
    os.chdir(ROOT)
    files = [f.removeprefix("./") for f in args.files]
    if args.list:
        for file in files:
            for m in mutants(file):
                print(f"{m.number:4} {m.name}  {m.description}")
        return 0
    _preload()
    equivalents = load_equivalents()
    current = {(m.file, m.line, m.description) for file in files for m in mutants(file)}
    for file, line, description in sorted(k for k in equivalents if k[0] in files and k not in current):
        # the file changed under the note: its line or wording must be written down again
        print(f"bench/mutation-equivalents.txt names no current mutant: {file}:{line} | {description}")
    logs = Path(os.environ.get("MUTATION_LOGS", "/tmp/literasi-mutation"))
    logs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    summary = []
    failed_baseline = False
    for file in files:
        baseline, seconds = run_one(file, None, 1800, logs / "baseline.log")
        if baseline != "survived":  # (a baseline that passes "survives")
            print(f"{file}: the unmutated tests do not pass ({baseline}), see {logs / 'baseline.log'}")
            failed_baseline = True
            continue
        timeout = max(30.0, seconds * args.timeout_factor)
        todo = [m for m in mutants(file) if (args.only is None or m.number in args.only)
                and m.number >= args.start and (m.number - args.start) % args.every == 0]
        results = _run_all(file, todo, timeout, args.jobs, logs)
        counts = {"killed": 0, "timeout": 0, "survived": 0, "equivalent": 0, "error": 0}
        survivors = []
        for mutant, outcome in results:
            if outcome.startswith("killed"):
                outcome = "killed"
            if outcome == "survived" and (mutant.file, mutant.line, mutant.description) in equivalents:
                outcome = "equivalent"
            counts[outcome] += 1
            if outcome in ("survived", "error"):
                survivors.append((mutant, outcome))
        killed = counts["killed"] + counts["timeout"]
        judged = len(results) - counts["equivalent"] - counts["error"]
        rate = 100 * killed / judged if judged else 100.0
        summary.append((file, killed, judged, counts["equivalent"], rate))
        print(f"\n== {file}: {len(results)} of {len(mutants(file))} mutants run")
        print(f"== {file}: {killed}/{judged} killed ({rate:.1f}%), {counts['equivalent']} equivalent, "
              f"{counts['timeout']} by timeout, {counts['error']} errors; tests {seconds:.1f} s unmutated")
        for mutant, outcome in sorted(survivors, key=lambda s: (s[0].line, s[0].number)):
            print(f"  {'SURVIVED' if outcome == 'survived' else 'ERROR   '} {mutant.name} #{mutant.number}: "
                  f"{mutant.description}")
        sys.stdout.flush()
    print("\n| file | killed | equivalent | rate |\n|---|---|---|---|")
    for file, killed, judged, equivalent, rate in summary:
        print(f"| {file} | {killed} of {judged} | {equivalent} | {rate:.1f}% |")
    print(f"\n{time.monotonic() - started:.0f} s in all")
    return 1 if failed_baseline or any(row[4] < 90 for row in summary) else 0


def _run_all(file: str, todo: list[Mutant], timeout: float, jobs: int, logs: Path):
    """Run mutants ``jobs`` at a time (each in its own forked child, with its own pytest tmp dir)."""
    results, running, queue = [], {}, list(todo)
    import tempfile

    while queue or running:
        while queue and len(running) < jobs:
            mutant = queue.pop(0)
            slot = tempfile.mkdtemp(prefix="mutant-", dir=logs)
            running[mutant] = slot
            pid = os.fork()
            if pid == 0:
                os.environ["PYTEST_ADDOPTS"] = f"--basetemp={slot}/tmp"
                outcome, _seconds = run_one(mutant.file, mutant.number, timeout, Path(slot) / "log")
                Path(slot, "outcome").write_text(outcome)
                os._exit(0)
            running[mutant] = (slot, pid)
        for mutant, (slot, pid) in list(running.items()):
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                outcome = Path(slot, "outcome").read_text() if Path(slot, "outcome").exists() else "error"
                results.append((mutant, outcome))
                with open(logs / "progress.txt", "a") as progress:  # partial figures while it runs
                    progress.write(f"{mutant.name} #{mutant.number} {mutant.description} | {outcome}\n")
                del running[mutant]
                if outcome.startswith("killed"):
                    _rmtree(slot)
        time.sleep(0.05)
    return sorted(results, key=lambda r: r[0].number)


def _rmtree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
