#!/bin/sh
# deps.sh - installs the libraries proofgate needs when pkg-config cannot find
# them, through the system's package manager; otherwise prints the command.
#   scripts/deps.sh          build libraries (and Vectorscan, optional: VECTORSCAN=no skips it)
#   scripts/deps.sh test     build libraries, cmocka, git, python3-jsonschema, and zsh and fish
#                            (the completion tests run each shell)
#   scripts/deps.sh valgrind build libraries and valgrind
#   scripts/deps.sh bench    build libraries, hyperfine, GNU time and python3
#   scripts/deps.sh lint     build libraries and clang-format
set -u

want_test=${1:-}
missing_pc=""
for pc in libgit2 libpcre2-8 yaml-0.1 jansson libdeflate; do
	pkg-config --exists "$pc" 2>/dev/null && continue
	# an old libdeflate has no pkg-config file: its header will do
	[ "$pc" = libdeflate ] && [ -f /usr/include/libdeflate.h ] && continue
	missing_pc="$missing_pc $pc"
done
# Vectorscan (libhs) is optional: proofgate builds without it (src/match/multi.h), so a
# failed install of it is reported and does not stop the build
want_hs=0
pkg-config --exists libhs 2>/dev/null || want_hs=1
[ "${VECTORSCAN:-auto}" = no ] && want_hs=0
# an installed Vectorscan 5.4.9 is kept, but on x86-64 Hyperscan would be used instead of it
if [ $want_hs = 0 ] && [ "$(pkg-config --modversion libhs 2>/dev/null)" = 5.4.9 ]; then
	case $(uname -m) in
	x86_64 | amd64) echo "proofgate: libhs is Vectorscan 5.4.9, which fails proofgate's self-test (scans use the word prefilter); install libhyperscan-dev, which replaces it" >&2 ;;
	esac
fi
if [ "$want_test" = test ]; then
	pkg-config --exists cmocka 2>/dev/null || missing_pc="$missing_pc cmocka"
fi
need_pkgconfig=0
command -v pkg-config >/dev/null 2>&1 || need_pkgconfig=1
need_git=0
command -v git >/dev/null 2>&1 || need_git=1
need_valgrind=0
if [ "$want_test" = valgrind ]; then
	command -v valgrind >/dev/null 2>&1 || need_valgrind=1
fi
need_bench=""
if [ "$want_test" = bench ]; then
	command -v hyperfine >/dev/null 2>&1 || need_bench="$need_bench hyperfine"
	[ -x /usr/bin/time ] || need_bench="$need_bench time"
	command -v python3 >/dev/null 2>&1 || need_bench="$need_bench python3"
fi
need_lint=""
if [ "$want_test" = lint ]; then
	command -v clang-format >/dev/null 2>&1 || need_lint=" clang-format"
fi
need_jsonschema=0
need_shells=""
if [ "$want_test" = test ]; then
	python3 -c 'import jsonschema' >/dev/null 2>&1 || need_jsonschema=1
	command -v zsh >/dev/null 2>&1 || need_shells=" zsh"
	command -v fish >/dev/null 2>&1 || need_shells="$need_shells fish"
fi

[ -z "$missing_pc" ] && [ $need_pkgconfig = 0 ] && [ $need_git = 0 ] && [ $need_jsonschema = 0 ] &&
	[ $need_valgrind = 0 ] && [ -z "$need_bench" ] && [ -z "$need_lint" ] && [ -z "$need_shells" ] && [ $want_hs = 0 ] && exit 0

# map pkg-config names to each package manager's package names
map() { # manager pcname
	case "$1:$2" in
	apt:libgit2) echo libgit2-dev ;; apt:libpcre2-8) echo libpcre2-dev ;;
	apt:yaml-0.1) echo libyaml-dev ;; apt:jansson) echo libjansson-dev ;; apt:cmocka) echo libcmocka-dev ;;
	apt:libdeflate) echo libdeflate-dev ;; dnf:libdeflate) echo libdeflate-devel ;;
	apk:libdeflate) echo libdeflate-dev ;; brew:libdeflate) echo libdeflate ;;
	dnf:libgit2) echo libgit2-devel ;; dnf:libpcre2-8) echo pcre2-devel ;;
	dnf:yaml-0.1) echo libyaml-devel ;; dnf:jansson) echo jansson-devel ;; dnf:cmocka) echo libcmocka-devel ;;
	apk:libgit2) echo libgit2-dev ;; apk:libpcre2-8) echo pcre2-dev ;;
	apk:yaml-0.1) echo yaml-dev ;; apk:jansson) echo jansson-dev ;; apk:cmocka) echo cmocka-dev ;;
	brew:libgit2) echo libgit2 ;; brew:libpcre2-8) echo pcre2 ;;
	brew:yaml-0.1) echo libyaml ;; brew:jansson) echo jansson ;; brew:cmocka) echo cmocka ;;
	esac
}

