"""Scoring rules for every question type."""
import pytest

from literacy.learning.scoring import AnswerTally, passes, percent, question_points


@pytest.mark.parametrize("kind", ["single", "truefalse"])
@pytest.mark.parametrize("chosen, points", [([1], 1.0), ([0], 0.0), ([], 0.0), ([0, 1], 0.0)])
def test_single_and_true_false_are_all_or_nothing(kind, chosen, points):
    assert question_points(kind, [1], chosen) == points


@pytest.mark.parametrize("chosen, points", [([0, 1], 1.0), ([0], 0.0), ([1], 0.0), ([], 0.0)])
def test_a_true_or_false_question_with_both_marked_right_has_no_partial_credit(chosen, points):
    # the reader keeps "Benar"/"Salah" as true/false even when an author ticks both; only the
    # choose-all-that-apply kind earns part of a point
    assert question_points("truefalse", [0, 1], chosen) == points


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


def test_percent_rounds_to_one_decimal_and_the_pass_mark_is_inclusive():
    assert percent([1, 1, 0]) == 66.7
    assert percent([1, 0, 0]) == 33.3
    assert percent([1.0]) == 100.0
    assert percent([0.5, 0.0]) == 25.0
    assert passes(100.0, 100) is True and passes(99.9, 100) is False
    assert passes(0.0, 0) is True
    assert question_points("multiple", [0, 1, 2], [0]) == pytest.approx(1 / 3)
    assert question_points("multiple", [0, 1, 2], [0, 1, 3]) == pytest.approx(1 / 3)


def test_the_tally_counts_answers_misses_and_the_wrong_options_chosen():
    correct = {1: [0], 2: [1, 2]}
    attempts = [
        ([1, 2], {"1": [0], "2": [1, 2]}),   # both right
        ([1, 2], {"1": [2], "2": [1]}),      # 1 wrong (option 2); 2 half right, so missed, no wrong option
        ([1, 2, 9], {"1": [2], "2": [0, 1, 2], "9": [0]}),  # 9 is not counted; 2 missed with option 0
        ([1], {}),                            # unanswered: missed, no option chosen
        ([2], None),
    ]
    tally = AnswerTally(attempts, correct)
    assert dict(tally.answered) == {1: 4, 2: 4}
    assert dict(tally.missed) == {1: 3, 2: 3}
    assert tally.most_chosen_wrong(1) == (2, 2)
    assert tally.most_chosen_wrong(2) == (0, 1)
    assert tally.most_chosen_wrong(9) == (None, 0)


def test_a_question_never_missed_has_no_wrong_option():
    tally = AnswerTally([([5], {"5": [3]})], {5: [3]})
    assert (dict(tally.answered), dict(tally.missed), tally.most_chosen_wrong(5)) == ({5: 1}, {}, (None, 0))
