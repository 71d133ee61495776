package completion

// This file is the catalogue of Dockerfile syntax that completion proposes and
// that hover (analysis/navigate) can describe: instructions, which flags each
// accepts, RUN --mount types with their keys and values, parser directives,
// platforms, predefined build arguments and well-known images. It is plain
// data with lookups and no LSP types. The flag and mount tables follow
// BuildKit v0.34 (frontend/dockerfile/instructions: parse.go and
// commands_run*.go); the texts are this project's own.

import (
	"slices"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildkit"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
)

// InstructionInfo describes one instruction.
type InstructionInfo struct {
	Name    string   // upper-case keyword
	Summary string   // one or two sentences
	Forms   []string // the accepted forms, one line each
	// Snippet is the whole line in LSP snippet syntax ($1, ${2:placeholder});
	// clients without snippet support get Name and a space instead.
	Snippet    string
	Flags      []string // names (without dashes) of the flags it accepts, in suggestion order
	NoOnBuild  bool     // may not follow ONBUILD
	Deprecated string   // why, when it is deprecated
}

// FlagInfo describes one --flag of one or more instructions.
type FlagInfo struct {
	Name         string   // without the dashes
	Instructions []string // the instructions accepting it
	Placeholder  string   // what the value looks like, e.g. "<user>[:<group>]"; empty for switches
	Switch       bool     // boolean: may be written without a value
	Repeatable   bool
	Summary      string
	Values       []ValueInfo // values worth proposing
}

// ValueInfo is a proposed value with a short explanation.
type ValueInfo struct {
	Value   string
	Summary string
}

// MountType describes one RUN --mount type and the keys it accepts.
type MountType struct {
	Name    string
	Summary string
	Keys    []string // keys accepted besides "type", in suggestion order
}

// MountKey describes one key of a --mount value.
type MountKey struct {
	Name        string
	Placeholder string
	Summary     string
	Switch      bool // may be written without "=value"
	Values      []ValueInfo
	// ValuesFor overrides Values per mount type (cache targets differ from
	// secret targets).
	ValuesFor map[string][]ValueInfo
}

// DirectiveInfo describes a parser directive (# name=value on the first lines).
type DirectiveInfo struct {
	Name    string
	Summary string
	Form    string
	Values  []ValueInfo
}

