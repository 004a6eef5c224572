# 01-completion.sh - shell completions written from the option tables, and installed by make install.

"$PG" completion bash >"$T/pg.bash"
"$PG" completion zsh >"$T/_proofgate"
"$PG" completion fish >"$T/pg.fish"
mkdir -p "$T/compbin" && ln -sf "$PG" "$T/compbin/proofgate"

# what bash completes for the words given (the last one is the word being completed)
bash_complete() {
	PATH="$T/compbin:$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _proofgate
		printf "%s\n" "${COMPREPLY[@]}"' _ "$T/pg.bash" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# the long options a command's --help lists
help_options() { # command words...
	"$PG" "$@" --help | grep -Eo -- '^  (-[a-zA-Z], )?--[a-z][a-z-]*' | grep -Eo -- '--[a-z-]+' | sort -u
}

begin "completion: one script per shell, and an unknown shell refused"
for s in bash zsh fish; do
	run "$PG" completion "$s"
	[ "$rc" = 0 ] && [ -s "$T/out" ] || bad "completion $s: exit $rc or empty"
done
holds bash -n "$T/pg.bash"
run "$PG" completion
rc_is 2; err_has "completion takes one shell"
end

begin "bash: commands, subcommands, options and their values"
bash_complete proofgate sc
rc_is 0; out_has '^scan$'
bash_complete proofgate scan --form
out_has '^--format$'
bash_complete proofgate scan --format ''
out_has '^text$'; out_has '^json$'; out_has '^github$'
bash_complete proofgate scan --lang ''
out_has '^ar$'
bash_complete proofgate rules l
out_has '^list$'
bash_complete proofgate rules list --format ''
out_has '^markdown$'
bash_complete proofgate rules check --
out_has '^--no-builtin$'; out_lacks '^--format$'
bash_complete proofgate explain --format ''
out_has '^json$'; out_lacks '^markdown$'
bash_complete proofgate completion ''
out_has '^zsh$'; out_has '^fish$'
bash_complete proofgate help ''
out_has '^merge$'
end

begin "bash: --opt=value, split at '=' by bash or not; an optional value only after '='"
bash_complete proofgate scan --color = al
out_has '^always$'
bash_complete proofgate scan --color=ne
out_has '^--color=never$'
bash_complete proofgate scan --fail-on=read
out_has '^--fail-on=readiness-only$'
bash_complete proofgate scan -
out_has '^--color=$'; out_has '^-q$'; out_has '^-h$'
end

begin "bash: rule ids for explain, branches and tags for --rev"
bash_complete proofgate explain backup.scr
out_has '^backup\.script$'
(cd "$FX/basic" && bash_complete proofgate scan --rev rel)
out_has '^release/1\.0$'
end

begin "bash: every option of every command's --help is completed (the script comes from the same tables)"
for c in scan explain merge "rules list" "rules check"; do
	help_options $c >"$T/want"
	bash_complete proofgate $c --
	grep -E '^--[a-z]' "$T/out" | sed 's/=$//' | sort -u >"$T/got"
	comm -23 "$T/want" "$T/got" >"$T/missing"
	[ ! -s "$T/missing" ] || bad "$c: bash does not complete $(tr '\n' ' ' <"$T/missing")"
done
end

if command -v zsh >/dev/null 2>&1; then
begin "zsh: the script parses, and each command's specs name every option of its --help"
holds zsh -n "$T/_proofgate"
for c in scan explain merge "rules list" "rules check"; do
	fn=_proofgate_$(echo "$c" | tr ' ' _)
	help_options $c >"$T/want"
	zsh -f -c '_arguments() { print -rl -- "$@" }; _describe() { :; }; compdef() { :; }
		source "$1"; '"$fn" _ "$T/_proofgate" >"$T/out" 2>"$T/err"
	grep -Eo -- '--[a-z][a-z-]*' "$T/out" | sort -u >"$T/got"
	comm -23 "$T/want" "$T/got" >"$T/missing"
	[ ! -s "$T/missing" ] || bad "$c: zsh lacks $(tr '\n' ' ' <"$T/missing")"
done
zsh -f -c '_arguments() { print -rl -- "$@" }; _describe() { :; }; compdef() { :; }
	source "$1"; _proofgate_scan' _ "$T/_proofgate" >"$T/out" 2>"$T/err"
out_has "^--format=\[.*\]:FMT:\(text json github\)$"
out_has "^--color=-\[.*\]::WHEN:\(auto always never\)$"
out_has '^\*--rules=\['
end
else
	echo "ok - # SKIP zsh is not installed (scripts/deps.sh test installs it)"
fi

if command -v fish >/dev/null 2>&1; then
begin "fish: the script parses, and completes commands, options and values"
holds fish -n "$T/pg.fish"
fish_complete() { # command line
	(cd "$FX/basic" && PATH="$T/compbin:$PATH" fish --no-config -c "source '$T/pg.fish'; complete -C '$1'") \
		>"$T/out" 2>"$T/err"
}
fish_complete "proofgate sc"
out_has '^scan'
fish_complete "proofgate scan --form"
out_has '^--format'
fish_complete "proofgate scan --format "
out_has '^github'
fish_complete "proofgate rules l"
out_has '^list'
fish_complete "proofgate scan --rev rel"
out_has '^release/1\.0'
fish_complete "proofgate explain backup.scr"
out_has '^backup\.script'
end
else
	echo "ok - # SKIP fish is not installed (scripts/deps.sh test installs it)"
fi

begin "make install puts the completions where bash, zsh and fish look; uninstall takes them away"
run make -s -C "$ROOT" install DESTDIR="$T/cinst" PREFIX=/usr
rc_is 0
holds test -s "$T/cinst/usr/share/bash-completion/completions/proofgate"
holds test -s "$T/cinst/usr/share/zsh/site-functions/_proofgate"
holds test -s "$T/cinst/usr/share/fish/vendor_completions.d/proofgate.fish"
holds cmp "$T/cinst/usr/share/bash-completion/completions/proofgate" "$T/pg.bash"
run make -s -C "$ROOT" uninstall DESTDIR="$T/cinst" PREFIX=/usr
rc_is 0
holds test ! -e "$T/cinst/usr/share/bash-completion/completions/proofgate"
holds test ! -e "$T/cinst/usr/share/zsh/site-functions/_proofgate"
holds test ! -e "$T/cinst/usr/share/fish/vendor_completions.d/proofgate.fish"
end
