"""A/B statistics, exactly: the p-value the reports show is the one of the right test on the
right table (kills mutants of bot/campaigns.py that a "looks like a number" check lets live)."""

import pytest
from scipy.stats import chi2_contingency, fisher_exact

from bot.campaigns import VARIANT_NAMES, VariantResult, significance, variant_for


def v(name: str, delivered: int, responded: int, converted: int = 0, enqueued: int | None = None) -> VariantResult:
    return VariantResult(name, delivered if enqueued is None else enqueued, delivered, responded, converted)


def test_a_clear_difference_is_significant_with_the_chi_squared_value():
    rows = [v("A", 200, 80), v("B", 200, 20)]
    p = significance(rows)
    assert p == pytest.approx(chi2_contingency([[80, 120], [20, 180]]).pvalue, rel=1e-12)
    assert p < 1e-9  # not "always 1.0"


def test_equal_rates_are_not_significant():
    p = significance([v("A", 100, 30), v("B", 100, 30)])
    assert p == pytest.approx(chi2_contingency([[30, 70], [30, 70]]).pvalue, rel=1e-12)
    assert p > 0.5


def test_small_counts_of_two_variants_use_fishers_exact_test():
    rows = [v("A", 10, 4), v("B", 12, 0)]
    assert significance(rows) == pytest.approx(fisher_exact([[4, 6], [0, 12]]).pvalue, rel=1e-12)
    assert significance(rows) != pytest.approx(chi2_contingency([[4, 6], [0, 12]]).pvalue, rel=1e-3)


@pytest.mark.parametrize(
    "table, fisher",
    [
        ([[5, 20], [12, 13]], False),  # smallest cell exactly 5: chi-squared
        ([[4, 21], [12, 13]], True),  # smallest cell 4: Fisher
        ([[20, 5], [13, 12]], False),  # the smallest cell among the non-responders
        ([[21, 4], [13, 12]], True),
    ],
)
def test_the_five_boundary(table, fisher):
    rows = [v("A", sum(table[0]), table[0][0]), v("B", sum(table[1]), table[1][0])]
    expected = fisher_exact(table).pvalue if fisher else chi2_contingency(table).pvalue
    other = chi2_contingency(table).pvalue if fisher else fisher_exact(table).pvalue
    assert expected != pytest.approx(other, rel=1e-3)
    assert significance(rows) == pytest.approx(expected, rel=1e-12)


def test_three_variants_use_chi_squared_even_with_small_counts():
    rows = [v("A", 10, 1), v("B", 10, 5), v("C", 10, 9)]
    table = [[1, 9], [5, 5], [9, 1]]
    assert significance(rows) == pytest.approx(chi2_contingency(table).pvalue, rel=1e-12)


def test_variants_nobody_received_are_left_out():
    rows = [v("A", 200, 80), v("B", 0, 0, enqueued=50), v("C", 200, 20)]
    assert significance(rows) == pytest.approx(chi2_contingency([[80, 120], [20, 180]]).pvalue, rel=1e-12)


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [v("A", 100, 10)],  # one variant: nothing to compare
        [v("A", 100, 10), v("B", 0, 0)],  # the other reached nobody
        [v("A", 100, 0), v("B", 100, 0)],  # nobody responded
        [v("A", 50, 50), v("B", 60, 60)],  # everybody responded
    ],
)
def test_nothing_to_compare(rows):
    assert significance(rows) is None


def test_one_responder_and_one_full_variant_still_compare():
    # Not everyone responded everywhere, someone responded somewhere: a real p-value.
    rows = [v("A", 10, 10), v("B", 10, 1)]
    assert significance(rows) == pytest.approx(fisher_exact([[10, 0], [1, 9]]).pvalue, rel=1e-12)
    rows = [v("A", 10, 1), v("B", 10, 0)]
    assert significance(rows) == pytest.approx(fisher_exact([[1, 9], [0, 10]]).pvalue, rel=1e-12)


def test_rates():
    assert v("A", 40, 10).response_rate == 0.25
    assert v("A", 0, 0).response_rate == 0.0
    assert v("A", 40, 10, converted=4).informed_per_buyer == 10.0
    assert v("A", 40, 10, converted=0).informed_per_buyer is None


def test_variant_assignment_is_stable_spread_and_bounded():
    for count in (1, 2, 3, 4):
        got = [variant_for(11, cid, count) for cid in range(400)]
        assert set(got) == set(VARIANT_NAMES[:count])
        assert got == [variant_for(11, cid, count) for cid in range(400)]
    # The digest of this exact wording: a changed formula reshuffles running campaigns.
    import hashlib

    digest = hashlib.sha256(b"campaign:11:customer:5").digest()
    assert variant_for(11, 5, 4) == VARIANT_NAMES[int.from_bytes(digest[:8], "big") % 4]
    assert variant_for(11, 5, 3) == VARIANT_NAMES[int.from_bytes(digest[:8], "big") % 3]
