package facts

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/imageref"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
)

// BaseKind says what a stage is built on.
type BaseKind int

const (
	BaseUnknown    BaseKind = iota // an image the table does not know, or an unresolved variable
	BaseToolchain                  // an SDK or compiler image
	BaseRuntime                    // a language runtime
	BaseOS                         // a distribution's base image
	BaseDistroless                 // no shell, no package manager
	BaseScratch                    // the empty image
	BaseStage                      // an earlier stage of the file
)

func (k BaseKind) String() string {
	switch k {
	case BaseToolchain:
		return "toolchain"
	case BaseRuntime:
		return "runtime"
	case BaseOS:
		return "os"
	case BaseDistroless:
		return "distroless"
	case BaseScratch:
		return "scratch"
	case BaseStage:
		return "stage"
	}
	return "unknown"
}

// Base is a stage's FROM.
type Base struct {
	Written string // as written
	Value   string // global ARG defaults expanded
	// Ref is Value parsed by github.com/distribution/reference (through
	// imageref) and normalised (docker.io/library/golang:1.22); nil for
	// scratch, a stage, or a value that is no valid reference (a variable
	// left, a typo, alpine@sha256:abc).
	Ref  *imageref.Ref
	Kind BaseKind
	// Stage is the stage FROM names, for BaseStage.
	Stage *Stage
	// Image is what the image table says of the image the stage starts
	// from; for BaseStage, of the root of its chain.
	Image    images.Base
	Platform Platform
}

// PlatformKind classifies FROM --platform.
type PlatformKind int

const (
	PlatformNone     PlatformKind = iota // no --platform
	PlatformBuild                        // $BUILDPLATFORM: runs natively, cross-compiles
	PlatformTarget                       // $TARGETPLATFORM (BuildKit's default anyway)
	PlatformLiteral                      // a fixed platform: linux/amd64
	PlatformVariable                     // another variable
)

// Platform is the value of FROM --platform.
type Platform struct {
	Kind  PlatformKind
	Value string // as written
}

func platformOf(v string) Platform {
	p := Platform{Value: v}
	switch {
	case v == "":
		p.Kind = PlatformNone
	case v == "$BUILDPLATFORM" || v == "${BUILDPLATFORM}":
		p.Kind = PlatformBuild
	case v == "$TARGETPLATFORM" || v == "${TARGETPLATFORM}":
		p.Kind = PlatformTarget
	case strings.Contains(v, "$"):
		p.Kind = PlatformVariable
	default:
		p.Kind = PlatformLiteral
	}
	return p
}

func kindOf(c images.Class) BaseKind {
	switch c {
	case images.ClassToolchain:
		return BaseToolchain
	case images.ClassRuntime:
		return BaseRuntime
	case images.ClassOS:
		return BaseOS
	case images.ClassDistroless:
		return BaseDistroless
	case images.ClassScratch:
		return BaseScratch
	}
	return BaseUnknown
}
