package roundtrip_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/shopspring/decimal"
)

// Write paths, as failures name them.
const (
	pathCreate = "db.Create"
	pathBulk   = "BulkCreate"
	pathUpdate = "Update(Set{col: literal})"
	pathF      = "Update(Set{col: F() arithmetic})"
)

// backend is one live database under test.
type backend struct {
	name string // testkit's name: sqlite, postgres, pgx, mysql
	db   *orm.DB
	feat *dialects.Features
	seed uint64
}

// wcase is one generated value for one column.
type wcase struct {
	n     int    // its index among the kind's values
	col   string // "v" (NOT NULL) or "n" (nullable)
	lit   any    // the value written: the field's Go type, or nil; other types on the Update path only
	extra bool   // a literal only Update can carry
}

// attempt is one write of one value through one path, and what came of it.
type attempt struct {
	c      *wcase
	path   string
	col    string
	lit    any    // the value written (F: the start value)
	op     string // F: the expression
	want   any    // the canonical value a stored write must read back
	exp    expect // what the write must do
	err    error
	sql    []orm.QueryRecord
	id     int64
	stored bool // the write returned no error
	old    any  // Update and F: the value before, which a refused write keeps
	other  any  // the other column's value, which no write touches
	bad    bool // a failure was reported
	code   string
}

type counts struct{ cases, passed, refused, failed int }

func (c *counts) add(o counts) {
	c.cases += o.cases
	c.passed += o.passed
	c.refused += o.refused
	c.failed += o.failed
}

func (c counts) String() string {
	return fmt.Sprintf("%d cases: %d passed (stored and read back identical), %d refused with a typed error, %d failed",
		c.cases, c.passed, c.refused, c.failed)
}

// harness runs one kind on one backend and reports its failures, at most
// shownPerClass in full per class of failure.
type harness struct {
	t        *testing.T
	be       *backend
	k        *kindSpec
	n        int
	ctx      context.Context
	attempts []*attempt
	classes  map[string]int
	order    []string
}

const shownPerClass = 3

func newHarness(t *testing.T, be *backend, k *kindSpec, n int) *harness {
	return &harness{t: t, be: be, k: k, n: n, ctx: context.Background(), classes: map[string]int{}}
}

func (h *harness) rng(salt string) *rand.Rand {
	f := fnv.New64a()
	f.Write([]byte(h.k.model + "/" + salt))
	return rand.New(rand.NewPCG(h.be.seed, f.Sum64()))
}

