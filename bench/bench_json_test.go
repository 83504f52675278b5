package bench

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/djorm/orm"
)

// JDoc is the model of the JSON workload: 100,000 documents, each with an
// owner (1,000 distinct) and a few other keys.
type JDoc struct {
	orm.Model
	Data map[string]any
}

// Meta names the table.
func (JDoc) Meta() orm.Meta { return orm.Meta{Table: "jdoc"} }

func init() { orm.MustRegister(&JDoc{}) }

const (
	nDocs   = 100000
	nOwners = 1000
)

var jsonSeeded sync.Map // backend name -> error, seeded once per process

// seedJSON creates jdoc with an expression index on the owner key (what
// a Django user would add for this filter) and fills it.
func seedJSON(b *testing.B, e *env) {
	v, _ := jsonSeeded.LoadOrStore(e.name, new(sync.Once))
	v.(*sync.Once).Do(func() {
		if err := e.dj.CreateTables(ctx, &JDoc{}); err != nil {
			b.Fatal(err)
		}
		if _, err := e.sqldb.ExecContext(ctx, "CREATE INDEX IF NOT EXISTS jdoc_owner ON jdoc ((data -> 'owner'))"); err != nil {
			b.Fatal(err)
		}
		var n int64
		if err := e.sqldb.QueryRowContext(ctx, "SELECT COUNT(*) FROM jdoc").Scan(&n); err != nil {
			b.Fatal(err)
		}
		if n == nDocs {
			return
		}
		tx, err := e.sqldb.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		stmt, err := tx.PrepareContext(ctx, "INSERT INTO jdoc (data) VALUES ($1)")
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < nDocs; i++ {
			doc, _ := json.Marshal(map[string]any{"owner": fmt.Sprintf("user%d", i%nOwners), "n": i, "tags": []string{"a", "b"}})
			if _, err := stmt.ExecContext(ctx, string(doc)); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		if _, err := e.sqldb.ExecContext(ctx, "ANALYZE jdoc"); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkJSONKey100k reads the 100 documents of one owner out of
// 100,000 by a JSON key (Filter(Q{"data__owner": ...})), on PostgreSQL with
// an expression index on data -> 'owner' (issue 12). SQLite and MariaDB
// bind the key path as a parameter, as Django does there, which no
// expression index matches: the workload is PostgreSQL's.
func BenchmarkJSONKey100k(b *testing.B) {
	owner := func(i int) string { return fmt.Sprintf("user%d", (i*7)%nOwners) }
	run(b, workload{
		djorm: func(b *testing.B, e *env) {
			if e.name != "postgres" {
				b.Skip("PostgreSQL's workload")
			}
			seedJSON(b, e)
			i := 0
			for b.Loop() {
				docs, err := orm.Objects[JDoc](e.dj).Filter(orm.Q{"data__owner": owner(i)}).All(ctx)
				if err != nil {
					b.Fatal(err)
				}
				checkLen(b, len(docs), nDocs/nOwners)
				i++
			}
		},
		handwritten: func(b *testing.B, e *env) {
			if e.name != "postgres" {
				b.Skip("PostgreSQL's workload")
			}
			seedJSON(b, e)
			i := 0
			for b.Loop() {
				key, _ := json.Marshal(owner(i))
				rows, err := e.sqldb.QueryContext(ctx, "SELECT id, data FROM jdoc WHERE data -> 'owner' = $1::jsonb", string(key))
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					var id int64
					var raw []byte
					var data map[string]any
					if err := rows.Scan(&id, &raw); err != nil {
						b.Fatal(err)
					}
					if err := json.Unmarshal(raw, &data); err != nil {
						b.Fatal(err)
					}
					n++
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				_ = rows.Close()
				checkLen(b, n, nDocs/nOwners)
				i++
			}
		},
	})
}
