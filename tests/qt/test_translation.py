"""简体中文: every string the window shows has a finished translation, the compiled file is
the one the translations make, placeholders survive, and the window speaks Chinese."""
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from softmax_viewer.qt import i18n
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "softmax_viewer" / "i18n" / "zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%[0-9]|&[a-z]+;|<[^>]+>")     # {0}, {n:,}, max_{i≠y}, &nbsp;, <b>


def _messages(ts: Path) -> dict:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            t = msg.find("translation")
            out[(name, msg.findtext("source"))] = t
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What pyside6-lupdate finds in the sources today."""
    out = tmp_path_factory.mktemp("ts") / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "softmax_viewer").rglob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-ts", str(out)], check=True, capture_output=True)
    return _messages(out)


def test_every_source_string_has_a_finished_translation(extracted):
    shipped = _messages(SHIPPED)
    missing = [k for k in extracted if k not in shipped]
    unfinished = [k for k, t in shipped.items() if k in extracted
                  and (t is None or t.get("type") in ("unfinished", "vanished", "obsolete") or not (t.text or "").strip())]
    assert not missing, f"{len(missing)} strings not in zh_CN.ts (run scripts/update_translations.sh): {missing[:5]}"
    assert not unfinished, f"{len(unfinished)} strings without a finished translation: {unfinished[:5]}"


def test_translations_keep_placeholders_and_markup():
    for (ctx, source), t in _messages(SHIPPED).items():
        if t is None or not t.text:
            continue
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(t.text)), (ctx, source, t.text)
        assert t.text.count("\n") <= source.count("\n") + 2, (ctx, source)


def test_the_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path):
    qm = tmp_path / "zh_CN.qm"
    subprocess.run(["pyside6-lrelease", str(SHIPPED), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (ROOT / "softmax_viewer" / "i18n" / "zh_CN.qm").read_bytes(), \
        "zh_CN.qm is stale: run scripts/update_translations.sh"


@pytest.fixture
def chinese(qtbot):
    app = QApplication.instance()
    made = i18n.translators(app, "zh_CN")
    assert len(made) == 2                     # ours and Qt's own
    for t in made:
        app.installTranslator(t)
    yield
    for t in made:
        app.removeTranslator(t)


def test_the_window_speaks_chinese(chinese, qtbot):
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus[0].startswith("文件") and not any(re.search(r"[A-Za-z]{3}", m.replace("&", "")) for m in menus)
    assert "softmax" in w.windowTitle()       # the program's name stays
    assert re.search(r"[\u4e00-\u9fff]", w.formula.text())


def test_the_language_follows_the_choice(monkeypatch):
    values = {}
    monkeypatch.setattr(i18n, "settings", lambda: type("S", (), {"value": lambda s, k, d=None: values.get(k, d),
                                                                   "setValue": lambda s, k, v: values.update({k: v})})())
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    assert i18n.chosen_language() == "zh_CN"
    values[i18n.SETTING] = "en"
    assert i18n.chosen_language() == "en"
    values[i18n.SETTING] = "klingon"
    assert i18n.chosen_language() == "zh_CN"


def test_view_language_remembers_and_offers_a_restart(win, monkeypatch):
    asked = []
    monkeypatch.setattr(i18n, "ask_restart", lambda parent, lang: asked.append(lang) or False)
    values = {}
    monkeypatch.setattr(i18n, "settings", lambda: type("S", (), {"value": lambda s, k, d=None: values.get(k, d),
                                                                   "setValue": lambda s, k, v: values.update({k: v})})())
    langs = win.language_choices.actions()
    assert [a.text() for a in langs][1:] == ["English", "简体中文"]
    langs[2].trigger()
    assert values[i18n.SETTING] == "zh_CN" and asked == ["简体中文"] and win.isVisible() == win.isVisible()
