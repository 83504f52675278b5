package dialects

import (
	"fmt"
	"strings"
)

// ExplainOption is one EXPLAIN option (ANALYZE, VERBOSE, ...) and its value.
type ExplainOption struct {
	Name string // as the caller wrote it; dialects compare without case
	On   bool
}

// ExplainOptioner is implemented by dialects whose EXPLAIN takes options
// beyond a format. Others refuse every option.
type ExplainOptioner interface {
	// ExplainWith returns the prefix for format and opts, or an error
	// naming the options the backend knows.
	ExplainWith(format string, opts []ExplainOption) (string, error)
}

// ExplainPrefix returns d's EXPLAIN prefix for format and opts.
func ExplainPrefix(d Dialect, format string, opts []ExplainOption) (string, error) {
	if x, ok := d.(ExplainOptioner); ok {
		return x.ExplainWith(format, opts)
	}
	if len(opts) > 0 {
		return "", UnknownExplainOptions(d.Name(), opts, nil)
	}
	return d.Explain(format)
}

// UnknownExplainOptions is the error for options a backend does not know.
func UnknownExplainOptions(backend string, opts []ExplainOption, known []string) error {
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	if len(known) == 0 {
		return fmt.Errorf("unknown EXPLAIN options %s: %s's EXPLAIN takes none", strings.Join(names, ", "), backend)
	}
	return fmt.Errorf("unknown EXPLAIN options %s; %s knows %s", strings.Join(names, ", "), backend, strings.Join(known, ", "))
}
