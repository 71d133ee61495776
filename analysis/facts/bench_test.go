package facts_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// benchFile is the bench file: 2,000 lines in 20 stages of about
// 100 lines each, with package installs, builds, copies between stages,
// ENV, WORKDIR and USER changes.
func benchFile() string {
	var b strings.Builder
	b.WriteString("# syntax=docker/dockerfile:1\nARG GO_VERSION=1.22\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "FROM golang:${GO_VERSION} AS build%d\n", i)
		b.WriteString("LABEL org.opencontainers.image.title=app\nLABEL org.opencontainers.image.version=1\nLABEL stage=build\nARG TARGETOS\n")
		b.WriteString("WORKDIR /src\nENV CGO_ENABLED=0 GOFLAGS=-mod=vendor\n")
		b.WriteString("RUN apt-get update && \\\n    apt-get install -y --no-install-recommends \\\n        gcc \\\n        libc6-dev \\\n        make && \\\n    rm -rf /var/lib/apt/lists/*\n")
		b.WriteString("COPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod \\\n    go mod download\n")
		for j := 0; j < 13; j++ {
			fmt.Fprintf(&b, "# step %d\nCOPY pkg%d/ ./pkg%d/\nENV STEP_%d=value-%d\nRUN mkdir -p /out/%d && \\\n    go build -o /out/%d/app ./pkg%d && \\\n    cp /out/%d/app /usr/local/bin/app%d\n", j, j, j, j, j, j, j, j, j, j)
		}
		if i > 0 {
			fmt.Fprintf(&b, "COPY --from=build%d /out/ /prev/\n", i-1)
		}
		b.WriteString("RUN apk add --virtual .deps curl && curl -fsSL -o /tmp/x.tgz https://example.com/x.tgz && tar -xzf /tmp/x.tgz -C /opt && apk del .deps\n")
		b.WriteString("USER 1000\nEXPOSE 8080\nENTRYPOINT [\"/usr/local/bin/app0\"]\n\n")
	}
	return b.String()
}

func TestBenchFileShape(t *testing.T) {
	text := benchFile()
	m := model.Build(syntax.Parse(text))
	if lines := strings.Count(text, "\n"); lines < 2000 || lines > 2200 || len(m.Stages) != 20 {
		t.Fatalf("bench file: %d lines, %d stages", lines, len(m.Stages))
	}
	f := facts.Compute(m)
	if st := f.Stages[19]; len(st.Builds) != 13 || !st.Complete || st.Program.Path != "/usr/local/bin/app0" {
		t.Fatalf("last stage: %d builds, complete %v, program %q", len(st.Builds), st.Complete, st.Program.Path)
	}
}

// BenchmarkFacts2000 measures the facts of the bench file (budget: 1 ms).
// "edited" changes the text in front of every instruction each time, so
// every RUN has moved, the case of an edit above all of them; "unchanged-
// runs" is a keystroke after the last RUN, where the RUNs are where they
// were. A RUN's shell parse is position-independent (shell.Parse), so both
// reuse it as it is, and should cost the same.
func BenchmarkFacts2000(b *testing.B) {
	text := benchFile()
	b.Run("edited", func(b *testing.B) {
		models := make([]*model.Model, 0, 64)
		for i := 0; i < cap(models); i++ {
			models = append(models, model.Build(syntax.Parse(strings.Repeat(" ", i+1)+"\n"+text)))
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if i > 0 && i%len(models) == 0 {
				b.StopTimer()
				for k := range models { // new offsets: every RUN moves again
					models[k] = model.Build(syntax.Parse(strings.Repeat(" ", i+k+1) + "\n" + text))
				}
				b.StartTimer()
			}
			facts.Compute(models[i%len(models)])
		}
	})
	b.Run("unchanged-runs", func(b *testing.B) {
		m := model.Build(syntax.Parse(text))
		facts.Compute(m)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			facts.Compute(m)
		}
	})
}
