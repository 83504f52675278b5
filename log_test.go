package orm_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/internal/testkit"
)

// logSink is a slog handler that keeps the records it is given.
type logSink struct {
	level slog.Level
	mu    sync.Mutex
	recs  []slog.Record
}

func (s *logSink) Enabled(_ context.Context, l slog.Level) bool { return l >= s.level }
func (s *logSink) Handle(_ context.Context, r slog.Record) error {
	s.mu.Lock()
	s.recs = append(s.recs, r.Clone())
	s.mu.Unlock()
	return nil
}
func (s *logSink) WithAttrs([]slog.Attr) slog.Handler { return s }
func (s *logSink) WithGroup(string) slog.Handler      { return s }

func (s *logSink) records() []slog.Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]slog.Record(nil), s.recs...)
}

// attrs returns a record's attributes by key.
func attrs(r slog.Record) map[string]slog.Value {
	out := map[string]slog.Value{}
	r.Attrs(func(a slog.Attr) bool {
		out[a.Key] = a.Value
		return true
	})
	return out
}

// withOptions opens db's pool again as a handle with opts (and alias).
func withOptions(t *testing.T, db *orm.DB, opts ...orm.Option) *orm.DB {
	t.Helper()
	h, err := orm.New(db.SQLDB(), db.DriverName(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// lineAbove returns the file:line of the line above its call.
func lineAbove() string {
	_, file, line, _ := runtime.Caller(1)
	return file + ":" + strconv.Itoa(line-1)
}

func TestLoggerRecordsEachStatement(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		sink := &logSink{level: slog.LevelDebug}
		ldb := withOptions(t, db, orm.WithLogger(slog.New(sink), orm.SlowQuery(time.Hour)), orm.WithAlias("primary"))
		ctx := context.Background()

		books, err := orm.Objects[Book](ldb).Filter(orm.Q{"author": 1}).OrderBy("id").All(ctx)
		at := lineAbove()
		if err != nil || len(books) != 2 {
			t.Fatalf("books of author 1: %d, %v", len(books), err)
		}
		recs := sink.records()
		if len(recs) != 1 {
			t.Fatalf("one statement, %d records", len(recs))
		}
		r, a := recs[0], attrs(recs[0])
		if r.Level != slog.LevelDebug || r.Message != "query" {
			t.Errorf("level %v, message %q; want DEBUG query", r.Level, r.Message)
		}
		if sql := a["sql"].String(); !strings.Contains(sql, "SELECT") || !strings.Contains(sql, "author_id") {
			t.Errorf("sql: %q", sql)
		}
		if args, ok := a["args"].Any().([]any); !ok || len(args) != 1 || fmt.Sprint(args[0]) != "1" {
			t.Errorf("args: %#v", a["args"].Any())
		}
		if a["rows"].Int64() != 2 || a["db"].String() != "primary" || a["duration"].Kind() != slog.KindDuration {
			t.Errorf("rows %v, db %v, duration %v", a["rows"], a["db"], a["duration"])
		}
		if got := a["caller"].String(); got != at {
			t.Errorf("caller %q, want this test's line %q", got, at)
		}
		if _, ok := a["error"]; ok {
			t.Errorf("an error attribute on a statement that succeeded: %v", a["error"])
		}
	})
}

func TestLoggerLevels(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()

		// Failures at Error, with the error: a handler at Info still gets them.
		sink := &logSink{level: slog.LevelInfo}
		ldb := withOptions(t, db, orm.WithLogger(slog.New(sink)))
		if _, err := orm.Objects[Book](ldb).Count(ctx); err != nil {
			t.Fatal(err)
		}
		_, err := ldb.Exec(ctx, "SELECT no_such_column FROM book")
		at := lineAbove()
		if err == nil {
			t.Fatal("a bad column: no error")
		}
		recs := sink.records()
		if len(recs) != 1 || recs[0].Level != slog.LevelError || recs[0].Message != "query failed" {
			t.Fatalf("at Info only the failure is logged, at Error: %v", recs)
		}
		a := attrs(recs[0])
		if e, ok := a["error"].Any().(error); !ok || e.Error() != err.Error() || a["rows"].Int64() != -1 || a["caller"].String() != at {
			t.Errorf("failure record: %v", a)
		}

		// Slow queries at Warn; RedactArgs drops the arguments.
		sink = &logSink{level: slog.LevelInfo}
		ldb = withOptions(t, db, orm.WithLogger(slog.New(sink), orm.SlowQuery(time.Nanosecond), orm.RedactArgs()))
		if _, err := orm.Objects[Book](ldb).Filter(orm.Q{"title__icontains": "secret"}).Count(ctx); err != nil {
			t.Fatal(err)
		}
		recs = sink.records()
		if len(recs) != 1 || recs[0].Level != slog.LevelWarn || recs[0].Message != "slow query" {
			t.Fatalf("a statement over SlowQuery: %v", recs)
		}
		if v, ok := attrs(recs[0])["args"]; ok {
			t.Errorf("RedactArgs: args logged: %v", v)
		}

		// SlowQuery(0): no warnings, every statement at Debug.
		sink = &logSink{level: slog.LevelDebug}
		ldb = withOptions(t, db, orm.WithLogger(slog.New(sink), orm.SlowQuery(0)))
		if _, err := orm.Objects[Book](ldb).Count(ctx); err != nil {
			t.Fatal(err)
		}
		if recs = sink.records(); len(recs) != 1 || recs[0].Level != slog.LevelDebug {
			t.Errorf("SlowQuery(0): %v", recs)
		}
	})
}

