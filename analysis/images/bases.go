package images

import "strings"

// Class says what a base image is, for the facts of a stage.
type Class int

const (
	ClassUnknown Class = iota
	// ClassToolchain: an SDK or compiler image (golang, rust, maven, a JDK,
	// dotnet/sdk, buildpack-deps, the full node and python images).
	ClassToolchain
	// ClassRuntime: a language runtime without a build environment (a JRE,
	// node:*-slim, python:*-slim, dotnet/aspnet, nginx).
	ClassRuntime
	// ClassOS: a distribution's base image (debian, alpine, ubuntu...).
	ClassOS
	// ClassDistroless: no shell and no package manager (gcr.io/distroless,
	// Chainguard, the .NET chiseled images).
	ClassDistroless
	// ClassScratch: the empty image.
	ClassScratch
)

func (c Class) String() string {
	switch c {
	case ClassToolchain:
		return "toolchain"
	case ClassRuntime:
		return "runtime"
	case ClassOS:
		return "os"
	case ClassDistroless:
		return "distroless"
	case ClassScratch:
		return "scratch"
	}
	return "unknown"
}

// Base is what is known of a base image without pulling it.
type Base struct {
	Class     Class
	Ecosystem string // as in Image.Ecosystem; "" for OS images
	// Vendor is who builds the image's content: "golang", "eclipse-temurin",
	// "microsoft", "distroless", "chainguard", "debian", "alpine"...
	Vendor  string
	Version string // read from the tag: "1.22", "21", "3.20", "bookworm"; "" when none
	// User is the user the image runs as by default: "root", "nonroot",
	// "app"...; "" when not known.
	User string
	// Workdir is the image's own WORKDIR ("/" for most).
	Workdir string
	// Path is the image's PATH; "" when not known.
	Path string
}

// LinuxPath is the default PATH of Debian, Alpine and Ubuntu images.
const LinuxPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// family is a repository (or repository prefix, ending in "/") whose images
// are not in the toolchain table.
type family struct {
	repo    string
	class   Class
	eco     string
	vendor  string
	user    string
	workdir string
	path    string
}

// families completes table: operating systems, runtimes and distroless
// images. Entries ending in "/" match every repository under them.
var families = []family{
	{repo: "alpine", class: ClassOS, vendor: "alpine", user: "root"},
	{repo: "debian", class: ClassOS, vendor: "debian", user: "root"},
	{repo: "ubuntu", class: ClassOS, vendor: "ubuntu", user: "root"},
	{repo: "busybox", class: ClassOS, vendor: "busybox", user: "root"},
	{repo: "fedora", class: ClassOS, vendor: "fedora", user: "root"},
	{repo: "centos", class: ClassOS, vendor: "centos", user: "root"},
	{repo: "rockylinux", class: ClassOS, vendor: "rockylinux", user: "root"},
	{repo: "almalinux", class: ClassOS, vendor: "almalinux", user: "root"},
	{repo: "amazonlinux", class: ClassOS, vendor: "amazonlinux", user: "root"},
	{repo: "oraclelinux", class: ClassOS, vendor: "oraclelinux", user: "root"},
	{repo: "archlinux", class: ClassOS, vendor: "archlinux", user: "root"},
	{repo: "opensuse/", class: ClassOS, vendor: "opensuse", user: "root"},
	{repo: "registry.access.redhat.com/", class: ClassOS, vendor: "redhat"},
	{repo: "gcr.io/distroless/", class: ClassDistroless, vendor: "distroless", user: "root"},
	{repo: "cgr.dev/chainguard/", class: ClassDistroless, vendor: "chainguard", user: "nonroot"},
	{repo: "nginx", class: ClassRuntime, eco: "web", vendor: "nginx", user: "root"},
	{repo: "nginxinc/nginx-unprivileged", class: ClassRuntime, eco: "web", vendor: "nginx", user: "nginx"},
	{repo: "httpd", class: ClassRuntime, eco: "web", vendor: "httpd", user: "root", workdir: "/usr/local/apache2"},
	{repo: "caddy", class: ClassRuntime, eco: "web", vendor: "caddy", user: "root", workdir: "/srv"},
	{repo: "php", class: ClassRuntime, eco: "php", vendor: "php", user: "root", workdir: "/var/www/html"},
	{repo: "mcr.microsoft.com/dotnet/", class: ClassRuntime, eco: "dotnet", vendor: "microsoft", user: "root", workdir: "/app"},
	{repo: "tomcat", class: ClassRuntime, eco: "java", vendor: "tomcat", user: "root", workdir: "/usr/local/tomcat"},
}

