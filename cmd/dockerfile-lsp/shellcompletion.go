package main

import (
	"fmt"
	"io"
)

const completionUsage = `usage: dockerfile-lsp completion bash|zsh|fish

Prints a script that completes the stage after --target in docker build,
docker buildx build and docker image build, from the
Dockerfile given with -f/--file (else the build context's Dockerfile, else
./Dockerfile), by running "dockerfile-lsp targets". Everything else is left to
docker's own completion. Load it with:

  bash:  source <(dockerfile-lsp completion bash)         (~/.bashrc)
  zsh:   source <(dockerfile-lsp completion zsh)          (~/.zshrc, after compinit)
  fish:  dockerfile-lsp completion fish | source          (~/.config/fish/config.fish)

The scripts run $DOCKERFILE_LSP when it is set, else dockerfile-lsp from PATH.
`

// runCompletion implements `dockerfile-lsp completion bash|zsh|fish`.
func runCompletion(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		fmt.Fprint(stdout, completionUsage)
		return 0
	}
	if len(args) != 1 {
		fmt.Fprint(stderr, completionUsage)
		return 2
	}
	script, ok := completionScripts[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "completion: unknown shell %q\n\n%s", args[0], completionUsage)
		return 2
	}
	fmt.Fprint(stdout, script)
	return 0
}

var completionScripts = map[string]string{"bash": bashCompletion, "zsh": zshCompletion, "fish": fishCompletion}

// bashCompletion wraps docker's completion: the function answers after
// --target of a build and hands every other word to the completion that was
// registered for docker before it (loading it first when bash-completion
// loads completions on demand).
const bashCompletion = `# bash completion of docker build --target STAGE, by dockerfile-lsp.
# Load with: source <(dockerfile-lsp completion bash)

# _dockerfile_lsp_docker_build_start prints the index of the first word after
# "build" when the command line is a build, and fails otherwise.
_dockerfile_lsp_docker_build_start() {
    local i=1 w
    while (( i < COMP_CWORD )); do
        w=${COMP_WORDS[i]}
        case $w in
            -c|--context|--config|-H|--host|-l|--log-level|--tlscacert|--tlscert|--tlskey) (( i += 2 )); continue ;;
            -*) (( i++ )); continue ;;
        esac
        break
    done
    case ${COMP_WORDS[i]} in
        build) echo $(( i + 1 )); return 0 ;;
        image|builder)
            [[ ${COMP_WORDS[i+1]} == build ]] && { echo $(( i + 2 )); return 0; } ;;
        buildx)
            (( i++ ))
            while (( i < COMP_CWORD )); do
                case ${COMP_WORDS[i]} in
                    build|b) echo $(( i + 1 )); return 0 ;;
                    --builder) (( i += 2 )) ;;
                    -*) (( i++ )) ;;
                    *) return 1 ;;
                esac
            done ;;
    esac
    return 1
}

# _dockerfile_lsp_dequote strips one level of quotes from a word as typed.
_dockerfile_lsp_dequote() {
    local w=$1
    case $w in
        \"*\"|\'*\') w=${w:1:${#w}-2} ;;
    esac
    printf '%s' "${w/#\~/$HOME}"
}

# _dockerfile_lsp_dockerfile prints the Dockerfile the build on the command
# line uses: -f/--file, else the context's Dockerfile, else ./Dockerfile.
_dockerfile_lsp_dockerfile() {
    local start=$1 i w file= context=
    for (( i = start; i < ${#COMP_WORDS[@]}; i++ )); do
        (( i == COMP_CWORD )) && continue
        w=${COMP_WORDS[i]}
        case $w in
            -f|--file)
                (( i++ ))
                [[ ${COMP_WORDS[i]} == = ]] && (( i++ ))
                file=${COMP_WORDS[i]} ;;
            --file=*|-f=*) file=${w#*=} ;;
            -f?*) file=${w#-f} ;;
            -t|--tag|--build-arg|--label|--platform|--network|--secret|--ssh|--cache-from|--cache-to|-o|--output|--progress|--iidfile|--add-host|--build-context|--builder|--metadata-file|--shm-size|--ulimit|-m|--memory|--target|--call|--attest|--annotation|--allow)
                (( i++ ))
                [[ ${COMP_WORDS[i]} == = ]] && (( i++ )) ;;
            -*|=) ;;
            *) [[ -z $context ]] && context=$w ;;
        esac
    done
    if [[ -n $file ]]; then
        _dockerfile_lsp_dequote "$file"
    elif [[ -n $context && -d $(_dockerfile_lsp_dequote "$context") ]]; then
        printf '%s/Dockerfile' "$(_dockerfile_lsp_dequote "$context")"
    else
        printf 'Dockerfile'
    fi
}

_dockerfile_lsp_docker() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev= prev2= start prefix=
    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
    (( COMP_CWORD > 1 )) && prev2=${COMP_WORDS[COMP_CWORD-2]}
    if start=$(_dockerfile_lsp_docker_build_start); then
        local at_target=
        if [[ $prev == --target ]]; then
            at_target=1
            [[ $cur == = ]] && cur=
        elif [[ $prev == = && $prev2 == --target ]]; then
            at_target=1
        elif [[ $cur == --target=* ]]; then
            at_target=1 prefix=--target= cur=${cur#--target=}
        fi
        if [[ -n $at_target ]]; then
            compopt +o default 2>/dev/null
            local file stages
            file=$(_dockerfile_lsp_dockerfile "$start")
            stages=$("${DOCKERFILE_LSP:-dockerfile-lsp}" targets -- "$file" 2>/dev/null)
            COMPREPLY=()
            local s
            while IFS= read -r s; do
                [[ -n $s && $s == "$cur"* ]] && COMPREPLY+=("$prefix$s")
            done <<< "$stages"
            return 0
        fi
    fi
    _dockerfile_lsp_fallback_load
    if [[ -n $_dockerfile_lsp_fallback ]] && declare -F "$_dockerfile_lsp_fallback" >/dev/null; then
        "$_dockerfile_lsp_fallback" "$@"
    fi
}

# The completion docker had before this script, if any.
_dockerfile_lsp_fallback=
_dockerfile_lsp_fallback_tried=

_dockerfile_lsp_capture() {
    local spec f
    spec=$(complete -p docker 2>/dev/null) || return
    [[ $spec == *" -F "* ]] || return
    f=${spec##* -F }
    f=${f%% *}
    [[ $f != _dockerfile_lsp_docker ]] && _dockerfile_lsp_fallback=$f
}

# bash-completion loads docker's completion on first use: load it now, keep
# its function, and take the command back.
_dockerfile_lsp_fallback_load() {
    [[ -n $_dockerfile_lsp_fallback || -n $_dockerfile_lsp_fallback_tried ]] && return
    _dockerfile_lsp_fallback_tried=1
    if declare -F __load_completion >/dev/null; then
        __load_completion docker >/dev/null 2>&1
    elif declare -F _completion_loader >/dev/null; then
        _completion_loader docker >/dev/null 2>&1
    fi
    _dockerfile_lsp_capture
    complete -o default -F _dockerfile_lsp_docker docker
}

_dockerfile_lsp_capture
complete -o default -F _dockerfile_lsp_docker docker
`

