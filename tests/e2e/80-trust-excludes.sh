# 80-trust-excludes.sh - a change cannot exempt its own secret: the built-in
# pack's excludes (dist/, vendor/, examples/, fixtures/, changelogs ...) and
# linguist-generated/-vendored attributes of the scanned commit do not narrow a
# forbidding (no_file) condition such as deploy.secrets-not-committed; they
# still narrow the conditions that look for evidence.  Helpers are prefixed t80_.

# a repository holding one file PATH with TEXT, plus a .gitattributes line when given
t80_repo() { # DIR PATH TEXT [ATTRLINE]
	rm -rf "$1" && git init -q -b main "$1"
	mkdir -p "$1/$(dirname "$2")"
	printf '%s\n' "$3" >"$1/$2"
	[ $# -lt 4 ] || printf '%s\n' "$4" >"$1/.gitattributes"
	git -C "$1" add -A && git -C "$1" -c user.name=t -c user.email=t@t commit -qm x
}

t80_outcome() { # RULE (on $T/out, JSON)
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print([r['outcome'] for r in d['rules'] if r['id']==sys.argv[2]])" "$T/out" "$1"
}

t80_secret_fails() { # NAME PATH [ATTRLINE]
	begin "secret under $2${3:+ ($3)} fails deploy.secrets-not-committed"
	t80_repo "$T/t80" "$2" "aws_access_key_id = AKIAQWERTYUIOPASDFGH" ${3:+"$3"}
	run "$PG" scan --format json "$T/t80"
	got=$(t80_outcome deploy.secrets-not-committed)
	[ "$got" = "['fail']" ] || bad "outcome $got, expected fail"
	grep -q "$2" "$T/out" || bad "report does not name $2"
	end
}

t80_secret_fails dist dist/config.js
t80_secret_fails vendor vendor/acme/settings.py
t80_secret_fails examples examples/deploy.sh
t80_secret_fails example apps/web/example/config.js
t80_secret_fails fixtures fixtures/env.txt
t80_secret_fails changelog CHANGELOG.md
t80_secret_fails vendored gen/keys.txt 'gen/** linguist-vendored'
t80_secret_fails generated src/keys.txt '*.txt linguist-generated=true'

begin "a key store under vendor/ fails deploy.secrets-not-committed"
t80_repo "$T/t80" vendor/certs/server.p12 "binary-ish"
run "$PG" scan --format json "$T/t80"
got=$(t80_outcome deploy.secrets-not-committed)
[ "$got" = "['fail']" ] || bad "outcome $got, expected fail"
end

begin "the same file without a secret passes deploy.secrets-not-committed"
t80_repo "$T/t80" vendor/acme/settings.py "aws_region = eu-west-1"
run "$PG" scan --format json "$T/t80"
got=$(t80_outcome deploy.secrets-not-committed)
[ "$got" = "['pass']" ] || bad "outcome $got, expected pass"
end

# the condition's own exclude list (tests) still applies: its author wrote it for that condition
begin "a secret under tests/ is still left out by the condition's own exclude"
t80_repo "$T/t80" tests/data/env.txt "aws_access_key_id = AKIAQWERTYUIOPASDFGH"
run "$PG" scan --format json "$T/t80"
got=$(t80_outcome deploy.secrets-not-committed)
[ "$got" = "['pass']" ] || bad "outcome $got, expected pass"
end

# evidence-seeking conditions keep honouring pack excludes and attributes
begin "a runbook under vendor/ or marked vendored is still not evidence"
t80_repo "$T/t80" docs/runbook.md "# Runbook" 'docs/** linguist-vendored'
run "$PG" scan --format json "$T/t80"
out_lacks '"path": *"docs/runbook.md"'
end

# a pack with its own exclude: pack-level excludes never narrow no_file, a leaf's own do
mkdir -p "$T/t80-pack"
cat >"$T/t80-pack/p.yml" <<'YML'
exclude: ['dist/**']
domains:
  - {id: d, title: {en: D}, order: 1}
rules:
  - id: x.no-token
    domain: d
    level: required
    title: {en: no token}
    next_step: {en: remove it}
    evidence:
      no_file: {paths: '**', contains: 'TOKEN=[a-z]+'}
  - id: x.no-token-own
    domain: d
    level: required
    title: {en: no token own}
    next_step: {en: remove it}
    evidence:
      no_file: {paths: '**', exclude: 'dist/**', contains: 'TOKEN=[a-z]+'}
  - id: x.has-token
    domain: d
    level: required
    title: {en: has token}
    next_step: {en: add it}
    evidence:
      file: {paths: '**', contains: 'TOKEN=[a-z]+'}
YML
begin "pack-level exclude: no_file still sees dist/, its own exclude and a file condition do not"
t80_repo "$T/t80" dist/app.env "TOKEN=abc"
run "$PG" scan --format json --rules "$T/t80-pack" "$T/t80"
[ "$(t80_outcome x.no-token)" = "['fail']" ] || bad "x.no-token is $(t80_outcome x.no-token)"
[ "$(t80_outcome x.no-token-own)" = "['pass']" ] || bad "x.no-token-own is $(t80_outcome x.no-token-own)"
[ "$(t80_outcome x.has-token)" = "['fail']" ] || bad "x.has-token is $(t80_outcome x.has-token)"
end

# attributes come from the scanned commit only: the machine's attribute files
# (the user's, core.attributesFile, info/attributes) and the index cannot
# turn evidence into "vendored"; the commit's own .gitattributes, at any depth
# and through its root macros, still do (git/linguist.h)
t80_sees_runbook() { # [ENV...]: the scan of $T/t80 cites docs/runbook.md
	run env "$@" "$PG" scan --format json "$T/t80"
	grep -Eq '"path": *"docs/runbook.md"' "$T/out" || bad "docs/runbook.md is not cited ($*)"
}

begin "the machine's attribute files do not change what is evidence"
t80_repo "$T/t80" docs/runbook.md "# Runbook"
t80_sees_runbook
cp "$T/out" "$T/t80-before.json"
mkdir -p "$T/t80-home/.config/git" "$T/t80-xdg/git"
echo '* linguist-vendored' >"$T/t80-home/.config/git/attributes"
echo '* linguist-generated' >"$T/t80-xdg/git/attributes"
echo '* linguist-vendored' >"$T/t80-global-attrs"
printf '[core]\n\tattributesFile = %s\n' "$T/t80-global-attrs" >"$T/t80-home/.gitconfig"
t80_sees_runbook HOME="$T/t80-home"
t80_sees_runbook HOME="$T/t80-home" XDG_CONFIG_HOME="$T/t80-xdg"
# the same verdict, to the byte, under every one of them at once
mkdir -p "$T/t80/.git/info"
echo '* linguist-vendored' >"$T/t80/.git/info/attributes"
git -C "$T/t80" config core.attributesFile "$T/t80-global-attrs"
# and a .gitattributes staged but not committed (the index is not the commit)
echo '* linguist-generated' >"$T/t80/.gitattributes"
git -C "$T/t80" add .gitattributes
t80_sees_runbook HOME="$T/t80-home" XDG_CONFIG_HOME="$T/t80-xdg"
cmp -s "$T/out" "$T/t80-before.json" || bad "the report changed under the machine's attribute files"
end

begin "the commit's .gitattributes in a subfolder still makes a file vendored"
t80_repo "$T/t80" docs/runbook.md "# Runbook"
printf 'runbook.md linguist-vendored\n' >"$T/t80/docs/.gitattributes"
git -C "$T/t80" add -A && git -C "$T/t80" -c user.name=t -c user.email=t@t commit -qm attrs
run "$PG" scan --format json "$T/t80"
out_lacks '"path": *"docs/runbook.md"'
end

begin "the commit's root macro still makes a file generated; a deeper file can undo it"
t80_repo "$T/t80" docs/runbook.md "# Runbook" '[attr]gen linguist-generated
docs/*.md gen'
run "$PG" scan --format json "$T/t80"
out_lacks '"path": *"docs/runbook.md"'
printf '*.md -linguist-generated\n' >"$T/t80/docs/.gitattributes"
git -C "$T/t80" add -A && git -C "$T/t80" -c user.name=t -c user.email=t@t commit -qm undo
run "$PG" scan --format json "$T/t80"
out_has '"path": *"docs/runbook.md"'
end

begin "a leading '!' in the commit's .gitattributes is ignored, as git ignores it"
t80_repo "$T/t80" docs/runbook.md "# Runbook" '!nothing.txt linguist-vendored' 2>/dev/null
run "$PG" scan --format json "$T/t80"
out_has '"path": *"docs/runbook.md"'
end
