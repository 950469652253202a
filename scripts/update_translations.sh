#!/bin/sh
# Extract every translatable string of the window into softmax_viewer/i18n/zh_CN.ts (keeping the
# translations already written, marking the strings that are gone as obsolete) and compile it
# to zh_CN.qm. Run from the repository's root after changing any user-visible string.
set -e
cd "$(dirname "$0")/.."
pyside6-lupdate $(find softmax_viewer -name '*.py' | sort) -no-obsolete -ts softmax_viewer/i18n/zh_CN.ts
pyside6-lrelease softmax_viewer/i18n/zh_CN.ts -qm softmax_viewer/i18n/zh_CN.qm