// Instructions lists every instruction, alphabetically.
var Instructions = []InstructionInfo{
	{Name: "ADD", Summary: "Adds files to the image like COPY, and can also fetch remote URLs and Git repositories; a local tar archive is unpacked into the destination.",
		Forms:   []string{"ADD [flags] <src>... <dest>", `ADD [flags] ["<src>", ..., "<dest>"]`},
		Snippet: "ADD ${1:src} ${2:dest}",
		Flags:   []string{"chown", "chmod", "link", "checksum", "keep-git-dir", "unpack", "exclude"}},
	{Name: "ARG", Summary: "Declares a build argument, optionally with a default, that `--build-arg` can override. Declared before the first FROM it is visible to FROM lines only; a stage must declare it again to use it.",
		Forms:   []string{"ARG <name>[=<default>] ..."},
		Snippet: "ARG ${1:name}=${2:value}"},
	{Name: "CMD", Summary: "Sets the default command of containers started from the image, or the default arguments of the ENTRYPOINT. Only the last CMD of the final stage takes effect.",
		Forms:   []string{`CMD ["executable", "arg", ...]`, `CMD ["arg", ...]  (arguments for ENTRYPOINT)`, "CMD command arg ...  (run by the shell)"},
		Snippet: `CMD ["${1:executable}"]`},
	{Name: "COPY", Summary: "Copies files and directories from the build context, another stage or an image into the image.",
		Forms:   []string{"COPY [flags] <src>... <dest>", `COPY [flags] ["<src>", ..., "<dest>"]`},
		Snippet: "COPY ${1:src} ${2:dest}",
		Flags:   []string{"from", "chown", "chmod", "link", "parents", "exclude"}},
	{Name: "ENTRYPOINT", Summary: "Sets the executable every container of the image runs; CMD and `docker run` arguments are appended to it in the exec form.",
		Forms:   []string{`ENTRYPOINT ["executable", "arg", ...]`, "ENTRYPOINT command arg ...  (run by the shell, ignores CMD)"},
		Snippet: `ENTRYPOINT ["${1:executable}"]`},
	{Name: "ENV", Summary: "Sets environment variables for the rest of the stage, for stages built FROM it, and for containers of the image.",
		Forms:   []string{"ENV <key>=<value> ...", "ENV <key> <value>  (legacy form, one variable)"},
		Snippet: "ENV ${1:key}=${2:value}"},
	{Name: "EXPOSE", Summary: "Records the ports the container listens on; it documents them and does not publish them.",
		Forms:   []string{"EXPOSE <port>[/<tcp|udp>] ..."},
		Snippet: "EXPOSE ${1:8080}"},
	{Name: "FROM", Summary: "Starts a build stage from a base image or an earlier stage; `AS name` names the stage for FROM, COPY --from and --mount from=.",
		Forms:     []string{"FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]"},
		Snippet:   "FROM ${1:image} AS ${2:name}",
		Flags:     []string{"platform"},
		NoOnBuild: true},
	{Name: "HEALTHCHECK", Summary: "Tells the container runtime how to test that the container still works, or (NONE) turns off a check inherited from the base image.",
		Forms:   []string{"HEALTHCHECK [flags] CMD <command>", "HEALTHCHECK NONE"},
		Snippet: "HEALTHCHECK --interval=${1:30s} --timeout=${2:5s} CMD ${3:command}",
		Flags:   []string{"interval", "timeout", "start-period", "start-interval", "retries"}},
	{Name: "LABEL", Summary: "Adds key-value metadata to the image, such as the OCI annotations org.opencontainers.image.*.",
		Forms:   []string{`LABEL <key>="<value>" ...`},
		Snippet: `LABEL ${1:key}="${2:value}"`},
	{Name: "MAINTAINER", Summary: "Sets the author field of the image.",
		Forms:      []string{"MAINTAINER <name>"},
		Snippet:    "MAINTAINER ${1:name}",
		NoOnBuild:  true,
		Deprecated: "Deprecated: use LABEL org.opencontainers.image.authors=... instead."},
	{Name: "ONBUILD", Summary: "Stores an instruction that runs later, when another Dockerfile builds FROM this image.",
		Forms:     []string{"ONBUILD <INSTRUCTION> ..."},
		Snippet:   "ONBUILD ${1:RUN} ${2:command}",
		NoOnBuild: true},
	{Name: "RUN", Summary: "Runs a command in a new layer on top of the current image: with the stage's shell in the shell form, directly in the exec form.",
		Forms:   []string{"RUN [flags] command arg ...", `RUN [flags] ["executable", "arg", ...]`, "RUN [flags] <<EOF ... EOF  (heredoc)"},
		Snippet: "RUN ${1:command}",
		Flags:   []string{"mount", "network", "security", "device"}},
	{Name: "SHELL", Summary: "Replaces the shell that shell-form RUN, CMD and ENTRYPOINT use (by default [\"/bin/sh\", \"-c\"] on Linux).",
		Forms:   []string{`SHELL ["executable", "arg", ...]`},
		Snippet: `SHELL ["${1:/bin/bash}", "${2:-c}"]`},
	{Name: "STOPSIGNAL", Summary: "Sets the signal sent to the container's main process to stop it.",
		Forms:   []string{"STOPSIGNAL <signal>"},
		Snippet: "STOPSIGNAL ${1:SIGTERM}"},
	{Name: "USER", Summary: "Sets the user (and optionally group) for the following RUN, CMD and ENTRYPOINT and for containers of the image.",
		Forms:   []string{"USER <user>[:<group>]", "USER <uid>[:<gid>]"},
		Snippet: "USER ${1:user}"},
	{Name: "VOLUME", Summary: "Marks paths as mount points for external or anonymous volumes; changes made to them by later build steps are discarded.",
		Forms:   []string{`VOLUME ["/path", ...]`, "VOLUME /path ..."},
		Snippet: `VOLUME ["${1:/data}"]`},
	{Name: "WORKDIR", Summary: "Sets the working directory for the following instructions and for containers of the image, creating it when missing.",
		Forms:   []string{"WORKDIR /path"},
		Snippet: "WORKDIR ${1:/app}"},
}

