package facts

import (
	"regexp"
	"strings"
	"sync"
)

// System packages as a build sees them: the one home of the lists of
// compilers, build dependencies and build-only tools, read by the final-image
// rules and the split.

// BuildRole is what a system package is to a build.
type BuildRole int

const (
	NotBuildPackage BuildRole = iota
	CompilerPackage           // compilers, build systems, toolchains: a warning
	BuildDependency           // headers and git: information
)

var compilers = map[string]bool{
	"gcc": true, "g++": true, "gcc-c++": true, "c++": true, "make": true, "cmake": true, "build-essential": true,
	"build-base": true, "alpine-sdk": true, "clang": true, "llvm": true, "autoconf": true, "automake": true, "libtool": true,
	"pkg-config": true, "pkgconf": true, "pkgconfig": true, "bison": true, "flex": true, "gfortran": true,
	"ninja-build": true, "ninja": true, "meson": true, "golang": true, "golang-go": true, "go": true, "rustc": true,
	"cargo": true, "rust": true, "maven": true, "gradle": true, "default-jdk": true, "default-jdk-headless": true,
	"dpkg-dev": true, "re2c": true, "nasm": true, "yasm": true, "scons": true, "bazel": true,
}

var compilerPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(gcc-[0-9.]+|g\+\+-[0-9.]+|clang-[0-9.]+|llvm-[0-9.]+|openjdk-?[0-9.]+(-jdk.*)?|java-[0-9.]+-openjdk-devel|golang-[0-9.]+(-go)?)$`)
})

var buildDeps = map[string]bool{"git": true, "musl-dev": true, "libc-dev": true, "libc6-dev": true, "linux-headers": true}

// BuildPackageKind tells whether a system package is a compiler or build
// system, a build dependency (headers, git), or neither.
func BuildPackageKind(name string) BuildRole {
	switch {
	case strings.HasPrefix(name, "$") || strings.HasPrefix(name, "-"):
		return NotBuildPackage
	case strings.HasSuffix(name, "-jre") || strings.Contains(name, "-jre-"):
		return NotBuildPackage
	case compilers[name] || compilerPattern().MatchString(name):
		return CompilerPackage
	case buildDeps[name] || strings.HasSuffix(name, "-dev") || strings.HasSuffix(name, "-devel"):
		return BuildDependency
	}
	return NotBuildPackage
}

// buildOnly are packages only a build needs.
var buildOnly = map[string]bool{
	"build-essential": true, "gcc": true, "g++": true, "make": true, "cmake": true, "git": true,
	"pkg-config": true, "pkgconf": true, "autoconf": true, "automake": true, "libtool": true, "musl-dev": true,
	"libc-dev": true, "libc6-dev": true, "linux-headers": true, "clang": true, "llvm": true, "binutils": true,
	"bison": true, "flex": true, "nasm": true, "yasm": true, "protobuf-compiler": true, "protobuf": true,
	"build-base": true, "alpine-sdk": true, "upx": true, "ninja-build": true, "ninja": true, "meson": true,
	"unzip": true, "wget": true, "curl": true, "gnupg": true, "dirmngr": true, "xz-utils": true, "file": true,
	"patch": true, "python3-dev": true, "python-dev": true, "cargo": true, "rust": true, "go": true, "golang": true,
	"nodejs": true, "npm": true, "yarn": true, "maven": true, "gradle": true, "software-properties-common": true,
	"apt-transport-https": true, "lsb-release": true, "gettext": true, "swig": true, "subversion": true,
	"mercurial": true, "openssh-client": true, "sudo": true, "vim": true, "nano": true, "less": true,
}

// BuildOnlyPackage reports a package that only a build needs (compilers,
// fetchers, editors): the split leaves it out of the runtime stage.
func BuildOnlyPackage(name string) bool { return buildOnly[name] }
