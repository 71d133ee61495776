//go:build race

package server

// raceDetector: the race detector slows every step by five to ten times,
// which the timing comparisons of some tests cannot absorb.
const raceDetector = true
