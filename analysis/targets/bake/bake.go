// Package bake reads the target blocks of a Bake file (HCL or JSON) into a
// targets.Doc.
package bake

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
)

var bakeSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "target", LabelNames: []string{"name"}},
	},
}

var bakeTargetSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "context"},
		{Name: "dockerfile"},
		{Name: "dockerfile-inline"},
		{Name: "target"},
		{Name: "inherits"},
	},
}

// Parse reads the target blocks of a Bake file, HCL or JSON by its
// extension, with their context, dockerfile, dockerfile-inline, target and
// inherits attributes. Values that use variables or functions are kept but
// marked as not literal.
func Parse(d *targets.Doc) {
	src := []byte(d.Text)
	var file *hcl.File
	var diags hcl.Diagnostics
	what := "HCL"
	if strings.HasSuffix(strings.ToLower(d.Path), ".json") {
		what = "JSON"
		file, diags = hcljson.Parse(src, d.Path)
	} else {
		file, diags = hclsyntax.ParseConfig(src, d.Path, hcl.InitialPos)
	}
	parseFailed := diags.HasErrors()
	for _, diag := range diags {
		if diag.Severity == hcl.DiagError {
			// Only the first: the parser's later errors mostly follow from it.
			d.Problem(hclRange(d, diag.Subject), "this Bake file is not valid %s: %s", what, diagText(diag))
			break
		}
	}
	if file == nil || file.Body == nil {
		return
	}
	content, _, diags := file.Body.PartialContent(bakeSchema)
	if content == nil {
		return
	}
	if !parseFailed {
		for _, diag := range diags {
			if diag.Severity == hcl.DiagError {
				d.Problem(hclRange(d, diag.Subject), "%s", diagText(diag))
			}
		}
	}
	for _, blk := range content.Blocks {
		if len(blk.Labels) == 0 {
			continue
		}
		b := &targets.Build{Kind: targets.Bake, Name: blk.Labels[0], NameRange: unquote(d, hclRange(d, &blk.LabelRanges[0]))}
		attrs, _, _ := blk.Body.PartialContent(bakeTargetSchema)
		if attrs == nil {
			d.Builds = append(d.Builds, b)
			continue
		}
		for name, attr := range attrs.Attributes {
			switch name {
			case "context":
				b.Context = exprValue(d, attr)
			case "dockerfile":
				b.Dockerfile = exprValue(d, attr)
			case "dockerfile-inline":
				b.Inline = exprValue(d, attr)
			case "target":
				b.Target = exprValue(d, attr)
			case "inherits":
				b.Inherits = stringList(attr.Expr)
			}
		}
		d.Builds = append(d.Builds, b)
	}
}

func diagText(diag *hcl.Diagnostic) string {
	if diag.Detail == "" || diag.Detail == diag.Summary {
		return diag.Summary
	}
	return strings.TrimSuffix(diag.Summary, ".") + ": " + diag.Detail
}

// hclRange converts an HCL range to a byte range (nil: the start of the file).
func hclRange(d *targets.Doc, r *hcl.Range) syntax.Range {
	if r == nil {
		return d.LineRange(0)
	}
	start := max(0, min(r.Start.Byte, len(d.Text)))
	end := max(start, min(r.End.Byte, len(d.Text)))
	return syntax.Range{Start: start, End: end}
}

// unquote shrinks a range that starts and ends with a double quote to what is
// between them.
func unquote(d *targets.Doc, r syntax.Range) syntax.Range {
	if r.End-r.Start >= 2 && d.Text[r.Start] == '"' && d.Text[r.End-1] == '"' {
		return syntax.Range{Start: r.Start + 1, End: r.End - 1}
	}
	return r
}

// exprValue evaluates an attribute without variables: a plain string is
// literal; anything else keeps its source text.
func exprValue(d *targets.Doc, attr *hcl.Attribute) targets.Value {
	r := hclRange(d, attr.Expr.Range().Ptr())
	v := targets.Value{Set: true, Line: max(attr.NameRange.Start.Line-1, 0), Range: unquote(d, r)}
	val, diags := attr.Expr.Value(nil)
	switch {
	case diags.HasErrors() || !val.IsWhollyKnown():
		v.Text = d.Text[v.Range.Start:v.Range.End]
	case val.IsNull():
	case val.Type() == cty.String:
		v.Text, v.Literal = val.AsString(), true
	default:
		v.Text = d.Text[v.Range.Start:v.Range.End]
	}
	return v
}

// stringList reads a list of literal strings (inherits = ["a", "b"]).
func stringList(expr hcl.Expression) []string {
	val, diags := expr.Value(nil)
	if diags.HasErrors() || val.IsNull() || !val.IsWhollyKnown() || !(val.Type().IsTupleType() || val.Type().IsListType()) {
		return nil
	}
	var out []string
	for it := val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.IsNull() && e.Type() == cty.String {
			out = append(out, e.AsString())
		}
	}
	return out
}
