"""The sampling lab's numbers: seeded draws, truncation, Gumbel-max and its relaxation."""
import numpy as np
import pytest

from softmax_viewer import labs, stable
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState


def test_same_seed_same_draws_and_counts_follow_p():
    st = ExplorerState(logits=[3.0, 2.0, 1.0, 0.5, -1.0], target=0)
    a = labs.sampling(st, n=200_000, seed=4)
    b = labs.sampling(st, n=200_000, seed=4)
    np.testing.assert_array_equal(a.counts, b.counts)
    assert a.counts.sum() == 200_000
    p = stable.softmax([3.0, 2.0, 1.0, 0.5, -1.0])
    # chi-square against p, 4 degrees of freedom: 30 is far in the tail
    chi2 = np.sum((a.counts - 200_000 * p) ** 2 / (200_000 * p))
    assert chi2 < 30
    assert not np.array_equal(a.counts, labs.sampling(st, n=200_000, seed=5).counts)


def test_gumbel_max_draw_is_the_argmax_of_perturbed_log_p():
    st = ExplorerState(logits=[1.0, 1.1, 0.9], target=0)
    wins = np.zeros(3)
    for seed in range(3000):
        d = labs.sampling(st, n=0, seed=seed)
        assert d.sampled == int(np.argmax(d.perturbed))
        wins[d.sampled] += 1
    np.testing.assert_allclose(wins / 3000, stable.softmax([1.0, 1.1, 0.9]), atol=0.03)


@pytest.mark.parametrize("kw,kept", [
    ({"top_k": 2}, [True, True, False, False]),
    ({"top_p": 0.7}, [True, True, False, False]),
    ({"top_p": 0.5}, [True, False, False, False]),
    ({"min_p": 0.3}, [True, True, False, False]),
    ({"top_k": 3, "min_p": 0.5}, [True, False, False, False]),
])
def test_truncation(kw, kept):
    p = np.array([0.6, 0.25, 0.1, 0.05])
    np.testing.assert_array_equal(labs.truncate(p, **kw), kept)


def test_truncation_order_changes_the_result():
    st = ExplorerState(logits=[2.0, 1.9, 0.0, -0.1], target=0, temperature=5.0)
    first = labs.sampling(st, n=10, top_p=0.6, order="temperature_first")
    after = labs.sampling(st, n=10, top_p=0.6, order="truncate_first")
    assert first.kept.sum() != after.kept.sum()
    assert abs(after.sample_p.sum() - 1) < 1e-12 and np.all(after.sample_p[~after.kept] == 0)


@pytest.mark.parametrize("n", [50_000, 400_000])       # Gumbel-max, and past GUMBEL_BUDGET the multinomial
def test_truncated_classes_are_never_drawn(n):
    st = ExplorerState(logits=[3.0, 2.0, 1.0, 0.5, -1.0], target=0)
    d = labs.sampling(st, n=n, seed=1, top_k=2)
    assert d.counts[2:].sum() == 0 and d.counts.sum() == n
    q = d.sample_p[:2]
    chi2 = np.sum((d.counts[:2] - n * q) ** 2 / (n * q))     # 1 degree of freedom: 15 is far out
    assert chi2 < 15


def test_three_ways_of_drawing_give_the_same_distribution():
    """Gumbel-max (up to GUMBEL_BUDGET variates), and beyond it the multinomial draw (more
    draws than classes) or the inverse CDF (fewer): 300,000 draws of each agree with p in a
    chi-square test. The inverse CDF runs over 1,000 classes of which 994 are all but
    impossible (p ~ 1e-14), which it must not draw."""
    z = np.array([2.0, 1.5, 1.0, 0.0, -0.5, -2.0])
    p = stable.softmax(z)
    st = ExplorerState(logits=z, target=0)
    gumbel = sum(labs.sampling(st, n=30_000, seed=s).counts for s in range(10))    # 180k variates each
    multinomial = labs.sampling(st, n=300_000, seed=11).counts
    wide = ExplorerState(logits=np.concatenate([z, np.full(994, -30.0)]), target=0)
    inverse = sum(labs.sampling(wide, n=1000, seed=s).counts for s in range(300))  # n <= classes
    assert 30_000 * 6 <= labs.GUMBEL_BUDGET < min(300_000 * 6, 1000 * 1000)
    assert inverse[6:].sum() == 0
    for counts in (gumbel, multinomial, inverse[:6]):
        assert counts.sum() == 300_000
        chi2 = np.sum((counts - 300_000 * p) ** 2 / (300_000 * p))
        assert chi2 < 25                                      # 5 degrees of freedom


def test_gumbel_softmax_is_a_distribution_that_sharpens_with_tau():
    st = ExplorerState(logits=[1.0, 2.0, 3.0], target=0)
    soft = labs.sampling(st, n=0, seed=2, gumbel_tau=10.0).relaxed
    hard = labs.sampling(st, n=0, seed=2, gumbel_tau=0.01).relaxed
    assert abs(soft.sum() - 1) < 1e-12 and soft.max() < 0.5 and hard.max() > 0.99


@pytest.mark.parametrize("kw,match", [({"top_k": 0}, "top_k"), ({"top_p": 1.5}, "top_p"), ({"min_p": -1}, "min_p"),
                                      ({"n": -1}, "n must"), ({"order": "x"}, "order"), ({"gumbel_tau": 0}, "Gumbel")])
def test_sampling_arguments(kw, match):
    with pytest.raises(ValueError, match=match):
        labs.sampling(ExplorerState(), **kw)


def test_many_samples_over_many_classes():
    big = ExplorerState(generator=Generator(kind="gaussian", std=2.0)).with_n_classes(100_000)
    d = labs.sampling(big, n=100_000, seed=0)
    assert d.counts.sum() == 100_000 and d.counts.size == 100_000


def test_the_shown_gumbel_noise_holds_still_while_p_moves():
    """The single draw's noise comes from its own stream of the seed: a temperature
    change (which changes how many numbers the K draws consume) leaves it as it was,
    and another seed changes it."""
    st = ExplorerState(logits=[3.0, 2.0, 1.0, 0.5, -1.0], target=0)
    a = labs.sampling(st, n=300_000, seed=3)                                  # multinomial
    b = labs.sampling(st.replace(temperature=2.5), n=300_000, seed=3)
    c = labs.sampling(st.replace(temperature=2.5), n=1_000, seed=3)          # Gumbel-max
    np.testing.assert_array_equal(a.gumbel_noise, b.gumbel_noise)
    np.testing.assert_array_equal(a.gumbel_noise, c.gumbel_noise)
    assert not np.array_equal(a.gumbel_noise, labs.sampling(st, n=300_000, seed=4).gumbel_noise)
