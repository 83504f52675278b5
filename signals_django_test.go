package orm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Ports of Django's tests/signals/tests.py (SignalTests), case by case,
// named after them, on a DB of the case's own (djorm's receivers live on a
// DB, so none needs disconnecting). Not ported: pre_init/post_init (Go
// has no model constructor to hook), raw saves (no fixture loading), the
// receiver decorator, disconnecting (no Disconnect), lazy model references.
// The origin cases are Django 4.1's; djorm ports their order of senders.

type (
	SigPerson struct {
		orm.Model
		FirstName string `orm:"max_length=20"`
		LastName  string `orm:"max_length=20"`
	}
	SigAuthor struct {
		orm.Model
		Name string `orm:"max_length=20"`
	}
	SigBook struct {
		orm.Model
		Name    string                    `orm:"max_length=20"`
		Authors orm.ManyToMany[SigAuthor] `orm:"related_name=books"`
	}
	SigPage struct {
		orm.Model
		Book orm.ForeignKey[SigBook] `orm:"on_delete=cascade,related_name=pages"`
		Text string                  `orm:"type=text"`
	}
)

func (p *SigPerson) String() string { return p.FirstName + " " + p.LastName }

var sigModels = []any{&SigPerson{}, &SigAuthor{}, &SigBook{}, &SigPage{}}

func init() { orm.MustRegister(sigModels...) }

// signalCase runs body on every backend with fresh tables and a DB of its own.
func signalCase(t *testing.T, body func(t *testing.T, ctx context.Context, db *orm.DB)) {
	testkit.Run(t, func(t *testing.T, shared *orm.DB) {
		ownTables(t, shared, sigModels...)
		body(t, context.Background(), orm.NewWithDialect(shared.SQLDB(), shared.DriverName(), shared.Dialect()))
	})
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func expectLog(t *testing.T, what string, got *[]string, want ...string) {
	t.Helper()
	if strings.Join(*got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(*got, "\n"), strings.Join(want, "\n"))
	}
	*got = nil
}

func TestSignals_SignalTests_test_save_signals(t *testing.T) {
	signalCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		var data []string
		mustDo(t, orm.OnPreSave(db, func(ctx context.Context, p *SigPerson, created bool) error {
			data = append(data, fmt.Sprintf("pre %v", p))
			return nil
		}))
		mustDo(t, orm.OnPostSave(db, func(ctx context.Context, p *SigPerson, created bool) error {
			data = append(data, fmt.Sprintf("post %v created=%v", p, created))
			return nil
		}))
		p1 := &SigPerson{FirstName: "John", LastName: "Smith"}
		mustDo(t, db.Create(ctx, p1))
		expectLog(t, "create", &data, "pre John Smith", "post John Smith created=true")

		p1.FirstName = "Tom"
		mustDo(t, db.Save(ctx, p1))
		expectLog(t, "save", &data, "pre Tom Smith", "post Tom Smith created=false")

		// A new object with a key of its own is inserted: created.
		p2 := &SigPerson{FirstName: "James", LastName: "Jones"}
		p2.ID = 99999
		mustDo(t, db.Save(ctx, p2))
		expectLog(t, "save with a new key", &data, "pre James Jones", "post James Jones created=true")
		p2.ID = 99998
		mustDo(t, db.Save(ctx, p2))
		expectLog(t, "save under another new key", &data, "pre James Jones", "post James Jones created=true")

		// The sender stays the same when using Defer.
		p3, err := orm.Objects[SigPerson](db).Defer("first_name").Get(ctx, orm.Q{"pk": p1.ID})
		mustDo(t, err)
		p3.LastName = "Reese"
		mustDo(t, db.Save(ctx, p3))
		expectLog(t, "save of a deferred instance", &data, "pre  Reese", "post  Reese created=false")
	})
}

func TestSignals_SignalTests_test_delete_signals(t *testing.T) {
	signalCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		var data []string
		mustDo(t, orm.OnPreDelete(db, func(ctx context.Context, p *SigPerson) error {
			data = append(data, fmt.Sprintf("pre %v id_is_zero=%v", p, p.ID == 0))
			return nil
		}))
		mustDo(t, orm.OnPostDelete(db, func(ctx context.Context, p *SigPerson) error {
			data = append(data, fmt.Sprintf("post %v id_is_zero=%v", p, p.ID == 0))
			return nil
		}))
		p1 := &SigPerson{FirstName: "John", LastName: "Smith"}
		mustDo(t, db.Create(ctx, p1))
		_, err := db.Delete(ctx, p1)
		mustDo(t, err)
		expectLog(t, "delete", &data, "pre John Smith id_is_zero=false", "post John Smith id_is_zero=false")

		p2 := &SigPerson{FirstName: "James", LastName: "Jones"}
		p2.ID = 99999
		mustDo(t, db.Save(ctx, p2))
		p2.ID = 99998
		mustDo(t, db.Save(ctx, p2))
		_, err = db.Delete(ctx, p2)
		mustDo(t, err)
		expectLog(t, "delete of the second row", &data, "pre James Jones id_is_zero=false", "post James Jones id_is_zero=false")

		left, err := orm.Objects[SigPerson](db).All(ctx)
		mustDo(t, err)
		if len(left) != 1 || left[0].String() != "James Jones" || left[0].ID != 99999 {
			t.Errorf("left %v, want James Jones (99999)", left)
		}
	})
}

