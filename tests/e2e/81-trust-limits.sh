# 81-trust-limits.sh - no silent pass, bounded time: a secret in a binary file
# or in a file over --max-file-size fails a forbidding (no_file) condition, or
# makes it an error naming the file, never a pass; a catastrophic pattern ends
# as its rule's error within its budget, with JIT or without; an evidence
# condition still ignores binary files; `rules check` warns about nested
# unbounded quantifiers.  Helpers are prefixed t81_.  No timing is asserted:
# a hang would show as the suite never finishing.

T81_KEY="aws_access_key_id = AKIAQWERTYUIOPASDFGH"

# a repository with the files the caller wrote into DIR (created empty first)
t81_init() { # DIR
	rm -rf "$1" && git init -q -b main "$1"
}
t81_commit() { # DIR
	git -C "$1" add -A && git -C "$1" -c user.name=t -c user.email=t@t commit -qm x
}

t81_outcome() { # RULE (on $T/out, JSON)
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print([r['outcome'] for r in d['rules'] if r['id']==sys.argv[2]])" "$T/out" "$1"
}
t81_message() { # RULE (on $T/out, JSON)
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print([r['message'] for r in d['rules'] if r['id']==sys.argv[2]][0])" "$T/out" "$1"
}

# a pack of one forbidding and one evidence rule, so the gate turns on them alone
mkdir -p "$T/t81-pack"
cat >"$T/t81-pack/p.yml" <<'YML'
domains:
  - {id: d, title: {en: D}, order: 1}
rules:
  - id: x.no-key
    domain: d
    level: required
    title: {en: no key}
    next_step: {en: remove it}
    evidence:
      no_file: {paths: '**', contains: 'AKIA[0-9A-Z]{16}'}
  - id: x.has-runbook
    domain: d
    level: required
    title: {en: has runbook}
    next_step: {en: write it}
    evidence:
      file: {paths: '**', contains: '(?i)runbook'}
YML

# the forbidding rule alone, for the exit status
mkdir -p "$T/t81-forbid"
sed -n '1,10p' "$T/t81-pack/p.yml" >"$T/t81-forbid/p.yml"

# ---- binary files ---------------------------------------------------------
begin "a secret after a NUL in the first 8000 bytes fails deploy.secrets-not-committed"
t81_init "$T/t81"
printf 'PK\003\004\000\000\000\001binary header\n%s\n' "$T81_KEY" >"$T/t81/bundle.bin"
t81_commit "$T/t81"
run "$PG" scan --no-cache --format json "$T/t81"
[ "$(t81_outcome deploy.secrets-not-committed)" = "['fail']" ] || bad "outcome $(t81_outcome deploy.secrets-not-committed), expected fail"
grep -q '"path": *"bundle.bin"' "$T/out" || bad "the report does not cite bundle.bin"
end

begin "the binary's verdict is the same from the cache"
run "$PG" scan --format json "$T/t81"
run "$PG" scan --format json "$T/t81"
[ "$(t81_outcome deploy.secrets-not-committed)" = "['fail']" ] || bad "outcome $(t81_outcome deploy.secrets-not-committed) from the cache"
end

begin "a binary file is still no evidence: the word in it does not pass a file condition"
t81_init "$T/t81"
printf 'bin\000ary\nrunbook: see the wiki\n' >"$T/t81/notes.bin"
t81_commit "$T/t81"
run "$PG" scan --no-cache --no-builtin --rules "$T/t81-pack" --format json "$T/t81"
[ "$(t81_outcome x.has-runbook)" = "['fail']" ] || bad "x.has-runbook is $(t81_outcome x.has-runbook), expected fail"
[ "$(t81_outcome x.no-key)" = "['pass']" ] || bad "x.no-key is $(t81_outcome x.no-key), expected pass"
grep -q 'is binary' "$T/out" || bad "the report does not say notes.bin is binary"
end

