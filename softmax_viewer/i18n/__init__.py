"""The window's translations: zh_CN.ts (written by scripts/update_translations.sh and translators) and zh_CN.qm (compiled from it)."""
