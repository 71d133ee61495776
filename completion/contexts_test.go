package completion

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// at completes input at its cursor marker and returns the text with the
// marker removed.
func at(t *testing.T, input string) (Result, string) {
	t.Helper()
	off := strings.Index(input, cursor)
	if off < 0 {
		t.Fatal("no cursor marker")
	}
	text := input[:off] + input[off+len(cursor):]
	res := CompleteIn(model.Of(syntax.Parse(text)), off, Env{})
	if res.Replace.Start < 0 || res.Replace.End > len(text) || res.Replace.Start > off || res.Replace.End < off {
		t.Fatalf("replace %v does not hold the cursor %d", res.Replace, off)
	}
	return res, text
}

func labels(items []Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return strings.Join(out, " ")
}

const platformArgs = "BUILDPLATFORM BUILDOS BUILDARCH BUILDVARIANT BUILDOSVERSION TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT TARGETOSVERSION TARGETSTAGE"

const allInstructions = "ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE FROM HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL STOPSIGNAL USER VOLUME WORKDIR"

func TestCompletionContexts(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    string // labels separated by spaces; "" for none
		replace string
	}{
		// Instructions.
		{"empty file: ARG and FROM only", "<|>", "ARG FROM", ""},
		{"after a comment, still before FROM", "# hello\n<|>", "ARG FROM", ""},
		{"after FROM", "FROM a\n<|>", allInstructions, ""},
		{"prefix", "FROM a\nR<|>", "RUN", "R"},
		{"lower-case prefix", "FROM a\nru<|>", "RUN", "ru"},
		{"keyword of an existing line", "FROM a\nCO<|>PY x y", "COPY", "COPY"},
		{"indented blank line", "FROM a\n  <|>", allInstructions, ""},
		{"crlf", "FROM a\r\n<|>\r\nRUN x\r\n", allInstructions, ""},
		{"onbuild", "FROM a\nONBUILD <|>", "ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE HEALTHCHECK LABEL RUN SHELL STOPSIGNAL USER VOLUME WORKDIR", ""},
		{"onbuild prefix", "FROM a\nONBUILD RU<|>", "RUN", "RU"},
		{"empty continuation line", "FROM a\nRUN a \\\n<|>", "", ""},
		{"continuation comment line", "FROM a\nRUN a \\\n # <|>\n b", "", ""},
		{"heredoc body", "FROM a\nRUN <<EOF\n<|>\nEOF\n", "", ""},
		{"not at the start of a line", "FROM a\nRUN x <|>", "", ""},

		// Flags.
		{"copy flags", "FROM a\nCOPY --<|>", "--from --chown --chmod --link --parents --exclude", "--"},
		{"copy flags at a blank", "FROM a\nCOPY <|>", "--from --chown --chmod --link --parents --exclude", ""},
		{"given flags are left out", "FROM a\nCOPY --from=x --ch<|>", "--chown --chmod", "--ch"},
		{"several flags and a dash", "FROM a\nCOPY --from=build --chown=1:1 -<|>", "--chmod --link --parents --exclude", "-"},
		{"add flags", "FROM a\nADD --<|>", "--chown --chmod --link --checksum --keep-git-dir --unpack --exclude", "--"},
		{"run flags", "FROM a\nRUN --<|>", "--mount --network --security --device", "--"},
		{"mount repeats", "FROM a\nRUN --mount=type=cache,target=/x --network=none --<|>", "--mount --security --device", "--"},
		{"healthcheck", "FROM a\nHEALTHCHECK <|>", "CMD NONE --interval --timeout --start-period --start-interval --retries", ""},
		{"flag name with a value", "FROM a\nCOPY --ch<|>own=1 /a /b", "--chown --chmod", "--chown"},
		{"from flag", "FROM a\nFROM -<|>", "--platform", "-"},
		{"flags before the arguments", "FROM a\nCOPY --from=x <|> /a /b", "--chown --chmod --link --parents --exclude", ""},
		{"no flags after an argument", "FROM a\nCOPY a <|>", "", ""},
		{"no flags inside an argument", "FROM a\nCOPY a/<|>", "", ""},
		{"broken json", "FROM a\nCMD [<|>", "", ""},
		{"unknown instruction", "FROM a\nRUNN --<|>", "", ""},

		// Flag values.
		{"platform", "FROM --platform=<|> a", "$BUILDPLATFORM $TARGETPLATFORM linux/amd64 linux/arm64 linux/arm/v7 linux/arm/v6 linux/386 linux/ppc64le linux/s390x linux/riscv64 windows/amd64", ""},
		{"platform prefix", "FROM --platform=linux/a<|>", "linux/amd64 linux/arm64 linux/arm/v7 linux/arm/v6", "linux/a"},
		{"network", "FROM a\nRUN --network=<|> true", "default none host", ""},
		{"security", "FROM a\nRUN --security=i<|>", "insecure", "i"},
		{"switch value", "FROM a\nCOPY --link=<|>", "true false", ""},
		{"healthcheck interval", "FROM a\nHEALTHCHECK --interval=<|>", "5s 10s 30s 1m 5m", ""},

		// Mounts.
		{"mount keys of the default type", "FROM a\nRUN --mount=<|>", "type target source from readwrite readonly", ""},
		{"mount types", "FROM a\nRUN --mount=type=<|>", "bind cache tmpfs secret ssh", ""},
		{"mount type prefix", "FROM a\nRUN --mount=type=c<|>", "cache", "c"},
		{"cache keys", "FROM a\nRUN --mount=type=cache,<|>", "target id sharing from source readonly mode uid gid", ""},
		{"given keys are left out", "FROM a\nRUN --mount=type=cache,target=/root/.cache/go-build,<|> go build", "id sharing from source readonly mode uid gid", ""},
		{"aliases count as given", "FROM a\nRUN --mount=type=bind,dst=/x,<|>", "source from readwrite readonly", ""},
		{"key before a value", "FROM a\nRUN --mount=type=cache,shar<|>=locked", "sharing", "shar"},
		{"sharing values", "FROM a\nRUN --mount=type=cache,sharing=<|>", "shared private locked", ""},
		{"cache targets", "FROM a\nRUN --mount=type=cache,target=/go<|>", "/go/pkg/mod", "/go"},
		{"secret keys", "FROM a\nRUN --mount=type=secret,<|>", "id target env required mode uid gid", ""},
		{"secret keys after id", "FROM a\nRUN --mount=type=secret,id=x,re<|>", "required", "re"},
		{"tmpfs size", "FROM a\nRUN --mount=type=tmpfs,size=<|>", "64m 512m 1g", ""},
		{"second mount", "FROM a\nRUN --mount=type=cache,target=/x --mount=type=s<|>", "secret ssh", "s"},

		// Directives.
		{"directive names", "#<|>", "syntax escape check", ""},
		{"directive prefix", "# sy<|>", "syntax", "sy"},
		{"directive after a directive", "# syntax=docker/dockerfile:1\n# e<|>", "escape", "e"},
		{"given directive left out", "# syntax=docker/dockerfile:1\n# s<|>", "", ""},
		{"escape values", "# escape=<|>\nFROM a", "` \\", ""},
		{"syntax values", "# syntax=<|>", "docker/dockerfile:1 docker/dockerfile:1-labs", ""},
		{"syntax value of a directive", "# syntax=docker/dockerfile:1<|>\nFROM a", "docker/dockerfile:1 docker/dockerfile:1-labs", "docker/dockerfile:1"},
		{"directive name of a directive", "# synt<|>ax=docker/dockerfile:1", "syntax", "syntax"},
		{"check values", "# check=<|>", "skip= error=true skip=all", ""},
		{"check rule", "# check=skip=JSON<|>", "JSONArgsRecommended", "JSON"},
		{"check second rule", "# check=skip=JSONArgsRecommended,Stage<|>;error=true", "StageNameCasing StageIndexOutOfRange", "Stage"},
		{"check project rule", "# check=skip=Unu<|>", "UnusedStage", "Unu"},
		{"check after a setting", "# check=error=true;sk<|>", "skip= skip=all", "sk"},
		{"not after an instruction", "FROM a\n# sy<|>", "", ""},
		{"not after an ordinary comment", "# hello\n# sy<|>", "", ""},
		{"not after a blank line", "\n# sy<|>", "", ""},
		{"not in comment text", "# hello <|>", "", ""},

		// Variables.
		{"global args in FROM", "ARG V=1\nFROM alpine:$<|>", "V " + platformArgs, ""},
		{"global args in FROM, braced prefix", "ARG VERSION=1\nFROM alpine:${VE<|>", "VERSION", "VE"},
		{"global arg needs redeclaring", "ARG V=1\nFROM alpine\nLABEL x=$<|>", "", ""},
		{"redeclared global arg", "ARG V=1\nFROM alpine\nARG V\nLABEL x=${<|>", "V", ""},
		{"env from the parent stage", "FROM alpine AS base\nENV FOO=1\nFROM base\nWORKDIR $F<|>", "FOO", "F"},
		{"not from another stage", "FROM alpine AS base\nENV FOO=1\nFROM alpine\nWORKDIR $F<|>", "", ""},
		{"not from later lines", "FROM alpine\nWORKDIR $F<|>\nENV FOO=1", "", ""},
		{"not from the same instruction", "FROM alpine\nENV A=1 B=$<|>", "", ""},
		{"run adds proxies", "FROM alpine\nENV A=1\nRUN echo $<|>", "A HTTP_PROXY HTTPS_PROXY FTP_PROXY NO_PROXY ALL_PROXY", ""},
		{"heredoc body", "FROM alpine\nENV ABC=1\nRUN <<EOF\necho $AB<|>\nEOF\n", "ABC", "AB"},
		{"quoted heredoc is literal", "FROM alpine\nENV A=1\nRUN <<'EOF'\necho $<|>\nEOF\n", "", ""},
		{"escaped dollar", "FROM alpine\nENV A=1\nCOPY \\$<|> /x", "", ""},
		{"escaped dollar with backtick escape", "# escape=`\nFROM alpine\nENV A=1\nCOPY `$<|> /x", "", ""},
		{"mid-name replaces the name", "FROM alpine\nENV ABC=1\nCOPY ${A<|>BC:-x} /x", "ABC", "ABC"},
		{"positional parameter", "FROM alpine\nENV A=1\nRUN echo $1<|>", "", ""},
		{"in a flag value", "ARG P=linux/amd64\nFROM --platform=$<|> alpine", "P " + platformArgs, ""},

		// ARG names.
		{"arg names in a stage", "ARG VERSION=1\nFROM a\nARG <|>", "VERSION " + platformArgs + " SOURCE_DATE_EPOCH BUILDKIT_INLINE_CACHE BUILDKIT_CONTEXT_KEEP_GIT_DIR BUILDKIT_MULTI_PLATFORM BUILDKIT_SANDBOX_HOSTNAME", ""},
		{"arg name prefix", "ARG VERSION=1\nFROM a\nARG TARGETA<|>", "TARGETARCH", "TARGETA"},
		{"redeclared arg left out", "ARG VERSION=1\nFROM a\nARG VERSION\nARG V<|>", "", ""},
		{"arg value is not a name", "FROM a\nARG X=T<|>", "", ""},

		// Images and FROM.
		{"image prefix", "FROM gol<|>", "golang", "gol"},
		{"image tags", "FROM golang:1.2<|>", "golang:1.25 golang:1.25-alpine golang:1.25-bookworm golang:1.24 golang:1.24-alpine", "golang:1.2"},
		{"image tags of a docker.io name", "FROM docker.io/library/rust:1-<|>", "docker.io/library/rust:1-slim docker.io/library/rust:1-alpine", "docker.io/library/rust:1-"},
		{"image by its last path element", "FROM static<|>", "gcr.io/distroless/static-debian12 cgr.dev/chainguard/static", "static"},
		{"stages come first", "FROM alpine AS builder\nFROM bu<|>", "builder busybox buildpack-deps", "bu"},
		{"digest is not completed", "FROM golang@sha<|>", "", ""},
		{"AS", "FROM golang:1.22 <|>", "AS", ""},
		{"AS prefix", "FROM golang:1.22 a<|>", "AS", "a"},
		{"nothing after AS", "FROM golang:1.22 AS <|>", "", ""},
		{"stopsignal", "FROM a\nSTOPSIGNAL SIGQ<|>", "SIGQUIT", "SIGQ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, text := at(t, tt.input)
			if got := labels(res.Items); got != tt.want {
				t.Fatalf("labels\n got: %s\nwant: %s", got, tt.want)
			}
			if r := text[res.Replace.Start:res.Replace.End]; tt.want != "" && r != tt.replace {
				t.Errorf("replaces %q, want %q", r, tt.replace)
			}
			for _, it := range res.Items {
				if it.Kind == 0 {
					t.Errorf("%s: no kind", it.Label)
				}
			}
		})
	}
}

