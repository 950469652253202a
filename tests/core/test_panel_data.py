"""The panels' numbers as plain data (CSV and compute --json)."""
import json

import numpy as np

from softmax_viewer.panel_data import json_plain


def test_json_plain_turns_every_number_into_json(no_warnings):
    obj = {"a": np.array([1.0, np.inf, -np.inf, np.nan]), "b": np.float32(2.5), "c": [np.int64(3), (np.bool_(True),)]}
    assert json.loads(json.dumps(json_plain(obj), allow_nan=False)) == {
        "a": [1.0, "inf", "-inf", "nan"], "b": 2.5, "c": [3, [True]]}
