package qscombinators

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

func num(db *orm.DB) *orm.QuerySet[*Number]      { return orm.Objects[Number](db) }
func rn(db *orm.DB) *orm.QuerySet[*ReservedName] { return orm.Objects[ReservedName](db) }

func TestQsCombinators_QuerySetSetOperationTests_test_simple_union(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs1 := num(db).Filter(orm.Q{"num__lte": 1})
		qs2 := num(db).Filter(orm.Q{"num__gte": 8})
		qs3 := num(db).Filter(orm.Q{"num": 5})
		assertNums(t, "qs1.union(qs2, qs3)", qs1.Union(qs2, qs3), []int{0, 1, 5, 8, 9}, false)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_simple_intersection(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		qs1 := num(db).Filter(orm.Q{"num__lte": 5})
		qs2 := num(db).Filter(orm.Q{"num__gte": 5})
		qs3 := num(db).Filter(orm.Q{"num__gte": 4, "num__lte": 6})
		assertNums(t, "qs1.intersection(qs2, qs3)", qs1.Intersection(qs2, qs3), []int{5}, false)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_intersection_with_values(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		must(t, rn(db).Create(ctx, &ReservedName{Name: "a", Order: 2}))
		qs1 := rn(db).All
		_ = qs1
		all := rn(db)
		row, err := all.Intersection(all).Values("name", "order", "id").Get(ctx)
		if err != nil || row["name"] != "a" || fmt.Sprint(row["order"]) != "2" {
			t.Errorf("values().get() = %v, %v; want name a, order 2", row, err)
		}
		list, err := all.Intersection(all).ValuesList("name", "order", "id").Get(ctx)
		if err != nil || len(list) != 3 || fmt.Sprint(list[:2]) != "[a 2]" {
			t.Errorf("values_list().get() = %v, %v; want (a, 2, id)", list, err)
		}
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_simple_difference(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		qs1 := num(db).Filter(orm.Q{"num__lte": 5})
		qs2 := num(db).Filter(orm.Q{"num__lte": 4})
		assertNums(t, "qs1.difference(qs2)", qs1.Difference(qs2), []int{5}, false)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_distinct(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs1, qs2 := num(db), num(db)
		assertLen(t, "qs1.union(qs2, all=True)", qs1.UnionAll(qs2), 20)
		assertLen(t, "qs1.union(qs2)", qs1.Union(qs2), 10)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_none_slice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs3 := num(db).Filter(orm.Q{"num__lte": 0}).Union(num(db).None())
		assertNums(t, "qs3[:1]", qs3.Slice(0, 1), []int{0}, true)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_empty_slice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		assertNums(t, "Number.objects.union()[:1]", num(db).Union().Slice(0, 1), []int{0}, true)
		qs := num(db).UnionAll()
		assertNums(t, "Number.objects.union(all=True)[:1]", qs.Slice(0, 1), []int{0}, true)
		assertNums(t, `qs.order_by("num")[0:]`, qs.OrderBy("num").Slice(0, -1), []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, true)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_empty_filter_slice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs3 := num(db).Filter(orm.Q{"num__lte": 0}).Union(num(db).Filter(orm.Q{"pk__in": []any{}}))
		assertNums(t, "qs3[:1]", qs3.Slice(0, 1), []int{0}, true)
	})
}

// Django 3.2 sends "(... LIMIT 1) UNION (...) LIMIT 1" with an empty member
// left in, which PostgreSQL refuses (multiple LIMIT clauses); later Django
// answers [0], as checked here.
func TestQsCombinators_QuerySetSetOperationTests_test_union_slice_compound_empty(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessSliceInCompound(t, db)
		setUp(t, db)
		qs3 := num(db).Filter(orm.Q{"num__lte": 0}).Slice(0, 1).Union(num(db).None())
		assertNums(t, "qs3[:1]", qs3.Slice(0, 1), []int{0}, true)
	})
}

