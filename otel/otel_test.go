package otel_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	ormotel "github.com/djorm/orm/otel"
)

func TestMain(m *testing.M) { testkit.Main(m, "otel") }

// telemetry is an in-memory trace and metric pipeline.
type telemetry struct {
	spans  *tracetest.SpanRecorder
	tp     *sdktrace.TracerProvider
	reader *sdkmetric.ManualReader
	mp     *sdkmetric.MeterProvider
}

func newTelemetry() *telemetry {
	t := &telemetry{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	t.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(t.spans))
	t.mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(t.reader))
	return t
}

// instrumented opens a second handle on the backend's pool, with the
// instrumentation: testkit's handles carry no hook.
func instrumented(t *testing.T, db *orm.DB, tel *telemetry) *orm.DB {
	t.Helper()
	odb, err := orm.New(db.SQLDB(), db.DriverName(),
		ormotel.Instrument(ormotel.WithTracerProvider(tel.tp), ormotel.WithMeterProvider(tel.mp),
			ormotel.WithNamespace("shop")))
	if err != nil {
		t.Fatal(err)
	}
	return odb
}

var wantSystem = map[string]string{"postgresql": "postgresql", "mariadb": "mariadb", "mysql": "mysql", "sqlite": "sqlite"}

func attrs(s sdktrace.ReadOnlySpan) map[attribute.Key]attribute.Value {
	out := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes() {
		out[kv.Key] = kv.Value
	}
	return out
}

func TestSpanPerStatement(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		tel := newTelemetry()
		odb := instrumented(t, db, tel)
		ctx, parent := tel.tp.Tracer("test").Start(context.Background(), "GET /books")
		ctx, captured := orm.CaptureQueries(ctx)

		books, err := orm.Objects[testkit.Book](odb).Filter(orm.Q{"price__gt": 20}).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pub := &testkit.Publisher{Name: "Gollancz"}
		if err := odb.Create(ctx, pub); err != nil {
			t.Fatal(err)
		}
		parent.End()

		var spans []sdktrace.ReadOnlySpan
		for _, s := range tel.spans.Ended() {
			if s.Name() != "GET /books" {
				spans = append(spans, s)
			}
		}
		recs := captured.Queries()
		if len(spans) != len(recs) || len(spans) < 2 {
			t.Fatalf("%d spans for %d statements: %v", len(spans), len(recs), spans)
		}
		sel := spans[0]
		if sel.Name() != "SELECT book" {
			t.Errorf("span name %q, want %q", sel.Name(), "SELECT book")
		}
		if sel.Parent().SpanID() != parent.SpanContext().SpanID() || sel.SpanContext().TraceID() != parent.SpanContext().TraceID() {
			t.Errorf("the statement's span is not a child of the span in ctx")
		}
		if got := sel.EndTime().Sub(sel.StartTime()); got != recs[0].Duration {
			t.Errorf("span lasts %v, the statement %v: the start must be end minus the duration", got, recs[0].Duration)
		}
		if sel.SpanKind().String() != "client" {
			t.Errorf("span kind %v, want client", sel.SpanKind())
		}
		a := attrs(sel)
		want := map[attribute.Key]any{
			"db.system.name":            wantSystem[db.Dialect().Name()],
			"db.system":                 wantSystem[db.Dialect().Name()],
			"db.operation.name":         "SELECT",
			"db.collection.name":        "book",
			"db.namespace":              "shop",
			"db.query.text":             recs[0].SQL,
			"db.response.returned_rows": int64(len(books)),
		}
		for k, v := range want {
			if got := a[k].AsInterface(); got != v {
				t.Errorf("%s = %v (%T), want %v", k, got, got, v)
			}
		}
		ins := attrs(spans[len(spans)-1])
		if ins["db.operation.name"].AsString() != "INSERT" || ins["db.collection.name"].AsString() != "publisher" {
			t.Errorf("insert span: %v", ins)
		}
		if sel.Status().Code == codes.Error {
			t.Errorf("a statement that worked has an error status")
		}
	})
}

