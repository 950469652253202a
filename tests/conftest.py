import os
import shutil
import tempfile

import pytest

# Qt must never need a screen in the tests, and never touch the user's settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
CONFIG_HOME = tempfile.mkdtemp(prefix="softmax-viewer-tests-")
os.environ["XDG_CONFIG_HOME"] = CONFIG_HOME


@pytest.fixture(scope="session", autouse=True)
def _remove_the_config_home():
    """The tests' configuration folder is theirs alone: removed when the session ends."""
    yield
    shutil.rmtree(CONFIG_HOME, ignore_errors=True)
