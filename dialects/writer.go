package dialects

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/registry"
)

// Writer accumulates one SQL statement and its bind arguments. The first
// error stops nothing but is kept in Err, so rendering code needs no error
// plumbing; callers check Err once at the end.
type Writer struct {
	Buf  []byte
	Args []any
	D    Dialect
	Err  error
	// Zone is the IANA time zone datetimes are read in by date parts and
	// truncations that name none: the DB's location (Django's current
	// time zone); "" for UTC.
	Zone string
	// text holds the formatted text of Args (see internal/arena); it goes
	// with the statement and is never pooled.
	text arena.Arena
	// argBase numbers placeholders after arguments rendered elsewhere.
	argBase int
}

// NewWriter returns a Writer for dialect d.
func NewWriter(d Dialect) *Writer { return &Writer{D: d} }

var writers = sync.Pool{New: func() any { return &Writer{Buf: make([]byte, 0, 512)} }}

// GetWriter returns a pooled Writer for dialect d; Release it once its
// text has been copied out (string(w.Buf)). Args are not reused: they
// belong to the statement.
func GetWriter(d Dialect) *Writer {
	w := writers.Get().(*Writer)
	w.D = d
	return w
}

// Release returns w to the pool.
func (w *Writer) Release() {
	if cap(w.Buf) > 64<<10 {
		return // let the GC have unusually large buffers
	}
	w.Buf, w.Args, w.Err, w.D, w.argBase, w.text, w.Zone = w.Buf[:0], nil, nil, nil, 0, arena.Arena{}, ""
	writers.Put(w)
}

// Reset empties w for reuse, keeping its buffers.
func (w *Writer) Reset() {
	w.Buf, w.Args, w.Err, w.argBase, w.text, w.Zone = w.Buf[:0], w.Args[:0], nil, 0, arena.Arena{}, ""
}

// S appends trusted SQL text (keywords, operators) written by djorm itself.
func (w *Writer) S(s string) { w.Buf = append(w.Buf, s...) }

// B appends one trusted byte.
func (w *Writer) B(c byte) { w.Buf = append(w.Buf, c) }

// Ident appends a quoted identifier.
func (w *Writer) Ident(name string) { w.Buf = w.D.AppendIdent(w.Buf, name) }

// Col appends alias.column, both quoted.
func (w *Writer) Col(alias, column string) {
	if alias != "" {
		w.Ident(alias)
		w.B('.')
	}
	w.Ident(column)
}

// Arg appends a placeholder bound to v, already in driver form.
func (w *Writer) Arg(v any) {
	if w.Args == nil {
		w.Args = make([]any, 0, 8) // one allocation for a typical statement, not three
	}
	w.Args = append(w.Args, v)
	w.Buf = w.D.AppendPlaceholder(w.Buf, w.argBase+len(w.Args))
}

// Placeholder appends the placeholder of Args[i], an argument the caller
// put in place (a bulk insert's values are its arguments).
func (w *Writer) Placeholder(i int) { w.Buf = w.D.AppendPlaceholder(w.Buf, w.argBase+i+1) }

// Value appends a placeholder bound to the canonical value v of kind k,
// converted by the dialect.
func (w *Writer) Value(v any, k registry.Kind) {
	b, err := w.bind(v, k)
	if err != nil {
		w.Fail(err)
	}
	if e, ok := w.D.(ParamEncloser); ok && v != nil {
		w.S(e.ParamOpen(k))
	}
	w.Arg(b)
	if v != nil {
		w.S(w.D.ParamCast(k))
	}
}

// ValueBare is Value without the dialect's parameter cast, for positions
// where the database takes the type from a column: INSERT values, SET
// assignments, comparisons with a column.
func (w *Writer) ValueBare(v any, k registry.Kind) {
	b, err := w.bind(v, k)
	if err != nil {
		w.Fail(err)
	}
	w.Arg(b)
}

// bind binds v with the dialect, its text kept in the statement's arena
// when the dialect binds that way.
func (w *Writer) bind(v any, k registry.Kind) (any, error) {
	if b, ok := w.D.(arena.Binder); ok {
		return b.BindInto(&w.text, v, k)
	}
	return w.D.Bind(v, k)
}

// GrowText makes room in the statement's arena for n bytes of argument
// text (a bulk insert knows how much its rows take).
func (w *Writer) GrowText(n int) { w.text.Grow(n) }

// Template appends a rendering template of the dialect's own (never user
// text) in which each "{}" stands for n: the tables of date functions are
// written this way, as Django's backends write theirs.
func (w *Writer) Template(tpl string, n Node) {
	for {
		i := strings.Index(tpl, "{}")
		if i < 0 {
			w.S(tpl)
			return
		}
		w.S(tpl[:i])
		w.Node(n)
		tpl = tpl[i+2:]
	}
}

// Template2 is Template for two operands, "{1}" and "{2}".
func (w *Writer) Template2(tpl string, l, r Node) {
	for {
		i := strings.Index(tpl, "{")
		if i < 0 || i+2 >= len(tpl) || tpl[i+2] != '}' || (tpl[i+1] != '1' && tpl[i+1] != '2') {
			w.S(tpl)
			return
		}
		w.S(tpl[:i])
		if tpl[i+1] == '1' {
			w.Node(l)
		} else {
			w.Node(r)
		}
		tpl = tpl[i+3:]
	}
}

// TemplateOf appends the template of key in table, or fails naming what
// was asked for.
func (w *Writer) TemplateOf(table map[string]string, key, what string, n Node) {
	tpl, ok := table[key]
	if !ok {
		w.Fail(fmt.Errorf("unknown %s %q", what, key))
		return
	}
	w.Template(tpl, n)
}

// Int appends an integer literal (limits, offsets: never user text).
func (w *Writer) Int(n int64) { w.Buf = strconv.AppendInt(w.Buf, n, 10) }

// Node renders n.
func (w *Writer) Node(n Node) { n.WriteSQL(w) }

// List renders nodes separated by sep.
func (w *Writer) List(nodes []Node, sep string) {
	for i, n := range nodes {
		if i > 0 {
			w.S(sep)
		}
		n.WriteSQL(w)
	}
}

// Fail records err unless an error is already recorded.
func (w *Writer) Fail(err error) {
	if w.Err == nil {
		w.Err = err
	}
}

// Unsupported records a NotSupported error for feature on this backend.
func (w *Writer) Unsupported(feature string) {
	w.Fail(&NotSupported{Dialect: w.D.Name(), Feature: feature})
}

// String returns the SQL written so far.
func (w *Writer) String() string { return string(w.Buf) }

// NotSupported says the backend cannot do what was asked.
type NotSupported struct {
	Dialect string
	Feature string
}

// Error names the feature and the backend.
func (e *NotSupported) Error() string {
	return fmt.Sprintf("%s is not supported on %s", e.Feature, e.Dialect)
}

// Raw is a Node of trusted SQL text.
type Raw string

// WriteSQL implements Node.
func (r Raw) WriteSQL(w *Writer) { w.S(string(r)) }
