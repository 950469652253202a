"""Real logits for the calibration views: two small classifiers on the handwritten digits.

Makes four files in assets/examples/, each a compressed .npz with exactly the keys
``logits`` (float32, shape (n, 10)), ``labels`` (int64, shape (n,)) and ``class_names``
(the strings "0".."9", dtype '<U1', so they load with allow_pickle=False):

    digits-onehot-validation.npz     digits-onehot-test.npz
    digits-smoothed-validation.npz   digits-smoothed-test.npz

Run from the repository's root (scikit-learn is needed by this script only, to load the
data bundled with it and to split it; nothing is downloaded):

    python3 -m pip install scikit-learn && python3 scripts/make_examples.py

Data: sklearn.datasets.load_digits, 1,797 8x8 images (64 features, 0..16), 10 classes.
Split stratified by class with train_test_split (random_state 0, twice) into
train 1,000 / validation 397 / test 400. Features standardized with the train split's
mean and standard deviation (a pixel constant on the train split is only centred).

Model, the same for both: an MLP 64 -> 32 tanh -> 10, weights N(0, 1/fan_in) from
numpy.random.default_rng(0), biases 0. Training, in numpy: full-batch Adam (lr 0.01,
beta1 0.9, beta2 0.999, eps 1e-8), 3,000 steps, on the mean cross-entropy between
softmax(z) (a log-softmax with the row max subtracted) and a target q:

  - onehot:   q = onehot(y)
  - smoothed: q = 0.9 onehot(y) + 0.01   (label smoothing eps = 0.1)

Both fit the train split perfectly (100 % accuracy), and the one-hot model is trained long
past that: its train NLL goes to 4e-5 while its validation NLL rises from 0.149 (step 500)
to 0.175 (step 3,000), the classic overconfident network.

Printed for each model and split: n, accuracy, NLL (mean -log p_y), ECE over 15 equal-width
bins of the confidence c = max p (bin k holds k/15 < c <= (k+1)/15; ECE = sum_k n_k/n
|acc_k - conf_k|) and the mean confidence, at T = 1 and at T*. T* is the temperature
minimizing the validation NLL of softmax(z / T), computed on the float32 logits as saved:
beta = 1/T solves mean(E_p[z] - z_y) = 0 with p = softmax(beta z) (the derivative of the
mean NLL, increasing in beta), by Newton steps kept inside a sign-change bracket, to 1e-9
relative. The test rows at T* use the validation T*.

What it printed (numpy 2.4.6, scikit-learn 1.9.1, one BLAS thread):

    digits: train 1000, validation 397, test 400; MLP 64-32 tanh-10, full-batch Adam, lr 0.01, 3000 steps

    training onehot (eps = 0.0)
      step   500  train acc 1.0000 nll 0.00117  validation acc 0.9698 nll 0.1491
      step  1000  train acc 1.0000 nll 0.00036  validation acc 0.9673 nll 0.1549
      step  1500  train acc 1.0000 nll 0.00017  validation acc 0.9673 nll 0.1603
      step  2000  train acc 1.0000 nll 0.00010  validation acc 0.9673 nll 0.1657
      step  2500  train acc 1.0000 nll 0.00006  validation acc 0.9698 nll 0.1707
      step  3000  train acc 1.0000 nll 0.00004  validation acc 0.9673 nll 0.1752

    onehot (eps = 0.0); train acc 1.0000, train NLL 0.00004
      split              T    n     acc     NLL     ECE    conf
      validation         1  397  0.9673  0.1752  0.0252  0.9854
      validation        T*  397  0.9673  0.1261  0.0236  0.9638
      test               1  400  0.9650  0.2007  0.0266  0.9843
      test              T*  400  0.9650  0.1468  0.0164  0.9577
      T* fitted on validation = 1.904441

    training smoothed (eps = 0.1)
      step   500  train acc 1.0000 nll 0.10313  validation acc 0.9647 nll 0.2491
      step  1000  train acc 1.0000 nll 0.09963  validation acc 0.9622 nll 0.2714
      step  1500  train acc 1.0000 nll 0.09842  validation acc 0.9597 nll 0.2775
      step  2000  train acc 1.0000 nll 0.09777  validation acc 0.9547 nll 0.2863
      step  2500  train acc 1.0000 nll 0.09736  validation acc 0.9521 nll 0.2954
      step  3000  train acc 1.0000 nll 0.09706  validation acc 0.9446 nll 0.2987

    smoothed (eps = 0.1); train acc 1.0000, train NLL 0.09706
      split              T    n     acc     NLL     ECE    conf
      validation         1  397  0.9446  0.2987  0.1320  0.8190
      validation        T*  397  0.9446  0.1921  0.0315  0.9455
      test               1  400  0.9475  0.3083  0.1316  0.8170
      test              T*  400  0.9475  0.2059  0.0174  0.9448
      T* fitted on validation = 0.563349

Reading it: one-hot training is overconfident (mean confidence 0.984 against accuracy 0.965
on test); T* = 1.90 > 1 softens it, and on test lowers the NLL from 0.201 to 0.147 and the
ECE from 0.027 to 0.016 (on validation, where T* was fitted, the ECE moves less: 0.025 to
0.024). Label smoothing overcorrects: the smoothed model is underconfident (mean confidence
0.817 against accuracy 0.948 on test, ECE 0.132), its fitted T* = 0.56 < 1 sharpens it, and
at T* its test ECE is 0.017 and NLL 0.206. Trained as long, the smoothed model also ends a
little less accurate on held-out data (validation accuracy 0.965 at step 500, 0.945 at
3,000) and with a higher NLL than the one-hot model even after temperature scaling.

Reproducible: the split, the initialization and full-batch training have fixed seeds and no
other randomness; BLAS runs on one thread (forced below, before numpy is imported); the
.npz files are written with zipfile and a fixed date (np.savez_compressed would stamp the
current time), so two runs on the same machine and numpy give the same bytes.
"""