// As test_union_slice_compound_empty: Django 3.2 fails on PostgreSQL, later
// Django answers [2].
func TestQsCombinators_QuerySetSetOperationTests_test_union_combined_slice_compound_empty(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessSliceInCompound(t, db)
		setUp(t, db)
		qs3 := num(db).Filter(orm.Q{"num__lte": 2}).Slice(0, 3).Union(num(db).None())
		assertNums(t, `qs3.order_by("num")[2:3]`, qs3.OrderBy("num").Slice(2, 3), []int{2}, true)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_slice_index(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		cs := orm.Objects[Celebrity](db)
		must(t, cs.Create(ctx, &Celebrity{Name: "Famous"}))
		c1 := &Celebrity{Name: "Very famous"}
		must(t, cs.Create(ctx, c1))
		combined := cs.Filter(orm.Q{"name": "nonexistent"}).Union(cs).OrderBy("name")
		rows, err := combined.Slice(1, 2).All(ctx)
		if err != nil || len(rows) != 1 || rows[0].ID != c1.ID || rows[0].Name != "Very famous" {
			t.Errorf("combined_qs[1] = %v, %v; want c1 (Very famous)", rows, err)
		}
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_nested(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs1 := num(db)
		qs2 := qs1.Union(qs1)
		assertNums(t, "qs1.union(qs1.union(qs1))", qs1.Union(qs2), []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, false)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_intersection_with_empty_qs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		qs1, qs2, qs3 := num(db), num(db).None(), num(db).Filter(orm.Q{"pk__in": []any{}})
		assertLen(t, "qs1.intersection(qs2)", qs1.Intersection(qs2), 0)
		assertLen(t, "qs1.intersection(qs3)", qs1.Intersection(qs3), 0)
		assertLen(t, "qs2.intersection(qs1)", qs2.Intersection(qs1), 0)
		assertLen(t, "qs3.intersection(qs1)", qs3.Intersection(qs1), 0)
		assertLen(t, "qs2.intersection(qs2)", qs2.Intersection(qs2), 0)
		assertLen(t, "qs3.intersection(qs3)", qs3.Intersection(qs3), 0)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_difference_with_empty_qs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		qs1, qs2, qs3 := num(db), num(db).None(), num(db).Filter(orm.Q{"pk__in": []any{}})
		assertLen(t, "qs1.difference(qs2)", qs1.Difference(qs2), 10)
		assertLen(t, "qs1.difference(qs3)", qs1.Difference(qs3), 10)
		assertLen(t, "qs2.difference(qs1)", qs2.Difference(qs1), 0)
		assertLen(t, "qs3.difference(qs1)", qs3.Difference(qs1), 0)
		assertLen(t, "qs2.difference(qs2)", qs2.Difference(qs2), 0)
		assertLen(t, "qs3.difference(qs3)", qs3.Difference(qs3), 0)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_difference_with_values(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		must(t, rn(db).Create(ctx, &ReservedName{Name: "a", Order: 2}))
		qs1, qs2 := rn(db), rn(db).None()
		row, err := qs1.Difference(qs2).Values("name", "order", "id").Get(ctx)
		if err != nil || row["name"] != "a" || fmt.Sprint(row["order"]) != "2" {
			t.Errorf("values().get() = %v, %v; want name a, order 2", row, err)
		}
		list, err := qs1.Difference(qs2).ValuesList("name", "order", "id").Get(ctx)
		if err != nil || len(list) != 3 || fmt.Sprint(list[:2]) != "[a 2]" {
			t.Errorf("values_list().get() = %v, %v; want (a, 2, id)", list, err)
		}
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_with_empty_qs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs1, qs2, qs3 := num(db), num(db).None(), num(db).Filter(orm.Q{"pk__in": []any{}})
		assertLen(t, "qs1.union(qs2)", qs1.Union(qs2), 10)
		assertLen(t, "qs2.union(qs1)", qs2.Union(qs1), 10)
		assertLen(t, "qs1.union(qs3)", qs1.Union(qs3), 10)
		assertLen(t, "qs3.union(qs1)", qs3.Union(qs1), 10)
		assertLen(t, "qs2.union(qs1, qs1, qs1)", qs2.Union(qs1, qs1, qs1), 10)
		assertLen(t, "qs2.union(qs1, qs1, all=True)", qs2.UnionAll(qs1, qs1), 20)
		assertLen(t, "qs2.union(qs2)", qs2.Union(qs2), 0)
		assertLen(t, "qs3.union(qs3)", qs3.Union(qs3), 0)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_limits(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		assertLen(t, "qs1.union(qs2)[:2]", num(db).Union(num(db)).Slice(0, 2), 2)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_ordering(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs1 := num(db).Filter(orm.Q{"num__lte": 1})
		qs2 := num(db).Filter(orm.Q{"num__gte": 2, "num__lte": 3})
		assertNums(t, `union.order_by("-num")`, qs1.Union(qs2).OrderBy("-num"), []int{3, 2, 1, 0}, true)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_ordering_by_f_expression(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs1 := num(db).Filter(orm.Q{"num__lte": 1})
		qs2 := num(db).Filter(orm.Q{"num__gte": 2, "num__lte": 3})
		assertNums(t, `union.order_by(F("num").desc())`, qs1.Union(qs2).OrderBy(orm.F("num").Desc()), []int{3, 2, 1, 0}, true)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_with_values(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		must(t, rn(db).Create(ctx, &ReservedName{Name: "a", Order: 2}))
		qs1 := rn(db)
		row, err := qs1.Union(qs1).Values("name", "order", "id").Get(ctx)
		if err != nil || row["name"] != "a" || fmt.Sprint(row["order"]) != "2" {
			t.Errorf("values().get() = %v, %v; want name a, order 2", row, err)
		}
		list, err := qs1.Union(qs1).ValuesList("name", "order", "id").Get(ctx)
		if err != nil || len(list) != 3 || fmt.Sprint(list[:2]) != "[a 2]" {
			t.Errorf("values_list().get() = %v, %v; want (a, 2, id)", list, err)
		}
		// List of columns can be changed.
		list, err = qs1.Union(qs1).ValuesList("order").Get(ctx)
		if err != nil || fmt.Sprint(list) != "[2]" {
			t.Errorf(`values_list("order").get() = %v, %v; want (2,)`, list, err)
		}
	})
}

func createAuthors(t *testing.T, db *orm.DB, e *ExtraInfo, authors ...*QAuthor) {
	t.Helper()
	must(t, orm.Objects[ExtraInfo](db).Create(ctx, e))
	for _, a := range authors {
		a.Extra = orm.Ref(e)
		must(t, orm.Objects[QAuthor](db).Create(ctx, a))
	}
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_with_select_related_and_order(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		a1, a2, a3 := &QAuthor{Name: "a1", Num: 1}, &QAuthor{Name: "a2", Num: 3}, &QAuthor{Name: "a3", Num: 2}
		createAuthors(t, db, &ExtraInfo{Value: intp(7), Info: "e1"}, a1, a2, a3)
		base := orm.Objects[QAuthor](db).SelectRelated("extra").OrderBy()
		rows, err := base.Filter(orm.Q{"name": "a1"}).Union(base.Filter(orm.Q{"name": "a2"})).OrderBy("pk").All(ctx)
		if err != nil || len(rows) != 2 || rows[0].ID != a1.ID || rows[1].ID != a2.ID {
			t.Fatalf("union.order_by(pk) = %v, %v; want [a1 a2]", rows, err)
		}
		if e := rows[0].Extra.Cached(); e == nil || e.Info != "e1" {
			t.Errorf("select_related extra of a1 = %v, want e1", e)
		}
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_with_select_related_and_first(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessSliceInCompound(t, db)
		setUp(t, db)
		a1, a2 := &QAuthor{Name: "a1", Num: 1}, &QAuthor{Name: "a2", Num: 3}
		createAuthors(t, db, &ExtraInfo{Value: intp(7), Info: "e1"}, a1, a2)
		base := orm.Objects[QAuthor](db).SelectRelated("extra").OrderBy()
		got, err := base.Filter(orm.Q{"name": "a1"}).Union(base.Filter(orm.Q{"name": "a2"})).OrderBy("name").First(ctx)
		if err != nil || got == nil || got.ID != a1.ID {
			t.Errorf("first() = %v, %v; want a1", got, err)
		}
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_with_first(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		a1 := &QAuthor{Name: "a1", Num: 1}
		createAuthors(t, db, &ExtraInfo{Value: intp(7), Info: "e1"}, a1)
		base := orm.Objects[QAuthor](db).OrderBy()
		got, err := base.Filter(orm.Q{"name": "a1"}).Union(base.Filter(orm.Q{"name": "a2"})).First(ctx)
		if err != nil || got == nil || got.ID != a1.ID {
			t.Errorf("first() = %v, %v; want a1", got, err)
		}
	})
}

// Later Django (4.2) also orders the union by Tag's Meta.ordering ([a, c]);
// Django 3.2 leaves the union unordered ([c, a] on PostgreSQL), so only the
// rows are checked: each sliced member keeps its default ordering.
func TestQsCombinators_QuerySetSetOperationTests_test_union_applies_default_ordering_afterward(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessSliceInCompound(t, db)
		setUp(t, db)
		tags := orm.Objects[QTag](db)
		for _, n := range []string{"C", "B", "A"} {
			must(t, tags.Create(ctx, &QTag{Name: n}))
		}
		qs1 := tags.Filter(orm.Q{"name__in": []any{"A", "B"}}).Slice(0, 1)
		qs2 := tags.Filter(orm.Q{"name__in": []any{"C"}}).Slice(0, 1)
		rows, err := qs1.Union(qs2).All(ctx)
		var got []string
		for _, r := range rows {
			got = append(got, r.Name)
		}
		sort.Strings(got)
		if err != nil || fmt.Sprint(got) != "[A C]" {
			t.Errorf("qs1.union(qs2) = %v, %v; want {A, C}", got, err)
		}
	})
}

// Django 3.2 selects the second query's annotations in the order they were
// made (name, row_type, order): SQLite answers ("c1", "cb", -10) and
// PostgreSQL refuses the union; later Django (4.2) answers as checked here.
func TestQsCombinators_QuerySetSetOperationTests_test_union_multiple_models_with_values_list_and_annotations(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		must(t, rn(db).Create(ctx, &ReservedName{Name: "rn1", Order: 10}))
		must(t, orm.Objects[Celebrity](db).Create(ctx, &Celebrity{Name: "c1"}))
		qs1 := rn(db).Annotate(orm.As("row_type", orm.Value("rn"))).ValuesList("name", "order", "row_type")
		qs2 := orm.Objects[Celebrity](db).Annotate(orm.As("row_type", orm.Value("cb")), orm.As("order", orm.Value(-10))).
			ValuesList("name", "order", "row_type")
		assertRows(t, `qs1.union(qs2).order_by("order")`, qs1.Union(qs2).OrderBy("order"), []string{"[c1 -10 cb]", "[rn1 10 rn]"}, true)
	})
}

var (
	genX = time.Date(1966, 6, 6, 0, 0, 0, 0, time.UTC)
	genY = time.Date(1991, 10, 10, 0, 0, 0, 0, time.UTC)
)

func fmtRow(r []any) string {
	out := make([]string, len(r))
	for i, v := range r {
		if tm, ok := v.(time.Time); ok {
			v = tm.UTC().Format("2006-01-02T15:04:05")
		}
		out[i] = fmt.Sprint(v)
	}
	return strings.Join(out, " ")
}

// Django 3.2 refuses a combined query whose members hold an OuterRef, even
// inside Subquery: evaluating it raises ValueError ("This queryset contains
// a reference to an outer query and may only be used in a subquery"). djorm
// refuses it too (ErrInvalidQuery, "OuterRef is only valid inside a
// subquery"). Later Django (4.2) answers [8, 1].
func TestQsCombinators_QuerySetSetOperationTests_test_union_in_subquery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		must(t, rn(db).BulkCreate(ctx, []*ReservedName{{Name: "rn1", Order: 8}, {Name: "rn2", Order: 1}, {Name: "rn3", Order: 5}}))
		qs1 := num(db).Filter(orm.Q{"num__gt": 7, "num": orm.OuterRef("order")})
		qs2 := num(db).Filter(orm.Q{"num__lt": 2, "num": orm.OuterRef("order")})
		qs := rn(db).Annotate(orm.As("number", orm.Subquery(qs1.Union(qs2).Values("num")))).
			Filter(orm.Q{"number__isnull": false}).ValuesList("order").Flat()
		_, err := qs.All(ctx)
		assertRefused(t, "annotate(number=Subquery(qs1.union(qs2)))", err)
	})
}

