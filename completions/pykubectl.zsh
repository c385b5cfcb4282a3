#compdef pykubectl
# zsh completion for pykubectl: source <(pykubectl completion zsh)
_pykubectl() {
    local -a candidates
    candidates=("${(@f)$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    candidates=(${candidates:#})
    if (( ${#candidates} )); then
        compadd -Q -- "${candidates[@]}"
    else
        _files
    fi
}

if [[ "$(basename -- ${(%):-%x})" != "_pykubectl" ]]; then
    compdef _pykubectl pykubectl
fi
