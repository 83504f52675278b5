// Package faults_test runs network and session faults against live
// PostgreSQL (through lib/pq and through pgx's database/sql driver) and
// MariaDB/MySQL, each reached through an internal/faultproxy.Proxy that the
// tests freeze, slow down or reset, and checks what djorm promises then:
// deadlines hold, an ambiguous COMMIT says ErrCommitOutcomeUnknown (and
// only an ambiguous one does), nothing is half committed, and the pool
// recovers once the fault is gone.
//
// DSNs come from DJORM_POSTGRES_DSN and DJORM_MYSQL_DSN (the local servers
// by default); DJORM_REQUIRE ("postgres,mysql") makes an unreachable backend
// a failure instead of a skip. The package works in a PostgreSQL schema and
// a MySQL database of its own, named after the process id, dropped at the
// end. DJORM_FAULTS_HANG (a duration, 5s by default) is how long after its
// start an operation may block before the test calls it hung, thaws and
// resets the proxy to free it, and reports it.
package faults_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "github.com/lib/pq"              // driver "postgres"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/faultproxy"
)

// FaultRow is the table every scenario writes to; each scenario and backend
// uses names of its own prefix.
type FaultRow struct {
	orm.Model
	Name string `orm:"max_length=50,unique"`
}

func init() { orm.MustRegister(&FaultRow{}) }

// backend is one database server reached through one driver.
type backend struct {
	name   string // pq, pgx, mysql: the subtest name
	driver string // the database/sql driver name
	kind   string // postgres or mysql: the wire protocol and SQL
	dsn    string // direct to the server, in this package's namespace
	addr   string // the server's host:port
	admin  *sql.DB
	direct *orm.DB // not through any proxy: the truth about what is committed
	err    error   // why the backend is unavailable
	// required: DJORM_REQUIRE names it, so unavailability fails.
	required bool
	cleanup  []func()
}

var backends []*backend

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// hangBound is how long after its start an operation may block before it
// is declared hung.
var hangBound = 5 * time.Second