func TestErrorStatus(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		tel := newTelemetry()
		odb := instrumented(t, db, tel)
		_, err := orm.Raw[testkit.Book](odb, "SELECT id FROM no_such_table_otel").All(context.Background())
		if err == nil {
			t.Fatal("a query on a missing table worked")
		}
		spans := tel.spans.Ended()
		if len(spans) != 1 {
			t.Fatalf("%d spans, want 1", len(spans))
		}
		s := spans[0]
		if s.Status().Code != codes.Error || s.Status().Description != err.Error() {
			t.Errorf("status %v, want Error with %q", s.Status(), err)
		}
		if attrs(s)["error.type"].AsString() == "" {
			t.Errorf("no error.type: %v", s.Attributes())
		}
		if len(s.Events()) != 1 || s.Events()[0].Name != "exception" {
			t.Errorf("the error is not recorded as an exception event: %v", s.Events())
		}
		if db.Dialect().Name() == "postgresql" && attrs(s)["db.response.status_code"].AsString() != "42P01" {
			t.Errorf("db.response.status_code %v, want the SQLSTATE 42P01", attrs(s)["db.response.status_code"])
		}
		if attrs(s)["db.collection.name"].AsString() != "no_such_table_otel" {
			t.Errorf("collection %v", attrs(s)["db.collection.name"])
		}
	})
}

func TestDurationHistogram(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		tel := newTelemetry()
		odb := instrumented(t, db, tel)
		ctx := context.Background()
		if err := odb.CreateTables(ctx, testkit.Bookstore...); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if _, err := orm.Objects[testkit.Publisher](odb).Count(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var rm metricdata.ResourceMetrics
		if err := tel.reader.Collect(ctx, &rm); err != nil {
			t.Fatal(err)
		}
		h := findHistogram(t, rm, "db.client.operation.duration")
		var found bool
		for _, dp := range h.DataPoints {
			op, _ := dp.Attributes.Value("db.operation.name")
			table, _ := dp.Attributes.Value("db.collection.name")
			if op.AsString() != "SELECT" || table.AsString() != "publisher" {
				continue
			}
			found = true
			if dp.Count != 3 {
				t.Errorf("%d measurements of the count query, want 3", dp.Count)
			}
			if dp.Sum <= 0 || dp.Sum > 60 {
				t.Errorf("sum %v s: not seconds", dp.Sum)
			}
			if _, ok := dp.Attributes.Value("db.query.text"); ok {
				t.Errorf("the metric carries the query text (unbounded cardinality)")
			}
			if sys, _ := dp.Attributes.Value("db.system.name"); sys.AsString() != wantSystem[odb.Dialect().Name()] {
				t.Errorf("db.system.name %v", sys)
			}
		}
		if !found {
			t.Fatalf("no data point for SELECT publisher: %+v", h.DataPoints)
		}
	})
}

func findHistogram(t *testing.T, rm metricdata.ResourceMetrics, name string) metricdata.Histogram[float64] {
	t.Helper()
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != ormotel.ScopeName {
			continue
		}
		for _, m := range sm.Metrics {
			if m.Name == name {
				if m.Unit != "s" {
					t.Errorf("unit %q, want s", m.Unit)
				}
				h, ok := m.Data.(metricdata.Histogram[float64])
				if !ok {
					t.Fatalf("%s is a %T, want a float64 histogram", name, m.Data)
				}
				return h
			}
		}
	}
	t.Fatalf("no %s metric in %+v", name, rm)
	return metricdata.Histogram[float64]{}
}

// TestHookWithoutDB: Hook names the backend from WithSystem, and a record
// is all it needs.
func TestHookWithoutDB(t *testing.T) {
	tel := newTelemetry()
	for _, c := range []struct {
		opts []ormotel.Option
		want string
	}{
		{[]ormotel.Option{ormotel.WithSystem("oracle")}, "oracle.db"},
		{nil, "other_sql"},
	} {
		h := ormotel.Hook(append(c.opts, ormotel.WithTracerProvider(tel.tp), ormotel.WithMeterProvider(tel.mp),
			ormotel.WithoutQueryText(), ormotel.WithAttributes(attribute.String("server.address", "db1")))...)
		h(context.Background(), orm.QueryRecord{SQL: `DELETE FROM "book"`, Duration: time.Millisecond, Rows: 2,
			Err: errors.New("boom")})
		spans := tel.spans.Ended()
		a := attrs(spans[len(spans)-1])
		if a["db.system.name"].AsString() != c.want {
			t.Errorf("db.system.name %v, want %s", a["db.system.name"], c.want)
		}
		if _, ok := a["db.query.text"]; ok {
			t.Errorf("WithoutQueryText left db.query.text in")
		}
		if a["server.address"].AsString() != "db1" {
			t.Errorf("WithAttributes lost: %v", a)
		}
	}
}

// TestGlobalNoop: with no provider set anywhere, the hook runs and
// records nothing.
func TestGlobalNoop(t *testing.T) {
	h := ormotel.Hook()
	h(context.Background(), orm.QueryRecord{SQL: "SELECT 1", Rows: 1})
}