// As test_union_in_subquery: Django 3.2 raises ValueError at qs.first()
// (OuterRef in the members of a combined query), and djorm refuses too.
// Later Django answers None, then the note once the annotation has it.
func TestQsCombinators_QuerySetSetOperationTests_test_intersection_in_nested_subquery(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		tag := &QTag{Name: "tag"}
		must(t, orm.Objects[QTag](db).Create(ctx, tag))
		note := &Note{Tag: orm.Ref(tag)}
		must(t, orm.Objects[Note](db).Create(ctx, note))
		ann := &Annotation{Tag: orm.Ref(tag)}
		must(t, orm.Objects[Annotation](db).Create(ctx, ann))
		tags := orm.Objects[QTag](db).OrderBy()
		tags = tags.Filter(orm.Q{"id": orm.OuterRef("tag_id")}).Intersection(tags.Filter(orm.Q{"id": orm.OuterRef(orm.OuterRef("tag_id"))}))
		qs := orm.Objects[Note](db).Filter(orm.Exists(orm.Objects[Annotation](db).Filter(orm.Exists(tags), orm.Q{"notes": orm.OuterRef("pk")})))
		_, err := qs.First(ctx)
		assertRefused(t, "qs.first()", err)
	})
}

// As test_union_in_subquery: Django 3.2 raises ValueError, and djorm
// refuses too. Later Django answers [a1, a2].
func TestQsCombinators_QuerySetSetOperationTests_test_union_in_subquery_related_outerref(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		es := []*ExtraInfo{{Value: intp(7), Info: "e3"}, {Value: intp(5), Info: "e2"}, {Value: intp(1), Info: "e1"}}
		for _, e := range es {
			must(t, orm.Objects[ExtraInfo](db).Create(ctx, e))
		}
		must(t, orm.Objects[QAuthor](db).BulkCreate(ctx, []*QAuthor{
			{Name: "a1", Num: 1, Extra: orm.Ref(es[0])}, {Name: "a2", Num: 3, Extra: orm.Ref(es[1])}, {Name: "a3", Num: 2, Extra: orm.Ref(es[2])},
		}))
		qs1 := orm.Objects[ExtraInfo](db).OrderBy().Filter(orm.Q{"value": orm.OuterRef("num")})
		qs2 := orm.Objects[ExtraInfo](db).OrderBy().Filter(orm.Q{"value__lt": orm.OuterRef("extra__value")})
		qs := orm.Objects[QAuthor](db).Annotate(orm.As("info", orm.Subquery(qs1.Union(qs2).Values("info").Slice(0, 1)))).
			Filter(orm.Q{"info__isnull": false}).ValuesList("name").Flat()
		_, err := qs.All(ctx)
		assertRefused(t, "annotate(info=Subquery(qs1.union(qs2)...))", err)
	})
}