// Classify says what ref is: the toolchain table first, then the families.
// ref is a reference as Lookup takes it.
func Classify(ref string) Base {
	r := ParseRef(ref)
	if r.Repo == "scratch" {
		return Base{Class: ClassScratch, Vendor: "scratch", Workdir: "/"}
	}
	b := Base{Workdir: "/"}
	if img := tableEntry(r.Repo); img != nil {
		b.Class, b.Ecosystem, b.Vendor = ClassToolchain, img.Ecosystem, vendorOf(img.Repo)
		if img.NotToolchain != nil && img.NotToolchain(r.Tag) {
			b.Class = ClassRuntime
		}
		b.Version, b.User, b.Path = version(img, r.Tag), "root", LinuxPath
		switch img.Repo {
		case "golang":
			b.Workdir, b.Path = "/go", "/go/bin:/usr/local/go/bin:"+LinuxPath
		case "gradle":
			b.Workdir = "/home/gradle"
		case "rust":
			b.Path = "/usr/local/cargo/bin:" + LinuxPath
		}
		if strings.HasPrefix(img.Repo, "mcr.microsoft.com/") {
			b.Workdir = "/"
		}
	} else {
		for _, f := range families {
			if r.Repo != f.repo && !(strings.HasSuffix(f.repo, "/") && strings.HasPrefix(r.Repo, f.repo)) {
				continue
			}
			b.Class, b.Ecosystem, b.Vendor, b.User = f.class, f.eco, f.vendor, f.user
			if f.workdir != "" {
				b.Workdir = f.workdir
			}
			b.Path = LinuxPath // distroless and Chainguard images set it too
			b.Version = versionPrefix().FindString(r.Tag)
			if b.Version == "" && f.class == ClassOS {
				b.Version, _, _ = strings.Cut(r.Tag, "-") // bookworm-slim → bookworm
			}
			break
		}
	}
	switch {
	case b.Class == ClassRuntime && b.Ecosystem == "dotnet" && (hasPart(r.Tag, "chiseled") || hasPart(r.Tag, "distroless")):
		b.Class = ClassDistroless
	case Windows(r.Tag):
		b.Path = ""
	}
	if NonRoot(ref) {
		b.User = "nonroot"
		if b.Ecosystem == "dotnet" {
			b.User = "app"
		}
	}
	return b
}

func tableEntry(repo string) *Image {
	for _, img := range table {
		if img.Repo == repo {
			return img
		}
	}
	return nil
}

// vendorOf names the vendor of a toolchain table entry.
func vendorOf(repo string) string {
	if strings.HasPrefix(repo, "mcr.microsoft.com/") {
		return "microsoft"
	}
	return repo
}

// Windows reports whether ref names a Windows image (Server Core, Nano
// Server, a windows repository or tag).
func Windows(ref string) bool {
	r := strings.ToLower(ref)
	return strings.Contains(r, "windows") || strings.Contains(r, "nanoserver") || strings.Contains(r, "servercore")
}

// LacksShell reports whether the image ref is known to have no shell at
// all, so that a shell-form RUN, CMD or ENTRYPOINT cannot start: scratch,
// the distroless images except their :debug tags (which carry busybox),
// the .NET chiseled and distroless images, and Chainguard's static and glibc-dynamic
// images except their -dev tags. Every other image may have one.
func LacksShell(ref string) bool {
	r := ParseRef(ref)
	switch {
	case r.Repo == "scratch":
		return true
	case strings.HasPrefix(r.Repo, "gcr.io/distroless/"):
		return !hasPart(r.Tag, "debug")
	case strings.HasPrefix(r.Repo, "mcr.microsoft.com/dotnet/"):
		return hasPart(r.Tag, "chiseled") || hasPart(r.Tag, "distroless")
	case r.Repo == "cgr.dev/chainguard/static" || r.Repo == "cgr.dev/chainguard/glibc-dynamic":
		return !hasPart(r.Tag, "dev")
	}
	return false
}

// C libraries an image may provide, for Libc.
const (
	LibcNone  = "none"  // no C library at all: scratch, distroless static
	LibcGlibc = "glibc" // Debian, Ubuntu, Red Hat and most language images
	LibcMusl  = "musl"  // Alpine
)

// Libc is the C library the image ref provides, as far as the table knows:
// LibcNone, LibcGlibc, LibcMusl, or "" when it cannot tell. A program linked
// against one C library does not start where another (or none) is.
func Libc(ref string) string {
	r := ParseRef(ref)
	b := Classify(ref)
	switch {
	case r.Repo == "scratch":
		return LibcNone
	case strings.HasPrefix(r.Repo, "gcr.io/distroless/"):
		if strings.HasPrefix(strings.TrimPrefix(r.Repo, "gcr.io/distroless/"), "static") {
			return LibcNone
		}
		return LibcGlibc
	case r.Repo == "cgr.dev/chainguard/static":
		return LibcNone
	case r.Repo == "cgr.dev/chainguard/glibc-dynamic":
		return LibcGlibc
	case r.Repo == "alpine" || hasPart(r.Tag, "alpine"):
		return LibcMusl
	case Windows(ref) || strings.Contains(r.Tag, "$") || r.Repo == "busybox":
		return ""
	}
	switch b.Vendor {
	case "debian", "ubuntu", "fedora", "centos", "rockylinux", "almalinux", "amazonlinux", "oraclelinux", "archlinux", "opensuse", "redhat":
		return LibcGlibc
	}
	if b.Class == ClassToolchain || b.Class == ClassRuntime && b.Vendor != "" {
		return LibcGlibc // the official language images are Debian-based unless tagged alpine
	}
	return ""
}
