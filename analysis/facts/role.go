package facts

import (
	"regexp"
	"sync"
)

// nonShipping matches stage names that say the image is for development, CI
// or code generation rather than production: an SDK, dev dependencies or
// sources in it are the point.
var nonShipping = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(^|[-_.])(dev|devel|develop|development|devenv|dev-envs?|devcontainer|test|tests|testing|ci|debug|lint|linter|validate|validation|vendor|generate|gen|update|outdated)($|[-_.0-9])`)
})

// NonShippingName reports whether a stage name marks a development, test or
// CI image (dev, test, ci, lint, debug, generate...). The final-image rules
// and the split both stay quiet on such stages.
func NonShippingName(name string) bool { return name != "" && nonShipping().MatchString(name) }
