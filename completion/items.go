package completion

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// keywords proposes instructions for the keyword at r: only ARG and FROM
// before the first FROM, no FROM/ONBUILD/MAINTAINER after ONBUILD.
func (c *completer) keywords(r syntax.Range, onbuild bool, prev int) Result {
	typed := c.typed(r)
	beforeFrom := !onbuild && !c.afterFirstFrom(prev)
	// Rewriting the keyword of a line that has arguments: no snippet, no space.
	le := r.End + strings.IndexAny(c.f.Text[r.End:]+"\n", "\r\n")
	bare := strings.Trim(c.f.Text[r.End:le], " \t") != ""
	var items []Item
	for i, in := range Instructions {
		if onbuild && in.NoOnBuild || beforeFrom && in.Name != "ARG" && in.Name != "FROM" {
			continue
		}
		if !hasPrefixFold(in.Name, typed) {
			continue
		}
		it := Item{
			Label:      in.Name,
			Detail:     in.Forms[0],
			Kind:       KindKeyword,
			InsertText: in.Name + " ",
			Snippet:    in.Snippet,
			SortText:   fmt.Sprintf("1%02d", i),
			Key:        "instruction:" + in.Name,
			Deprecated: in.Deprecated != "",
		}
		if bare {
			it.InsertText, it.Snippet = in.Name, ""
		}
		if onbuild {
			// the inner instruction of ONBUILD: same snippet without a stage name
			it.Snippet = strings.Replace(it.Snippet, " AS ${2:name}", "", 1)
		}
		items = append(items, it)
	}
	return Result{Items: items, Replace: r}
}

// keywordItems proposes fixed keywords (AS, CMD, NONE).
func keywordItems(typed string, words ...string) []Item {
	var items []Item
	for i, w := range words {
		if hasPrefixFold(w, typed) {
			items = append(items, Item{Label: w, Kind: KindKeyword, InsertText: w + " ", SortText: fmt.Sprintf("0%02d", i)})
		}
	}
	return items
}

// valueItems proposes catalogue values matching typed.
func valueItems(typed string, values []ValueInfo, key, sortPrefix string) []Item {
	var items []Item
	for i, v := range values {
		if !hasPrefixFold(v.Value, typed) {
			continue
		}
		items = append(items, Item{Label: v.Value, Detail: v.Summary, Kind: KindValue, Key: key, SortText: fmt.Sprintf("%s%03d", sortPrefix, i)})
	}
	return items
}

// flagNames proposes the flags of n's instruction for the word at r; flags
// already given are left out unless they may repeat.
func (c *completer) flagNames(n syntax.Node, r syntax.Range, hasValue bool) Result {
	typed := c.typed(r)
	cmd := n.Command()
	present := map[string]bool{}
	for _, f := range n.Flags() {
		if f.Range.Start != r.Start {
			present[f.Name] = true
		}
	}
	var items []Item
	for i, f := range FlagsOf(cmd) {
		label := "--" + f.Name
		if present[f.Name] && !f.Repeatable || !strings.HasPrefix(label, typed) {
			continue
		}
		it := Item{
			Label:      label,
			Detail:     label,
			Kind:       KindFlag,
			InsertText: label,
			SortText:   fmt.Sprintf("2%02d", i),
			Key:        "flag:" + cmd + ":" + f.Name,
		}
		if f.Placeholder != "" {
			it.Detail += "=" + f.Placeholder
		}
		if !hasValue && !f.Switch {
			it.InsertText += "="
			it.Retrigger = true
		}
		items = append(items, it)
	}
	return Result{Items: items, Replace: r}
}

// flagValue completes the value of flag fl.
func (c *completer) flagValue(n syntax.Node, fl syntax.Flag) Result {
	cmd := n.Command()
	if cmd == "RUN" && fl.Name == "mount" {
		return c.mountValue(fl)
	}
	info, ok := Flag(cmd, fl.Name)
	if !ok {
		return Result{}
	}
	return Result{Items: valueItems(c.typed(fl.ValueRange), info.Values, "flag:"+cmd+":"+fl.Name, "0"), Replace: fl.ValueRange}
}

