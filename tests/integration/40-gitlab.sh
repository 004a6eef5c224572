# 40-gitlab.sh - gitlab-ci-local (the npm client) runs, with its shell executor (--force-
# shell-executor: no container engine here; --shell-isolation: each job in a copy of the
# project, as a runner's checkout), the pipeline docs/gitlab.md shows and the CI/CD
# component templates/proofgate.yml, on the seed fixture (required proofs missing) per
# branch. What differs from gitlab.com: `apt-get update` is skipped (run.sh's stand-in),
# and git fetches from local copies (url.insteadOf in the jobs' git configuration) instead
# of github.com and the GitLab server. Sourced by run.sh.
GLCI="$IT/node_modules/.bin/gitlab-ci-local"
GL_HOST=gitlab.proofgate.invalid
mkdir -p "$T/gl"

# the jobs' git configuration: the global one, plus the project's origin on this machine
cp "$HOME/.gitconfig" "$T/gl/job.gitconfig"
git config --file "$T/gl/job.gitconfig" url."file://$T/gl/app.git".insteadOf "https://$GL_HOST/shop/app.git"

gl_project() { # DIR CI_YAML_FILE
	copy_fixture seed-v1 "$1"
	git -C "$1" branch -q release/1.0
	git -C "$1" branch -q feature/x
	rm -rf "$T/gl/app.git" && git clone -q --bare "$1" "$T/gl/app.git"
	git -C "$1" remote add origin "https://$GL_HOST/shop/app.git"
	cp "$2" "$1/.gitlab-ci.yml"
}

gl_run() { # DIR BRANCH NAME [gitlab-ci-local option]...
	d=$1 br=$2 name=$3
	shift 3
	git -C "$d" checkout -q "$br"
	rm -rf "$d/.gitlab-ci-local"
	(cd "$d" && "$GLCI" --force-shell-executor --shell-isolation --no-color \
		--variable "GIT_CONFIG_GLOBAL=$T/gl/job.gitconfig" --variable "PATH=$T/bin:$PATH" \
		--variable "PROOFGATE_DIR=$T/gl/pg-$name" "$@" proofgate) >"$T/out" 2>&1
	rc=$?
	cp "$T/out" "$T/gl/$name.log"
	B="$d/.gitlab-ci-local/builds/proofgate"
}

# the artefacts a run left in its build folder, as GitLab would collect them
gl_artefacts() { # GATE BRANCH
	python3 "$ROOT/tests/ci_check.py" codequality "$B/gl-code-quality-report.json" "$ROOT/tests/schemas" \
		>"$T/gl/cq" 2>&1 || bad "Code Quality: $(cat "$T/gl/cq")"
	python3 "$ROOT/tests/ci_check.py" junit "$B/proofgate-junit.xml" >"$T/gl/junit" 2>&1 || bad "JUnit: $(cat "$T/gl/junit")"
	grep -q '|failure|' "$T/gl/junit" || bad "JUnit lists no failing rule"
	[ -s "$B/proofgate-summary.md" ] || bad "no proofgate-summary.md"
	got=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); g=d['gate']; print(g['branch'], 'passed' if g.get('passed') else 'failed')" \
		"$B/proofgate.json" 2>&1)
	[ "$got" = "$2 $1" ] || bad "proofgate.json: gate '$got', expected '$2 $1'"
}

# ---- the pipeline of docs/gitlab.md, taken from the page ------------------------------
node --import "$IT/json-import.mjs" "$IT/gh.mjs" blocks "$ROOT/docs/gitlab.md" | python3 -c '
import json, sys
for l in sys.stdin:
    t = json.loads(l)["text"]
    if t.startswith("# .gitlab-ci.yml") and "\nproofgate:" in t:
        open(sys.argv[1], "w").write(t)
        break
' "$T/gl/doc.yml"
begin "gitlab docs: docs/gitlab.md shows a complete .gitlab-ci.yml"
[ -s "$T/gl/doc.yml" ] || bad "no block starting '# .gitlab-ci.yml' with a proofgate job"
end

