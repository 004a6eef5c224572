# 30-github.sh - the GitHub Action and the workflows the docs show: action-validator and
# GitHub's own parser (@actions/workflow-parser) on each, then the composite action's
# steps run by gh.mjs as a runner runs them. Sourced by run.sh.
GH="node --import $IT/json-import.mjs $IT/gh.mjs"
AV="$IT/node_modules/.bin/action-validator"
mkdir -p "$T/gh/wf"

begin "github: action.yml passes action-validator and GitHub's action parser"
run "$AV" "$ROOT/action.yml"
rc_is 0
run $GH action "$ROOT/action.yml"
rc_is 0
json_is "d['using']" composite
# composite run steps get inputs only through expressions: the runner sets no INPUT_*
grep -n 'INPUT_' "$ROOT/action.yml" >"$T/out" && bad "action.yml reads INPUT_*: $(cat "$T/out")"
end

# Every yaml block of the GitHub docs: a whole workflow, or steps that go into one (put
# after a checkout and a proofgate step with id proofgate, which they may refer to).
# A block of any other shape fails the test, so that no snippet escapes it.
n_wf=0
for md in "$ROOT/docs/github.md" "$ROOT/README.md"; do
	$GH blocks "$md" >"$T/gh/blocks" || bad "cannot read $md"
	i=0
	while IFS= read -r blk; do
		i=$((i + 1))
		f="$T/gh/wf/$(basename "$md" .md)-$i.yml"
		printf '%s' "$blk" | python3 -c '
import json, re, sys
b = json.loads(sys.stdin.read())
text, out = b["text"], sys.argv[1]
lines = [l for l in text.split("\n") if l.strip() and not l.lstrip().startswith("#")]
if re.search(r"^jobs:", text, re.M):
    open(out, "w").write(text)
elif lines and lines[0].lstrip().startswith("- "):
    ind = min(len(l) - len(l.lstrip()) for l in lines)
    body = "\n".join(("      " + l[ind:]) if l.strip() else "" for l in text.split("\n"))
    open(out, "w").write("name: docs-steps\non: push\njobs:\n  steps:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - id: proofgate\n"
        "        uses: proofgate/proofgate@v1\n" + body + "\n")
else:
    print("line %d: neither a workflow nor steps" % b["line"])
    sys.exit(1)
' "$f" >"$T/gh/why" 2>&1 || { echo "$(basename "$md") $(cat "$T/gh/why")" >>"$T/gh/unclassified"; continue; }
		echo "$(basename "$md"):$(printf '%s' "$blk" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["line"])')" >"$f.from"
		n_wf=$((n_wf + 1))
	done <"$T/gh/blocks"
done

begin "github: the docs' yaml blocks are workflows or steps (found $n_wf)"
[ "$n_wf" -ge 4 ] || bad "only $n_wf blocks found in docs/github.md and README.md"
[ -s "$T/gh/unclassified" ] && bad "$(cat "$T/gh/unclassified")"
end

