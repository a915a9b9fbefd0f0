#!/usr/bin/env bash
# Installs the Debian packages Kortompedia needs, only when they are missing.
#   scripts/install-deps.sh build   libcmark-dev (cmark's C library and pkg-config file),
#                                   libjemalloc-dev (the allocator the kortompedia command is linked with)
#   scripts/install-deps.sh test    + chromium (browser tests), nginx (deployment test), nodejs (JS tests),
#                                   python3 (local HTTP server for the browser tests; child peak-memory probe)
set -euo pipefail
want=(libcmark-dev libjemalloc-dev pkg-config)
if [ "${1:-build}" = test ]; then
  want+=(chromium nginx apache2-utils curl python3)
  command -v node >/dev/null 2>&1 || want+=(nodejs)
fi
missing=()
for package in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
