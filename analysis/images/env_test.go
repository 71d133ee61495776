package images

import (
	"strings"
	"testing"
)

func TestEnvRepo(t *testing.T) {
	for ref, want := range map[string]string{
		"docker.io/library/golang:1.22":              "golang",
		"golang:-alpine3.23":                         "golang",
		"amd64/buildpack-deps:bookworm":              "buildpack-deps",
		"mcr.microsoft.com/dotnet/nightly/sdk:10.0":  "mcr.microsoft.com/dotnet/sdk",
		"mcr.microsoft.com/dotnet/aspnet@sha256:abc": "mcr.microsoft.com/dotnet/aspnet",
		"localhost:5000/team/app:1":                  "localhost:5000/team/app",
	} {
		if got := envRepo(ref); got != want {
			t.Errorf("envRepo(%q) = %q, want %q", ref, got, want)
		}
	}
}

func TestEnv(t *testing.T) {
	tests := []struct {
		ref   string
		known bool
		has   []string // variable names the environment must define
	}{
		{"golang:1.24", true, []string{"GOPATH", "PATH"}},
		{"alpine:3.20", true, []string{"PATH"}},
		{"php:8.3-fpm", true, []string{"PHP_INI_DIR", "PHP_CFLAGS"}},
		{"mcr.microsoft.com/dotnet/aspnet:8.0", true, []string{"APP_UID"}},
		{"jupyter/base-notebook", true, []string{"NB_UID", "NB_GID", "NB_USER", "CONDA_DIR", "HOME", "JUPYTER_PORT"}},
		{"quay.io/jupyter/pyspark-notebook:2024-12-02", true, []string{"CONDA_DIR", "SPARK_HOME"}},
		{"quay.io/jupyter/pytorch-notebook:cuda12-latest", true, []string{"LD_LIBRARY_PATH", "NB_UID"}},
		{"nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04", true, []string{"LD_LIBRARY_PATH", "CUDA_VERSION", "NV_CUDNN_VERSION", "LIBRARY_PATH"}},
		{"mcr.microsoft.com/windows/servercore:ltsc2022", true, []string{"PATH"}},
		{"gcr.io/distroless/static-debian12", true, []string{"PATH"}},
		{"gcr.io/distroless/java21-debian12", false, nil},
		{"jupyter/some-other-image", false, nil},
		{"ghcr.io/acme/base", false, nil},
		{"${BASE}", false, nil},
	}
	for _, tt := range tests {
		env, known := Env(tt.ref)
		if known != tt.known {
			t.Errorf("Env(%q): known %v", tt.ref, known)
		}
		for _, name := range tt.has {
			found := false
			for _, kv := range env {
				found = found || strings.HasPrefix(kv, name+"=")
			}
			if !found {
				t.Errorf("Env(%q) lacks %s: %v", tt.ref, name, env)
			}
		}
	}
	// Every entry is KEY=value, one of each variable (PATH may be left to
	// the caller's OS default, as the .NET images do, Linux and Windows).
	all := map[string][]string{}
	for repo, env := range envTable() {
		all[repo] = env
	}
	for _, img := range table {
		if _, twice := all[img.Repo]; twice && img.Env != nil {
			t.Errorf("%s: environment in both envTable and the image table", img.Repo)
		}
		all[img.Repo] = img.Env
	}
	for repo, env := range all {
		seen := map[string]bool{}
		for _, kv := range env {
			name, _, ok := strings.Cut(kv, "=")
			if !ok || seen[name] {
				t.Errorf("%s: %q malformed or repeated", repo, kv)
			}
			seen[name] = true
		}
	}
}
