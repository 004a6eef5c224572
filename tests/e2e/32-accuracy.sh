# 32-accuracy.sh - the built-in pack on the realistic repositories of
# tests/accuracy/ (make accuracy): every rule's outcome is the expected one.

begin "accuracy: every built-in rule gives the expected outcome on tests/accuracy/fixtures (make accuracy)"
run python3 "$ROOT/tests/accuracy/run.py" --pg "$PG" --out "$T/accuracy" --quiet
rc_is 0
out_has '^accuracy: [0-9]+ repositories, [0-9]+ outcomes: precision\(pass\) 1\.00, recall\(pass\) 1\.00, agreement 1\.00'
out_lacks '^(DIFF|PROBLEM) '
end

begin "accuracy: a difference from the expected outcome is reported and fails the run"
# a copy of the harness with one repository whose CI rule is (wrongly) expected to fail
mkdir -p "$T/acc-root/tests/accuracy/fixtures" "$T/acc-root/tests/accuracy/expected" "$T/acc-root/fixtures"
cp "$ROOT/tests/accuracy/run.py" "$T/acc-root/tests/accuracy/"
cp "$ROOT/fixtures/build.sh" "$T/acc-root/fixtures/"
cp -a "$ROOT/tests/accuracy/fixtures/go-compose" "$T/acc-root/tests/accuracy/fixtures/"
sed 's/^deploy[.]ci-pipeline	pass/deploy.ci-pipeline	fail/' "$ROOT/tests/accuracy/expected/go-compose.tsv" \
	>"$T/acc-root/tests/accuracy/expected/go-compose.tsv"
run python3 "$T/acc-root/tests/accuracy/run.py" --pg "$PG" --out "$T/acc-out" --quiet
rc_is 1
out_has '^accuracy: 1 repositories, 34 outcomes: precision\(pass\) 0\.86, recall\(pass\) 1\.00, agreement 0\.97'
out_has '^DIFF go-compose: deploy\.ci-pipeline is pass, expected fail \(test\.yml runs go test\): \.github/workflows/test\.yml:9$'
end
