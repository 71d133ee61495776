package refactor_test

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// selection finds the range of the first occurrence of sel in text (an
// empty range at its start when cursor is set).
func selection(t *testing.T, text, sel string, cursor bool) syntax.Range {
	t.Helper()
	i := strings.Index(text, sel)
	if i < 0 {
		t.Fatalf("selection %q not in the text", sel)
	}
	if cursor {
		return syntax.Range{Start: i, End: i}
	}
	return syntax.Range{Start: i, End: i + len(sel)}
}

// applyAction finds the action with the id prefix at sel and applies it.
func applyAction(t *testing.T, text string, sel syntax.Range, id string) (refactor.Action, string) {
	t.Helper()
	f := syntax.Parse(text)
	var ids []string
	for _, a := range refactor.Actions(f, model.Build(f), sel) {
		ids = append(ids, a.ID)
		if strings.HasPrefix(a.ID, id) {
			return a, refactor.ApplyEdits(text, a.Edits)
		}
	}
	t.Fatalf("no action %q at %v; offered: %v", id, sel, ids)
	return refactor.Action{}, ""
}

func TestStageActions(t *testing.T) {
	tests := []struct {
		name, id, in, sel string
		cursor            bool
		title, kind, want string
	}{{
		name: "name a stage referenced by index",
		id:   "name-stage:0", kind: refactor.KindRewrite, cursor: true, sel: "golang",
		in:    "FROM golang:1.22\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=0 /app /app\nCOPY --from=0 /etc/ssl/certs /etc/ssl/certs\nCMD [\"/app\"]\n",
		title: "Name this stage 'build'",
		want:  "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\nCOPY --from=build /etc/ssl/certs /etc/ssl/certs\nCMD [\"/app\"]\n",
	}, {
		name: "name the final stage, lower-case file",
		id:   "name-stage:1", kind: refactor.KindRewrite, cursor: true, sel: "cmd",
		in:    "from golang:1.22 as build\nrun go build -o /app .\nfrom alpine:3.20\ncopy --from=build /app /app\ncmd [\"/app\"]\n",
		title: "Name this stage 'runtime'",
		want:  "from golang:1.22 as build\nrun go build -o /app .\nfrom alpine:3.20 as runtime\ncopy --from=build /app /app\ncmd [\"/app\"]\n",
	}, {
		name: "add a test stage after the build stage",
		id:   "test-stage", kind: refactor.KindRewrite, cursor: true, sel: "CMD",
		in:    "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
		title: "Add a test stage (RUN go test ./...)",
		want:  "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM build AS test\nRUN go test ./...\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
	}, {
		name: "add a test stage to a pruned node build, CRLF",
		id:   "test-stage", kind: refactor.KindRewrite, cursor: true, sel: "CMD",
		in:    "FROM node:20 AS build\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci\r\nRUN npm run build\r\nRUN npm prune --omit=dev\r\nFROM node:20-slim\r\nCOPY --from=build /app /app\r\nCMD [\"node\", \"/app/dist/index.js\"]",
		title: "Add a test stage (RUN npm ci --include=dev && npm test)",
		want:  "FROM node:20 AS build\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci\r\nRUN npm run build\r\nRUN npm prune --omit=dev\r\n\r\nFROM build AS test\r\nRUN npm ci --include=dev && npm test\r\nFROM node:20-slim\r\nCOPY --from=build /app /app\r\nCMD [\"node\", \"/app/dist/index.js\"]",
	}, {
		name: "add a test stage to an unnamed maven stage names it",
		id:   "test-stage", kind: refactor.KindRewrite, cursor: true, sel: "mvn",
		in:    "FROM maven:3.9-eclipse-temurin-21\nCOPY . /src\nWORKDIR /src\nRUN ./mvnw -B package\nFROM eclipse-temurin:21-jre\nCOPY --from=0 /src/target/app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
		title: "Add a test stage (RUN ./mvnw -B test)",
		want:  "FROM maven:3.9-eclipse-temurin-21 AS build\nCOPY . /src\nWORKDIR /src\nRUN ./mvnw -B package\n\nFROM build AS test\nRUN ./mvnw -B test\nFROM eclipse-temurin:21-jre\nCOPY --from=build /src/target/app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
	}, {
		name: "a test stage renumbers the references by index to the stages after it",
		id:   "test-stage", kind: refactor.KindRewrite, cursor: true, sel: "CMD",
		in:    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nRUN apk add --no-cache ca-certificates\nFROM scratch\nCOPY --from=1 /etc/ssl /etc/ssl\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
		title: "Add a test stage (RUN go test ./...)",
		want:  "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM build AS test\nRUN go test ./...\nFROM alpine:3.20\nRUN apk add --no-cache ca-certificates\nFROM scratch\nCOPY --from=2 /etc/ssl /etc/ssl\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
	}, {
		name: "extract a prefix into a deps stage",
		id:   "extract:", kind: refactor.KindExtract,
		sel:   "COPY package.json package-lock.json ./\nRUN npm ci",
		in:    "# app\nFROM node:20 AS build\nARG REGISTRY=https://registry.npmjs.org\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --registry=$REGISTRY\nCOPY . .\nRUN npm run build\n\nFROM nginx:alpine\nCOPY --from=0 /app/dist /usr/share/nginx/html\n",
		title: "Extract instructions 1-4 of the stage into a new stage 'deps' (the selection and what it builds on)",
		want:  "# app\nFROM node:20 AS deps\nARG REGISTRY=https://registry.npmjs.org\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --registry=$REGISTRY\n\nFROM deps AS build\nCOPY . .\nRUN npm run build\n\nFROM nginx:alpine\nCOPY --from=1 /app/dist /usr/share/nginx/html\n",
	}, {
		name: "extract keeps ARGs the rest still uses",
		id:   "extract:", kind: refactor.KindExtract,
		sel:   "ARG VERSION=1.0\nRUN apk add --no-cache curl",
		in:    "FROM alpine:3.20\nARG VERSION=1.0\nRUN apk add --no-cache curl\nRUN curl -fsSL https://example.com/tool-$VERSION -o /usr/local/bin/tool\nCMD [\"tool\"]\n",
		title: "Extract selected instructions into a new stage 'deps'",
		want:  "FROM alpine:3.20 AS deps\nARG VERSION=1.0\nRUN apk add --no-cache curl\n\nFROM deps\nARG VERSION=1.0\nRUN curl -fsSL https://example.com/tool-$VERSION -o /usr/local/bin/tool\nCMD [\"tool\"]\n",
	}, {
		name: "use a runtime image for a final stage on the SDK",
		id:   "use-runtime", kind: refactor.KindQuickFix, cursor: true, sel: "ENTRYPOINT",
		in:    "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /bin/app .\n\nFROM golang:1.22\nCOPY --from=build /bin/app /bin/app\nENTRYPOINT [\"/bin/app\"]\n",
		title: "Use gcr.io/distroless/static-debian12 for the final stage",
		want:  "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /bin/app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /bin/app /bin/app\nENTRYPOINT [\"/bin/app\"]\n",
	}, {
		name: "use a JRE for a final stage on maven",
		id:   "use-runtime", kind: refactor.KindQuickFix, cursor: true, sel: "CMD",
		in:    "FROM maven:3.9-eclipse-temurin-17 AS build\nCOPY . /src\nRUN mvn -f /src/pom.xml package\nFROM maven:3.9-eclipse-temurin-17\nCOPY --from=build /src/target/app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
		title: "Use eclipse-temurin:17-jre for the final stage",
		want:  "FROM maven:3.9-eclipse-temurin-17 AS build\nCOPY . /src\nRUN mvn -f /src/pom.xml package\nFROM eclipse-temurin:17-jre\nCOPY --from=build /src/target/app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, got := applyAction(t, tc.in, selection(t, tc.in, tc.sel, tc.cursor), tc.id)
			if a.Title != tc.title {
				t.Errorf("title %q, want %q", a.Title, tc.title)
			}
			if a.Kind != tc.kind {
				t.Errorf("kind %q, want %q", a.Kind, tc.kind)
			}
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if _, err := buildkitStages(got); err != nil {
				t.Errorf("BuildKit rejects the result: %v", err)
			}
			for _, line := range lostLines(tc.in, got) {
				if !strings.HasPrefix(line, "FROM ") && !strings.HasPrefix(line, "from ") && !strings.Contains(line, "--from=") {
					t.Errorf("line lost: %q", line)
				}
			}
			// Refactorings that keep behaviour run the same commands.
			if tc.kind != refactor.KindQuickFix && !strings.HasPrefix(tc.id, "test-stage") {
				before, err1 := llbExecCount(tc.in)
				after, err2 := llbExecCount(got)
				if err1 != nil || err2 != nil || before != after {
					t.Errorf("the final target runs %d commands before and %d after (%v, %v)", before, after, err1, err2)
				}
			}
		})
	}
}

