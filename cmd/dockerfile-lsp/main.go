// Command dockerfile-lsp is a language server for Dockerfiles (the default,
// over stdin and stdout) and a command-line checker (`dockerfile-lsp check`).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/exp/zapslog"
	"go.uber.org/zap/zapcore"

	"github.com/dockerfile-lsp/dockerfile-lsp/internal/exepages"
	"github.com/dockerfile-lsp/dockerfile-lsp/server"
)

// defaultMemoryLimit is the Go runtime's soft memory limit for the server
// with no large document open; the server raises it for large ones.
const defaultMemoryLimit = 20 << 20

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = "dev"

// commands are the subcommands; a new one is one line here plus a
// func(args, stdout, stderr) int. Without a subcommand the server runs.
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"serve":      runServe,
	"check":      runCheck,
	"fix":        runFix,
	"targets":    runTargets,
	"graph":      runGraph,
	"completion": runCompletion,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd(args[1:], stdout, stderr)
		}
		if args[0] == "help" {
			usage(stdout)
			return 0
		}
		if !strings.HasPrefix(args[0], "-") {
			fmt.Fprintf(stderr, "dockerfile-lsp: unknown command %q\n\n", args[0])
			usage(stderr)
			return 2
		}
	}
	return runServe(args, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: dockerfile-lsp [serve] [--stdio] [--log-file PATH] [--log-level LEVEL]
       dockerfile-lsp check [flags] [PATH...]
       dockerfile-lsp fix [--split] [-w] FILE...
       dockerfile-lsp targets [--json] [FILE]
       dockerfile-lsp graph [--format mermaid|dot|json] [--target STAGE] [FILE]
       dockerfile-lsp completion bash|zsh|fish
       dockerfile-lsp --version

Without a command, dockerfile-lsp serves the Language Server Protocol on
stdin and stdout. Each command takes -h for its flags:
  check       report findings (stage graph, final image, BuildKit's checks)
  fix         apply the quick fixes, or split a single-stage build (--split)
  targets     list the stages docker build --target can pick
  graph       draw the stages and how they depend on each other
  completion  print a shell script that completes docker build --target

serve flags:
`)
	fs, _ := serveFlags(w)
	fs.PrintDefaults()
}

type serveOptions struct {
	logFile, logLevel string
	delay             time.Duration
	version           bool
}

func serveFlags(output io.Writer) (*flag.FlagSet, *serveOptions) {
	var opts serveOptions
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.StringVar(&opts.logFile, "log-file", "", "append logs to this file instead of stderr")
	fs.StringVar(&opts.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.DurationVar(&opts.delay, "diagnostics-delay", server.DefaultDiagnosticsDelay, "wait this long after a change before analysing (default: analyse at once, a newer version cancelling an older analysis)")
	fs.BoolVar(&opts.version, "version", false, "print the version and exit")
	// Clients append these; stdio is the only transport, so they change nothing.
	fs.Bool("stdio", false, "serve over stdin and stdout, which it always does (accepted because clients append it)")
	fs.Int("clientProcessId", 0, "the client's process id (accepted and ignored)")
	return fs, &opts
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs, opts := serveFlags(stderr)
	fs.Usage = func() { usage(stderr) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dockerfile-lsp: unexpected argument %q\n\n", fs.Arg(0))
		usage(stderr)
		return 2
	}
	if opts.version {
		fmt.Fprintf(stdout, "dockerfile-lsp %s\n", version)
		return 0
	}
	logger, closeLog, err := newLogger(opts.logFile, opts.logLevel, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "dockerfile-lsp: %v\n", err)
		return 2
	}
	defer closeLog()

	// go.lsp.dev logs through log/slog: send that to the same place.
	slogger := slog.New(zapslog.NewHandler(logger.Core()))
	slog.SetDefault(slogger)
	ctx := protocol.WithLogger(context.Background(), slogger)

	delay := opts.delay
	if delay == 0 {
		delay = -1 // Options reads zero as "the default"
	}
	var memoryLimit int64
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit: the heap of a server with a few files open is far
		// below it and GOGC alone paces the collector; with hundreds open,
		// collecting earlier keeps the resident size near 40 MB instead of
		// letting the heap double. The server raises it while large
		// documents are open. GOMEMLIMIT overrides it all.
		memoryLimit = defaultMemoryLimit
		debug.SetMemoryLimit(memoryLimit)
	}
	logger.Info("starting", zap.String("version", version))
	s := server.New(server.Options{Logger: logger, Version: version, DiagnosticsDelay: delay, MemoryLimit: memoryLimit,
		Initialized: func() { releaseStartupPages(logger) }})
	code := s.Serve(ctx, stdio{})
	logger.Info("exiting", zap.Int("status", code))
	return code
}

// releaseStartupPages drops the executable's code pages, most of which only
// package initialisation ran (see exepages): 5 MB less resident with the
// real corpus open, for a few milliseconds of minor faults in the first
// analysis after it.
func releaseStartupPages(logger *zap.Logger) {
	n, err := exepages.Release()
	if err != nil {
		logger.Warn("releasing start-up pages", zap.Error(err))
		return
	}
	logger.Debug("released start-up pages", zap.Int64("mapped-bytes", n))
}

// newLogger logs to the file, or to stderr; never to stdout, which carries
// the protocol.
func newLogger(path, level string, stderr io.Writer) (*zap.Logger, func(), error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, nil, fmt.Errorf("unknown --log-level %q (debug, info, warn or error)", level)
	}
	out := zapcore.AddSync(stderr)
	closeLog := func() {}
	if path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot open the log file: %w", err)
		}
		out, closeLog = zapcore.AddSync(f), func() { f.Close() }
	}
	enc := zap.NewProductionEncoderConfig()
	enc.EncodeTime = zapcore.ISO8601TimeEncoder
	core := zapcore.NewCore(zapcore.NewConsoleEncoder(enc), zapcore.Lock(out), lvl)
	return zap.New(core), closeLog, nil
}

// stdio is the server's connection: stdin to read, stdout to write.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error                { return os.Stdin.Close() }
