package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

func TestVersionRequired(t *testing.T) {
	for _, tc := range []struct {
		version  string
		snapshot bool
		ok       bool
	}{
		{"v1.2.3", false, true},
		{"v1.2.3-rc.1", false, true},
		{"1.2.3", false, false},
		{"", false, false},
		{"8dc2086-dirty", false, false},
		{"8dc2086-dirty", true, true},
		{"", true, false},
		{"../x", true, false},
	} {
		// A bad version is refused before anything is built or removed.
		err := release(tc.version, tc.snapshot, t.TempDir(), nil)
		if refused := err != nil && bytes.Contains([]byte(err.Error()), []byte("is not vMAJOR")); refused == tc.ok {
			t.Errorf("version %q snapshot %v: err %v", tc.version, tc.snapshot, err)
		}
	}
}

// Both archive kinds hold the files with their modes, and the same input
// gives the same bytes.
func TestArchives(t *testing.T) {
	files := []file{{"d/dockerfile-lsp", []byte("program"), 0o755}, {"d/README.md", []byte("readme"), 0o644}}
	for _, tc := range []struct {
		name  string
		write func(io.Writer, []file) error
		read  func(*testing.T, []byte) map[string]string
	}{
		{"tar.gz", writeTarGz, readTarGz},
		{"zip", writeZip, readZip},
	} {
		var a, b bytes.Buffer
		if err := tc.write(&a, files); err != nil {
			t.Fatal(err)
		}
		tc.write(&b, files)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two runs differ", tc.name)
		}
		got := tc.read(t, a.Bytes())
		want := map[string]string{"d/dockerfile-lsp": "program -rwxr-xr-x", "d/README.md": "readme -rw-r--r--"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", tc.name, k, got[k], v)
			}
		}
	}
}

func readTarGz(t *testing.T, data []byte) map[string]string {
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		out[h.Name] = string(body) + " " + h.FileInfo().Mode().String()
	}
}

func readZip(t *testing.T, data []byte) map[string]string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(body) + " " + f.Mode().String()
	}
	return out
}
