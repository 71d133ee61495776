package facts_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

func factsOf(text string) *facts.Facts {
	return facts.Of(model.Build(syntax.Parse(text)))
}

func last(f *facts.Facts) *facts.Stage { return f.Stages[len(f.Stages)-1] }

func TestBase(t *testing.T) {
	tests := []struct {
		text string
		want string // kind vendor version user platform ref
	}{
		{"FROM golang:1.22", "toolchain golang 1.22 root none docker.io/library/golang:1.22"},
		{"ARG V=1.23\nFROM golang:${V}-alpine", "toolchain golang 1.23 root none docker.io/library/golang:1.23-alpine"},
		{"FROM --platform=$BUILDPLATFORM node:20-slim", "runtime node 20 root build docker.io/library/node:20-slim"},
		{"FROM --platform=$TARGETPLATFORM python:3.12", "toolchain python 3.12 root target docker.io/library/python:3.12"},
		{"FROM --platform=linux/amd64 eclipse-temurin:21-jre", "runtime eclipse-temurin 21 root literal docker.io/library/eclipse-temurin:21-jre"},
		{"FROM --platform=$P alpine:3.20", "os alpine 3.20 root variable docker.io/library/alpine:3.20"},
		{"FROM debian:bookworm-slim", "os debian bookworm root none docker.io/library/debian:bookworm-slim"},
		{"FROM gcr.io/distroless/static-debian12:nonroot", "distroless distroless  nonroot none gcr.io/distroless/static-debian12:nonroot"},
		{"FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", "distroless microsoft 8.0 app none mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled"},
		{"FROM mcr.microsoft.com/dotnet/sdk:8.0", "toolchain microsoft 8.0 root none mcr.microsoft.com/dotnet/sdk:8.0"},
		{"FROM scratch", "scratch scratch   none -"},
		{"FROM golang:1.22 AS build\nFROM build", "stage golang 1.22 root none -"},
		{"FROM alpine@sha256:abc", "unknown    none -"},
		{"FROM example.com/team/app:1", "unknown    none example.com/team/app:1"},
		{"FROM ${BASE}", "unknown    none -"},
	}
	for _, tt := range tests {
		b := last(factsOf(tt.text + "\n")).Base
		ref := "-"
		if b.Ref != nil {
			ref = b.Ref.String()
		}
		platform := [...]string{"none", "build", "target", "literal", "variable"}[b.Platform.Kind]
		got := strings.Join([]string{b.Kind.String(), b.Image.Vendor, b.Image.Version, b.Image.User, platform, ref}, " ")
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

func TestSteps(t *testing.T) {
	text := `ARG HOME_DIR=/home/app
FROM golang:1.22 AS build
ENV APP=/srv/app
WORKDIR $APP
WORKDIR sub
USER 1000
ARG HOME_DIR
ENV HOME=$HOME_DIR PATH=$PATH:/opt/bin
RUN true
FROM build AS child
WORKDIR ../x
RUN true
FROM alpine:3.20
RUN true
`
	f := factsOf(text)
	type want struct {
		stage, step        int
		workdir, user, env string
	}
	for _, w := range []want{
		{0, 0, "/go", "root", "PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
		{0, 1, "/go", "root", "APP=/srv/app"},
		{0, 2, "/srv/app", "root", ""},
		{0, 3, "/srv/app/sub", "root", ""},
		{0, 6, "/srv/app/sub", "1000", "HOME=/home/app"},
		{0, 6, "", "", "PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/bin"},
		{1, 0, "/srv/app/sub", "1000", "APP=/srv/app"},
		{1, 1, "/srv/app/x", "1000", "HOME=/home/app"},
		{2, 0, "/", "root", "APP="},
	} {
		st := f.Stages[w.stage].Steps[w.step]
		if w.workdir != "" && st.Workdir != w.workdir {
			t.Errorf("stage %d step %d (%s): workdir %q, want %q", w.stage, w.step, st.Node.Command(), st.Workdir, w.workdir)
		}
		if w.user != "" && st.User != w.user {
			t.Errorf("stage %d step %d: user %q, want %q", w.stage, w.step, st.User, w.user)
		}
		if w.env == "" {
			continue
		}
		name, value, _ := strings.Cut(w.env, "=")
		got, ok := st.Env.Get(name)
		if value == "" && ok || value != "" && got != value {
			t.Errorf("stage %d step %d: %s=%q (set %v), want %q", w.stage, w.step, name, got, ok, value)
		}
	}
}

func TestPackages(t *testing.T) {
	tests := []struct {
		run  string
		want string // one "tool op name,name removed" per call, separated by "; "
	}{
		{"apt-get update && apt-get install -y --no-install-recommends gcc=4:12 libpq-dev:amd64 && rm -rf /var/lib/apt/lists/*",
			"apt-get install gcc,libpq-dev"},
		{"apt-get install -y gcc make && apt-get purge -y gcc",
			"apt-get install gcc,make; apt-get remove gcc"},
		{"apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps",
			"apk install gcc,musl-dev removed; apk remove .build-deps"},
		{"apt-get install -y gcc && apt-get purge -y $(cat /tmp/new-packages)",
			"apt-get install gcc removed; apt-get remove $(cat /tmp/new-packages)"},
		{"dpkg-query -W > /tmp/before && apt-get install -y gcc && dpkg-query -W | comm -13 /tmp/before - | xargs -r apt-get purge -y",
			"apt-get install gcc removed"},
		{"savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y gcc; apt-mark auto '.*' > /dev/null; apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false",
			"apt-get install gcc removed; apt-get remove "},
		{"dnf install -y gcc && microdnf install -y git && yum remove -y gcc", "dnf install gcc removed; microdnf install git; yum remove gcc"},
		{"zypper --non-interactive in -y git", "zypper install git"},
		{"pip install --no-cache-dir flask==3.0 'requests[socks]>=2' && python3 -m pip install gunicorn && uv pip install httpx",
			"pip install flask,requests; pip install gunicorn; uv install httpx"},
		{"poetry install --no-root && pipenv install --deploy", "poetry install ; pipenv install "},
		{"npm ci && npm install -g typescript@5 && yarn add left-pad && pnpm install && yarn",
			"npm install ; npm install typescript; yarn install left-pad; pnpm install ; yarn install "},
		{"gem install bundler -v 2.4 && bundle install", "gem install bundler; bundle install "},
		{"cargo install ripgrep && go install golang.org/x/tools/gopls@latest && cargo build",
			"cargo install ripgrep; go install golang.org/x/tools/gopls"},
	}
	for _, tt := range tests {
		st := last(factsOf("FROM debian\nRUN " + tt.run + "\n"))
		var got []string
		for _, p := range st.Packages {
			op := map[facts.Op]string{facts.OpInstall: "install", facts.OpRemove: "remove"}[p.Op]
			s := p.Tool + " " + op + " " + strings.Join(p.PackageNames(), ",")
			if p.Removed {
				s += " removed"
			}
			got = append(got, s)
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("RUN %s:\n got %s\nwant %s", tt.run, g, tt.want)
		}
	}
}

func TestCleanup(t *testing.T) {
	tests := []struct {
		run  string
		want bool
	}{
		{"make && rm -rf /usr/src/app", true},
		{"make && rm -rf /tmp/* /var/lib/apt/lists/* ~/.cache", false},
		{"apk add gcc && make && apk del gcc", true},
		{"make", false},
	}
	for _, tt := range tests {
		run := last(factsOf("FROM debian\nRUN " + tt.run + "\n")).Runs()[0]
		if run.Cleanup.Any() != tt.want {
			t.Errorf("RUN %s: cleans up %v, want %v", tt.run, run.Cleanup.Any(), tt.want)
		}
	}
}

func TestBuilds(t *testing.T) {
	tests := []struct {
		run  string
		want string // label ecosystem kind outputs
	}{
		{"go build -o /out/api ./cmd/api", "go build go compile /out/api"},
		{"CGO_ENABLED=0 go build -o bin/ ./cmd/api", "go build go compile /src/bin/api"},
		{"go build ./cmd/worker", "go build go compile /src/worker"},
		{"go build", "go build go compile /src/src?"},
		{"go install ./cmd/tool", "go install go compile /go/bin/tool"},
		{"cargo build --release --locked", "cargo build rust compile /src/target/release/*"},
		{"cargo rustc --release --bin app", "cargo rustc rust compile /src/target/release/app"},
		{"cargo build --target x86_64-unknown-linux-musl --release", "cargo build rust compile /src/target/x86_64-unknown-linux-musl/release/*"},
		{"cargo build --release --manifest-path app/Cargo.toml --bin api --bin cli", "cargo build rust compile /src/app/target/release/api /src/app/target/release/cli"},
		{"cargo install --path . --root /opt", "cargo install rust compile /opt/bin/*"},
		{"mvn -B package -DskipTests", "mvn package java compile /src/target/*.jar"},
		{"./mvnw -f api/pom.xml verify", "mvn verify java compile /src/api/target/*.jar"},
		{"./gradlew bootJar --no-daemon", "gradle bootJar java compile /src/build/libs/*.jar"},
		{"gradle :app:installDist", "gradle installDist java compile /src/build/install/"},
		{"sbt assembly", "sbt assembly java compile /src/target/"},
		{"lein uberjar", "lein uberjar java compile /src/target/"},
		{"npm run build", "npm run build node compile /src/dist/? /src/build/? /src/.next/? /src/out/?"},
		{"yarn build:prod", "yarn build:prod node compile /src/dist/? /src/build/? /src/.next/? /src/out/?"},
		{"npx remix build", "remix build node compile /src/dist/? /src/build/? /src/.next/? /src/out/?"},
		{"npx tsc --outDir lib", "tsc node compile /src/lib/"},
		{"dotnet publish -c Release -o /app/publish", "dotnet publish dotnet compile /app/publish/"},
		{"make -j4", "make c compile /src/"},
		{"make install PREFIX=/opt/tool DESTDIR=/pkg", "make install c compile /pkg/opt/tool/"},
		{"cmake --build build", "cmake c compile /src/build/"},
		{"gcc -O2 -o /usr/local/bin/hello hello.c", "gcc c compile /usr/local/bin/hello"},
		{"zig build -Doptimize=ReleaseSafe", "zig build zig compile /src/zig-out/"},
		{"python -m build", "python -m build python compile /src/dist/"},
		{"pip install --prefix=/install -r requirements.txt", "pip install python environment /install/"},
		{"python3 -m venv /opt/venv", "python -m venv python environment /opt/venv/"},
		{"stack build", "stack build generic compile"},
		{"npm ci", ""},
		{"gradle test", ""},
		{"make clean", ""},
		{"go mod download", ""},
	}
	for _, tt := range tests {
		st := last(factsOf("FROM debian\nWORKDIR /src\nRUN " + tt.run + "\n"))
		var got []string
		for _, b := range st.Builds {
			kind := map[facts.BuildKind]string{facts.Compile: "compile", facts.Environment: "environment"}[b.Kind]
			s := b.Label + " " + string(b.Ecosystem) + " " + kind
			for _, o := range b.Outputs {
				s += " " + o.Path
				if o.Dir {
					s += "/"
				}
				if o.Maybe {
					s += "?"
				}
			}
			got = append(got, s)
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("RUN %s:\n got %s\nwant %s", tt.run, g, tt.want)
		}
	}
}

func TestFiles(t *testing.T) {
	tests := []struct {
		body string
		want string // "path origin [dir] [<-source]" per file, separated by "; "
	}{
		{"COPY go.mod go.sum ./", "/app/go.mod copied <-go.mod; /app/go.sum copied <-go.sum"},
		{"COPY . .", "/app copied dir <-."},
		{"COPY src/ /srv/", "/srv copied dir <-src/"},
		{"COPY config.yaml conf", "/app/conf copied <-config.yaml"},
		{"COPY *.json ./", "/app/*.json copied <-*.json"},
		{"COPY --parents src/a/x.go src/b/y.go /dst/", "/dst/src/a/x.go copied <-src/a/x.go; /dst/src/b/y.go copied <-src/b/y.go"},
		{"COPY --from=build /out/api /usr/local/bin/", "/usr/local/bin/api copied <-/out/api"},
		{"COPY --from=build out/api /bin/server", "/bin/server copied <-/out/api"},
		{"ADD https://example.com/tool.tgz /tmp/", "/tmp/tool.tgz copied <-https://example.com/tool.tgz"},
		{"ARG V=1\nCOPY app-$V.jar app.jar", "/app/app.jar copied <-app-1.jar"},
		{"RUN mkdir -p -m 0755 /data logs && touch /data/.keep", "/data made dir; /app/logs made dir; /data/.keep made"},
		{"RUN curl -fsSL -o /tmp/a.tgz https://x/a.tgz && tar -xzf /tmp/a.tgz -C /opt", "/tmp/a.tgz downloaded; /opt extracted dir"},
		{"RUN wget -O /usr/local/bin/tini https://x/tini && wget https://x/b.zip && unzip b.zip -d out", "/usr/local/bin/tini downloaded; /app/b.zip downloaded; /app/out extracted dir"},
		{"RUN git clone https://github.com/o/repo.git && git clone --depth 1 https://x/y.git /src/y", "/app/repo cloned dir <-https://github.com/o/repo.git; /src/y cloned dir <-https://x/y.git"},
		{"RUN cp target/app /usr/local/bin/ && mv a b", "/usr/local/bin/app moved <-/app/target/app; /app/b moved <-/app/a"},
		{"RUN cd sub && go build -o server .", "/app/sub/server built"},
	}
	origins := map[facts.Origin]string{facts.Copied: "copied", facts.Built: "built", facts.Made: "made", facts.Downloaded: "downloaded",
		facts.Cloned: "cloned", facts.Extracted: "extracted", facts.Moved: "moved"}
	for _, tt := range tests {
		st := last(factsOf("FROM golang:1.22 AS build\nFROM debian\nWORKDIR /app\n" + tt.body + "\n"))
		var got []string
		for _, f := range st.Files {
			s := f.Path + " " + origins[f.Origin]
			if f.Dir {
				s += " dir"
			}
			if f.Source != "" {
				s += " <-" + f.Source
			}
			got = append(got, s)
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.body, g, tt.want)
		}
	}
}

func TestCopySources(t *testing.T) {
	f := factsOf("FROM golang:1.22 AS build\nRUN go build -o /out/api .\nFROM alpine\nCOPY --from=build /out/api /bin/\nCOPY --from=nginx:alpine /etc/nginx /etc/nginx\nCOPY <<EOF /etc/motd\nhi\nEOF\n")
	got := ""
	for _, c := range last(f).Copies {
		kind := map[facts.SourceKind]string{facts.FromContext: "context", facts.FromStage: "stage", facts.FromImage: "image", facts.FromURL: "url", facts.FromHeredoc: "heredoc"}[c.Source]
		got += fmt.Sprintf("%s:%v ", kind, c.Targets())
	}
	if want := "stage:[/bin/api] image:[/etc/nginx] heredoc:[/etc/motd] "; got != want {
		t.Errorf("copies %s, want %s", got, want)
	}
	later := factsOf("FROM alpine\nCOPY --from=tools /bin/x /x\nFROM busybox AS tools\n")
	if c := later.Stages[0].Copies[0]; c.Source != facts.FromStage || c.Stage != later.Stages[1] {
		t.Errorf("COPY --from a later stage: %v %v", c.Source, c.Stage)
	}
	if c := last(f).Copies[0]; c.Stage != f.Stages[0] {
		t.Errorf("COPY --from=build resolves to %v", c.Stage)
	}
	produced := f.Stages[0].Produces()
	if len(produced) != 1 || !produced[0].Covers("/out/api") || produced[0].Build == nil {
		t.Errorf("build stage produces %v", produced)
	}
}

func TestProgram(t *testing.T) {
	tests := []struct {
		body string
		want string // name args path shell inherited
	}{
		{"WORKDIR /app\nENTRYPOINT [\"./server\", \"-p\", \"80\"]", "./server [-p 80] /app/server false false"},
		{"COPY --from=build /out/api /usr/local/bin/api\nENTRYPOINT [\"api\"]", "api [] /usr/local/bin/api false false"},
		{"CMD node server.js", "node [server.js]  true false"},
		{"CMD [\"sh\", \"-c\", \"exec /app/run --x\"]", "/app/run [--x] /app/run false false"},
		{"ENTRYPOINT [\"/entry.sh\"]\nCMD [\"serve\"]", "/entry.sh [serve] /entry.sh false false"},
		{"ENTRYPOINT /entry.sh\nCMD [\"ignored\"]", "/entry.sh [] /entry.sh true false"},
		{"CMD [\"old\"]\nENTRYPOINT [\"/bin/app\"]", "/bin/app [] /bin/app false false"},
	}
	for _, tt := range tests {
		p := last(factsOf("FROM golang:1.22 AS build\nFROM debian\n" + tt.body + "\n")).Program
		got := fmt.Sprintf("%s %v %s %v %v", p.Name, p.Args, p.Path, p.Shell, p.Inherited)
		if got != tt.want || !p.Set {
			t.Errorf("%s:\n got %s (set %v)\nwant %s", tt.body, got, p.Set, tt.want)
		}
	}
	f := factsOf("FROM debian AS base\nWORKDIR /srv\nCMD [\"./app\"]\nFROM base\nRUN true\n")
	if p := last(f).Program; !p.Inherited || p.Path != "/srv/app" {
		t.Errorf("inherited program: %+v", p)
	}
	if p := last(factsOf("FROM debian\nRUN true\n")).Program; p.Set {
		t.Errorf("no CMD: program %+v", p)
	}
}

func TestComplete(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"FROM debian\nRUN apt-get update && apt-get install -y curl && mkdir -p /a && rm -rf /var/lib/apt/lists/*\n", true},
		{"FROM golang\nRUN go mod download && CGO_ENABLED=0 go build -o /x . && chmod +x /x\n", true},
		{"FROM debian\nRUN ./configure && make\n", false},
		{"FROM debian\nRUN python3 manage.py collectstatic\n", false},
		{"FROM debian\nRUN bash /tmp/install.sh\n", false},
		{"FROM debian AS a\nRUN ./build.sh\nFROM a\nRUN true\n", false},
		{"FROM debian\nCOPY . .\n", true},
		{"FROM debian\nRUN echo 'a > b' > /etc/app.conf\n", false},
		{"FROM debian\nRUN printf x >>/etc/app.conf\n", false},
		{"FROM debian\nRUN echo 'a > b' >&2 && apt-get update > /dev/null 2>&1\n", true},
	}
	for _, tt := range tests {
		if got := last(factsOf(tt.text)).Complete; got != tt.want {
			t.Errorf("%q: complete %v, want %v", tt.text, got, tt.want)
		}
	}
	run := last(factsOf("FROM debian\nRUN make && ./install.sh\n")).Runs()[0]
	if len(run.Unknown) != 1 || run.Unknown[0].Name() != "install.sh" {
		t.Errorf("unknown commands: %v", run.Unknown)
	}
}