if command -v apt-get >/dev/null 2>&1; then mgr=apt
elif command -v dnf >/dev/null 2>&1; then mgr=dnf
elif command -v apk >/dev/null 2>&1; then mgr=apk
elif command -v brew >/dev/null 2>&1; then mgr=brew
else mgr=none
fi

pkgs=""
for pc in $missing_pc; do pkgs="$pkgs $(map "$mgr" "$pc")"; done
if [ $need_pkgconfig = 1 ]; then
	case $mgr in apt|apk) pkgs="$pkgs pkg-config" ;; dnf) pkgs="$pkgs pkgconf-pkg-config" ;; brew) pkgs="$pkgs pkg-config" ;; esac
fi
[ $need_git = 1 ] && pkgs="$pkgs git"
[ $need_valgrind = 1 ] && pkgs="$pkgs valgrind"
pkgs="$pkgs$need_bench$need_lint$need_shells"
if [ $need_jsonschema = 1 ]; then
	case $mgr in apt) pkgs="$pkgs python3-jsonschema" ;; dnf) pkgs="$pkgs python3-jsonschema" ;; apk) pkgs="$pkgs py3-jsonschema" ;; esac
fi

sudo=""
if [ "$mgr" != brew ] && [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then sudo=sudo; fi
fi

# the optional one-pass matcher, libhs: Hyperscan (libhyperscan-dev, x86-64 only) first where it
# runs, Vectorscan (libvectorscan-dev, Debian 12 and Ubuntu 22.04 on) elsewhere; the same library
# under the same pkg-config name.  Vectorscan 5.4.9 misses matches at some memory alignments and
# fails proofgate's self-test (the scan then uses the word prefilter): docs/testing.md, finding 15
install_hs() {
	case $(uname -m) in
	x86_64 | amd64) order="libhyperscan-dev libvectorscan-dev" ;;
	*) order="libvectorscan-dev libhyperscan-dev" ;;
	esac
	case $mgr in
	apt)
		for p in $order; do
			DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $p >&2 && return 0
			$sudo apt-get update -q >&2 &&
				DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $p >&2 && return 0
		done ;;
	dnf) $sudo dnf install -y vectorscan-devel >&2 || $sudo dnf install -y hyperscan-devel >&2 && return 0 ;;
	apk) $sudo apk add vectorscan-dev >&2 && return 0 ;;
	brew) brew install vectorscan >&2 && return 0 ;;
	esac
	echo "proofgate: Vectorscan (libhs) not installed: building without it, content patterns are filtered by the word prefilter" >&2
	return 0
}

if [ "$(echo $pkgs)" = "" ]; then
	[ $want_hs = 1 ] && install_hs
	exit 0
fi
echo "proofgate: installing missing build dependencies:$pkgs" >&2
case $mgr in
apt)
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -q --no-install-recommends $pkgs >&2 ||
		{ $sudo apt-get update -q >&2 && $sudo apt-get install -y -q --no-install-recommends $pkgs >&2; } ||
		{ echo "proofgate: could not install; run: sudo apt-get update && sudo apt-get install -y$pkgs" >&2; exit 1; }
	;;
dnf) $sudo dnf install -y $pkgs >&2 || { echo "proofgate: could not install; run: sudo dnf install -y$pkgs" >&2; exit 1; } ;;
apk) $sudo apk add $pkgs >&2 || { echo "proofgate: could not install; run: sudo apk add$pkgs" >&2; exit 1; } ;;
brew) brew install $pkgs >&2 || { echo "proofgate: could not install; run: brew install$pkgs" >&2; exit 1; } ;;
none)
	echo "proofgate: missing:$missing_pc; install libgit2, pcre2, libyaml, jansson (and cmocka for tests) development packages" >&2
	exit 1
	;;
esac
[ $want_hs = 1 ] && install_hs
exit 0