var (
	yesNo = []ValueInfo{{"true", ""}, {"false", ""}}

	// Platforms are the common values of --platform, after the platform
	// build arguments.
	Platforms = []ValueInfo{
		{"$BUILDPLATFORM", "the platform of the machine running the build: cross-compile here"},
		{"$TARGETPLATFORM", "the platform the image is built for"},
		{"linux/amd64", "64-bit x86"},
		{"linux/arm64", "64-bit ARM (AWS Graviton, Apple silicon, Raspberry Pi 4 and later)"},
		{"linux/arm/v7", "32-bit ARMv7"},
		{"linux/arm/v6", "32-bit ARMv6"},
		{"linux/386", "32-bit x86"},
		{"linux/ppc64le", "64-bit POWER, little-endian"},
		{"linux/s390x", "IBM Z"},
		{"linux/riscv64", "64-bit RISC-V"},
		{"windows/amd64", "Windows containers on 64-bit x86"},
	}

	durations = []ValueInfo{{"5s", ""}, {"10s", ""}, {"30s", ""}, {"1m", ""}, {"5m", ""}}
)

// Flags lists every flag with the instructions accepting it.
var Flags = []FlagInfo{
	{Name: "from", Instructions: []string{"COPY"}, Placeholder: "<stage|image|index>",
		Summary: "Copies from a build stage (by name or index) or an image instead of the build context."},
	{Name: "chown", Instructions: []string{"ADD", "COPY"}, Placeholder: "<user>[:<group>]",
		Summary: "Sets the owner of the copied files (names are looked up in the image's /etc/passwd and /etc/group)."},
	{Name: "chmod", Instructions: []string{"ADD", "COPY"}, Placeholder: "<mode>",
		Summary: "Sets the permissions of the copied files, in octal (0755) or symbolic (u+x) form.",
		Values:  []ValueInfo{{"0755", "executable"}, {"0644", "regular file"}, {"0600", "private file"}}},
	{Name: "link", Instructions: []string{"ADD", "COPY"}, Switch: true, Values: yesNo,
		Summary: "Copies into an independent layer, so the layer survives rebuilds of earlier steps and rebasing onto a new base."},
	{Name: "parents", Instructions: []string{"COPY"}, Switch: true, Values: yesNo,
		Summary: "Keeps the source paths' parent directories under the destination."},
	{Name: "exclude", Instructions: []string{"ADD", "COPY"}, Placeholder: "<pattern>", Repeatable: true,
		Summary: "Leaves out the sources matching a pattern; may be given several times."},
	{Name: "checksum", Instructions: []string{"ADD"}, Placeholder: "<algorithm>:<hash>",
		Summary: "Verifies a remote source against a checksum, or a Git source against a commit.",
		Values:  []ValueInfo{{"sha256:", "the SHA-256 of the downloaded file"}}},
	{Name: "keep-git-dir", Instructions: []string{"ADD"}, Switch: true, Values: yesNo,
		Summary: "Keeps the .git directory when adding a Git repository."},
	{Name: "unpack", Instructions: []string{"ADD"}, Switch: true, Values: yesNo,
		Summary: "Says whether an archive source is unpacked; by default local archives are and remote ones are not."},
	{Name: "mount", Instructions: []string{"RUN"}, Placeholder: "type=<bind|cache|tmpfs|secret|ssh>,...", Repeatable: true,
		Summary: "Mounts a cache, a secret, an SSH agent socket, a tmpfs or files from another stage for this RUN only; nothing mounted ends up in the layer."},
	{Name: "network", Instructions: []string{"RUN"}, Placeholder: "<default|none|host>",
		Summary: "Chooses the network this RUN sees.",
		Values: []ValueInfo{
			{"default", "the build's default network"},
			{"none", "no network access: proves the step is offline"},
			{"host", "the host's network (needs the network.host entitlement)"},
		}},
	{Name: "security", Instructions: []string{"RUN"}, Placeholder: "<sandbox|insecure>",
		Summary: "Runs the command sandboxed (the default) or with elevated privileges.",
		Values: []ValueInfo{
			{"sandbox", "the default confinement"},
			{"insecure", "privileged, like `docker run --privileged` (needs the security.insecure entitlement)"},
		}},
	{Name: "device", Instructions: []string{"RUN"}, Placeholder: "<name>[,required]", Repeatable: true,
		Summary: "Makes a CDI device available to the command."},
	{Name: "platform", Instructions: []string{"FROM"}, Placeholder: "<os>/<arch>[/<variant>]", Values: Platforms,
		Summary: "Chooses the platform of a multi-platform base image; `--platform=$BUILDPLATFORM` is the usual way to cross-compile."},
	{Name: "interval", Instructions: []string{"HEALTHCHECK"}, Placeholder: "<duration>", Values: durations,
		Summary: "Time between two checks (default 30s)."},
	{Name: "timeout", Instructions: []string{"HEALTHCHECK"}, Placeholder: "<duration>", Values: durations,
		Summary: "Time after which one check counts as failed (default 30s)."},
	{Name: "start-period", Instructions: []string{"HEALTHCHECK"}, Placeholder: "<duration>", Values: durations,
		Summary: "Start-up time during which failures do not count (default 0s)."},
	{Name: "start-interval", Instructions: []string{"HEALTHCHECK"}, Placeholder: "<duration>", Values: durations,
		Summary: "Time between checks during the start period (default 5s)."},
	{Name: "retries", Instructions: []string{"HEALTHCHECK"}, Placeholder: "<n>",
		Summary: "Consecutive failures before the container is reported unhealthy (default 3).",
		Values:  []ValueInfo{{"3", ""}, {"5", ""}}},
}

