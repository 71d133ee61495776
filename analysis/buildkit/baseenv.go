package buildkit

import (
	"strings"

	"github.com/distribution/reference"
)

// The offline resolver cannot pull an image's config, so it answers from this
// table of the environment well-known base images set. BuildKit's UndefinedVar
// check counts a base image's ENV as defined, and official images define
// variables that Dockerfiles built on them use all the time ($GOPATH,
// $APP_UID, $JAVA_HOME, $PHP_INI_DIR...).
//
// # Source and date
//
// Names come from the ENV instructions of the images' own Dockerfiles:
// docker-library (golang, python, php, postgres: checked against the copies in
// ../shared/corpus/real) and dotnet/dotnet-docker (src/runtime-deps, runtime,
// aspnet, sdk: likewise checked against the corpus), and, for the other images,
// their official Dockerfiles as the author knows them for the 2024–2025
// releases. Written 2026-11-23; no image was pulled to build it.
//
// Each entry is the union over the image's supported tags (the tag is not
// known offline, so a variable any tag defines "may be defined"). Only the
// names matter to UndefinedVar; values are typical ones, kept realistic
// because expansions such as `WORKDIR $GOPATH/src` use them. Versions in
// values are placeholders of the right shape, not the current releases.

// linuxPath is the default PATH of Debian, Alpine and Ubuntu images.
const linuxPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// windowsPath is the default PATH of the Windows Server Core and Nano Server images.
const windowsPath = `PATH=C:\Windows\system32;C:\Windows;C:\Windows\System32\Wbem;C:\Windows\System32\WindowsPowerShell\v1.0\;C:\Windows\System32\OpenSSH\`

var (
	javaEnv = []string{
		"PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"JAVA_HOME=/opt/java/openjdk", "JAVA_VERSION=jdk-21.0.5+11",
		"LANG=en_US.UTF-8", "LANGUAGE=en_US:en", "LC_ALL=en_US.UTF-8",
	}
	phpEnv = []string{
		linuxPath,
		"PHPIZE_DEPS=autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c",
		"PHP_INI_DIR=/usr/local/etc/php",
		"APACHE_CONFDIR=/etc/apache2", "APACHE_ENVVARS=/etc/apache2/envvars",
		"PHP_CFLAGS=-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64",
		"PHP_CPPFLAGS=-fstack-protector-strong -fpic -fpie -O2 -D_LARGEFILE_SOURCE -D_FILE_OFFSET_BITS=64",
		"PHP_LDFLAGS=-Wl,-O1 -pie",
		"GPG_KEYS=1198C0117593497A5EC5C199286AF1F9897469DC",
		"PHP_VERSION=8.4.1", "PHP_URL=https://www.php.net/distributions/php-8.4.1.tar.xz",
		"PHP_ASC_URL=https://www.php.net/distributions/php-8.4.1.tar.xz.asc", "PHP_SHA256=0",
	}
	// dotnetDeps is what mcr.microsoft.com/dotnet/runtime-deps sets; runtime,
	// aspnet and sdk add to it.
	dotnetDeps = []string{
		"APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true",
		"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true", // Alpine and chiseled tags
		"ASPNETCORE_URLS=http://+:80",                // .NET 6 and 7 tags
	}
	dotnetRuntime = append(append([]string{}, dotnetDeps...), "DOTNET_VERSION=9.0.0")
	dotnetAspnet  = append(append([]string{}, dotnetRuntime...), "ASPNET_VERSION=9.0.0")
	dotnetSDK     = append(append([]string{}, dotnetAspnet...),
		"DOTNET_SDK_VERSION=9.0.100", "DOTNET_GENERATE_ASPNET_CERTIFICATE=false", "DOTNET_NOLOGO=true",
		"DOTNET_USE_POLLING_FILE_WATCHER=true", "NUGET_XMLDOC_MODE=skip",
		"POWERSHELL_DISTRIBUTION_CHANNEL=PSDocker-DotnetSDK-Debian-12")
	erlangEnv = []string{linuxPath, "OTP_VERSION=27.1.2", "REBAR3_VERSION=3.24.0", "LANG=C.UTF-8"}
)

// baseEnv maps a repository (familiar form: "golang", "mcr.microsoft.com/dotnet/sdk")
// to the ENV its images set. A repository listed with only a PATH is known to
// set nothing else. Repositories not listed are unknown: their variables can
// not be checked offline.
var baseEnv = map[string][]string{
	// Operating system and plain base images: PATH only.
	"alpine": {linuxPath}, "debian": {linuxPath}, "ubuntu": {linuxPath}, "busybox": {linuxPath},
	"buildpack-deps": {linuxPath}, "fedora": {linuxPath, "DISTTAG=f41container", "FGC=f41", "container=oci"},
	"centos": {linuxPath}, "rockylinux": {linuxPath}, "almalinux": {linuxPath}, "amazonlinux": {linuxPath},
	"archlinux": {linuxPath, "LANG=C.UTF-8"}, "oraclelinux": {linuxPath}, "photon": {linuxPath},
	"opensuse/leap": {linuxPath}, "opensuse/tumbleweed": {linuxPath},
	"mcr.microsoft.com/azurelinux/base/core":       {linuxPath},
	"mcr.microsoft.com/azurelinux/distroless/base": {linuxPath},
	"mcr.microsoft.com/cbl-mariner/base/core":      {linuxPath},
	"registry.access.redhat.com/ubi8":              {linuxPath, "container=oci"},
	"registry.access.redhat.com/ubi9":              {linuxPath, "container=oci"},
	"registry.access.redhat.com/ubi8/ubi-minimal":  {linuxPath, "container=oci"},
	"registry.access.redhat.com/ubi9/ubi-minimal":  {linuxPath, "container=oci"},
	"gcr.io/distroless/static":                     {linuxPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
	"gcr.io/distroless/static-debian11":            {linuxPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
	"gcr.io/distroless/static-debian12":            {linuxPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
	"gcr.io/distroless/base":                       {linuxPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
	"gcr.io/distroless/base-debian12":              {linuxPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
	"gcr.io/distroless/cc":                         {linuxPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
	"gcr.io/distroless/cc-debian12":                {linuxPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},

	// Language images (docker-library unless the name says otherwise).
	"golang": {"PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"GOLANG_VERSION=1.25.4", "GOTOOLCHAIN=local", "GOPATH=/go"},
	"node": {linuxPath, "NODE_VERSION=22.11.0", "YARN_VERSION=1.22.22"},
	"python": {"PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
		"GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305", "PYTHON_VERSION=3.13.0", "PYTHON_SHA256=0",
		"PYTHONIOENCODING=UTF-8", // Windows tags
		// Older tags, still widely used.
		"PYTHON_PIP_VERSION=24.0", "PYTHON_SETUPTOOLS_VERSION=65.5.1",
		"PYTHON_GET_PIP_URL=https://github.com/pypa/get-pip/raw/main/public/get-pip.py", "PYTHON_GET_PIP_SHA256=0"},
	"pypy": {"PATH=/opt/pypy/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
		"PYPY_VERSION=7.3.17"},
	"ruby": {"PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"LANG=C.UTF-8", "RUBY_VERSION=3.3.6", "RUBY_DOWNLOAD_URL=https://cache.ruby-lang.org/pub/ruby/3.3/ruby-3.3.6.tar.xz",
		"RUBY_DOWNLOAD_SHA256=0", "RUBY_MAJOR=3.3", "GEM_HOME=/usr/local/bundle", "BUNDLE_SILENCE_ROOT_WARNING=1",
		"BUNDLE_APP_CONFIG=/usr/local/bundle"},
	"php":      phpEnv,
	"composer": append(append([]string{}, phpEnv...), "COMPOSER_ALLOW_SUPERUSER=1", "COMPOSER_HOME=/tmp", "COMPOSER_VERSION=2.8.3"),
	"rust": {"PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"RUSTUP_HOME=/usr/local/rustup", "CARGO_HOME=/usr/local/cargo", "RUST_VERSION=1.83.0"},
	"gcc":                                   {linuxPath, "GPG_KEYS=B215C1633BCA0477615F1B35A5B3A004745C015A", "GCC_MIRRORS=https://ftpmirror.gnu.org/gcc", "GCC_VERSION=14.2.0"},
	"openjdk":                               javaEnv,
	"eclipse-temurin":                       javaEnv,
	"ibm-semeru-runtimes":                   javaEnv,
	"sapmachine":                            javaEnv,
	"amazoncorretto":                        {linuxPath, "LANG=C.UTF-8", "JAVA_HOME=/usr/lib/jvm/java-21-amazon-corretto"},
	"maven":                                 append(append([]string{}, javaEnv...), "MAVEN_HOME=/usr/share/maven", "MAVEN_CONFIG=/root/.m2"),
	"gradle":                                append(append([]string{}, javaEnv...), "GRADLE_HOME=/opt/gradle", "GRADLE_VERSION=8.11.1"),
	"tomcat":                                append(append([]string{}, javaEnv...), "CATALINA_HOME=/usr/local/tomcat", "TOMCAT_NATIVE_LIBDIR=/usr/local/tomcat/native-jni-lib", "LD_LIBRARY_PATH=/usr/local/tomcat/native-jni-lib", "GPG_KEYS=0", "TOMCAT_MAJOR=10", "TOMCAT_VERSION=10.1.33", "TOMCAT_SHA512=0"),
	"erlang":                                erlangEnv,
	"elixir":                                append(append([]string{}, erlangEnv...), "ELIXIR_VERSION=v1.17.3"),
	"haskell":                               {"PATH=/root/.cabal/bin:/root/.local/bin:/opt/ghc/9.10.1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "GHC=9.10.1", "STACK=3.1.1", "CABAL_INSTALL=3.12.1.0"},
	"julia":                                 {"PATH=/usr/local/julia/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JULIA_PATH=/usr/local/julia", "JULIA_GPG=3673DF529D9049477F76B37566E3C7DC03D6E495", "JULIA_VERSION=1.11.1"},
	"swift":                                 {linuxPath, "SWIFT_SIGNING_KEY=0", "SWIFT_PLATFORM=ubuntu24.04", "SWIFT_BRANCH=swift-6.0.2-release", "SWIFT_VERSION=swift-6.0.2-RELEASE", "SWIFT_WEBROOT=https://download.swift.org"},
	"mcr.microsoft.com/dotnet/runtime-deps": dotnetDeps,
	"mcr.microsoft.com/dotnet/runtime":      dotnetRuntime,
	"mcr.microsoft.com/dotnet/aspnet":       dotnetAspnet,
	"mcr.microsoft.com/dotnet/sdk":          dotnetSDK,

	// Servers and tools.
	"nginx":    {linuxPath, "NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7", "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm"},
	"httpd":    {"PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HTTPD_PREFIX=/usr/local/apache2", "HTTPD_VERSION=2.4.62", "HTTPD_SHA256=0", "HTTPD_PATCHES="},
	"postgres": {"PATH=/usr/lib/postgresql/17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOSU_VERSION=1.17", "LANG=en_US.utf8", "PG_MAJOR=17", "PG_VERSION=17.2", "PG_SHA256=0", "DOCKER_PG_LLVM_DEPS=llvm19-dev clang19", "PGDATA=/var/lib/postgresql/data"},
	"mysql":    {linuxPath, "GOSU_VERSION=1.17", "MYSQL_MAJOR=8.4", "MYSQL_VERSION=8.4.3-1.el9", "MYSQL_SHELL_VERSION=8.4.3-1.el9"},
	"mariadb":  {linuxPath, "GOSU_VERSION=1.17", "LANG=C.UTF-8", "MARIADB_VERSION=1:11.4.4+maria~ubu2404"},
	"mongo":    {linuxPath, "GOSU_VERSION=1.17", "JSYAML_VERSION=3.13.1", "JSYAML_CHECKSUM=0", "MONGO_PACKAGE=mongodb-org", "MONGO_REPO=repo.mongodb.org", "MONGO_MAJOR=8.0", "MONGO_VERSION=8.0.3", "HOME=/data/db"},
	"redis":    {linuxPath, "REDIS_VERSION=7.4.1", "REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-7.4.1.tar.gz", "REDIS_DOWNLOAD_SHA=0"},
	"docker":   {linuxPath, "DOCKER_VERSION=27.3.1", "DOCKER_BUILDX_VERSION=0.18.0", "DOCKER_COMPOSE_VERSION=2.30.3", "DOCKER_TLS_CERTDIR=/certs", "DIND_COMMIT=0"},
	"caddy":    {linuxPath, "CADDY_VERSION=v2.8.4", "XDG_CONFIG_HOME=/config", "XDG_DATA_HOME=/data"},
}

// archNamespaces are the docker-library per-architecture mirrors
// (amd64/buildpack-deps is buildpack-deps for amd64).
var archNamespaces = map[string]bool{
	"amd64": true, "arm32v5": true, "arm32v6": true, "arm32v7": true, "arm64v8": true, "i386": true,
	"mips64le": true, "ppc64le": true, "riscv64": true, "s390x": true, "windows-amd64": true, "winamd64": true,
}

// repoOf returns the familiar repository name of an image reference
// ("docker.io/library/golang:1.22" → "golang"), with per-architecture mirror
// namespaces and the dotnet "nightly" namespace removed. ok is false when the
// reference cannot be parsed.
func repoOf(ref string) (string, bool) {
	// The tag and digest do not matter, and may be half-expanded
	// ("golang:-alpine" when a version build arg is missing).
	name := ref
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, ':'); i > strings.LastIndexByte(name, '/') {
		name = name[:i]
	}
	named, err := reference.ParseNormalizedNamed(name)
	if err != nil {
		return "", false
	}
	repo := reference.FamiliarName(named)
	if ns, rest, found := strings.Cut(repo, "/"); found && archNamespaces[ns] {
		repo = rest
	}
	repo = strings.Replace(repo, "mcr.microsoft.com/dotnet/nightly/", "mcr.microsoft.com/dotnet/", 1)
	return repo, true
}

// lookupBaseEnv returns the ENV of a well-known image and whether it is one.
func lookupBaseEnv(ref string) ([]string, bool) {
	repo, ok := repoOf(ref)
	if !ok {
		return nil, false
	}
	if env, ok := baseEnv[repo]; ok {
		return env, true
	}
	// Families whose every repository sets only PATH (and certificates).
	if strings.HasPrefix(repo, "mcr.microsoft.com/windows/") {
		return []string{windowsPath}, true
	}
	if rest, ok := strings.CutPrefix(repo, "gcr.io/distroless/"); ok &&
		!strings.Contains(rest, "java") && !strings.Contains(rest, "python") && !strings.Contains(rest, "nodejs") {
		return []string{linuxPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"}, true
	}
	return nil, false
}

// windowsImage reports references to Windows base images, which BuildKit
// must be told about (their paths are C:\...) when no escape directive says so.
func windowsImage(ref string) bool {
	r := strings.ToLower(ref)
	return strings.Contains(r, "mcr.microsoft.com/windows") || strings.Contains(r, "nanoserver") ||
		strings.Contains(r, "windowsservercore") || strings.Contains(r, "servercore:")
}
