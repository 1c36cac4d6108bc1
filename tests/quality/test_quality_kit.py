"""The helpers the browser gates share out their pages with."""
from __future__ import annotations

from collections import Counter

from quality_kit import deal


def test_dealing_gives_every_page_to_one_hand_and_evens_the_weights():
    weights = [1300, 190, 177, 165, 139, 133, 130, 103, 100, 98, 40, 35, 30, 20, 5]
    hands = deal(weights, 3, weight=lambda w: w)
    assert Counter(w for hand in hands for w in hand) == Counter(weights)
    # the heaviest page alone outweighs the rest shared by two: it is a hand of its own
    assert [1300] in hands
    loads = sorted(sum(hand) for hand in hands if hand != [1300])
    assert loads[1] - loads[0] <= max(weights[1:]), loads


def test_more_hands_than_pages_leaves_some_empty_and_loses_none():
    hands = deal(["a", "b"], 4, weight=len)
    assert sorted(p for hand in hands for p in hand) == ["a", "b"] and hands.count([]) == 2
