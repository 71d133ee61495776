package model

import "sync"

// memo keeps what the layers above the model derive from it (the facts of
// each stage): they are computed once per model, that is once per document
// version, and live exactly as long as the model without a cache of their own.
type memo struct {
	mu   sync.Mutex
	vals map[any]any
}

// Derived returns the value build computes for key, calling build at most
// once per model; concurrent callers wait for the first. key should be an
// unexported type of the calling package so that layers cannot collide;
// build must not call Derived on the same model.
func (m *Model) Derived(key any, build func() any) any {
	m.memo.mu.Lock()
	defer m.memo.mu.Unlock()
	if v, ok := m.memo.vals[key]; ok {
		return v
	}
	v := build()
	if m.memo.vals == nil {
		m.memo.vals = map[any]any{}
	}
	m.memo.vals[key] = v
	return v
}