// fail reports one failure of attempt a; got says what happened instead.
func (h *harness) fail(a *attempt, class, got string, extraSQL ...orm.QueryRecord) {
	h.t.Helper()
	a.bad = true
	key := a.path + ": " + class
	if a.op != "" {
		key = a.path + " " + strings.ReplaceAll(a.op, "col", a.col) + ": " + class
	}
	if h.classes[key] == 0 {
		h.order = append(h.order, key)
	}
	h.classes[key]++
	if h.classes[key] > shownPerClass {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s.%s (%s) via %s: %s\n", h.be.name, h.k.model, strings.ToUpper(a.col), h.k.name, a.path, class)
	if a.op != "" {
		fmt.Fprintf(&b, "    start:   %s, then %s\n", show(a.lit), strings.ReplaceAll(a.op, "col", a.col))
	} else {
		fmt.Fprintf(&b, "    wrote:   %s\n", show(a.lit))
	}
	kind := "generated value"
	if a.c.extra {
		kind = "Update-only literal"
	}
	fmt.Fprintf(&b, "    case:    %s #%d of %s, seed %d\n", kind, a.c.n, h.k.model, h.be.seed)
	fmt.Fprintf(&b, "    expect:  %s: %s", a.exp.v, a.exp.why)
	if a.exp.v != refuse {
		fmt.Fprintf(&b, "; want %s", show(a.want))
	} else if a.exp.codes != nil {
		fmt.Fprintf(&b, "; codes %v", a.exp.codes)
	}
	fmt.Fprintf(&b, "\n    got:     %s\n", got)
	if a.err != nil {
		fmt.Fprintf(&b, "    error:   %T: %v\n", a.err, a.err)
	}
	fmt.Fprintf(&b, "    SQL:     %s\n", showSQL(a.sql))
	if len(extraSQL) > 0 {
		fmt.Fprintf(&b, "    read:    %s\n", showSQL(extraSQL))
	}
	fmt.Fprintf(&b, "    repro:   DJORM_ROUNDTRIP_SEED=%d go test ./tests/roundtrip -run 'TestRoundTrip/%s/%s$'", h.be.seed, h.be.name, h.k.model)
	h.t.Error(b.String())
}

// errorf reports a failure no single attempt owns (a table check).
func (h *harness) errorf(format string, args ...any) {
	h.t.Helper()
	h.t.Errorf("[%s] %s (%s), seed %d: %s", h.be.name, h.k.model, h.k.name, h.be.seed, fmt.Sprintf(format, args...))
}

// finish reports how many failures of each class went unshown and counts
// the attempts, in all and per write path.
func (h *harness) finish() (counts, map[string]*counts) {
	for _, key := range h.order {
		if n := h.classes[key]; n > shownPerClass {
			h.t.Errorf("[%s] %s: %d more failures of the class %q (%d in all)", h.be.name, h.k.model, n-shownPerClass, key, n)
		}
	}
	var c counts
	per := map[string]*counts{}
	trace := os.Getenv("DJORM_ROUNDTRIP_TRACE") != ""
	for _, a := range h.attempts {
		if trace {
			outcome := "stored"
			if !a.stored {
				outcome = "refused: " + a.code
			}
			if a.bad {
				outcome += " (FAILED)"
			}
			h.t.Logf("trace [%s] %s.%s %s %s %s -> %s", h.be.name, h.k.model, a.col, a.path, a.op, show(a.lit), outcome)
		}
		var one counts
		one.cases++
		switch {
		case a.bad:
			one.failed++
		case a.stored:
			one.passed++
		default:
			one.refused++
		}
		c.add(one)
		if per[a.path] == nil {
			per[a.path] = &counts{}
		}
		per[a.path].add(one)
	}
	return c, per
}

// typedError classifies err: a ValidationError (with its code), an
// IntegrityError, ErrInvalidQuery, and for F() arithmetic (dbSide) a
// DataError (the database's out-of-range refusal) or a FieldError (Django's
// refusal of mixed types) too.
func typedError(err error, dbSide bool) (desc, code string, ok bool) {
	var ve *orm.ValidationError
	var ie *orm.IntegrityError
	var de *orm.DataError
	var fe *orm.FieldError
	switch {
	case errors.As(err, &ve):
		return "ValidationError(" + ve.Code + ")", ve.Code, true
	case errors.As(err, &ie):
		return "IntegrityError(" + ie.Kind + ")", "", true
	case errors.Is(err, orm.ErrInvalidQuery):
		return "ErrInvalidQuery", "", true
	case dbSide && errors.As(err, &de):
		return "DataError", "", true
	case dbSide && errors.As(err, &fe):
		return "FieldError", "", true
	}
	return fmt.Sprintf("%T", err), "", false
}

// settle judges the write's own result; the value is judged when read.
func (h *harness) settle(a *attempt, dbSide bool) {
	h.t.Helper()
	if a.err == nil {
		a.stored = true
		return
	}
	desc, code, typed := typedError(a.err, dbSide)
	a.code = desc
	sent := "before any SQL"
	if len(a.sql) > 0 {
		sent = fmt.Sprintf("after %d statement(s)", len(a.sql))
	}
	switch {
	case !typed:
		want := "*orm.ValidationError, *orm.IntegrityError or orm.ErrInvalidQuery"
		if dbSide {
			want += " (or *orm.DataError, *orm.FieldError)"
		}
		h.fail(a, "an untyped error", fmt.Sprintf("%s %s, which is none of %s", desc, sent, want))
	case a.exp.v == accept:
		h.fail(a, "a storable value refused", fmt.Sprintf("refused with %s %s", desc, sent))
	case !dbSide && len(a.sql) > 0:
		h.fail(a, "SQL sent for a refused write", fmt.Sprintf("%s %s; a refusal must come before any SQL", desc, sent))
	case a.exp.v == refuse && a.exp.codes != nil && !slices.Contains(a.exp.codes, code):
		h.fail(a, "refused with the wrong code", fmt.Sprintf("refused with %s, want a ValidationError with a code among %v", desc, a.exp.codes))
	}
}

// check compares what a read (via Get or Values) found with what the
// attempt must have left.
func (h *harness) check(a *attempt, via string, got, gotOther any, read []orm.QueryRecord) {
	h.t.Helper()
	if a.stored && a.exp.v == refuse {
		if via == "Get" {
			h.fail(a, "a value that must be refused was accepted", fmt.Sprintf("the write returned no error; %s reads back %s", via, show(got)), read...)
		}
		return
	}
	want, what := a.want, "the value written"
	if !a.stored {
		want, what = a.old, "the old value (the write was refused with "+a.code+")"
	}
	if w, ok := want.(float64); ok && w == 0 && math.Signbit(w) && same(0.0, got) && h.zeroLosesSign() {
		// Documented: SQLite and MariaDB store -0 as +0, as they do for Django.
		want = 0.0
	}
	if !same(want, got) {
		class := "a different value read back (" + via + ")"
		switch w, _ := want.(float64); {
		case !a.stored:
			class = "a refused write changed the row (" + via + ")"
		case got == nil:
			class = "NULL read back for a value (" + via + ")"
		case w == 0 && math.Signbit(w) && same(0.0, got):
			class = "the sign of zero lost (" + via + ")"
		}
		h.fail(a, class, fmt.Sprintf("%s reads back %s; want %s: %s", via, show(got), what, show(want)), read...)
	}
	if !same(a.other, gotOther) {
		h.fail(a, "the other column changed ("+via+")", fmt.Sprintf("%s reads %s in the other column; want %s", via, show(gotOther), show(a.other)), read...)
	}
}

// zeroLosesSign reports whether the backend stores -0 as +0 (README,
// "Where djorm differs": SQLite's and MariaDB's float columns do).
func (h *harness) zeroLosesSign() bool {
	name := h.be.db.Dialect().Name()
	return name == "sqlite" || name == "mariadb" || name == "mysql"
}

// same compares canonical values: floats bit for bit (any NaN matches
// NaN), decimals by value, times as instants, nil only with nil.
func same(want, got any) bool {
	switch w := want.(type) {
	case nil:
		return got == nil
	case float64:
		g, ok := got.(float64)
		return ok && (math.IsNaN(w) && math.IsNaN(g) || math.Float64bits(w) == math.Float64bits(g))
	case decimal.Decimal:
		g, ok := got.(decimal.Decimal)
		return ok && w.Equal(g)
	case time.Time:
		g, ok := got.(time.Time)
		return ok && w.Equal(g)
	case []byte:
		g, ok := got.([]byte)
		return ok && bytes.Equal(w, g)
	}
	return reflect.TypeOf(want) == reflect.TypeOf(got) && want == got
}

var durationType = reflect.TypeOf(time.Duration(0))

// canon turns a model field's value into the canonical form Values gives.
func canon(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Type() == durationType {
		return time.Duration(v.Int())
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Slice:
		return append([]byte{}, v.Bytes()...)
	}
	return v.Interface()
}

func canonAny(x any) any { return canon(reflect.ValueOf(x)) }

func otherCol(col string) string {
	if col == "v" {
		return "n"
	}
	return "v"
}

// ---------------------------------------------------------------- display

func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil (NULL)"
	case string:
		return showString(x)
	case []byte:
		if len(x) > 48 {
			return fmt.Sprintf("%#v… (%d bytes)", x[:48], len(x))
		}
		return fmt.Sprintf("%#v (%d bytes)", x, len(x))
	case float64:
		return fmt.Sprintf("float64(%v) [bits %#016x]", x, math.Float64bits(x))
	case decimal.Decimal:
		return fmt.Sprintf("decimal %s [coefficient %s, exponent %d]", x.String(), x.Coefficient(), x.Exponent())
	case time.Time:
		return fmt.Sprintf("%s [%#v]", x.Format("2006-01-02T15:04:05.999999999Z07:00 MST"), x)
	case time.Duration:
		return fmt.Sprintf("time.Duration(%d) [%v]", int64(x), x)
	case int64:
		return fmt.Sprintf("int64(%d)", x)
	}
	return fmt.Sprintf("%T(%#v)", v, v)
}