// TestResolve: Offered computes no edits; Resolve computes the same edits
// as Actions.
func TestResolve(t *testing.T) {
	text := "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n"
	f := syntax.Parse(text)
	m := model.Build(f)
	offered := refactor.Offered(f, m, syntax.Range{})
	if len(offered) == 0 {
		t.Fatal("nothing offered")
	}
	for _, a := range offered {
		if a.Edits != nil {
			t.Errorf("%s: Offered computed edits", a.ID)
		}
		r, ok := refactor.Resolve(f, m, syntax.Range{}, a.ID)
		if !ok || len(r.Edits) == 0 {
			t.Errorf("%s: not resolved", a.ID)
		}
	}
	for _, a := range refactor.Actions(f, m, syntax.Range{}) {
		if a.ID == "split" && !a.Preferred {
			t.Errorf("the split of a Go build is not preferred")
		}
	}
}

// TestNotOffered: the actions stay away from what they cannot handle.
func TestNotOffered(t *testing.T) {
	tests := []struct {
		name, text, id string
		at             string // where the cursor is; the start of the file when empty
	}{
		{"split on a multi-stage file", "FROM golang AS b\nRUN go build -o /a\nFROM alpine\nCOPY --from=b /a /a\nCMD [\"/a\"]\n", "split", ""},
		{"split without a command", "FROM golang:1.22\nRUN go build -o /a .\n", "split", ""},
		{"split of an official image that cleans up", "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make && make -C /src install && apk del .build-deps\nCMD [\"tool\"]\n", "split", ""},
		{"split of a Windows image", "# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022\nRUN dotnet publish -o C:\\app\nCMD [\"C:\\\\app\\\\x.exe\"]\n", "split", ""},
		{"split of a plain slim python app", "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n", "split", ""},
		{"name a single stage", "FROM golang:1.22\nRUN go build -o /a .\nCMD [\"/a\"]\n", "name-stage", ""},
		{"runtime image when the final stage runs commands", "FROM golang AS b\nRUN go build -o /a\nFROM golang:1.22\nCOPY --from=b /a /a\nRUN /a --selftest\nCMD [\"/a\"]\n", "use-runtime", ""},
		{"test stage after the final stage: it would become the final stage", "FROM alpine:3.20 AS certs\nRUN apk add ca-certificates\nFROM golang:1.22\nCOPY --from=certs /etc/ssl /etc/ssl\nRUN go build -o /a .\nCMD [\"/a\"]\n", "test-stage", "CMD"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := syntax.Parse(tc.text)
			var sel syntax.Range
			if tc.at != "" {
				sel = selection(t, tc.text, tc.at, true)
			}
			for _, a := range refactor.Actions(f, nil, sel) {
				if strings.HasPrefix(a.ID, tc.id) {
					t.Errorf("%s offered: %s", a.ID, a.Title)
				}
			}
		})
	}
}
