// Package hover explains what lies under the cursor: an instruction, a flag
// (down to each --mount type and key), a parser directive, a stage (its base,
// what it copies from, what needs it, whether the final image needs it), a
// variable (its value at that point and where it was set), what a stage does
// (base kind, packages, build steps and their outputs, files that reach the
// final image) and where a COPY --from source path comes from, an image
// reference (normalised, and for SDK images their size and runtime
// counterpart). Texts come from analysis/docs; the result is Markdown or
// plain text, as the client asks. Nothing here knows LSP.
package hover

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/imageref"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/navigate"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Options choose the rendering and the build being described.
type Options struct {
	Markdown bool   // Markdown, else plain text
	Target   string // the stage built (--target); empty means the last stage
	Path     string // the file's workspace path (analysis.Pass.Path): what the image is for
	// BuildContext, when set, is a line saying which build context the
	// Dockerfile is built with and why; it ends the hover of the first FROM.
	BuildContext string
	// Context is that build context as walked, when it is known: what it
	// holds tells what the image is for (an action.yml beside the
	// Dockerfile makes it a GitHub action).
	Context *buildcontext.Context
}

// Result is the text and the range it describes.
type Result struct {
	Text  string
	Range syntax.Range
}

// Hover returns the explanation of what lies at byte offset off, if anything.
func Hover(m *model.Model, off int, opt Options) (Result, bool) {
	f := m.File
	if off < 0 || off > len(f.Text) {
		return Result{}, false
	}
	h := &hoverer{m: m, f: f, x: navigate.For(m), opt: opt, w: writer{md: opt.Markdown}}
	r, ok := h.at(off)
	if !ok {
		return Result{}, false
	}
	if i := f.NodeAt(off); opt.BuildContext != "" && i >= 0 && len(m.Stages) > 0 && m.Stages[0].From.Offset == f.Node(i).Offset {
		h.w.para(opt.BuildContext)
	}
	return Result{Text: strings.TrimSpace(h.w.b.String()), Range: r}, true
}

type hoverer struct {
	m   *model.Model
	f   *syntax.File
	x   *navigate.Index
	opt Options
	w   writer
}

func (h *hoverer) at(off int) (syntax.Range, bool) {
	for _, d := range h.f.Directives {
		if d.Range.Contains(off) {
			return d.Range, h.directive(d)
		}
	}
	i := h.f.NodeAt(off)
	if i < 0 {
		return syntax.Range{}, false
	}
	n := h.f.Node(i)
	if n.Kind() != syntax.KindInstruction {
		return syntax.Range{}, false
	}
	if sym, ok := h.x.At(off); ok {
		switch sym.Kind {
		case navigate.VariableSymbol:
			h.variable(sym)
		case navigate.StageSymbol:
			h.stageSymbol(sym)
		case navigate.HeredocSymbol:
			h.heredoc(sym)
		}
		return sym.Range, true
	}
	if cs, ok := navigate.CopySourceAt(h.m, off, h.opt.Context); ok {
		h.copySource(cs)
		return cs.Range, true
	}
	if inner, ok := n.OnBuild(); ok && off >= inner.Keyword().Range.Start {
		if n.Keyword().Range.Contains(off) && off < inner.Keyword().Range.Start {
			return n.Keyword().Range, h.instruction(n.Command())
		}
		return h.node(inner, off, true)
	}
	return h.node(n, off, false)
}

// node explains the keyword, flags, base image or image reference at off.
func (h *hoverer) node(n syntax.Node, off int, trigger bool) (syntax.Range, bool) {
	if kw := n.Keyword().Range; kw.Contains(off) && kw.Len() > 0 {
		ok := h.instruction(n.Command())
		if ok && trigger {
			h.w.para("Runs when an image is built " + h.w.code("FROM") + " this one (" + h.w.code("ONBUILD") + " trigger).")
		}
		return kw, ok
	}
	for _, r := range h.m.Refs {
		if r.Node.Offset == n.Offset && r.Target == nil && len(r.Candidates) == 0 && r.Range.Len() > 0 && r.Range.Contains(off) {
			note := ""
			if !strings.ContainsAny(r.Value, "/:@.") {
				note = fmt.Sprintf("No stage is called %s, so BuildKit reads it as an image.", h.w.code(r.Value))
			}
			h.image(r.Value, h.x.ExpandAt(r.Owner, r.Node.Offset, r.Value), note)
			return r.Range, true
		}
	}
	for _, fl := range n.Flags() {
		if fl.Range.Contains(off) && off >= fl.Range.Start {
			return h.flag(n, fl, off)
		}
	}
	if n.Command() == "FROM" {
		for _, s := range h.m.Stages {
			if s.From.Offset == n.Offset && s.BaseRange.Len() > 0 && s.BaseRange.Contains(off) {
				value := h.x.ExpandAt(nil, n.Offset, s.Base)
				note := ""
				if later := h.m.StageByName(value); later != nil && later.Index > s.Index {
					note = fmt.Sprintf("The stage %s is declared on line %d, below this line: FROM only sees stages declared above it, so this is an image.", h.w.code(later.Name), h.x.Line(later.NameRange.Start))
				}
				h.image(s.Base, value, note)
				return s.BaseRange, true
			}
		}
	}
	return syntax.Range{}, false
}