import io
import os
import zipfile

# One BLAS thread, whatever the environment says: the same sums in the same order on
# every run, so the same bytes. Set before numpy is imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "assets", "examples")

SPLIT_SEED = 0
INIT_SEED = 0
N_TRAIN, N_VALIDATION, N_TEST = 1000, 397, 400
HIDDEN = 32
STEPS = 3000
LEARNING_RATE = 0.01
SMOOTHING = 0.1
N_BINS = 15
CLASS_NAMES = np.array([str(k) for k in range(10)], dtype="<U1")
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- data


def load_splits():
    """Stratified train / validation / test, standardized with the train statistics."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x = digits.data.astype(np.float64)
    y = digits.target.astype(np.int64)
    assert len(y) == N_TRAIN + N_VALIDATION + N_TEST
    x_train, x_rest, y_train, y_rest = train_test_split(
        x, y, train_size=N_TRAIN, stratify=y, random_state=SPLIT_SEED)
    x_val, x_test, y_val, y_test = train_test_split(
        x_rest, y_rest, train_size=N_VALIDATION, stratify=y_rest, random_state=SPLIT_SEED)
    mean = x_train.mean(axis=0)
    std = x_train.std(axis=0)
    std[std == 0] = 1.0  # pixels always blank in the train split stay 0

    def standardize(a):
        return (a - mean) / std

    return {
        "train": (standardize(x_train), y_train),
        "validation": (standardize(x_val), y_val),
        "test": (standardize(x_test), y_test),
    }


# ---------------------------------------------------------------- numerics


def log_softmax(z):
    """Row-wise log-softmax, stable: the max is subtracted before exp."""
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def mean_nll(z, y):
    return float(-log_softmax(z)[np.arange(len(y)), y].mean())


def accuracy(z, y):
    return float((z.argmax(axis=1) == y).mean())


def ece(z, y, n_bins=N_BINS):
    """Expected calibration error over equal-width bins k/M < c <= (k+1)/M of c = max p."""
    p = np.exp(log_softmax(z))
    conf = p.max(axis=1)
    correct = (p.argmax(axis=1) == y).astype(np.float64)
    k = np.clip(np.ceil(conf * n_bins).astype(np.int64) - 1, 0, n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        in_bin = k == b
        n_b = int(in_bin.sum())
        if n_b:
            total += n_b / len(y) * abs(correct[in_bin].mean() - conf[in_bin].mean())
    return float(total)


def mean_confidence(z):
    return float(np.exp(log_softmax(z)).max(axis=1).mean())


def fit_temperature(z, y, rtol=1e-9):
    """T* = 1/beta*, beta* the root of d/dbeta mean NLL(beta z) = mean(E_p[z] - z_y).

    The mean NLL is convex in beta (its second derivative is the mean variance of z
    under p = softmax(beta z)), so the derivative is increasing: Newton steps, kept
    inside a bracket [lo, hi] where the derivative changes sign, bisecting when a
    step would leave it.
    """
    z_y = z[np.arange(len(y)), y]

    def derivative(beta):
        p = np.exp(log_softmax(beta * z))
        e_z = (p * z).sum(axis=1)
        var_z = (p * z * z).sum(axis=1) - e_z ** 2
        return float((e_z - z_y).mean()), float(var_z.mean())

    lo, hi = 0.0, 1.0
    while derivative(hi)[0] < 0:
        lo, hi = hi, 2.0 * hi
    beta = 0.5 * (lo + hi)
    for _ in range(200):
        g, h = derivative(beta)
        if g > 0:
            hi = beta
        else:
            lo = beta
        step = beta - g / h if h > 0 else None
        new = step if step is not None and lo < step < hi else 0.5 * (lo + hi)
        if abs(new - beta) <= rtol * abs(new) or hi - lo <= rtol * hi:
            beta = new
            break
        beta = new
    else:
        raise RuntimeError("temperature fit did not converge")
    return 1.0 / beta


# ---------------------------------------------------------------- the MLP


def init_params(rng):
    return [
        rng.normal(0.0, 1.0 / np.sqrt(64), (64, HIDDEN)),
        np.zeros(HIDDEN),
        rng.normal(0.0, 1.0 / np.sqrt(HIDDEN), (HIDDEN, 10)),
        np.zeros(10),
    ]


def forward(params, x):
    w1, b1, w2, b2 = params
    h = np.tanh(x @ w1 + b1)
    return h, h @ w2 + b2


def train(x, y, epsilon, log_every=0, watch=None):
    """Full-batch Adam on the cross-entropy to q = (1 - eps) onehot(y) + eps/10."""
    rng = np.random.default_rng(INIT_SEED)
    params = init_params(rng)
    q = np.full((len(y), 10), epsilon / 10)
    q[np.arange(len(y)), y] += 1.0 - epsilon
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, tiny = 0.9, 0.999, 1e-8
    for t in range(1, STEPS + 1):
        h, z = forward(params, x)
        g_z = (np.exp(log_softmax(z)) - q) / len(y)  # d mean CE / dz
        g_h = (g_z @ params[2].T) * (1.0 - h * h)
        grads = [x.T @ g_h, g_h.sum(axis=0), h.T @ g_z, g_z.sum(axis=0)]
        for i, g in enumerate(grads):
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            m_hat = m[i] / (1 - beta1 ** t)
            v_hat = v[i] / (1 - beta2 ** t)
            params[i] = params[i] - LEARNING_RATE * m_hat / (np.sqrt(v_hat) + tiny)
        if log_every and t % log_every == 0:
            _, z_tr = forward(params, x)
            line = f"  step {t:5d}  train acc {accuracy(z_tr, y):.4f} nll {mean_nll(z_tr, y):.5f}"
            if watch is not None:
                _, z_w = forward(params, watch[0])
                line += (f"  validation acc {accuracy(z_w, watch[1]):.4f}"
                         f" nll {mean_nll(z_w, watch[1]):.4f}")
            print(line)
    return params


# ---------------------------------------------------------------- output


def write_npz(path, arrays):
    """np.savez_compressed's layout, with a fixed zip date so the bytes repeat."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asanyarray(array), allow_pickle=False)
            zf.writestr(info, member.getvalue(), compress_type=zipfile.ZIP_DEFLATED,
                        compresslevel=9)
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


