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

# ---- GNU order, --opt=value, -- ----------------------------------------------

begin "options after the operand, as GNU tools take them (scan PATH --format json)"
run "$PG" scan "$FX/basic" --format json --no-cache
rc_is 0; json_is "d['repository']['commit']" 8694d6f79162e16f5e9c3926219a44d317a8aa52
run "$PG" scan "$FX/basic" -q --no-cache
rc_is 0; out_has '^verdict: '
end

begin "--opt=value is --opt value"
run "$PG" scan --format=json --rev=HEAD --no-cache "$FX/basic"
rc_is 0; json_is "d['repository']['commit']" 8694d6f79162e16f5e9c3926219a44d317a8aa52
run "$PG" scan --quiet=yes "$FX/basic"
rc_is 2; err_has "option '--quiet' takes no value"
end

begin "-- ends the options: a repository named like an option is an operand"
rm -rf "$T/--format" && cp -a "$FX/basic" "$T/--format"
(cd "$T" && "$PG" scan -q --no-cache -- --format >"$T/out" 2>"$T/err"); rc=$?
rc_is 0; out_has '^verdict: '
(cd "$T" && "$PG" scan -q --no-cache --format >"$T/out" 2>"$T/err"); rc=$?
rc_is 2; err_has "option '--format' needs a value"
end

# ---- help on every command ------------------------------------------------------

begin "-h and --help on every command and subcommand: usage on stdout, exit 0"
for c in "scan" "rules" "rules check" "rules list" "explain" "merge" "completion"; do
	for h in -h --help; do
		run "$PG" $c $h
		[ "$rc" = 0 ] || bad "$c $h: exit $rc"
		grep -q "^usage: proofgate $c" "$T/out" || bad "$c $h: no 'usage: proofgate $c' on stdout"
		[ ! -s "$T/err" ] || bad "$c $h: stderr not empty"
	done
done
end

begin "-h after other options and operands still asks for help"
run "$PG" scan "$FX/basic" --no-cache -h
rc_is 0; out_has '^usage: proofgate scan'
run "$PG" explain backup.script -h
rc_is 0; out_has '^usage: proofgate explain'
end

begin "proofgate help COMMAND is COMMAND --help"
run "$PG" scan --help
cp "$T/out" "$T/scan-help"
run "$PG" help scan
rc_is 0; holds cmp "$T/out" "$T/scan-help"
run "$PG" help rules list
rc_is 0; out_has '^usage: proofgate rules list'
run "$PG" help
rc_is 0; out_has '^usage: proofgate <command>'; out_has '^  help '
run "$PG" help sacn
rc_is 2; err_has "unknown command 'sacn' \(did you mean 'scan'\?\)"
end

# ---- unknown commands and options: one line, the nearest name ---------------------

begin "an unknown command says so in one line and suggests the nearest"
run "$PG" scna
rc_is 2; err_has "^proofgate: unknown command 'scna' \(did you mean 'scan'\?\)"
holds test "$(wc -l <"$T/err")" = 1
run "$PG" deploy
rc_is 2; err_has "unknown command 'deploy'"; holds test "$(wc -l <"$T/err")" = 1
run "$PG" completion tcsh
rc_is 2; err_has "unknown shell 'tcsh'"
end

begin "an unknown rules subcommand says so in one line and suggests the nearest"
run "$PG" rules lst
rc_is 2; err_has "^proofgate: unknown rules subcommand 'lst' \(did you mean 'list'\?\)"
holds test "$(wc -l <"$T/err")" = 1
run "$PG" rules chekc x.yml
rc_is 2; err_has "did you mean 'check'"
end

begin "an unknown option names the nearest one, and the usage is two lines, not the whole help"
run "$PG" scan --jsn out.json "$FX/basic"
rc_is 2; err_has "unknown option '--jsn' \(did you mean '--json'\?\)"
holds test "$(wc -l <"$T/err")" -le 3
err_has "^Run 'proofgate scan --help' for the options"
end

# ---- --format honoured or refused ----------------------------------------------------

begin "explain --format json prints JSON; text stays the default"
run "$PG" explain --format json backup.script
rc_is 0; json_is "d['id']" backup.script; json_is "d['level']" required
json_is "'paths' in d['looks_for']['any'][0]" True
run "$PG" explain backup.script
rc_is 0; out_has '^backup.script: '
run "$PG" explain --format markdown backup.script
rc_is 2; err_has "--format must be text or json"
end

begin "scan --format json -q is refused: -q prints text, and JSON was asked for"
run "$PG" scan --format json -q "$FX/basic"
rc_is 2; err_has "-q prints only the verdict line"
holds test ! -s "$T/out"
end

