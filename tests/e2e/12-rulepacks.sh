# 12-rulepacks.sh - bad rule packs: a clear message with file, line and column, exit 2.

B="$FX/basic"
P="$T/packs"
mkdir -p "$P"

# writes a pack, scans with it, expects exit 2 and the message at FILE:LINE:COL
bad_pack() { # NAME LINE COL MESSAGE-RE   (pack text on stdin)
	cat >"$P/$1.yml"
	begin "bad pack $1: $4"
	run "$PG" scan --no-builtin --rules "$P/$1.yml" "$B"
	rc_is 2
	err_has "$P/$1.yml:$2:$3: .*$4"
	out_lacks 'verdict'
	run "$PG" rules check --no-builtin "$P/$1.yml"
	rc_is 2
	err_has "$P/$1.yml:$2:$3: .*$4"
	end
}

HEAD='domains: [{id: d, title: D}]
rules:'

bad_pack indent 3 4 'malformed YAML' <<'EOF2'
domains:
  - id: d
   title: D
EOF2

bad_pack unclosed-quote 3 1 'malformed YAML' <<'EOF2'
domains: "d
rules: []
EOF2

bad_pack tab 2 1 'malformed YAML' <<EOF2
domains:
	- id: d
EOF2

bad_pack unknown-key 6 5 "unknown key 'titel'" <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: required
    titel: T
    next_step: N
    evidence: {file: {paths: x}}
EOF2

bad_pack wrong-type 5 12 'level must be a string, found a list' <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: [required]
    title: T
    next_step: N
    evidence: {file: {paths: x}}
EOF2

bad_pack missing-key 3 5 "missing required key 'next_step'" <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: required
    title: T
    evidence: {file: {paths: x}}
EOF2

bad_pack duplicate-id 9 5 "duplicate rule id 'd.r' \\(first defined at" <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: required
    title: T
    next_step: N
    evidence: {file: {paths: x}}
  - id: d.r
    domain: d
    level: required
    title: T
    next_step: N
    evidence: {file: {paths: x}}
EOF2

bad_pack unknown-domain 5 13 "names unknown domain 'nope'" <<EOF2
$HEAD
  - id: d.r
    level: required
    domain: nope
    title: T
    next_step: N
    evidence: {file: {paths: x}}
EOF2

bad_pack invalid-glob 9 38 "invalid glob 'docs/\\[a': missing terminating \\] for character class at offset 7" <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: required
    title: T
    next_step: N
    evidence:
      file: {paths: "ok/*", exclude: "docs/[a"}
EOF2

bad_pack invalid-regex 9 39 "invalid regex '\\(pager': missing closing parenthesis at offset 6" <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: required
    title: T
    next_step: N
    evidence:
      file: {paths: "ok/*", contains: '(pager'}
EOF2

bad_pack fresh-no-group 9 46 'needs a capture group' <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: required
    title: T
    next_step: N
    evidence:
      file: {paths: "ok/*", fresh: {pattern: 'drill', days: 9}}
EOF2

bad_pack two-keys 9 7 'exactly one of all, any, file, no_file' <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: required
    title: T
    next_step: N
    evidence:
      file: {paths: x}
      no_file: {paths: y}
EOF2

bad_pack bool 9 41 'executable must be true or false' <<EOF2
$HEAD
  - id: d.r
    domain: d
    level: required
    title: T
    next_step: N
    evidence:
      file: {paths: "ok/*", executable: yes}
EOF2

begin "every problem of a pack is listed, not only the first"
cat >"$P/many.yml" <<EOF2
$HEAD
  - id: d.a
    domain: nope
    level: sometimes
    title: T
    next_step: N
    evidence: {file: {paths: "[x", contains: "("}}
EOF2
run "$PG" rules check --no-builtin "$P/many.yml"
rc_is 2
err_has 'many.yml:5:12: level must be'
err_has 'many.yml:8:30: invalid glob'
err_has 'many.yml:8:46: contains: invalid regex'
err_has '3 problems found'
end

begin "an alias bomb is refused, not expanded"
{
	echo 'a: &a ["x","x","x","x","x","x","x","x","x"]'
	prev=a
	for n in b c d e f g h i j k l; do
		echo "$n: &$n [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"
		prev=$n
	done
	echo "domains: [{id: d, title: *l}]"
} >"$P/bomb.yml"
run timeout 20 "$PG" rules check --no-builtin "$P/bomb.yml"
rc_is 2
err_has 'bomb.yml'
end

begin "a rules path that does not exist, and a binary file"
run "$PG" scan --rules "$P/none.yml" "$B"
rc_is 2; err_has "none.yml: cannot read rules: No such file or directory"
head -c 3000 /dev/urandom >"$P/binary.yml" 2>/dev/null || printf '\000\001\002' >"$P/binary.yml"
printf '\000' >>"$P/binary.yml"
run "$PG" scan --no-builtin --rules "$P/binary.yml" "$B"
rc_is 2; err_has 'binary.yml:[0-9]+:[0-9]+: '
end

begin "a problem quotes the pack escaped: no terminal escape or bidi control from a file reaches stderr"
# a glob holding ESC [31m, and a key holding U+202E RIGHT-TO-LEFT OVERRIDE
printf 'domains: [{id: d, title: D}]\nrules:\n  - {id: d.r, domain: d, level: advisory, title: T, next_step: N, evidence: {file: {paths: "\\e[31mRED{"}}}\n  - {id: d.s, \342\200\256x: 1}\n' >"$P/esc.yml"
esc_checks() {
	rc_is 2
	err_has "esc.yml:3:[0-9]+: invalid glob '\\\\x1b\\[31mRED\\{'"
	err_has "esc.yml:4:[0-9]+: rule: unknown key '\\\\xe2\\\\x80\\\\xaex'"
	holds sh -c "! grep -q \"\$(printf '\\033')\" '$T/err'"
	holds sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$T/err'"
}
run "$PG" rules check "$P/esc.yml"
esc_checks
run "$PG" scan --no-cache --rules "$P/esc.yml" "$B"
esc_checks
end

