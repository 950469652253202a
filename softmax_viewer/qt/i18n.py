"""The program's languages: English (the source) and Simplified Chinese, through Qt's translators.

Every user-visible string of the window goes through ``tr`` (module-level code), a
widget's ``self.tr`` or ``QCoreApplication.translate(context, text)``;
``pyside6-lupdate`` extracts them into softmax_viewer/i18n/zh_CN.ts and
``pyside6-lrelease`` compiles that to the zh_CN.qm shipped in the package
(scripts/update_translations.sh does both). The language follows the system's
locale unless View > Language chose one; a change takes effect at the next
start (the window offers to restart at once): retranslating every live widget
would need a handler in each, for a choice made once.
"""
from __future__ import annotations

import sys
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QProcess, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from softmax_viewer import state
from softmax_viewer.qt.platform import settings

#: code -> the language's own name, as its speakers write it
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SETTING = "language"             # "" (or missing): follow the system's locale


def tr(text: str) -> str:
    """``text`` in the user's language (for code outside a QObject's methods)."""
    return QCoreApplication.translate("", text)


def system_language() -> str:
    """The language the system's locale asks for: zh_CN for any Chinese locale written in
    simplified characters, else English."""
    locale = QLocale.system()
    if locale.language() == QLocale.Chinese and locale.script() != QLocale.TraditionalChineseScript:
        return "zh_CN"
    return "en"


def chosen_language() -> str:
    """The language the window speaks: the one chosen in View > Language, or the system's."""
    chosen = settings().value(SETTING, "")
    return chosen if chosen in LANGUAGES else system_language()


def translation_file(language: str):
    """The compiled translation shipped for ``language`` (a path), or None for English."""
    if language == "en":
        return None
    return resources.files("softmax_viewer.i18n") / f"{language}.qm"


_installed: list = []


def translators(app, language: str) -> list:
    """The translators ``language`` needs, loaded (parented to ``app``): the program's own and
    Qt's (its dialogs' buttons); none for English."""
    if language == "en":
        return []
    made = []
    ours = QTranslator(app)
    if ours.load(str(translation_file(language))):
        made.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        made.append(qt)
    return made


def install(app, language: str | None = None) -> str:
    """Install the translators for ``language`` (default: chosen_language()) on ``app``, once.
    The language installed."""
    if _installed:
        return _installed[0]
    language = language or chosen_language()
    _installed.append(language)
    for t in translators(app, language):
        app.installTranslator(t)
    if language != "en":
        QLocale.setDefault(QLocale(language))
        state.CLASS_LABEL = tr("class {0}")          # a class without a name, in the window's language
    return language


def installed_language() -> str:
    return _installed[0] if _installed else "en"


def language_menu(window, menu) -> QActionGroup:
    """View > Language: System, English, 简体中文 (remembered; offers a restart to take effect)."""
    sub = menu.addMenu(tr("&Language"))
    group = QActionGroup(window)
    chosen = settings().value(SETTING, "")
    for code, title in (("", tr("Follow the system")), *LANGUAGES.items()):
        act = QAction(title, window, checkable=True)
        act.setChecked(code == (chosen if chosen in LANGUAGES else ""))
        act.setData(code)
        act.triggered.connect(lambda _=False, c=code: choose(window, c))
        group.addAction(act)
        sub.addAction(act)
    return group


def choose(window, code: str) -> None:
    """Remember ``code`` ("" for the system's) and, when it changes the language, offer to restart."""
    settings().setValue(SETTING, code)
    wanted = code or system_language()
    if wanted == installed_language():
        return
    if ask_restart(window, LANGUAGES[wanted]) and window.close():
        QProcess.startDetached(sys.executable, sys.argv[:1])


def ask_restart(parent, language: str) -> bool:
    """Restart now to speak ``language``? (The state is kept: it is remembered on quitting.)"""
    answer = QMessageBox.question(
        parent, tr("Language"),
        tr("The window will speak {0} from its next start. Restart now? Your state is kept.").format(language),
        QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    return answer == QMessageBox.Yes
