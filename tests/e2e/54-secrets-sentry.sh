# 54-secrets-sentry.sh - deploy.secrets-not-committed and Sentry auth tokens:
# a 64-hex token in sentry-cli's configuration (sentry.properties, .sentryclirc)
# or a sntryu_/sntrys_ token anywhere fails the rule and cites its line; a
# placeholder, a variable or a truncated mention does not.  The tokens are made
# here from a hash, they were never issued.  Helpers are prefixed t54_.

t54_hex=$(printf 'proofgate fixture, not a token' | sha256sum | cut -c1-64)

t54_repo() { # DIR: a repository holding what the caller wrote into DIR
	git -C "$1" init -q -b main && git -C "$1" add -A &&
		git -C "$1" -c user.name=t -c user.email=t@t commit -qm x
}
t54_outcome() { # RULE (on $T/out, JSON)
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(*[r['outcome'] for r in d['rules'] if r['id']==sys.argv[2]])" "$T/out" "$1"
}

begin "a 64-hex token under [auth] in sentry.properties fails the secrets rule at its line"
rm -rf "$T/t54a" && mkdir -p "$T/t54a/frontend/config"
printf '[defaults]\norg=acme\nproject=web\n\n[auth]\ntoken=%s\n' "$t54_hex" >"$T/t54a/frontend/config/sentry.properties"
t54_repo "$T/t54a"
run "$PG" scan --no-cache --format json "$T/t54a"
[ "$(t54_outcome deploy.secrets-not-committed)" = fail ] || bad "outcome $(t54_outcome deploy.secrets-not-committed), expected fail"
grep -q '"path": *"frontend/config/sentry.properties"' "$T/out" || bad "the report does not cite sentry.properties"
grep -q '"line": *6' "$T/out" || bad "the evidence is not at line 6, the token's"
end

begin "a sntryu_ user token in .sentryclirc, and a sntrys_ organisation token in a script, each fail it"
for t54_f in sentryclirc script; do
	rm -rf "$T/t54b" && mkdir -p "$T/t54b"
	if [ $t54_f = sentryclirc ]; then
		printf '[auth]\ntoken=sntryu_%s\n' "$t54_hex" >"$T/t54b/.sentryclirc"
	else
		printf '#!/bin/sh\nexport SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3MDAwMDAwMDAsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIn0_%s\n' \
			"$(printf '%s' "$t54_hex" | cut -c1-43)" >"$T/t54b/upload.sh"
	fi
	t54_repo "$T/t54b"
	run "$PG" scan --no-cache --format json "$T/t54b"
	[ "$(t54_outcome deploy.secrets-not-committed)" = fail ] || bad "$t54_f: outcome $(t54_outcome deploy.secrets-not-committed), expected fail"
done
end

begin "near misses pass: a variable, a placeholder, a short value, a truncated token in docs, a test folder"
rm -rf "$T/t54c" && mkdir -p "$T/t54c/a" "$T/t54c/b" "$T/t54c/c" "$T/t54c/tests/fixtures"
printf '[auth]\ntoken=${SENTRY_AUTH_TOKEN}\n' >"$T/t54c/a/sentry.properties"
printf '[auth]\ntoken=your-auth-token-here\n' >"$T/t54c/b/sentry.properties"
printf '[auth]\ntoken=%s\n' "$(printf '%s' "$t54_hex" | cut -c1-40)" >"$T/t54c/c/sentry.properties"
printf '# Uploading source maps\n\nCreate a token (it starts with `sntrys_...`) and set SENTRY_AUTH_TOKEN.\n' >"$T/t54c/README.md"
printf '[auth]\ntoken=%s\n' "$t54_hex" >"$T/t54c/tests/fixtures/sentry.properties"
t54_repo "$T/t54c"
run "$PG" scan --no-cache --format json "$T/t54c"
[ "$(t54_outcome deploy.secrets-not-committed)" = pass ] || bad "outcome $(t54_outcome deploy.secrets-not-committed), expected pass"
end
