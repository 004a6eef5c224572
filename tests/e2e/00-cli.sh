# 00-cli.sh - command line basics: help, version, usage errors, exit statuses.

begin "--help prints usage to stdout and exits 0"
run "$PG" scan --help
rc_is 0; out_has '^usage: proofgate scan'; out_has -- '--fail-on'; err_empty
end

begin "top-level --help and --version"
run "$PG" --help
rc_is 0; out_has 'commands:'
run "$PG" --version
rc_is 0; out_has '^proofgate [0-9]+\.[0-9]+\.[0-9]+$'
end

begin "unknown option: usage on stderr, exit 2"
run "$PG" scan --frobnicate
rc_is 2; err_has "unknown option '--frobnicate'"; err_has '^usage:'
end

begin "bad --fail-on value, exit 2"
run "$PG" scan --fail-on sometimes "$FX/basic"
rc_is 2; err_has 'fail-on must be blocked, readiness-only or never'
end

begin "a path that is not a repository: exit 2, says what to give"
mkdir -p "$T/notrepo"
run "$PG" scan "$T/notrepo"
rc_is 2; err_has 'is not a git repository'
end

begin "a path that does not exist: exit 2"
run "$PG" scan "$T/does-not-exist"
rc_is 2; err_has 'proofgate: '
end

begin "unknown revision: exit 2, names it"
run "$PG" scan --rev no-such-branch "$FX/basic"
rc_is 2; err_has "unknown revision 'no-such-branch'"
end

begin "make install and uninstall honour PREFIX and DESTDIR"
run make -s -C "$ROOT" install DESTDIR="$T/inst" PREFIX=/opt/pg
rc_is 0
holds test -x "$T/inst/opt/pg/bin/proofgate"
holds test -f "$T/inst/opt/pg/share/man/man1/proofgate.1"
run "$T/inst/opt/pg/bin/proofgate" --version
rc_is 0; out_has '^proofgate '
run make -s -C "$ROOT" uninstall DESTDIR="$T/inst" PREFIX=/opt/pg
rc_is 0
holds test ! -e "$T/inst/opt/pg/bin/proofgate"
holds test ! -e "$T/inst/opt/pg/share/man/man1/proofgate.1"
end

begin "every scan option in --help is documented in the man page"
run "$PG" scan --help
for o in $(grep -Eo -- '--[a-z][a-z-]+' "$T/out" | sort -u); do
	grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$ROOT/docs/proofgate.1" || bad "man page lacks $o"
done
end