func showString(s string) string {
	info := fmt.Sprintf("(%d bytes, %d runes, valid UTF-8 %v)", len(s), utf8.RuneCountInString(s), utf8.ValidString(s))
	if len(s) > 160 {
		return fmt.Sprintf("%#v… %s", s[:160], info)
	}
	return fmt.Sprintf("%#v %s", s, info)
}

func showSQL(qs []orm.QueryRecord) string {
	if len(qs) == 0 {
		return "(none sent)"
	}
	var b strings.Builder
	for i, q := range qs {
		if i == 3 {
			fmt.Fprintf(&b, "\n             … %d more", len(qs)-3)
			break
		}
		if i > 0 {
			b.WriteString("\n             ")
		}
		sql := q.SQL
		if len(sql) > 300 {
			sql = sql[:300] + "…"
		}
		args := make([]string, 0, len(q.Args))
		for j, a := range q.Args {
			if j == 8 {
				args = append(args, fmt.Sprintf("… %d more", len(q.Args)-8))
				break
			}
			s := fmt.Sprintf("%T(%#v)", a, a)
			if len(s) > 100 {
				s = s[:100] + "…"
			}
			args = append(args, s)
		}
		fmt.Fprintf(&b, "%s  args=[%s]", sql, strings.Join(args, ", "))
		if q.Err != nil {
			fmt.Fprintf(&b, "  err=%v", q.Err)
		}
	}
	return b.String()
}

