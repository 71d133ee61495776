package index

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"

	"github.com/moby/patternmatcher"
)

// skippedDirs are never walked: version control, dependencies, caches.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true,
	"bower_components": true, ".venv": true, "venv": true, "__pycache__": true,
	".tox": true, ".terraform": true, ".cache": true, ".idea": true, ".next": true,
	".gradle": true, ".mypy_cache": true, ".pytest_cache": true,
}

// gitignore is what the .gitignore files met on a walk exclude, matched by
// BuildKit's own matcher (github.com/moby/patternmatcher), the one that
// reads .dockerignore files in analysis/buildcontext. A .gitignore line is
// the same pattern anchored at its file's folder, under `**/` when it has
// no slash but a trailing one (it then matches at any depth); a trailing
// slash keeps it to folders. The zero value excludes nothing.
type gitignore struct {
	files []string // patterns for files and folders
	dirs  []string // the same in order, with the folder-only ones
	// The matchers of files and dirs, nil when there is nothing to match.
	fileMatcher, dirMatcher *patternmatcher.PatternMatcher
}

// maxIgnoreLines bounds what one .gitignore adds.
const maxIgnoreLines = 1000

// readGitignore adds the patterns of dir/.gitignore, read with read (the
// walk's reader); rel is dir relative to the walk's root ("" at the root).
func (g gitignore) readGitignore(read func(string) ([]byte, error), dir, rel string) gitignore {
	data, err := read(filepath.Join(dir, ".gitignore"))
	if err != nil {
		return g
	}
	files, dirs := g.files, g.dirs
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 0; sc.Scan() && n < maxIgnoreLines; n++ {
		pattern, dirOnly, ok := gitignorePattern(sc.Text(), rel)
		if !ok {
			continue
		}
		if _, err := patternmatcher.New([]string{pattern}); err != nil {
			continue // one bad line must not lose the others
		}
		if !dirOnly {
			files = append(files[:len(files):len(files)], pattern)
		}
		dirs = append(dirs[:len(dirs):len(dirs)], pattern)
	}
	out := gitignore{files: files, dirs: dirs}
	out.fileMatcher, _ = newMatcher(files)
	out.dirMatcher, _ = newMatcher(dirs)
	return out
}

func newMatcher(patterns []string) (*patternmatcher.PatternMatcher, error) {
	if len(patterns) == 0 {
		return nil, nil
	}
	return patternmatcher.New(patterns)
}

// gitignorePattern turns a .gitignore line of the folder rel into a
// patternmatcher pattern; ok is false for blank lines and comments.
func gitignorePattern(line, rel string) (pattern string, dirOnly, ok bool) {
	line = strings.TrimRight(line, " \t\r")
	if line == "" || strings.HasPrefix(line, "#") {
		return "", false, false
	}
	negated := strings.HasPrefix(line, "!")
	line = strings.TrimPrefix(line, "!")
	if strings.HasSuffix(line, "/") {
		dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return "", false, false
	}
	if !strings.Contains(line, "/") {
		line = "**/" + line
	}
	line = strings.TrimPrefix(line, "/")
	if rel != "" {
		line = rel + "/" + line
	}
	if negated {
		line = "!" + line
	}
	return line, dirOnly, true
}

// ignored reports whether rel (slash-separated, relative to the root) is
// excluded.
func (g gitignore) ignored(rel string, isDir bool) bool {
	pm := g.fileMatcher
	if isDir {
		pm = g.dirMatcher
	}
	if pm == nil {
		return false
	}
	ok, err := pm.MatchesOrParentMatches(filepath.FromSlash(rel))
	return err == nil && ok
}
