#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (playwright cannot download its own here). Installs it,
# with a Thai font so pages and rich menu images render Thai, when it is missing.
set -euo pipefail
# A Chromium named by CHROMIUM_PATH (src/runtime/chromium-path.ts) serves as well as Debian's.
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && fc-list :lang=th 2>/dev/null | grep -q .; then exit 0; fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
echo "ensure-chromium: installing Debian's chromium and fonts-thai-tlwg" >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-thai-tlwg >&2