func TestMain(m *testing.M) {
	if v := os.Getenv("DJORM_FAULTS_HANG"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 3*time.Second {
			fmt.Fprintf(os.Stderr, "DJORM_FAULTS_HANG=%q: want a duration of at least 3s\n", v)
			os.Exit(2)
		}
		hangBound = d
	}
	required := map[string]bool{}
	for _, r := range strings.Split(os.Getenv("DJORM_REQUIRE"), ",") {
		required[strings.TrimSpace(r)] = true
	}
	ns := fmt.Sprintf("djorm_faults_%d", os.Getpid())
	pgDSN := env("DJORM_POSTGRES_DSN", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	myDSN := env("DJORM_MYSQL_DSN", "root@tcp(127.0.0.1:3306)/test")
	for _, b := range []*backend{
		{name: "pq", driver: "postgres", kind: "postgres", required: required["postgres"]},
		{name: "pgx", driver: "pgx", kind: "postgres", required: required["postgres"] || required["pgx"]},
		{name: "mysql", driver: "mysql", kind: "mysql", required: required["mysql"]},
	} {
		switch b.kind {
		case "postgres":
			b.err = b.openPG(pgDSN, ns+"_"+b.name)
		case "mysql":
			b.err = b.openMySQL(myDSN, ns)
		}
		if b.err != nil {
			fmt.Fprintf(os.Stderr, "faults: %s unavailable: %v\n", b.name, b.err)
		}
		backends = append(backends, b)
	}
	code := m.Run()
	for _, b := range backends {
		for i := len(b.cleanup) - 1; i >= 0; i-- {
			b.cleanup[i]()
		}
	}
	if left := leftGoroutines(10 * time.Second); len(left) > 0 {
		fmt.Fprintf(os.Stderr, "faults: %d goroutines of djorm, database/sql or a driver are still blocked 10s after every database and proxy was closed:\n\n%s\n",
			len(left), strings.Join(left, "\n\n"))
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// leftGoroutines waits up to bound for every goroutine running code of
// djorm, database/sql or a driver to end, and returns the stacks of those
// that did not.
func leftGoroutines(bound time.Duration) []string {
	watched := []string{"github.com/djorm/orm", "database/sql", "github.com/lib/pq", "github.com/jackc/pgx", "github.com/go-sql-driver/mysql"}
	deadline := time.Now().Add(bound)
	for {
		buf := make([]byte, 1<<20)
		for {
			n := runtime.Stack(buf, true)
			if n < len(buf) {
				buf = buf[:n]
				break
			}
			buf = make([]byte, 2*len(buf))
		}
		var left []string
		for _, g := range strings.Split(string(buf), "\n\n") {
			if strings.Contains(g, "leftGoroutines") {
				continue // this one
			}
			for _, w := range watched {
				if strings.Contains(g, w) {
					left = append(left, g)
					break
				}
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(50 * time.Millisecond) // polling for goroutines to end
	}
}

func setupCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

func (b *backend) openPG(dsn, schema string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return err
	}
	b.addr = u.Host
	if u.Port() == "" {
		b.addr = u.Host + ":5432"
	}
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	b.cleanup = append(b.cleanup, func() { _ = admin.Close() })
	ctx, cancel := setupCtx()
	defer cancel()
	if _, err := admin.ExecContext(ctx, `DROP SCHEMA IF EXISTS "`+schema+`" CASCADE; CREATE SCHEMA "`+schema+`"`); err != nil {
		return err
	}
	b.cleanup = append(b.cleanup, func() {
		ctx, cancel := setupCtx()
		defer cancel()
		_, _ = admin.ExecContext(ctx, `DROP SCHEMA IF EXISTS "`+schema+`" CASCADE`)
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	b.dsn = u.String()
	b.admin = admin
	return b.openDirect()
}

func (b *backend) openMySQL(dsn, database string) error {
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		return err
	}
	b.addr = cfg.Addr
	admin, err := sql.Open("mysql", dsn)
	if err != nil {
		return err
	}
	b.cleanup = append(b.cleanup, func() { _ = admin.Close() })
	ctx, cancel := setupCtx()
	defer cancel()
	for _, s := range []string{"DROP DATABASE IF EXISTS `" + database + "`", "CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"} {
		if _, err := admin.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	b.cleanup = append(b.cleanup, func() {
		ctx, cancel := setupCtx()
		defer cancel()
		_, _ = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS `"+database+"`")
	})
	cfg.DBName = database
	b.dsn = cfg.FormatDSN()
	b.admin = admin
	return b.openDirect()
}

// openDirect opens the orm handle that bypasses every proxy and creates the table.
func (b *backend) openDirect() error {
	db, err := orm.Open(b.driver, b.dsn)
	if err != nil {
		return err
	}
	b.cleanup = append(b.cleanup, func() { _ = db.Close() })
	b.direct = db
	ctx, cancel := setupCtx()
	defer cancel()
	return db.CreateTables(ctx, &FaultRow{})
}

// dsnAt returns the backend's DSN with the server's host:port replaced by addr.
func (b *backend) dsnAt(addr string) string {
	switch b.kind {
	case "postgres":
		u, err := url.Parse(b.dsn)
		if err != nil {
			panic(err) // parsed once already in openPG
		}
		u.Host = addr
		return u.String()
	default:
		cfg, err := mysql.ParseDSN(b.dsn)
		if err != nil {
			panic(err)
		}
		cfg.Addr = addr
		return cfg.FormatDSN()
	}
}

// scenario is one fault, run once per backend.
type scenario struct {
	name string
	run  func(t *testing.T, f *fixture)
}

// scenarios lists the faults in the order they run; files add theirs in init.
var scenarios []scenario

// results records each case's verdict for the summary.
var results struct {
	sync.Mutex
	lines                []string
	pass, fail, skipping int
}

// TestFaults runs every scenario on every backend, the backends of one
// scenario in parallel, and logs a one-line summary at the end.
func TestFaults(t *testing.T) {
	results.Lock()
	results.lines, results.pass, results.fail, results.skipping = nil, 0, 0, 0
	results.Unlock()
	t.Cleanup(func() {
		results.Lock()
		defer results.Unlock()
		for _, l := range results.lines {
			t.Log(l)
		}
		t.Logf("fault cases: %d (pass %d, fail %d, skipped %d)",
			results.pass+results.fail+results.skipping, results.pass, results.fail, results.skipping)
	})
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			for _, b := range backends {
				t.Run(b.name, func(t *testing.T) {
					t.Parallel()
					start := time.Now()
					t.Cleanup(func() {
						verdict := "PASS"
						results.Lock()
						switch {
						case t.Failed():
							verdict = "FAIL"
							results.fail++
						case t.Skipped():
							verdict = "SKIP"
							results.skipping++
						default:
							results.pass++
						}
						results.lines = append(results.lines, fmt.Sprintf("%-4s %s/%s (%.1fs)", verdict, sc.name, b.name, time.Since(start).Seconds()))
						results.Unlock()
					})
					if b.err != nil {
						if b.required {
							t.Fatalf("%s is required (DJORM_REQUIRE) but unavailable: %v", b.name, b.err)
						}
						t.Skipf("%s unavailable: %v", b.name, b.err)
					}
					sc.run(t, newFixture(t, b, sc.name))
				})
			}
		})
	}
}

// fixture is one scenario on one backend: a proxy to the server and an orm
// handle opened through it.
type fixture struct {
	b      *backend
	p      *faultproxy.Proxy
	db     *orm.DB
	prefix string // of the names of this case's rows
}

func newFixture(t *testing.T, b *backend, scenario string) *fixture {
	t.Helper()
	p, err := faultproxy.New(b.addr)
	if err != nil {
		t.Fatal(err)
	}
	db, err := orm.Open(b.driver, b.dsnAt(p.Addr()))
	if err != nil {
		_ = p.Close()
		t.Fatal(err)
	}
	// The proxy first: closing it frees whatever still waits on it.
	t.Cleanup(func() { _ = db.Close() })
	t.Cleanup(func() { _ = p.Close() })
	return &fixture{b: b, p: p, db: db, prefix: scenario + "/" + b.name + "/"}
}

func (f *fixture) row(name string) *FaultRow { return &FaultRow{Name: f.prefix + name} }

// mine is the fixture's rows, as seen through the proxy.
func (f *fixture) mine() *orm.QuerySet[*FaultRow] {
	return orm.Objects[FaultRow](f.db).Filter(orm.Q{"name__startswith": f.prefix})
}

// committed counts the case's rows on a direct connection (no proxy).
func (f *fixture) committed(t *testing.T) int64 {
	t.Helper()
	ctx, cancel := setupCtx()
	defer cancel()
	n, err := orm.Objects[FaultRow](f.b.direct).Filter(orm.Q{"name__startswith": f.prefix}).Count(ctx)
	if err != nil {
		t.Fatalf("counting the rows directly: %v", err)
	}
	return n
}

// warm runs a query through the proxy so that the pool holds a connection
// when the fault starts.
func (f *fixture) warm(t *testing.T) {
	t.Helper()
	ctx, cancel := setupCtx()
	defer cancel()
	if _, err := f.mine().Count(ctx); err != nil {
		t.Fatalf("a query through the proxy before the fault: %v", err)
	}
}

// recovers checks that once the fault is cleared the same *orm.DB answers
// a fresh query within 2s.
func (f *fixture) recovers(t *testing.T) {
	t.Helper()
	f.p.Thaw()
	f.p.SetDelay(0)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	o := f.guard(t, start, func() error { _, err := f.mine().Count(ctx); return err })
	if o.hung || o.err != nil || o.panicked != nil {
		t.Errorf("after the fault is cleared the pool must recover: a Count with a 2s deadline %s", o)
	}
}

// outcome is how a guarded operation ended.
type outcome struct {
	err      error
	took     time.Duration // from the scenario's start until it returned
	hung     bool          // it had not returned hangBound after the start
	freedBy  string        // what made a hung operation return
	leaked   bool          // it never returned: its goroutine is left blocked
	panicked any
}

func (o outcome) String() string {
	switch {
	case o.leaked:
		return fmt.Sprintf("never returned: still blocked %.1fs after its start, even after the proxy was thawed and reset (its goroutine is leaked)", o.took.Seconds())
	case o.panicked != nil:
		return fmt.Sprintf("panicked after %.2fs: %v", o.took.Seconds(), o.panicked)
	case o.hung:
		return fmt.Sprintf("hung: had not returned %.0fs after its start; after %s it returned at %.2fs with %s", hangBound.Seconds(), o.freedBy, o.took.Seconds(), errText(o.err))
	}
	return fmt.Sprintf("returned after %.2fs with %s", o.took.Seconds(), errText(o.err))
}

func errText(err error) string {
	if err == nil {
		return "no error"
	}
	return fmt.Sprintf("error %q (%T)", err.Error(), err)
}

// unblocker is a way to free an operation a fault holds.
type unblocker struct {
	name string
	fn   func()
}

// guard runs op on a goroutine and waits until hangBound after start. An
// operation still blocked then is hung: the unblockers run one after the
// other (the proxy's Thaw, then Reset, by default), each given 3s to free
// it; one that stays blocked is reported as leaked (and the test moves on).
func (f *fixture) guard(t *testing.T, start time.Time, op func() error, unblock ...unblocker) outcome {
	t.Helper()
	if len(unblock) == 0 {
		unblock = []unblocker{{"Thaw", f.p.Thaw}, {"Thaw+Reset", f.p.Reset}}
	}
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if p := recover(); p != nil {
				o.panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
			}
			o.took = time.Since(start)
			done <- o
		}()
		o.err = op()
	}()
	timer := time.NewTimer(time.Until(start.Add(hangBound)))
	defer timer.Stop()
	select {
	case o := <-done:
		return o
	case <-timer.C:
	}
	for _, u := range unblock {
		u.fn()
		select {
		case o := <-done:
			o.hung, o.freedBy = true, u.name
			return o
		case <-time.After(3 * time.Second):
		}
	}
	o := outcome{hung: true, leaked: true, took: time.Since(start)}
	t.Errorf("%s", o)
	return o
}

// returnsWithin fails the test unless o returned (without a panic) within
// limit of its start; it reports whether it did.
func returnsWithin(t *testing.T, what string, o outcome, limit time.Duration) bool {
	t.Helper()
	if o.hung || o.panicked != nil || o.took > limit {
		t.Errorf("%s must return within %v of its start: it %s", what, limit, o)
		return false
	}
	t.Logf("%s: %s", what, o)
	return true
}

// wantErrIs fails the test unless errors.Is(o.err, target).
func wantErrIs(t *testing.T, what string, o outcome, target error) {
	t.Helper()
	if !errors.Is(o.err, target) {
		t.Errorf("%s: want an error wrapping %q; it %s", what, target, o)
	}
}

// wantNotErrIs fails the test if errors.Is(o.err, target).
func wantNotErrIs(t *testing.T, what string, o outcome, target error) {
	t.Helper()
	if errors.Is(o.err, target) {
		t.Errorf("%s: the error must not wrap %q; it %s", what, target, o)
	}
}

// statsWait waits (up to 5s) for a condition on the proxy's stats.
func (f *fixture) statsWait(t *testing.T, what string, cond func(faultproxy.Stats) bool) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := f.p.Wait(ctx, cond); err != nil {
		t.Errorf("waiting for %s: %v (proxy stats %+v)", what, err, f.p.Stats())
		return false
	}
	return true
}

