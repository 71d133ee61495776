// Package syntax is the project's own tolerant, incremental scanner for Dockerfiles.
//
// It never fails: half-typed lines, unterminated heredocs and binary garbage all
// produce a model. Every word, flag, flag value and heredoc carries an exact byte
// range into File.Text. BuildKit's parser remains the semantic authority; this
// package exists because it is fast enough for the keystroke path and keeps
// columns, which BuildKit's AST does not.
//
// Instructions are stored with ranges relative to their own start, so that an
// edit can reuse every instruction after it by shifting one offset instead of
// copying the instruction. Consumers only ever see absolute ranges through Node.
package syntax

// Range is a half-open byte range [Start, End) into File.Text.
type Range struct{ Start, End int }

// Contains reports whether off lies in r; the end is inclusive so that a cursor
// right after a word still counts as "in" it (what completion needs).
func (r Range) Contains(off int) bool { return r.Start <= off && off <= r.End }

// Len is the number of bytes in r.
func (r Range) Len() int { return r.End - r.Start }

func (r Range) shift(d int) Range { return Range{r.Start + d, r.End + d} }

// Directive is a parser directive at the top of the file (# syntax=, # escape=, # check=).
type Directive struct {
	Name       string // lower-cased
	Value      string
	Range      Range // the whole line, without the newline
	NameRange  Range
	ValueRange Range
}

// Kind tells instructions from comment lines.
type Kind uint8

const (
	KindInstruction Kind = iota
	KindComment          // a comment line outside any instruction (directives excluded)
)

// Word is one shell word (or one JSON array element) with its value after
// quote removal and continuation removal, and the raw range it was read from.
type Word struct {
	Value string
	Range Range
}

// KeyValue is one comma-separated field of a flag value such as
// --mount=type=cache,from=x,target=/y. A field without '=' has an empty Value
// and a ValueRange that is empty at the end of Key.
type KeyValue struct {
	Key        string
	Value      string
	KeyRange   Range
	ValueRange Range
}

// Flag is one --name[=value] option after the keyword.
type Flag struct {
	Name       string // without the leading dashes, as written
	HasValue   bool   // an '=' follows the name (the value may still be empty)
	Value      string // unquoted
	Range      Range  // the whole flag, "--" included
	NameRange  Range  // the name without dashes
	ValueRange Range  // after '=', empty at the position after '=' when nothing was typed
	Fields     []KeyValue
}

// Heredoc is one <<NAME / <<-NAME / <<"NAME" on an instruction line.
type Heredoc struct {
	Name       string
	StripTabs  bool  // <<-
	Quoted     bool  // the name was quoted: no expansion in the body
	Marker     Range // the <<NAME token
	Body       Range // the lines between the marker line and the terminator, newline-inclusive
	Terminator Range // the terminating line, empty when Terminated is false
	Terminated bool
}

// Instruction is the position-independent part of a node: all ranges are
// relative to the node's start. Use Node to read it.
type Instruction struct {
	kind     Kind
	length   int // bytes covered, from the first byte of the first line to the end of the last line (no final newline)
	look     int // bytes examined to decide where the node ends (EOF counts as one byte past the end)
	text     string
	keyword  Word
	command  string // the keyword upper-cased, for a known instruction ("" otherwise)
	flags    []Flag
	args     []Word
	argsText Range // from the first argument to the end of the command text, heredoc bodies excluded
	json     bool
	heredocs []Heredoc
	onbuild  *Instruction // the triggered instruction of ONBUILD, same base offset
}

// Node is an instruction or comment placed at Offset in a file.
type Node struct {
	inst   *Instruction
	Offset int
}
