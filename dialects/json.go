package dialects

import (
	"strconv"
	"strings"
)

// JSONPath writes keys as a JSONPath ($."owner"."name", $.items[0]), as
// MySQL's, SQLite's and Oracle's JSON functions take it: a key of digits
// is an array index, other keys are quoted with " and \ escaped.
func JSONPath(keys []string) string {
	var b strings.Builder
	b.WriteByte('$')
	for _, k := range keys {
		if n, ok := ArrayIndex(k); ok {
			b.WriteString("[" + strconv.Itoa(n) + "]")
			continue
		}
		b.WriteString(`."`)
		for _, r := range k {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	return b.String()
}

// ArrayIndex reports whether a JSON key is an array index (only digits,
// as Django's KeyTransform reads "items__0").
func ArrayIndex(key string) (int, bool) {
	if key == "" || len(key) > 9 {
		return 0, false
	}
	for _, r := range key {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, _ := strconv.Atoi(key)
	return n, true
}

// KeyTests writes has_key, has_keys (every key) or has_any_keys (one of
// them) as one test per key, joined by AND or OR; test writes a key's.
func KeyTests(w *Writer, lookup string, keys []string, test func(key string)) {
	w.S("(")
	for i, k := range keys {
		if i > 0 {
			if lookup == "has_keys" {
				w.S(" AND ")
			} else {
				w.S(" OR ")
			}
		}
		test(k)
	}
	w.S(")")
}
