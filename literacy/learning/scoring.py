"""How answers are scored. Pure functions: no database, easy to test.

Every question is worth one point. Single choice and true/false: one point for the right
option, none otherwise. Choose-all-that-apply: (right options ticked - wrong options ticked)
divided by the number of right options, never below zero; so ticking everything scores 0 and
ticking half the right ones and nothing wrong scores half a point. The score is the percentage
of points, and the attempt passes when it reaches the module's pass mark.
"""
from __future__ import annotations

MULTIPLE = "multiple"


def question_points(kind: str, correct, chosen) -> float:
    correct, chosen = set(correct), set(chosen)
    if kind != MULTIPLE:
        return 1.0 if chosen == correct else 0.0
    right = len(chosen & correct)
    wrong = len(chosen - correct)
    return max(0.0, (right - wrong) / len(correct))


def percent(points: list[float]) -> float:
    return round(100 * sum(points) / len(points), 1) if points else 0.0


def passes(score: float, pass_mark: int) -> bool:
    return score >= pass_mark