func assertCount[E any](t *testing.T, what string, qs *orm.QuerySet[E], want int64) {
	t.Helper()
	n, err := qs.Count(ctx)
	if err != nil || n != want {
		t.Errorf("%s.count() = %d, %v; want %d", what, n, err, want)
	}
}

func TestQsCombinators_QuerySetSetOperationTests_test_count_union(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs1 := num(db).Filter(orm.Q{"num__lte": 1}).Values("num")
		qs2 := num(db).Filter(orm.Q{"num__gte": 2, "num__lte": 3}).Values("num")
		assertCount(t, "qs1.union(qs2)", qs1.Union(qs2), 4)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_count_union_empty_result(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs := num(db).Filter(orm.Q{"pk__in": []any{}})
		assertCount(t, "qs.union(qs)", qs.Union(qs), 0)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_count_difference(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		assertCount(t, "qs1.difference(qs2)", num(db).Filter(orm.Q{"num__lt": 10}).Difference(num(db).Filter(orm.Q{"num__lt": 9})), 1)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_count_intersection(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		assertCount(t, "qs1.intersection(qs2)", num(db).Filter(orm.Q{"num__gte": 5}).Intersection(num(db).Filter(orm.Q{"num__lte": 5})), 1)
	})
}

func assertExists[E any](t *testing.T, what string, qs *orm.QuerySet[E], want bool) {
	t.Helper()
	ok, err := qs.Exists(ctx)
	if err != nil || ok != want {
		t.Errorf("%s.exists() = %v, %v; want %v", what, ok, err, want)
	}
}

func TestQsCombinators_QuerySetSetOperationTests_test_exists_union_empty_result(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs := num(db).Filter(orm.Q{"pk__in": []any{}})
		assertExists(t, "qs.union(qs)", qs.Union(qs), false)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_exists_intersection(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		qs1 := num(db).Filter(orm.Q{"num__gt": 5})
		qs2 := num(db).Filter(orm.Q{"num__lt": 5})
		assertExists(t, "qs1.intersection(qs1)", qs1.Intersection(qs1), true)
		assertExists(t, "qs1.intersection(qs2)", qs1.Intersection(qs2), false)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_exists_difference(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		qs1 := num(db).Filter(orm.Q{"num__gte": 5})
		qs2 := num(db).Filter(orm.Q{"num__gte": 3})
		assertExists(t, "qs1.difference(qs2)", qs1.Difference(qs2), false)
		assertExists(t, "qs2.difference(qs1)", qs2.Difference(qs1), true)
	})
}

func assertGetNum(t *testing.T, what string, qs *orm.QuerySet[*Number], want int) {
	t.Helper()
	n, err := qs.Get(ctx)
	if err != nil || n == nil || n.Num != want {
		t.Errorf("%s.get() = %v, %v; want num %d", what, n, err, want)
	}
}

func TestQsCombinators_QuerySetSetOperationTests_test_get_union(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		qs := num(db).Filter(orm.Q{"num": 2})
		assertGetNum(t, "qs.union(qs)", qs.Union(qs), 2)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_get_difference(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		assertGetNum(t, "qs1.difference(qs2)", num(db).Difference(num(db).Exclude(orm.Q{"num": 2})), 2)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_get_intersection(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		assertGetNum(t, "qs1.intersection(qs2)", num(db).Intersection(num(db).Filter(orm.Q{"num": 2})), 2)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_ordering_subqueries(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessSliceInCompound(t, db)
		setUp(t, db)
		qs1 := num(db).OrderBy("num").Slice(0, 2)
		qs2 := num(db).OrderBy("-num").Slice(0, 2)
		assertNums(t, `qs1.union(qs2).order_by("-num")[:4]`, qs1.Union(qs2).OrderBy("-num").Slice(0, 4), []int{9, 8, 1, 0}, true)
	})
}

// @skipIfDBFeature("supports_slicing_ordering_in_compound"): SQLite. Django
// raises DatabaseError before sending SQL; djorm must refuse too.
func TestQsCombinators_QuerySetSetOperationTests_test_unsupported_ordering_slicing_raises_db_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if sliceInCompound(db) {
			t.Skip("supports_slicing_ordering_in_compound is true on this backend")
		}
		setUp(t, db)
		qs1, qs2, qs3 := num(db), num(db), num(db)
		_, err := qs1.Union(qs2.Slice(0, 10)).All(ctx)
		assertRefused(t, "qs1.union(qs2[:10])", err)
		_, err = qs1.OrderBy("id").Union(qs2).All(ctx)
		assertRefused(t, `qs1.order_by("id").union(qs2)`, err)
		_, err = qs1.Union(qs2).OrderBy("id").Union(qs3).All(ctx)
		assertRefused(t, `qs1.union(qs2).order_by("id").union(qs3)`, err)
	})
}

