package hover

import (
	"flag"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

var verbose = flag.Bool("show", false, "print every hover text")

const cursor = "<|>"

func at(t testing.TB, input string) (string, int) {
	t.Helper()
	off := strings.Index(input, cursor)
	if off < 0 {
		t.Fatalf("no cursor in %q", input)
	}
	return input[:off] + input[off+len(cursor):], off
}

func TestHover(t *testing.T) {
	const stages = "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS build\nRUN go build\nFROM alpine:3.20 AS tools\nFROM build AS test\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out /app\n"
	tests := []struct {
		name, input string
		range_      string   // the text the result covers; empty: no hover
		want        []string // substrings of the Markdown text
		plain       []string // substrings of the plain text
	}{
		{"copy from source path", "FROM golang:1.23 AS build\nRUN go build -o /out/api ./cmd/api\nFROM scratch\nCOPY --from=build /out/a<|>pi /api\n", "/out/api",
			[]string{"**Path** `/out/api` from stage `build`", "Written by the build step `go build` on line 2", "RUN go build -o /out/api ./cmd/api"}, []string{"Path /out/api from stage build"}},
		{"copy from source inside a copied directory", "FROM alpine AS build\nCOPY conf /etc/app\nFROM scratch\nCOPY --from=build [\"/etc/app/x.c<|>onf\", \"/x\"]\n", "/etc/app/x.conf",
			[]string{"Copied in (as part of `/etc/app`) on line 2"}, nil},
		{"copy from source nothing produces", "FROM golang:1.23 AS build\nRUN go build -o /out/api ./cmd/api\nFROM scratch\nCOPY --from=build /a<|>pp /api\n", "/app",
			[]string{"No instruction of the stage"}, nil},
		{"stage facts", "FROM golang:1.23 AS bu<|>ild\nRUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev\nRUN go build -o /out/api ./cmd/api\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /out/api /usr/local/bin/api\n", "build",
			[]string{"base kind: toolchain (golang 1.23)", "packages (apt): libsqlite3-dev", "build: `go build` (line 3) → `/out/api`", "in the final image: `/out/api` → `/usr/local/bin/api` (line 5)"}, nil},
		{"stage facts: final stage built on it", "FROM node:20 AS ba<|>se\nRUN npm install -g serve\nFROM base\nCMD [\"serve\"]\n", "base",
			[]string{"packages (npm): serve", "in the final image: all of its files"}, nil},
		{"instruction keyword", "FROM alpine\nCO<|>PY a b\n", "COPY", []string{"**COPY**", "build context"}, []string{"COPY\n"}},
		{"lower-case keyword", "from alpine\nru<|>n true\n", "run", []string{"**RUN**"}, nil},
		{"every instruction has a text", "FROM alpine\nHEALTH<|>CHECK NONE\n", "HEALTHCHECK", []string{"**HEALTHCHECK**"}, nil},
		{"onbuild keyword", "FROM alpine\nONBU<|>ILD RUN true\n", "ONBUILD", []string{"**ONBUILD**"}, nil},
		{"onbuild trigger keyword", "FROM alpine\nONBUILD RU<|>N true\n", "RUN", []string{"**RUN**", "`ONBUILD` trigger"}, nil},
		{"copy from flag name", "FROM alpine AS build\nFROM alpine\nCOPY --fr<|>om=build --chown=1:1 /a /b\n", "--from=build", []string{"**COPY --from**", "index"}, nil},
		{"chown after from", "FROM alpine AS build\nFROM alpine\nCOPY --from=build --cho<|>wn=1:1 /a /b\n", "--chown=1:1", []string{"**COPY --chown**"}, []string{"COPY --chown\n"}},
		{"copy flags", "FROM alpine\nCOPY --link --parents --exclude=*.md --ch<|>mod=755 a b\n", "--chmod=755", []string{"**COPY --chmod**"}, nil},
		{"copy link", "FROM alpine\nCOPY --li<|>nk a b\n", "--link", []string{"**COPY --link**"}, nil},
		{"copy parents", "FROM alpine\nCOPY --pa<|>rents a b\n", "--parents", []string{"**COPY --parents**"}, nil},
		{"copy exclude", "FROM alpine\nCOPY --exc<|>lude=x a b\n", "--exclude=x", []string{"**COPY --exclude**"}, nil},
		{"add checksum", "FROM alpine\nADD --check<|>sum=sha256:abc https://x/y /y\n", "--checksum=sha256:abc", []string{"**ADD --checksum**"}, nil},
		{"add keep-git-dir", "FROM alpine\nADD --keep-git<|>-dir=true https://github.com/a/b.git /src\n", "--keep-git-dir=true", []string{"**ADD --keep-git-dir**"}, nil},
		{"unknown flag", "FROM alpine\nCOPY --fro<|>mm=x a b\n", "--fromm=x", []string{"not a flag of `COPY`", "`--from`"}, nil},
		{"flag of an instruction without flags", "FROM alpine\nUSER --x<|>y app\n", "--xy", []string{"takes no flags"}, nil},
		{"from platform", "FROM --plat<|>form=linux/amd64 alpine\n", "--platform=linux/amd64", []string{"**FROM --platform**"}, nil},
		{"run network", "FROM alpine\nRUN --netw<|>ork=none true\n", "--network=none", []string{"**RUN --network**", "`none`"}, nil},
		{"run security", "FROM alpine\nRUN --secur<|>ity=insecure true\n", "--security=insecure", []string{"**RUN --security**"}, nil},
		{"mount flag name", "FROM alpine\nRUN --mo<|>unt=type=cache,target=/x true\n", "--mount=type=cache,target=/x", []string{"**RUN --mount**"}, nil},
		{"mount type bind", "FROM alpine\nRUN --mount=type=bi<|>nd,target=/x true\n", "bind", []string{"`type=bind`"}, nil},
		{"mount type cache", "FROM alpine\nRUN --mount=type=cac<|>he,target=/x true\n", "cache", []string{"`type=cache`", "persistent"}, nil},
		{"mount type tmpfs", "FROM alpine\nRUN --mount=type=tmp<|>fs,target=/x true\n", "tmpfs", []string{"`type=tmpfs`"}, nil},
		{"mount type secret", "FROM alpine\nRUN --mount=type=sec<|>ret,id=t true\n", "secret", []string{"`type=secret`"}, nil},
		{"mount type ssh", "FROM alpine\nRUN --mount=type=ss<|>h true\n", "ssh", []string{"`type=ssh`"}, nil},
		{"mount type key", "FROM alpine\nRUN --mount=ty<|>pe=ssh true\n", "type=ssh", []string{"`type` (ssh mount)"}, nil},
		{"mount cache id", "FROM alpine\nRUN --mount=type=cache,i<|>d=go,target=/x true\n", "id=go", []string{"`id` (cache mount)", "share one directory"}, nil},
		{"mount secret id", "FROM alpine\nRUN --mount=type=secret,i<|>d=tok true\n", "id=tok", []string{"`id` (secret mount)", "--secret"}, nil},
		{"mount target alias", "FROM alpine\nRUN --mount=type=cache,ds<|>t=/x true\n", "dst=/x", []string{"`target` (cache mount)"}, nil},
		{"mount sharing", "FROM alpine\nRUN --mount=type=cache,target=/x,sharing=loc<|>ked true\n", "sharing=locked", []string{"`sharing`", "`locked`"}, nil},
		{"mount size", "FROM alpine\nRUN --mount=type=tmpfs,target=/x,si<|>ze=64m true\n", "size=64m", []string{"`size` (tmpfs mount)"}, nil},
		{"mount required", "FROM alpine\nRUN --mount=type=ssh,requi<|>red true\n", "required", []string{"`required` (ssh mount)"}, nil},
		{"mount env", "FROM alpine\nRUN --mount=type=secret,id=t,en<|>v=TOKEN true\n", "env=TOKEN", []string{"`env` (secret mount)"}, nil},
		{"mount mode uid gid", "FROM alpine\nRUN --mount=type=secret,id=t,mode=0400,ui<|>d=1000,gid=1000 true\n", "uid=1000", []string{"`uid`"}, nil},
		{"mount source on bind by default", "FROM alpine\nRUN --mount=sou<|>rce=go.mod,target=/go.mod true\n", "source=go.mod", []string{"`source` (bind mount)"}, nil},
		{"mount key not for the type", "FROM alpine\nRUN --mount=type=bind,target=/x,si<|>ze=1 true\n", "size=1", []string{"Bind mounts do not take `size`"}, nil},
		{"unknown mount key", "FROM alpine\nRUN --mount=type=cache,targte<|>=/x true\n", "targte", []string{"not a `--mount` key"}, nil},
		{"healthcheck flags", "FROM alpine\nHEALTHCHECK --interval=5s --timeout=3s --start-period=1s --start-interval=1s --ret<|>ries=3 CMD true\n", "--retries=3", []string{"**HEALTHCHECK --retries**"}, nil},
		{"healthcheck start-interval", "FROM alpine\nHEALTHCHECK --start-inte<|>rval=1s CMD true\n", "--start-interval=1s", []string{"**HEALTHCHECK --start-interval**"}, nil},
		{"syntax directive", "# syn<|>tax=docker/dockerfile:1\nFROM alpine\n", "# syntax=docker/dockerfile:1", []string{"frontend", "`docker.io/docker/dockerfile:1`"}, nil},
		{"escape directive", "# escape=`<|>\nFROM alpine\n", "# escape=`", []string{"**# escape=** `` ` ``", "Windows"}, []string{"escape= `"}},
		{"check directive", "# check=skip=JSONArgsRecommended<|>\nFROM alpine\n", "# check=skip=JSONArgsRecommended", []string{"`skip=", "`error=true`"}, nil},

		{"image with tag", "FROM gol<|>ang:1.22\n", "golang:1.22", []string{"`docker.io/library/golang:1.22`", "official", "Go toolchain", "about 290 MB", "`gcr.io/distroless/static-debian12`"}, nil},
		{"image without tag", "FROM alpi<|>ne\n", "alpine", []string{"`docker.io/library/alpine:latest`", "no tag"}, nil},
		{"image from another registry", "FROM ghcr.io/owner/to<|>ol:v1\n", "ghcr.io/owner/tool:v1", []string{"`ghcr.io/owner/tool:v1`"}, nil},
		{"dotnet sdk", "FROM mcr.microsoft.com/dotnet/s<|>dk:8.0 AS build\n", "mcr.microsoft.com/dotnet/sdk:8.0", []string{".NET SDK", "`mcr.microsoft.com/dotnet/aspnet:8.0`"}, nil},
		{"image with a global ARG", "ARG GO_VERSION=1.22\nFROM gol<|>ang:${GO_VERSION}\n", "golang:${GO_VERSION}", []string{"`docker.io/library/golang:1.22`", "default build arguments"}, nil},
		{"image with an ARG without default", "ARG V\nFROM gol<|>ang:${V}\n", "golang:${V}", []string{"**Image**", "this is `golang:`, which is not a valid image reference"}, nil},
		{"image with a predefined ARG", "FROM gol<|>ang:1.22-$TARGETARCH\n", "golang:1.22-$TARGETARCH", []string{"Decided when the build runs"}, nil},
		{"scratch", "FROM scr<|>atch\n", "scratch", []string{"empty image"}, nil},
		{"copy from an image", "FROM alpine\nCOPY --from=busy<|>box:1.36 /bin/sh /sh\n", "busybox:1.36", []string{"`docker.io/library/busybox:1.36`", "official image"}, nil},
		{"copy from unknown stage", "FROM alpine\nCOPY --from=buil<|>dd /a /b\n", "buildd", []string{"No stage is called `buildd`", "`docker.io/library/buildd:latest`"}, nil},

		{"stage name", stages + "FROM scratch\n" + "COPY --from=te<|>st / /\n", "test", []string{"**Stage** `test` (#2)", "base: stage `build` (line 2)", "used by: `#4` (COPY --from, line 9)", "built for it, through `#4`"}, nil},
		{"stage not in the final image", strings.Replace(stages, "AS test", "AS te<|>st", 1), "test", []string{"used by: no other stage", "not needed by the final stage `#3`", "`--target test`"}, nil},
		{"stage declaration", strings.Replace(stages, "AS build", "AS bu<|>ild", 1), "build", []string{"**Stage** `build` (#0)", "`golang:${GO_VERSION}` → `docker.io/library/golang:1.22`", "`test` (FROM, line 5), `#3` (COPY --from, line 7)", "built for it, through `#3`"}, nil},
		{"final stage", stages + "FROM alpine AS fi<|>nal\nCOPY --from=test / /\n", "final", []string{"this is the final stage", "copies from: `test`"}, nil},
		{"copy from with nothing after", stages + "COPY --from=<|>", "--from=", []string{"**COPY --from**"}, nil},
		{"copy from with nothing after and spaces", stages + "COPY --from=<|>  \n", "--from=", []string{"**COPY --from**"}, nil},
		{"stage declared later is no stage for FROM", "FROM bu<|>ild\nFROM alpine AS build\n", "build", []string{"**Image**", "`docker.io/library/build:latest`", "FROM only sees stages declared above it"}, nil},
		{"stage by index", "FROM alpine\nFROM alpine\nCOPY --from=0<|> / /\n", "0", []string{"**Stage** `#0`", "final image: built for it"}, nil},
		{"stage copies from", "FROM alpine AS a\nFROM alpine AS b\nCOPY --from=a / /\nFROM b AS c\nFROM alpine\nCOPY --from=b<|> / /\n", "b", []string{"copies from: `a`", "used by: `c` (FROM, line 4), `#3` (COPY --from, line 6)"}, nil},

		{"arg before the first FROM in FROM", "ARG GO_VERSION=1.22\nFROM golang:${GO_VER<|>SION}\n", "GO_VERSION", []string{"**ARG** `GO_VERSION` = `1.22`", "line 1, before the first FROM", "`--build-arg GO_VERSION=…` overrides it"}, nil},
		{"global arg redeclared in a stage", "ARG V=1.22\nFROM alpine\nARG V\nRUN echo $V<|>\n", "V", []string{"**ARG** `V` = `1.22`", "set on line 3, in stage `#0`", "default from the global ARG on line 1"}, nil},
		{"global arg not redeclared", "ARG V=1.22\nFROM alpine\nRUN echo $V<|>\n", "V", []string{"**Variable** `V`", "not visible inside a stage until the stage repeats `ARG V`"}, nil},
		{"env from a parent stage", "FROM alpine AS base\nENV APP=/app\nFROM base\nWORKDIR $AP<|>P/bin\n", "APP", []string{"**ENV** `APP` = `/app`", "line 2, in stage `base`"}, nil},
		{"env value expands earlier variables", "FROM alpine\nARG V=2\nENV A=/x/$V\nRUN echo ${A<|>:-d}\n", "A", []string{"**ENV** `A` = `/x/2`"}, nil},
		{"env redeclaration", "FROM alpine\nENV PATH=/a\nENV PA<|>TH=/b:$PATH\n", "PATH", []string{"**ENV** `PATH` = `/b:/a`", "replaces the value set on line 2", "not read anywhere"}, nil},
		{"global arg declaration", "ARG V<|>=1\nFROM a:$V\nARG V\nRUN echo $V $V\nRUN echo ${V}\n", "V", []string{"declared on line 1, before the first FROM", "read on lines 2, 4, 5"}, nil},
		{"arg without value", "FROM alpine\nARG TOKEN\nRUN echo $TOK<|>EN\n", "TOKEN", []string{"(no value)", "empty unless the build passes `--build-arg TOKEN=…`"}, nil},
		{"arg in CMD", "FROM alpine\nARG V=1\nCMD echo $V<|>\n", "V", []string{"do not exist when the container runs"}, nil},
		{"predefined arg in FROM", "FROM --platform=$BUILDPLAT<|>FORM alpine\n", "BUILDPLATFORM", []string{"Predefined", "machine running the build"}, nil},
		{"predefined arg inside a stage without ARG", "FROM alpine\nRUN echo $TARGET<|>ARCH\n", "TARGETARCH", []string{"only visible after `ARG TARGETARCH`"}, nil},
		{"predefined arg declared in the stage", "FROM alpine\nARG TARGETARCH\nRUN echo $TARGET<|>ARCH\n", "TARGETARCH", []string{"**ARG** `TARGETARCH`", "Predefined"}, nil},
		{"undeclared variable", "FROM alpine\nRUN echo $HO<|>ME\n", "HOME", []string{"base image's environment"}, nil},
		{"undeclared in FROM", "FROM alpine:$NO<|>PE\n", "NOPE", []string{"expands to nothing"}, nil},
		{"escape backtick", "# escape=`\nFROM alpine AS build\nFROM alpine\nCOPY `\n  --from=bu<|>ild /a /b\n", "build", []string{"**Stage** `build`"}, nil},
		{"escape backtick flag", "# escape=`\nFROM alpine\nCOPY `\n  --ch<|>own=1 a b\n", "--chown=1", []string{"**COPY --chown**"}, nil},
		{"crlf", "FROM alpine AS build\r\nFROM alpine\r\nCOPY --from=bu<|>ild /a /b\r\n", "build", []string{"**Stage** `build`"}, nil},
		{"crlf keyword", "FROM alpine\r\nRUN echo \\\r\n  hi\r\nWORK<|>DIR /x\r\n", "WORKDIR", []string{"**WORKDIR**"}, nil},
		{"heredoc with tabs", "FROM alpine\nRUN <<-EOT\n\techo hi\n\tEO<|>T\n", "EOT", []string{"**Heredoc** `EOT`", "lines 3–3", "leading tabs"}, nil},
		{"heredoc body", "FROM alpine\nRUN <<EOT\nech<|>o hi\nEOT\n", "", nil, nil},
		{"comment", "FROM alpine\n# a com<|>ment\n", "", nil, nil},
		{"blank line", "FROM alpine\n<|>\nRUN true\n", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, off := at(t, tt.input)
			m := model.Build(syntax.Parse(text))
			res, ok := Hover(m, off, Options{Markdown: true})
			if *verbose {
				t.Logf("%q\n%s", text[res.Range.Start:res.Range.End], res.Text)
			}
			if tt.range_ == "" {
				if ok {
					t.Fatalf("unexpected hover %q: %s", text[res.Range.Start:res.Range.End], res.Text)
				}
				return
			}
			if !ok {
				t.Fatal("no hover")
			}
			if got := text[res.Range.Start:res.Range.End]; got != tt.range_ {
				t.Errorf("range covers %q, want %q", got, tt.range_)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, res.Text)
				}
			}
			plain, _ := Hover(m, off, Options{})
			if strings.Contains(plain.Text, "**") || strings.Contains(plain.Text, "`"+"-") {
				t.Errorf("plain text keeps markup:\n%s", plain.Text)
			}
			for _, w := range tt.plain {
				if !strings.Contains(plain.Text, w) {
					t.Errorf("plain text lacks %q:\n%s", w, plain.Text)
				}
			}
		})
	}
}