// isCommitMsg reports whether a client chunk holds the COMMIT statement:
// a PostgreSQL simple query or a MySQL COM_QUERY whose text is COMMIT
// (any case). READ COMMITTED in a BEGIN does not match.
func (b *backend) isCommitMsg(chunk []byte) bool {
	return b.isQuery(chunk, func(q string) bool {
		return strings.EqualFold(strings.TrimRight(strings.TrimSpace(q), ";"), "COMMIT")
	})
}

// isQuery reports whether a client chunk begins with a query message whose
// text satisfies match.
func (b *backend) isQuery(chunk []byte, match func(string) bool) bool {
	switch b.kind {
	case "postgres":
		// Simple query: 'Q', int32 length (itself included), text, NUL.
		// The extended protocol's Parse: 'P', length, name NUL, text NUL, ...
		if len(chunk) < 6 || (chunk[0] != 'Q' && chunk[0] != 'P') {
			return false
		}
		body := chunk[5:]
		if chunk[0] == 'P' {
			i := strings.IndexByte(string(body), 0)
			if i < 0 {
				return false
			}
			body = body[i+1:]
		}
		if i := strings.IndexByte(string(body), 0); i >= 0 {
			body = body[:i]
		}
		return match(string(body))
	default:
		// COM_QUERY: 3-byte length, sequence id, 0x03, text.
		return len(chunk) > 5 && chunk[4] == 0x03 && match(string(chunk[5:]))
	}
}

// isCountQuery matches the query of a QuerySet's Count.
func (b *backend) isCountQuery(chunk []byte) bool {
	return b.isQuery(chunk, func(q string) bool { return strings.Contains(strings.ToUpper(q), "COUNT(") })
}
