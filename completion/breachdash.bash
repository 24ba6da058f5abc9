# bash completion for breachdash(1): commands, options per command, the
# values of --format, --sort and --theme, files for import and validate,
# and incident ids for show, edit, compare and link (from `breachdash list`).
#
# Installed to $(PREFIX)/share/bash-completion/completions/breachdash; or
# source it from ~/.bashrc.

_breachdash_ids()
{
	# the store named on the line, else BREACHDASH_DB or the default; a
	# --db file that does not exist yet is not made by completing
	local -a db=()
	if [[ -n $1 ]]; then
		[[ -f $1 ]] || return 0
		db=(--db "$1")
	fi
	"$2" "${db[@]}" list --format tsv 2>/dev/null | cut -f1 | tail -n +2
}

_breachdash()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: bash splits at '=', readline completes after it
	if [[ $cur == "=" ]]; then
		cur=
	elif [[ $prev == "=" && COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	local prog=${COMP_WORDS[0]}
	[[ $prog == */* ]] || prog=$(type -P "$prog" 2>/dev/null)
	[[ -n $prog ]] || prog=breachdash

	# the command (first word that is not a global option), and --db's value
	local cmd= db= i w
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--db | --theme)
			[[ $w == --db ]] && db=${COMP_WORDS[i + 1]}
			((i++))
			[[ ${COMP_WORDS[i]} == "=" ]] && { [[ $w == --db ]] && db=${COMP_WORDS[i + 1]}; ((i++)); }
			;;
		-*) ;;
		*)
			cmd=$w
			break
			;;
		esac
	done

	local sort_keys="date force kind affected fields ico nca threat id origin"
	case $prev in
	--db)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		return 0
		;;
	--theme)
		COMPREPLY=($(compgen -W "default colorblind mono" -- "$cur"))
		return 0
		;;
	--sort)
		COMPREPLY=($(compgen -W "$sort_keys" -- "$cur"))
		return 0
		;;
	--filter)
		return 0
		;;
	--format)
		local formats=
		case $cmd in
		list) formats="table tsv json" ;;
		show) formats="text md json" ;;
		compare) formats="text md" ;;
		import) formats="auto native veris" ;;
		export) formats="json csv md" ;;
		report) formats="md txt" ;;
		stats) formats="text md csv json" ;;
		esac
		COMPREPLY=($(compgen -W "$formats" -- "$cur"))
		return 0
		;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--db --no-color --ascii --mouse --no-mouse --theme --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "list show compare import export validate report stats new edit link" -- "$cur"))
		fi
		return 0
	fi

	local opts="--help"
	case $cmd in
	list) opts="--sort --reverse --filter --format --duplicates --help" ;;
	show | compare) opts="--format --help" ;;
	import) opts="--format --strict --help" ;;
	export | report) opts="--format --filter --sort --reverse --help" ;;
	stats) opts="--by --filter --format --help" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return 0
	fi
	case $cmd in
	show | edit | compare)
		COMPREPLY=($(compgen -W "$(_breachdash_ids "$db" "$prog")" -- "$cur"))
		;;
	link) # ID same|distinct|none OTHER
		if ((COMP_CWORD - i == 2)); then
			COMPREPLY=($(compgen -W "same distinct none" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_breachdash_ids "$db" "$prog")" -- "$cur"))
		fi
		;;
	import | validate)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		;;
	esac
	return 0
}

complete -F _breachdash breachdash