func TestOfIsMemoized(t *testing.T) {
	m := model.Build(syntax.Parse("FROM alpine\nRUN true\n"))
	if facts.Of(m) != facts.Of(m) {
		t.Error("Of computed the facts twice for one model")
	}
	if facts.Compute(m) == facts.Of(m) {
		t.Error("Compute returned the memoized facts")
	}
}

// FuzzFacts: any text gives facts without a panic, one step per instruction.
func FuzzFacts(f *testing.F) {
	for _, seed := range []string{
		"FROM golang AS b\nWORKDIR src\nRUN cd .. && go build -o out/ ./... && apk del\nFROM b\nCOPY --from=b --parents a/ b/\nENTRYPOINT [\"sh\",\"-c\"]\n",
		"FROM --platform=$X ${A:-b}@sha256:\nENV A=$B B\nCOPY --from=9 x\nRUN <<EOF\nmake install DESTDIR=\nEOF\nCMD\n",
		"ARG A\nFROM $A AS a\nFROM a\nUSER\nWORKDIR\nRUN xargs\nRUN git clone\nRUN cp a\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		m := model.Build(syntax.Parse(text))
		for _, st := range facts.Compute(m).Stages {
			if len(st.Steps) != len(st.Model.Body) {
				t.Fatalf("%d steps for %d instructions", len(st.Steps), len(st.Model.Body))
			}
			st.Produces()
			st.ShippedBuilds()
		}
	})
}
