package refactor

import (
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
)

// runtimeLib maps a -dev package to the library a program built against it
// needs at run time, per package family.
var runtimeLib = map[string]map[string]string{
	"apt": {
		"libpq-dev": "libpq5", "libsqlite3-dev": "libsqlite3-0", "libssl-dev": "libssl3",
		"libffi-dev": "libffi8", "libjpeg-dev": "libjpeg62-turbo", "libjpeg62-turbo-dev": "libjpeg62-turbo",
		"libpng-dev": "libpng16-16", "libxml2-dev": "libxml2", "libxslt1-dev": "libxslt1.1", "libxslt-dev": "libxslt1.1",
		"zlib1g-dev": "zlib1g", "default-libmysqlclient-dev": "libmariadb3", "libmariadb-dev": "libmariadb3",
		"libmariadb-dev-compat": "libmariadb3", "libmysqlclient-dev": "libmariadb3", "libcurl4-openssl-dev": "libcurl4",
		"libyaml-dev": "libyaml-0-2", "libmagic-dev": "libmagic1", "libzmq3-dev": "libzmq5", "libgmp-dev": "libgmp10",
		"libbz2-dev": "libbz2-1.0", "liblzma-dev": "liblzma5", "libevent-dev": "libevent-2.1-7", "libuv1-dev": "libuv1",
		"libsasl2-dev": "libsasl2-2", "libldap2-dev": "libldap-2.5-0", "libwebp-dev": "libwebp7",
		"libfreetype6-dev": "libfreetype6", "libfreetype-dev": "libfreetype6", "libtiff-dev": "libtiff6",
		"libtiff5-dev": "libtiff6", "liblcms2-dev": "liblcms2-2", "libopenjp2-7-dev": "libopenjp2-7",
		"libgeos-dev": "libgeos-c1v5", "libproj-dev": "libproj25", "libcairo2-dev": "libcairo2",
		"libreadline-dev": "libreadline8", "libncurses-dev": "libncursesw6", "libncurses5-dev": "libncursesw6", "libncursesw5-dev": "libncursesw6",
		"libpcre3-dev": "libpcre3", "libpcre2-dev": "libpcre2-8-0", "libsodium-dev": "libsodium23",
		"libprotobuf-dev": "libprotobuf32", "libboost-all-dev": "", "libgdal-dev": "gdal-bin",
	},
	"apk": {
		"postgresql-dev": "libpq", "libpq-dev": "libpq", "sqlite-dev": "sqlite-libs", "openssl-dev": "libssl3",
		"libffi-dev": "libffi", "jpeg-dev": "libjpeg-turbo", "libjpeg-turbo-dev": "libjpeg-turbo", "zlib-dev": "zlib",
		"libxml2-dev": "libxml2", "libxslt-dev": "libxslt", "mariadb-dev": "mariadb-connector-c",
		"mariadb-connector-c-dev": "mariadb-connector-c", "curl-dev": "libcurl", "yaml-dev": "yaml",
		"libpng-dev": "libpng", "freetype-dev": "freetype", "libwebp-dev": "libwebp", "tiff-dev": "tiff",
		"lcms2-dev": "lcms2", "openjpeg-dev": "openjpeg", "gmp-dev": "gmp", "libsodium-dev": "libsodium",
		"readline-dev": "readline", "ncurses-dev": "ncurses-libs", "pcre-dev": "pcre", "pcre2-dev": "pcre2",
		"geos-dev": "geos", "libmagic": "libmagic", "libevent-dev": "libevent", "libuv-dev": "libuv",
	},
}

// runtimePackages are the packages the runtime stage should install for
// what the build installed: the run-time libraries of -dev packages and the
// packages that are neither build tools nor -dev (ffmpeg, tzdata...). skip
// lists packages the runtime image already has. unknown are -dev packages
// without a known run-time library.
func (sf *stageFacts) runtimePackages(family string, skip map[string]bool) (pkgs, unknown []string) {
	seen := map[string]bool{}
	add := func(p string) {
		if p != "" && !seen[p] && !skip[p] {
			seen[p] = true
			pkgs = append(pkgs, p)
		}
	}
	for _, in := range sf.pkgs {
		if in.family != family {
			continue
		}
		for _, n := range in.names {
			switch {
			case strings.Contains(n, "$"):
			case facts.BuildOnlyPackage(n) || strings.HasPrefix(n, "openjdk-") || strings.HasPrefix(n, "gcc-") || strings.HasPrefix(n, "g++-") || strings.HasPrefix(n, "clang-"):
			case isDevPackage(n):
				if lib, ok := runtimeLib[family][n]; ok {
					add(lib)
				} else if !seen["?"+n] {
					seen["?"+n] = true
					unknown = append(unknown, n)
				}
			default:
				add(n)
			}
		}
	}
	sort.Strings(unknown)
	return pkgs, unknown
}

func isDevPackage(n string) bool {
	return strings.HasSuffix(n, "-dev") || strings.HasSuffix(n, "-devel") || strings.Contains(n, "-dev-") || strings.HasSuffix(n, "-headers")
}

// installLine is a RUN that installs pkgs with the family's manager, in the
// shape the project's own rules ask for (no recommends, no cache left).
func (st style) installLine(family string, pkgs []string) string {
	switch family {
	case "apt":
		return st.line("RUN", "apt-get update && apt-get install -y --no-install-recommends "+strings.Join(pkgs, " ")+" && rm -rf /var/lib/apt/lists/*")
	case "apk":
		return st.line("RUN", "apk add --no-cache "+strings.Join(pkgs, " "))
	}
	return ""
}
