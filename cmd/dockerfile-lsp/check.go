package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
)

// runCheck implements `dockerfile-lsp check [flags] [PATH...]` and returns the
// exit status: 0 clean, 1 findings at or above --fail-level, 2 usage or I/O errors.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("check", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: dockerfile-lsp check [flags] [PATH...]\n\nChecks Dockerfiles (default ./Dockerfile); a directory is searched for Dockerfile, Dockerfile.*, *.dockerfile and Containerfile*.\n\nflags:")
		fset.PrintDefaults()
	}
	format := fset.String("format", "text", "output format: "+reportNames())
	failLevel := fset.String("fail-level", "warning", "exit 1 when a finding is at least this severe: error, warning, information, hint")
	target := fset.String("target", "", "treat this stage as the final one, like docker build --target")
	workspace := fset.String("workspace", ".", "folder searched for Compose and Bake files, CI workflows, Makefiles and scripts that build stages with --target, so those are not reported unused (empty: none)")
	var disabled, severities, buildArgs listFlag
	fset.Var(&buildArgs, "build-arg", "a build argument the build sets, NAME=VALUE, as docker build --build-arg (repeatable)")
	fset.Var(&disabled, "disable", "turn a rule off (repeatable)")
	fset.Var(&severities, "severity", "set a rule's severity, RULE=off|hint|information|warning|error (repeatable)")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail, ok := analysis.ParseSeverity(*failLevel)
	if !ok || fail == analysis.Off {
		fmt.Fprintf(stderr, "check: unknown --fail-level %q\n", *failLevel)
		return 2
	}
	write, ok := reports[*format]
	if !ok {
		fmt.Fprintf(stderr, "check: unknown --format %q (%s)\n", *format, reportNames())
		return 2
	}
	cfg := check.Config{Target: *target, Severity: map[string]analysis.Severity{}}
	for _, name := range disabled {
		cfg.Severity[name] = analysis.Off
	}
	for _, kv := range severities {
		name, level, _ := strings.Cut(kv, "=")
		sev, ok := analysis.ParseSeverity(level)
		if name == "" || !ok {
			fmt.Fprintf(stderr, "check: --severity wants RULE=LEVEL, got %q\n", kv)
			return 2
		}
		cfg.Severity[name] = sev
	}
	for _, kv := range buildArgs {
		name, value, ok := strings.Cut(kv, "=")
		if name == "" || !ok {
			fmt.Fprintf(stderr, "check: --build-arg wants NAME=VALUE, got %q\n", kv)
			return 2
		}
		if cfg.BuildArgs == nil {
			cfg.BuildArgs = map[string]string{}
		}
		cfg.BuildArgs[name] = value
	}
	paths := fset.Args()
	if len(paths) == 0 {
		paths = []string{"Dockerfile"}
	}
	files, err := expandPaths(paths)
	if err != nil {
		fmt.Fprintf(stderr, "check: %v\n", err)
		return 2
	}

	var index *targets.Index
	if *workspace != "" {
		root, err := filepath.Abs(*workspace)
		if err == nil {
			index = targets.NewIndex(targets.Options{})
			err = index.Scan(context.Background(), root)
		}
		if err != nil {
			fmt.Fprintf(stderr, "check: --workspace: %v\n", err)
			return 2
		}
	}

	status := 0
	var findings []finding
	var checked []string
	for _, path := range files {
		text, err := readDockerfile(path)
		if err != nil {
			fmt.Fprintf(stderr, "%s: error: %v\n", path, err)
			status = 2
			continue
		}
		checked = append(checked, path)
		f := syntax.Parse(text)
		lines := f.Lines()
		cfg.Targeted = nil
		if abs, err := filepath.Abs(path); err == nil && index != nil {
			cfg.Targeted = index.Targeted(abs)
		}
		for _, d := range check.Run(context.Background(), f, cfg) {
			if d.Severity.AtLeast(fail) && status == 0 {
				status = 1
			}
			line, col := position(lines, text, d.Range.Start)
			endLine, endCol := position(lines, text, d.Range.End)
			findings = append(findings, finding{
				File: path, Line: line, Column: col, EndLine: endLine, EndCol: endCol,
				LineText: lines.LineText(line - 1), Diagnostic: d,
			})
		}
	}
	if err := write(stdout, checked, findings); err != nil {
		fmt.Fprintf(stderr, "check: %v\n", err)
		return 2
	}
	return status
}

// position is 1-based, with the column counted in characters as editors show it.
func position(lines *syntax.LineIndex, text string, off int) (int, int) {
	line, col := lines.Position(off)
	start := lines.LineStart(line)
	return line + 1, utf8.RuneCountInString(text[start:start+col]) + 1
}

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// maxDockerfileSize keeps a stray multi-gigabyte file from being read whole.
const maxDockerfileSize = 16 << 20

func readDockerfile(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("cannot read: %w", errors.Unwrap(err))
	}
	if info.Size() > maxDockerfileSize {
		return "", fmt.Errorf("file is %d bytes, more than the %d a Dockerfile may reasonably have", info.Size(), maxDockerfileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("cannot read: %w", errors.Unwrap(err))
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return "", errors.New("not a text file (NUL bytes or invalid UTF-8)")
	}
	return string(data), nil
}

// expandPaths keeps files as given and searches directories for Dockerfiles.
func expandPaths(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable corner of the tree is not fatal
			}
			if d.IsDir() {
				if path != p && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == "vendor") {
					return filepath.SkipDir
				}
				return nil
			}
			if isDockerfileName(d.Name()) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// isDockerfileName recognises the file names users give Dockerfiles.
func isDockerfileName(name string) bool {
	lower := strings.ToLower(name)
	return lower == "dockerfile" || strings.HasPrefix(lower, "dockerfile.") ||
		strings.HasSuffix(lower, ".dockerfile") || strings.HasPrefix(lower, "containerfile")
}
