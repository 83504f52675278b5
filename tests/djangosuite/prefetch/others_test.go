package prefetch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

func (t *Teacher) str(c context.Context, tt *testing.T) string {
	qs := related[Qualification](tt, c, t, "qualifications")
	return fmt.Sprintf("%s (%s)", t.Name, join(names(qs, func(q *Qualification) string { return q.Name })))
}

func TestPrefetchRelated_DefaultManagerTests_test_m2m_then_m2m(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		var q [4]*Qualification
		for i, n := range []string{"BA", "BSci", "MA", "PhD"} {
			q[i] = create(t, db, &Qualification{Name: n})
		}
		t1 := create(t, db, &Teacher{Name: "Mr Cleese"})
		t2 := create(t, db, &Teacher{Name: "Mr Idle"})
		t3 := create(t, db, &Teacher{Name: "Mr Chapman"})
		must(t, orm.Related[Qualification](t1, "qualifications").Add(ctx, q[0], q[1], q[2], q[3]))
		must(t, orm.Related[Qualification](t2, "qualifications").Add(ctx, q[0]))
		must(t, orm.Related[Qualification](t3, "qualifications").Add(ctx, q[1]))
		d1 := create(t, db, &Department{Name: "English"})
		d2 := create(t, db, &Department{Name: "Physics"})
		must(t, orm.Related[Teacher](d1, "teachers").Add(ctx, t1, t2))
		must(t, orm.Related[Teacher](d2, "teachers").Add(ctx, t1, t3))
		numQueries(t, "departments", 3, func(c context.Context) {
			var b strings.Builder
			for _, d := range all(t, c, orm.Objects[Department](db).PrefetchRelated("teachers")) {
				var ts []string
				for _, te := range related[Teacher](t, c, d, "teachers") {
					ts = append(ts, te.str(c, t))
				}
				fmt.Fprintf(&b, "%s department: %s\n", d.Name, join(ts))
			}
			eq(t, "depts", b.String(), "English department: Mr Cleese (BA, BSci, MA, PhD), Mr Idle (BA)\n"+
				"Physics department: Mr Cleese (BA, BSci, MA, PhD), Mr Chapman (BSci)\n")
		})
	})
}

// mti is MultiTableInheritanceTest.setUpTestData.
type mti struct {
	book1, book2              *BookWithYear
	author1, author2, author3 *AuthorWithAge
	address                   *AuthorAddress
}

func bookWithYear(t *testing.T, db *orm.DB, title string, year int) *BookWithYear {
	t.Helper()
	return create(t, db, &BookWithYear{PBook: PBook{Title: title}, PublishedYear: year})
}

func authorWithAge(t *testing.T, db *orm.DB, name string, firstBook any, age int) *AuthorWithAge {
	t.Helper()
	a := &AuthorWithAge{PAuthor: PAuthor{Name: name}, Age: age}
	a.FirstBook.SetID(firstBook)
	return create(t, db, a)
}

func setUpMTI(t *testing.T, db *orm.DB) *mti {
	t.Helper()
	resetTables(t, db)
	d := &mti{}
	d.book1 = bookWithYear(t, db, "Poems", 2010)
	d.book2 = bookWithYear(t, db, "More poems", 2011)
	d.author1 = authorWithAge(t, db, "Jane", d.book1.ID, 50)
	d.author2 = authorWithAge(t, db, "Tom", d.book1.ID, 49)
	d.author3 = authorWithAge(t, db, "Robert", d.book2.ID, 48)
	d.address = create(t, db, &AuthorAddress{Author: orm.Ref(&d.author1.PAuthor), Address: "SomeStreet 1"})
	must(t, orm.Related[AuthorWithAge](d.book2, "aged_authors").Add(ctx, d.author2, d.author3))
	create(t, db, &BookReview{Book: orm.Ref(d.book1), Notes: ptr("review book1")})
	create(t, db, &BookReview{Book: orm.Ref(d.book2), Notes: ptr("review book2")})
	return d
}

func ptr[T any](v T) *T { return &v }

func bwyStr(b *BookWithYear) string  { return fmt.Sprintf("BookWithYear object (%v)", b.ID) }
func awaStr(a *AuthorWithAge) string { return a.Name }

