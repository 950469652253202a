"""Logits from files: every format opens the same numbers; nothing executes; what cannot be read is said."""
import json
import os
import pickle

import numpy as np
import pytest

from softmax_viewer import logit_checks
from softmax_viewer import logit_files as lf
from softmax_viewer.batch import open_logits

Z = np.random.default_rng(0).normal(0, 3, (6, 4))
Z[2, 1] = -np.inf                                   # a masked class survives every format
Y = np.array([0, 1, 2, 3, 0, 2])
NAMES = ["cat", "dog", "猫", "a b"]


def _write(path, fmt):
    if fmt == "npy":
        np.save(path, Z)
    elif fmt == "npz":
        np.savez(path, logits=Z, labels=Y, class_names=np.array(NAMES))
    elif fmt == "npz-only-float":
        np.savez(path, scores=Z.astype(np.float32), labels=Y)
    elif fmt in ("csv", "tsv", "txt"):
        sep = {"csv": ",", "tsv": "\t", "txt": " "}[fmt]
        rows = [sep.join(repr(float(v)) if np.isfinite(v) else "-inf" for v in r) for r in Z]
        path.write_text("# logits of six samples\n" + sep.join(n.replace(" ", "_") for n in NAMES) + "\n"
                        + "\n".join(rows) + "\n", encoding="utf-8")
    elif fmt == "json":
        path.write_text(json.dumps({"logits": [[v if np.isfinite(v) else "-inf" for v in r] for r in Z.tolist()],
                                    "labels": Y.tolist(), "class_names": NAMES}))
    elif fmt == "safetensors":
        from safetensors.numpy import save_file
        save_file({"logits": Z, "labels": Y}, str(path))


@pytest.mark.parametrize("fmt,suffix", [("npy", ".npy"), ("npz", ".npz"), ("npz-only-float", ".npz"),
                                        ("csv", ".csv"), ("tsv", ".tsv"), ("txt", ".txt"), ("json", ".json"),
                                        ("safetensors", ".safetensors")])
def test_every_format_opens_the_same_numbers(tmp_path, fmt, suffix):
    if fmt == "safetensors":
        pytest.importorskip("safetensors")
    path = tmp_path / f"logits{suffix}"
    _write(path, fmt)
    got = lf.read_logits(path)
    want = Z.astype(np.float32).astype(np.float64) if fmt == "npz-only-float" else Z
    np.testing.assert_array_equal(got.logits, want)
    assert got.is_batch and got.n_samples == 6 and got.n_classes == 4
    if fmt in ("npz", "npz-only-float", "json", "safetensors"):
        np.testing.assert_array_equal(got.labels, Y)
    if fmt in ("npz", "json"):
        assert got.class_names == tuple(NAMES)
    if fmt in ("csv", "tsv", "txt"):
        assert got.class_names == ("cat", "dog", "猫", "a_b")
    assert not got.logits.flags.writeable


def test_torch_files_open_with_weights_only(tmp_path):
    torch = pytest.importorskip("torch")
    torch.save({"logits": torch.tensor(Z), "labels": torch.tensor(Y)}, tmp_path / "out.pt")
    got = lf.read_logits(tmp_path / "out.pt")
    np.testing.assert_array_equal(got.logits, Z)
    np.testing.assert_array_equal(got.labels, Y)


def test_without_torch_a_pt_file_says_so(tmp_path, monkeypatch):
    import builtins
    real = builtins.__import__

    def no_torch(name, *args, **kwargs):
        if name == "torch":
            raise ImportError("no torch")
        return real(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_torch)
    (tmp_path / "x.pt").write_bytes(b"PK")
    with pytest.raises(lf.LogitFileError, match="needs torch installed"):
        lf.read_logits(tmp_path / "x.pt")


class _Payload:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))               # would create the marker file if unpickled


def test_a_pickled_array_executes_nothing(tmp_path):
    marker = tmp_path / "executed"
    np.save(tmp_path / "evil.npy", np.array([_Payload(str(marker))], dtype=object), allow_pickle=True)
    np.savez(tmp_path / "evil.npz", logits=np.array([_Payload(str(marker))], dtype=object))
    (tmp_path / "evil.json").write_bytes(pickle.dumps(_Payload(str(marker))))
    for name in ("evil.npy", "evil.npz"):
        with pytest.raises(lf.LogitFileError, match="Python objects"):
            lf.read_logits(tmp_path / name)
    with pytest.raises(lf.LogitFileError):
        lf.read_logits(tmp_path / "evil.json")
    assert not marker.exists()


