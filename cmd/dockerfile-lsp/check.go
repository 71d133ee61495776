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
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
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
	contextDir := fset.String("context", "", "the build context folder, like the PATH of docker build (default: each Dockerfile's folder); its files and .dockerignore feed the rules that check COPY sources")
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
	if bad := cfg.UnknownRules(); len(bad) > 0 {
		for _, msg := range bad {
			fmt.Fprintf(stderr, "check: --severity/--disable: %s\n", msg)
		}
		return 2
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

	var workspaceIndex *index.Index
	if *workspace != "" {
		root, err := filepath.Abs(*workspace)
		if err == nil {
			workspaceIndex = index.New(index.Options{})
			err = workspaceIndex.Scan(context.Background(), root)
		}
		if err != nil {
			fmt.Fprintf(stderr, "check: --workspace: %v\n", err)
			return 2
		}
	}

	if *contextDir != "" {
		if info, err := os.Stat(*contextDir); err != nil || !info.IsDir() {
			fmt.Fprintf(stderr, "check: --context %s: not a folder\n", *contextDir)
			return 2
		}
	}
	contexts := buildcontext.NewCache(readContextFile, buildcontext.Limits{})

	status := 0
	var findings []finding
	var checked []string
	for _, file := range files {
		path := file.path
		text, err := readDockerfile(path, file.folder)
		if err != nil {
			fmt.Fprintf(stderr, "%s: error: %v\n", path, err)
			status = 2
			continue
		}
		var diags []analysis.Diagnostic
		switch kind := filekind.Of(path, ""); kind {
		case filekind.Dockerfile:
			f := syntax.Parse(text)
			if msg := cfg.UnknownTarget(model.Of(f)); msg != "" {
				fmt.Fprintf(stderr, "%s: --target: %s\n", path, msg)
				status = 2
				continue
			}
			cfg.Targeted, cfg.BuildContext, cfg.Path = nil, nil, filepath.ToSlash(filepath.Clean(path))
			if abs, err := filepath.Abs(path); err == nil {
				cfg.Path = check.WorkspacePath(workspaceRoots(*workspace), abs)
				if workspaceIndex != nil {
					cfg.Targeted = workspaceIndex.Targeted(context.Background(), nil, abs)
				}
				cfg.BuildContext = buildContext(contexts, *contextDir, abs, stderr)
			}
			diags = check.Run(context.Background(), f, cfg)
		case filekind.Compose, filekind.Bake:
			diags = checkTargets(path, text, *workspace, cfg)
		default:
			fmt.Fprintf(stderr, "%s: error: a %s file, not a Dockerfile: nothing to check\n", path, kind)
			status = 2
			continue
		}
		checked = append(checked, path)
		lines := syntax.NewLineIndex(text)
		for _, d := range diags {
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

// checkTargets checks the build targets of a Compose or Bake file against
// the Dockerfiles they name, as the server does for an open one. The files
// it names are read inside the workspace folder, or else the file's own.
func checkTargets(path, text, workspace string, cfg check.Config) []analysis.Diagnostic {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	files := &wsfile.Source{}
	if workspace != "" {
		if root, err := filepath.Abs(workspace); err == nil {
			files.Roots = []string{root}
		}
	}
	return cfg.ApplySeverity(features.Diagnose(builds.Parse(abs, text), &builds.Resolver{Files: files}))
}

// position is 1-based, with the column counted in characters as editors show it.
func position(lines *syntax.LineIndex, text string, off int) (int, int) {
	line, col := lines.Position(off)
	start := lines.LineStart(line)
	return line + 1, utf8.RuneCountInString(text[start:start+col]) + 1
}

// buildContext walks the context a Dockerfile is built with: dir, or the
// Dockerfile's folder. A walk cut short is said on stderr, since the rules
// that need the whole context then stay silent.
func buildContext(cache *buildcontext.Cache, dir, dockerfile string, stderr io.Writer) *buildcontext.Context {
	if dir == "" {
		dir = filepath.Dir(dockerfile)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	c, err := cache.Get(context.Background(), abs, dockerfile)
	if err != nil {
		fmt.Fprintf(stderr, "check: build context %s: %v\n", dir, err)
		return nil
	}
	if !c.Complete {
		fmt.Fprintf(stderr, "check: build context %s: walk incomplete (%s bound, %d paths); rules that need the whole context are skipped\n", dir, c.Bound, c.Len())
	}
	return c
}

// readContextFile reads a .dockerignore, which must not lead out of its
// folder; a missing one stays recognisable as fs.ErrNotExist.
func readContextFile(path string) ([]byte, error) {
	return wsfile.Read(context.Background(), path, wsfile.Options{Roots: []string{filepath.Dir(path)}, MaxSize: maxDockerfileSize})
}

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// maxDockerfileSize keeps a stray multi-gigabyte file from being read whole.
const maxDockerfileSize = 16 << 20

// readDockerfile reads a Dockerfile the user named (folder empty) or found
// in a folder they named, which it must then not leave. Either way it is
// read only when it is a regular file under maxDockerfileSize.
func readDockerfile(path, folder string) (string, error) {
	opts := wsfile.Options{UserOpened: folder == "", MaxSize: maxDockerfileSize}
	if folder != "" {
		opts.Roots = []string{folder}
	}
	data, err := wsfile.Read(context.Background(), path, opts)
	if err != nil {
		return "", readError(err)
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return "", errors.New("not a text file (NUL bytes or invalid UTF-8)")
	}
	return string(data), nil
}

// readError says why a file cannot be read, without its path, which the
// caller prints first.
func readError(err error) error {
	var refused *wsfile.Error
	if errors.As(err, &refused) {
		return fmt.Errorf("cannot read: %s", refused.Reason())
	}
	if cause := errors.Unwrap(err); cause != nil {
		err = cause
	}
	return fmt.Errorf("cannot read: %w", err)
}

// checkFile is a file to check and the folder it was found in (empty when
// the user named the file itself).
type checkFile struct{ path, folder string }

// expandPaths keeps files as given and searches directories for Dockerfiles.
// The search enters no symlinked folder and skips FIFOs, devices and
// sockets; a symlink with a Dockerfile's name is kept, and reading it
// checks where it leads.
func expandPaths(paths []string) ([]checkFile, error) {
	var files []checkFile
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, checkFile{path: p})
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
			if (d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0) && filekind.ByName(d.Name()) == filekind.Dockerfile {
				files = append(files, checkFile{path: path, folder: p})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// workspaceRoots is where the checked files' paths are read from: the
// --workspace folder, else the current directory.
func workspaceRoots(workspace string) []string {
	if workspace == "" {
		workspace = "."
	}
	if abs, err := filepath.Abs(workspace); err == nil {
		return []string{abs}
	}
	return nil
}
