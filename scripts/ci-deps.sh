#!/bin/sh
# ci-deps.sh - installs, with apt-get, the Debian packages that make deb and make
# integration need and that are missing; elsewhere prints what to install.
#   scripts/ci-deps.sh deb          dpkg-dev, debhelper, the build libraries
#   scripts/ci-deps.sh integration  the above, lintian, pre-commit, node and npm, rsync
set -u

want=${1:?usage: scripts/ci-deps.sh deb|integration}
pkgs="dpkg-dev debhelper pkg-config libgit2-dev libpcre2-dev libyaml-dev libjansson-dev libdeflate-dev"
[ "$want" = integration ] &&
	pkgs="$pkgs lintian pre-commit git rsync python3 python3-jsonschema libcmocka-dev"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing="$missing $p"
done
# node and npm: any on PATH will do (the machine may bring a newer one than Debian's)
if [ "$want" = integration ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "proofgate: missing:$missing (Debian package names); install them first" >&2
	exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "proofgate: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends $missing >&2 ||
	{ $sudo apt-get update -q >&2 && $sudo apt-get install -y -q --no-install-recommends $missing >&2; } ||
	{ echo "proofgate: could not install; run: sudo apt-get update && sudo apt-get install -y$missing" >&2; exit 1; }