// ---------------------------------------------------------------- the run

// table is the harness typed by the kind's model.
type table[M any] struct {
	*harness
	rows int // rows the table must hold
}

func (t *table[M]) objects() *orm.QuerySet[*M] { return orm.Objects[M](t.be.db) }

func setCol(obj any, col string, lit any) {
	f := reflect.ValueOf(obj).Elem().FieldByName(strings.ToUpper(col))
	if col == "v" {
		f.Set(reflect.ValueOf(lit))
		return
	}
	if lit == nil {
		f.SetZero()
		return
	}
	p := reflect.New(f.Type().Elem())
	p.Elem().Set(reflect.ValueOf(lit))
	f.Set(p)
}

func getCol(obj any, col string) any {
	return canon(reflect.ValueOf(obj).Elem().FieldByName(strings.ToUpper(col)))
}

func idOf(obj any) int64 { return reflect.ValueOf(obj).Elem().FieldByName("ID").Int() }

// build makes an object holding lit in col and the benign value in V
// (and in N too when both is set).
func (t *table[M]) build(col string, lit any, both bool) *M {
	obj := new(M)
	setCol(obj, "v", t.k.benign)
	if both {
		setCol(obj, "n", t.k.benign)
	}
	setCol(obj, col, lit)
	return obj
}

// benign is what the benign value reads back as in col.
func (t *table[M]) benign(col string) any {
	want, e := t.k.judge(t.be, col, t.k.benign)
	if e.v != accept {
		panic(fmt.Sprintf("%s: the benign value %s is not plainly storable", t.k.model, show(t.k.benign)))
	}
	return want
}

func (t *table[M]) newAttempt(c *wcase, path string) *attempt {
	a := &attempt{c: c, path: path, col: c.col, lit: c.lit}
	a.want, a.exp = t.k.judge(t.be, c.col, c.lit)
	if c.col == "v" {
		a.other = nil
	} else {
		a.other = t.benign("v")
	}
	t.attempts = append(t.attempts, a)
	return a
}