// senderLog registers pre and post delete receivers on SigPerson, SigBook
// and SigPage that record their model (Django's sender).
func senderLog(t *testing.T, db *orm.DB) *[]string {
	var data []string
	mustDo(t, orm.OnPreDelete(db, func(ctx context.Context, p *SigPerson) error { data = append(data, "Person"); return nil }))
	mustDo(t, orm.OnPostDelete(db, func(ctx context.Context, p *SigPerson) error { data = append(data, "Person"); return nil }))
	mustDo(t, orm.OnPreDelete(db, func(ctx context.Context, b *SigBook) error { data = append(data, "Book"); return nil }))
	mustDo(t, orm.OnPostDelete(db, func(ctx context.Context, b *SigBook) error { data = append(data, "Book"); return nil }))
	mustDo(t, orm.OnPreDelete(db, func(ctx context.Context, p *SigPage) error { data = append(data, "Page"); return nil }))
	mustDo(t, orm.OnPostDelete(db, func(ctx context.Context, p *SigPage) error { data = append(data, "Page"); return nil }))
	return &data
}

func originFixture(t *testing.T, ctx context.Context, db *orm.DB) (*SigPerson, *SigBook) {
	person := &SigPerson{FirstName: "John", LastName: "Smith"}
	mustDo(t, db.Create(ctx, person))
	book := &SigBook{Name: "Rayuela"}
	mustDo(t, db.Create(ctx, book))
	for _, text := range []string{"Page 1", "Page 2"} {
		mustDo(t, db.Create(ctx, &SigPage{Book: orm.Ref(book), Text: text}))
	}
	return person, book
}

func TestSignals_SignalTests_test_delete_signals_origin_model(t *testing.T) {
	signalCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		person, book := originFixture(t, ctx, db)
		data := senderLog(t, db)
		_, err := db.Delete(ctx, person)
		mustDo(t, err)
		expectLog(t, "instance deletion", data, "Person", "Person")
		// Cascade deletion: children first, pre for all, then each model's
		// DELETE and its post signals.
		_, err = db.Delete(ctx, book)
		mustDo(t, err)
		expectLog(t, "cascade deletion", data, "Page", "Page", "Book", "Page", "Page", "Book")
	})
}

func TestSignals_SignalTests_test_delete_signals_origin_queryset(t *testing.T) {
	signalCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		originFixture(t, ctx, db)
		data := senderLog(t, db)
		_, err := orm.Objects[SigPerson](db).Delete(ctx)
		mustDo(t, err)
		expectLog(t, "queryset deletion", data, "Person", "Person")
		_, err = orm.Objects[SigBook](db).Delete(ctx)
		mustDo(t, err)
		expectLog(t, "cascade deletion", data, "Page", "Page", "Book", "Page", "Page", "Book")
	})
}

