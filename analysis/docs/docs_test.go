package docs

import (
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

var allInstructions = []string{
	"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
	"ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
}

// buildkitFlags is every flag BuildKit v0.34 registers (instructions/parse.go
// and the RUN hooks); the test below checks BuildKit accepts each.
var buildkitFlags = map[string][]string{
	"FROM":        {"platform"},
	"RUN":         {"mount", "network", "security", "device"},
	"COPY":        {"from", "chown", "chmod", "link", "parents", "exclude"},
	"ADD":         {"chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"},
	"HEALTHCHECK": {"interval", "timeout", "start-period", "start-interval", "retries"},
}

func TestEveryInstructionAndFlagHasText(t *testing.T) {
	for key := range idx().entries {
		if isUpper(key) && !slices.Contains(allInstructions, key) {
			t.Errorf("%s: documented, but no instruction", key)
		}
	}
	for _, cmd := range allInstructions {
		if s, ok := Instruction(cmd); !ok || len(s) < 40 {
			t.Errorf("%s: no text", cmd)
		}
		want := strings.Join(buildkitFlags[cmd], ",")
		got := Flags(cmd)
		if strings.Join(got, ",") != want {
			t.Errorf("%s flags = %v, want %v", cmd, got, want)
		}
		for _, f := range got {
			if s, ok := Flag(cmd, f); !ok || s == "" {
				t.Errorf("%s --%s: no text", cmd, f)
			}
		}
	}
}

// TestBuildKitAcceptsEveryFlag parses each documented flag with BuildKit: a
// flag it did not know would fail with "unknown flag".
func TestBuildKitAcceptsEveryFlag(t *testing.T) {
	for cmd, fl := range idx().flags {
		for _, f := range fl {
			line := cmd + " --" + f + "=x a b"
			switch cmd {
			case "HEALTHCHECK":
				line = cmd + " --" + f + "=1s CMD true"
			case "FROM":
				line = cmd + " --" + f + "=linux/amd64 alpine"
			}
			res, err := parser.Parse(strings.NewReader(line))
			if err != nil {
				t.Fatal(err)
			}
			_, err = instructions.ParseInstruction(res.AST.Children[0])
			if err != nil && strings.Contains(err.Error(), "unknown flag") {
				t.Errorf("%s: BuildKit does not know --%s: %v", cmd, f, err)
			}
		}
	}
}

func TestMountDirectiveAndArgTexts(t *testing.T) {
	for _, typ := range MountTypes() {
		if _, ok := MountType(typ); !ok {
			t.Errorf("mount type %s: no text", typ)
		}
		for _, k := range MountKeys(typ) {
			if _, ok := MountKey(typ, k); !ok {
				t.Errorf("mount %s key %s: no text", typ, k)
			}
		}
	}
	for _, alias := range []string{"dst", "destination", "src", "ro", "rw"} {
		if _, ok := MountKey("bind", alias); !ok {
			t.Errorf("mount alias %s: no text", alias)
		}
	}
	a, _ := MountKey("cache", "id")
	b, _ := MountKey("secret", "id")
	if a == b {
		t.Error("cache and secret ids should have their own texts")
	}
	for _, d := range []string{"syntax", "escape", "check"} {
		if _, ok := Directive(d); !ok {
			t.Errorf("directive %s: no text", d)
		}
	}
	for _, name := range []string{"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE", "no_proxy", "HTTPS_PROXY"} {
		if _, ok := PredefinedArg(name); !ok {
			t.Errorf("arg %s: no text", name)
		}
	}
}

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"Use `COPY` here":                   "Use COPY here",
		"the `` ` `` character":             "the ` character",
		"**bold** and\n```\ncode\n```\nend": "bold and\n    code\nend",
	} {
		if got := Plain(in); got != want {
			t.Errorf("Plain(%q) = %q, want %q", in, got, want)
		}
	}
	for k, v := range idx().entries {
		if p := Plain(v); strings.Contains(p, "`` ") || strings.Contains(p, "**") {
			t.Errorf("%s: plain text keeps markup: %q", k, p)
		}
	}
}