begin "a rules folder loads its *.yml files in name order"
mkdir -p "$P/dir"
printf 'domains: [{id: d, title: D}]\n' >"$P/dir/a.yml"
printf 'rules:\n  - {id: d.r, domain: d, level: advisory, title: T, next_step: N, evidence: {file: {paths: README.md}}}\n' >"$P/dir/b.yaml"
printf 'not: [yaml' >"$P/dir/ignored.txt"
run "$PG" rules check --no-builtin "$P/dir"
rc_is 0; out_has '^ok: 1 rule, 1 domain, 0 proofs in 2 files'
run "$PG" scan --no-builtin --rules "$P/dir" -q "$B"
rc_is 0
end

begin "rules list: text, json and markdown"
run "$PG" rules list --no-builtin --rules "$ROOT/tests/rules/core.yml"
rc_is 0; out_has '^ops.deploy-runbook +ops +required +runbooks  Deploy runbook'
run "$PG" rules list --no-builtin --rules "$ROOT/tests/rules/core.yml" --format json
rc_is 0; json_is "len(d['rules'])" 12
run "$PG" rules list --no-builtin --rules "$ROOT/tests/rules/core.yml" --format markdown --lang ar
rc_is 0; out_has '^## العمليات \(`ops`\)'; out_has '^\| `ops.deploy-runbook` \| required \| دليل النشر'
end

begin "explain: what a rule looks for, where, and the next safe step"
run "$PG" explain --no-builtin --rules "$ROOT/tests/rules/core.yml" ops.restore-runbook
rc_is 0
out_has '^ops.restore-runbook: Restore runbook'
out_has 'a restore runbook \(a file in `docs/runbooks/\{stub,restore\}.md`, at least 5 lines'
out_has '^next safe step when it fails: Write a restore runbook with real steps'
out_has 'defined at: .*core.yml:[0-9]+'
run "$PG" explain --no-builtin --rules "$ROOT/tests/rules/core.yml" ops.nope
rc_is 2; err_has "no rule 'ops.nope'"; err_has 'did you mean ops.deploy-runbook'
end

begin "checking a copy of a loaded pack is not a pile of duplicate ids"
run "$PG" rules check "$ROOT/rules"
rc_is 0; out_has '^ok: [0-9]+ rules, 6 domains, 11 proofs'
cp "$ROOT/tests/rules/core.yml" "$P/core-copy.yml"
run "$PG" rules check --no-builtin "$ROOT/tests/rules/core.yml" "$P/core-copy.yml"
rc_is 0; out_has 'in 1 file$'
end

begin "a rule pack kept in the scanned tree is not evidence for itself"
cat >"$P/self.yml" <<'EOF2'
domains: [{id: d, title: D}]
rules:
  - {id: d.self, domain: d, level: required, title: T, next_step: N,
     evidence: {file: {paths: "**/*.yml", contains: 'selfmatch'}}}
EOF2
rm -rf "$T/selfrepo" && git init -q -b main "$T/selfrepo"
mkdir -p "$T/selfrepo/ops" && cp "$P/self.yml" "$T/selfrepo/ops/self.yml"
git -C "$T/selfrepo" add . && git -C "$T/selfrepo" -c user.name=t -c user.email=t@t commit -qm pack
run "$PG" scan --no-builtin --rules "$P/self.yml" --format json "$T/selfrepo"
json_is "d['rules'][0]['outcome']" fail
printf 'name: selfmatch-ok\n' >"$T/selfrepo/ops/other.yml"
git -C "$T/selfrepo" add . && git -C "$T/selfrepo" -c user.name=t -c user.email=t@t commit -qm other
run "$PG" scan --no-builtin --rules "$P/self.yml" --format json "$T/selfrepo"
json_is "d['rules'][0]['outcome']" pass
json_is "d['rules'][0]['evidence'][0]['path']" ops/other.yml
end

begin "a long pattern is named, not quoted, in a near miss; explain quotes it"
cat >"$P/long.yml" <<'EOF2'
domains: [{id: d, title: D}]
rules:
  - {id: d.long, domain: d, level: required, title: T, next_step: N,
     evidence: {file: {paths: "README.md", contains: 'this-is-a-very-long-pattern-that-nobody-wants-to-read-twice'}}}
EOF2
run "$PG" scan --no-builtin --rules "$P/long.yml" --format json "$B"
json_is "d['rules'][0]['near_misses'][0]['why']" "does not match the pattern it looks for"
json_is "'matching its pattern' in d['rules'][0]['message']" True
run "$PG" explain --no-builtin --rules "$P/long.yml" d.long
out_has 'this-is-a-very-long-pattern-that-nobody-wants-to-read-twice'
end

begin "a deeply nested .proofgate.yml is refused at once, not parsed for minutes"
rm -rf "$T/deep" && git init -q -b main "$T/deep"
python3 -c "print('off: ' + '['*120000 + ']'*120000)" >"$T/deep/.proofgate.yml"
git -C "$T/deep" add . && git -C "$T/deep" -c user.name=t -c user.email=t@t commit -qm deep
run timeout 60 "$PG" scan -q "$T/deep"
rc_is 2
err_has '\.proofgate\.yml:1:205: policy nests lists and mappings too deeply'
end
