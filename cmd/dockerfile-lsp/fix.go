package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// runFix implements `dockerfile-lsp fix [--split] [-w] FILE...`:
//
//	fix FILE          apply every preferred quick fix, print the result
//	fix --split FILE  split a single-stage build into build and runtime stages
//	-w                write the result back instead of printing it
//
// Exit status: 0 done, 1 nothing applied (the split does not apply, or
// there was nothing to fix), 2 usage or I/O errors. It has the signature of
// the entries of main.go's commands map.
func runFix(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("fix", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: dockerfile-lsp fix [--split] [-w] FILE...\n\n"+
			"Applies every preferred quick fix, or with --split rewrites a single-stage Dockerfile\n"+
			"into a build stage and a runtime stage. Prints the result unless -w is given.\n\nflags:")
		fset.PrintDefaults()
	}
	split := fset.Bool("split", false, "split a single-stage build into build and runtime stages")
	write := fset.Bool("w", false, "write the result back to the file")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	files := fset.Args()
	switch {
	case len(files) == 0:
		fset.Usage()
		return 2
	case len(files) > 1 && !*write:
		fmt.Fprintln(stderr, "fix: give one FILE, or -w to rewrite several")
		return 2
	}
	status := 0
	applied := false
	for _, path := range files {
		text, err := readDockerfile(path, "")
		if err != nil {
			fmt.Fprintf(stderr, "%s: error: %v\n", path, err)
			status = 2
			continue
		}
		var out string
		if *split {
			res, err := refactor.SplitDetail(syntax.Parse(text), nil)
			if err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", path, err)
				continue
			}
			fmt.Fprintf(stderr, "%s: %s\n", path, res.Title)
			out = res.Text
		} else {
			var fixes []check.Applied
			out, fixes = check.FixAll(context.Background(), text, check.Config{})
			fmt.Fprintf(stderr, "%s: %d fix(es) applied\n", path, len(fixes))
			if len(fixes) == 0 {
				if !*write {
					io.WriteString(stdout, out)
				}
				continue
			}
		}
		applied = true
		if !*write {
			io.WriteString(stdout, out)
			continue
		}
		if err := writeBack(path, out); err != nil {
			fmt.Fprintf(stderr, "%s: error: %v\n", path, err)
			status = 2
		}
	}
	if status == 0 && !applied {
		return 1
	}
	return status
}

// writeBack replaces the file's content, keeping its permissions.
func writeBack(path, text string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), info.Mode().Perm())
}