// mountValue completes inside --mount=...: keys for the mount's type, then
// the values of the key under the cursor.
func (c *completer) mountValue(fl syntax.Flag) Result {
	typ := "bind"
	for _, kv := range fl.Fields {
		if strings.EqualFold(kv.Key, "type") && kv.Value != "" {
			typ = strings.ToLower(kv.Value)
		}
	}
	for i, kv := range fl.Fields {
		hasEq := kv.ValueRange.Start > kv.KeyRange.End
		if c.off < kv.KeyRange.Start || c.off > max(kv.KeyRange.End, kv.ValueRange.End) {
			continue
		}
		if c.off <= kv.KeyRange.End {
			return c.mountKeys(fl, i, typ, hasEq)
		}
		if !hasEq || c.off < kv.ValueRange.Start {
			return Result{}
		}
		typed := c.typed(kv.ValueRange)
		key, ok := MountKeyInfo(kv.Key)
		if !ok {
			return Result{}
		}
		var items []Item
		if key.Name == "type" {
			for j, t := range MountTypes() {
				if hasPrefixFold(t.Name, typed) {
					items = append(items, Item{Label: t.Name, Detail: t.Summary, Kind: KindValue, InsertText: t.Name + ",", Retrigger: true,
						SortText: fmt.Sprintf("0%02d", j), Key: "mounttype:" + t.Name})
				}
			}
		} else {
			values := key.Values
			if v, ok := key.ValuesFor[typ]; ok {
				values = v
			}
			items = valueItems(typed, values, "mountkey:"+typ+":"+key.Name, "0")
		}
		return Result{Items: items, Replace: kv.ValueRange}
	}
	return Result{}
}

func (c *completer) mountKeys(fl syntax.Flag, at int, typ string, hasEq bool) Result {
	kv := fl.Fields[at]
	typed := c.typed(kv.KeyRange)
	present := map[string]bool{}
	for i, other := range fl.Fields {
		if i == at {
			continue
		}
		if k, ok := MountKeyInfo(other.Key); ok {
			present[k.Name] = true
		}
	}
	names := []string{"type"}
	if t, ok := Mount(typ); ok {
		names = append(names, t.Keys...)
	}
	var items []Item
	for i, name := range names {
		k, _ := MountKeyInfo(name)
		if present[name] || !hasPrefixFold(name, typed) {
			continue
		}
		it := Item{Label: name, Detail: k.Placeholder, Kind: KindProperty, InsertText: name, SortText: fmt.Sprintf("0%02d", i), Key: "mountkey:" + typ + ":" + name}
		if !hasEq && !k.Switch {
			it.InsertText += "="
			it.Retrigger = true
		}
		if k.Switch {
			it.Detail = "switch, or " + name + "=true|false"
		}
		items = append(items, it)
	}
	return Result{Items: items, Replace: kv.KeyRange}
}

// stages proposes the stages for ctx and, in FROM, well-known images and the
// --platform flag.
func (c *completer) stages(n syntax.Node, ctx stageContext) Result {
	typed := c.typed(ctx.replace)
	items := stageItems(c.m, ctx, strings.ToLower(typed))
	for i := range items {
		items[i].SortText = "0" + items[i].SortText
	}
	if ctx.kind == model.RefFrom {
		items = append(items, imageItems(typed)...)
		if typed == "" || strings.HasPrefix(typed, "-") {
			items = append(items, c.flagNames(n, ctx.replace, false).Items...)
		}
	}
	return Result{Items: items, Replace: ctx.replace}
}

// imageItems proposes well-known repositories, or their tags once a colon is typed.
func imageItems(typed string) []Item {
	if strings.ContainsAny(typed, "@$") {
		return nil
	}
	var items []Item
	if repo, tag, ok := strings.Cut(typed, ":"); ok {
		im, found := images.KnownImage(repo)
		if !found {
			return nil
		}
		for i, t := range im.Tags {
			if !hasPrefixFold(t, tag) {
				continue
			}
			label := repo + ":" + t
			items = append(items, Item{Label: label, Detail: im.Summary, Kind: KindImage, SortText: fmt.Sprintf("1%03d", i), Key: "image:" + im.Repo})
		}
		return items
	}
	for i, im := range images.KnownImages {
		it := Item{Label: im.Repo, Detail: im.Summary, Kind: KindImage, SortText: fmt.Sprintf("1%03d", i), Key: "image:" + im.Repo}
		switch {
		case hasPrefixFold(im.Repo, typed):
		case strings.Contains(im.Repo, "/") && hasPrefixFold(im.Repo[strings.LastIndexByte(im.Repo, '/')+1:], typed):
			it.FilterText = im.Repo[strings.LastIndexByte(im.Repo, '/')+1:]
		case strings.Contains(im.Repo, "/") && hasPrefixFold(im.Repo[strings.IndexByte(im.Repo, '/')+1:], typed):
			it.FilterText = im.Repo[strings.IndexByte(im.Repo, '/')+1:]
		default:
			continue
		}
		items = append(items, it)
	}
	return items
}