for f in "$T"/gh/wf/*.yml; do
	[ -f "$f" ] || continue
	begin "github: the workflow at $(cat "$f.from") passes action-validator and GitHub's parser"
	run "$AV" "$f"
	rc_is 0
	run $GH workflow "$f"
	rc_is 0
	run $GH uses-inputs "$f" "$ROOT/action.yml"
	rc_is 0
	end
done

# ---- the composite action, step by step ----------------------------------------
# The workspace: the seed fixture (blocked domains) on a release branch and on main.
# The action: the source snapshot, as the runner downloads it (build/ starts empty).
copy_fixture seed-v1 "$T/gh/ws"
git -C "$T/gh/ws" branch -q release/1.0
gh_run() { # NAME REF INPUTS_JSON [CACHE_HIT]
	rm -rf "$T/gh/$1" && mkdir -p "$T/gh/$1/tmp"
	(cd "$T/gh/ws" && git checkout -q "${2#refs/heads/}") &&
		env PATH="$T/bin:$PATH" GITHUB_WORKSPACE="$T/gh/ws" GITHUB_REF="$2" GITHUB_REF_NAME="${2#refs/heads/}" \
			GITHUB_SHA="$(git -C "$T/gh/ws" rev-parse HEAD)" GITHUB_EVENT_NAME=push RUNNER_TEMP="$T/gh/$1/tmp" \
			RUNNER_OS=Linux RUNNER_ARCH=X64 ImageOS=ubuntu24 PGH_INPUTS="$3" PGH_CACHE_HIT="${4:-false}" \
			$GH run-action "$T/src" "$T/gh/$1" >"$T/out" 2>"$T/err"
	rc=$?
	cp "$T/gh/$1/result.json" "$T/out" 2>/dev/null
}
step_is() { # STEP-ID-OR-NAME FIELD EXPECTED
	json_is "[s.get('$2') for s in d['steps'] if s['id'] == '$1' or s['name'] == '$1'][0]" "$3"
}

t0=$(now)
begin "github action: release branch, built from source: the gate fails the step, outputs and reports are written"
gh_run rel refs/heads/release/1.0 '{"sarif": "proofgate.sarif", "junit": "proofgate-junit.xml"}'
rc_is 1
step_is "Build proofgate" conclusion success
step_is deb conclusion skipped
step_is scan exit 1
json_is "d['outputs']['verdict'], d['outputs']['gate'], d['outputs']['sarif']" "stop failed proofgate.sarif"
json_is "d['outputs']['status-backup'] in ('blocked', 'readiness-only', 'ready')" True
json_is "[c['key'].startswith('proofgate-ubuntu24-') for c in d['caches'] if c['step'] == 'cache']" "[True]"
json_is "[c['key'].endswith('refs/heads/release/1.0-' + c['key'].split('-')[-1]) for c in d['caches'] if c['step'] != 'cache']" "[True]"
grep -q '^::error ' "$T/gh/rel/scan.out" || bad "no ::error annotation in the scan's log"
grep -q '^::group::' "$T/gh/rel/scan.out" || bad "no ::group:: in the scan's log"
grep -qi 'backup' "$T/gh/rel/summary.md" || bad "the job summary is empty"
python3 "$ROOT/tests/ci_check.py" sarif "$T/gh/ws/proofgate.sarif" "$ROOT/tests/schemas" >/dev/null 2>&1 ||
	bad "the SARIF report is missing or invalid"
python3 "$ROOT/tests/ci_check.py" junit "$T/gh/ws/proofgate-junit.xml" >/dev/null 2>&1 || bad "the JUnit report is missing or invalid"
end
gh_build_secs=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.1f' % sum(s.get('seconds', 0) for s in d['steps'] if s['name'].startswith(('Install libgit2', 'Build'))))" "$T/gh/rel/result.json" 2>/dev/null)
echo "# time: action built from source: $gh_build_secs s in the install and build steps ($(secs "$t0") s in all)"

begin "github action: main, build restored from the cache, no scan cache: the step passes"
gh_run main refs/heads/main '{"cache": "false"}' true
rc_is 0
step_is "Build proofgate" conclusion skipped
step_is scankey conclusion skipped
step_is scan exit 0
json_is "d['outputs']['verdict'], d['outputs']['gate']" "stop passed"
end

if [ -n "$DEB" ]; then
	had_pkg=0
	dpkg-query -W -f='${db:Status-Status}' proofgate 2>/dev/null | grep -qx installed && had_pkg=1
	t0=$(now)
	begin "github action: input deb installs the .deb instead of building; release branch fails"
	gh_run deb refs/heads/release/1.0 "{\"deb\": \"file://$DEB\", \"cache\": \"false\"}"
	rc_is 1
	step_is deb conclusion success
	step_is "Build proofgate" conclusion skipped
	step_is "Install libgit2, PCRE2, libyaml, jansson and libdeflate" conclusion skipped
	step_is scan exit 1
	json_is "d['steps'][0]['outputs']['bin']" /usr/bin/proofgate
	json_is "d['outputs']['gate']" failed
	end
	gh_deb_secs=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.1f' % d['steps'][0].get('seconds', 0))" "$T/gh/deb/result.json" 2>/dev/null)
	echo "# time: action installing the .deb: $gh_deb_secs s in the deb step ($(secs "$t0") s in all)"
	[ "$had_pkg" = 0 ] && dpkg --purge proofgate >/dev/null 2>&1
fi