// zshCompletion wraps the completion zsh has for docker in the same way.
const zshCompletion = `# zsh completion of docker build --target STAGE, by dockerfile-lsp.
# Load with: source <(dockerfile-lsp completion zsh)   (after compinit)

_dockerfile_lsp_docker_build_start() {
    local i=2
    while (( i < CURRENT )); do
        case ${words[i]} in
            -c|--context|--config|-H|--host|-l|--log-level|--tlscacert|--tlscert|--tlskey) (( i += 2 )); continue ;;
            -*) (( i++ )); continue ;;
        esac
        break
    done
    case ${words[i]} in
        build) REPLY=$(( i + 1 )); return 0 ;;
        image|builder) [[ ${words[i+1]} == build ]] && { REPLY=$(( i + 2 )); return 0; } ;;
        buildx)
            (( i++ ))
            while (( i < CURRENT )); do
                case ${words[i]} in
                    build|b) REPLY=$(( i + 1 )); return 0 ;;
                    --builder) (( i += 2 )) ;;
                    -*) (( i++ )) ;;
                    *) return 1 ;;
                esac
            done ;;
    esac
    return 1
}

_dockerfile_lsp_dockerfile() {
    local i w file= context=
    for (( i = $1; i <= ${#words}; i++ )); do
        (( i == CURRENT )) && continue
        w=${words[i]}
        case $w in
            -f|--file) (( i++ )); file=${words[i]} ;;
            --file=*|-f=*) file=${w#*=} ;;
            -f?*) file=${w#-f} ;;
            -t|--tag|--build-arg|--label|--platform|--network|--secret|--ssh|--cache-from|--cache-to|-o|--output|--progress|--iidfile|--add-host|--build-context|--builder|--metadata-file|--shm-size|--ulimit|-m|--memory|--target|--call|--attest|--annotation|--allow) (( i++ )) ;;
            -*) ;;
            *) [[ -z $context ]] && context=$w ;;
        esac
    done
    file=${(Q)file}
    file=${file/#\~/$HOME}
    context=${(Q)context}
    context=${context/#\~/$HOME}
    if [[ -n $file ]]; then
        REPLY=$file
    elif [[ -n $context && -d $context ]]; then
        REPLY=$context/Dockerfile
    else
        REPLY=Dockerfile
    fi
}

_dockerfile_lsp_docker() {
    local REPLY start
    if _dockerfile_lsp_docker_build_start; then
        start=$REPLY
        if [[ ${words[CURRENT-1]} == --target || ${words[CURRENT]} == --target=* ]]; then
            _dockerfile_lsp_dockerfile $start
            local -a stages
            stages=(${(f)"$(${DOCKERFILE_LSP:-dockerfile-lsp} targets -- $REPLY 2>/dev/null)"})
            compset -P '--target='
            compadd -Q -- $stages
            return
        fi
    fi
    if [[ -n $_dockerfile_lsp_fallback ]]; then
        $_dockerfile_lsp_fallback "$@"
    else
        _default "$@"
    fi
}

if (( $+functions[compdef] )); then
    _dockerfile_lsp_fallback=${_comps[docker]}
    [[ $_dockerfile_lsp_fallback == _dockerfile_lsp_docker ]] && _dockerfile_lsp_fallback=
    compdef _dockerfile_lsp_docker docker
else
    print -u2 "dockerfile-lsp: load the completion after compinit"
fi
`

