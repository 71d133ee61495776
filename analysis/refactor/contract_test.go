package refactor_test

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// splitVerdict is what the rule and the refactoring say of one file.
type splitVerdict struct {
	fired, offered bool
	result         refactor.Result
	err            error // why the split was refused
	m              *model.Model
}

func verdictOf(text string) splitVerdict {
	m := model.Build(syntax.Parse(text))
	v := splitVerdict{m: m}
	analysis.NewPass(rules.SingleStageBuild, m, "", func(analysis.Diagnostic) { v.fired = true }).Run()
	r, err := refactor.SplitDetail(m.File, m)
	v.offered, v.result, v.err = err == nil, r, err
	return v
}

// splitExceptions are the only reasons SingleStageBuild and the split may
// disagree on a file. RULES.md says the diagnostic is where the split is
// offered; each exception is a deliberate difference, tested below.
var splitExceptions = []struct {
	name    string
	applies func(v splitVerdict) bool
	example string // a file the exception explains
}{
	{
		// The split also moves an interpreted app's dependency install (npm
		// install, pip install -r) off a full-language base onto a slim
		// runtime; nothing is compiled, so there is no build to report.
		name: "interpreted app: the split slims the runtime, the rule reports only compile steps",
		applies: func(v splitVerdict) bool {
			st := facts.Of(v.m).Stages[0]
			return !v.fired && v.offered && len(st.ShippedBuilds()) == 0 &&
				(v.result.Recipe == "python" || v.result.Recipe == "node-server" || v.result.Recipe == "node-static")
		},
		example: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
	},
	{
		// The split does not rewrite Windows images (no runtime table for
		// them); the compile step still ships, so the rule still reports it.
		name: "Windows image: reported, not split",
		applies: func(v splitVerdict) bool {
			return v.fired && !v.offered && (v.m.File.Escape == '`' || images.Windows(v.m.Stages[0].BaseValue))
		},
		example: "# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022\nWORKDIR C:\\src\nCOPY . .\nRUN dotnet publish -c Release -o C:\\out\nENTRYPOINT [\"C:\\\\out\\\\app.exe\"]\n",
	},
	{
		// The split refuses when the runtime image it would pick is the
		// build's own (a CUDA devel image): nothing would shrink. The
		// compile step still ships in the one image, so the rule still
		// reports it.
		name: "runtime would be the build image: reported, not split",
		applies: func(v splitVerdict) bool {
			return v.fired && !v.offered && v.err != nil && strings.Contains(v.err.Error(), "the build's own image")
		},
		example: "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nWORKDIR /src\nCOPY . .\nRUN make\nCMD [\"./app\"]\n",
	},
}

// explained returns the exception that explains a disagreement, or "".
func explained(v splitVerdict) string {
	for _, e := range splitExceptions {
		if e.applies(v) {
			return e.name
		}
	}
	return ""
}

// TestSplitExceptions: each exception explains its example, and only it.
func TestSplitExceptions(t *testing.T) {
	for _, e := range splitExceptions {
		v := verdictOf(e.example)
		if v.fired == v.offered {
			t.Errorf("%s: the example does not disagree (fired %v, offered %v)", e.name, v.fired, v.offered)
			continue
		}
		if got := explained(v); got != e.name {
			t.Errorf("%s: the example is explained by %q", e.name, got)
		}
	}
}

// TestSplitContractCorpus: over both corpora, SingleStageBuild fires on a
// file exactly when the split is offered on it, except for the reasons of
// splitExceptions.
func TestSplitContractCorpus(t *testing.T) {
	for _, set := range []string{"real", "naive"} {
		counts := map[string]int{}
		for _, p := range corpus.Files(t, set) {
			v := verdictOf(corpus.Read(t, p))
			if v.fired == v.offered {
				continue
			}
			why := explained(v)
			if why == "" {
				t.Errorf("%s: SingleStageBuild fires %v, split offered %v, and no listed reason explains it", p, v.fired, v.offered)
				continue
			}
			counts[why]++
		}
		t.Logf("%s: disagreements by reason: %v", set, counts)
	}
}
