package otel_test

import (
	"context"
	"testing"
	"time"

	"go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/djorm/orm"
	ormotel "github.com/djorm/orm/otel"
)

// discard is a span exporter that drops what it is given, so the benchmark
// measures the hook and the SDK, not an exporter.
type discard struct{}

func (discard) ExportSpans(context.Context, []sdktrace.ReadOnlySpan) error { return nil }
func (discard) Shutdown(context.Context) error                             { return nil }

var benchRecord = orm.QueryRecord{
	SQL:      `SELECT "book"."id", "book"."title", "book"."author_id", "book"."price" FROM "book" WHERE ("book"."price" > $1 AND "book"."title" LIKE $2) ORDER BY "book"."id" ASC`,
	Args:     []any{"20", "%orm%"},
	Duration: 250 * time.Microsecond,
	Rows:     3,
	Database: "default",
}

// BenchmarkHook is the cost the instrumentation adds to one statement: a
// sampled span handed to a synchronous exporter that drops it, and one
// histogram measurement kept by a manual reader. Noop is the same hook
// with no provider configured (the global no-op ones).
func BenchmarkHook(b *testing.B) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(discard{}))
	mp := metric.NewMeterProvider(metric.WithReader(metric.NewManualReader()))
	for _, c := range []struct {
		name string
		hook orm.Hook
	}{
		{"sdk", ormotel.Hook(ormotel.WithSystem("postgresql"), ormotel.WithTracerProvider(tp), ormotel.WithMeterProvider(mp))},
		{"noop", ormotel.Hook(ormotel.WithSystem("postgresql"))},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				c.hook(ctx, benchRecord)
			}
		})
	}
}

// BenchmarkQuery runs a one-row SELECT by primary key on in-memory SQLite
// (the backend where a statement is quickest, so the relative cost is the
// largest) with and without the instrumentation.
func BenchmarkQuery(b *testing.B) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(discard{}))
	mp := metric.NewMeterProvider(metric.WithReader(metric.NewManualReader()))
	for _, c := range []struct {
		name string
		opts []orm.Option
	}{
		{"plain", nil},
		{"emptyhook", []orm.Option{orm.WithHook(func(context.Context, orm.QueryRecord) {})}},
		{"otel", []orm.Option{ormotel.Instrument(ormotel.WithTracerProvider(tp), ormotel.WithMeterProvider(mp))}},
	} {
		b.Run(c.name, func(b *testing.B) {
			orm.MustRegister(&Shelf{})
			db, err := orm.Open("sqlite3", "file:bench_"+c.name+"?mode=memory&cache=shared", c.opts...)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			if err := db.CreateTables(ctx, &Shelf{}); err != nil {
				b.Fatal(err)
			}
			s := &Shelf{Label: "A1"}
			if err := db.Create(ctx, s); err != nil {
				b.Fatal(err)
			}
			qs := orm.Objects[Shelf](db)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := qs.Get(ctx, orm.Q{"pk": s.ID}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