def test_what_is_not_a_regular_file_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.npy"
    os.mkfifo(fifo)
    with pytest.raises(lf.LogitFileError, match="not a regular file"):
        lf.read_logits(fifo)
    with pytest.raises(lf.LogitFileError, match="is a directory"):
        lf.read_logits(_dir(tmp_path))
    with pytest.raises(lf.LogitFileError, match="no such file"):
        lf.read_logits(tmp_path / "missing.npy")


def _dir(tmp_path):
    d = tmp_path / "folder.npy"
    d.mkdir()
    return d


def test_a_batch_past_the_limit_is_refused_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(logit_checks, "MAX_VALUES", 20)
    np.save(tmp_path / "big.npy", np.zeros((6, 4)))
    with pytest.raises(lf.LogitFileError, match="at most 20"):
        lf.read_logits(tmp_path / "big.npy")


def test_a_large_npy_is_memory_mapped_not_read(tmp_path, monkeypatch):
    calls = []
    real = np.load
    monkeypatch.setattr(np, "load", lambda *a, **k: calls.append(k.get("mmap_mode")) or real(*a, **k))
    np.save(tmp_path / "a.npy", Z)
    lf.read_logits(tmp_path / "a.npy")
    assert calls == ["r"]


@pytest.mark.parametrize("content,needle", [
    ("1,2,3\n4,5\n", "row 2 has 2 numbers where the first has 3"),
    ("1,2,3\n4,x,6\n", "line 2: 'x' is not a number"),
    ("1,nan,3\n", "is nan"),
    ("1,inf,3\n", "is inf"),
    ("# nothing\n", "holds no numbers"),
    ("a,b\n1,2,3\n", "the header names 2 classes, the rows hold 3"),
])
def test_bad_text_is_refused_in_one_line(tmp_path, content, needle):
    (tmp_path / "bad.csv").write_text(content)
    with pytest.raises(lf.LogitFileError, match=needle.replace("(", r"\(")):
        lf.read_logits(tmp_path / "bad.csv")


def test_a_vector_opens_as_the_explorers_logits_a_matrix_as_a_batch(tmp_path):
    (tmp_path / "v.txt").write_text("1 2 3 4\n")
    state, batch = open_logits(tmp_path / "v.txt")
    assert batch is None and list(state.logits) == [1, 2, 3, 4]
    np.savez(tmp_path / "b.npz", logits=Z, labels=Y, class_names=np.array(NAMES))
    state, batch = open_logits(tmp_path / "b.npz")
    assert state is None and batch.n_samples == 6
    row = batch.row_state(2)
    assert row.target == 2 and row.labels == tuple(NAMES) and row.logits[1] == -np.inf


def test_labels_from_a_separate_file(tmp_path):
    np.save(tmp_path / "z.npy", Z)
    (tmp_path / "y.txt").write_text("\n".join(map(str, Y)))
    got = lf.read_logits(tmp_path / "z.npy", tmp_path / "y.txt")
    np.testing.assert_array_equal(got.labels, Y)
    (tmp_path / "short.txt").write_text("0 1")
    with pytest.raises(lf.LogitFileError, match="2 labels for 6 samples"):
        lf.read_logits(tmp_path / "z.npy", tmp_path / "short.txt")
    (tmp_path / "out.txt").write_text("0 1 2 3 4 0")
    with pytest.raises(lf.LogitFileError, match=r"labels\[4\] is 4, outside the classes 0..3"):
        lf.read_logits(tmp_path / "z.npy", tmp_path / "out.txt")


def test_a_torch_file_with_code_in_it_runs_none(tmp_path):
    torch = pytest.importorskip("torch")
    marker = tmp_path / "executed"
    torch.save({"logits": _Payload(str(marker))}, tmp_path / "evil.pt")
    with pytest.raises(lf.LogitFileError, match="weights_only=True, which runs no code"):
        lf.read_logits(tmp_path / "evil.pt")
    assert not marker.exists()
