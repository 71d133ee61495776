package refactor

import (
	"regexp"
	"strings"
	"sync"
)

// planDotnet: `dotnet publish -o out` from dotnet/sdk:<v> → dotnet/aspnet:<v>
// for a web application, dotnet/runtime:<v> for a console one.
func planDotnet(sf *stageFacts) (*plan, bool) {
	if !strings.Contains(sf.base.ref.Repo, "dotnet/") || !strings.HasSuffix(sf.base.ref.Repo, "/sdk") {
		return nil, false
	}
	p := &plan{recipe: "dotnet", what: ".NET application"}
	published := false
	for _, c := range sf.commands() {
		vals := c.Values()
		if c.Name() != "dotnet" || len(vals) == 0 || vals[0] != "publish" {
			continue
		}
		published = true
		if out, ok := c.Option("-o", "--output"); ok {
			p.copyPath(sf.resolve(c.Dir, sf.expand(out, c.node.n.Offset)))
			continue
		}
		// The default output: bin/<configuration>/<framework>/publish.
		p.copies = append(p.copies, copyLine{src: sf.resolve(c.Dir, "bin") + "/*/*/publish/", dst: "/app/"})
		p.workdir = "/app"
	}
	if !published {
		return nil, false
	}
	kind := "runtime"
	if sf.web() {
		kind = "aspnet"
	}
	repo := strings.TrimSuffix(sf.base.ref.Repo, "/sdk")
	tag := sf.base.ref.Tag
	ver, suffix, _ := strings.Cut(tag, "-")
	if m := dotnetVersion().FindString(ver); m != "" {
		ver = m
	}
	ref := repo + "/" + kind
	if ver != "" {
		ref += ":" + ver
		if suffix != "" {
			ref += "-" + suffix
		}
	}
	p.what = map[string]string{"aspnet": "ASP.NET Core application", "runtime": ".NET application"}[kind]
	p.rt = describeRuntime(sf.keepVersionArgs(ref))
	sf.finishRuntime(p, "")
	return p, true
}

var dotnetVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+\.[0-9]+`) })

// web reports whether the application serves HTTP: it exposes a port or
// configures ASP.NET Core.
func (sf *stageFacts) web() bool {
	if sf.exposes() {
		return true
	}
	for _, v := range sf.st.Vars {
		if strings.HasPrefix(v.Name, "ASPNETCORE_") || v.Name == "HTTP_PORTS" {
			return true
		}
	}
	return false
}
