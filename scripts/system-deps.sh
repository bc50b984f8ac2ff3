#!/usr/bin/env bash
# Installs the Debian packages Helhet needs when they are missing.
#   pdf:     Pango for WeasyPrint, and Noto fonts for every script the portal serves
#   browser: Debian's Chromium for the browser tests (Playwright drives it)
set -euo pipefail
want=()
# Capture the lists first: `a | grep -q` under pipefail fails when grep stops reading early.
libraries=$(ldconfig -p 2>/dev/null || true)
fonts=$(fc-list 2>/dev/null || true)
has_library() { grep -q "$1" <<<"$libraries"; }
has_font() { grep -qi "$1" <<<"$fonts"; }
case "${1:-}" in
  pdf)
    command -v msgfmt >/dev/null 2>&1 || want+=(gettext)
    has_library libpango-1.0 || want+=(libpango-1.0-0 libpangoft2-1.0-0)
    has_font "Noto Sans Ethiopic" || want+=(fonts-noto-core)
    ;;
  browser)
    command -v msgfmt >/dev/null 2>&1 || want+=(gettext)
    command -v chromium >/dev/null 2>&1 || want+=(chromium)
    has_library libpango-1.0 || want+=(libpango-1.0-0 libpangoft2-1.0-0)
    ;;
  *) echo "usage: $0 pdf|browser" >&2; exit 2 ;;
esac
[ ${#want[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${want[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Need root to install ${want[*]} (apt-get). Run: sudo apt-get install -y ${want[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
