package debugpanel

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/djorm/orm"
)

// Group is a set of a request's queries that share their SQL (similar)
// or their SQL and arguments (duplicates), as django-debug-toolbar
// groups them.
type Group struct {
	SQL     string
	Indexes []int // positions in Request.Queries
	// Values is how many distinct argument lists the group holds; 0 when
	// arguments are redacted.
	Values int
	// Args are the arguments a duplicate group's queries share (nil for
	// similar queries).
	Args []string
}

// Count is the number of queries in the group.
func (g Group) Count() int { return len(g.Indexes) }

// NPlusOne is a query shape one call site ran again and again with
// different values in one request: the signature of a loop that loads a
// relation row by row.
type NPlusOne struct {
	Group
	Caller string // file:line, or "" when the hook is not installed
	// Table is the table read row by row, and Column the column its WHERE
	// matches ("id" for a foreign key followed forward, "author_id" for a
	// reverse relation); "" when the SQL does not say.
	Table, Column string
	// Lazy is the relation the queries loaded on first access, when djorm
	// knows it (every query of the group loaded the same one).
	Lazy *orm.LazyLoad
}

// Suggestion says how to load the rows in one go: the exact QuerySet call
// when djorm reported the relation, else a guess from the SQL.
func (w NPlusOne) Suggestion() string {
	switch {
	case w.Lazy != nil && w.Lazy.Many:
		return fmt.Sprintf("%s is loaded for each %s: add %s to the QuerySet that reads the %s objects (one more query in all).",
			w.Lazy, w.Lazy.Model, w.Lazy.Fix(), w.Lazy.Model)
	case w.Lazy != nil:
		return fmt.Sprintf("%s is loaded for each %s: add %s to the QuerySet that reads the %s objects (one query with a JOIN).",
			w.Lazy, w.Lazy.Model, w.Lazy.Fix(), w.Lazy.Model)
	case w.Table != "" && (w.Column == "id" || w.Column == "pk"):
		return "Each row follows a foreign key to " + w.Table + ": add SelectRelated(\"<that field>\") to the QuerySet the loop reads " +
			"(one query with a JOIN), or PrefetchRelated for many-to-many."
	case w.Table != "" && w.Column != "":
		return "Each row reads its " + w.Table + " rows by " + w.Column + ": add PrefetchRelated(\"<the related name>\") " +
			"to the QuerySet the loop reads (one more query in all)."
	}
	return "Load the relation with the outer QuerySet: SelectRelated for a foreign key or one-to-one (a JOIN), " +
		"PrefetchRelated for a reverse or many-to-many relation (one more query in all)."
}

// analysis is what a request page shows beside the list of queries.
type analysis struct {
	Duplicates []Group
	Similar    []Group
	NPlusOne   []NPlusOne
	dupOf      []int // per query: the size of its duplicate group (0 if alone)
	similarOf  []int // per query: the size of its similar group (0 if alone)
}

// analyze groups a request's queries. threshold is the number of similar
// queries from one caller that makes an N+1 warning. Arguments are
// compared by their printed form, which is what the page shows.
func analyze(qs []Query, threshold int, redacted bool) analysis {
	a := analysis{dupOf: make([]int, len(qs)), similarOf: make([]int, len(qs))}
	similar := groupBy(qs, func(q Query) string { return q.SQL })
	for _, idx := range similar {
		if len(idx) < 2 {
			continue
		}
		g := Group{SQL: qs[idx[0]].SQL, Indexes: idx}
		if !redacted {
			g.Values = len(groupBy(pick(qs, idx), argsKey))
		}
		a.Similar = append(a.Similar, g)
		for _, i := range idx {
			a.similarOf[i] = len(idx)
		}
	}
	if !redacted { // with the arguments hidden, a duplicate cannot be told from a similar query
		for _, idx := range groupBy(qs, func(q Query) string { return q.SQL + "\x00" + argsKey(q) }) {
			if len(idx) < 2 {
				continue
			}
			a.Duplicates = append(a.Duplicates, Group{SQL: qs[idx[0]].SQL, Indexes: idx, Values: 1, Args: qs[idx[0]].Args})
			for _, i := range idx {
				a.dupOf[i] = len(idx)
			}
		}
	}
	a.NPlusOne = nPlusOne(qs, threshold)
	return a
}

// nPlusOne finds SELECTs of one shape run threshold times or more from
// one call site. Duplicates count too: a loop that reads the same author
// for each of its books is the same mistake.
func nPlusOne(qs []Query, threshold int) []NPlusOne {
	var out []NPlusOne
	for _, idx := range groupBy(qs, func(q Query) string { return q.SQL + "\x00" + q.Caller }) {
		q := qs[idx[0]]
		if len(idx) < threshold || !isSelect(q.SQL) {
			continue
		}
		w := NPlusOne{Group: Group{SQL: q.SQL, Indexes: idx}, Caller: q.Caller}
		w.Values = len(groupBy(pick(qs, idx), argsKey))
		w.Table, w.Column = lookupTarget(q.SQL)
		w.Lazy = sharedLazy(qs, idx)
		out = append(out, w)
	}
	return out
}

// sharedLazy is the relation every query of idx loaded lazily, or nil.
func sharedLazy(qs []Query, idx []int) *orm.LazyLoad {
	first := qs[idx[0]].Lazy
	if first == nil {
		return nil
	}
	for _, i := range idx[1:] {
		if l := qs[i].Lazy; l == nil || *l != *first {
			return nil
		}
	}
	return first
}

// groupBy groups query positions by key, in order of first appearance.
func groupBy(qs []Query, key func(Query) string) [][]int {
	pos := map[string]int{}
	var out [][]int
	for i, q := range qs {
		k := key(q)
		j, ok := pos[k]
		if !ok {
			j = len(out)
			pos[k] = j
			out = append(out, nil)
		}
		out[j] = append(out[j], i)
	}
	return out
}

func pick(qs []Query, idx []int) []Query {
	out := make([]Query, len(idx))
	for i, j := range idx {
		out[i] = qs[j]
	}
	return out
}

func argsKey(q Query) string { return strings.Join(q.Args, "\x00") }

// whereTarget finds the first comparison of a WHERE: "table"."column" =
// or IN, with any of the backends' quotes.
var whereTarget = regexp.MustCompile("(?i)\\bWHERE\\s*\\(*\\s*[\"`]?(\\w+)[\"`]?\\.[\"`]?(\\w+)[\"`]?\\s*(?:=|IN\\b)")

func lookupTarget(sql string) (table, column string) {
	m := whereTarget.FindStringSubmatch(sql)
	if m == nil {
		return "", ""
	}
	return m[1], m[2]
}
