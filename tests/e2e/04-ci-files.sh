# 04-ci-files.sh - GITHUB_STEP_SUMMARY and GITHUB_OUTPUT: a warning when they cannot be written, appends on a line of their own.

begin "a GITHUB_STEP_SUMMARY in a missing folder is a warning: the report still goes out, the exit status is the gate's"
GITHUB_STEP_SUMMARY="$T/no/such/folder/summary" run "$PG" scan --no-cache "$FX/basic"
rc_is 0; out_has '^verdict: stop'; err_has "warning: cannot append the job summary to GITHUB_STEP_SUMMARY"
GITHUB_STEP_SUMMARY="$T/no/such/folder/summary" run "$PG" scan --no-cache --branch release/1 "$FX/basic"
rc_is 1; out_has '^verdict: stop'
end

begin "an unwritable GITHUB_OUTPUT (a folder) is a warning too"
mkdir -p "$T/ci-out-dir"
GITHUB_OUTPUT="$T/ci-out-dir" run "$PG" scan --no-cache --format json "$FX/basic"
rc_is 0; json_is "d['verdict']" stop; err_has "warning: cannot append step outputs to GITHUB_OUTPUT"
end

begin "appends start on a new line when the file does not end in one"
printf 'x=1' >"$T/ci-output"
printf '# earlier step' >"$T/ci-summary"
GITHUB_OUTPUT="$T/ci-output" GITHUB_STEP_SUMMARY="$T/ci-summary" run "$PG" scan --no-cache -q "$FX/basic"
rc_is 0
holds grep -qx 'x=1' "$T/ci-output"
holds grep -qx 'verdict=stop' "$T/ci-output"
holds grep -qx '# earlier step' "$T/ci-summary"
holds grep -q '^## proofgate' "$T/ci-summary"
# a file that ends in a line break gets no empty line
printf 'y=2\n' >"$T/ci-output2"
GITHUB_OUTPUT="$T/ci-output2" run "$PG" scan --no-cache -q "$FX/basic"
holds test "$(sed -n 2p "$T/ci-output2")" = verdict=stop
end

begin "merge: an unwritable GITHUB_STEP_SUMMARY is a warning, the merge goes on"
run "$PG" scan --no-cache --json "$T/m1.json" "$FX/basic"
GITHUB_STEP_SUMMARY="$T/no/such/folder/summary" run "$PG" merge "$T/m1.json"
rc_is 0; err_has "warning"; out_has 'm1'
end