func (h *hoverer) instruction(cmd string) bool {
	text, ok := docs.Instruction(cmd)
	if !ok {
		return false
	}
	h.w.line(h.w.bold(cmd))
	h.w.para("")
	h.w.doc(text)
	return true
}

func (h *hoverer) directive(d syntax.Directive) bool {
	text, ok := docs.Directive(d.Name)
	if !ok {
		return false
	}
	h.w.line(h.w.bold("# "+d.Name+"=") + " " + h.w.code(d.Value))
	h.w.para("")
	h.w.doc(text)
	switch d.Name {
	case "syntax":
		if r, ok := imageref.Parse(d.Value); ok {
			h.w.para("Frontend image: " + h.w.code(r.String()))
		}
	case "escape":
		if d.Value != "\\" && d.Value != "`" {
			h.w.para(fmt.Sprintf("%s is not an escape character BuildKit accepts: only %s and %s are.", h.w.code(d.Value), h.w.code("\\"), h.w.code("`")))
		}
	}
	return true
}

// flag explains a flag, or the --mount type or key under the cursor.
func (h *hoverer) flag(n syntax.Node, fl syntax.Flag, off int) (syntax.Range, bool) {
	cmd := n.Command()
	name := strings.ToLower(fl.Name)
	if name == "mount" && cmd == "RUN" && fl.ValueRange.Contains(off) && off >= fl.ValueRange.Start {
		typ := ""
		for _, kv := range fl.Fields {
			if strings.EqualFold(kv.Key, "type") {
				typ = strings.ToLower(kv.Value)
			}
		}
		for _, kv := range fl.Fields {
			in := kv.KeyRange.Start <= off && off <= kv.ValueRange.End
			if !in {
				continue
			}
			key := strings.ToLower(kv.Key)
			if key == "type" && kv.ValueRange.Contains(off) && off >= kv.ValueRange.Start {
				if text, ok := docs.MountType(kv.Value); ok {
					h.w.line(h.w.bold("RUN --mount") + " " + h.w.code("type="+strings.ToLower(kv.Value)))
					h.w.para("")
					h.w.doc(text)
					return kv.ValueRange, true
				}
			}
			if text, ok := docs.MountKey(typ, key); ok {
				shown := typ
				if shown == "" {
					shown = "bind"
				}
				title := h.w.bold("RUN --mount") + " " + h.w.code(docs.CanonicalMountKey(key)) + " (" + shown + " mount)"
				if c := docs.CanonicalMountKey(key); c != key {
					title += ", written " + h.w.code(key)
				}
				h.w.line(title)
				h.w.para("")
				h.w.doc(text)
				if !mountKeyAllowed(typ, key) {
					h.w.para(fmt.Sprintf("%s mounts do not take %s.", strings.ToUpper(shown[:1])+shown[1:], h.w.code(key)))
				}
				return syntax.Range{Start: kv.KeyRange.Start, End: max(kv.KeyRange.End, kv.ValueRange.End)}, true
			}
			h.w.line(fmt.Sprintf("%s is not a %s key. Keys: %s.", h.w.code(key), h.w.code("--mount"), h.w.codes(docs.MountKeys(typ))))
			return kv.KeyRange, true
		}
	}
	text, ok := docs.Flag(cmd, name)
	if !ok {
		known := docs.Flags(cmd)
		if len(known) == 0 {
			h.w.line(fmt.Sprintf("%s takes no flags.", h.w.code(cmd)))
		} else {
			h.w.line(fmt.Sprintf("%s is not a flag of %s. It accepts: %s.", h.w.code("--"+fl.Name), h.w.code(cmd), h.w.codes(prefixAll("--", known))))
		}
		return fl.Range, true
	}
	h.w.line(h.w.bold(cmd + " --" + name))
	h.w.para("")
	h.w.doc(text)
	return fl.Range, true
}

