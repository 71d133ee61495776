// Command release builds the server's release files into a folder (make
// release): for each platform a static binary with the version stamped in,
// packed as .tar.gz (.zip for Windows) with the README, and a SHA256SUMS file
// over the archives. It needs nothing but the Go toolchain and the module
// cache, and the archives are byte-for-byte reproducible from the same
// commit: entries are sorted with fixed times and modes.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// platforms are the release targets: GOOS/GOARCH.
var platforms = []string{
	"linux/amd64", "linux/arm64",
	"darwin/amd64", "darwin/arm64",
	"windows/amd64", "windows/arm64",
}

const (
	binary = "dockerfile-lsp"
	pkg    = "./cmd/dockerfile-lsp"
)

// semver is a release version as tags spell it: v1.2.3 or v1.2.3-rc.1.
var semver = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

// epoch is every archive entry's time, so that archives do not depend on
// when they were made.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func main() {
	version := flag.String("version", "", "the version to stamp, e.g. v1.2.3")
	snapshot := flag.Bool("snapshot", false, "accept a version that is not vX.Y.Z (a test build)")
	out := flag.String("out", "dist", "folder to write the release files to (emptied first)")
	only := flag.String("platforms", strings.Join(platforms, ","), "comma-separated GOOS/GOARCH to build")
	flag.Parse()
	if err := release(*version, *snapshot, *out, strings.Split(*only, ",")); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
}

func release(version string, snapshot bool, out string, targets []string) error {
	if !semver.MatchString(version) && !(snapshot && version != "" && !strings.ContainsAny(version, " /\\")) {
		return fmt.Errorf("version %q is not vMAJOR.MINOR.PATCH (make release VERSION=v1.2.3)", version)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return fmt.Errorf("run from the repository root: %w", err)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var sums []string
	for _, target := range targets {
		goos, goarch, ok := strings.Cut(target, "/")
		if !ok {
			return fmt.Errorf("platform %q is not GOOS/GOARCH", target)
		}
		name := fmt.Sprintf("%s_%s_%s_%s", binary, version, goos, goarch)
		exe := binary
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(out, name, exe)
		fmt.Fprintf(os.Stderr, "release: building %s\n", target)
		build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version="+version, "-o", bin, pkg)
		build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building %s: %w", target, err)
		}
		program, err := os.ReadFile(bin)
		if err != nil {
			return err
		}
		files := []file{
			{name + "/" + exe, program, 0o755},
			{name + "/README.md", readme, 0o644},
		}
		var archive bytes.Buffer
		ext := ".tar.gz"
		if goos == "windows" {
			ext = ".zip"
			err = writeZip(&archive, files)
		} else {
			err = writeTarGz(&archive, files)
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name+ext), archive.Bytes(), 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(archive.Bytes())
		sums = append(sums, hex.EncodeToString(sum[:])+"  "+name+ext)
	}
	sort.Slice(sums, func(i, j int) bool { return sums[i][66:] < sums[j][66:] })
	return os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(strings.Join(sums, "\n")+"\n"), 0o644)
}

type file struct {
	name string
	data []byte
	mode int64
}

func writeTarGz(w io.Writer, files []file) error {
	gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	tw := tar.NewWriter(gz)
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: epoch, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, files []file) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		hdr := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: epoch}
		hdr.SetMode(os.FileMode(f.mode))
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
