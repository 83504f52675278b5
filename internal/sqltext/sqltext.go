// Package sqltext reads SQL text written by users (Raw, RawSQL, Extra,
// generated= expressions) the way a database does: it knows where string
// literals, quoted identifiers and comments begin and end, so that a ? or a
// ; inside them is not taken for a placeholder or the end of a statement.
package sqltext

// Code calls visit with the index of every byte of s that is SQL code: not
// inside a string literal ('...', with ” as a quote inside), a quoted
// identifier ("..." or `...`), a -- comment or a /* */ comment. It stops
// when visit returns false. A literal or comment left open runs to the end.
func Code(s string, visit func(i int) bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			i = closing(s, i+1, c)
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := indexFrom(s, i+2, "*/")
			if end < 0 {
				return
			}
			i = end + 1
		default:
			if !visit(i) {
				return
			}
		}
	}
}

// closing returns the index of the quote that closes a literal opened
// before from, a doubled quote standing for itself.
func closing(s string, from int, q byte) int {
	for i := from; i < len(s); i++ {
		if s[i] == q {
			if i+1 < len(s) && s[i+1] == q {
				i++
				continue
			}
			return i
		}
	}
	return len(s)
}

func indexFrom(s string, from int, sub string) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// Placeholders returns the indexes of the ? placeholders of s, and
// reports whether s holds more than one statement (a ; followed by more
// code; one trailing ; is allowed, and trimmed reports where the text
// without it ends).
func Placeholders(s string) (at []int, multiple bool, trimmed int) {
	semi := -1
	trimmed = len(s)
	Code(s, func(i int) bool {
		switch c := s[i]; {
		case semi >= 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r':
			multiple = true
			return false
		case c == ';':
			semi = i
		case c == '?':
			at = append(at, i)
		}
		return true
	})
	if semi >= 0 && !multiple {
		trimmed = semi
	}
	return at, multiple, trimmed
}
