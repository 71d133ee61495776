package refactor

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
)

// nonRoot settles the user of the runtime stage when the single-stage image
// set none (it ran as root). A distroless image is taken in its :nonroot
// variant, a node image runs as its node user, a .NET 8+ image as $APP_UID;
// on other images the split cannot know which files the program writes, so
// it keeps root and says so in a comment (FinalStageRunsAsRoot).
func (sf *stageFacts) nonRoot(p *plan) {
	if p.noUser || images.NonRoot(p.rt.ref) {
		return
	}
	if user, _ := sf.runtimeUser(p.rt); user != "" {
		return // the image's own USER carries over
	}
	r := images.ParseRef(p.rt.ref)
	eol := sf.style.eol
	switch {
	case strings.HasPrefix(r.Repo, "gcr.io/distroless/") && r.Tag == "" && r.Digest == "":
		p.rt.ref += ":nonroot"
		p.notes = append(p.notes, "the :nonroot variant runs the program as user nonroot (uid 65532) instead of root; the copied files stay readable")
	case r.Repo == "node":
		p.afterCopies = append(p.afterCopies,
			commentOut("run as the node images' unprivileged user; the copied files stay owned by root, so the program reads but cannot change them", eol)+eol,
			sf.style.line("USER", "node"))
	case strings.HasPrefix(r.Repo, "mcr.microsoft.com/dotnet/") && dotnetUID(r.Tag):
		p.afterCopies = append(p.afterCopies,
			commentOut("run as the unprivileged user the .NET 8+ images define", eol)+eol,
			sf.style.line("USER", "$APP_UID"))
	default:
		p.notes = append(p.notes, "FinalStageRunsAsRoot: the image runs as root, as before the split; which files the program writes is unknown here, so create a user and add USER once you know")
	}
}

// dotnetUID reports a .NET image tag of version 8 or later, whose images
// define APP_UID.
func dotnetUID(tag string) bool {
	v, _, _ := strings.Cut(tag, ".")
	return v != "" && strings.Trim(v, "0123456789") == "" && (len(v) > 1 || v[0] >= '8')
}