# ---- files over --max-file-size --------------------------------------------
t81_big() { # DIR BYTES-BEFORE-THE-KEY
	t81_init "$1"
	python3 -c "import sys; sys.stdout.write('x' * int(sys.argv[1]) + '\n' + sys.argv[2] + '\n# runbook\n')" "$2" "$T81_KEY" >"$1/big.txt"
	t81_commit "$1"
}

begin "a secret in a file over a small --max-file-size fails the rule (read whole, up to 8 times the cap)"
t81_big "$T/t81" 3000
run "$PG" scan --no-cache --max-file-size 1000 --format json "$T/t81"
[ "$(t81_outcome deploy.secrets-not-committed)" = "['fail']" ] || bad "outcome $(t81_outcome deploy.secrets-not-committed), expected fail"
grep -q '"path": *"big.txt"' "$T/out" || bad "the report does not cite big.txt"
end

begin "an evidence condition still skips the file over the cap"
run "$PG" scan --no-cache --max-file-size 1000 --no-builtin --rules "$T/t81-pack" --format json "$T/t81"
[ "$(t81_outcome x.has-runbook)" = "['fail']" ] || bad "x.has-runbook is $(t81_outcome x.has-runbook), expected fail"
[ "$(t81_outcome x.no-key)" = "['fail']" ] || bad "x.no-key is $(t81_outcome x.no-key), expected fail"
end

begin "a file over 8 times the cap is the forbidding rule's error naming it, never a pass (exit 2)"
run "$PG" scan --no-cache --max-file-size 100 --format json "$T/t81"
[ "$(t81_outcome deploy.secrets-not-committed)" = "['error']" ] || bad "outcome $(t81_outcome deploy.secrets-not-committed), expected error"
t81_message deploy.secrets-not-committed | grep -q "'big.txt' is 3052 bytes, more than the 800" || bad "message: $(t81_message deploy.secrets-not-committed)"
run "$PG" scan --no-cache --max-file-size 100 --no-builtin --rules "$T/t81-forbid" -q --fail-on blocked "$T/t81"
rc_is 2; err_has 'could not decide'
end

begin "the error stands with the cache too, and a larger cap reads the file"
run "$PG" scan --max-file-size 100 --format json "$T/t81"
run "$PG" scan --max-file-size 100 --format json "$T/t81"
[ "$(t81_outcome deploy.secrets-not-committed)" = "['error']" ] || bad "outcome $(t81_outcome deploy.secrets-not-committed) from the cache"
run "$PG" scan --max-file-size 1000 --format json "$T/t81"
[ "$(t81_outcome deploy.secrets-not-committed)" = "['fail']" ] || bad "outcome $(t81_outcome deploy.secrets-not-committed) with --max-file-size 1000"
run "$PG" scan --max-file-size 100 --format json "$T/t81"
[ "$(t81_outcome deploy.secrets-not-committed)" = "['error']" ] || bad "outcome $(t81_outcome deploy.secrets-not-committed) back at 100 after a cached read"
end

begin "a large file without a secret passes the forbidding rule"
t81_init "$T/t81"
python3 -c "import sys; sys.stdout.write('x' * 3000 + '\n')" >"$T/t81/big.txt"
t81_commit "$T/t81"
run "$PG" scan --no-cache --max-file-size 1000 --format json "$T/t81"
[ "$(t81_outcome deploy.secrets-not-committed)" = "['pass']" ] || bad "outcome $(t81_outcome deploy.secrets-not-committed), expected pass"
end

# ---- a catastrophic pattern ------------------------------------------------
t81_hostile() { # DIR
	t81_init "$1"
	mkdir -p "$1/rules"
	cat >"$1/rules/hostile.yml" <<'YML'
domains:
  - {id: d, title: {en: D}, order: 1}
rules:
  - id: x.hostile
    domain: d
    level: required
    title: {en: hostile}
    next_step: {en: none}
    evidence:
      file: {paths: 'data.txt', contains: '(a+)+(?<=c)'}
YML
	python3 -c "import sys; sys.stdout.write(('a' * 16 + '!\n') * 20000)" >"$1/data.txt"
	t81_commit "$1"
}

