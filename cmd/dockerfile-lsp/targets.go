package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

const targetsUsage = `usage: dockerfile-lsp targets [--json] [FILE]

Lists the stages of a Dockerfile that docker build --target can pick, one
name per line, in file order. FILE defaults to ./Dockerfile; a folder means
its Dockerfile and - reads standard input.

  --json   print every stage, named or not, as a JSON array of
           {"index", "name", "base", "line", "final"}
`

// runTargets implements `dockerfile-lsp targets [--json] [FILE]`: exit status
// 0, or 2 on a usage error or an unreadable file. Shell completion scripts
// call it, so it prints nothing but the names on success.
func runTargets(args []string, stdout, stderr io.Writer) int {
	asJSON := false
	var files []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			files = append(files, args[i+1:]...)
			i = len(args)
		case a == "--json" || a == "-json":
			asJSON = true
		case a == "-h" || a == "-help" || a == "--help":
			fmt.Fprint(stdout, targetsUsage)
			return 0
		case strings.HasPrefix(a, "-") && a != "-":
			fmt.Fprintf(stderr, "targets: unknown flag %s\n\n%s", a, targetsUsage)
			return 2
		default:
			files = append(files, a)
		}
	}
	if len(files) > 1 {
		fmt.Fprintf(stderr, "targets: one file at a time, got %d\n\n%s", len(files), targetsUsage)
		return 2
	}
	path := "Dockerfile"
	if len(files) == 1 {
		path = files[0]
	}
	text, err := readTargetsFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "targets: %v\n", err)
		return 2
	}
	stages := targets.Stages(model.Build(syntax.Parse(text)))
	if asJSON {
		out, _ := json.MarshalIndent(stages, "", "  ")
		fmt.Fprintf(stdout, "%s\n", out)
		return 0
	}
	for _, s := range stages {
		if s.Name != "" {
			fmt.Fprintln(stdout, s.Name)
		}
	}
	return 0
}

func readTargetsFile(path string) (string, error) {
	if path == "-" {
		data, err := io.ReadAll(io.LimitReader(os.Stdin, targets.MaxDockerfileSize+1))
		if len(data) > targets.MaxDockerfileSize {
			return "", fmt.Errorf("standard input is larger than %d MiB", targets.MaxDockerfileSize>>20)
		}
		return string(data), err
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "Dockerfile")
	}
	// The user named the file (or its folder): it may be anywhere, but a
	// FIFO or a device is refused and the read is capped.
	data, err := wsfile.Read(context.Background(), path, wsfile.Options{UserOpened: true, MaxSize: targets.MaxDockerfileSize})
	return string(data), err
}
