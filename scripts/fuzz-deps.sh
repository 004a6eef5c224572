#!/bin/sh
# fuzz-deps.sh - installs clang (with its libFuzzer and sanitizer runtimes) for
# make fuzz when it is missing, through apt on Debian and Ubuntu; elsewhere it
# says what to install.  The build libraries come from scripts/deps.sh as usual.
set -u
command -v clang >/dev/null 2>&1 && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "proofgate: make fuzz needs clang with libFuzzer (compiler-rt); install it, or set FUZZ_CC" >&2
	exit 1
fi
sudo=""
[ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo=sudo
echo "proofgate: installing clang for make fuzz" >&2
export DEBIAN_FRONTEND=noninteractive
# clang's libclang-common-N-dev brings libclang-rt-N-dev: libFuzzer, ASan, UBSan
$sudo apt-get install -y -q --no-install-recommends clang >&2 ||
	{ $sudo apt-get update -q >&2 && $sudo apt-get install -y -q --no-install-recommends clang >&2; } ||
	{ echo "proofgate: could not install clang; run: sudo apt-get install -y clang" >&2; exit 1; }