# (a+)+ before a look-behind no filter can rule out: only PCRE2 can answer, and its budget ends it
t81_hostile "$T/t81"
for t81_jit in 0 1; do
	begin "(a+)+(?<=c) on 20,000 lines of aaaa...a! ends as the rule's error (PROOFGATE_NO_JIT=$t81_jit)"
	PROOFGATE_NO_JIT=$t81_jit run "$PG" scan --no-cache --no-builtin --rules "$T/t81/rules" --format json "$T/t81"
	[ "$(t81_outcome x.hostile)" = "['error']" ] || bad "x.hostile is $(t81_outcome x.hostile), expected error"
	t81_message x.hostile | grep -q "pattern /(a+)+(?<=c)/ spent its budget of 12880000 steps on 'data.txt'" ||
		bad "message: $(t81_message x.hostile)"
	PROOFGATE_NO_JIT=$t81_jit run "$PG" scan --no-cache --no-builtin --rules "$T/t81/rules" -q --fail-on blocked "$T/t81"
	rc_is 2; err_has 'could not decide'
	end
done

# (a+)+$ there: PCRE2 alone spends its budget, but one Vectorscan pass proves
# no line ends in a run of a's: 'no match', with every filter switched off too
begin "(a+)+\$ on 20,000 lines of aaaa...a!: no match, proven, the same with every acceleration off"
sed -i "s/'(a+)+(?<=c)'/'(a+)+\$'/" "$T/t81/rules/hostile.yml"
run "$PG" scan --no-cache --no-builtin --rules "$T/t81/rules" --format json "$T/t81"
cp "$T/out" "$T/t81-proven.json"
if "$PG" scan --stats -q --no-cache "$T/t81" 2>&1 | grep -q 'patterns: one Vectorscan pass'; then
	[ "$(t81_outcome x.hostile)" = "['fail']" ] || bad "x.hostile is $(t81_outcome x.hostile), expected fail"
else
	[ "$(t81_outcome x.hostile)" = "['error']" ] || bad "x.hostile is $(t81_outcome x.hostile), expected error without Vectorscan"
fi
for t81_sw in PROOFGATE_NO_MULTI PROOFGATE_NO_PREFILTER PROOFGATE_NO_JIT; do
	run env $t81_sw=1 "$PG" scan --no-cache --no-builtin --rules "$T/t81/rules" --format json "$T/t81"
	holds cmp "$T/out" "$T/t81-proven.json"
done
sed -i "s/'(a+)+\$'/'(a+)+(?<=c)'/" "$T/t81/rules/hostile.yml"
end

begin "rules check warns about nested unbounded quantifiers, naming the pattern and its line"
run "$PG" rules check --no-builtin "$T/t81/rules/hostile.yml"
rc_is 0
err_has "hostile.yml:10:.*warning: pattern '\(a\+\)\+\(\?<=c\)'"
run "$PG" rules check --no-builtin "$T/t81-pack"
rc_is 0; err_empty
end

# ---- an unreadable blob is named as the rest of proofgate names objects ----
begin "a corrupt blob is its rule's error: the object, the path, corrupt, git fsck"
t81_init "$T/t81"
echo "# runbook" >"$T/t81/a.md"
t81_commit "$T/t81"
t81_b=$(git -C "$T/t81" rev-parse HEAD:a.md)
t81_f="$T/t81/.git/objects/$(echo "$t81_b" | cut -c1-2)/$(echo "$t81_b" | cut -c3-)"
chmod u+w "$t81_f" && printf 'garbage' >"$t81_f"
for t81_jobs in 1 2; do
	run "$PG" scan --no-cache --jobs $t81_jobs --no-builtin --rules "$T/t81-pack" --format json "$T/t81"
	[ "$(t81_outcome x.has-runbook)" = "['error']" ] || bad "x.has-runbook is $(t81_outcome x.has-runbook) with --jobs $t81_jobs"
	t81_message x.has-runbook | grep -q "object $t81_b ('a.md') is corrupt (.*): git fsck lists the damaged objects" ||
		bad "message with --jobs $t81_jobs: $(t81_message x.has-runbook)"
done
end
