import os

# Qt must never need a screen in the tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
