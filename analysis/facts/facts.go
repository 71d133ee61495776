// Package facts is what each stage of a Dockerfile does and produces: its
// base image, the working directory, user and environment at every
// instruction, the packages its RUNs install and remove, its build steps and
// the paths they write, the files it copies in or creates, the program it
// runs, and whether all of that was understood.
//
// It is the one home of build knowledge: rules, refactorings and editor
// features read these facts instead of parsing commands themselves. Facts
// are a pure function of the semantic model, computed once per model (that
// is, once per document version) by Of.
package facts

import (
	"cmp"
	"slices"
	"sync/atomic"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Facts are the facts of every stage of one model.
type Facts struct {
	Model  *model.Model
	Stages []*Stage // one per Model.Stages, in the same order

	runs []*Run // by node offset
	mem  *arena // while Compute runs
}

// Stage is what one stage does.
type Stage struct {
	Model *model.Stage
	Base  Base
	// Steps has one entry per instruction of Model.Body, in order.
	Steps    []*Step
	Packages []*Package // every package-manager call of its RUNs, in order
	Builds   []*Build   // every build step of its RUNs, in order
	Copies   []*Copy    // every COPY and ADD
	// Files are the paths the stage itself puts into its filesystem, in
	// order: what COPY/ADD bring and what RUN creates. The base image's
	// files and a parent stage's are not repeated here (see Produces).
	Files   []*File
	Program Program
	end     state // where the stage ends, for a stage built on it
	// Complete reports that every RUN of the stage (and of the stages it is
	// built on) was understood: each command is one whose effect on the
	// filesystem is known. Only then may a reader claim a file is absent.
	Complete bool
	written  writeList // for Lookup
}

// Step is one instruction with the state it runs in.
type Step struct {
	Node syntax.Node
	// Workdir is the working directory the instruction runs in, absolute;
	// variables the file cannot resolve stay as written ($APP_HOME/x).
	Workdir string
	// User is the user in effect: the last USER, else the base image's
	// default ("" when unknown).
	User string
	// Env is the environment in effect: the base image's (where known),
	// a parent stage's, then the stage's ENV instructions before this one.
	Env Env
	// BuildArgs are the build arguments in scope, which a RUN sees in its
	// environment too (an ENV of the same name wins); open when the build
	// decides the value.
	BuildArgs Env
	// Run is the RUN's reading; nil for other instructions.
	Run *Run
}

// Of returns the facts of m, computed once per model.
func Of(m *model.Model) *Facts {
	return m.Derived(memoKey{}, func() any { return Compute(m) }).(*Facts)
}

type memoKey struct{}

var computes atomic.Int64

// Computes counts the facts computed so far in this process, for the tests
// that check a version's facts are computed once.
func Computes() int64 { return computes.Load() }

// Compute derives the facts of m without memoizing them: Of is what
// features call; Compute is for benchmarks and tests.
func Compute(m *model.Model) *Facts {
	computes.Add(1)
	runs, copies := 0, 0
	for _, st := range m.Stages {
		for _, n := range st.Body {
			switch n.Command() {
			case "RUN":
				runs++
			case "COPY", "ADD":
				copies++
			}
		}
	}
	f := &Facts{Model: m, Stages: make([]*Stage, len(m.Stages)), runs: make([]*Run, 0, runs), mem: &arena{}}
	// The RUNs and copies are counted: one block each, of the exact size.
	if runs > 0 {
		f.mem.runs.refill(runs)
	}
	if copies > 0 {
		f.mem.copies.refill(copies)
	}
	// Every stage exists before any is read: COPY --from may name a later one.
	stages := make([]Stage, len(m.Stages))
	for i, st := range m.Stages {
		stages[i] = Stage{Model: st, Complete: true}
		f.Stages[i] = &stages[i]
	}
	for _, s := range f.Stages {
		f.read(s)
	}
	// Stages and their instructions come in file order, so the RUNs are
	// sorted already; a model that breaks that still gets a right answer.
	slices.SortStableFunc(f.runs, func(a, b *Run) int { return cmp.Compare(a.Node.Offset, b.Node.Offset) })
	f.mem = nil
	return f
}

// Stage returns the facts of st, or nil when st is not a stage of the model.
func (f *Facts) Stage(st *model.Stage) *Stage {
	if st == nil || st.Index < 0 || st.Index >= len(f.Stages) || f.Stages[st.Index] == nil || f.Stages[st.Index].Model != st {
		return nil
	}
	return f.Stages[st.Index]
}

// Run returns the reading of the RUN instruction n, or nil.
func (f *Facts) Run(n syntax.Node) *Run {
	i, ok := slices.BinarySearchFunc(f.runs, n.Offset, func(r *Run, off int) int { return cmp.Compare(r.Node.Offset, off) })
	if !ok {
		return nil
	}
	return f.runs[i]
}

// StepAt returns the step of the instruction at byte offset off, or nil.
func (s *Stage) StepAt(off int) *Step {
	for _, st := range s.Steps {
		if r := st.Node.Range(); r.Start <= off && off <= r.End {
			return st
		}
	}
	return nil
}

// Chain is the stage and the stages it is built on, root first.
func (s *Stage) Chain() []*Stage {
	var chain []*Stage
	for p := s; p != nil && len(chain) < 256; p = p.Base.Stage {
		chain = append(chain, p)
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain
}

// Produces lists the files the stage's image has from the Dockerfile: its
// own Files after those of the stages it is built on.
func (s *Stage) Produces() []*File {
	var out []*File
	for _, c := range s.Chain() {
		out = append(out, c.Files...)
	}
	return out
}

// Compiles reports whether a RUN of the stage compiles or bundles.
func (s *Stage) Compiles() bool {
	for _, b := range s.Builds {
		if b.Kind == Compile {
			return true
		}
	}
	return false
}

// ShippedBuilds are the compile steps whose RUN does not clean up after
// itself: what makes a single-stage image carry its toolchain and sources.
// The official images' pattern (build, then remove the build dependencies or
// the sources in the same RUN) keeps only the result and is not listed.
// SingleStageBuild and the split both read this.
func (s *Stage) ShippedBuilds() []*Build {
	var out []*Build
	for _, run := range s.Runs() {
		if run.Cleanup.Any() {
			continue
		}
		for _, b := range run.Builds {
			if b.Kind == Compile {
				out = append(out, b)
			}
		}
	}
	return out
}

// Runs lists the readings of the stage's RUN instructions, in order.
func (s *Stage) Runs() []*Run {
	var out []*Run
	for _, st := range s.Steps {
		if st.Run != nil {
			out = append(out, st.Run)
		}
	}
	return out
}
