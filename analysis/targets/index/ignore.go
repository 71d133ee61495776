package index

import (
	"bufio"
	"bytes"
	"path"
	"path/filepath"
	"strings"
)

// skippedDirs are never walked: version control, dependencies, caches.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true,
	"bower_components": true, ".venv": true, "venv": true, "__pycache__": true,
	".tox": true, ".terraform": true, ".cache": true, ".idea": true, ".next": true,
	".gradle": true, ".mypy_cache": true, ".pytest_cache": true,
}

// ignorePattern is one line of a .gitignore, in the simple forms: a name or
// glob matched against every path element (`*.log`, `build`), a path
// anchored at the .gitignore's folder (`/out`, `docs/build`), either with a
// trailing slash for folders only. Negations and `**` in the middle are not
// supported; lines using them are left out, so at worst a file is indexed.
type ignorePattern struct {
	base     string // the folder of the .gitignore, slash-separated, relative to the root ("" at the root)
	glob     string
	anchored bool
	dirOnly  bool
}

// readIgnore reads the patterns of dir/.gitignore with read (the walk's
// wsfile.Read); rel is dir relative to the walk's root.
func readIgnore(read func(string) ([]byte, error), dir, rel string) []ignorePattern {
	data, err := read(filepath.Join(dir, ".gitignore"))
	if err != nil {
		return nil
	}
	var out []ignorePattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 0; sc.Scan() && n < 1000; n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "!") {
			continue
		}
		p := ignorePattern{base: rel}
		if strings.HasSuffix(line, "/") {
			p.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		line = strings.TrimPrefix(line, "**/")
		if strings.Contains(line, "**") || line == "" {
			continue
		}
		if strings.Contains(line, "/") {
			p.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		p.glob = line
		out = append(out, p)
	}
	return out
}

// ignored reports whether rel (slash-separated, relative to the root) is
// matched by one of the patterns.
func ignored(patterns []ignorePattern, rel string, isDir bool) bool {
	for _, p := range patterns {
		if p.dirOnly && !isDir {
			continue
		}
		sub := rel
		if p.base != "" {
			if !strings.HasPrefix(rel, p.base+"/") {
				continue
			}
			sub = rel[len(p.base)+1:]
		}
		if p.anchored {
			if ok, _ := path.Match(p.glob, sub); ok {
				return true
			}
			continue
		}
		if ok, _ := path.Match(p.glob, path.Base(sub)); ok {
			return true
		}
	}
	return false
}