// TestInsertText checks what is inserted, with and without snippets.
func TestInsertText(t *testing.T) {
	tests := []struct {
		input, label       string
		insert, snippet    string
		retrigger, hasDocs bool
	}{
		{"FROM a\nCO<|>", "COPY", "COPY ", "COPY ${1:src} ${2:dest}", false, true},
		{"FROM a\nCO<|>PY a b", "COPY", "COPY", "", false, true},
		{"<|>", "FROM", "FROM ", "FROM ${1:image} AS ${2:name}", false, true},
		{"FROM a\nONBUILD <|>", "RUN", "RUN ", "RUN ${1:command}", false, true},
		{"FROM a\nCOPY --fr<|>", "--from", "--from=", "", true, true},
		{"FROM a\nCOPY --li<|>", "--link", "--link", "", false, true},
		{"FROM a\nCOPY --fr<|>=x", "--from", "--from", "", false, true},
		{"FROM a\nRUN --mount=type=cache,ta<|>", "target", "target=", "", true, true},
		{"FROM a\nRUN --mount=type=cache,ta<|>=/x", "target", "target", "", false, true},
		{"FROM a\nRUN --mount=type=secret,req<|>", "required", "required", "", false, true},
		{"FROM a\nRUN --mount=type=ca<|>", "cache", "cache,", "", true, true},
		{"# sy<|>", "syntax", "syntax=", "", true, true},
		{"FROM a\nENV ABC=1\nRUN ${AB<|>", "ABC", "ABC}", "", false, false},
		{"FROM a\nENV ABC=1\nRUN ${AB<|>}", "ABC", "ABC", "", false, false},
		{"FROM a\nENV ABC=1\nRUN $AB<|>", "ABC", "ABC", "", false, false},
		{"FROM gola<|>", "golang", "", "", false, true},
		{"FROM a\nHEALTHCHECK C<|>", "CMD", "CMD ", "", false, false},
		{"ARG VERSION=1\nFROM a\nARG TARGETA<|>", "TARGETARCH", "", "", false, true},
	}
	for _, tt := range tests {
		res, _ := at(t, tt.input)
		var found *Item
		for i := range res.Items {
			if res.Items[i].Label == tt.label {
				found = &res.Items[i]
			}
		}
		if found == nil {
			t.Errorf("%q: no %s in %s", tt.input, tt.label, labels(res.Items))
			continue
		}
		if found.InsertText != tt.insert || found.Snippet != tt.snippet || found.Retrigger != tt.retrigger {
			t.Errorf("%q %s: insert %q snippet %q retrigger %v, want %q %q %v", tt.input, tt.label,
				found.InsertText, found.Snippet, found.Retrigger, tt.insert, tt.snippet, tt.retrigger)
		}
		if doc := Documentation(found.Key, true); (doc != "") != tt.hasDocs {
			t.Errorf("%q %s: key %q documentation %q", tt.input, tt.label, found.Key, doc)
		}
	}
}

