package otel

import (
	"strconv"
	"testing"
)

func TestShape(t *testing.T) {
	for _, c := range []struct{ sql, op, table string }{
		{`SELECT "djorm_book"."id", "djorm_book"."title" FROM "djorm_book" WHERE "djorm_book"."id" = $1`, "SELECT", "djorm_book"},
		{"select `t`.`id` from `shop_book` `t` where id = ?", "SELECT", "shop_book"},
		{`SELECT (SELECT COUNT(*) FROM "review" U0 WHERE U0."book_id" = "book"."id") AS "n" FROM "book"`, "SELECT", "book"},
		{`SELECT COUNT(*) FROM (SELECT "id" FROM "book") subquery`, "SELECT", ""},
		{`(SELECT "id" FROM "a") UNION (SELECT "id" FROM "b")`, "SELECT", "a"},
		{`SELECT 'FROM x' AS s, "a" FROM "real"`, "SELECT", "real"},
		{`SELECT 1`, "SELECT", ""},
		{"-- comment FROM x\n/* FROM y */ SELECT a FROM z", "SELECT", "z"},
		{`SELECT "id" FROM "public"."book"`, "SELECT", "public.book"},
		{`SELECT "id" FROM "we""ird"`, "SELECT", `we"ird`},
		{`SELECT [id] FROM [book]`, "SELECT", "book"},
		{`INSERT INTO "book" ("title") VALUES ($1) RETURNING "id"`, "INSERT", "book"},
		{"INSERT IGNORE INTO `book` (`title`) VALUES (?)", "INSERT", "book"},
		{`INSERT OR IGNORE INTO "tag" ("name") VALUES (?)`, "INSERT", "tag"},
		{`UPDATE "book" SET "price" = ("book"."price" * $1)`, "UPDATE", "book"},
		{`update only "book" set x = 1`, "UPDATE", "book"},
		{`DELETE FROM "book" WHERE "book"."id" IN ($1, $2)`, "DELETE", "book"},
		{`WITH RECURSIVE t(n) AS (SELECT 1 FROM "seed" UNION ALL SELECT n+1 FROM t) SELECT n FROM "t2"`, "SELECT", "t2"},
		{`WITH x AS (SELECT 1) DELETE FROM "book"`, "DELETE", "book"},
		{`CREATE TABLE IF NOT EXISTS "author" ("id" bigserial)`, "CREATE", "author"},
		{`DROP TABLE IF EXISTS "author" CASCADE`, "DROP", "author"},
		{`CREATE INDEX "i" ON "author" ("name")`, "CREATE", ""},
		{`ALTER TABLE "book" ADD CONSTRAINT c FOREIGN KEY`, "ALTER", "book"},
		{`TRUNCATE TABLE "book"`, "TRUNCATE", "book"},
		{`SAVEPOINT "s1_x"`, "SAVEPOINT", ""},
		{`RELEASE SAVEPOINT "s1_x"`, "RELEASE", ""},
		{`vacuum`, "VACUUM", ""},
		{``, "", ""},
		{`   `, "", ""},
		{`'just a literal`, "", ""},
		{`SELECT "unterminated FROM`, "SELECT", ""},
	} {
		op, table := shape(c.sql)
		if op != c.op || table != c.table {
			t.Errorf("shape(%q) = %q, %q; want %q, %q", c.sql, op, table, c.op, c.table)
		}
	}
}

// FuzzShape checks that no input makes shape panic or loop.
func FuzzShape(f *testing.F) {
	for _, s := range []string{`SELECT "a" FROM "b"`, `INSERT INTO "x"."y"`, "'\\", `"`, "[", "(((", ")))SELECT FROM"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { shape(s) })
}

// TestShapeCacheBound: texts past maxShapes are worked out each time, not
// kept (Raw SQL with values in its text must not grow memory without end).
func TestShapeCacheBound(t *testing.T) {
	in := newInstrument([]Option{WithSystem("sqlite")})
	for i := range maxShapes + 10 {
		st := in.statement("SELECT " + strconv.Itoa(i) + " FROM t")
		if st.op != "SELECT" || st.name != "SELECT t" {
			t.Fatalf("statement %d: %+v", i, st)
		}
	}
	if n := in.shapes.n.Load(); n != maxShapes {
		t.Errorf("%d texts cached, want %d", n, maxShapes)
	}
	if in.shapes.get("SELECT 0 FROM t") == nil || in.shapes.get("SELECT 4100 FROM t") != nil {
		t.Errorf("the cache keeps the first texts only")
	}
}
