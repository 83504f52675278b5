package debugpanel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/djorm/orm"
)

// explainTimeout bounds an EXPLAIN: it plans and does not run the query,
// so a long wait means a lock or a server in trouble.
const explainTimeout = 10 * time.Second

// Explanation is a backend's query plan, as rows of columns (PostgreSQL
// answers one column of text, MariaDB a table, SQLite its plan's nodes).
type Explanation struct {
	Query   int // the query's position in its request
	Columns []string
	Rows    [][]string
	Err     string
}

// explain runs the backend's EXPLAIN (never ANALYZE: the statement is
// planned, not executed) for a recorded query with its recorded
// arguments, on the connection pool directly, so the EXPLAIN itself is
// neither recorded nor traced.
func explain(ctx context.Context, db *orm.DB, q Query) (*Explanation, error) {
	if err := explainable(db, q); err != nil {
		return nil, err
	}
	prefix, err := db.Dialect().Explain("")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, explainTimeout)
	defer cancel()
	rows, err := db.SQLDB().QueryContext(ctx, prefix+q.SQL, q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := &Explanation{Query: q.Index, Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out.Rows = append(out.Rows, cellTexts(vals))
	}
	return out, rows.Err()
}

func cellTexts(vals []any) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
			out[i] = ""
		case []byte:
			out[i] = string(v)
		default:
			out[i] = fmt.Sprint(v)
		}
	}
	return out
}

// errRedactedArgs refuses EXPLAIN of a query with arguments under Redact:
// the panel did not keep them, and a plan prints the values it was given.
var errRedactedArgs = errors.New("EXPLAIN is off for queries with arguments when the panel redacts them (debugpanel.Redact): " +
	"the arguments were not kept, and a plan would print them; run the panel without Redact to explain this query")

// explainable refuses what the panel will not EXPLAIN: anything but one
// SELECT, a query of another database, a query whose arguments were
// redacted away.
func explainable(db *orm.DB, q Query) error {
	if !isSelect(q.SQL) {
		return fmt.Errorf("EXPLAIN runs on a single SELECT only; query %d is not one", q.Index)
	}
	if q.Database != "" && q.Database != db.Alias() {
		return fmt.Errorf("query %d ran on database %q and the panel explains on %q; give the panel that database", q.Index, q.Database, db.Alias())
	}
	if q.redacted && q.NumArgs > 0 {
		return errRedactedArgs
	}
	return nil
}

// isSelect reports whether sql is one SELECT statement: its first keyword
// (after comments and opening parentheses) is SELECT, and no semicolon
// outside literals, quoted names and comments starts a second statement.
func isSelect(sql string) bool {
	first := true
	for i := 0; i < len(sql); i++ {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(':
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			i = skipPast(sql, i, "\n")
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			i = skipPast(sql, i+2, "*/")
		case c == '\'' || c == '"' || c == '`':
			if first {
				return false
			}
			i = skipQuoted(sql, i, c)
		case c == ';':
			return strings.TrimSpace(sql[i+1:]) == ""
		case first:
			if len(sql) < i+6 || !strings.EqualFold(sql[i:i+6], "SELECT") ||
				len(sql) > i+6 && isWordByte(sql[i+6]) {
				return false
			}
			first = false
			i += 5
		}
	}
	return !first
}

// skipPast returns the position of the last byte of end after i, or the
// end of s.
func skipPast(s string, i int, end string) int {
	if j := strings.Index(s[i:], end); j >= 0 {
		return i + j + len(end) - 1
	}
	return len(s)
}

// skipQuoted returns the position of the quote closing the one at i; a
// doubled quote, or a backslash in a literal, escapes.
func skipQuoted(s string, i int, q byte) int {
	for i++; i < len(s); i++ {
		switch {
		case s[i] == '\\' && q == '\'':
			i++
		case s[i] == q && i+1 < len(s) && s[i+1] == q:
			i++
		case s[i] == q:
			return i
		}
	}
	return len(s)
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
