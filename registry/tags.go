package registry

import (
	"fmt"
	"strings"

	"github.com/djorm/orm/internal/sqltext"
)

// tagOptions are the parsed options of one `orm:"..."` tag.
type tagOptions struct {
	flags  map[string]bool
	values map[string]string
}

var (
	tagFlags  = []string{"pk", "null", "blank", "unique", "index", "stored", "virtual", "symmetrical", "auto_now", "auto_now_add"}
	tagValues = []string{"column", "max_length", "type", "max_digits", "decimal_places", "default",
		"db_default", "db_comment", "generated", "validators", "on_delete", "related_name", "related_query_name", "to_field", "through"}
)

// parseTag splits a tag on commas that are not inside parentheses or quotes,
// so generated=COALESCE(a, b) and default='a,b' survive.
func parseTag(tag string) (tagOptions, error) {
	opts := tagOptions{flags: map[string]bool{}, values: map[string]string{}}
	for _, part := range splitTag(tag) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, val, hasVal := strings.Cut(part, "=")
		key = strings.TrimSpace(key)
		switch {
		case key == "annotation":
			opts.values[key] = strings.TrimSpace(val)
		case hasVal && contains(tagValues, key):
			opts.values[key] = strings.TrimSpace(val)
		case !hasVal && contains(tagFlags, key):
			opts.flags[key] = true
		case contains(tagValues, key):
			return opts, fmt.Errorf("tag option %q needs a value (%s=...)", key, key)
		case contains(tagFlags, key):
			return opts, fmt.Errorf("tag option %q takes no value", key)
		default:
			return opts, fmt.Errorf("unknown tag option %q; valid options: %s, annotation[=name], %s", key,
				strings.Join(tagFlags, ", "), strings.Join(tagValues, "=, ")+"=")
		}
	}
	return opts, nil
}

// splitTag splits a tag at the commas outside parentheses, literals and
// comments (a generated= expression may hold all three).
func splitTag(tag string) []string {
	var parts []string
	depth, start := 0, 0
	sqltext.Code(tag, func(i int) bool {
		switch tag[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, tag[start:i])
				start = i + 1
			}
		}
		return true
	})
	return append(parts, tag[start:])
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