// The caller of a lazy load is the line that touched the relation, and
// the record names the relation.
func TestLoggerLazyLoad(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		sink := &logSink{level: slog.LevelDebug}
		ldb := withOptions(t, db, orm.WithLogger(slog.New(sink)))
		ctx := context.Background()
		b, err := orm.Objects[Book](ldb).Get(ctx, orm.Q{"pk": 1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.Author.Get(ctx)
		at := lineAbove()
		if err != nil {
			t.Fatal(err)
		}
		recs := sink.records()
		if len(recs) != 2 {
			t.Fatalf("two statements, %d records", len(recs))
		}
		a := attrs(recs[1])
		if a["lazy"].String() != "Book.author" || a["caller"].String() != at {
			t.Errorf("lazy load record: lazy %q caller %q, want Book.author at %s", a["lazy"], a["caller"], at)
		}
		if _, ok := attrs(recs[0])["lazy"]; ok {
			t.Errorf("the Get itself is not a lazy load: %v", attrs(recs[0]))
		}
	})
}

// A logger that would not log a statement costs it no allocation: the
// hook checks the level before building anything.
func TestLoggerOffLevelAllocatesNothing(t *testing.T) {
	ctx := context.Background()
	byPK := orm.Q{"pk": 5}
	run := func(db *orm.DB) float64 {
		return testing.AllocsPerRun(200, func() {
			if _, err := orm.Objects[Book](db).Filter(byPK).All(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
	plain := testkit.Recorder("postgres", postgres.New())
	quiet := orm.NewWithDialect(plain.SQLDB(), "postgres", postgres.New(),
		orm.WithLogger(slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))))
	if p, q := run(plain), run(quiet); q != p {
		t.Errorf("a query allocates %v times with a logger at Info, %v without one", q, p)
	}
}

// BenchmarkLogging measures what logging adds to one statement (a shaped
// SELECT by primary key on a driver that answers no rows, so the ORM's
// own work is all there is): none (no logger: the statement is not even
// timed), a logger whose level leaves Debug out, and a text handler at
// Debug writing to io.Discard (with and without arguments).
func BenchmarkLogging(b *testing.B) {
	byPK := orm.Q{"pk": 5}
	discard := func(l slog.Level) *slog.Logger {
		return slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: l}))
	}
	for _, c := range []struct {
		name string
		opts []orm.Option
	}{
		{"off", nil},
		{"level_info", []orm.Option{orm.WithLogger(discard(slog.LevelInfo))}},
		{"discard_text", []orm.Option{orm.WithLogger(discard(slog.LevelDebug))}},
		{"discard_text_redacted", []orm.Option{orm.WithLogger(discard(slog.LevelDebug), orm.RedactArgs())}},
		{"discard_handler", []orm.Option{orm.WithLogger(slog.New(slog.DiscardHandler))}},
	} {
		b.Run(c.name, func(b *testing.B) {
			rec := testkit.Recorder("postgres", postgres.New())
			db := orm.NewWithDialect(rec.SQLDB(), "postgres", postgres.New(), c.opts...)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := orm.Objects[Book](db).Filter(byPK).All(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCallerOutside is the cost of finding a statement's call site.
func BenchmarkCallerOutside(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if orm.CallerOutside() == "" {
			b.Fatal("no caller")
		}
	}
}

// BenchmarkLoggingSQLite is BenchmarkLogging on a real database (SQLite
// in memory, one row by primary key): the share of a statement's time
// that logging takes where statements are quickest.
func BenchmarkLoggingSQLite(b *testing.B) {
	for _, c := range []struct {
		name string
		opts []orm.Option
	}{
		{"off", nil},
		{"discard_text", []orm.Option{orm.WithLogger(slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelDebug})))}},
	} {
		b.Run(c.name, func(b *testing.B) {
			db, err := orm.Open("sqlite3", ":memory:", c.opts...)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			if err := db.CreateTables(ctx, &ExAuthor{}); err != nil {
				b.Fatal(err)
			}
			a := &ExAuthor{Name: "Ann", JoinedDate: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)}
			if err := db.Create(ctx, a); err != nil {
				b.Fatal(err)
			}
			byPK := orm.Q{"pk": a.ID}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := orm.Objects[ExAuthor](db).Get(ctx, byPK); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