// @skipIfDBFeature("supports_select_intersection"): no live backend lacks it.
func TestQsCombinators_QuerySetSetOperationTests_test_unsupported_intersection_raises_db_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if intersects(db) {
			t.Skip("supports_select_intersection is true on this backend")
		}
		setUp(t, db)
		_, err := num(db).Intersection(num(db)).All(ctx)
		assertRefused(t, "qs1.intersection(qs2)", err)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_combining_multiple_models(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		must(t, rn(db).Create(ctx, &ReservedName{Name: "99 little bugs", Order: 99}))
		qs1 := num(db).Filter(orm.Q{"num": 1}).ValuesList("num").Flat()
		qs2 := rn(db).ValuesList("order")
		assertRows(t, `qs1.union(qs2).order_by("num")`, qs1.Union(qs2).OrderBy("num"), []string{"1", "99"}, true)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_qs_with_subcompound_qs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessIntersect(t, db)
		setUp(t, db)
		qs2 := num(db).Intersection(num(db).Filter(orm.Q{"num__gt": 1}))
		assertCount(t, "qs1.difference(qs2)", num(db).Difference(qs2), 2)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_order_by_same_type(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		union := num(db).Union(num(db))
		assertNums(t, `union.order_by("num")`, union.OrderBy("num"), []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, true)
		assertNums(t, `union.order_by("other_num")`, union.OrderBy("other_num"), []int{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, true)
	})
}

