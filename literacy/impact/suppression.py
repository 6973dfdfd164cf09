"""Which figures may be shown: no group under 10 people, and no hidden figure recoverable by subtraction.

**Primary suppression.** A figure about fewer than :data:`THRESHOLD` different people (a count of
people, or anything counted from their activity, such as lessons read by 4 learners) is hidden
and shown as "< 10". Zero is shown: it tells nothing about anyone.

**Complementary suppression** (chosen over rounding totals). A table (provinces, or months) sums to
the national total; with one cell hidden, the total minus the others would give it back. So each
table is audited the way an attacker would read it: every hidden cell is known only to lie within
its bounds (1 to 9 for a count of people under 10, at least 1 for a figure counted from fewer
than 10 people, at least 10 for a cell hidden to protect another, since it covers 10 or more
people), and the shown cells and the total fix the sum of the hidden ones. While any hidden cell's
value follows exactly from that, the smallest shown cell is hidden too ("×" on the page). When
no cell is left to hide, the total itself is hidden, and then every table that would give the
total back as a plain sum hides one more cell. Rounding the total to tens was rejected: it
publishes an inexact national figure, yet still pins a hidden 9 or 1 whenever the rounding window
meets the edge of 1..9 (a total rounded to 110 with 96 shown leaves exactly 9).

The province and month tables share only the total; no province-by-month figure is published, so
there is no second equation through a cell.
"""
from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 10
SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"
INFINITY = float("inf")


@dataclass(frozen=True)
class Cell:
    """A figure as published: its value only when shown."""

    raw: int
    state: str

    @property
    def value(self) -> int | None:
        return self.raw if self.state == SHOWN else None

    @property
    def suppressed(self) -> bool:
        return self.state != SHOWN


def _bounds(state: str, counts_people: bool) -> tuple[float, float]:
    if state == SMALL:
        return 1, (THRESHOLD - 1 if counts_people else INFINITY)
    return THRESHOLD, INFINITY


def pinned(values: list[int], states: list[str], total: int, counts_people: bool) -> list[int]:
    """Hidden cells whose value the shown cells and the total determine exactly."""
    hidden = [i for i, state in enumerate(states) if state != SHOWN]
    remainder = total - sum(v for v, state in zip(values, states) if state == SHOWN)
    bounds = {i: _bounds(states[i], counts_people) for i in hidden}
    found = []
    for i in hidden:
        low_others = sum(bounds[j][0] for j in hidden if j != i)
        high_others = sum(bounds[j][1] for j in hidden if j != i)
        low = max(bounds[i][0], remainder - high_others)
        high = min(bounds[i][1], remainder - low_others)
        if low >= high:
            found.append(i)
    return found


def _primary(people: list[int | None]) -> list[str]:
    return [SMALL if p is not None and 0 < p < THRESHOLD else SHOWN for p in people]


def _complete(values: list[int], states: list[str], total: int, counts_people: bool) -> bool:
    """Hide cells until no hidden one can be worked out; False if only hiding the total would do."""
    while pinned(values, states, total, counts_people):
        candidates = [i for i, (v, s) in enumerate(zip(values, states)) if s == SHOWN and v > 0]
        if not candidates:
            return False
        states[min(candidates, key=lambda i: (values[i], i))] = HIDDEN
    return True


def protect(tables: list[list[tuple[int, int | None]]], total: tuple[int, int | None],
            counts_people: bool) -> tuple[list[list[Cell]], Cell]:
    """The cells of every table that shares ``total``, and the total, as they may be published.

    Each cell and the total is ``(value, people)``; ``people`` None means the figure is not about
    people (workshops held: public anyway) and is never hidden.
    """
    total_value, total_people = total
    states = [_primary([p for _, p in table]) for table in tables]
    values = [[v for v, _ in table] for table in tables]
    if total_people is not None and 0 < total_people < THRESHOLD:
        total_state = SMALL
    else:
        total_state = SHOWN
        if not all([_complete(v, s, total_value, counts_people) for v, s in zip(values, states)]):
            total_state = HIDDEN
    if total_state != SHOWN:
        # The total must not come back as the plain sum of a table either.
        for v, s in zip(values, states):
            if all(state == SHOWN for state in s) and any(v):
                s[min((i for i in range(len(v)) if v[i] > 0), key=lambda i: (v[i], i))] = HIDDEN
    cells = [[Cell(value, state) for value, state in zip(v, s)] for v, s in zip(values, states)]
    return cells, Cell(total_value, total_state)