if [ -s "$T/gl/doc.yml" ]; then
	gl_project "$T/gl/doc" "$T/gl/doc.yml"
	t0=$(now)
	begin "gitlab docs: push to release/1.0 with required proofs missing: the job fails, reports kept"
	gl_run "$T/gl/doc" release/1.0 doc-release
	rc_is 1
	out_has "proofgate finished in .* FAIL 1"
	gl_artefacts failed release/1.0
	end
	echo "# time: documented job built from source: $(secs "$t0") s"

	begin "gitlab docs: push to main: the job reports and passes"
	gl_run "$T/gl/doc" main doc-main
	rc_is 0
	out_has "PASS +proofgate"
	[ -s "$B/gl-code-quality-report.json" ] || bad "no Code Quality report"
	end

	begin "gitlab docs: push to feature/x: no proofgate job (rules)"
	git -C "$T/gl/doc" checkout -q feature/x
	(cd "$T/gl/doc" && "$GLCI" --list-json) >"$T/out" 2>"$T/err"
	rc=$?
	rc_is 0
	json_is "[j['name'] for j in d if j['name'] == 'proofgate' and j.get('when') != 'never']" "[]"
	end

	begin "gitlab docs: merge request from feature/x into release/1.0: the target's gate fails the job"
	gl_run "$T/gl/doc" feature/x doc-mr --variable CI_PIPELINE_SOURCE=merge_request_event \
		--variable CI_MERGE_REQUEST_TARGET_BRANCH_NAME=release/1.0 --variable CI_MERGE_REQUEST_IID=7
	rc_is 1
	gl_artefacts failed release/1.0
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d['gate']['branch_source'] != 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME')" \
		"$B/proofgate.json" || bad "the gate's branch does not come from CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
	end
fi

# ---- the CI/CD component, included as a project would include it ----------------------
# gitlab-ci-local fetches a component from the GitLab server of the project's origin with
# git (clone, ls-remote); the server's proofgate/proofgate is the source snapshot (v1).
gl_component() { # DIR INPUTS_YAML
	cat >"$T/gl/comp.yml" <<EOC
stages: [readiness]
include:
  - component: \$CI_SERVER_FQDN/proofgate/proofgate/proofgate@v1
    inputs:
      stage: readiness
$2
EOC
	gl_project "$1" "$T/gl/comp.yml"
}

begin "gitlab component: templates/proofgate.yml declares spec: inputs and one job"
python3 - "$ROOT/templates/proofgate.yml" >"$T/out" 2>&1 <<'PY' || bad "$(cat "$T/out")"
import sys
text = open(sys.argv[1]).read()
head, sep, body = text.partition("\n---\n")
assert sep, "no --- between the spec and the jobs"
assert "spec:\n  inputs:" in head, "no spec: inputs:"
assert "\nproofgate:\n" in "\n" + body, "no proofgate job"
PY
end

gl_component "$T/gl/comp" "      install: source"
t0=$(now)
begin "gitlab component: include on release/1.0, built from the component's commit: the job fails"
gl_run "$T/gl/comp" release/1.0 comp-release
rc_is 1
out_has "proofgate finished in .* FAIL 1"
gl_artefacts failed release/1.0
grep -q "fetch.*$SRC_SHA\|checkout" "$T/gl/comp-release.log" || true
[ -x "$T/gl/pg-comp-release/build/release/proofgate" ] || bad "proofgate was not built from the component's commit"
[ "$(git -C "$T/gl/pg-comp-release" rev-parse HEAD 2>/dev/null)" = "$SRC_SHA" ] || bad "not built from v1's commit"
end
echo "# time: component building from source: $(secs "$t0") s"

if [ -n "$DEB" ]; then
	had_pkg=0
	dpkg-query -W -f='${db:Status-Status}' proofgate 2>/dev/null | grep -qx installed && had_pkg=1
	gl_component "$T/gl/compdeb" "      install: deb
      deb-url: file://$DEB
      cache: false"
	t0=$(now)
	begin "gitlab component: install deb on main: the .deb's proofgate reports and passes"
	gl_run "$T/gl/compdeb" main comp-deb
	rc_is 0
	out_has "PASS +proofgate"
	[ -s "$B/gl-code-quality-report.json" ] || bad "no Code Quality report"
	[ -e "$T/gl/pg-comp-deb/build" ] && bad "it built proofgate"
	end
	echo "# time: component installing the .deb: $(secs "$t0") s"
	[ "$had_pkg" = 0 ] && dpkg --purge proofgate >/dev/null 2>&1
fi
