package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

// TestComposeCompletionE2E runs the built server over stdio and completes
// the build target of a Compose service, then of a Bake target, with the
// stages of the Dockerfiles they point to.
func TestComposeCompletionE2E(t *testing.T) {
	root := t.TempDir()
	for name, text := range map[string]string{
		"services/api/Dockerfile.api": "FROM golang:1.22 AS build\nRUN true\nFROM build AS test\nFROM gcr.io/distroless/static AS release\n",
		"Dockerfile":                  "FROM alpine AS base\nFROM base AS debug\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	cmd := exec.Command(binary, "--log-level", "error")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	c := lsptest.New(stdout, stdin)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	var init map[string]any
	if err := c.Call(ctx, "initialize", map[string]any{
		"processId": nil, "rootUri": string(uri.File(root)), "capabilities": map[string]any{},
		"clientInfo": map[string]any{"name": "e2e"},
	}, &init); err != nil {
		t.Fatal(err)
	}
	c.Notify("initialized", map[string]any{})

	type list struct {
		Items []struct {
			Label    string `json:"label"`
			TextEdit struct {
				NewText string `json:"newText"`
			} `json:"textEdit"`
		} `json:"items"`
	}
	complete := func(file, languageID, text string, line, char int) string {
		t.Helper()
		u := string(uri.File(filepath.Join(root, file)))
		c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": languageID, "version": 1, "text": text}})
		var l list
		if err := c.Call(ctx, "textDocument/completion", map[string]any{
			"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": line, "character": char},
		}, &l); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range l.Items {
			got = append(got, it.TextEdit.NewText)
		}
		return strings.Join(got, " ")
	}

	compose := "services:\n  api:\n    build:\n      context: ./services/api\n      dockerfile: Dockerfile.api\n      target: \n"
	if got := complete("docker-compose.yml", "dockercompose", compose, 5, 14); got != "build test release" {
		t.Errorf("compose completion: %q", got)
	}
	bake := "target \"debug\" {\n  target = \n}\n"
	if got := complete("docker-bake.hcl", "hcl", bake, 1, 11); got != `"base" "debug"` {
		t.Errorf("bake completion: %q", got)
	}

	var targets []map[string]any
	if err := c.Call(ctx, "workspace/executeCommand", map[string]any{
		"command": "dockerfile-lsp.targets", "arguments": []any{string(uri.File(filepath.Join(root, "services", "api", "Dockerfile.api")))},
	}, &targets); err != nil || len(targets) != 3 {
		raw, _ := json.Marshal(targets)
		t.Errorf("targets command: %v %s", err, raw)
	}

	if err := c.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	c.Notify("exit", nil)
}
