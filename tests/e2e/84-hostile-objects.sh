# 84-hostile-objects.sh - a hostile loose object (its header says 4 bytes, its body holds 41)
# is refused as corrupt by proofgate's own bounded reader on every thread: the walking
# thread and each worker (libgit2 1.5.1's reader writes past its buffer on it).

HO="$T/hostile-objects"
rm -rf "$HO"
git init -q -b main "$HO"
mkdir -p "$HO/k"
i=1
while [ $i -le 60 ]; do
	echo "line $i" >"$HO/k/f$i.txt"
	i=$((i + 1))
done
git -C "$HO" add -A
GIT_AUTHOR_DATE=2026-06-01T12:00:00Z GIT_COMMITTER_DATE=2026-06-01T12:00:00Z \
	git -C "$HO" -c user.name=T -c user.email=t@t.invalid commit -qm "sixty files"
for b in $(git -C "$HO" ls-tree -r HEAD --format='%(objectname)'); do
	f="$HO/.git/objects/$(printf %s "$b" | cut -c1-2)/$(printf %s "$b" | cut -c3-)"
	chmod u+w "$f"
	python3 -c "import zlib,sys; open(sys.argv[1],'wb').write(zlib.compress(b'blob 4\0'+b'x'*41))" "$f"
done

for jobs in 1 2 4; do
	begin "hostile loose objects, --jobs $jobs: every one is a corrupt object, the forbidding rule is an error, no crash"
	run "$PG" scan --no-cache --jobs $jobs --fail-on blocked --format json "$HO"
	# blocked whatever the unreadable files hold: the gate is decided, and failed
	rc_is 1
	json_is "[r['outcome'] for r in d['rules'] if r['id'] == 'deploy.secrets-not-committed']" "['error']"
	json_is "'the body is longer than the 4 bytes its header says' in [r for r in d['rules'] if r['id'] == 'deploy.secrets-not-committed'][0]['message']" True
	end
done
