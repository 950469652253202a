#!/usr/bin/env bash
# System libraries Qt needs on a fresh Debian machine (offscreen and real windows),
# plus fonts (without them every label is a box; WenQuanYi Micro Hei, 5 MB, for Chinese). Installs only
# what is missing.
set -euo pipefail
pkgs=(libegl1 libgl1 libfontconfig1 fonts-dejavu-core fonts-wqy-microhei libxkbcommon0 libdbus-1-3 libglib2.0-0
      libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
      libxcb-randr0 libxcb-render-util0 libxcb-image0)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
