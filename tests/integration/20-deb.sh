# 20-deb.sh - the Debian package from `make deb` (run.sh builds it): what it holds, that it
# runs from a scratch root, and lintian. Sourced by run.sh.

begin "deb: make deb builds build/deb/proofgate_VERSION_ARCH.deb with dpkg-buildpackage"
[ -n "$DEB" ] && [ -f "$DEB" ] || bad "no package: $(tail -20 "$T/deb.log")"
end

if [ -n "$DEB" ]; then
	begin "deb: the package holds the binary and the man page, and depends on the libraries"
	dpkg-deb -c "$DEB" >"$T/out" 2>"$T/err"
	out_has ' \./usr/bin/proofgate$'
	out_has ' \./usr/share/man/man1/proofgate\.1\.gz$'
	out_has ' \./usr/share/doc/proofgate/copyright$'
	dpkg-deb -f "$DEB" Depends >"$T/out"
	for lib in libgit2 libpcre2-8 libyaml libjansson libdeflate; do out_has "$lib"; done
	end

	begin "deb: installed in a scratch root, proofgate --version and a scan work"
	rm -rf "$T/debroot"
	dpkg -x "$DEB" "$T/debroot"
	run "$T/debroot/usr/bin/proofgate" --version
	rc_is 0
	out_has "^proofgate $(sed -n 's/^VERSION *= *//p' "$ROOT/Makefile")$"
	run "$T/debroot/usr/bin/proofgate" scan --no-cache --branch release/1.0 "$FX/seed-v1"
	rc_is 1
	out_has '^verdict: stop'
	run "$T/debroot/usr/bin/proofgate" scan --no-cache --branch main "$FX/seed-v1"
	rc_is 0
	man -l "$T/debroot/usr/share/man/man1/proofgate.1.gz" >/dev/null 2>&1 ||
		zcat "$T/debroot/usr/share/man/man1/proofgate.1.gz" | grep -q '^\.TH PROOFGATE' ||
		bad "the man page does not read"
	end

	begin "deb: lintian reports no error (and finds errors in a broken package)"
	lintian --fail-on error "$DEB" >"$T/out" 2>"$T/err"
	rc_is 0
	out_lacks '^E: '
	rm -rf "$T/baddeb" && mkdir -p "$T/baddeb/DEBIAN" "$T/baddeb/usr/bin"
	printf 'Package: broken\nVersion: 1\nArchitecture: all\nMaintainer: T <t@proofgate.invalid>\nDescription: x\n' \
		>"$T/baddeb/DEBIAN/control"
	printf '#!/bin/sh\n' >"$T/baddeb/usr/bin/broken" && chmod 755 "$T/baddeb/usr/bin/broken"
	dpkg-deb -b --root-owner-group "$T/baddeb" "$T/broken.deb" >/dev/null 2>&1
	lintian --fail-on error "$T/broken.deb" >"$T/lint-bad" 2>&1 && bad "lintian passed a package without copyright"
	grep -q '^E: broken: no-copyright-file' "$T/lint-bad" || bad "lintian: $(head -3 "$T/lint-bad")"
	end
fi
