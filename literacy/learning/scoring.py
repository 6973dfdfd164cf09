"""How answers are scored. Pure functions: no database, easy to test.

Every question is worth one point. Single choice and true/false: one point for the right
option, none otherwise. Choose-all-that-apply: (right options ticked - wrong options ticked)
divided by the number of right options, never below zero; so ticking everything scores 0 and
ticking half the right ones and nothing wrong scores half a point. The score is the percentage
of points, and the attempt passes when it reaches the module's pass mark.
"""
from __future__ import annotations

from collections import Counter, defaultdict

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


class AnswerTally:
    """How often each question was answered and missed, and which wrong options were chosen, over
    submitted attempts given as ``(question_ids, answers)`` pairs (answers map a question id, as a
    string, to the option indexes chosen). An unanswered question counts as missed with no option.
    ``correct`` maps each question id counted to its right option indexes; others are skipped."""

    def __init__(self, attempts, correct: dict[int, list[int]]):
        self.answered: Counter = Counter()
        self.missed: Counter = Counter()
        self.wrong_options: dict[int, Counter] = defaultdict(Counter)
        for question_ids, answers in attempts:
            for question_id in question_ids:
                if question_id not in correct:
                    continue
                right = set(correct[question_id])
                chosen = set((answers or {}).get(str(question_id), []))
                self.answered[question_id] += 1
                if chosen != right:
                    self.missed[question_id] += 1
                    self.wrong_options[question_id].update(chosen - right)

    def most_chosen_wrong(self, question_id: int) -> tuple[int | None, int]:
        """The wrong option chosen most often for a question and how often (None, 0 if none)."""
        top = self.wrong_options[question_id].most_common(1) if question_id in self.wrong_options else []
        return top[0] if top else (None, 0)