// TestDocumentation renders every catalogue entry in both formats.
func TestDocumentation(t *testing.T) {
	var keys []string
	for _, in := range Instructions {
		keys = append(keys, "instruction:"+in.Name)
	}
	for _, f := range Flags {
		for _, in := range f.Instructions {
			keys = append(keys, "flag:"+in+":"+f.Name)
		}
	}
	for _, m := range MountTypes() {
		keys = append(keys, "mounttype:"+m.Name)
	}
	for _, k := range MountKeys {
		keys = append(keys, "mountkey:"+k.Name)
	}
	for _, d := range Directives {
		keys = append(keys, "directive:"+d.Name)
	}
	for _, a := range model.PredefinedArgs {
		keys = append(keys, "arg:"+a.Name)
	}
	for _, im := range images.KnownImages {
		keys = append(keys, "image:"+im.Repo)
	}
	for _, key := range keys {
		md, plain := Documentation(key, true), Documentation(key, false)
		if md == "" || plain == "" {
			t.Errorf("%s: no documentation", key)
		}
		if strings.Contains(plain, "`") && !strings.HasPrefix(key, "directive:escape") {
			t.Errorf("%s: plain text with Markdown: %q", key, plain)
		}
	}
	for _, key := range []string{"", "instruction:NOPE", "flag:RUN:from", "mountkey:nope", "zzz:x"} {
		if d := Documentation(key, true); d != "" {
			t.Errorf("%q: documentation %q for an unknown key", key, d)
		}
	}
	// The catalogue and the hover texts (analysis/docs) agree on which flags
	// each instruction takes and which keys each mount type takes.
	for _, in := range Instructions {
		if got, want := strings.Join(in.Flags, ","), strings.Join(docs.Flags(in.Name), ","); !sameSet(got, want) {
			t.Errorf("%s flags: catalogue %s, docs %s", in.Name, got, want)
		}
	}
	for _, m := range MountTypes() {
		got := strings.Join(append([]string{"type"}, m.Keys...), ",")
		if want := strings.Join(docs.MountKeys(m.Name), ","); !sameSet(got, want) {
			t.Errorf("mount type %s keys: catalogue %s, docs %s", m.Name, got, want)
		}
	}
	// Every flag an instruction lists exists in the flag table and back.
	for _, in := range Instructions {
		for _, f := range in.Flags {
			if _, ok := Flag(in.Name, f); !ok {
				t.Errorf("%s lists unknown flag %s", in.Name, f)
			}
		}
	}
	for _, m := range MountTypes() {
		for _, k := range m.Keys {
			if _, ok := MountKeyInfo(k); !ok {
				t.Errorf("mount type %s lists unknown key %s", m.Name, k)
			}
		}
	}
}

func sameSet(a, b string) bool {
	as, bs := strings.Split(a, ","), strings.Split(b, ",")
	slices.Sort(as)
	slices.Sort(bs)
	return slices.Equal(as, bs)
}