func mountKeyAllowed(typ, key string) bool {
	key = docs.CanonicalMountKey(key)
	for _, k := range docs.MountKeys(typ) {
		if k == key || key == "readonly" || key == "readwrite" {
			return true
		}
	}
	return false
}

func prefixAll(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

// image explains an image reference: written is the text in the file, value
// the reference after expanding build arguments with their defaults.
func (h *hoverer) image(written, value, note string) {
	w := &h.w
	if strings.EqualFold(value, "scratch") {
		w.line(w.bold("scratch"))
		w.para("The empty image: the stage starts with no files at all. Only statically linked programs run on it.")
		return
	}
	ref, ok := imageref.Parse(value)
	if !ok {
		w.line(w.bold("Image") + " " + w.code(written))
		switch {
		case strings.Contains(value, "$"):
			w.para("Decided when the build runs: " + w.code(value) + " depends on build arguments the file gives no default for.")
		case value != written:
			w.para("With default build arguments this is " + w.code(value) + ", which is not a valid image reference: the build needs " + w.code("--build-arg") + " values.")
		default:
			w.para("This is not a valid image reference.")
		}
		if note != "" {
			w.para(note)
		}
		return
	}
	w.line(w.bold("Image") + " " + w.code(ref.String()))
	if value != written {
		w.para("With default build arguments, " + w.code(written) + " is " + w.code(value) + ".")
	}
	if note != "" {
		w.para(note)
	}
	w.para("")
	var facts []string
	if ref.Official() {
		facts = append(facts, "Docker Hub official image")
	}
	if ref.Tag == "" && ref.Digest == "" {
		facts = append(facts, "no tag: BuildKit pulls "+w.code("latest")+", which moves")
	}
	if ref.Digest != "" {
		facts = append(facts, "pinned by digest")
	}
	if match, ok := images.Lookup(value); ok {
		facts = append(facts, fmt.Sprintf("%s, about %d MB compressed (an estimate)", match.Image.What, match.SizeMB))
		if rts := match.Runtimes(); len(rts) > 0 {
			s := "to run what it builds, " + w.code(rts[0])
			if match.Image.RuntimeMB > 0 {
				s += fmt.Sprintf(" (about %d MB)", match.Image.RuntimeMB)
			}
			if len(rts) > 1 {
				s += " or " + w.codes(rts[1:])
			}
			facts = append(facts, s+" is enough")
		}
	}
	for _, fct := range facts {
		w.item(fct)
	}
}

// stageSymbol explains a stage name, a reference to a stage, or a reference
// that selects none.
func (h *hoverer) stageSymbol(sym navigate.Symbol) {
	w := &h.w
	switch {
	case sym.Stage != nil:
		h.stage(sym.Stage)
	case len(sym.Candidates) > 0:
		w.line(w.bold("Stage") + " " + w.code(sym.Name))
		var names []string
		for _, c := range sym.Candidates {
			names = append(names, c.Name)
		}
		w.para("Chosen by build arguments; it may be " + w.codes(names) + ".")
	default:
		w.line(w.bold("Image") + " " + w.code(sym.Name))
		note := fmt.Sprintf("No stage is called %s, so BuildKit reads it as an image", w.code(sym.Name))
		if r, ok := imageref.Parse(strings.ToLower(sym.Name)); ok {
			note += " and pulls " + w.code(r.String())
		}
		w.para(note + ".")
	}
}

func (h *hoverer) stage(s *model.Stage) {
	w := &h.w
	m := h.m
	title := w.bold("Stage") + " " + w.code(navigate.StageLabel(s))
	if s.Name != "" {
		title += " (#" + strconv.Itoa(s.Index) + ")"
	}
	w.line(title)
	w.para("")
	switch {
	case s.Parent != nil:
		w.item("base: stage " + w.code(navigate.StageLabel(s.Parent)) + fmt.Sprintf(" (line %d)", h.x.Line(s.Parent.From.Offset)))
	case s.Base == "":
		w.item("base: none yet")
	case strings.EqualFold(s.BaseValue, "scratch"):
		w.item("base: " + w.code("scratch") + " (empty)")
	default:
		base := "base: image " + w.code(s.Base)
		if r, ok := imageref.Parse(s.BaseValue); ok && r.String() != s.Base {
			base += " → " + w.code(r.String())
		}
		w.item(base)
	}
	h.baseKind(s)
	if s.Platform != "" {
		w.item("platform: " + w.code(s.Platform))
	}
	var from []string
	for _, d := range m.Deps(s) {
		if d != s.Parent {
			from = append(from, w.code(navigate.StageLabel(d)))
		}
	}
	if len(from) > 0 {
		w.item("copies from: " + strings.Join(from, ", "))
	}
	var users []string
	seen := map[string]bool{}
	for _, r := range m.Refs {
		if r.Target != s || r.Owner == nil {
			continue
		}
		u := fmt.Sprintf("%s (%s, line %d)", w.code(navigate.StageLabel(r.Owner)), refKind(r), h.x.Line(r.Range.Start))
		if !seen[u] {
			seen[u] = true
			users = append(users, u)
		}
	}
	if len(users) > 0 {
		w.item("used by: " + strings.Join(users, ", "))
	} else {
		w.item("used by: no other stage")
	}
	final := m.Final(h.opt.Target)
	switch {
	case final == s:
		w.item("final image: this is the final stage")
		if in := facts.IntentOf(h.opt.Path, facts.Of(m).Stage(s), h.opt.Context); in.Purpose != facts.PurposeApp {
			w.item("purpose: a " + in.Purpose.String() + " image, as " + in.Why + "; the final-image rules do not hold it to production standards")
		}
	case m.Reachable(final)[s]:
		w.item("final image: built for it, through " + w.code(navigate.StageLabel(final)))
	default:
		w.item("final image: not needed by the final stage " + w.code(navigate.StageLabel(final)) + "; built only with " + w.code("--target "+navigate.StageLabel(s)))
	}
	h.stageFacts(s)
}

func refKind(r *model.Ref) string {
	switch r.Kind {
	case model.RefFrom:
		return "FROM"
	case model.RefCopyFrom:
		if r.OnBuild {
			return "ONBUILD COPY --from"
		}
		return "COPY --from"
	default:
		return "RUN --mount from"
	}
}

func (h *hoverer) heredoc(sym navigate.Symbol) {
	w := &h.w
	hd := sym.Heredoc
	w.line(w.bold("Heredoc") + " " + w.code(hd.Name))
	w.para("")
	first, _ := h.f.Lines().Position(hd.Body.Start)
	last, _ := h.f.Lines().Position(max(hd.Body.Start, hd.Body.End-1))
	switch {
	case !hd.Terminated:
		w.item(fmt.Sprintf("never terminated: no line reads %s", w.code(hd.Name)))
	case hd.Body.Len() == 0:
		w.item("empty body")
	default:
		w.item(fmt.Sprintf("body: lines %d–%d", first+1, last+1))
	}
	if hd.StripTabs {
		w.item(w.code("<<-") + ": leading tabs are removed from the body and the terminator")
	}
	if hd.Quoted {
		w.item("quoted delimiter: " + w.code("$variables") + " in the body are left as written")
	} else {
		w.item("unquoted delimiter: " + w.code("$variables") + " in the body are expanded")
	}
}

// variable explains a variable declaration or use: its value at that point
// and where it was set.
func (h *hoverer) variable(sym navigate.Symbol) {
	w := &h.w
	x := h.x
	v := sym.Var
	if v == nil {
		h.undeclared(sym)
		return
	}
	kind := "ARG"
	if v.Kind == model.VarEnv {
		kind = "ENV"
	}
	val, state := x.Value(v)
	if !sym.Decl {
		val, state = x.ValueAt(sym.Owner, sym.Node.Offset, sym.Name)
	}
	head := w.bold(kind) + " " + w.code(sym.Name)
	switch state {
	case model.Set:
		head += " = " + w.code(val)
	case model.Unset:
		head += " (no value)"
	}
	w.line(head)
	w.para("")
	where := func(v *model.Var) string {
		scope := "before the first FROM (global)"
		if v.Stage != nil {
			scope = "in stage " + w.code(navigate.StageLabel(v.Stage))
		}
		return fmt.Sprintf("line %d, %s", x.Line(v.NameRange.Start), scope)
	}
	if sym.Decl {
		w.item("declared on " + where(v))
		if v.Stage != nil {
			if prev := x.Resolve(v.Stage, v.Node.Offset, v.Name); prev != nil {
				w.item("replaces the value set on " + where(prev))
			}
		}
		if lines := h.readLines(v); lines != "" {
			w.item("read on " + lines)
		} else {
			w.item("not read anywhere in this file")
		}
	} else {
		w.item("set on " + where(v))
	}
	if v.Kind == model.VarArg && !v.HasValue && v.Stage != nil {
		if g := globalDecl(x, v); g != nil {
			w.item("takes its default from the global ARG on " + fmt.Sprintf("line %d", x.Line(g.NameRange.Start)))
		}
	}
	if v.Kind == model.VarArg {
		switch state {
		case model.Unset:
			w.item("empty unless the build passes " + w.code("--build-arg "+v.Name+"=…"))
		case model.Set:
			w.item(w.code("--build-arg "+v.Name+"=…") + " overrides it")
		}
		switch sym.Node.Command() {
		case "CMD", "ENTRYPOINT", "HEALTHCHECK":
			w.item("build arguments do not exist when the container runs: here it is empty unless an " + w.code("ENV") + " sets it")
		}
	}
	if doc, ok := docs.PredefinedArg(v.Name); ok && model.BuildDefined(v.Name) {
		w.para("")
		w.doc(doc)
	}
}

// readLines lists the lines that read the value v sets.
func (h *hoverer) readLines(v *model.Var) string {
	const most = 8
	var lines []string
	last := -1
	for _, r := range h.x.Readers(v) {
		l := h.x.Line(r.Start)
		if l == last {
			continue
		}
		last = l
		if len(lines) == most {
			lines = append(lines, "…")
			break
		}
		lines = append(lines, strconv.Itoa(l))
	}
	switch len(lines) {
	case 0:
		return ""
	case 1:
		return "line " + lines[0]
	}
	return "lines " + strings.Join(lines, ", ")
}

func globalDecl(x *navigate.Index, v *model.Var) *model.Var {
	for _, d := range x.Declarations(v) {
		if d.Stage == nil {
			return d
		}
	}
	return nil
}

func (h *hoverer) undeclared(sym navigate.Symbol) {
	w := &h.w
	w.line(w.bold("Variable") + " " + w.code(sym.Name))
	w.para("")
	if doc, ok := docs.PredefinedArg(sym.Name); ok && model.BuildDefined(sym.Name) {
		w.doc(doc)
		if sym.Owner != nil && !strings.HasSuffix(strings.ToUpper(sym.Name), "_PROXY") {
			w.para(fmt.Sprintf("Inside a stage it is only visible after %s; here it is empty.", w.code("ARG "+sym.Name)))
		}
		return
	}
	if sym.Owner == nil {
		if global := h.laterGlobal(sym.Name); global != nil {
			w.para(fmt.Sprintf("Not declared yet: the ARG on line %d comes after this line, so this expands to nothing.", h.x.Line(global.NameRange.Start)))
			return
		}
		w.para("Not declared before this line: in a FROM line it expands to nothing. Declare it with " + w.code("ARG "+sym.Name) + " before the first FROM.")
		return
	}
	if g := h.laterGlobal(sym.Name); g != nil {
		w.para(fmt.Sprintf("The global ARG on line %d is not visible inside a stage until the stage repeats %s.", h.x.Line(g.NameRange.Start), w.code("ARG "+sym.Name)))
		return
	}
	w.para("Not declared by an ARG or ENV visible here: it comes from the base image's environment, or the command sets it itself.")
}

func (h *hoverer) laterGlobal(name string) *model.Var {
	for _, v := range h.m.GlobalArgs {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// writer renders Markdown or plain text.
type writer struct {
	md bool
	b  buffer
}

type buffer struct{ buf []byte }

func (b *buffer) writeString(s string) { b.buf = append(b.buf, s...) }
func (b *buffer) writeByte(c byte)     { b.buf = append(b.buf, c) }
func (b *buffer) Len() int             { return len(b.buf) }
func (b *buffer) String() string       { return string(b.buf) }
func (b *buffer) endsWith(s string) bool {
	return len(b.buf) >= len(s) && string(b.buf[len(b.buf)-len(s):]) == s
}

func (w *writer) code(s string) string {
	if !w.md {
		return s
	}
	if strings.Contains(s, "`") {
		return "`` " + s + " ``"
	}
	return "`" + s + "`"
}

func (w *writer) codes(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = w.code(x)
	}
	return strings.Join(out, ", ")
}

func (w *writer) bold(s string) string {
	if !w.md {
		return s
	}
	return "**" + s + "**"
}

func (w *writer) line(s string) {
	if w.b.Len() > 0 && !w.b.endsWith("\n") {
		w.b.writeByte('\n')
	}
	w.b.writeString(s)
	w.b.writeByte('\n')
}

// para starts a paragraph (an empty s only ends the previous one).
func (w *writer) para(s string) {
	if w.b.Len() > 0 && !w.b.endsWith("\n\n") {
		w.b.writeByte('\n')
	}
	if s != "" {
		w.b.writeString(s)
		w.b.writeByte('\n')
	}
}

func (w *writer) item(s string) { w.line("- " + s) }

func (w *writer) doc(md string) {
	if !w.md {
		md = docs.Plain(md)
	}
	w.line(md)
}
