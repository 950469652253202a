"""Preset files written from a piece of JSON text, for the tests."""

HEAD = '{"format": "softmax-viewer-preset", "version": 1, '


def preset_file(tmp_path, body: str, name="p.json"):
    """``tmp_path / name`` holding a preset's header followed by ``body`` (the rest of its keys)."""
    p = tmp_path / name
    p.write_text(HEAD + body + "}")
    return p
