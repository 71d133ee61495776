package imageref

import "testing"

const digest = "2b0ae5a9a7d2b8e0c5f1c9f3f7a4b6b1d6d8c2e2a1f0e9d8c7b6a5f4e3d2c1b0"

func TestParse(t *testing.T) {
	for _, tc := range []struct{ in, full, web string }{
		{"golang:1.22", "docker.io/library/golang:1.22", "https://hub.docker.com/_/golang"},
		{"golang", "docker.io/library/golang:latest", "https://hub.docker.com/_/golang"},
		{"docker.io/library/alpine:3.20", "docker.io/library/alpine:3.20", "https://hub.docker.com/_/alpine"},
		{"index.docker.io/bitnami/redis", "docker.io/bitnami/redis:latest", "https://hub.docker.com/r/bitnami/redis"},
		{"bitnami/redis:7.2", "docker.io/bitnami/redis:7.2", "https://hub.docker.com/r/bitnami/redis"},
		{"ghcr.io/owner/tool:v1", "ghcr.io/owner/tool:v1", "https://ghcr.io/owner/tool"},
		{"quay.io/prometheus/node-exporter", "quay.io/prometheus/node-exporter:latest", "https://quay.io/repository/prometheus/node-exporter"},
		{"mcr.microsoft.com/dotnet/sdk:8.0", "mcr.microsoft.com/dotnet/sdk:8.0", "https://mcr.microsoft.com/en-us/artifact/mar/dotnet/sdk"},
		{"gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/static-debian12:nonroot", "https://gcr.io/distroless/static-debian12"},
		{"public.ecr.aws/docker/library/node:20", "public.ecr.aws/docker/library/node:20", "https://gallery.ecr.aws/docker/library/node"},
		{"localhost:5000/app", "localhost:5000/app:latest", ""},
		{"alpine@sha256:" + digest, "docker.io/library/alpine@sha256:" + digest, "https://hub.docker.com/_/alpine"},
		{"alpine:3.20@sha256:" + digest, "docker.io/library/alpine:3.20@sha256:" + digest, "https://hub.docker.com/_/alpine"},
	} {
		r, ok := Parse(tc.in)
		if !ok {
			t.Errorf("Parse(%q) failed", tc.in)
			continue
		}
		if r.String() != tc.full {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, r, tc.full)
		}
		if web, _ := r.WebURL(); web != tc.web {
			t.Errorf("WebURL(%q) = %q, want %q", tc.in, web, tc.web)
		}
	}
	for _, bad := range []string{"", "golang:${V}", "Golang", "a b", "alpine:", "alpine:-x", "alpine@nodigest", "a//b",
		"alpine@sha256:abc", // the library rejects a digest of the wrong length
	} {
		if r, ok := Parse(bad); ok {
			t.Errorf("Parse(%q) = %v, want failure", bad, r)
		}
	}
}

func TestInLibrary(t *testing.T) {
	for ref, want := range map[string]bool{
		"alpine": true, "golang:1.22": true, "docker.io/library/node": true, "scratch": true,
		"myapp-base": false, "base": false, "bitnami/nginx": false, "ghcr.io/acme/alpine": false,
	} {
		r, ok := Parse(ref)
		if !ok || r.InLibrary() != want {
			t.Errorf("InLibrary(%q) = %v (parsed %v), want %v", ref, r.InLibrary(), ok, want)
		}
	}
}