func TestPrefetchRelated_MultiTableInheritanceTest_test_m2m_to_inheriting_model(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpMTI(t, db)
		var lst, lst2 [][]string
		qs := orm.Objects[AuthorWithAge](db).PrefetchRelated("books_with_year")
		numQueries(t, "books_with_year", 2, func(c context.Context) {
			for _, a := range all(t, c, qs) {
				lst = append(lst, names(related[BookWithYear](t, c, a, "books_with_year"), bwyStr))
			}
		})
		for _, a := range all(t, ctx, orm.Objects[AuthorWithAge](db)) {
			lst2 = append(lst2, names(related[BookWithYear](t, ctx, a, "books_with_year"), bwyStr))
		}
		eq(t, "books_with_year", lst, lst2)
		eq(t, "books_with_year", lst, "[[] [BookWithYear object (2)] [BookWithYear object (2)]]")

		lst, lst2 = nil, nil
		bq := orm.Objects[BookWithYear](db).PrefetchRelated("aged_authors")
		numQueries(t, "aged_authors", 2, func(c context.Context) {
			for _, b := range all(t, c, bq) {
				lst = append(lst, names(related[AuthorWithAge](t, c, b, "aged_authors"), awaStr))
			}
		})
		for _, b := range all(t, ctx, orm.Objects[BookWithYear](db)) {
			lst2 = append(lst2, names(related[AuthorWithAge](t, ctx, b, "aged_authors"), awaStr))
		}
		eq(t, "aged_authors", lst, lst2)
		eq(t, "aged_authors", lst, "[[] [Tom Robert]]")
	})
}

// addresses is a relation of the parent PAuthor, read from the child.
func TestPrefetchRelated_MultiTableInheritanceTest_test_foreignkey(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpMTI(t, db)
		str := func(a *AuthorAddress) string { return fmt.Sprintf("AuthorAddress object (%d)", a.ID) }
		numQueries(t, "addresses", 2, func(c context.Context) {
			var got [][]string
			for _, a := range all(t, c, orm.Objects[AuthorWithAge](db).PrefetchRelated("addresses")) {
				got = append(got, names(related[AuthorAddress](t, c, a, "addresses"), str))
			}
			eq(t, "addresses", got, fmt.Sprint([][]string{{str(d.address)}, {}, {}}))
		})
	})
}

// A key to a multi-table child (BookReview.book -> BookWithYear) prefetches
// the child with its inherited title.
func TestPrefetchRelated_MultiTableInheritanceTest_test_foreignkey_to_inherited(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpMTI(t, db)
		numQueries(t, "book", 2, func(c context.Context) {
			var titles []string
			for _, r := range all(t, c, orm.Objects[BookReview](db).OrderBy("id").PrefetchRelated("book")) {
				b, err := r.Book.Get(c)
				must(t, err)
				titles = append(titles, b.Title)
			}
			eq(t, "titles", titles, "[Poems More poems]")
		})
	})
}

func TestPrefetchRelated_MultiTableInheritanceTest_test_child_link_prefetch(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpMTI(t, db)
		child := func(c context.Context, a *PAuthor) string {
			x, err := orm.Related[AuthorWithAge](a, "authorwithage").Get(c)
			if errors.Is(err, orm.ErrDoesNotExist) {
				return "None"
			}
			must(t, err)
			return fmt.Sprint(x.Age)
		}
		var got []string
		c0, captured := captureSQL(t)
		numQueries(t, "authorwithage", 2, func(c context.Context) {
			for _, a := range all(t, c, authors(db).PrefetchRelated("authorwithage")) {
				got = append(got, child(c, a))
			}
		})
		all(t, c0, authors(db).PrefetchRelated("authorwithage"))
		qs := captured.Queries()
		last := qs[len(qs)-1].SQL
		if !strings.Contains(strings.ToLower(last), "authorwithage") || !strings.Contains(last, " IN ") {
			t.Errorf("prefetch query %q: want the authorwithage table and an IN clause", last)
		}
		var normal []string
		for _, a := range all(t, ctx, authors(db)) {
			normal = append(normal, child(ctx, a))
		}
		eq(t, "authors", got, normal)
		eq(t, "authors", got, "[50 49 48]")
	})
}

