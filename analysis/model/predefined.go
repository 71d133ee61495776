package model

import "strings"

// ArgScope says where a predefined build argument can be used without an
// ARG line.
type ArgScope int

const (
	// ScopeGlobal: the platform arguments, visible to FROM lines; inside a
	// stage they need `ARG NAME`.
	ScopeGlobal ArgScope = iota + 1
	// ScopeRun: the proxy arguments, visible to RUN (also in lower case).
	ScopeRun
	// ScopeDeclare: arguments that only mean something once declared
	// (BUILDKIT_*, SOURCE_DATE_EPOCH).
	ScopeDeclare
)

// PredefinedArg is a build argument BuildKit defines itself.
type PredefinedArg struct {
	Name    string
	Summary string
	Scope   ArgScope
}

// PredefinedArgs are the build arguments BuildKit defines itself: the one
// list that completion, hover, navigation and highlighting read.
var PredefinedArgs = []PredefinedArg{
	{"BUILDPLATFORM", "platform of the machine running the build, e.g. linux/amd64", ScopeGlobal},
	{"BUILDOS", "OS part of BUILDPLATFORM", ScopeGlobal},
	{"BUILDARCH", "architecture part of BUILDPLATFORM", ScopeGlobal},
	{"BUILDVARIANT", "variant part of BUILDPLATFORM", ScopeGlobal},
	{"BUILDOSVERSION", "OS version of the build platform (Windows)", ScopeGlobal},
	{"TARGETPLATFORM", "platform the image is built for, e.g. linux/arm64", ScopeGlobal},
	{"TARGETOS", "OS part of TARGETPLATFORM", ScopeGlobal},
	{"TARGETARCH", "architecture part of TARGETPLATFORM", ScopeGlobal},
	{"TARGETVARIANT", "variant part of TARGETPLATFORM", ScopeGlobal},
	{"TARGETOSVERSION", "OS version of the target platform (Windows)", ScopeGlobal},
	{"TARGETSTAGE", "name of the stage being built (--target), or default", ScopeGlobal},
	{"HTTP_PROXY", "proxy for HTTP requests, from the build's environment", ScopeRun},
	{"HTTPS_PROXY", "proxy for HTTPS requests", ScopeRun},
	{"FTP_PROXY", "proxy for FTP requests", ScopeRun},
	{"NO_PROXY", "hosts that bypass the proxy", ScopeRun},
	{"ALL_PROXY", "proxy for every protocol", ScopeRun},
	{"SOURCE_DATE_EPOCH", "timestamp for reproducible builds", ScopeDeclare},
	{"BUILDKIT_INLINE_CACHE", "embed cache metadata in the image", ScopeDeclare},
	{"BUILDKIT_CONTEXT_KEEP_GIT_DIR", "keep .git when the context is a Git repository", ScopeDeclare},
	{"BUILDKIT_MULTI_PLATFORM", "produce a multi-platform result even for one platform", ScopeDeclare},
	{"BUILDKIT_SANDBOX_HOSTNAME", "hostname seen by RUN", ScopeDeclare},
}

// LookupPredefinedArg finds a predefined build argument by name
// (case-sensitive, as variables are; the proxy arguments also exist in
// lower case).
func LookupPredefinedArg(name string) (PredefinedArg, bool) {
	upper := strings.ToUpper(name)
	for _, a := range PredefinedArgs {
		if a.Name == name || a.Scope == ScopeRun && a.Name == upper && name == strings.ToLower(name) {
			return a, true
		}
	}
	return PredefinedArg{}, false
}

// BuildDefined reports whether BuildKit gives name a value without any
// declaration in the file: the platform and proxy arguments.
func BuildDefined(name string) bool {
	a, ok := LookupPredefinedArg(name)
	return ok && a.Scope != ScopeDeclare
}
