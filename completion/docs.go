package completion

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// Documentation renders the entry an Item.Key names, as Markdown or as plain
// text, for completionItem/resolve. The prose comes from analysis/docs (the
// texts hover shows) when it has the entry, else from this catalogue's
// summary; the catalogue adds the forms, flags, keys and values. Keys are
// "instruction:RUN", "flag:COPY:from", "mounttype:cache",
// "mountkey:cache:target", "directive:syntax", "arg:TARGETARCH",
// "image:golang", "rule:UnusedStage". It returns "" for an unknown key.
func Documentation(key string, markdown bool) string {
	kind, rest, _ := strings.Cut(key, ":")
	var d doc
	switch kind {
	case "instruction":
		in, ok := Instruction(rest)
		if !ok {
			return ""
		}
		d.para(prefer(in.Summary)(docs.Instruction(in.Name)))
		if in.Deprecated != "" {
			d.para(in.Deprecated)
		}
		d.code(in.Forms...)
		if len(in.Flags) > 0 {
			flags := make([]string, len(in.Flags))
			for i, f := range in.Flags {
				flags[i] = "`--" + f + "`"
			}
			d.para("Flags: " + strings.Join(flags, ", "))
		}
	case "flag":
		cmd, name, _ := strings.Cut(rest, ":")
		f, ok := Flag(cmd, name)
		if !ok {
			return ""
		}
		form := "--" + f.Name
		if f.Placeholder != "" {
			form += "=" + f.Placeholder
		}
		d.para("`" + form + "` (" + strings.Join(f.Instructions, ", ") + ")")
		d.para(prefer(f.Summary)(docs.Flag(strings.ToUpper(cmd), f.Name)))
		if f.Repeatable {
			d.para("May be given more than once.")
		}
		d.values(f.Values)
	case "mounttype":
		t, ok := Mount(rest)
		if !ok {
			return ""
		}
		d.para("`--mount=type=" + t.Name + "`")
		d.para(prefer(t.Summary)(docs.MountType(t.Name)))
		keys := make([]string, len(t.Keys))
		for i, k := range t.Keys {
			keys[i] = "`" + k + "`"
		}
		d.para("Keys: " + strings.Join(keys, ", "))
	case "mountkey":
		typ, name, ok := strings.Cut(rest, ":")
		if !ok {
			typ, name = "", rest
		}
		k, ok := MountKeyInfo(name)
		if !ok {
			return ""
		}
		form := k.Name
		if k.Placeholder != "" {
			form += "=" + k.Placeholder
		}
		d.para("`" + form + "`")
		text, found := docs.MountKey(typ, k.Name)
		d.para(prefer(k.Summary)(text, found))
		if aliases := docs.MountKeyAliases(k.Name); len(aliases) > 0 && !found {
			d.para("Also written " + strings.Join(aliases, ", ") + ".")
		}
		values := k.Values
		if v, ok := k.ValuesFor[typ]; ok {
			values = v
		}
		d.values(values)
	case "directive":
		dir, ok := Directive(rest)
		if !ok {
			return ""
		}
		d.code(dir.Form)
		d.para(prefer(dir.Summary)(docs.Directive(dir.Name)))
		d.values(dir.Values)
	case "arg":
		a, ok := model.LookupPredefinedArg(rest)
		if !ok {
			return ""
		}
		d.para("`" + a.Name + "`")
		d.para(prefer(a.Summary + ".")(docs.PredefinedArg(a.Name)))
		switch a.Scope {
		case model.ScopeGlobal:
			d.para("FROM lines can use it as is; inside a stage it needs `ARG " + a.Name + "` first.")
		case model.ScopeRun:
			d.para("RUN sees it without a declaration.")
		default:
			d.para("BuildKit reads it once it is declared with ARG.")
		}
	case "rule":
		// The project's rules, documented in RULES.md; BuildKit's checks
		// are documented on Docker's site.
		text := analysis.DocOf(rest)
		if text == "" {
			return ""
		}
		d.para(text)
	case "image":
		im, ok := images.KnownImage(rest)
		if !ok {
			return ""
		}
		d.para("`" + im.Repo + "`: " + im.Summary + ".")
		if im.Runtime {
			d.para("A small image meant to run a finished program.")
		}
		if len(im.Tags) > 0 {
			d.para("Example tags: " + strings.Join(im.Tags, ", ") + " (examples only; the registry lists the current ones).")
		}
	default:
		return ""
	}
	md := strings.TrimSpace(d.b.String())
	if markdown {
		return md
	}
	return docs.Plain(md)
}

// prefer returns the text of a docs lookup when it found one, else fallback.
func prefer(fallback string) func(string, bool) string {
	return func(s string, ok bool) string {
		if ok && s != "" {
			return s
		}
		return fallback
	}
}

// doc accumulates Markdown restricted to what docs.Plain can render.
type doc struct{ b strings.Builder }

func (d *doc) para(s string) {
	d.b.WriteString(s)
	d.b.WriteString("\n\n")
}

func (d *doc) code(lines ...string) {
	d.b.WriteString("```dockerfile\n" + strings.Join(lines, "\n") + "\n```\n\n")
}

func (d *doc) values(vs []ValueInfo) {
	if len(vs) == 0 {
		return
	}
	d.b.WriteString("Values:\n\n")
	for _, v := range vs {
		line := "- `" + v.Value + "`"
		if strings.Contains(v.Value, "`") {
			line = "- `` " + v.Value + " ``"
		}
		if v.Summary != "" {
			line += ": " + v.Summary
		}
		d.b.WriteString(line + "\n")
	}
	d.b.WriteString("\n")
}
