"""Scoring rules for every question type."""
import pytest

from literacy.learning.scoring import passes, percent, question_points


@pytest.mark.parametrize("kind", ["single", "truefalse"])
@pytest.mark.parametrize("chosen, points", [([1], 1.0), ([0], 0.0), ([], 0.0), ([0, 1], 0.0)])
def test_single_and_true_false_are_all_or_nothing(kind, chosen, points):
    assert question_points(kind, [1], chosen) == points


@pytest.mark.parametrize("chosen, points", [
    ([0, 1], 1.0),        # both right ones
    ([0], 0.5),           # half of the right ones
    ([0, 2], 0.0),        # one right, one wrong
    ([0, 1, 2], 0.5),     # all right ones and one wrong
    ([0, 1, 2, 3], 0.0),  # ticking everything earns nothing
    ([2, 3], 0.0),        # never below zero
    ([], 0.0),
])
def test_choose_all_that_apply_scores_right_minus_wrong(chosen, points):
    assert question_points("multiple", [0, 1], chosen) == points


def test_percent_and_pass_mark():
    assert percent([1, 0.5, 0, 1]) == 62.5
    assert percent([]) == 0.0
    assert passes(70.0, 70) and not passes(69.9, 70)
