package buildcontext

import (
	"path"
	"strings"

	"github.com/moby/patternmatcher"
)

// NeverShip is a kind of path that has no business in an image nor in the
// context sent to the builder: version-control history, installed
// dependencies, build outputs and secrets.
type NeverShip struct {
	Name   string // path.Match pattern for the last path element
	Dir    bool   // only folders match
	Secret bool   // credentials or keys: shipping them leaks them
	// Marker, for a folder, is a file inside it that proves what the folder
	// is (venv is a common source folder name; with pyvenv.cfg it is a
	// virtual environment).
	Marker string
	// Beside lists files of which one must sit next to the path (target/ is
	// a build output beside Cargo.toml or pom.xml, a source folder elsewhere).
	Beside []string
	What   string // a few words for messages
}

// NeverShipPaths is the one list of such paths, shared by the rules that
// look at what `COPY . .` sends.
var NeverShipPaths = []NeverShip{
	{Name: ".git", What: "Git history"}, // a file in worktrees and submodules
	{Name: "node_modules", Dir: true, What: "installed Node packages"},
	{Name: "target", Dir: true, Beside: []string{"Cargo.toml", "pom.xml", "build.sbt"}, What: "Rust or Maven build output"},
	{Name: ".venv", Dir: true, What: "a Python virtual environment"},
	{Name: "venv", Dir: true, Marker: "pyvenv.cfg", What: "a Python virtual environment"},
	{Name: "__pycache__", Dir: true, What: "compiled Python bytecode"},
	{Name: ".env", Secret: true, What: "an environment file with secrets"},
	{Name: "*.pem", Secret: true, What: "a private key or certificate"},
	{Name: "id_rsa*", Secret: true, What: "an SSH key"},
}

func (n *NeverShip) conditional() bool { return n.Marker != "" || len(n.Beside) > 0 }

// Found is a sent path that matches a NeverShip, with what BuildKit sends
// for it.
type Found struct {
	Path string
	Kind *NeverShip
	Weight
}

// NeverShipped lists the sent paths strictly below the context folder dir
// ("" for the root) that match NeverShipPaths, outermost first (nothing is
// searched inside a match). Copying such a folder or file by name is a
// choice, so a dir that is itself, or lies inside, a match gives nothing.
func (c *Context) NeverShipped(dir string) []Found {
	c.neverOnce.Do(func() { c.never = c.neverShipped(-1) })
	dir = Clean(dir)
	var out []Found
	for _, f := range c.never {
		if dir == f.Path || strings.HasPrefix(dir, f.Path+"/") {
			return nil
		}
		if dir == "" || strings.HasPrefix(f.Path, dir+"/") {
			out = append(out, f)
		}
	}
	return out
}

func (c *Context) neverShipped(dir int32) []Found {
	var out []Found
	for _, k := range c.children[dir] {
		e := &c.entries[k]
		if !e.Sent {
			continue
		}
		if kind := c.neverShipKind(e); kind != nil {
			if e.Excluded || c.reincluded(e.Path) {
				continue // the .dockerignore names it: what is sent is the user's choice
			}
			f := Found{Path: e.Path, Kind: kind}
			c.weigh(k, &f.Weight)
			out = append(out, f)
			continue
		}
		if e.Kind == Dir {
			out = append(out, c.neverShipped(k)...)
		}
	}
	return out
}

// reincluded reports whether a "!" pattern of the .dockerignore matches p:
// a path excluded and then let back in on purpose (`.env*` then `!.env`).
// Only matches of NeverShipPaths ask, so compiling the exceptions per call is cheap.
func (c *Context) reincluded(p string) bool {
	var exceptions []string
	for _, pat := range c.Ignore.Patterns {
		if rest, ok := strings.CutPrefix(pat, "!"); ok {
			exceptions = append(exceptions, rest)
		}
	}
	if len(exceptions) == 0 {
		return false
	}
	m, err := patternmatcher.New(exceptions)
	if err != nil {
		return false
	}
	ok, err := m.MatchesOrParentMatches(p)
	return err == nil && ok
}

func (c *Context) neverShipKind(e *Entry) *NeverShip {
	name := e.Name()
	for i := range NeverShipPaths {
		n := &NeverShipPaths[i]
		if n.Dir && e.Kind != Dir {
			continue
		}
		if ok, _ := path.Match(n.Name, name); !ok {
			continue
		}
		if n.Marker != "" {
			if _, ok := c.byPath[e.Path+"/"+n.Marker]; !ok {
				continue
			}
		}
		if len(n.Beside) > 0 && !c.hasSibling(e, n.Beside) {
			continue
		}
		return n
	}
	return nil
}

func (c *Context) hasSibling(e *Entry, names []string) bool {
	dir := ""
	if e.parent >= 0 {
		dir = c.entries[e.parent].Path + "/"
	}
	for _, s := range names {
		if _, ok := c.byPath[dir+s]; ok {
			return true
		}
	}
	return false
}

// IgnoreLines are .dockerignore patterns that exclude the found paths: the
// name alone when every match of a kind sits at the top of the context, else
// "**/name"; the exact paths for the kinds that depend on their surroundings.
func IgnoreLines(found []Found) []string {
	var lines []string
	seen := map[string]bool{}
	add := func(l string) {
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	for i := range NeverShipPaths {
		kind := &NeverShipPaths[i]
		var paths []string
		nested := false
		for _, f := range found {
			if f.Kind == kind {
				paths = append(paths, f.Path)
				nested = nested || strings.Contains(f.Path, "/")
			}
		}
		switch {
		case len(paths) == 0:
		case kind.conditional():
			for _, p := range paths {
				add(p)
			}
		case nested:
			add("**/" + kind.Name)
		default:
			add(kind.Name)
		}
	}
	return lines
}
