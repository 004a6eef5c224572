# 82-hostile-names.sh - everything from the repository is escaped for its medium.
# fixtures/hostile: file names with ESC sequences, C1 controls, RLO (U+202E),
# newlines, CR, "::", "%", ",", "<script>", "]]>", and a rule pack in the
# repository whose domain and rule words hold the same.  Scanned to every
# output; each is checked as its reader reads it.  Helpers are prefixed t82_.

HX="$FX/hostile"
t82_dir="$T/t82"
rm -rf "$t82_dir" && mkdir -p "$t82_dir"

# no raw ESC, C0 (but newline and tab), DEL, C1 or bidi reordering control in a file; and no
# line that a newline in a name or a title started (a forged workflow command, a name's tail)
t82_plain() { # FILE WHAT
	python3 - "$1" >"$T/why.py" 2>&1 <<'PY' || bad "$2: $(cat "$T/why.py")"
import re, sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8")
for n, line in enumerate(text.split("\n"), 1):
    bad = re.search("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]", line)
    assert not bad, "line %d: raw %r: %r" % (n, bad.group(0), line[:120])
    for forged in ("::error::injected", "::warning::pwned", "line.secret", "ret.secret", "::warning::title"):
        assert not line.lstrip("- |").startswith(forged), "line %d starts with %r: %r" % (n, forged, line[:120])
PY
}

begin "hostile names: the text report and standard error show, never obey"
run "$PG" scan --no-cache "$HX"
t82_plain "$T/out" "text"
t82_plain "$T/err" "stderr"
# the names are there, shown: ESC as \x1b, RLO as \u202e, a newline as \x0a
out_has 'Hostile \\x1b\[31mRED\\x1b\[0m \\u202eevil <script>alert\(1\)</script> \]\]> 100% ::x,y'
out_has 'notes/\\u202eevil\\x1b\[1m\.md'
out_has '0%:,\\x0a::warning::pwned\.secret'
out_has 's/esc\\x1b\[31mred\\x1b\[0m\.secret'
run "$PG" scan --no-cache --lang ar "$HX"
t82_plain "$T/out" "text, Arabic"
end

begin "hostile names: GitHub workflow commands escape %, CR, LF, and : and , in properties"
for builtin in "" --no-builtin; do
	run "$PG" scan --no-cache $builtin --format github "$HX"
	t82_plain "$T/out" "github $builtin"
	python3 "$ROOT/tests/ci_check.py" annotations "$T/out" >"$T/t82-ann.json" || bad "$(cat "$T/t82-ann.json")"
	# a command only where proofgate writes one: annotations, groups
	grep -n '^::' "$T/out" | grep -Ev '^[0-9]+:::(error|warning|notice) |^[0-9]+:::(group|endgroup)::' >"$T/t82-cmd" &&
		bad "a line proofgate did not mean as a command: $(head -n 1 "$T/t82-cmd")"
done
# --no-builtin: the repository's own rule fails, its annotation names the first hostile file
python3 - "$T/t82-ann.json" >"$T/why.py" 2>&1 <<'PY' || bad "$(cat "$T/why.py")"
import json, sys
a = [x for x in json.load(open(sys.argv[1], encoding="utf-8")) if "hostile.no-token" in x.get("title", "")]
assert a, "no annotation for hostile.no-token"
# the runner decodes the property back to the exact name
assert a[0]["file"] == "0%:,\n::warning::pwned.secret", repr(a[0]["file"])
m = a[0]["message"]
assert "\\x1b[2J\\u202e<b>bold</b> ]]> 50%0A::warning::title\r\nZ" in m, repr(m[:200])
PY
holds grep -q '^::error file=0%25%3A%2C%0A%3A%3Awarning%3A%3Apwned\.secret,line=1,title=proofgate required gap%3A hostile\.no-token::' "$T/out"
end

begin "hostile names: Markdown and HTML hold no markup from the repository"
run "$PG" scan --no-cache --markdown "$t82_dir/m.md" --html "$t82_dir/p.html" "$HX"
for f in m.md p.html; do
	t82_plain "$t82_dir/$f" "$f"
done
# Markdown: every < of the repository's words backslash-escaped (CommonMark shows it as text)
python3 - "$t82_dir/m.md" >"$T/why.py" 2>&1 <<'PY' || bad "m.md: $(cat "$T/why.py")"
import re, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8").read().split("\n"), 1):
    m = re.search(r"(?<!\\)<(script|img|b>|i>|/script)", line)
    assert not m, "line %d: raw %r: %r" % (n, m.group(0), line[:160])
PY
holds grep -qF '\<img src=x onerror=alert(1)\>' "$t82_dir/m.md"
# HTML: entities, never a tag
for tag in '<script>alert' '<img src=x' '<b>bold' '<i>x'; do
	! grep -qF "$tag" "$t82_dir/p.html" || bad "p.html holds raw $tag"
done
holds grep -qF '&lt;img src=x onerror=alert(1)&gt;' "$t82_dir/p.html"
end

begin "hostile names: SARIF, Code Quality, JUnit XML and JSON are valid and keep the names"
run "$PG" scan --no-cache --sarif "$t82_dir/s.json" --codequality "$t82_dir/cq.json" --junit "$t82_dir/j.xml" \
	--json "$t82_dir/r.json" "$HX"
schemas="$ROOT/tests/schemas"
[ -d "$ROOT/../shared/schemas" ] && schemas="$ROOT/../shared/schemas"
python3 "$ROOT/tests/ci_check.py" sarif "$t82_dir/s.json" "$schemas" >"$T/t82.sum" || bad "sarif: $(cat "$T/t82.sum")"
python3 "$ROOT/tests/ci_check.py" codequality "$t82_dir/cq.json" "$schemas" >"$T/t82.sum" || bad "cq: $(cat "$T/t82.sum")"
python3 "$ROOT/tests/ci_check.py" junit "$t82_dir/j.xml" >"$T/t82.sum" || bad "junit: $(cat "$T/t82.sum")"
for f in s.json cq.json j.xml; do t82_plain "$t82_dir/$f" "$f"; done
python3 - "$t82_dir/j.xml" "$t82_dir/r.json" >"$T/why.py" 2>&1 <<'PY' || bad "$(cat "$T/why.py")"
import json, sys, xml.etree.ElementTree as ET
# XML: well-formed (no raw control character, "]]>" never ends a CDATA section early) and the text survives
text = "".join(ET.parse(sys.argv[1]).getroot().itertext())
assert "s/cdata]]>end.secret" in text, "the ]]> name is not in the JUnit text"
assert "<script>alert(1)</script>" in text
# JSON: valid, the names shown as every report shows them (controls as \\xNN)
d = json.load(open(sys.argv[2], encoding="utf-8"))
paths = {e["path"] for r in d["rules"] if r["id"] == "hostile.no-token" for e in r["evidence"]}
for want in ("s/esc\\x1b[31mred\\x1b[0m.secret", "s/cr\\x0dret.secret", "s/c1\\xc2\\x9bx\\xc2\\x85y.secret",
             "a<script>alert(1)</script>b.secret", "s/cdata]]>end.secret", "0%:,\\x0a::warning::pwned.secret"):
    assert want in paths, "JSON lacks %r (has %d paths)" % (want, len(paths))
PY
end
