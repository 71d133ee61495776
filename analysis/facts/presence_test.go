package facts_test

import (
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
)

// TestLookup: what the facts say of a path in the last stage. Absent must
// stay rare: every way a path may get there without the facts recording
// it has a row that must not say Absent.
func TestLookup(t *testing.T) {
	const gobuild = "FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\n"
	tests := []struct {
		name, text, path string
		want             facts.Presence
	}{
		{"build output", gobuild + "RUN go build -o /out/api .\n", "/out/api", facts.Present},
		{"directory of an output", gobuild + "RUN go build -o /out/api .\n", "/out", facts.Present},
		{"misnamed output", gobuild + "RUN go build -o /out/api .\n", "/app/api", facts.Absent},
		{"root", "FROM scratch\n", "/", facts.Present},
		{"scratch", "FROM scratch\nCOPY --from=golang:1.23 /usr/local/go /go\n", "/bin/sh", facts.Absent},
		{"system path of a known base", "FROM alpine:3.20\n", "/bin/sh", facts.Unknown},
		{"image's own directory", "FROM golang:1.23\n", "/go/bin/x", facts.Unknown},
		{"unknown base", "FROM example.com/base:1\n", "/app/x", facts.Unknown},
		{"onbuild base", "FROM node:8-onbuild\n", "/app/x", facts.Unknown},
		{"workdir", "FROM alpine:3.20\nWORKDIR /app/data\n", "/app", facts.Present},
		{"workdir under /usr/src", "FROM alpine:3.20\nWORKDIR /usr/src/app\n", "/usr/src/app/x", facts.Absent},
		{"context copied into it", "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\n", "/app/x", facts.Unknown},
		{"file copied into the workdir", "FROM alpine:3.20\nWORKDIR /app\nCOPY requirements.txt .\n", "/app/requirements.txt", facts.Present},
		{"beside a copied file", "FROM alpine:3.20\nWORKDIR /app\nCOPY requirements.txt .\n", "/app/main", facts.Absent},
		{"beside a copied folder", "FROM alpine:3.20\nWORKDIR /app\nCOPY src .\n", "/app/main", facts.Unknown},
		{"archive added", "FROM alpine:3.20\nADD app.tar.gz /app/\n", "/app/bin/app", facts.Unknown},
		{"git added", "FROM alpine:3.20\nADD https://example.com/x.git#main /app\n", "/app/go.mod", facts.Unknown},
		{"unknown command", "FROM alpine:3.20\nRUN ./install.sh\n", "/app/x", facts.Unknown},
		{"redirect", "FROM alpine:3.20\nRUN echo hi > /app/x\n", "/app/x", facts.Unknown},
		{"path operand", "FROM alpine:3.20\nRUN find / -name x -exec cp {} /app/ \\;\n", "/app/x", facts.Unknown},
		{"moved into a folder", "FROM alpine:3.20\nRUN cp -r /etc/ssl /app\n", "/app/certs/x", facts.Unknown},
		{"project dir of a build", "FROM node:20\nWORKDIR /web\nCOPY package.json .\nRUN npm run build\n", "/web/public/x", facts.Unknown},
		{"env dir of an install", "FROM ruby:3.3\nENV BUNDLE_PATH=/gems\nWORKDIR /app\nCOPY Gemfile .\nRUN bundle install\n", "/gems/x", facts.Unknown},
		{"output named by a variable", "FROM golang:1.23\nARG TARGETOS\nRUN go build -o /out/app-${TARGETOS} .\n", "/out/app-linux", facts.Unknown},
		{"copy to a variable", "FROM alpine:3.20\nCOPY app $APP_HOME/\n", "/srv/x", facts.Unknown},
		{"tee into the workdir", "FROM alpine:3.20\nWORKDIR /app\nRUN echo flask | tee requirements.txt\n", "/app/requirements.txt", facts.Unknown},
		{"xargs", "FROM alpine:3.20\nWORKDIR /app\nRUN ls /etc | xargs -I{} touch {}.bak\n", "/app/hosts.bak", facts.Unknown},
		{"stage picked by an argument", "ARG V=a\nFROM scratch AS a\nFROM scratch AS b\nFROM ${V}\n", "/x", facts.Unknown},
		{"parent stage's output", "FROM golang:1.23 AS build\nRUN go build -o /out/api .\nFROM build\n", "/out/api", facts.Present},
		{"glob beside a file", "FROM alpine:3.20\nWORKDIR /app\nCOPY a.txt .\n", "/app/*.csproj", facts.Absent},
		{"glob matching", "FROM alpine:3.20\nWORKDIR /app\nCOPY App.csproj .\n", "/app/*.csproj", facts.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := last(factsOf(tt.text)).Lookup(tt.path, facts.Query{}); got != tt.want {
				t.Errorf("%s: got %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestReadDependency(t *testing.T) {
	tests := []struct {
		run, label, needs string
	}{
		{"pip install --no-cache-dir -r requirements.txt", "pip install -r requirements.txt", "requirements.txt"},
		{"python -m pip install -rreq/prod.txt", "pip install -r req/prod.txt", "req/prod.txt"},
		{"npm ci", "npm ci", "package.json"},
		{"npm install", "npm install", "package.json"},
		{"yarn", "yarn", "package.json"},
		{"npm ci --prefix /srv", "npm ci", ""},
		{"go mod download", "go mod download", "go.mod"},
		{"go mod download golang.org/x/tools@v0.1.0", "go mod download", ""},
		{"mvn -B dependency:go-offline", "mvn dependency:go-offline", "pom.xml"},
		{"mvn -f app/pom.xml dependency:go-offline", "mvn dependency:go-offline", ""},
		{"bundle install", "bundle install", "Gemfile"},
		{"cargo fetch", "cargo fetch", "Cargo.toml"},
		{"dotnet restore", "dotnet restore", "*.sln"},
		{"dotnet restore App.csproj", "dotnet restore", ""},
		{"composer install --no-dev", "composer install", "composer.json"},
		{"pipenv install", "pipenv install", ""},
		{"uv sync --frozen", "uv sync", "pyproject.toml"},
	}
	for _, tt := range tests {
		f := factsOf("FROM alpine:3.20\nRUN " + tt.run + "\n")
		run := last(f).Runs()[0]
		d, ok := facts.ReadDependency(run.Commands[0])
		if !ok {
			t.Errorf("%s: not recognised", tt.run)
			continue
		}
		needs := ""
		if len(d.Needs) > 0 {
			needs = d.Needs[0]
		}
		if d.Label != tt.label || needs != tt.needs {
			t.Errorf("%s: got %q needing %q, want %q needing %q", tt.run, d.Label, needs, tt.label, tt.needs)
		}
	}
	for _, run := range []string{"npm install express", "pip install flask", "go build .", "npm -g install x", "cargo build"} {
		f := factsOf("FROM alpine:3.20\nRUN " + run + "\n")
		if d, ok := facts.ReadDependency(last(f).Runs()[0].Commands[0]); ok {
			t.Errorf("%s: read as %q", run, d.Label)
		}
	}
}
