# 54-secrets-sentry.sh - deploy.secrets-not-committed and Sentry auth tokens:
# a 64-hex token in sentry-cli's configuration (sentry.properties, .sentryclirc)
# or a sntryu_/sntrys_ token anywhere fails the rule and cites its line; a
# placeholder, a variable or a truncated mention does not.  The tokens are made
# here from a hash, they were never issued.  Variables are prefixed t54_.

t54_hex=$(printf 'proofgate fixture, not a token' | sha256sum | cut -c1-64)


begin "a 64-hex token under [auth] in sentry.properties fails the secrets rule at its line"
rm -rf "$T/t54a" && mkdir -p "$T/t54a/frontend/config"
printf '[defaults]\norg=acme\nproject=web\n\n[auth]\ntoken=%s\n' "$t54_hex" >"$T/t54a/frontend/config/sentry.properties"
scan_dir_expect "$T/t54a" deploy.secrets-not-committed fail
cites deploy.secrets-not-committed frontend/config/sentry.properties:6
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
	scan_dir_expect "$T/t54b" deploy.secrets-not-committed fail "$t54_f"
done
end

begin "near misses pass: a variable, a placeholder, a short value, a truncated token in docs, a test folder"
rm -rf "$T/t54c" && mkdir -p "$T/t54c/a" "$T/t54c/b" "$T/t54c/c" "$T/t54c/tests/fixtures"
printf '[auth]\ntoken=${SENTRY_AUTH_TOKEN}\n' >"$T/t54c/a/sentry.properties"
printf '[auth]\ntoken=your-auth-token-here\n' >"$T/t54c/b/sentry.properties"
printf '[auth]\ntoken=%s\n' "$(printf '%s' "$t54_hex" | cut -c1-40)" >"$T/t54c/c/sentry.properties"
printf '# Uploading source maps\n\nCreate a token (it starts with `sntrys_...`) and set SENTRY_AUTH_TOKEN.\n' >"$T/t54c/README.md"
printf '[auth]\ntoken=%s\n' "$t54_hex" >"$T/t54c/tests/fixtures/sentry.properties"
scan_dir_expect "$T/t54c" deploy.secrets-not-committed pass
end