// fishCompletion adds to fish's completion for docker: fish merges
// completions, so only the --target value is added.
const fishCompletion = `# fish completion of docker build --target STAGE, by dockerfile-lsp.
# Load with: dockerfile-lsp completion fish | source

function __dockerfile_lsp_docker_build_start
    set -l tokens (commandline -opc)
    set -l n (count $tokens)
    set -l i 2
    while test $i -le $n
        switch $tokens[$i]
            case -c --context --config -H --host -l --log-level --tlscacert --tlscert --tlskey
                set i (math $i + 2)
                continue
            case '-*'
                set i (math $i + 1)
                continue
        end
        break
    end
    test $i -le $n; or return 1
    switch $tokens[$i]
        case build
            echo (math $i + 1)
            return 0
        case image builder
            set -l j (math $i + 1)
            if test $j -le $n; and test $tokens[$j] = build
                echo (math $i + 2)
                return 0
            end
        case buildx
            set i (math $i + 1)
            while test $i -le $n
                switch $tokens[$i]
                    case build b
                        echo (math $i + 1)
                        return 0
                    case --builder
                        set i (math $i + 2)
                    case '-*'
                        set i (math $i + 1)
                    case '*'
                        return 1
                end
            end
    end
    return 1
end

function __dockerfile_lsp_docker_stages
    set -l tokens (commandline -opc)
    set -l start (__dockerfile_lsp_docker_build_start); or return
    set -l n (count $tokens)
    set -l file
    set -l context
    set -l i $start
    while test $i -le $n
        set -l w $tokens[$i]
        switch $w
            case -f --file
                set i (math $i + 1)
                test $i -le $n; and set file $tokens[$i]
            case '--file=*' '-f=*'
                set file (string replace -r '^[^=]*=' '' -- $w)
            case '-f?*'
                set file (string sub -s 3 -- $w)
            case -t --tag --build-arg --label --platform --network --secret --ssh --cache-from --cache-to -o --output --progress --iidfile --add-host --build-context --builder --metadata-file --shm-size --ulimit -m --memory --target --call --attest --annotation --allow
                set i (math $i + 1)
            case '-*'
            case '*'
                test -z "$context"; and set context $w
        end
        set i (math $i + 1)
    end
    if test -z "$file"
        if test -n "$context"; and test -d "$context"
            set file $context/Dockerfile
        else
            set file Dockerfile
        end
    end
    set -l bin dockerfile-lsp
    test -n "$DOCKERFILE_LSP"; and set bin $DOCKERFILE_LSP
    $bin targets -- $file 2>/dev/null
end

complete -c docker -n __dockerfile_lsp_docker_build_start -l target -x -a '(__dockerfile_lsp_docker_stages)' -d 'Dockerfile stage'
`
