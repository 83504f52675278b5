// Package otel traces and measures the statements djorm runs with
// OpenTelemetry: one client span per statement, carrying the database
// semantic conventions (db.system.name, db.query.text, db.operation.name,
// db.collection.name, db.namespace, error.type), and the
// db.client.operation.duration histogram, in seconds.
//
// It is a module of its own (github.com/djorm/orm/otel), so programs that
// do not trace do not download OpenTelemetry. It plugs into the core
// through orm.WithHook: a hook runs after the statement, so each span is
// created with its real start time (now minus the statement's duration)
// and ended at once, as a child of the span the statement's ctx carries.
//
//	import (
//		"github.com/djorm/orm"
//		ormotel "github.com/djorm/orm/otel"
//	)
//
//	db, err := orm.Open("postgres", dsn, ormotel.Instrument())
//
// The package is named otel like its directory; importing it beside
// go.opentelemetry.io/otel needs a name for one of them (ormotel above).
package otel

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/djorm/orm"
)

// ScopeName is the instrumentation scope of the tracer and the meter.
const ScopeName = "github.com/djorm/orm/otel"

// durationBuckets are the histogram bounds the semantic conventions advise
// for db.client.operation.duration.
var durationBuckets = []float64{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10}

// Option configures Instrument and Hook.
type Option func(*config)

type config struct {
	tp        trace.TracerProvider
	mp        metric.MeterProvider
	system    string // a dialect name (postgresql, mariadb, ...); empty: ask the DB
	namespace string
	noText    bool
	attrs     []attribute.KeyValue
}

// WithTracerProvider sets where spans go (default: the global provider,
// otel.GetTracerProvider, read when Instrument or Hook is called).
func WithTracerProvider(tp trace.TracerProvider) Option { return func(c *config) { c.tp = tp } }

// WithMeterProvider sets where the duration histogram goes (default: the
// global provider, otel.GetMeterProvider).
func WithMeterProvider(mp metric.MeterProvider) Option { return func(c *config) { c.mp = mp } }

// WithNamespace sets db.namespace: the database (and schema) name, which
// djorm cannot read from every DSN, so the program states it.
func WithNamespace(ns string) Option { return func(c *config) { c.namespace = ns } }

// WithSystem names the backend for Hook, which does not see the DB: one
// of djorm's dialect names, "postgresql", "mariadb", "mysql", "sqlite" or
// "oracle". Instrument reads it from the DB and needs no such option.
func WithSystem(dialectName string) Option { return func(c *config) { c.system = dialectName } }

// WithoutQueryText leaves db.query.text out of spans. djorm's SQL carries
// values only as placeholders, so the text holds no argument; leave it out
// where even the shape of the queries is sensitive.
func WithoutQueryText() Option { return func(c *config) { c.noText = true } }

// WithAttributes adds attributes to every span and measurement (a
// deployment's server.address, for instance).
func WithAttributes(kv ...attribute.KeyValue) Option {
	return func(c *config) { c.attrs = append(c.attrs, kv...) }
}

// Instrument is an orm.Option that traces and measures every statement of
// the DB it is given to, naming the backend from the DB's dialect:
//
//	db, err := orm.Open("postgres", dsn, otel.Instrument(otel.WithNamespace("shop")))
func Instrument(opts ...Option) orm.Option {
	return func(db *orm.DB) {
		in := newInstrument(opts)
		if in.cfg.system == "" {
			// The dialect is known only once Open has read the server (MySQL or
			// MariaDB), after options run; hooks run later still.
			in.systemOf = func() (string, bool) {
				name := dialectName(db)
				return name, name != ""
			}
		}
		orm.WithHook(in.hook)(db)
	}
}

// dialectName is the DB's dialect name, "" before it has one.
func dialectName(db *orm.DB) string {
	if d := db.Dialect(); d != nil {
		return d.Name()
	}
	return ""
}

// Hook returns the instrumentation as an orm.Hook, for programs that
// assemble their hooks themselves. It does not see the DB: name the backend
// with WithSystem, or db.system.name is "other_sql".
func Hook(opts ...Option) orm.Hook { return newInstrument(opts).hook }

// instrument holds what each statement's span and measurement need. Its
// configuration is immutable once made and its cache is concurrent, so one
// hook serves every goroutine.
type instrument struct {
	cfg      config
	tracer   trace.Tracer
	duration metric.Float64Histogram
	systemOf func() (name string, final bool)
	shapes   shapeCache
}

