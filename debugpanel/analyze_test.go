package debugpanel

import (
	"reflect"
	"strings"
	"testing"

	"github.com/djorm/orm"
)

func q(sql, caller string, args ...string) Query {
	return Query{SQL: sql, Caller: caller, Args: args, NumArgs: len(args)}
}

const (
	authorByID  = `SELECT "author"."id", "author"."name" FROM "author" WHERE "author"."id" = $1 LIMIT 21`
	booksByAuth = "SELECT `book`.`id` FROM `book` WHERE (`book`.`author_id` IN (?))"
	allBooks    = `SELECT "book"."id" FROM "book"`
)

func TestAnalyze(t *testing.T) {
	qs := []Query{
		q(allBooks, "views.go:10"),
		q(authorByID, "views.go:12", "1"),
		q(authorByID, "views.go:12", "2"),
		q(authorByID, "views.go:12", "1"),
		q(authorByID, "views.go:30", "1"),
		q(`UPDATE "book" SET "price" = $1`, "views.go:40", "2"),
		q(`UPDATE "book" SET "price" = $1`, "views.go:40", "2"),
		q(`UPDATE "book" SET "price" = $1`, "views.go:40", "3"),
	}
	a := analyze(qs, 3, false)
	if got := a.Similar; len(got) != 2 || !reflect.DeepEqual(got[0].Indexes, []int{1, 2, 3, 4}) || got[0].Values != 2 {
		t.Errorf("similar: %+v", got)
	}
	if got := a.Duplicates; len(got) != 2 || !reflect.DeepEqual(got[0].Indexes, []int{1, 3, 4}) ||
		!reflect.DeepEqual(got[1].Indexes, []int{5, 6}) {
		t.Errorf("duplicates: %+v", got)
	}
	if !reflect.DeepEqual(a.dupOf, []int{0, 3, 0, 3, 3, 2, 2, 0}) || !reflect.DeepEqual(a.similarOf, []int{0, 4, 4, 4, 4, 3, 3, 3}) {
		t.Errorf("per query: dup %v similar %v", a.dupOf, a.similarOf)
	}
	// One caller ran the author query 3 times: N+1. views.go:30 ran it once;
	// the UPDATEs repeat, but are no relation loaded row by row.
	if len(a.NPlusOne) != 1 {
		t.Fatalf("N+1: %+v", a.NPlusOne)
	}
	w := a.NPlusOne[0]
	if w.Caller != "views.go:12" || w.Count() != 3 || w.Values != 2 || w.Table != "author" || w.Column != "id" {
		t.Errorf("N+1 warning: %+v", w)
	}
	if w.Suggestion() == "" || !strings.Contains(w.Suggestion(), "SelectRelated") {
		t.Errorf("suggestion %q", w.Suggestion())
	}
}

// TestNPlusOneLazy: when djorm reports the relation a query loaded, the
// warning names the exact fix.
func TestNPlusOneLazy(t *testing.T) {
	fk := &orm.LazyLoad{Model: "Book", Relation: "author"}
	many := &orm.LazyLoad{Model: "Author", Relation: "books", Many: true}
	qs := []Query{q(authorByID, "v.go:1", "1"), q(authorByID, "v.go:1", "2"), q(authorByID, "v.go:1", "3"),
		q(booksByAuth, "v.go:2", "1"), q(booksByAuth, "v.go:2", "2"), q(booksByAuth, "v.go:2", "3")}
	for i := range qs {
		if i < 3 {
			qs[i].Lazy = fk
		} else {
			qs[i].Lazy = &orm.LazyLoad{Model: "Author", Relation: "books", Many: true} // equal, not the same pointer
		}
	}
	a := analyze(qs, 3, false)
	if len(a.NPlusOne) != 2 {
		t.Fatalf("N+1: %+v", a.NPlusOne)
	}
	for i, want := range []string{`Book.author is loaded for each Book: add SelectRelated("author")`,
		`Author.books is loaded for each Author: add PrefetchRelated("books")`} {
		if got := a.NPlusOne[i].Suggestion(); !strings.HasPrefix(got, want) {
			t.Errorf("suggestion %q, want %q...", got, want)
		}
	}
	if *a.NPlusOne[1].Lazy != *many {
		t.Errorf("lazy %v", a.NPlusOne[1].Lazy)
	}
	qs[1].Lazy = nil // a group that mixes loads gets the SQL's guess
	if w := analyze(qs, 3, false).NPlusOne[0]; w.Lazy != nil || !strings.Contains(w.Suggestion(), "<that field>") {
		t.Errorf("mixed group: %+v %s", w.Lazy, w.Suggestion())
	}
}

func TestAnalyzeRedacted(t *testing.T) {
	qs := []Query{q(authorByID, "", "1"), q(authorByID, "", "1"), q(authorByID, "", "2")}
	for i := range qs {
		qs[i].Args = nil
	}
	a := analyze(qs, 3, true)
	if len(a.Duplicates) != 0 || len(a.Similar) != 1 || a.Similar[0].Values != 0 {
		t.Errorf("redacted: duplicates %+v similar %+v", a.Duplicates, a.Similar)
	}
	if len(a.NPlusOne) != 1 || a.NPlusOne[0].Caller != "" {
		t.Errorf("without callers the N+1 is found by SQL alone: %+v", a.NPlusOne)
	}
}

func TestSuggestion(t *testing.T) {
	for _, c := range []struct{ sql, table, column, want string }{
		{authorByID, "author", "id", "SelectRelated"},
		{booksByAuth, "book", "author_id", "PrefetchRelated"},
		{`SELECT 1 FROM "x" WHERE ("x"."a" = $1 AND "x"."b" = $2)`, "x", "a", "PrefetchRelated"},
		{allBooks, "", "", "SelectRelated for a foreign key"},
	} {
		table, column := lookupTarget(c.sql)
		w := NPlusOne{Table: table, Column: column}
		if table != c.table || column != c.column || !strings.Contains(w.Suggestion(), c.want) {
			t.Errorf("%s: table %q column %q suggestion %q", c.sql, table, column, w.Suggestion())
		}
	}
}

func TestIsSelect(t *testing.T) {
	for sql, want := range map[string]bool{
		`SELECT 1`:                                    true,
		`  select "a" FROM "b"`:                       true,
		`(SELECT 1) UNION (SELECT 2)`:                 true,
		"-- c\n/* d */ SELECT 1;":                     true,
		`SELECT 'a;b', "c;d", ` + "`e;f`" + ` FROM x`: true,
		`SELECT 'it''s; fine'`:                        true,
		`SELECT 1; DROP TABLE x`:                      false,
		`SELECT 1 -- ; comment`:                       true,
		`SELECTED`:                                    false,
		`INSERT INTO x SELECT 1`:                      false,
		`WITH d AS (DELETE FROM x) SELECT 1`:          false,
		`UPDATE x SET a = 1`:                          false,
		``:                                            false,
		`'SELECT'`:                                    false,
		`SELECT '\';DROP'`:                            true,
		`/* unterminated SELECT`:                      false,
	} {
		if got := isSelect(sql); got != want {
			t.Errorf("isSelect(%q) = %v, want %v", sql, got, want)
		}
	}
}