begin "rules check takes no --format: refused, not ignored"
run "$PG" rules check --format json "$ROOT/tests/rules/core.yml"
rc_is 2; err_has "unknown option '--format'"
run "$PG" rules list --format json --no-builtin --rules "$ROOT/tests/rules/core.yml"
rc_is 0; json_is "d['rules'][0]['id']" ops.deploy-runbook
end

# ---- values checked, naming the option --------------------------------------------------

begin "--jobs and --max-file-size take digits only, within range"
for v in 4294967297 ' 2' '+2' 0 -1 2x 257; do
	run "$PG" scan --jobs "$v" "$FX/basic"
	[ "$rc" = 2 ] || bad "--jobs '$v': exit $rc"
	grep -q -- "--jobs must be" "$T/err" || bad "--jobs '$v': the message does not name --jobs"
done
for v in ' -1' -1 0 ' 5' 1e9 ''; do
	run "$PG" scan --max-file-size "$v" "$FX/basic"
	[ "$rc" = 2 ] || bad "--max-file-size '$v': exit $rc"
	grep -q -- "--max-file-size" "$T/err" || bad "--max-file-size '$v': the message does not name it"
done
run "$PG" scan -q --no-cache --jobs 2 --max-file-size 100 "$FX/basic"
rc_is 0
end

begin "an empty value is an error naming the option (--cache '' made ./v1 in the current folder)"
mkdir -p "$T/cwd-empty"
(cd "$T/cwd-empty" && "$PG" scan -q --cache '' "$FX/basic" >"$T/out" 2>"$T/err"); rc=$?
rc_is 2; err_has "option '--cache' needs a value"
holds test ! -e "$T/cwd-empty/v1"
for o in --rev --json --rules --branch --lang; do
	run "$PG" scan "$o" '' "$FX/basic"
	[ "$rc" = 2 ] || bad "$o '': exit $rc"
	grep -q -- "'$o' needs a value" "$T/err" || bad "$o '': the message does not name it"
done
end

# ---- outputs: -, and two outputs in one file --------------------------------------------------

begin "--json - writes the JSON report to standard output, alone"
run "$PG" scan --no-cache --json - "$FX/basic"
rc_is 0; json_is "d['repository']['commit']" 8694d6f79162e16f5e9c3926219a44d317a8aa52
run "$PG" scan --no-cache --sarif - --json "$T/j.json" "$FX/basic"
rc_is 0; json_is "d['version']" 2.1.0
holds test -s "$T/j.json"
run "$PG" scan --no-cache --json - --sarif - "$FX/basic"
rc_is 2; err_has "standard output takes one report"
run "$PG" scan --no-cache --format text --json - "$FX/basic"
rc_is 2; err_has "standard output takes one report"
end

begin "two outputs naming the same file are an error, however it is spelled"
mkdir -p "$T/same"
run "$PG" scan --no-cache --json "$T/same/r" --sarif "$T/same/r" "$FX/basic"
rc_is 2; err_has "--json and --sarif both name"
holds test ! -e "$T/same/r"
run "$PG" scan --no-cache --json "$T/same/r" --junit "$T/same/../same/r" "$FX/basic"
rc_is 2; err_has "--json and --junit both name"
: >"$T/same/summary"
GITHUB_STEP_SUMMARY="$T/same/summary" run "$PG" scan --no-cache --markdown "$T/same/summary" "$FX/basic"
rc_is 2; err_has "GITHUB_STEP_SUMMARY"
end

# ---- colour -------------------------------------------------------------------------------------

begin "--color=auto|always|never beside NO_COLOR"
esc=$(printf '\033')
NO_COLOR=1 run "$PG" scan --no-cache --color=always "$FX/basic"
rc_is 0; grep -q "$esc\[" "$T/out" || bad "--color=always: no colour"
NO_COLOR=1 run "$PG" scan --no-cache --color "$FX/basic"
rc_is 0; grep -q "$esc\[" "$T/out" || bad "--color alone: no colour"
run "$PG" scan --no-cache --color=never "$FX/basic"
rc_is 0; ! grep -q "$esc" "$T/out" || bad "--color=never: colour"
NO_COLOR=1 run "$PG" scan --no-cache --color=auto "$FX/basic"
rc_is 0; ! grep -q "$esc" "$T/out" || bad "--color=auto, NO_COLOR and no terminal: colour"
run "$PG" scan --no-cache --color=always --format json "$FX/basic"
rc_is 0; ! grep -q "$esc" "$T/out" || bad "JSON is never coloured"
run "$PG" scan --color=sometimes "$FX/basic"
rc_is 2; err_has "--color must be auto, always or never"
end
