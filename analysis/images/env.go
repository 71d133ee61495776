package images

import (
	"strings"
	"sync"
)

// Env tells what environment a base image sets, so that BuildKit's checks,
// which resolve base images offline, can count the variables the image
// defines as defined ($GOPATH, $APP_UID, $JAVA_HOME, $PHP_INI_DIR, $NB_UID,
// $CUDA_VERSION...).
//
// # Source and date
//
// Names come from the ENV instructions of the images' own Dockerfiles:
// docker-library (golang, python, php, postgres: checked against the copies
// in ../shared/corpus/real), dotnet/dotnet-docker (src/runtime-deps, runtime,
// aspnet, sdk: likewise), jupyter/docker-stacks (images/*/Dockerfile, read on
// 2026-12-05: docker-stacks-foundation, base-notebook, minimal-notebook,
// scipy-notebook, julia-notebook, datascience-notebook, pyspark-notebook,
// the cuda variants of pytorch-notebook and tensorflow-notebook),
// nvidia/cuda (the base, runtime, devel and cudnn Dockerfiles of
// gitlab.com/nvidia/container-images/cuda, names cross-checked on 2026-12-05
// against the environment printed by published CUDA 11.8 and 12.x images),
// and, for the other images, their official Dockerfiles as the author knows
// them for the 2024–2025 releases. Written 2026-11-23, extended 2026-12-05;
// no image was pulled to build it.
//
// Each entry is the union over the image's supported tags (the tag is not
// known offline, so a variable any tag defines "may be defined"): a name
// missing here is a false "undefined variable" for every user of the image,
// a name too many only hides a typo of that very name. Only the names matter
// to UndefinedVar; values are typical ones, kept realistic because
// expansions such as `WORKDIR $GOPATH/src` and `WORKDIR "${HOME}"` use them.
// Versions in values are placeholders of the right shape, not the current
// releases.

// LinuxPathEnv is LinuxPath as an image config's environment entry.
const LinuxPathEnv = "PATH=" + LinuxPath