func TestSignals_SignalTests_test_save_and_delete_signals_with_m2m(t *testing.T) {
	signalCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		var data []string
		name := func(x any) string {
			switch o := x.(type) {
			case *SigAuthor:
				return o.Name
			case *SigBook:
				return o.Name
			}
			return "?"
		}
		pre := func(ctx context.Context, x any, created bool) error {
			data = append(data, "pre_save signal, "+name(x))
			return nil
		}
		post := func(ctx context.Context, x any, created bool) error {
			data = append(data, "post_save signal, "+name(x))
			if created {
				data = append(data, "Is created")
			} else {
				data = append(data, "Is updated")
			}
			return nil
		}
		preDelete := func(ctx context.Context, x any) error { data = append(data, "pre_delete signal, "+name(x)); return nil }
		postDelete := func(ctx context.Context, x any) error {
			data = append(data, "post_delete signal, "+name(x))
			return nil
		}
		mustDo(t, orm.OnPreSave(db, func(ctx context.Context, a *SigAuthor, c bool) error { return pre(ctx, a, c) }))
		mustDo(t, orm.OnPostSave(db, func(ctx context.Context, a *SigAuthor, c bool) error { return post(ctx, a, c) }))
		mustDo(t, orm.OnPreSave(db, func(ctx context.Context, b *SigBook, c bool) error { return pre(ctx, b, c) }))
		mustDo(t, orm.OnPostSave(db, func(ctx context.Context, b *SigBook, c bool) error { return post(ctx, b, c) }))
		mustDo(t, orm.OnPreDelete(db, func(ctx context.Context, a *SigAuthor) error { return preDelete(ctx, a) }))
		mustDo(t, orm.OnPostDelete(db, func(ctx context.Context, a *SigAuthor) error { return postDelete(ctx, a) }))
		mustDo(t, orm.OnPreDelete(db, func(ctx context.Context, b *SigBook) error { return preDelete(ctx, b) }))
		mustDo(t, orm.OnPostDelete(db, func(ctx context.Context, b *SigBook) error { return postDelete(ctx, b) }))

		a1 := &SigAuthor{Name: "Neal Stephenson"}
		mustDo(t, db.Create(ctx, a1))
		expectLog(t, "author", &data, "pre_save signal, Neal Stephenson", "post_save signal, Neal Stephenson", "Is created")
		b1 := &SigBook{Name: "Snow Crash"}
		mustDo(t, db.Create(ctx, b1))
		expectLog(t, "book", &data, "pre_save signal, Snow Crash", "post_save signal, Snow Crash", "Is created")

		// Assigning and removing to/from m2m shouldn't generate a save or delete signal.
		authors := orm.Related[SigAuthor](b1, "authors")
		mustDo(t, authors.Set(ctx, a1))
		expectLog(t, "set", &data)
		mustDo(t, authors.Set(ctx))
		expectLog(t, "set to none", &data)
	})
}

// The collector's order, checked against Django 3.2 (Collector.delete):
// models sorted children first; pre_delete for every object, each model's
// by ascending key; then per model its DELETE and post_delete by
// descending key, so a post_delete of a child still sees its parent's row.
func TestDeleteSignalOrderAsDjangoCollector(t *testing.T) {
	signalCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		var data []string
		count := func(ctx context.Context) string {
			books, err1 := orm.Objects[SigBook](db).Count(ctx)
			pages, err2 := orm.Objects[SigPage](db).Count(ctx)
			if err1 != nil || err2 != nil {
				return fmt.Sprint(err1, err2)
			}
			return fmt.Sprintf("books=%d pages=%d", books, pages)
		}
		var books []*SigBook
		mustDo(t, orm.OnPreDelete(db, func(ctx context.Context, b *SigBook) error {
			data = append(data, fmt.Sprintf("pre Book %s", b.Name))
			if b.Name == "b3" && b != books[2] {
				data = append(data, "DB.Delete's object was not the one signalled")
			}
			return nil
		}))
		mustDo(t, orm.OnPostDelete(db, func(ctx context.Context, b *SigBook) error {
			data = append(data, fmt.Sprintf("post Book %s %s", b.Name, count(ctx)))
			return nil
		}))
		mustDo(t, orm.OnPreDelete(db, func(ctx context.Context, p *SigPage) error {
			data = append(data, fmt.Sprintf("pre Page %s", p.Text))
			return nil
		}))
		mustDo(t, orm.OnPostDelete(db, func(ctx context.Context, p *SigPage) error {
			data = append(data, fmt.Sprintf("post Page %s %s", p.Text, count(ctx)))
			return nil
		}))
		for _, n := range []string{"b1", "b2", "b3"} {
			b := &SigBook{Name: n}
			mustDo(t, db.Create(ctx, b))
			books = append(books, b)
			for _, p := range []string{"1", "2"} {
				mustDo(t, db.Create(ctx, &SigPage{Book: orm.Ref(b), Text: n + "p" + p}))
			}
		}
		_, err := orm.Objects[SigBook](db).Filter(orm.Q{"name__in": []string{"b1", "b2"}}).Delete(ctx)
		mustDo(t, err)
		expectLog(t, "queryset delete", &data,
			"pre Page b1p1", "pre Page b1p2", "pre Page b2p1", "pre Page b2p2",
			"pre Book b1", "pre Book b2",
			"post Page b2p2 books=3 pages=2", "post Page b2p1 books=3 pages=2",
			"post Page b1p2 books=3 pages=2", "post Page b1p1 books=3 pages=2",
			"post Book b2 books=1 pages=2", "post Book b1 books=1 pages=2")
		// DB.Delete signals the very object it was given, in the same order.
		_, err = db.Delete(ctx, books[2])
		mustDo(t, err)
		expectLog(t, "instance delete", &data,
			"pre Page b3p1", "pre Page b3p2", "pre Book b3",
			"post Page b3p2 books=1 pages=0", "post Page b3p1 books=1 pages=0",
			"post Book b3 books=0 pages=0")
	})
}