// combinators lists Django's union, difference and intersection where the
// backend has them.
func combinators(db *orm.DB) []struct {
	name string
	of   func(qs *orm.QuerySet[*Number]) *orm.QuerySet[*Number]
} {
	out := []struct {
		name string
		of   func(qs *orm.QuerySet[*Number]) *orm.QuerySet[*Number]
	}{{"union", func(qs *orm.QuerySet[*Number]) *orm.QuerySet[*Number] { return qs.Union(qs) }}}
	if intersects(db) {
		out = append(out, struct {
			name string
			of   func(qs *orm.QuerySet[*Number]) *orm.QuerySet[*Number]
		}{"difference", func(qs *orm.QuerySet[*Number]) *orm.QuerySet[*Number] { return qs.Difference(qs) }},
			struct {
				name string
				of   func(qs *orm.QuerySet[*Number]) *orm.QuerySet[*Number]
			}{"intersection", func(qs *orm.QuerySet[*Number]) *orm.QuerySet[*Number] { return qs.Intersection(qs) }})
	}
	return out
}

// Django raises NotSupportedError ("Calling QuerySet.get(...) with filters
// after union() is not supported.").
func TestQsCombinators_QuerySetSetOperationTests_test_get_with_filters_unsupported_on_combined_qs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		for _, c := range combinators(db) {
			_, err := c.of(num(db)).Get(ctx, orm.Q{"num": 2})
			assertRefused(t, "get(num=2) after "+c.name+"()", err)
		}
	})
}