func runKind[M any](h *harness) {
	t := &table[M]{harness: h}
	ctx := h.ctx
	if err := h.be.db.DropTables(ctx, new(M)); err != nil {
		h.t.Fatalf("DropTables: %v", err)
	}
	if err := h.be.db.CreateTables(ctx, new(M)); err != nil {
		h.t.Fatalf("CreateTables: %v", err)
	}
	r := h.rng("values")
	var cases, extras []*wcase
	for i, v := range h.k.gen(r, h.n) {
		col := "v"
		if r.IntN(4) == 0 {
			col = "n"
		}
		cases = append(cases, &wcase{n: i, col: col, lit: v})
	}
	for range 3 {
		cases = append(cases, &wcase{n: len(cases), col: "n", lit: nil})
	}
	if h.k.extra != nil {
		for _, v := range h.k.extra(r) {
			col := "v"
			if r.IntN(3) == 0 {
				col = "n"
			}
			extras = append(extras, &wcase{n: len(cases) + len(extras), col: col, lit: v, extra: true})
		}
	}
	extras = append(extras, &wcase{n: len(cases) + len(extras), col: "v", lit: nil, extra: true})

	t.create(cases)
	t.tableCheck("Create")
	bulk := t.bulkCreate(cases)
	t.tableCheck("BulkCreate")
	t.update(append(slices.Clone(cases), extras...))
	t.tableCheck("Update")
	if len(h.k.fops) > 0 {
		t.arith(bulk)
		t.tableCheck("Update with F()")
	}
}

// create writes each value with db.Create.
func (t *table[M]) create(cases []*wcase) {
	var as []*attempt
	for _, c := range cases {
		a := t.newAttempt(c, pathCreate)
		obj := t.build(c.col, c.lit, false)
		cctx, captured := orm.CaptureQueries(t.ctx)
		a.err = t.be.db.Create(cctx, obj)
		a.sql = captured.Queries()
		t.settle(a, false)
		if a.stored {
			t.rows++
			if a.id = idOf(obj); a.id == 0 {
				t.fail(a, "no primary key after Create", "Create returned no error and left ID 0")
			}
		}
		as = append(as, a)
	}
	t.readBack(as)
}

// bulkCreate writes the values with BulkCreate: those that must be refused
// one at a time, the others in one call, halved until each failure is
// alone.
func (t *table[M]) bulkCreate(cases []*wcase) []*attempt {
	var as, batch []*attempt
	for _, c := range cases {
		a := t.newAttempt(c, pathBulk)
		as = append(as, a)
		if a.exp.v == refuse {
			t.bulk([]*attempt{a})
		} else {
			batch = append(batch, a)
		}
	}
	t.bulk(batch)
	t.readBack(as)
	return as
}

func (t *table[M]) bulk(as []*attempt) {
	if len(as) == 0 {
		return
	}
	objs := make([]*M, len(as))
	for i, a := range as {
		objs[i] = t.build(a.col, a.lit, false)
	}
	cctx, captured := orm.CaptureQueries(t.ctx)
	err := t.objects().BulkCreate(cctx, objs)
	switch {
	case err == nil:
		for i, a := range as {
			a.sql = captured.Queries()
			t.settle(a, false)
			t.rows++
			if a.id = idOf(objs[i]); a.id == 0 {
				t.fail(a, "no primary key after BulkCreate", "BulkCreate returned no error and left ID 0")
			}
		}
	case len(as) == 1:
		as[0].err, as[0].sql = err, captured.Queries()
		t.settle(as[0], false)
	default:
		t.bulk(as[:len(as)/2])
		t.bulk(as[len(as)/2:])
	}
}

// update writes each literal with Update into a row holding the benign
// value in both columns.
func (t *table[M]) update(cases []*wcase) {
	objs := make([]*M, len(cases))
	for i := range objs {
		objs[i] = t.build("v", t.k.benign, true)
	}
	if err := t.objects().BulkCreate(t.ctx, objs); err != nil {
		t.t.Fatalf("[%s] %s: BulkCreate of %d rows holding the benign value %s: %v", t.be.name, t.k.model, len(objs), show(canonAny(t.k.benign)), err)
	}
	t.rows += len(objs)
	var as []*attempt
	for i, c := range cases {
		a := t.newAttempt(c, pathUpdate)
		a.id, a.old, a.other = idOf(objs[i]), t.benign(c.col), t.benign(otherCol(c.col))
		cctx, captured := orm.CaptureQueries(t.ctx)
		n, err := t.objects().Filter(orm.Q{"pk": a.id}).Update(cctx, orm.Set{c.col: c.lit})
		a.err, a.sql = err, captured.Queries()
		t.settle(a, false)
		if err == nil && n != 1 {
			t.fail(a, "Update matched a wrong number of rows", fmt.Sprintf("Update returned %d, want 1", n))
		}
		as = append(as, a)
	}
	t.readBack(as)
}

