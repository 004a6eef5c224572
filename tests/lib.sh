# lib.sh - a small TAP-style harness for end-to-end tests, sourced by tests/e2e.sh.
#   begin "name"; run CMD...; rc_is N; out_has RE; err_has RE; out_lacks RE; end
# PG is the binary, FX the built fixtures, T a scratch folder for this run.

npass=0
nfail=0
cur=""
cur_bad=0
rc=0

begin() {
	cur="$1"
	cur_bad=0
}

# runs a command, keeping its stdout, stderr and exit status
run() {
	"$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

bad() {
	cur_bad=1
	printf '  # %s\n' "$*" >>"$T/why"
}

rc_is() {
	[ "$rc" = "$1" ] || bad "exit status $rc, expected $1"
}

out_has() {
	grep -Eq -- "$1" "$T/out" || bad "stdout lacks /$1/"
}

out_lacks() {
	! grep -Eq -- "$1" "$T/out" || bad "stdout has /$1/"
}

err_has() {
	grep -Eq -- "$1" "$T/err" || bad "stderr lacks /$1/"
}

err_empty() {
	[ ! -s "$T/err" ] || bad "stderr not empty"
}

# true when a command succeeds; records failure otherwise
holds() {
	"$@" >/dev/null 2>&1 || bad "does not hold: $*"
}

end() {
	if [ "$cur_bad" = 0 ]; then
		npass=$((npass + 1))
		echo "ok - $cur"
	else
		nfail=$((nfail + 1))
		echo "not ok - $cur"
		cat "$T/why"
		echo "  # stdout:"; sed -n '1,15s/^/  #   /p' "$T/out"
		echo "  # stderr:"; sed -n '1,15s/^/  #   /p' "$T/err"
	fi
	: >"$T/why"
}

# a JSON field of stdout, via python3 (present wherever tests run)
json_get() { # EXPR (python, on `d`)
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$T/out"
}

json_is() { # EXPR EXPECTED
	got=$(json_get "$1" 2>&1)
	[ "$got" = "$2" ] || bad "$1 is '$got', expected '$2'"
}

# a private copy of a fixture repository
copy_fixture() { # NAME DEST
	rm -rf "$2"
	cp -a "$FX/$1" "$2"
}

# a one-commit repository of what the caller wrote into DIR
commit_dir() { # DIR
	git -C "$1" init -q -b main && git -C "$1" add -A &&
		git -C "$1" -c user.name=t -c user.email=t@t commit -qm x
}

# RULE's outcome in the JSON report on stdout
rule_outcome() { # RULE
	json_get "*[r['outcome'] for r in d['rules'] if r['id']=='$1']"
}

# commit DIR, scan it (JSON on stdout) and expect RULE's outcome
scan_dir_expect() { # DIR RULE OUTCOME [LABEL]
	commit_dir "$1"
	run "$PG" scan --no-cache --format json "$1"
	sde_got=$(rule_outcome "$2")
	[ "$sde_got" = "$3" ] || bad "${4:+$4: }$2 is $sde_got, expected $3"
}

# RULE's evidence in the JSON report on stdout includes PATH:LINE
cites() { # RULE PATH:LINE
	cites_got=$(json_get "' '.join('%s:%s' % (e['path'], e['line']) for r in d['rules'] if r['id']=='$1' for e in r['evidence'])")
	case " $cites_got " in *" $2 "*) ;; *) bad "$1 cites '$cites_got', expected $2" ;; esac
}

# Fixture sets read by rule (47-, 48-): PREFIX names a test's reports, $T/PREFIX-NAME.json.
fxset_scan() { # PREFIX NAME FIXTURE [ARGS...]
	fxset_p=$1
	fxset_n=$2
	fxset_f=$3
	shift 3
	"$PG" scan --no-cache --format json "$@" "$FX/$fxset_f" >"$T/$fxset_p-$fxset_n.json" 2>"$T/$fxset_p-$fxset_n.err"
}

fxset_py() { # JSONFILE EXPR [ARGS...]: EXPR over d (the report) and a (the ARGS)
	fxset_file=$1
	fxset_expr=$2
	shift 2
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); a=sys.argv[2:]; print($fxset_expr)" "$fxset_file" "$@" 2>&1
}

# SET and SET-near scanned into $T/PREFIX-kinds.json, -near.json and -near-ar.json (Arabic)
fxset_scan_sets() { # PREFIX SET
	fxset_scan "$1" kinds "$2"
	fxset_scan "$1" near "$2-near"
	fxset_scan "$1" near-ar "$2-near" --lang ar
}

# the rules not failing on SET-near, in English and in Arabic, are exactly EXPECTED
fxset_near_passing() { # PREFIX SET EXPECTED
	fxset_not_failing "$1" near "$2-near" "$3"
	fxset_not_failing "$1" near-ar "$2-near in Arabic" "$3"
}

# the rules not failing in $T/PREFIX-NAME.json are exactly EXPECTED (a Python list), as LABEL says
fxset_not_failing() { # PREFIX NAME LABEL EXPECTED
	fxset_got=$(fxset_py "$T/$1-$2.json" "[r['id'] for r in d['rules'] if r['outcome']!='fail']")
	[ "$fxset_got" = "$4" ] || bad "rules not failing on $3: $fxset_got"
}

# RULE's evidence in $T/PREFIX-kinds.json is exactly PATH:LINE...
fxset_ev() { # PREFIX SET RULE PATH:LINE...
	fxset_p=$1
	fxset_set=$2
	fxset_rule=$3
	shift 3
	fxset_want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	fxset_got=$(fxset_py "$T/$fxset_p-kinds.json" "' '.join(sorted('%s:%s' % (e['path'], e['line']) for r in d['rules'] if r['id']==a[0] for e in r['evidence'])) + ' '" "$fxset_rule")
	[ "$fxset_got" = "$fxset_want" ] || bad "$fxset_rule evidence on $fxset_set is '$fxset_got', expected '$fxset_want'"
}

# RULE in $T/PREFIX-NAME.json is exactly WANT: its outcome, then its evidence as PATH:LINE, sorted
fxset_rule_is() { # PREFIX NAME RULE WANT
	fxset_got=$(fxset_py "$T/$1-$2.json" "' '.join(' '.join([r['outcome']] + sorted('%s:%s' % (e['path'], e['line']) for e in r['evidence'])) for r in d['rules'] if r['id']==a[0])" "$3")
	[ "$fxset_got" = "$4" ] || bad "$3 on $1-$2 is '$fxset_got', expected '$4'"
}

# RULE fails with no evidence in $T/PREFIX-near.json
fxset_near_fails() { # PREFIX SET RULE
	fxset_got=$(fxset_py "$T/$1-near.json" "[(r['outcome'], [e['path'] for e in r['evidence']]) for r in d['rules'] if r['id']==a[0]]" "$3")
	[ "$fxset_got" = "[('fail', [])]" ] || bad "$3 on $2-near is $fxset_got, expected fail with no evidence"
}