// MountTypes lists the RUN --mount types; bind is the default. The types,
// the keys each accepts and their summaries come from analysis/docs
// (BuildKit's runmount.go), read on first use rather than at start.
var MountTypes = sync.OnceValue(func() []MountType {
	var out []MountType
	for _, name := range docs.MountTypes() {
		var keys []string
		for _, k := range docs.MountKeys(name) {
			if k != "type" {
				keys = append(keys, k)
			}
		}
		text, _ := docs.MountType(name)
		out = append(out, MountType{Name: name, Summary: firstSentence(docs.Plain(text)), Keys: keys})
	}
	return out
})

// MountKeys lists the keys of a --mount value.
var MountKeys = []MountKey{
	{Name: "type", Placeholder: "<bind|cache|tmpfs|secret|ssh>", Summary: "The kind of mount (bind when omitted)."},
	{Name: "target", Placeholder: "<path>", Summary: "Where the mount appears in the container.",
		ValuesFor: map[string][]ValueInfo{
			"cache": {
				{"/root/.cache/go-build", "Go build cache"},
				{"/go/pkg/mod", "Go module cache (golang images)"},
				{"/root/.npm", "npm cache"},
				{"/usr/local/share/.cache/yarn", "Yarn cache (node images)"},
				{"/root/.cache/pip", "pip cache"},
				{"/root/.cache/uv", "uv cache"},
				{"/var/cache/apt", "apt package cache (with sharing=locked)"},
				{"/var/lib/apt", "apt lists (with sharing=locked)"},
				{"/var/cache/apk", "apk cache"},
				{"/root/.m2", "Maven repository"},
				{"/root/.gradle", "Gradle caches"},
				{"/usr/local/cargo/registry", "Cargo registry (rust images)"},
				{"/root/.nuget/packages", "NuGet packages"},
			},
			"secret": {{"/run/secrets/", "the default directory of secrets"}},
			"ssh":    {{"/run/buildkit/ssh_agent.0", "the default socket path"}},
		}},
	{Name: "source", Placeholder: "<path>", Summary: "The path inside `from` (or the build context) to mount; for caches, a subpath of the cache."},
	{Name: "from", Placeholder: "<stage|image>", Summary: "The stage or image to mount from instead of the build context."},
	{Name: "readonly", Switch: true, Values: yesNo, Summary: "Mounts read-only."},
	{Name: "readwrite", Switch: true, Values: yesNo, Summary: "Mounts writable; writes are discarded after the command."},
	{Name: "id", Placeholder: "<id>", Summary: "For a cache, the cache's identity (the target path by default); for a secret or an SSH socket, the id given to `docker build`."},
	{Name: "sharing", Placeholder: "<shared|private|locked>", Summary: "How concurrent builds share a cache.",
		Values: []ValueInfo{
			{"shared", "concurrent writers share it (the default)"},
			{"private", "a concurrent writer gets a new cache"},
			{"locked", "a concurrent writer waits (use it for apt)"},
		}},
	{Name: "mode", Placeholder: "<octal>", Summary: "Permissions of the mounted secret, socket or cache directory.",
		Values: []ValueInfo{{"0400", ""}, {"0600", ""}, {"0755", ""}}},
	{Name: "uid", Placeholder: "<uid>", Summary: "Owner user id of the mounted secret, socket or cache directory.", Values: []ValueInfo{{"0", "root"}, {"1000", ""}}},
	{Name: "gid", Placeholder: "<gid>", Summary: "Owner group id of the mounted secret, socket or cache directory.", Values: []ValueInfo{{"0", "root"}, {"1000", ""}}},
	{Name: "size", Placeholder: "<bytes>", Summary: "Size limit of the tmpfs, e.g. 64m or 1g.", Values: []ValueInfo{{"64m", ""}, {"512m", ""}, {"1g", ""}}},
	{Name: "env", Placeholder: "<name>", Summary: "Exposes the secret as this environment variable instead of a file."},
	{Name: "required", Switch: true, Values: yesNo, Summary: "Fails the build when the secret or SSH socket is not provided."},
}