// allOps is how many of the first values (the generators put their edge
// values first) get every F() expression; the others get one at random.
const allOps = 40

// arith applies F() arithmetic to fresh rows holding the values BulkCreate
// stored and read back identical. Rows whose exact result is plainly
// storable are updated in one statement per expression and column (one at
// a time if that fails); the others one at a time.
func (t *table[M]) arith(bulk []*attempt) {
	r := t.rng("fops")
	type start struct {
		s  *attempt
		op fop
	}
	var plan []start
	for i, s := range bulk {
		if !s.stored || s.bad || s.exp.v == refuse {
			continue
		}
		if i < allOps {
			for _, op := range t.k.fops {
				plan = append(plan, start{s, op})
			}
		} else {
			plan = append(plan, start{s, t.k.fops[r.IntN(len(t.k.fops))]})
		}
	}
	objs := make([]*M, len(plan))
	for i, p := range plan {
		objs[i] = t.build(p.s.col, p.s.lit, false)
	}
	if len(objs) == 0 {
		return
	}
	if err := t.objects().BulkCreate(t.ctx, objs); err != nil {
		t.t.Fatalf("[%s] %s: BulkCreate of the %d start rows of F() arithmetic (values BulkCreate stored before): %v", t.be.name, t.k.model, len(objs), err)
	}
	t.rows += len(objs)
	type group struct{ op, col string }
	type groupFailure struct {
		op, col string
		members []*attempt
		err     error
		sql     []orm.QueryRecord
	}
	var failed []groupFailure
	groups := map[group][]*attempt{}
	var keys []group
	var singles, as []*attempt
	for i, p := range plan {
		s, op := p.s, p.op
		a := &attempt{c: s.c, path: pathF, col: s.col, lit: s.want, op: op.name, id: idOf(objs[i]), old: s.want, other: s.other}
		if s.want == nil {
			a.want, a.exp = nil, ok("arithmetic on NULL is NULL")
		} else {
			a.want, a.exp = op.eval(t.be, s.want)
		}
		if op.operand != nil && !op.operand(t.be) {
			a.exp = expect{v: either, why: t.be.name + " cannot take the expression's operand (" + op.name + "): a refusal before SQL, or the result"}
		}
		t.attempts = append(t.attempts, a)
		as = append(as, a)
		if a.exp.v != accept {
			singles = append(singles, a)
			continue
		}
		g := group{op.name, s.col}
		if _, seen := groups[g]; !seen {
			keys = append(keys, g)
		}
		groups[g] = append(groups[g], a)
	}
	for _, g := range keys {
		members := groups[g]
		ids := make([]int64, len(members))
		for i, a := range members {
			ids[i] = a.id
		}
		cctx, captured := orm.CaptureQueries(t.ctx)
		n, err := t.objects().Filter(orm.Q{"pk__in": ids}).Update(cctx, orm.Set{g.col: t.opNamed(g.op).expr(g.col)})
		if err != nil {
			singles = append(singles, members...)
			failed = append(failed, groupFailure{g.op, g.col, members, err, captured.Queries()})
			continue
		}
		for _, a := range members {
			a.sql = captured.Queries()
			t.settle(a, true)
			if n != int64(len(ids)) {
				t.fail(a, "Update matched a wrong number of rows", fmt.Sprintf("Update over %d rows returned %d", len(ids), n))
			}
		}
	}
	for _, a := range singles {
		op := t.opNamed(a.op)
		cctx, captured := orm.CaptureQueries(t.ctx)
		n, err := t.objects().Filter(orm.Q{"pk": a.id}).Update(cctx, orm.Set{a.col: op.expr(a.col)})
		a.err, a.sql = err, captured.Queries()
		t.settle(a, true)
		if err == nil && n != 1 {
			t.fail(a, "Update matched a wrong number of rows", fmt.Sprintf("Update returned %d, want 1", n))
		}
	}
	for _, f := range failed {
		if !slices.ContainsFunc(f.members, func(a *attempt) bool { return a.err != nil }) {
			t.errorf("Update of %d rows with %s = %s fails (%v) though each row alone succeeds; SQL: %s",
				len(f.members), f.col, f.op, f.err, showSQL(f.sql))
		}
	}
	t.readBack(as)
}