// A union as the value of an __in lookup is the whole union (djorm kept
// only its first member).
func TestQsCombinators_QuerySetSetOperationTests_test_union_in_with_ordering(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessSliceInCompound(t, db)
		setUp(t, db)
		captureSQL(t)
		qs1 := num(db).Filter(orm.Q{"num__gt": 7}).OrderBy("num")
		qs2 := num(db).Filter(orm.Q{"num__lt": 2}).OrderBy("num")
		assertNums(t, "exclude(id__in=union)", num(db).Exclude(orm.Q{"id__in": qs1.Union(qs2).Values("id")}), []int{2, 3, 4, 5, 6, 7}, false)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_in_with_ordering_and_slice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		skipUnlessSliceInCompound(t, db)
		if strings.Contains(db.Dialect().Name(), "mysql") || strings.Contains(db.Dialect().Name(), "maria") {
			t.Skip("allow_sliced_subqueries_with_in is false on MySQL/MariaDB (as in Django)")
		}
		setUp(t, db)
		captureSQL(t)
		qs1 := num(db).Filter(orm.Q{"num__gt": 7}).OrderBy("num").Slice(0, 1)
		qs2 := num(db).Filter(orm.Q{"num__lt": 2}).OrderBy("-num").Slice(0, 1)
		assertNums(t, "exclude(id__in=union)", num(db).Exclude(orm.Q{"id__in": qs1.Union(qs2).Values("id")}), []int{0, 2, 3, 4, 5, 6, 7, 9}, false)
	})
}

// None() on a combined QuerySet matches nothing (it was ignored), and a
// union of members that match nothing sends no query.
func TestQsCombinators_QuerySetSetOperationTests_test_union_none(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		captureSQL(t)
		qs3 := num(db).Filter(orm.Q{"num__lte": 1}).Union(num(db).Filter(orm.Q{"num__gte": 8}))
		assertNums(t, "qs3.none()", qs3.None(), nil, true)
		assertNums(t, "qs3", qs3, []int{0, 1, 8, 9}, false)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_union_all_none_slice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		captureSQL(t)
		qs := num(db).Filter(orm.Q{"id__in": []any{}})
		cctx, captured := orm.CaptureQueries(ctx)
		for _, c := range []struct {
			what string
			qs   *orm.QuerySet[*Number]
		}{{"qs.union(qs)", qs.Union(qs)}, {"qs.union(qs)[0:0]", qs.Union(qs).Slice(0, 0)}} {
			rows, err := c.qs.All(cctx)
			if err != nil || len(rows) != 0 {
				t.Errorf("%s = %d rows, %v; want none", c.what, len(rows), err)
			}
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("%d queries, want 0 (assertNumQueries(0)): %v", n, captured.Queries())
		}
	})
}

// Every operation Django refuses after a set operation is refused,
// PrefetchRelated included.
func TestQsCombinators_QuerySetSetOperationTests_test_unsupported_operations_on_combined_qs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		captureSQL(t)
		for _, c := range combinators(db) {
			ops := []struct {
				name string
				run  func(qs *orm.QuerySet[*Number]) error
			}{
				{"alias", func(qs *orm.QuerySet[*Number]) error {
					_, err := qs.Alias(orm.As("x", orm.F("num"))).All(ctx)
					return err
				}},
				{"annotate", func(qs *orm.QuerySet[*Number]) error {
					_, err := qs.Annotate(orm.As("x", orm.F("num"))).All(ctx)
					return err
				}},
				{"defer", func(qs *orm.QuerySet[*Number]) error { _, err := qs.Defer("num").All(ctx); return err }},
				{"delete", func(qs *orm.QuerySet[*Number]) error { _, err := qs.Delete(ctx); return err }},
				{"distinct", func(qs *orm.QuerySet[*Number]) error { _, err := qs.Distinct().All(ctx); return err }},
				{"exclude", func(qs *orm.QuerySet[*Number]) error { _, err := qs.Exclude(orm.Q{"num": 1}).All(ctx); return err }},
				{"extra", func(qs *orm.QuerySet[*Number]) error {
					_, err := qs.Extra(orm.Extra{Where: []orm.SQLText{"1=1"}}).All(ctx)
					return err
				}},
				{"filter", func(qs *orm.QuerySet[*Number]) error { _, err := qs.Filter(orm.Q{"num": 1}).All(ctx); return err }},
				{"only", func(qs *orm.QuerySet[*Number]) error { _, err := qs.Only("num").All(ctx); return err }},
				{"prefetch_related", func(qs *orm.QuerySet[*Number]) error { _, err := qs.PrefetchRelated().All(ctx); return err }},
				{"select_related", func(qs *orm.QuerySet[*Number]) error { _, err := qs.SelectRelated().All(ctx); return err }},
				{"update", func(qs *orm.QuerySet[*Number]) error { _, err := qs.Update(ctx, orm.Set{"num": 1}); return err }},
				{"contains", func(qs *orm.QuerySet[*Number]) error {
					obj, err := num(db).First(ctx)
					if err != nil {
						return err
					}
					_, err = qs.Contains(ctx, obj)
					return err
				}},
			}
			for _, op := range ops {
				assertRefused(t, fmt.Sprintf("%s() after %s()", op.name, c.name), op.run(c.of(num(db))))
			}
		}
		if n, err := num(db).Filter(orm.Q{"num": 1}).Count(ctx); err != nil || n != 1 {
			t.Errorf("after the refusals, %d rows have num 1 (%v); want 1 (update() must not run)", n, err)
		}
		if n, err := num(db).Count(ctx); err != nil || n != 10 {
			t.Errorf("after the refusals, %d rows (%v); want 10 (delete() must not run)", n, err)
		}
	})
}

