package debugpanel

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/djorm/orm"
)

// Hook returns the orm.Hook that gives the panel each statement's stack
// (from the first frame outside djorm, a few frames up) and its start
// within the request. Install it where the DB is opened when the panel is
// on:
//
//	db, err := orm.Open("sqlite3", dsn, orm.WithHook(debugpanel.Hook()))
//
// It does work only for statements run with the context of a request the
// panel's Middleware records: elsewhere it costs one context lookup.
// Without it the panel still lists each request's queries and their
// callers (from orm.CaptureQueries), without stacks, and lays the timeline
// out end to end.
func Hook() orm.Hook {
	return func(ctx context.Context, r orm.QueryRecord) {
		rec, ok := ctx.Value(recorderKey{}).(*recorder)
		if !ok {
			return
		}
		end := time.Now()
		rec.add(hooked{rec: r, start: end.Add(-r.Duration), stack: callers()})
	}
}

type recorderKey struct{}

// recorder collects what Hook saw of one request's statements.
type recorder struct {
	mu      sync.Mutex
	queries []hooked
}

type hooked struct {
	rec   orm.QueryRecord
	start time.Time
	stack []Frame
}

func (r *recorder) add(h hooked) {
	r.mu.Lock()
	r.queries = append(r.queries, h)
	r.mu.Unlock()
}

func (r *recorder) list() []hooked {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]hooked(nil), r.queries...)
}

// Frame is one call site of a statement's stack.
type Frame struct {
	Function string
	File     string
	Line     int
}

// String is file:line, the path cut to its last two elements.
func (f Frame) String() string {
	file := f.File
	if i := strings.LastIndexByte(file, '/'); i > 0 {
		if j := strings.LastIndexByte(file[:i], '/'); j >= 0 {
			file = file[j+1:]
		}
	}
	return file + ":" + strconv.Itoa(f.Line)
}

// maxFrames is how much of the stack above the first frame outside djorm
// the panel keeps.
const maxFrames = 6

// callers returns the stack from the first frame outside djorm up,
// at most maxFrames frames.
func callers() []Frame {
	var pcs [48]uintptr
	n := runtime.Callers(3, pcs[:]) // runtime.Callers, callers, the hook
	frames := runtime.CallersFrames(pcs[:n])
	var out []Frame
	for {
		f, more := frames.Next()
		if len(out) > 0 || !internalFrame(f) {
			if stackBase(f.Function) {
				break // the server's or the goroutine's start: nothing a user wrote
			}
			out = append(out, Frame{Function: f.Function, File: f.File, Line: f.Line})
			if len(out) == maxFrames {
				break
			}
		}
		if !more {
			break
		}
	}
	return out
}

// internalPrefixes are the packages a statement passes through before
// reaching the code that asked for it.
var internalPrefixes = []string{
	"github.com/djorm/orm.", "github.com/djorm/orm/internal/", "github.com/djorm/orm/dialects",
	"github.com/djorm/orm/registry.", "github.com/djorm/orm/functions.", "github.com/djorm/orm/schema.",
	"github.com/djorm/orm/debugpanel.", "database/sql.", "github.com/jmoiron/sqlx.", "runtime.", "iter.",
}

func stackBase(fn string) bool {
	return strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "testing.") || strings.HasPrefix(fn, "net/http.") ||
		strings.HasPrefix(fn, "github.com/djorm/orm/debugpanel.(*Panel)")
}

func internalFrame(f runtime.Frame) bool {
	if strings.HasSuffix(f.File, "_test.go") {
		return false // the panel's own tests are callers like any other
	}
	for _, p := range internalPrefixes {
		if strings.HasPrefix(f.Function, p) {
			return true
		}
	}
	return false
}
