package orm

import (
	"testing"
	"time"
	"unsafe"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/internal/sqlq"
)

// BenchmarkBulkBind measures djorm's own work in a bulk insert of 1,000
// rows, without a database: validating, binding and compiling.
func BenchmarkBulkBind(b *testing.B) {
	m, sdb := probeModel(b)
	db := NewWithDialect(sdb, "sqlite3", sqlite.New(true))
	at := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	objs := make([]unsafe.Pointer, 1000)
	for i := range objs {
		o := &insertProbe{Name: "New book", Price: decimal.New(int64(100+i), -2), Day: at, At: at, Clock: at, Opt: &at}
		objs[i] = unsafe.Pointer(o)
	}
	b.ReportAllocs()
	for b.Loop() {
		g, err := db.prepareInsert(m, objs, nil, 0)
		if err != nil {
			b.Fatal(err)
		}
		vals := g.values
		ins := &sqlq.Insert{Model: m, Fields: g.fields, Values: vals, Bound: g.bound}
		if _, err := sqlq.CompileInsert(db.dialect, ins); err != nil {
			b.Fatal(err)
		}
	}
}