// WindowsPathEnv is the default PATH of the Windows Server Core and Nano
// Server images.
const WindowsPathEnv = `PATH=C:\Windows\system32;C:\Windows;C:\Windows\System32\Wbem;C:\Windows\System32\WindowsPowerShell\v1.0\;C:\Windows\System32\OpenSSH\`

var (
	javaEnv = []string{
		"PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"JAVA_HOME=/opt/java/openjdk", "JAVA_VERSION=jdk-21.0.5+11",
		"LANG=en_US.UTF-8", "LANGUAGE=en_US:en", "LC_ALL=en_US.UTF-8",
	}
	phpEnv = []string{
		LinuxPathEnv,
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
	erlangEnv = []string{LinuxPathEnv, "OTP_VERSION=27.1.2", "REBAR3_VERSION=3.24.0", "LANG=C.UTF-8"}

	// cudaEnv is what nvidia/cuda sets, base, runtime, devel and cudnn
	// tags together.
	cudaEnv = []string{
		"PATH=/usr/local/nvidia/bin:/usr/local/cuda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"LD_LIBRARY_PATH=/usr/local/nvidia/lib:/usr/local/nvidia/lib64", "LIBRARY_PATH=/usr/local/cuda/lib64/stubs",
		"NVARCH=x86_64", "NVIDIA_REQUIRE_CUDA=cuda>=12.4", "NVIDIA_VISIBLE_DEVICES=all", "NVIDIA_DRIVER_CAPABILITIES=compute,utility",
		"NVIDIA_PRODUCT_NAME=CUDA", "CUDA_VERSION=12.4.1",
		"NV_CUDA_CUDART_VERSION=12.4.127-1", "NV_CUDA_COMPAT_PACKAGE=cuda-compat-12-4", "NV_CUDA_LIB_VERSION=12.4.1-1",
		"NV_NVTX_VERSION=12.4.127-1", "NV_LIBNPP_VERSION=12.2.5.30-1", "NV_LIBNPP_PACKAGE=libnpp-12-4=12.2.5.30-1",
		"NV_LIBCUSPARSE_VERSION=12.3.1.170-1", "NV_LIBCUBLAS_PACKAGE_NAME=libcublas-12-4", "NV_LIBCUBLAS_VERSION=12.4.5.8-1",
		"NV_LIBCUBLAS_PACKAGE=libcublas-12-4=12.4.5.8-1", "NV_LIBNCCL_PACKAGE_NAME=libnccl2", "NV_LIBNCCL_PACKAGE_VERSION=2.21.5-1",
		"NCCL_VERSION=2.21.5-1", "NV_LIBNCCL_PACKAGE=libnccl2=2.21.5-1+cuda12.4",
		"NV_CUDA_CUDART_DEV_VERSION=12.4.127-1", "NV_NVML_DEV_VERSION=12.4.127-1", "NV_LIBCUSPARSE_DEV_VERSION=12.3.1.170-1",
		"NV_LIBNPP_DEV_VERSION=12.2.5.30-1", "NV_LIBNPP_DEV_PACKAGE=libnpp-dev-12-4=12.2.5.30-1",
		"NV_LIBCUBLAS_DEV_VERSION=12.4.5.8-1", "NV_LIBCUBLAS_DEV_PACKAGE_NAME=libcublas-dev-12-4",
		"NV_LIBCUBLAS_DEV_PACKAGE=libcublas-dev-12-4=12.4.5.8-1", "NV_CUDA_NSIGHT_COMPUTE_VERSION=12.4.1-1",
		"NV_CUDA_NSIGHT_COMPUTE_DEV_PACKAGE=cuda-nsight-compute-12-4=12.4.1-1", "NV_NVPROF_VERSION=12.4.128-1",
		"NV_NVPROF_DEV_PACKAGE=cuda-nvprof-12-4=12.4.128-1", "NV_LIBNCCL_DEV_PACKAGE_NAME=libnccl-dev",
		"NV_LIBNCCL_DEV_PACKAGE_VERSION=2.21.5-1", "NV_LIBNCCL_DEV_PACKAGE=libnccl-dev=2.21.5-1+cuda12.4",
		"NV_CUDNN_VERSION=9.1.0.70-1", "NV_CUDNN_PACKAGE_NAME=libcudnn9-cuda-12",
		"NV_CUDNN_PACKAGE=libcudnn9-cuda-12=9.1.0.70-1", "NV_CUDNN_PACKAGE_DEV=libcudnn9-dev-cuda-12=9.1.0.70-1",
	}

	// jupyterEnv is what jupyter/docker-stacks-foundation sets, which every
	// image of the stacks inherits, plus what base-notebook adds.
	jupyterEnv = []string{
		"PATH=/opt/conda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"DEBIAN_FRONTEND=noninteractive", "CONDA_DIR=/opt/conda", "SHELL=/bin/bash",
		"NB_USER=jovyan", "NB_UID=1000", "NB_GID=100", "HOME=/home/jovyan",
		"LC_ALL=C.UTF-8", "LANG=C.UTF-8", "LANGUAGE=C.UTF-8",
		"JUPYTER_PORT=8888",                   // base-notebook, 2023 on
		"XDG_CACHE_HOME=/home/jovyan/.cache/", // base-notebook, older tags
	}
	jupyterGPU   = []string{"NVIDIA_VISIBLE_DEVICES=all", "NVIDIA_DRIVER_CAPABILITIES=compute,utility", "LD_LIBRARY_PATH=:/usr/local/nvidia/lib64"}
	jupyterJulia = []string{"JULIA_DEPOT_PATH=/opt/julia", "JULIA_PKGDIR=/opt/julia", "JULIA_VERSION=1.10.4"}
	jupyterSpark = []string{"APACHE_SPARK_VERSION=3.5.0", "HADOOP_VERSION=3", "SPARK_HOME=/usr/local/spark",
		"SPARK_OPTS=--driver-java-options=-Xms1024M --driver-java-options=-Xmx4096M --driver-java-options=-Dlog4j.logLevel=info",
		"PYTHONPATH=/usr/local/spark/python:/usr/local/spark/python/lib/py4j-0.10.9.7-src.zip"} // PYTHONPATH: older tags
)

// jupyterStacks lists the images of jupyter/docker-stacks and what each adds
// to jupyterEnv. They are published as jupyter/NAME (Docker Hub, until
// 2023) and quay.io/jupyter/NAME.
var jupyterStacks = map[string][][]string{
	"docker-stacks-foundation": nil, "base-notebook": nil, "minimal-notebook": nil,
	"scipy-notebook": nil, "r-notebook": nil,
	"julia-notebook": {jupyterJulia}, "datascience-notebook": {jupyterJulia},
	"pyspark-notebook": {jupyterSpark}, "all-spark-notebook": {jupyterSpark},
	"tensorflow-notebook": {jupyterGPU}, "pytorch-notebook": {jupyterGPU},
}

// envTable maps a repository (familiar form: "alpine", "mcr.microsoft.com/dotnet/runtime")
// to the ENV its images set; the images of the table in images.go carry
// theirs in Image.Env. A repository listed with only a PATH is known to
// set nothing else. Repositories not listed are unknown: their variables can
// not be checked offline.
var envTable = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		// Operating system and plain base images: PATH only.
		"alpine": {LinuxPathEnv}, "debian": {LinuxPathEnv}, "ubuntu": {LinuxPathEnv}, "busybox": {LinuxPathEnv},
		"fedora": {LinuxPathEnv, "DISTTAG=f41container", "FGC=f41", "container=oci"},
		"centos": {LinuxPathEnv}, "rockylinux": {LinuxPathEnv}, "almalinux": {LinuxPathEnv}, "amazonlinux": {LinuxPathEnv},
		"archlinux": {LinuxPathEnv, "LANG=C.UTF-8"}, "oraclelinux": {LinuxPathEnv}, "photon": {LinuxPathEnv},
		"opensuse/leap": {LinuxPathEnv}, "opensuse/tumbleweed": {LinuxPathEnv},
		"mcr.microsoft.com/azurelinux/base/core":       {LinuxPathEnv},
		"mcr.microsoft.com/azurelinux/distroless/base": {LinuxPathEnv},
		"mcr.microsoft.com/cbl-mariner/base/core":      {LinuxPathEnv},
		"registry.access.redhat.com/ubi8":              {LinuxPathEnv, "container=oci"},
		"registry.access.redhat.com/ubi9":              {LinuxPathEnv, "container=oci"},
		"registry.access.redhat.com/ubi8/ubi-minimal":  {LinuxPathEnv, "container=oci"},
		"registry.access.redhat.com/ubi9/ubi-minimal":  {LinuxPathEnv, "container=oci"},
		"gcr.io/distroless/static":                     {LinuxPathEnv, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
		"gcr.io/distroless/static-debian11":            {LinuxPathEnv, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
		"gcr.io/distroless/static-debian12":            {LinuxPathEnv, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
		"gcr.io/distroless/base":                       {LinuxPathEnv, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
		"gcr.io/distroless/base-debian12":              {LinuxPathEnv, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
		"gcr.io/distroless/cc":                         {LinuxPathEnv, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},
		"gcr.io/distroless/cc-debian12":                {LinuxPathEnv, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"},

		// Language images (docker-library unless the name says otherwise).

		"pypy": {"PATH=/opt/pypy/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
			"PYPY_VERSION=7.3.17"},

		"php":      phpEnv,
		"composer": append(append([]string{}, phpEnv...), "COMPOSER_ALLOW_SUPERUSER=1", "COMPOSER_HOME=/tmp", "COMPOSER_VERSION=2.8.3"),

		"ibm-semeru-runtimes": javaEnv,
		"sapmachine":          javaEnv,

		"tomcat": append(append([]string{}, javaEnv...), "CATALINA_HOME=/usr/local/tomcat", "TOMCAT_NATIVE_LIBDIR=/usr/local/tomcat/native-jni-lib", "LD_LIBRARY_PATH=/usr/local/tomcat/native-jni-lib", "GPG_KEYS=0", "TOMCAT_MAJOR=10", "TOMCAT_VERSION=10.1.33", "TOMCAT_SHA512=0"),
		"erlang": erlangEnv,
		"elixir": append(append([]string{}, erlangEnv...), "ELIXIR_VERSION=v1.17.3"),

		"julia": {"PATH=/usr/local/julia/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JULIA_PATH=/usr/local/julia", "JULIA_GPG=3673DF529D9049477F76B37566E3C7DC03D6E495", "JULIA_VERSION=1.11.1"},

		"mcr.microsoft.com/dotnet/runtime-deps": dotnetDeps,
		"mcr.microsoft.com/dotnet/runtime":      dotnetRuntime,
		"mcr.microsoft.com/dotnet/aspnet":       dotnetAspnet,

		// Machine learning.
		"nvidia/cuda":         cudaEnv,
		"nvcr.io/nvidia/cuda": cudaEnv,
		// pytorch/pytorch: runtime tags copy nvidia/cuda's variables, devel
		// tags are built on it; both add the conda PATH.
		"pytorch/pytorch": append(append([]string{"PATH=/opt/conda/bin:/usr/local/nvidia/bin:/usr/local/cuda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
			cudaEnv[1:]...), "PYTORCH_VERSION=2.5.1", "CONDA_OVERRIDE_CUDA=12.4"),

		// Servers and tools.
		"nginx":    {LinuxPathEnv, "NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7", "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm"},
		"httpd":    {"PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HTTPD_PREFIX=/usr/local/apache2", "HTTPD_VERSION=2.4.62", "HTTPD_SHA256=0", "HTTPD_PATCHES="},
		"postgres": {"PATH=/usr/lib/postgresql/17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOSU_VERSION=1.17", "LANG=en_US.utf8", "PG_MAJOR=17", "PG_VERSION=17.2", "PG_SHA256=0", "DOCKER_PG_LLVM_DEPS=llvm19-dev clang19", "PGDATA=/var/lib/postgresql/data"},
		"mysql":    {LinuxPathEnv, "GOSU_VERSION=1.17", "MYSQL_MAJOR=8.4", "MYSQL_VERSION=8.4.3-1.el9", "MYSQL_SHELL_VERSION=8.4.3-1.el9"},
		"mariadb":  {LinuxPathEnv, "GOSU_VERSION=1.17", "LANG=C.UTF-8", "MARIADB_VERSION=1:11.4.4+maria~ubu2404"},
		"mongo":    {LinuxPathEnv, "GOSU_VERSION=1.17", "JSYAML_VERSION=3.13.1", "JSYAML_CHECKSUM=0", "MONGO_PACKAGE=mongodb-org", "MONGO_REPO=repo.mongodb.org", "MONGO_MAJOR=8.0", "MONGO_VERSION=8.0.3", "HOME=/data/db"},
		"redis":    {LinuxPathEnv, "REDIS_VERSION=7.4.1", "REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-7.4.1.tar.gz", "REDIS_DOWNLOAD_SHA=0"},
		"docker":   {LinuxPathEnv, "DOCKER_VERSION=27.3.1", "DOCKER_BUILDX_VERSION=0.18.0", "DOCKER_COMPOSE_VERSION=2.30.3", "DOCKER_TLS_CERTDIR=/certs", "DIND_COMMIT=0"},
		"caddy":    {LinuxPathEnv, "CADDY_VERSION=v2.8.4", "XDG_CONFIG_HOME=/config", "XDG_DATA_HOME=/data"},
	}
})

// archNamespaces are the docker-library per-architecture mirrors
// (amd64/buildpack-deps is buildpack-deps for amd64).
var archNamespaces = map[string]bool{
	"amd64": true, "arm32v5": true, "arm32v6": true, "arm32v7": true, "arm64v8": true, "i386": true,
	"mips64le": true, "ppc64le": true, "riscv64": true, "s390x": true, "windows-amd64": true, "winamd64": true,
}

// envRepo is the repository an image's environment is filed under: ParseRef's,
// without a per-architecture mirror namespace or the dotnet "nightly" one.
func envRepo(ref string) string {
	repo := ParseRef(ref).Repo
	if ns, rest, found := strings.Cut(repo, "/"); found && archNamespaces[ns] {
		repo = rest
	}
	return strings.Replace(repo, "mcr.microsoft.com/dotnet/nightly/", "mcr.microsoft.com/dotnet/", 1)
}

// Env returns the environment (KEY=value) a well-known image sets and
// whether the image is one; for any other image nothing can be said
// offline: it may set any variable. ref is an image reference, its tag and
// digest ignored.
func Env(ref string) ([]string, bool) {
	if strings.ContainsAny(ref, "$ ") {
		return nil, false // not expanded: could be any image
	}
	repo := envRepo(ref)
	for _, img := range table {
		if img.Repo == repo && img.Env != nil {
			return img.Env, true
		}
	}
	if env, ok := envTable()[repo]; ok {
		return env, true
	}
	if name, ok := strings.CutPrefix(strings.TrimPrefix(repo, "quay.io/"), "jupyter/"); ok {
		if extra, ok := jupyterStacks[name]; ok {
			env := append([]string{}, jupyterEnv...)
			for _, e := range extra {
				env = append(env, e...)
			}
			return env, true
		}
	}
	// Families whose every repository sets only PATH (and certificates).
	if strings.HasPrefix(repo, "mcr.microsoft.com/windows/") {
		return []string{WindowsPathEnv}, true
	}
	if rest, ok := strings.CutPrefix(repo, "gcr.io/distroless/"); ok &&
		!strings.Contains(rest, "java") && !strings.Contains(rest, "python") && !strings.Contains(rest, "nodejs") {
		return []string{LinuxPathEnv, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"}, true
	}
	return nil, false
}
