import os
import tempfile

# Qt must never need a screen in the tests, and never touch the user's settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="softmax-viewer-tests-")
