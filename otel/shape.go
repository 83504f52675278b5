package otel

import "strings"

// shape reads a statement's operation (its first keyword, upper case; for
// a WITH, the statement the CTEs feed) and its main table (the first FROM
// of a SELECT or DELETE, the target of INSERT INTO, UPDATE and table DDL),
// without a full parse: it runs on every statement, so it is one pass over
// the text that stops at the table, and allocates only to unquote a
// qualified or escaped name. A table it cannot name (a FROM subquery) is
// "".
func shape(sql string) (op, table string) {
	lx := lexer{s: sql}
	t := lx.next()
	for t.kind == tokPunct && t.text == "(" { // (SELECT ...) UNION (SELECT ...)
		t = lx.next()
	}
	if t.kind != tokWord {
		return "", ""
	}
	base := lx.depth
	op = keyword(t.text)
	if op == "WITH" {
		if t = lx.statementAfterCTEs(base); t.kind != tokWord {
			return "WITH", ""
		}
		op = keyword(t.text)
	}
	switch op {
	case "SELECT", "DELETE":
		table = lx.nameAfter(base, "FROM")
	case "INSERT", "REPLACE":
		table = lx.nameAfter(base, "INTO")
	case "UPDATE":
		table = lx.name("ONLY", "LOW_PRIORITY", "IGNORE")
	case "CREATE", "DROP", "ALTER", "TRUNCATE":
		table = lx.ddlTable(op)
	}
	return op, table
}

// keywords are the operations shape names without allocating.
var keywords = []string{"SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE", "MERGE",
	"CREATE", "DROP", "ALTER", "TRUNCATE", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN",
	"COMMIT", "EXPLAIN", "SET", "SHOW", "PRAGMA", "VALUES", "LOCK", "CALL", "ANALYZE"}

func keyword(w string) string {
	for _, k := range keywords {
		if strings.EqualFold(w, k) {
			return k
		}
	}
	return strings.ToUpper(w)
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokWord
	tokQuoted // an identifier in "", `` or []; text is unquoted
	tokPunct
	tokOther // a literal, a number, an operator
)

type token struct {
	kind tokKind
	text string
}

// lexer splits SQL into tokens, skipping comments and string literals and
// tracking the parenthesis depth (so a FROM inside a subquery is not the
// statement's).
type lexer struct {
	s     string
	i     int
	depth int
}

func (lx *lexer) next() token {
	for lx.i < len(lx.s) {
		c := lx.s[lx.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			lx.i++
		case c == '-' && strings.HasPrefix(lx.s[lx.i:], "--"):
			lx.skipTo("\n")
		case c == '/' && strings.HasPrefix(lx.s[lx.i:], "/*"):
			lx.i += 2
			lx.skipTo("*/")
		case c == '\'':
			lx.skipLiteral()
			return token{kind: tokOther}
		case c == '"' || c == '`':
			return token{kind: tokQuoted, text: lx.quoted(c, c)}
		case c == '[':
			return token{kind: tokQuoted, text: lx.quoted('[', ']')}
		case isWordByte(c):
			start := lx.i
			for lx.i < len(lx.s) && isWordByte(lx.s[lx.i]) {
				lx.i++
			}
			return token{kind: tokWord, text: lx.s[start:lx.i]}
		case c == '(':
			lx.i++
			lx.depth++
			return token{kind: tokPunct, text: "("}
		case c == ')':
			lx.i++
			lx.depth--
			return token{kind: tokPunct, text: ")"}
		case c == '.' || c == ',' || c == ';':
			lx.i++
			return token{kind: tokPunct, text: lx.s[lx.i-1 : lx.i]}
		default:
			lx.i++
			return token{kind: tokOther}
		}
	}
	return token{kind: tokEOF}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func (lx *lexer) skipTo(end string) {
	if j := strings.Index(lx.s[lx.i:], end); j >= 0 {
		lx.i += j + len(end)
		return
	}
	lx.i = len(lx.s)
}

// skipLiteral passes a '...' literal, with ” and backslash escapes.
func (lx *lexer) skipLiteral() {
	lx.i++
	for lx.i < len(lx.s) {
		switch lx.s[lx.i] {
		case '\\':
			lx.i += 2
			continue
		case '\'':
			if lx.i+1 < len(lx.s) && lx.s[lx.i+1] == '\'' {
				lx.i += 2
				continue
			}
			lx.i++
			return
		}
		lx.i++
	}
}

// quoted reads a quoted identifier and returns it unquoted; a doubled
// closing quote stands for one.
func (lx *lexer) quoted(open, close byte) string {
	lx.i++
	start := lx.i
	var b *strings.Builder
	for lx.i < len(lx.s) {
		c := lx.s[lx.i]
		if c != close {
			if b != nil {
				b.WriteByte(c)
			}
			lx.i++
			continue
		}
		if open == close && lx.i+1 < len(lx.s) && lx.s[lx.i+1] == close {
			if b == nil {
				b = &strings.Builder{}
				b.WriteString(lx.s[start:lx.i])
			}
			b.WriteByte(close)
			lx.i += 2
			continue
		}
		lx.i++
		if b != nil {
			return b.String()
		}
		return lx.s[start : lx.i-1]
	}
	return lx.s[start:]
}

// statementAfterCTEs returns the first keyword at depth base after a
// WITH's common table expressions, which all sit in parentheses.
func (lx *lexer) statementAfterCTEs(base int) token {
	for {
		t := lx.next()
		if t.kind == tokEOF {
			return t
		}
		if t.kind == tokWord && lx.depth == base {
			switch keyword(t.text) {
			case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE":
				return t
			}
		}
	}
}

// nameAfter finds kw at depth base and returns the table name after it.
func (lx *lexer) nameAfter(base int, kw string) string {
	for {
		t := lx.next()
		switch {
		case t.kind == tokEOF || lx.depth < base:
			return ""
		case t.kind == tokWord && lx.depth == base && strings.EqualFold(t.text, kw):
			return lx.name()
		}
	}
}

// name reads a possibly qualified table name (schema.table), skipping
// the leading words listed in skip; "" if a subquery or nothing follows.
func (lx *lexer) name(skip ...string) string {
	t := lx.next()
	for t.kind == tokWord && containsFold(skip, t.text) {
		t = lx.next()
	}
	if t.kind != tokWord && t.kind != tokQuoted {
		return ""
	}
	out := t.text
	for strings.HasPrefix(lx.s[lx.i:], ".") {
		lx.i++
		part := lx.next()
		if part.kind != tokWord && part.kind != tokQuoted {
			break
		}
		out += "." + part.text
	}
	return out
}

// ddlTable names the table of CREATE/DROP/ALTER TABLE and TRUNCATE.
func (lx *lexer) ddlTable(op string) string {
	if op == "TRUNCATE" {
		return lx.name("TABLE", "ONLY")
	}
	t := lx.next()
	for t.kind == tokWord && (strings.EqualFold(t.text, "TEMPORARY") || strings.EqualFold(t.text, "TEMP") ||
		strings.EqualFold(t.text, "GLOBAL") || strings.EqualFold(t.text, "UNLOGGED")) {
		t = lx.next()
	}
	if t.kind != tokWord || !strings.EqualFold(t.text, "TABLE") {
		return ""
	}
	return lx.name("IF", "NOT", "EXISTS", "ONLY")
}

func containsFold(list []string, w string) bool {
	for _, x := range list {
		if strings.EqualFold(x, w) {
			return true
		}
	}
	return false
}
