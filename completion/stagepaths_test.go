package completion

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

const buildStage = "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN mkdir -p /etc/app\nRUN go build -o /out/api ./cmd/api\n"

func TestCopyFromPaths(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    string // labels in order; "" for none of KindFile/KindFolder
		replace string
	}{
		{"after the stage", buildStage + "FROM scratch\nCOPY --from=build <|>", "/out/api /src /etc/app", ""},
		{"prefix filters", buildStage + "FROM scratch\nCOPY --from=build /o<|>", "/out/api", "/o"},
		{"relative prefix", buildStage + "FROM scratch\nCOPY --from=build sr<|>", "/src", "sr"},
		{"several flags", buildStage + "FROM scratch\nCOPY --from=build --chown=1:1 <|>", "/out/api /src /etc/app", ""},
		{"flag after", buildStage + "FROM scratch\nCOPY --chmod=755 --from=build /out/<|> /app", "/out/api", "/out/"},
		{"by index", buildStage + "FROM scratch\nCOPY --from=0 /out<|>", "/out/api", "/out"},
		{"exec form", buildStage + "FROM scratch\nCOPY --from=build [\"/ou<|>\", \"/app\"]", "/out/api", "/ou"},
		{"half-typed exec form", buildStage + "FROM scratch\nCOPY --from=build [\"/ou<|>", "/out/api", "/ou"},
		{"inherited through FROM stage", buildStage + "FROM build AS test\nRUN touch /tmp/x\nFROM scratch\nCOPY --from=test /<|>", "/out/api /src /etc/app /tmp/x", "/"},
		{"an image: nothing", buildStage + "FROM scratch\nCOPY --from=alpine:3.20 /<|>", "", ""},
		{"no --from: nothing", buildStage + "FROM scratch\nCOPY <|>", "", ""},
		{"a flag being typed", buildStage + "FROM scratch\nCOPY --from=build --<|>", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, text := at(t, tt.input)
			var got []string
			for _, it := range res.Items {
				if it.Kind == KindFile || it.Kind == KindFolder {
					got = append(got, it.Label)
					if it.Detail == "" || it.Doc == "" {
						t.Errorf("%s has no detail or documentation", it.Label)
					}
				}
			}
			if strings.Join(got, " ") != tt.want {
				t.Fatalf("paths = %q, want %q", strings.Join(got, " "), tt.want)
			}
			if tt.want != "" {
				if r := text[res.Replace.Start:res.Replace.End]; r != tt.replace {
					t.Errorf("replaces %q, want %q", r, tt.replace)
				}
			}
		})
	}
}

func TestCopyFromPathsDetail(t *testing.T) {
	res, _ := at(t, buildStage+"FROM scratch\nCOPY --from=build /out<|>")
	if len(res.Items) != 1 || res.Items[0].Detail != "RUN go build -o /out/api ./cmd/api" || res.Items[0].SortText[0] != '0' {
		t.Fatalf("items = %+v", res.Items)
	}
}

// With the build context, the paths a Node build writes are those its
// package.json settles: react-scripts writes build/, and nothing else of
// the guesses (dist, .next, out) is offered.
func TestCopyFromPathsNodeBuild(t *testing.T) {
	bc := analysistest.Context(t, map[string]string{"package.json": `{"scripts": {"build": "react-scripts build"}}`})
	input := "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/<|>"
	off := strings.Index(input, cursor)
	text := input[:off] + input[off+len(cursor):]
	for _, tc := range []struct {
		name string
		env  Env
		want string
	}{
		{"no context: the guesses", Env{}, "/app/dist /app/build /app/.next /app/out /app/node_modules"},
		{"package.json settles it", Env{BuildContext: func() *buildcontext.Context { return bc }}, "/app/build /app/node_modules"},
	} {
		res := CompleteIn(model.Build(syntax.Parse(text)), off, tc.env)
		var got []string
		for _, it := range res.Items {
			got = append(got, it.Label)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: paths = %q, want %q", tc.name, strings.Join(got, " "), tc.want)
		}
	}
}