// ForeignKeyToFieldTest.setUpTestData.
func setUpToField(t *testing.T, db *orm.DB) (a1, a2, a3 *PAuthor, addr *AuthorAddress) {
	t.Helper()
	resetTables(t, db)
	b := create(t, db, &PBook{Title: "Poems"})
	a1 = create(t, db, &PAuthor{Name: "Jane", FirstBook: orm.Ref(b)})
	a2 = create(t, db, &PAuthor{Name: "Tom", FirstBook: orm.Ref(b)})
	a3 = create(t, db, &PAuthor{Name: "Robert", FirstBook: orm.Ref(b)})
	addr = create(t, db, &AuthorAddress{Author: orm.Ref(a1), Address: "SomeStreet 1"})
	create(t, db, &FavoriteAuthors{Author: orm.Ref(a1), LikesAuthor: orm.Ref(a2), IsActive: true})
	create(t, db, &FavoriteAuthors{Author: orm.Ref(a2), LikesAuthor: orm.Ref(a3), IsActive: true})
	create(t, db, &FavoriteAuthors{Author: orm.Ref(a3), LikesAuthor: orm.Ref(a1), IsActive: true})
	return
}

func TestPrefetchRelated_ForeignKeyToFieldTest_test_foreignkey(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		_, _, _, addr := setUpToField(t, db)
		str := func(a *AuthorAddress) string { return fmt.Sprintf("AuthorAddress object (%d)", a.ID) }
		numQueries(t, "addresses", 2, func(c context.Context) {
			var got [][]string
			for _, a := range all(t, c, authors(db).PrefetchRelated("addresses")) {
				got = append(got, names(related[AuthorAddress](t, c, a, "addresses"), str))
			}
			eq(t, "addresses", got, fmt.Sprint([][]string{{str(addr)}, {}, {}}))
		})
	})
}

// NullableTest.setUpTestData.
func setUpNullable(t *testing.T, db *orm.DB) {
	t.Helper()
	resetTables(t, db)
	boss := create(t, db, &Employee{Name: "Peter"})
	create(t, db, &Employee{Name: "Joe", Boss: orm.Ref(boss)})
	create(t, db, &Employee{Name: "Angela", Boss: orm.Ref(boss)})
}

func empName(e *Employee) string { return e.Name }

func coSerfs(t *testing.T, c context.Context, es []*Employee) string {
	t.Helper()
	var out [][]string
	for _, e := range es {
		b, err := e.Boss.Get(c)
		must(t, err)
		if b == nil {
			out = append(out, []string{})
			continue
		}
		out = append(out, names(related[Employee](t, c, b, "serfs"), empName))
	}
	return fmt.Sprint(out)
}

func TestPrefetchRelated_NullableTest_test_traverse_nullable(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpNullable(t, db)
		var got string
		numQueries(t, "prefetch", 2, func(c context.Context) {
			got = coSerfs(t, c, all(t, c, orm.Objects[Employee](db).SelectRelated("boss").PrefetchRelated("boss__serfs")))
		})
		want := coSerfs(t, ctx, all(t, ctx, orm.Objects[Employee](db).SelectRelated("boss")))
		eq(t, "co_serfs", got, want)
		eq(t, "co_serfs", got, "[[] [Joe Angela] [Joe Angela]]")
	})
}

func TestPrefetchRelated_NullableTest_test_prefetch_nullable(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpNullable(t, db)
		var got string
		numQueries(t, "prefetch", 3, func(c context.Context) {
			got = coSerfs(t, c, all(t, c, orm.Objects[Employee](db).PrefetchRelated("boss__serfs")))
		})
		want := coSerfs(t, ctx, all(t, ctx, orm.Objects[Employee](db)))
		eq(t, "co_serfs", got, want)
		eq(t, "co_serfs", got, "[[] [Joe Angela] [Joe Angela]]")
	})
}

func TestPrefetchRelated_NullableTest_test_in_bulk(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		setUpNullable(t, db)
		boss1 := create(t, db, &Employee{Name: "Peter"})
		boss2 := create(t, db, &Employee{Name: "Jack"})
		numQueries(t, "in_bulk", 2, func(c context.Context) {
			bulk, err := orm.Objects[Employee](db).PrefetchRelated("serfs").InBulk(c, boss1.ID, boss2.ID)
			must(t, err)
			eq(t, "len(bulk)", len(bulk), 2)
			for _, b := range bulk {
				related[Employee](t, c, b, "serfs")
			}
		})
	})
}

