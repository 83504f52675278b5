package ormtest_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "ormtest") }

// The tests' models: tables of their own, so truncating them touches
// nothing another test reads.
type (
	Shelf struct {
		orm.Model
		Label string `orm:"max_length=50,unique"`
	}
	Item struct {
		orm.Model
		Name  string                `orm:"max_length=50"`
		Shelf orm.ForeignKey[Shelf] `orm:"on_delete=cascade,related_name=items"`
		Tags  orm.ManyToMany[Label] `orm:"related_name=items"`
	}
	Label struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
)

var models = []any{&Shelf{}, &Label{}, &Item{}}

func init() { orm.MustRegister(models...) }

// created remembers the databases whose tables exist, so parallel tests
// create them once.
var created struct {
	sync.Mutex
	dbs map[*orm.DB]bool
}

func tables(t *testing.T, db *orm.DB) {
	t.Helper()
	created.Lock()
	defer created.Unlock()
	if created.dbs[db] {
		return
	}
	ctx := context.Background()
	if err := db.DropTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTables(ctx, models...); err != nil {
		t.Fatal(err)
	}
	if created.dbs == nil {
		created.dbs = map[*orm.DB]bool{}
	}
	created.dbs[db] = true
}

// fakeT stands in for a test whose failures are the subject: it keeps
// what a helper reports instead of failing the real test.
type fakeT struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	logs     []string
	cleanups []func()
	failed   bool
}

func newFakeT(t *testing.T) *fakeT { return &fakeT{TB: t} }

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failed = true
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	runtime.Goexit()
}
func (f *fakeT) Logf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logs = append(f.logs, fmt.Sprintf(format, args...))
}
func (f *fakeT) Cleanup(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cleanups = append(f.cleanups, fn)
}
func (f *fakeT) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.failed
}

// run runs fn as the fake test's body on a goroutine of its own (Fatalf
// ends it), then the cleanups, last first.
func (f *fakeT) run(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func (f *fakeT) errors() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.errs, "\n")
}

// lineAbove returns the file:line of the line above its call.
func lineAbove() string {
	_, file, line, _ := runtime.Caller(1)
	return file + ":" + strconv.Itoa(line-1)
}
