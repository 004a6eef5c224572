# 59-secrets-composer.sh - deploy.secrets-not-committed and Composer's auth.json:
# a token under github-oauth (GitHub's older 40-hex OAuth token or a gh*_ one),
# gitlab-oauth, gitlab-token or bitbucket-oauth in auth.json or
# .composer-auth.json fails the rule and cites the token's line, also when
# decoy entries under the same key precede it; a placeholder, zeros, a locale
# file named auth.json and a test folder's auth.json do not.  The tokens are
# made here from a hash, they were never issued.  Variables are prefixed t59_.

t59_hex=$(printf 'proofgate fixture, not a token' | sha256sum | cut -c1-40)


begin "a 40-hex github-oauth token in .composer-auth.json, after two decoy entries, fails the secrets rule at its line"
rm -rf "$T/t59a" && mkdir -p "$T/t59a"
printf '{\n    "github-oauth": {\n        "github.com": "do not use this token elsewhere",\n        "github.com": "kept for the test suite only",\n        "github.com": "%s"\n    }\n}\n' \
	"$t59_hex" >"$T/t59a/.composer-auth.json"
scan_dir_expect "$T/t59a" deploy.secrets-not-committed fail
cites deploy.secrets-not-committed .composer-auth.json:5
end

begin "a bitbucket-oauth consumer secret in a nested auth.json, and a gitlab-oauth token, each fail it"
rm -rf "$T/t59b" "$T/t59g" && mkdir -p "$T/t59b/app" "$T/t59g"
printf '{"bitbucket-oauth": {"bitbucket.org": {"consumer-key": "acme-ci", "consumer-secret": "%s"}}}\n' "$t59_hex" >"$T/t59b/app/auth.json"
scan_dir_expect "$T/t59b" deploy.secrets-not-committed fail bitbucket
printf '{\n  "gitlab-oauth": {\n    "gitlab.example.com": "%s%s"\n  }\n}\n' "$t59_hex" "$(printf '%s' "$t59_hex" | cut -c1-24)" >"$T/t59g/auth.json"
scan_dir_expect "$T/t59g" deploy.secrets-not-committed fail gitlab
cites deploy.secrets-not-committed auth.json:3
end

begin "near misses pass: a placeholder, zeros, a locale file named auth.json, a test folder's auth.json"
rm -rf "$T/t59c" && mkdir -p "$T/t59c/a" "$T/t59c/b" "$T/t59c/locales/en" "$T/t59c/tests/fixtures"
printf '{"github-oauth": {"github.com": "<your-github-token>"}}\n' >"$T/t59c/a/auth.json"
printf '{"github-oauth": {"github.com": "0000000000000000000000000000000000000000"}}\n' >"$T/t59c/b/auth.json"
printf '{"github-oauth": "Sign in with GitHub", "token": "%s"}\n' "$t59_hex" >"$T/t59c/locales/en/auth.json"
printf '{"github-oauth": {"github.com": "%s"}}\n' "$t59_hex" >"$T/t59c/tests/fixtures/auth.json"
scan_dir_expect "$T/t59c" deploy.secrets-not-committed pass
end
