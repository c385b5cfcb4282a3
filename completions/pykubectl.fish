# fish completion for pykubectl: pykubectl completion fish | source
function __pykubectl_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l current (commandline -ct)
    pykubectl __complete $tokens "$current" 2>/dev/null
end

complete -c pykubectl -f -a '(__pykubectl_complete)'
