package model

// Deps returns the stages s needs directly: its parent and the stages it copies
// or mounts from (ONBUILD triggers included: they run where the stage is used).
func (m *Model) Deps(s *Stage) []*Stage {
	var deps []*Stage
	seen := map[*Stage]bool{}
	add := func(t *Stage) {
		if t != nil && !seen[t] {
			seen[t] = true
			deps = append(deps, t)
		}
	}
	add(s.Parent)
	for _, r := range m.Refs {
		if r.Owner == s && r.Kind != RefFrom {
			add(r.Target)
		}
	}
	return deps
}

// Reachable returns the stages a build of final needs, final included, and
// the stages a --build-arg could make it need (a reference's Candidates).
func (m *Model) Reachable(final *Stage) map[*Stage]bool {
	seen := map[*Stage]bool{}
	if final == nil {
		return seen
	}
	stack := []*Stage{final}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		stack = append(stack, m.Deps(s)...)
		for _, r := range m.Refs {
			if r.Owner == s {
				stack = append(stack, r.Candidates...)
			}
		}
	}
	return seen
}

// Cycles returns each dependency cycle once, as the list of stages around it
// starting from its earliest stage. A stage copying from itself is a cycle of one.
func (m *Model) Cycles() [][]*Stage {
	const (
		unvisited = iota
		active
		done
	)
	state := make([]int, len(m.Stages))
	var cycles [][]*Stage
	var path []*Stage
	var visit func(s *Stage)
	visit = func(s *Stage) {
		state[s.Index] = active
		path = append(path, s)
		for _, d := range m.Deps(s) {
			switch state[d.Index] {
			case unvisited:
				visit(d)
			case active:
				for i, p := range path {
					if p == d {
						cycles = append(cycles, append([]*Stage(nil), path[i:]...))
						break
					}
				}
			}
		}
		path = path[:len(path)-1]
		state[s.Index] = done
	}
	for _, s := range m.Stages {
		if state[s.Index] == unvisited {
			visit(s)
		}
	}
	return cycles
}
