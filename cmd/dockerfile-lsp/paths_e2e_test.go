package main

import (
	"testing"
)

// TestE2ECopyFromPaths: over JSON-RPC with the real binary, completion after
// `COPY --from=build ` offers what the build stage produces, its build output
// first with the instruction that writes it, as file items replacing nothing.
func TestE2ECopyFromPaths(t *testing.T) {
	p := start(t, "--stdio")
	ctx := ctxFor(t)
	p.initialize(t, clientCaps)
	const uri = "file:///e2e/paths/Dockerfile"
	text := "FROM golang:1.23 AS build\n" +
		"WORKDIR /src\n" +
		"COPY . .\n" +
		"RUN go build -o /out/api ./cmd/api\n" +
		"\n" +
		"FROM gcr.io/distroless/static-debian12:nonroot\n" +
		"COPY --from=build "
	p.open(t, uri, text)

	var list struct {
		Items []struct {
			Label    string `json:"label"`
			Kind     int    `json:"kind"`
			Detail   string `json:"detail"`
			SortText string `json:"sortText"`
			TextEdit *struct {
				Range struct {
					Start struct{ Line, Character int } `json:"start"`
					End   struct{ Line, Character int } `json:"end"`
				} `json:"range"`
				NewText string `json:"newText"`
			} `json:"textEdit"`
		} `json:"items"`
	}
	if err := p.Call(ctx, "textDocument/completion", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "position": pos(6, 18)}, &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 2 {
		t.Fatalf("items %+v, want /out/api and /src", list.Items)
	}
	first, second := list.Items[0], list.Items[1]
	if first.SortText > second.SortText {
		first, second = second, first
	}
	const lspFile, lspFolder = 17, 19
	if first.Label != "/out/api" || first.Kind != lspFile || first.Detail != "RUN go build -o /out/api ./cmd/api" {
		t.Errorf("first item %+v, want the build output /out/api with its RUN", first)
	}
	if second.Label != "/src" || second.Kind != lspFolder && second.Kind != lspFile {
		t.Errorf("second item %+v, want /src", second)
	}
	if e := first.TextEdit; e != nil && (e.Range.Start.Line != 6 || e.Range.Start.Character != 18 || e.Range.End.Character != 18 || e.NewText != "/out/api") {
		t.Errorf("text edit %+v, want /out/api inserted at 6:18", e)
	}
}