// Directives lists the parser directives.
var Directives = []DirectiveInfo{
	{Name: "syntax", Form: "# syntax=<frontend image>",
		Summary: "Chooses the Dockerfile frontend image BuildKit builds with; `docker/dockerfile:1` follows the latest stable 1.x.",
		Values: []ValueInfo{
			{"docker/dockerfile:1", "latest stable 1.x frontend"},
			{"docker/dockerfile:1-labs", "latest 1.x frontend with experimental features"},
		}},
	{Name: "escape", Form: "# escape=<\\ or `>",
		Summary: "Sets the escape and line-continuation character; a backtick suits Windows paths.",
		Values:  []ValueInfo{{"`", "backtick, for Windows paths"}, {"\\", "backslash (the default)"}}},
	{Name: "check", Form: "# check=skip=<rules|all>;error=<true|false>",
		Summary: "Configures BuildKit's build checks: rules to skip, and whether a warning fails the build.",
		Values: []ValueInfo{
			{"skip=", "rules to skip, separated by commas, or all"},
			{"error=true", "fail the build on a check warning"},
			{"skip=all", "turn every check off"},
		}},
}

// CheckRules are the names `# check=skip=` accepts: BuildKit's linter rules
// (buildkit.Rules, without the project's notes about BuildKit's run), then
// this project's own (the rule registry), which the directive skips too.
var CheckRules = sync.OnceValue(func() []string {
	var names []string
	for _, r := range buildkit.Rules {
		if r.Description != "" {
			names = append(names, r.Name)
		}
	}
	return withProjectRules(names)
})

// withProjectRules adds the registered rules BuildKit does not already name
// (both have DuplicateStageName and ReservedStageName).
func withProjectRules(names []string) []string {
	for _, a := range rules.All {
		if !slices.Contains(names, a.Name) {
			names = append(names, a.Name)
		}
	}
	return names
}

// Instruction looks up an instruction by keyword, case-insensitively.
func Instruction(name string) (InstructionInfo, bool) {
	name = strings.ToUpper(name)
	for _, in := range Instructions {
		if in.Name == name {
			return in, true
		}
	}
	return InstructionInfo{}, false
}

// Flag looks up the flag name of instruction (upper-case keyword).
func Flag(instruction, name string) (FlagInfo, bool) {
	instruction = strings.ToUpper(instruction)
	for _, f := range Flags {
		if f.Name == name && slices.Contains(f.Instructions, instruction) {
			return f, true
		}
	}
	return FlagInfo{}, false
}

// FlagsOf lists the flags of instruction in suggestion order.
func FlagsOf(instruction string) []FlagInfo {
	in, ok := Instruction(instruction)
	if !ok {
		return nil
	}
	out := make([]FlagInfo, 0, len(in.Flags))
	for _, name := range in.Flags {
		if f, ok := Flag(in.Name, name); ok {
			out = append(out, f)
		}
	}
	return out
}

// Mount looks up a mount type, case-insensitively.
func Mount(name string) (MountType, bool) {
	name = strings.ToLower(name)
	for _, t := range MountTypes() {
		if t.Name == name {
			return t, true
		}
	}
	return MountType{}, false
}

// MountKeyInfo looks up a mount key or one of its aliases, case-insensitively.
func MountKeyInfo(name string) (MountKey, bool) {
	name = strings.ToLower(name)
	for _, k := range MountKeys {
		if k.Name == docs.CanonicalMountKey(name) {
			return k, true
		}
	}
	return MountKey{}, false
}

// Directive looks up a parser directive, case-insensitively.
func Directive(name string) (DirectiveInfo, bool) {
	name = strings.ToLower(name)
	for _, d := range Directives {
		if d.Name == name {
			return d, true
		}
	}
	return DirectiveInfo{}, false
}

// firstSentence is the first sentence of a text, for a one-line summary.
func firstSentence(text string) string {
	if i := strings.Index(text, ". "); i >= 0 {
		return text[:i+1]
	}
	return strings.TrimSpace(text)
}
