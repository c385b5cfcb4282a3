# bash completion for pykubectl: source <(pykubectl completion bash)
_pykubectl_completion() {
    local IFS=$'\n'
    local cur="${COMP_WORDS[COMP_CWORD]}"
    COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "$cur"))
    return 0
}

complete -o default -F _pykubectl_completion pykubectl