func (t *table[M]) opNamed(name string) fop {
	for _, op := range t.k.fops {
		if op.name == name {
			return op
		}
	}
	panic(name)
}

// readBack reads every row the attempts wrote with Get, then all of them
// with one Values query (row by row if that fails).
func (t *table[M]) readBack(as []*attempt) {
	var ids []int64
	var read []*attempt
	for _, a := range as {
		if a.id == 0 {
			continue
		}
		read = append(read, a)
		ids = append(ids, a.id)
		cctx, captured := orm.CaptureQueries(t.ctx)
		obj, err := t.objects().Get(cctx, orm.Q{"pk": a.id})
		if err != nil {
			t.fail(a, "a read error after the write (Get)", fmt.Sprintf("Get(pk=%d): %T: %v", a.id, err, err), captured.Queries()...)
			continue
		}
		t.check(a, "Get", getCol(obj, a.col), getCol(obj, otherCol(a.col)), captured.Queries())
	}
	if len(read) == 0 {
		return
	}
	rows, err := t.objects().Filter(orm.Q{"pk__in": ids}).Values("id", "v", "n").All(t.ctx)
	byID := map[int64]orm.Row{}
	if err != nil {
		t.errorf("Values over %d rows after %s fails: %v; reading them one at a time", len(ids), read[0].path, err)
		for _, a := range read {
			cctx, captured := orm.CaptureQueries(t.ctx)
			one, err := t.objects().Filter(orm.Q{"pk": a.id}).Values("id", "v", "n").All(cctx)
			if err != nil || len(one) != 1 {
				t.fail(a, "a read error after the write (Values)", fmt.Sprintf("Values(pk=%d): %d rows, %v", a.id, len(one), err), captured.Queries()...)
				continue
			}
			byID[a.id] = one[0]
		}
	} else {
		for _, row := range rows {
			if id, ok := row["id"].(int64); ok {
				byID[id] = row
			}
		}
	}
	for _, a := range read {
		row, ok := byID[a.id]
		if !ok {
			if err == nil {
				t.fail(a, "a row missing from Values", fmt.Sprintf("Values over the written rows has no row with id %d", a.id))
			}
			continue
		}
		t.check(a, "Values", row[a.col], row[otherCol(a.col)], nil)
	}
}

// tableCheck reads the whole table with All and with Values: a stored value
// must never make later reads fail, and failed writes must leave no rows.
func (t *table[M]) tableCheck(phase string) {
	all, err := t.objects().All(t.ctx)
	if err != nil {
		var culprits []string
		for _, a := range t.attempts {
			if a.id == 0 {
				continue
			}
			if _, gerr := t.objects().Get(t.ctx, orm.Q{"pk": a.id}); gerr != nil {
				t.fail(a, "the row makes reads of the whole table fail", fmt.Sprintf("after %s, All fails: %v; Get(pk=%d) fails too: %v", phase, err, a.id, gerr))
				culprits = append(culprits, fmt.Sprintf("pk=%d (%s, %s)", a.id, a.path, show(a.lit)))
			}
		}
		t.errorf("after %s, reading the whole table with All fails: %v; rows that cannot be read: %s", phase, err, strings.Join(unique(culprits), "; "))
	} else if len(all) != t.rows {
		t.errorf("after %s the table holds %d rows, want %d (the writes that returned no error)", phase, len(all), t.rows)
	}
	if _, err := t.objects().Values("id", "v", "n").All(t.ctx); err != nil {
		t.errorf("after %s, reading the whole table with Values fails: %v", phase, err)
	}
}

func unique(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}
