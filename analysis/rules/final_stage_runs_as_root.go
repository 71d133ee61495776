package rules

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// FinalStageRunsAsRoot reports a final image whose process runs as root: no
// USER in the final stage or the stages it is built on, or a last USER that
// is root. A compromised process then has root's rights over the container
// and its volumes.
var FinalStageRunsAsRoot = &analysis.Analyzer{
	Name:     "FinalStageRunsAsRoot",
	Severity: analysis.Information,
	Run:      runFinalStageRunsAsRoot,
}

func runFinalStageRunsAsRoot(p *analysis.Pass) {
	chain := finalImage(p)
	if len(chain) == 0 || intent(p).Purpose != facts.PurposeApp || windowsImage(p, chain) {
		return
	}
	final := chain[len(chain)-1]
	var user syntax.Node
	found := false
	for _, n := range body(chain) {
		if n.Command() == "USER" {
			user, found = n, true
		}
	}
	if found {
		args := user.Args()
		if len(args) == 0 {
			return
		}
		name, _, _ := strings.Cut(args[0].Value, ":")
		if name == "root" || name == "0" {
			p.Report(analysis.Diagnostic{
				Severity: analysis.Warning,
				Range:    args[0].Range,
				Message:  "the final image runs as root: the last USER is " + args[0].Value + "; switch back to a non-root user after the steps that need root",
			})
		}
		return
	}
	base := baseImage(chain)
	if images.ParseRef(base).Repo == "" {
		return // FROM ${IMAGE} with no default: the base's user is unknown
	}
	if images.NonRoot(base) || scratchArtifact(p, chain) || dropsPrivileges(chain) || interactiveDefault(p, chain) || selfDroppingServer(p, chain) {
		return
	}
	user0, why := suggestedUser(base)
	msg := "the final image runs as root: neither this stage nor the stages it is built on set USER; " + why
	if images.Classify(base).Class == images.ClassUnknown {
		// Many images set USER themselves (grafana/k6, jupyter...); one not
		// in the table may too.
		msg = "the final image runs as root unless the base image " + base + " sets USER: neither this stage nor the stages it is built on do; " + why
	}
	d := analysis.Diagnostic{
		Range:   final.From.Range(),
		Message: msg,
	}
	if user0 != "" {
		d.Fixes = []analysis.Fix{{
			Title: "Add USER " + user0,
			Edits: []analysis.Edit{userEdit(p, final, user0)},
		}}
	}
	p.Report(d)
}

// dropsPrivileges reports the entrypoint pattern of the official images:
// start as root, fix permissions, then exec the server through gosu or
// su-exec as an unprivileged user.
func dropsPrivileges(chain []*model.Stage) bool {
	for _, n := range body(chain) {
		t := n.Text()
		if strings.Contains(t, "gosu") || strings.Contains(t, "su-exec") || strings.Contains(t, "setpriv") {
			return true
		}
	}
	return false
}

// selfDroppingServer reports servers that start as root to bind their ports
// and serve from unprivileged worker processes (nginx, Apache, php-fpm...),
// or to set up network interfaces before dropping to --user (OpenVPN): the
// official images run them that way on purpose.
func selfDroppingServer(p *analysis.Pass, chain []*model.Stage) bool {
	prog, _, _ := entrypoint(p)
	if strings.Contains(prog, "entrypoint") {
		prog, _, _ = lastCMD(chain)
		if i := strings.LastIndexByte(prog, '/'); i >= 0 {
			prog = prog[i+1:]
		}
	}
	switch {
	case prog == "nginx" || prog == "openresty" || prog == "httpd" || prog == "httpd-foreground" || prog == "apache2-foreground" ||
		prog == "apache2ctl" || prog == "haproxy" || prog == "sshd" || prog == "dnsmasq" || prog == "squid" || prog == "supervisord" ||
		prog == "unitd" || prog == "unitd-debug" || prog == "openvpn":
		return true
	case strings.HasSuffix(prog, ".sh") && (strings.Contains(prog, "nginx") || strings.Contains(prog, "apache") || strings.Contains(prog, "httpd")):
		return true // nginx or Apache started from a script
	case strings.HasPrefix(prog, "php-fpm"):
		return true
	}
	return false
}

// suggestedUser is a user known to exist in the base image, and advice.
func suggestedUser(base string) (string, string) {
	r := images.ParseRef(base)
	switch {
	case r.Repo == "scratch":
		return "65534:65534", "a static binary on scratch still runs as uid 0; a numeric USER needs no /etc/passwd"
	case r.Repo == "node":
		return "node", "the node images have a `node` user"
	case strings.HasPrefix(r.Repo, "gcr.io/distroless/"):
		return "nonroot", "use the image's :nonroot tag or `USER nonroot`"
	case strings.HasPrefix(r.Repo, "mcr.microsoft.com/dotnet/") && dotnet8(r.Tag):
		return "$APP_UID", "the .NET 8+ images define the non-root user $APP_UID"
	}
	return "", "create a user (e.g. `RUN adduser -D -u 10001 app` on Alpine, `useradd -r -u 10001 app` on Debian) and add `USER app` after the steps that need root"
}

func dotnet8(tag string) bool {
	v, _, _ := strings.Cut(tag, ".")
	return len(v) > 0 && (len(v) > 1 || v[0] >= '8')
}

// userEdit inserts `USER u` before the final stage's first CMD or
// ENTRYPOINT, or after its last instruction.
func userEdit(p *analysis.Pass, final *model.Stage, u string) analysis.Edit {
	for _, n := range final.Body {
		if c := n.Command(); c == "CMD" || c == "ENTRYPOINT" {
			start := wholeLines(p.File, n.Range()).Start
			return analysis.Edit{Range: syntax.Range{Start: start, End: start}, NewText: "USER " + u + lineBreak(p.File)}
		}
	}
	end := final.Range.End
	return analysis.Edit{Range: syntax.Range{Start: end, End: end}, NewText: lineBreak(p.File) + "USER " + u}
}

// lineBreak is the file's line ending.
func lineBreak(f *syntax.File) string {
	if strings.Contains(f.Text, "\r\n") {
		return "\r\n"
	}
	return "\n"
}
