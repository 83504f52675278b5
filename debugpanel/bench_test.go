package debugpanel

import (
	"context"
	"testing"
	"time"

	"github.com/djorm/orm"
)

// BenchmarkHook is what Hook adds to a statement: outside a recorded
// request (one context lookup), and inside one (the stack walk and the
// record).
func BenchmarkHook(b *testing.B) {
	h := Hook()
	r := orm.QueryRecord{SQL: `SELECT "book"."id" FROM "book" WHERE "book"."id" = $1`, Args: []any{int64(1)},
		Duration: 100 * time.Microsecond, Rows: 1}
	b.Run("outside", func(b *testing.B) {
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			h(ctx, r)
		}
	})
	b.Run("recorded", func(b *testing.B) {
		rec := &recorder{}
		ctx := context.WithValue(context.Background(), recorderKey{}, rec)
		b.ReportAllocs()
		for b.Loop() {
			h(ctx, r)
			if len(rec.queries) > 1000 {
				rec.queries = rec.queries[:0]
			}
		}
	})
}