// TestNeverPanics covers every offset of awkward inputs.
func TestNeverPanics(t *testing.T) {
	inputs := []string{
		"", "FROM", "COPY --from=", "RUN --mount=", "RUN --mount=type=", "RUN --mount=,,=", "\x00\xff\xfe",
		"FROM a AS b\nRUN <<EOF\n", "# escape=`\nFROM a `\n", "ONBUILD", "ONBUILD COPY --from", "FROM --platform= ",
		"# syntax=\n", "# escape=x\nFROM a\n", "ARG A=${\nFROM $A\n", "FROM a\nRUN <<-\n", "FROM a:$\n",
		"FROM a AS b\nFROM b AS a\nCOPY --from=a / /\n", "FROM a\nENV A=$A\nENV A=$A$A\n", "FROM `a`\n",
	}
	for _, in := range inputs {
		m := model.Build(syntax.Parse(in))
		for off := -1; off <= len(in)+1; off++ {
			Hover(m, off, Options{Markdown: true})
			Hover(m, off, Options{})
		}
	}
}

// The final stage's hover says what the image is for when it is no
// application image, and why, since the final-image rules then stay quiet.
func TestHoverPurpose(t *testing.T) {
	for _, tc := range []struct{ path, text, want string }{
		{"Dockerfile.tilt", "FROM golang:1.22 AS app\nCMD [\"/app\"]\n", "purpose: a development image, as the file is named Dockerfile.tilt"},
		{".github/actions/x/Dockerfile", "FROM alpine:3.20 AS app\nENTRYPOINT [\"/run.sh\"]\n", "purpose: a GitHub action image"},
		{"Dockerfile", "FROM debian:bookworm-slim AS app\nCMD [\"sleep\", \"infinity\"]\n", "only keeps the container alive"},
		{"Dockerfile", "FROM debian:bookworm-slim AS app\nCMD [\"/app\"]\n", ""},
	} {
		m := model.Build(syntax.Parse(tc.text))
		res, _ := Hover(m, strings.Index(tc.text, " AS app")+5, Options{Path: tc.path})
		has := strings.Contains(res.Text, "purpose:")
		if tc.want == "" && has || tc.want != "" && !strings.Contains(res.Text, tc.want) {
			t.Errorf("%s: hover %q, want %q", tc.path, res.Text, tc.want)
		}
	}
}

// TestBuildContextLine checks that the build context line ends the hover of
// the first FROM only.
func TestBuildContextLine(t *testing.T) {
	const line = "Build context: `app` (service \"api\" in compose.yaml:3)"
	tests := []struct {
		name  string
		input string
		want  bool
	}{
		{"first FROM keyword", "FR<|>OM alpine AS build\nFROM build\n", true},
		{"first FROM image", "FROM alp<|>ine AS build\nFROM build\n", true},
		{"second FROM", "FROM alpine AS build\nFR<|>OM build\n", false},
		{"other instruction", "FROM alpine\nRU<|>N true\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, off := at(t, tt.input)
			res, ok := Hover(model.Build(syntax.Parse(text)), off, Options{Markdown: true, BuildContext: line})
			if !ok {
				t.Fatal("no hover")
			}
			if got := strings.HasSuffix(res.Text, line); got != tt.want {
				t.Errorf("ends with the context line: %v, want %v\n%s", got, tt.want, res.Text)
			}
		})
	}
}
