package facts

import (
	"regexp"
	"sync"
)

// platformArg matches a mention of BuildKit's platform arguments, declared
// or used.
var platformArg = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b(BUILD|TARGET)(PLATFORM|OS|ARCH|VARIANT)\b`)
})

// MultiPlatform reports whether a Dockerfile's text shows it is built for
// several platforms: it names BUILDPLATFORM or a TARGET* argument.
func MultiPlatform(text string) bool { return platformArg().MatchString(text) }

// The Go cross-compile a stage on $BUILDPLATFORM needs: the build
// arguments to declare, and the environment of the go command.
const (
	GoTargetArgs = "TARGETOS TARGETARCH"
	GoCrossEnv   = "GOOS=$TARGETOS GOARCH=$TARGETARCH"
)

// The Rust cross-compile a stage on $BUILDPLATFORM uses: tonistiigi/xx's
// helpers, copied from its image (pinned), install the target's C
// toolchain and run cargo for $TARGETPLATFORM.
const (
	XXImage      = "tonistiigi/xx:1.6.1"
	XXTargetArgs = "TARGETPLATFORM"
	// XXRustTriple is the shell text of the target triple: xx-cargo writes
	// target/<triple>/release instead of target/release.
	XXRustTriple = "$(xx-cargo --print-target-triple)"
)