// varRef finds a variable name being typed after $ or ${ in n's line:
// it returns the name's range and whether it is braced.
func (c *completer) varRef(n syntax.Node) (syntax.Range, bool, bool) {
	text, off := c.f.Text, c.off
	j := off
	for j > n.Offset && isNameByte(text[j-1]) {
		j--
	}
	braced := false
	d := j - 1
	if d > n.Offset && text[d] == '{' && text[d-1] == '$' {
		braced, d = true, d-1
	}
	if d < n.Offset || text[d] != '$' || (d > n.Offset && text[d-1] == c.f.Escape) {
		return syntax.Range{}, false, false
	}
	if j < len(text) && j < off && text[j] >= '0' && text[j] <= '9' {
		return syntax.Range{}, false, false // $1: a positional parameter
	}
	k := off
	for k < len(text) && isNameByte(text[k]) {
		k++
	}
	return syntax.Range{Start: j, End: k}, braced, true
}

func isNameByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// variables completes $NAME and ${NAME with the variables in scope at n.
func (c *completer) variables(n syntax.Node) (Result, bool) {
	r, braced, ok := c.varRef(n)
	if !ok {
		return Result{}, false
	}
	typed := c.typed(r)
	m := c.m
	var st *model.Stage
	if n.Command() != "FROM" {
		st = m.StageAt(n.Offset)
	}
	scope := m.VisibleAt(st, n.Offset)
	closing := ""
	if braced && (r.End >= len(c.f.Text) || !strings.ContainsRune("}:-+?", rune(c.f.Text[r.End]))) {
		closing = "}"
	}
	names := make([]string, 0, len(scope))
	for name := range scope {
		names = append(names, name)
	}
	sort.Strings(names)
	var items []Item
	for _, name := range names {
		if !hasPrefixFold(name, typed) {
			continue
		}
		v := scope[name]
		items = append(items, Item{
			Label:      name,
			Detail:     varDetail(v),
			Kind:       KindVariable,
			InsertText: name + closing,
			SortText:   "0" + name,
		})
	}
	for _, a := range model.PredefinedArgs {
		visible := a.Scope == model.ScopeGlobal && st == nil || a.Scope == model.ScopeRun && st != nil && n.Command() == "RUN"
		if !visible || scope[a.Name] != nil || !hasPrefixFold(a.Name, typed) {
			continue
		}
		items = append(items, Item{Label: a.Name, Detail: "predefined: " + a.Summary, Kind: KindVariable,
			InsertText: a.Name + closing, SortText: "1" + a.Name, Key: "arg:" + a.Name})
	}
	return Result{Items: items, Replace: r}, true
}

func varDetail(v *model.Var) string {
	kind := "ARG"
	if v.Kind == model.VarEnv {
		kind = "ENV"
	}
	s := kind + " " + v.Name
	if v.HasValue {
		s += "=" + v.Value
	}
	switch {
	case v.Stage == nil:
		s += " (global)"
	case v.Stage.Name != "":
		s += " (stage " + v.Stage.Name + ")"
	default:
		s += fmt.Sprintf(" (stage %d)", v.Stage.Index)
	}
	return s
}

// argNames proposes names for ARG: inside a stage, the global ARGs it has
// not redeclared and the predefined ones; before the first FROM, the
// predefined ones that are meant to be declared.
func (c *completer) argNames(n syntax.Node, typed string) []Item {
	m := c.m
	st := m.StageAt(n.Offset)
	var items []Item
	seen := map[string]bool{}
	if st != nil {
		for _, v := range st.Vars {
			if v.Kind == model.VarArg && v.Node.Offset < n.Offset {
				seen[v.Name] = true // already declared in this stage
			}
		}
		for _, g := range m.GlobalArgs {
			if seen[g.Name] || !hasPrefixFold(g.Name, typed) {
				continue
			}
			seen[g.Name] = true
			items = append(items, Item{Label: g.Name, Detail: varDetail(g), Kind: KindVariable, SortText: "0" + g.Name})
		}
	}
	for _, a := range model.PredefinedArgs {
		if a.Scope == model.ScopeRun || seen[a.Name] || st == nil && a.Scope != model.ScopeDeclare || !hasPrefixFold(a.Name, typed) {
			continue
		}
		items = append(items, Item{Label: a.Name, Detail: "predefined: " + a.Summary, Kind: KindVariable, SortText: "1" + a.Name, Key: "arg:" + a.Name})
	}
	return items
}
