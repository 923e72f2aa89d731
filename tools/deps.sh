#!/bin/sh
# deps.sh: installs the Debian packages gesta needs to build and test, and only
# those that are missing.  Used by `make demo` and `make test`.
set -eu

# Extra package names on the command line are added (make regen uses this).
need="make gcc clang pkg-config libutf8proc-dev libyajl-dev libjansson-dev libxml2-dev $*"
missing=""
for p in $need; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "gesta: installing missing packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "gesta: need root (or sudo) to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are missing or an install fails.
if [ -z "$(ls /var/lib/apt/lists/ 2>/dev/null | grep -v -e lock -e partial)" ]; then
    $sudo apt-get update -qq
fi
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -qq --no-install-recommends $missing; then
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $missing
fi