// A set operation orders by the names its first member selects (Values
// aliases, annotations), by name or F(name).
func TestQsCombinators_QuerySetSetOperationTests_test_ordering_by_alias(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		captureSQL(t)
		qs1 := num(db).Filter(orm.Q{"num__lte": 1}).Values(orm.As("alias", orm.F("num")))
		qs2 := num(db).Filter(orm.Q{"num__gte": 2, "num__lte": 3}).Values(orm.As("alias", orm.F("num")))
		assertRows(t, `union.order_by("-alias")`, qs1.Union(qs2).OrderBy("-alias"),
			[]string{"map[alias:3]", "map[alias:2]", "map[alias:1]", "map[alias:0]"}, true)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_ordering_by_f_expression_and_alias(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		captureSQL(t)
		qs1 := num(db).Filter(orm.Q{"num__lte": 1}).Values(orm.As("alias", orm.F("other_num")))
		qs2 := num(db).Filter(orm.Q{"num__gte": 2, "num__lte": 3}).Values(orm.As("alias", orm.F("other_num")))
		assertRows(t, `order_by(F("alias").desc())`, qs1.Union(qs2).OrderBy(orm.F("alias").Desc()),
			[]string{"map[alias:10]", "map[alias:9]", "map[alias:8]", "map[alias:7]"}, true)
		must(t, num(db).Create(ctx, &Number{Num: -1}))
		assertRows(t, `order_by(F("alias").desc(nulls_last=True))`, qs1.Union(qs2).OrderBy(orm.F("alias").Desc().NullsLast()),
			[]string{"map[alias:10]", "map[alias:9]", "map[alias:8]", "map[alias:7]", "map[alias:<nil>]"}, true)
	})
}

func TestQsCombinators_QuerySetSetOperationTests_test_order_raises_on_non_selected_column(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		captureSQL(t)
		qs1 := num(db).Filter().Annotate(orm.As("annotation", orm.Value(1))).Values("annotation", orm.As("num2", orm.F("num")))
		qs2 := num(db).Filter().Values("id", "num")
		// Should not raise.
		for _, o := range []string{"annotation", "num2"} {
			if _, err := qs1.Union(qs2).OrderBy(o).All(ctx); err != nil {
				t.Errorf("order_by(%q): %v", o, err)
			}
		}
		for _, c := range []struct {
			what string
			term any
		}{{`"id"`, "id"}, {`"num"`, "num"}, {`F("num")`, orm.F("num")}, {`F("num").desc()`, orm.F("num").Desc()}} {
			_, err := qs1.Union(qs2).OrderBy(c.term).All(ctx)
			assertRefused(t, "order_by("+c.what+")", err)
		}
		// Switched order, now "num" exists again.
		if _, err := qs2.Union(qs1).OrderBy("num").All(ctx); err != nil {
			t.Errorf(`qs2.union(qs1).order_by("num"): %v`, err)
		}
	})
}

// Counting a union whose members join a related model: the derived
// table's columns are named col1, col2, ... (MariaDB refused two columns
// named id).
func TestQsCombinators_QuerySetSetOperationTests_test_count_union_with_select_related(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUp(t, db)
		captureSQL(t)
		createAuthors(t, db, &ExtraInfo{Value: intp(1), Info: "e1"}, &QAuthor{Name: "a1", Num: 1})
		qs := orm.Objects[QAuthor](db).SelectRelated("extra").OrderBy()
		assertCount(t, "qs.union(qs)", qs.Union(qs), 1)
	})
}
