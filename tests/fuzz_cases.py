"""Fuzzed presets with a fixed seed: mutations of the gallery's, and a deadline for each case."""
import contextlib
import json
import random
import signal
import warnings

from softmax_viewer import presets

SEED = 20261207
CASE_SECONDS = 30           # a case that takes longer is a hang

VALUES = [0, 1, -1, 2, 3, 0.5, -0.0, 1e-320, 5e-324, 1e-300, 1e300, 1e308, -1e308, 1.7976931348623157e308,
          2**31 - 1, 2**31, 2**63, 10**400, 4.5, 100, 2000, "", "x", "-inf", "inf", "nan", "猫", "a" * 300,
          None, True, False, [], {}, [1, 2], [[1]], {"a": 1}, "linspace", "gaussian", "pad", "scale",
          "n_classes", "ce", "hinge", "smoothed_ce", "lse_hinge"]


@contextlib.contextmanager
def deadline(seconds):
    """Raise TimeoutError in the block after ``seconds`` (a case that hangs)."""
    def alarm(*_):
        raise TimeoutError(f"no answer within {seconds} s")
    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


TOP = ["name", "description", "logits", "labels", "target", "scale", "temperature", "epsilon", "n_classes",
       "generator", "view", "format", "version", "bogus"]

GEN = ["kind", "low", "high", "mean", "std", "seed", "pad_value", "bogus"]

VIEW = ["log_probabilities", "lse_mode", "surface_loss", "surface_i", "surface_j", "bogus"]


def mutated(rng, base: dict) -> str:
    """The JSON text of ``base`` (a preset) with one to three keys changed, dropped or damaged."""
    d = json.loads(json.dumps(base))
    for _ in range(rng.choice([1, 1, 2, 3])):
        r = rng.random()
        if r < 0.35:
            d[rng.choice(TOP)] = rng.choice(VALUES)
        elif r < 0.5:
            d.pop(rng.choice(TOP), None)
        elif r < 0.65:
            k = rng.choice([1, 2, 3, 5, 20])
            d["logits"] = [rng.choice(VALUES[:20] + ["-inf"]) for _ in range(k)]
            d.pop("n_classes", None)
        elif r < 0.8:
            g = d.setdefault("generator", {}) if isinstance(d.get("generator"), dict) else {}
            g[rng.choice(GEN)] = rng.choice(VALUES)
            d["generator"] = g
            if rng.random() < 0.5:
                d["n_classes"] = rng.choice([1, 2, 7, 60, 61, 500, 5000, 0, -1, 10**400, 2.5, "3"])
                d.pop("logits", None)
        elif r < 0.92:
            v = d.setdefault("view", {}) if isinstance(d.get("view"), dict) else {}
            v[rng.choice(VIEW)] = rng.choice(VALUES)
            d["view"] = v
        else:
            d["labels"] = [rng.choice(["a", "", "猫", "x" * 101, 3, None]) for _ in range(rng.choice([0, 2, 5]))]
    text = json.dumps(d, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.1:                    # damaged text: a character dropped, doubled or changed
        i = rng.randrange(len(text))
        text = rng.choice([text[:i] + text[i + 1:], text[:i] + text[i] + text[i:],
                           text[:i] + rng.choice('[]{}",:0-e') + text[i + 1:]])
    return text


def accepted_states(count, seed):
    """([(text, state)] the loader took, how many it refused) of ``count`` mutated gallery presets;
    every refusal is one line naming the file."""
    rng = random.Random(seed)
    bases = [json.loads(p.read_text()) for p in presets.gallery().values()]
    accepted, refused = [], 0
    for case in range(count):
        text = mutated(rng, rng.choice(bases))
        try:
            with deadline(CASE_SECONDS), warnings.catch_warnings():
                warnings.simplefilter("error")
                st = presets.parse(text, f"case{case}.json")
        except presets.PresetError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(f"case{case}.json: "), (text, str(exc))
            assert len(exc.problem) < 300, exc.problem
            refused += 1
            continue
        accepted.append((text, st))
    return accepted, refused