def report(name, logits, labels, t_star):
    print(f"\n{name}")
    print(f"  {'split':<11} {'T':>8} {'n':>4} {'acc':>7} {'NLL':>7} {'ECE':>7} {'conf':>7}")
    for split in ("validation", "test"):
        z, y = logits[split].astype(np.float64), labels[split]
        for label, t in (("1", 1.0), ("T*", t_star)):
            u = z / t
            print(f"  {split:<11} {label:>8} {len(y):>4} {accuracy(u, y):7.4f}"
                  f" {mean_nll(u, y):7.4f} {ece(u, y):7.4f} {mean_confidence(u):7.4f}")
    print(f"  T* fitted on validation = {t_star:.6f}")


def main():
    log_every = 500
    splits = load_splits()
    x_train, y_train = splits["train"]
    os.makedirs(OUT_DIR, exist_ok=True)
    print(f"digits: train {len(y_train)}, validation {len(splits['validation'][1])},"
          f" test {len(splits['test'][1])}; MLP 64-{HIDDEN} tanh-10, full-batch Adam,"
          f" lr {LEARNING_RATE}, {STEPS} steps")
    for model, epsilon in (("onehot", 0.0), ("smoothed", SMOOTHING)):
        print(f"\ntraining {model} (eps = {epsilon})")
        params = train(x_train, y_train, epsilon, log_every, splits["validation"])
        logits, labels = {}, {}
        for split in ("train", "validation", "test"):
            x, y = splits[split]
            logits[split] = forward(params, x)[1].astype(np.float32)
            labels[split] = y.astype(np.int64)
        t_star = fit_temperature(logits["validation"].astype(np.float64), labels["validation"])
        z_tr = logits["train"].astype(np.float64)
        report(f"{model} (eps = {epsilon}); train acc {accuracy(z_tr, y_train):.4f},"
               f" train NLL {mean_nll(z_tr, y_train):.5f}", logits, labels, t_star)
        for split in ("validation", "test"):
            write_npz(os.path.join(OUT_DIR, f"digits-{model}-{split}.npz"), {
                "logits": logits[split],
                "labels": labels[split],
                "class_names": CLASS_NAMES,
            })


if __name__ == "__main__":
    main()