func TestPrefetchRelated_Ticket19607Tests_test_bug(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		le := []*LessonEntry{{Name1: "einfach", Name2: "simple"}, {Name1: "schwierig", Name2: "difficult"}}
		le[0].ID, le[1].ID = 1, 2
		must(t, orm.Objects[LessonEntry](db).BulkCreate(ctx, le))
		var we []*WordEntry
		for i, x := range []struct {
			le   int64
			name string
		}{{1, "einfach"}, {1, "simple"}, {2, "schwierig"}, {2, "difficult"}} {
			w := &WordEntry{Name: x.name}
			w.ID = int64(i + 1)
			w.LessonEntry.SetID(x.le)
			we = append(we, w)
		}
		must(t, orm.Objects[WordEntry](db).BulkCreate(ctx, we))
		got := all(t, ctx, orm.Objects[WordEntry](db).PrefetchRelated("lesson_entry", "lesson_entry__wordentry_set"))
		eq(t, "rows", len(got), 4)
	})
}

func TestPrefetchRelated_Ticket21410Tests_test_bug(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		b1 := create(t, db, &PBook{Title: "Poems"})
		b2 := create(t, db, &PBook{Title: "Jane Eyre"})
		b3 := create(t, db, &PBook{Title: "Wuthering Heights"})
		b4 := create(t, db, &PBook{Title: "Sense and Sensibility"})
		a1 := create(t, db, &Author2{Name: "Charlotte", FirstBook: orm.Ref(b1)})
		a2 := create(t, db, &Author2{Name: "Anne", FirstBook: orm.Ref(b1)})
		a3 := create(t, db, &Author2{Name: "Emily", FirstBook: orm.Ref(b1)})
		a4 := create(t, db, &Author2{Name: "Jane", FirstBook: orm.Ref(b4)})
		must(t, orm.Related[PBook](a1, "favorite_books").Add(ctx, b1, b2, b3))
		must(t, orm.Related[PBook](a2, "favorite_books").Add(ctx, b1))
		must(t, orm.Related[PBook](a3, "favorite_books").Add(ctx, b2))
		must(t, orm.Related[PBook](a4, "favorite_books").Add(ctx, b3))
		got := all(t, ctx, orm.Objects[Author2](db).PrefetchRelated("first_book", "favorite_books"))
		eq(t, "rows", len(got), 4)
	})
}

// Django asks get_prefetcher for the prefetch QuerySet of 'house' and finds
// no JOIN in it; the port looks at the prefetch query djorm sends.
func TestPrefetchRelated_Ticket21760Tests_test_bug(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db)
		for i := 0; i < 3; i++ {
			h := create(t, db, &House{})
			var rr []*Room
			for j := 0; j < 3; j++ {
				rr = append(rr, create(t, db, &Room{House: orm.Ref(h)}))
			}
			h.MainRoom = orm.OneToOne[Room]{ForeignKey: orm.Ref(rr[0])}
			must(t, db.Save(ctx, h))
		}
		c, captured := captureSQL(t)
		all(t, c, rooms(db).PrefetchRelated("house"))
		qs := captured.Queries()
		eq(t, "queries", len(qs), 2)
		if strings.Contains(qs[len(qs)-1].SQL, " JOIN ") {
			t.Errorf("prefetch query joins: %s", qs[len(qs)-1].SQL)
		}
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestPrefetchRelated_RawQuerySetTests_test_basic(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		d := setUpMixin(t, db)
		var book1 *PBook
		numQueries(t, "raw with prefetch", 2, func(c context.Context) {
			bs := orm.Raw[PBook](db, "SELECT * FROM prefetch_related_book WHERE id = ?", d.book1.ID).PrefetchRelated("authors")
			book1 = all(t, c, bs)[0]
		})
		numQueries(t, "book1.authors", 0, func(c context.Context) {
			eq(t, "authors", sorted(names(related[PAuthor](t, c, book1, "authors"), authorName)), "[Anne Charlotte Emily]")
		})
	})
}
