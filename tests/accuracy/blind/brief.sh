#!/bin/sh
# brief.sh PROOFGATE > brief.md - the labelling brief for a blind set (docs/testing.md):
# how to label, then each built-in rule's id, level, title and the remedy its failure
# gives, taken from the pack itself, nothing of what the pack looks for.
set -eu
pg=${1:?usage: brief.sh PROOFGATE}
cat <<'TEXT'
# Labelling brief: the built-in readiness rules, judged as an experienced release engineer

You judge, for one public repository at HEAD (read it with `git -C REPO ls-tree -r HEAD`,
`git -C REPO show HEAD:path`, `git -C REPO grep ... HEAD`; a mirror has no work tree),
whether each rule below has real evidence committed in the repository. You never run
proofgate, never read its source, rules or docs, and never look at other labels. Judge as the
release engineer who must sign off production readiness would.

For each rule write one TSV line: `repo<TAB>rule<TAB>label<TAB>strength<TAB>evidence<TAB>why`
- `label`: `pass` (there is evidence a person could check that satisfies the rule) or `fail`.
- `strength`: `strong` (clear call) or `weak` (reasonable people could differ).
- `evidence`: `path:line` of the best evidence (for pass), or the closest near miss (for fail), or `-`.
- `why`: one short sentence.

General guidance:
- Evidence must be the real thing, not words: a runbook with steps, a script or configuration
  that does it, code that implements it. A document that only mentions a word is not evidence.
  Placeholders, TODOs and templates with nothing filled in are not evidence.
- Evidence inside vendored third-party code, test fixtures or installed dependencies does not
  count for the project itself.
- Dates: "within 90 days" is relative to the HEAD commit's date (`git log -1 --format=%cs HEAD`).
- `deploy.secrets-not-committed` is `pass` when no real secret (a live-looking key, token,
  password, private key) is committed; documented defaults meant to be overridden, demo or test
  credentials of local examples, and obvious placeholders do not make it fail.
- `deploy.no-pending-migrations` is `pass` unless release notes or a deploy document list a
  migration as still pending.

The rules (id, level, title, and the fix a failing repository is told):

TEXT
"$pg" rules list --format markdown |
	awk -F' [|] ' '/^[|] `[a-z]+[.][a-z-]+` [|]/ { sub(/^[|] /, "", $1); sub(/ [|]$/, "", $5); print "- " $1 " (" $2 "): " $3 " - fix when failing: " $5 }'
