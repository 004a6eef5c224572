#!/bin/sh
# browser-deps.sh - what the browser tests (make browser) need, installed when missing:
# Debian's chromium (never a browser downloaded by a test tool), fonts that hold
# Arabic, Node.js with npm, then tests/browser's npm packages exactly as
# package-lock.json pins them (npm ci: playwright-core drives chromium, axe-core
# checks accessibility).
set -u
cd "$(dirname "$0")/.."

pkgs=""
[ -x /usr/bin/chromium ] || pkgs="$pkgs chromium"
# DejaVu Sans covers Arabic; Noto gives both scripts a proper face
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || pkgs="$pkgs fonts-dejavu-core"
[ -d /usr/share/fonts/truetype/noto ] || pkgs="$pkgs fonts-noto-core"
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"

if [ -n "$pkgs" ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "browser-deps: install$pkgs (Debian package names) and run again" >&2
		exit 1
	fi
	sudo=""
	[ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo=sudo
	echo "browser-deps: installing$pkgs" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -q --no-install-recommends $pkgs >&2 ||
		{ $sudo apt-get update -q >&2 && $sudo apt-get install -y -q --no-install-recommends $pkgs >&2; } ||
		{ echo "browser-deps: could not install$pkgs" >&2; exit 1; }
fi

# npm ci again only when the lock file changed since the last install
lock=tests/browser/package-lock.json
stamp=tests/browser/node_modules/.lock-installed
if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
	# playwright-core never downloads a browser; this says so twice
	(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >&2 ||
		{ echo "browser-deps: npm ci in tests/browser failed" >&2; exit 1; }
	cp "$lock" "$stamp"
fi