func newInstrument(opts []Option) *instrument {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.tp == nil {
		cfg.tp = otel.GetTracerProvider()
	}
	if cfg.mp == nil {
		cfg.mp = otel.GetMeterProvider()
	}
	in := &instrument{cfg: cfg}
	in.systemOf = func() (string, bool) { return cfg.system, true }
	in.tracer = cfg.tp.Tracer(ScopeName, trace.WithSchemaURL(semconv.SchemaURL))
	meter := cfg.mp.Meter(ScopeName, metric.WithSchemaURL(semconv.SchemaURL))
	h, err := meter.Float64Histogram("db.client.operation.duration",
		metric.WithDescription("Duration of database client operations."),
		metric.WithUnit("s"),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	if err != nil {
		// A meter refuses an instrument only for a bad name or unit, which are
		// constants here; the SDK still returns a usable instrument, and
		// reports the error through otel.Handle as every instrumentation does.
		otel.Handle(err)
	}
	in.duration = h
	return in
}

// hook makes the statement's span, from its start (now minus its
// duration) to now, and records its duration.
func (in *instrument) hook(ctx context.Context, r orm.QueryRecord) {
	end := time.Now()
	start := end.Add(-r.Duration)
	st := in.statement(r.SQL)

	_, span := in.tracer.Start(ctx, st.name,
		trace.WithSpanKind(trace.SpanKindClient),
		trace.WithTimestamp(start),
		trace.WithAttributes(st.spanAttrs...))
	if span.IsRecording() {
		if st.op == "SELECT" && r.Rows >= 0 {
			span.SetAttributes(semconv.DBResponseReturnedRows(int(r.Rows)))
		}
		if r.Err != nil {
			span.SetAttributes(semconv.ErrorType(r.Err))
			if code := sqlState(r.Err); code != "" {
				span.SetAttributes(semconv.DBResponseStatusCode(code))
			}
			span.RecordError(r.Err, trace.WithTimestamp(end))
			span.SetStatus(codes.Error, r.Err.Error())
		}
	}
	span.End(trace.WithTimestamp(end))

	if in.duration == nil || !in.duration.Enabled(ctx) {
		return
	}
	if r.Err == nil {
		in.duration.Record(ctx, r.Duration.Seconds(), metric.WithAttributeSet(st.metricAttrs))
		return
	}
	kv := append(st.metricAttrs.ToSlice(), semconv.ErrorType(r.Err))
	in.duration.Record(ctx, r.Duration.Seconds(), metric.WithAttributes(kv...))
}

// statement is what a SQL text's spans and measurements share, worked out
// once per text.
type statement struct {
	op, name    string
	spanAttrs   []attribute.KeyValue // shared: the SDK copies what it is given
	metricAttrs attribute.Set
}

func (in *instrument) statement(sql string) *statement {
	if st := in.shapes.get(sql); st != nil {
		return st
	}
	sys, final := in.systemOf()
	op, table := shape(sql)
	common := make([]attribute.KeyValue, 0, 4+len(in.cfg.attrs))
	common = append(common, systemName(sys))
	if op != "" {
		common = append(common, semconv.DBOperationName(op))
	}
	if table != "" {
		common = append(common, semconv.DBCollectionName(table))
	}
	if in.cfg.namespace != "" {
		common = append(common, semconv.DBNamespace(in.cfg.namespace))
	}
	common = append(common, in.cfg.attrs...)
	st := &statement{op: op, name: spanName(op, table, sys), metricAttrs: attribute.NewSet(common...)}
	st.spanAttrs = append(common, legacySystem(sys))
	if !in.cfg.noText {
		st.spanAttrs = append(st.spanAttrs, semconv.DBQueryText(sql))
	}
	if final { // the backend is known: the answer will not change
		in.shapes.put(sql, st)
	}
	return st
}

// shapeCache keeps the statements of up to maxShapes SQL texts. djorm's
// QuerySets carry values as parameters, so a program has as many texts as
// query shapes; Raw SQL with values written into the text could have
// without end, and past the bound they are worked out each time.
type shapeCache struct {
	m sync.Map // string -> *statement
	n atomic.Int64
}

const maxShapes = 4096

func (c *shapeCache) get(sql string) *statement {
	if v, ok := c.m.Load(sql); ok {
		return v.(*statement)
	}
	return nil
}

func (c *shapeCache) put(sql string, st *statement) {
	if c.n.Load() >= maxShapes {
		return
	}
	if _, loaded := c.m.LoadOrStore(sql, st); !loaded {
		c.n.Add(1)
	}
}

// spanName follows the conventions: "{operation} {collection}", the
// operation alone, or the system when the SQL told nothing.
func spanName(op, table, sys string) string {
	switch {
	case op != "" && table != "":
		return op + " " + table
	case op != "":
		return op
	case sys != "":
		return sys
	}
	return "db"
}

// systemName maps djorm's dialect names to db.system.name values.
func systemName(dialect string) attribute.KeyValue {
	switch dialect {
	case "postgresql":
		return semconv.DBSystemNamePostgreSQL
	case "mariadb":
		return semconv.DBSystemNameMariaDB
	case "mysql":
		return semconv.DBSystemNameMySQL
	case "sqlite":
		return semconv.DBSystemNameSQLite
	case "oracle":
		return semconv.DBSystemNameOracleDB
	}
	return semconv.DBSystemNameOtherSQL
}

// legacySystemKey is db.system, which db.system.name replaced in the
// conventions; backends and dashboards built on the older attribute still
// read it, so both are set.
const legacySystemKey = attribute.Key("db.system")

func legacySystem(dialect string) attribute.KeyValue {
	switch dialect {
	case "postgresql", "mariadb", "mysql", "sqlite", "oracle":
		return legacySystemKey.String(dialect)
	}
	return legacySystemKey.String("other_sql")
}

// sqlState returns the SQLSTATE of a driver error that reports one (pgx's
// and lib/pq's errors do), for db.response.status_code.
func sqlState(err error) string {
	var s interface{ SQLState() string }
	if errors.As(err, &s) {
		return s.SQLState()
	}
	return ""
}
