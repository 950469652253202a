"""The preset gallery (installed from assets/presets)."""
