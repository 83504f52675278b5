package writes

import (
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2's tests/get_or_create/tests.py.
//
// Skipped Django methods:
//   - GetOrCreateTests.test_get_or_create_with_model_property_defaults and
//     UpdateOrCreateTests.test_update_or_create_with_model_property_defaults:
//     defaults name a Python property with a setter
//     (capitalized_name_property); a Go struct has no properties, and djorm
//     documents no setter hook a Set could reach.
//   - GetOrCreateTests.test_defaults_not_evaluated_unless_needed and
//     UpdateOrCreateTests.test_defaults_not_evaluated_unless_needed: defaults
//     is a lazy() object that raises when evaluated; orm.Set is a plain map,
//     with nothing lazy to evaluate (callables in it are covered by
//     test_callable_defaults_not_called).
//   - UpdateOrCreateTransactionTests.test_updates_in_transaction and
//     test_creation_in_transaction: threads racing with sleeps.
//   - Newer than Django 3.2 (create_defaults, Django 5.0, which djorm does
//     not document; Journalist MTI and the Book.updated field, Django 4.2):
//     test_create_defaults_exact, test_create_callable_create_defaults,
//     test_update_or_create_with_invalid_create_defaults,
//     test_mti_update_non_local_concrete_fields,
//     test_update_only_defaults_and_pre_save_fields_when_local_fields. The
//     create_defaults halves of test_create_twice,
//     test_create_with_related_manager, test_update_with_related_manager,
//     test_create_with_many and test_update_with_many are Django 5.0's: the
//     ports below are Django 3.2's versions of those methods.

func gocSetUp(t *testing.T, db *orm.DB) {
	t.Helper()
	resetTables(t, db, gocModels)
}

func persons(db *orm.DB) *orm.QuerySet[*Person] { return orm.Objects[Person](db) }

// lennon is GetOrCreateTests.setUp.
func lennon(t *testing.T, db *orm.DB) *Person {
	t.Helper()
	p := &Person{FirstName: "John", LastName: "Lennon", Birthday: date(1940, 10, 9)}
	must(t, persons(db).Create(ctx, p))
	return p
}

func TestGetOrCreate_GetOrCreateTests_test_get_or_create_method_with_get(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		_, created, err := persons(db).GetOrCreate(ctx, orm.Q{"first_name": "John", "last_name": "Lennon"},
			orm.Set{"birthday": date(1940, 10, 9)})
		must(t, err)
		if created {
			t.Error("created = true, want false")
		}
		if n := count(t, persons(db)); n != 1 {
			t.Errorf("count = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_GetOrCreateTests_test_get_or_create_method_with_create(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		_, created, err := persons(db).GetOrCreate(ctx, orm.Q{"first_name": "George", "last_name": "Harrison"},
			orm.Set{"birthday": date(1943, 2, 25)})
		must(t, err)
		if !created {
			t.Error("created = false, want true")
		}
		if n := count(t, persons(db)); n != 2 {
			t.Errorf("count = %d, want 2", n)
		}
	})
}

func TestGetOrCreate_GetOrCreateTests_test_get_or_create_redundant_instance(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		lookup, defaults := orm.Q{"first_name": "George", "last_name": "Harrison"}, orm.Set{"birthday": date(1943, 2, 25)}
		_, _, err := persons(db).GetOrCreate(ctx, lookup, defaults)
		must(t, err)
		_, created, err := persons(db).GetOrCreate(ctx, lookup, defaults)
		must(t, err)
		if created {
			t.Error("second call: created = true, want false")
		}
		if n := count(t, persons(db)); n != 2 {
			t.Errorf("count = %d, want 2", n)
		}
	})
}

func TestGetOrCreate_GetOrCreateTests_test_get_or_create_with_pk_property(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		thing, created, err := orm.Objects[Thing](db).GetOrCreate(ctx, orm.Q{"pk": 1}, nil)
		must(t, err)
		// Django 3.2: Thing(id=1, name='') is created.
		if !created || thing.ID != 1 || thing.Name != "" {
			t.Errorf("got id=%d name=%q created=%v, want id=1 name=\"\" created=true", thing.ID, thing.Name, created)
		}
		if n := count(t, orm.Objects[Thing](db).Filter(orm.Q{"pk": 1})); n != 1 {
			t.Errorf("rows with pk 1 = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_GetOrCreateTests_test_get_or_create_on_related_manager(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		p := &GPublisher{Name: "Acme Publishing"}
		must(t, orm.Objects[GPublisher](db).Create(ctx, p))
		books := func() *orm.RelatedManager[GBook] { return orm.Related[GBook](p, "books") }
		check := func(what string, created, want bool, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if created != want {
				t.Errorf("%s: created = %v, want %v", what, created, want)
			}
		}
		checkCount := func(what string, n, want int64) {
			t.Helper()
			if n != want {
				t.Errorf("%s = %d, want %d", what, n, want)
			}
		}
		// Create a book through the publisher.
		book, created, err := books().GetOrCreate(ctx, orm.Q{"name": "The Book of Ed & Fred"}, nil)
		check("p.books.get_or_create", created, true, err)
		checkCount("p.books.count()", count(t, books().QuerySet), 1)
		// Try get_or_create again, this time nothing should be created.
		book, created, err = books().GetOrCreate(ctx, orm.Q{"name": "The Book of Ed & Fred"}, nil)
		check("p.books.get_or_create again", created, false, err)
		checkCount("p.books.count()", count(t, books().QuerySet), 1)

		authors := func() *orm.RelatedManager[GAuthor] { return orm.Related[GAuthor](book, "authors") }
		// Add an author to the book.
		ed, created, err := authors().GetOrCreate(ctx, orm.Q{"name": "Ed"}, nil)
		check("book.authors.get_or_create(Ed)", created, true, err)
		checkCount("book.authors.count()", count(t, authors().QuerySet), 1)
		// Try get_or_create again, this time nothing should be created.
		ed, created, err = authors().GetOrCreate(ctx, orm.Q{"name": "Ed"}, nil)
		check("book.authors.get_or_create(Ed) again", created, false, err)
		checkCount("book.authors.count()", count(t, authors().QuerySet), 1)
		// Add a second author to the book.
		fred, created, err := authors().GetOrCreate(ctx, orm.Q{"name": "Fred"}, nil)
		check("book.authors.get_or_create(Fred)", created, true, err)
		checkCount("book.authors.count()", count(t, authors().QuerySet), 2)

		// Create an Author not tied to any books.
		must(t, orm.Objects[GAuthor](db).Create(ctx, &GAuthor{Name: "Ted"}))
		checkCount("Author.objects.count()", count(t, orm.Objects[GAuthor](db)), 3)
		checkCount("book.authors.count()", count(t, authors().QuerySet), 2)

		// Try creating a book through an author.
		_, created, err = orm.Related[GBook](ed, "books").GetOrCreate(ctx, orm.Q{"name": "Ed's Recipes", "publisher": p}, nil)
		check("ed.books.get_or_create(publisher=p)", created, true, err)
		// Now Ed has two Books, Fred just one.
		checkCount("ed.books.count()", count(t, orm.Related[GBook](ed, "books").QuerySet), 2)
		checkCount("fred.books.count()", count(t, orm.Related[GBook](fred, "books").QuerySet), 1)

		// Use the publisher's primary key value instead of a model instance.
		_, created, err = orm.Related[GBook](ed, "books").GetOrCreate(ctx, orm.Q{"name": "The Great Book of Ed", "publisher_id": p.ID}, nil)
		check("ed.books.get_or_create(publisher_id=p.id)", created, true, err)
		// Try get_or_create again, this time nothing should be created.
		_, created, err = orm.Related[GBook](ed, "books").GetOrCreate(ctx, orm.Q{"name": "The Great Book of Ed", "publisher_id": p.ID}, nil)
		check("ed.books.get_or_create(publisher_id=p.id) again", created, false, err)
		// The publisher should have three books.
		checkCount("p.books.count()", count(t, books().QuerySet), 3)
	})
}

func TestGetOrCreate_GetOrCreateTests_test_defaults_exact(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		lookup := orm.Q{"first_name": "George", "last_name": "Harrison", "defaults__exact": "testing"}
		defaults := orm.Set{"birthday": date(1943, 2, 25), "defaults": "testing"}
		obj, created, err := persons(db).GetOrCreate(ctx, lookup, defaults)
		must(t, err)
		if !created || obj.Defaults != "testing" {
			t.Errorf("created=%v defaults=%q, want true, \"testing\"", created, obj.Defaults)
		}
		obj2, created, err := persons(db).GetOrCreate(ctx, lookup, defaults)
		must(t, err)
		if created || obj2.ID != obj.ID {
			t.Errorf("second call: created=%v id=%d, want false, %d", created, obj2.ID, obj.ID)
		}
	})
}

func TestGetOrCreate_GetOrCreateTests_test_callable_defaults(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		obj, created, err := persons(db).GetOrCreate(ctx, orm.Q{"first_name": "George"},
			orm.Set{"last_name": "Harrison", "birthday": func() any { return date(1943, 2, 25) }})
		must(t, err)
		if !created || !obj.Birthday.Equal(date(1943, 2, 25)) {
			t.Errorf("created=%v birthday=%v, want true, 1943-02-25", created, obj.Birthday)
		}
		if n := count(t, persons(db).Filter(orm.Q{"first_name": "George", "birthday": date(1943, 2, 25)})); n != 1 {
			t.Errorf("George's row with birthday 1943-02-25: %d, want 1", n)
		}
	})
}

func TestGetOrCreate_GetOrCreateTests_test_callable_defaults_not_called(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		called := false
		_, created, err := persons(db).GetOrCreate(ctx, orm.Q{"first_name": "John", "last_name": "Lennon"},
			orm.Set{"birthday": func() any { called = true; return date(2000, 1, 1) }})
		must(t, err)
		if called || created {
			t.Errorf("default called=%v created=%v, want neither", called, created)
		}
	})
}

func TestGetOrCreate_GetOrCreateTestsWithManualPKs_test_create_with_duplicate_primary_key(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		qs := orm.Objects[ManualPrimaryKeyTest](db)
		must(t, qs.Create(ctx, &ManualPrimaryKeyTest{ID: 1, Data: "Original"}))
		_, _, err := qs.GetOrCreate(ctx, orm.Q{"id": 1, "data": "Different"}, nil)
		if !isIntegrityError(err) {
			t.Errorf("get_or_create(id=1, data=Different): %v (%T), want *orm.IntegrityError", err, err)
		}
		got, err := qs.Get(ctx, orm.Q{"id": 1})
		if err != nil || got.Data != "Original" {
			t.Errorf("get(id=1) = %+v, %v; want data Original", got, err)
		}
	})
}

// The traceback Django inspects has no Go counterpart; what is left is that
// the IntegrityError reaches the caller.
func TestGetOrCreate_GetOrCreateTestsWithManualPKs_test_get_or_create_raises_IntegrityError_plus_traceback(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		qs := orm.Objects[ManualPrimaryKeyTest](db)
		must(t, qs.Create(ctx, &ManualPrimaryKeyTest{ID: 1, Data: "Original"}))
		_, _, err := qs.GetOrCreate(ctx, orm.Q{"id": 1, "data": "Different"}, nil)
		if !isIntegrityError(err) {
			t.Errorf("get_or_create(id=1, data=Different): %v (%T), want *orm.IntegrityError", err, err)
		}
	})
}

func TestGetOrCreate_GetOrCreateTestsWithManualPKs_test_savepoint_rollback(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		qs := orm.Objects[GTag](db)
		must(t, qs.Create(ctx, &GTag{Text: "foo"}))
		// pk 123456789 doesn't exist, so the tag object will be created.
		// Saving triggers a unique constraint violation on 'text'.
		_, _, err := qs.GetOrCreate(ctx, orm.Q{"pk": 123456789}, orm.Set{"text": "foo"})
		if !isIntegrityError(err) {
			t.Errorf("get_or_create(pk=123456789, defaults={text: foo}): %v (%T), want a database error (IntegrityError)", err, err)
		}
		// Tag objects can be created after the error.
		must(t, qs.Create(ctx, &GTag{Text: "bar"}))
		if n := count(t, qs); n != 2 {
			t.Errorf("tags = %d, want 2", n)
		}
	})
}

func TestGetOrCreate_GetOrCreateTestsWithManualPKs_test_get_or_create_empty(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		// Django 3.2: DefaultPerson(first_name="Anonymous") created, then got.
		obj, created, err := orm.Objects[DefaultPerson](db).GetOrCreate(ctx, nil, nil)
		must(t, err)
		if !created || obj.FirstName != "Anonymous" {
			t.Errorf("first call: created=%v first_name=%q, want true, Anonymous", created, obj.FirstName)
		}
		obj, created, err = orm.Objects[DefaultPerson](db).GetOrCreate(ctx, orm.Q{}, orm.Set{})
		must(t, err)
		if created || obj.FirstName != "Anonymous" {
			t.Errorf("second call: created=%v first_name=%q, want false, Anonymous", created, obj.FirstName)
		}
	})
}

func TestGetOrCreate_GetOrCreateTransactionTests_test_get_or_create_integrityerror(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := orm.Objects[Profile](db).GetOrCreate(ctx, orm.Q{"person": &Person{Model: orm.Model{ID: 1}}}, nil)
		if !isIntegrityError(err) {
			t.Errorf("Profile get_or_create(person=Person(id=1)): %v (%T), want *orm.IntegrityError", err, err)
		}
		if n := count(t, orm.Objects[Profile](db)); n != 0 {
			t.Errorf("profiles = %d, want 0", n)
		}
	})
}

func TestGetOrCreate_GetOrCreateThroughManyToMany_test_get_get_or_create(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		tag := &GTag{Text: "foo"}
		must(t, orm.Objects[GTag](db).Create(ctx, tag))
		aThing := &Thing{Name: "a"}
		must(t, orm.Objects[Thing](db).Create(ctx, aThing))
		must(t, orm.Related[GTag](aThing, "tags").Add(ctx, tag))
		obj, created, err := orm.Related[GTag](aThing, "tags").GetOrCreate(ctx, orm.Q{"text": "foo"}, nil)
		must(t, err)
		if created || obj.ID != tag.ID {
			t.Errorf("created=%v pk=%d, want false, %d", created, obj.ID, tag.ID)
		}
	})
}

func TestGetOrCreate_GetOrCreateThroughManyToMany_test_create_get_or_create(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		aThing := &Thing{Name: "a"}
		must(t, orm.Objects[Thing](db).Create(ctx, aThing))
		obj, created, err := orm.Related[GTag](aThing, "tags").GetOrCreate(ctx, orm.Q{"text": "foo"}, nil)
		must(t, err)
		if !created || obj.Text != "foo" {
			t.Errorf("created=%v text=%q, want true, foo", created, obj.Text)
		}
		tags, err := orm.Related[GTag](aThing, "tags").All(ctx)
		must(t, err)
		if len(tags) != 1 || tags[0].ID != obj.ID {
			t.Errorf("a_thing.tags.all() = %v, want the created tag %d", tags, obj.ID)
		}
	})
}

func TestGetOrCreate_GetOrCreateThroughManyToMany_test_something(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		must(t, orm.Objects[GTag](db).Create(ctx, &GTag{Text: "foo"}))
		aThing := &Thing{Name: "a"}
		must(t, orm.Objects[Thing](db).Create(ctx, aThing))
		_, _, err := orm.Related[GTag](aThing, "tags").GetOrCreate(ctx, orm.Q{"text": "foo"}, nil)
		if !isIntegrityError(err) {
			t.Errorf("a_thing.tags.get_or_create(text=foo): %v (%T), want *orm.IntegrityError", err, err)
		}
		// Django 3.2: nothing is linked, no tag is added.
		if n := count(t, orm.Related[GTag](aThing, "tags").QuerySet); n != 0 {
			t.Errorf("a_thing.tags.count() = %d, want 0", n)
		}
		if n := count(t, orm.Objects[GTag](db)); n != 1 {
			t.Errorf("Tag.objects.count() = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_update(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		p, created, err := persons(db).UpdateOrCreate(ctx, orm.Q{"first_name": "John", "last_name": "Lennon"},
			orm.Set{"birthday": date(1940, 10, 10)})
		must(t, err)
		if created || p.FirstName != "John" || p.LastName != "Lennon" || !p.Birthday.Equal(date(1940, 10, 10)) {
			t.Errorf("got %+v created=%v, want John Lennon 1940-10-10 not created", p, created)
		}
		if n := count(t, persons(db).Filter(orm.Q{"birthday": date(1940, 10, 10)})); n != 1 {
			t.Errorf("rows with the new birthday = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_create(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		p, created, err := persons(db).UpdateOrCreate(ctx, orm.Q{"first_name": "John", "last_name": "Lennon"},
			orm.Set{"birthday": date(1940, 10, 10)})
		must(t, err)
		if !created || p.FirstName != "John" || p.LastName != "Lennon" || !p.Birthday.Equal(date(1940, 10, 10)) {
			t.Errorf("got %+v created=%v, want John Lennon 1940-10-10 created", p, created)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_create_twice(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		params := orm.Q{"first_name": "John", "last_name": "Lennon", "birthday": date(1940, 10, 10)}
		_, created, err := persons(db).UpdateOrCreate(ctx, params, nil)
		must(t, err)
		if !created {
			t.Error("first call: created = false, want true")
		}
		// If we execute the exact same statement, it won't create a Person.
		_, created, err = persons(db).UpdateOrCreate(ctx, params, nil)
		must(t, err)
		if created {
			t.Error("second call: created = true, want false")
		}
		if n := count(t, persons(db)); n != 1 {
			t.Errorf("count = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_manual_primary_key_test(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		qs := orm.Objects[ManualPrimaryKeyTest](db)
		must(t, qs.Create(ctx, &ManualPrimaryKeyTest{ID: 1, Data: "Original"}))
		_, _, err := qs.UpdateOrCreate(ctx, orm.Q{"id": 1, "data": "Different"}, nil)
		if !isIntegrityError(err) {
			t.Errorf("update_or_create(id=1, data=Different): %v (%T), want *orm.IntegrityError", err, err)
		}
		got, err := qs.Get(ctx, orm.Q{"id": 1})
		if err != nil || got.Data != "Original" {
			t.Errorf("get(id=1) = %+v, %v; want data Original", got, err)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_with_pk_property(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		thing, created, err := orm.Objects[Thing](db).UpdateOrCreate(ctx, orm.Q{"pk": 1}, nil)
		must(t, err)
		if !created || thing.ID != 1 || thing.Name != "" {
			t.Errorf("got id=%d name=%q created=%v, want id=1 name=\"\" created=true", thing.ID, thing.Name, created)
		}
		// Django 3.2: a second call finds it.
		_, created, err = orm.Objects[Thing](db).UpdateOrCreate(ctx, orm.Q{"pk": 1}, nil)
		must(t, err)
		if created {
			t.Error("second call: created = true, want false")
		}
	})
}

// The traceback Django inspects has no Go counterpart; what is left is that
// the IntegrityError reaches the caller. Django's test has no row with
// id 1 first, so update_or_create creates it and raises nothing; Django
// checks the traceback only if it raises.
func TestGetOrCreate_UpdateOrCreateTests_test_error_contains_full_traceback(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		qs := orm.Objects[ManualPrimaryKeyTest](db)
		obj, created, err := qs.UpdateOrCreate(ctx, orm.Q{"id": 1, "data": "Different"}, nil)
		must(t, err)
		if !created || obj.ID != 1 || obj.Data != "Different" {
			t.Errorf("got %+v created=%v, want id 1 Different created", obj, created)
		}
		_, _, err = qs.UpdateOrCreate(ctx, orm.Q{"id": 1, "data": "Other"}, nil)
		if !isIntegrityError(err) {
			t.Errorf("update_or_create(id=1, data=Other): %v (%T), want *orm.IntegrityError", err, err)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_create_with_related_manager(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		p := &GPublisher{Name: "Acme Publishing"}
		must(t, orm.Objects[GPublisher](db).Create(ctx, p))
		book, created, err := orm.Related[GBook](p, "books").UpdateOrCreate(ctx, orm.Q{"name": "The Book of Ed & Fred"}, nil)
		must(t, err)
		if !created || book.Publisher.ID() != any(p.ID) {
			t.Errorf("created=%v publisher=%v, want true, %d", created, book.Publisher.ID(), p.ID)
		}
		if n := count(t, orm.Related[GBook](p, "books").QuerySet); n != 1 {
			t.Errorf("p.books.count() = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_update_with_related_manager(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		p := &GPublisher{Name: "Acme Publishing"}
		must(t, orm.Objects[GPublisher](db).Create(ctx, p))
		book := &GBook{Name: "The Book of Ed & Fred", Publisher: orm.Ref(p)}
		must(t, orm.Objects[GBook](db).Create(ctx, book))
		if n := count(t, orm.Related[GBook](p, "books").QuerySet); n != 1 {
			t.Errorf("p.books.count() = %d, want 1", n)
		}
		name := "The Book of Django"
		got, created, err := orm.Related[GBook](p, "books").UpdateOrCreate(ctx, orm.Q{"id": book.ID}, orm.Set{"name": name})
		must(t, err)
		if created || got.Name != name {
			t.Errorf("created=%v name=%q, want false, %q", created, got.Name, name)
		}
		if n := count(t, orm.Related[GBook](p, "books").QuerySet); n != 1 {
			t.Errorf("p.books.count() = %d, want 1", n)
		}
		if n := count(t, orm.Objects[GBook](db).Filter(orm.Q{"name": name})); n != 1 {
			t.Errorf("books named %q = %d, want 1", name, n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_create_with_many(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		p := &GPublisher{Name: "Acme Publishing"}
		must(t, orm.Objects[GPublisher](db).Create(ctx, p))
		author := &GAuthor{Name: "Ted"}
		must(t, orm.Objects[GAuthor](db).Create(ctx, author))
		_, created, err := orm.Related[GBook](author, "books").UpdateOrCreate(ctx,
			orm.Q{"name": "The Book of Ed & Fred", "publisher": p}, nil)
		must(t, err)
		if !created {
			t.Error("created = false, want true")
		}
		if n := count(t, orm.Related[GBook](author, "books").QuerySet); n != 1 {
			t.Errorf("author.books.count() = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_update_with_many(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		p := &GPublisher{Name: "Acme Publishing"}
		must(t, orm.Objects[GPublisher](db).Create(ctx, p))
		author := &GAuthor{Name: "Ted"}
		must(t, orm.Objects[GAuthor](db).Create(ctx, author))
		book := &GBook{Name: "The Book of Ed & Fred", Publisher: orm.Ref(p)}
		must(t, orm.Objects[GBook](db).Create(ctx, book))
		must(t, orm.Related[GAuthor](book, "authors").Add(ctx, author))
		if n := count(t, orm.Related[GBook](author, "books").QuerySet); n != 1 {
			t.Errorf("author.books.count() = %d, want 1", n)
		}
		name := "The Book of Django"
		got, created, err := orm.Related[GBook](author, "books").UpdateOrCreate(ctx, orm.Q{"id": book.ID}, orm.Set{"name": name})
		must(t, err)
		if created || got.Name != name {
			t.Errorf("created=%v name=%q, want false, %q", created, got.Name, name)
		}
		if n := count(t, orm.Related[GBook](author, "books").QuerySet); n != 1 {
			t.Errorf("author.books.count() = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_defaults_exact(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lookup := orm.Q{"first_name": "George", "last_name": "Harrison", "defaults__exact": "testing"}
		obj, created, err := persons(db).UpdateOrCreate(ctx, lookup, orm.Set{"birthday": date(1943, 2, 25), "defaults": "testing"})
		must(t, err)
		if !created || obj.Defaults != "testing" {
			t.Errorf("created=%v defaults=%q, want true, \"testing\"", created, obj.Defaults)
		}
		obj, created, err = persons(db).UpdateOrCreate(ctx, lookup, orm.Set{"birthday": date(1943, 2, 25), "defaults": "another testing"})
		must(t, err)
		if created || obj.Defaults != "another testing" {
			t.Errorf("second call: created=%v defaults=%q, want false, \"another testing\"", created, obj.Defaults)
		}
		if n := count(t, persons(db).Filter(orm.Q{"defaults": "another testing"})); n != 1 {
			t.Errorf("rows with defaults \"another testing\" = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_create_callable_default(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		obj, created, err := persons(db).UpdateOrCreate(ctx, orm.Q{"first_name": "George", "last_name": "Harrison"},
			orm.Set{"birthday": func() any { return date(1943, 2, 25) }})
		must(t, err)
		if !created || !obj.Birthday.Equal(date(1943, 2, 25)) {
			t.Errorf("created=%v birthday=%v, want true, 1943-02-25", created, obj.Birthday)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTests_test_update_callable_default(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := persons(db).UpdateOrCreate(ctx, orm.Q{"first_name": "George", "last_name": "Harrison", "birthday": date(1942, 2, 25)}, nil)
		must(t, err)
		obj, created, err := persons(db).UpdateOrCreate(ctx, orm.Q{"first_name": "George"},
			orm.Set{"last_name": func() any { return "NotHarrison" }})
		must(t, err)
		if created || obj.LastName != "NotHarrison" {
			t.Errorf("created=%v last_name=%q, want false, NotHarrison", created, obj.LastName)
		}
		if n := count(t, persons(db).Filter(orm.Q{"last_name": "NotHarrison"})); n != 1 {
			t.Errorf("rows with last_name NotHarrison = %d, want 1", n)
		}
	})
}

func TestGetOrCreate_UpdateOrCreateTestsWithManualPKs_test_create_with_duplicate_primary_key(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		qs := orm.Objects[ManualPrimaryKeyTest](db)
		must(t, qs.Create(ctx, &ManualPrimaryKeyTest{ID: 1, Data: "Original"}))
		_, _, err := qs.UpdateOrCreate(ctx, orm.Q{"id": 1, "data": "Different"}, nil)
		if !isIntegrityError(err) {
			t.Errorf("update_or_create(id=1, data=Different): %v (%T), want *orm.IntegrityError", err, err)
		}
		got, err := qs.Get(ctx, orm.Q{"id": 1})
		if err != nil || got.Data != "Original" {
			t.Errorf("get(id=1) = %+v, %v; want data Original", got, err)
		}
	})
}

// InvalidCreateArgumentsTests: msg is "Invalid field name(s) for model
// Thing: 'nonexistent'." (defaults), bad_field_msg "Cannot resolve keyword
// 'nonexistent' into field. Choices are: id, name, tags" (lookups).

var thingChoices = []string{"id", "name", "tags"}

func TestGetOrCreate_InvalidCreateArgumentsTests_test_get_or_create_with_invalid_defaults(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := orm.Objects[Thing](db).GetOrCreate(ctx, orm.Q{"name": "a"}, orm.Set{"nonexistent": "b"})
		assertFieldError(t, "get_or_create(name=a, defaults={nonexistent: b})", err, "nonexistent", nil)
		if n := count(t, orm.Objects[Thing](db)); n != 0 {
			t.Errorf("things = %d, want 0", n)
		}
	})
}

func TestGetOrCreate_InvalidCreateArgumentsTests_test_get_or_create_with_invalid_kwargs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := orm.Objects[Thing](db).GetOrCreate(ctx, orm.Q{"name": "a", "nonexistent": "b"}, nil)
		assertFieldError(t, "get_or_create(name=a, nonexistent=b)", err, "nonexistent", thingChoices)
	})
}

func TestGetOrCreate_InvalidCreateArgumentsTests_test_update_or_create_with_invalid_defaults(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := orm.Objects[Thing](db).UpdateOrCreate(ctx, orm.Q{"name": "a"}, orm.Set{"nonexistent": "b"})
		assertFieldError(t, "update_or_create(name=a, defaults={nonexistent: b})", err, "nonexistent", nil)
		if n := count(t, orm.Objects[Thing](db)); n != 0 {
			t.Errorf("things = %d, want 0", n)
		}
	})
}

func TestGetOrCreate_InvalidCreateArgumentsTests_test_update_or_create_with_invalid_kwargs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := orm.Objects[Thing](db).UpdateOrCreate(ctx, orm.Q{"name": "a", "nonexistent": "b"}, nil)
		assertFieldError(t, "update_or_create(name=a, nonexistent=b)", err, "nonexistent", thingChoices)
	})
}

func TestGetOrCreate_InvalidCreateArgumentsTests_test_multiple_invalid_fields(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := orm.Objects[Thing](db).UpdateOrCreate(ctx, orm.Q{"name": "a", "nonexistent": "b"}, orm.Set{"invalid": "c"})
		assertFieldError(t, "update_or_create(name=a, nonexistent=b, defaults={invalid: c})", err, "nonexistent", thingChoices)
	})
}

func TestGetOrCreate_InvalidCreateArgumentsTests_test_property_attribute_without_setter_defaults(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := orm.Objects[Thing](db).UpdateOrCreate(ctx, orm.Q{"name": "a"}, orm.Set{"name_in_all_caps": "FRANK"})
		assertFieldError(t, "update_or_create(name=a, defaults={name_in_all_caps: FRANK})", err, "name_in_all_caps", nil)
		if n := count(t, orm.Objects[Thing](db)); n != 0 {
			t.Errorf("things = %d, want 0", n)
		}
	})
}

func TestGetOrCreate_InvalidCreateArgumentsTests_test_property_attribute_without_setter_kwargs(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		_, _, err := orm.Objects[Thing](db).UpdateOrCreate(ctx, orm.Q{"name_in_all_caps": "FRANK"}, orm.Set{"name": "Frank"})
		assertFieldError(t, "update_or_create(name_in_all_caps=FRANK, defaults={name: Frank})", err, "name_in_all_caps", thingChoices)
	})
}

// Django answers IntegrityError from the database (birthday NOT NULL);
// djorm refuses a zero time.Time in a NOT NULL field before the INSERT
// with a *ValidationError, on purpose (doc.go: Go zero values are values,
// and a zero time is never a date anyone meant). No row is written either
// way.
func TestGetOrCreate_GetOrCreateTests_test_get_or_create_invalid_params(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		c, _ := captureSQL(t)
		_, _, err := persons(db).GetOrCreate(c, orm.Q{"first_name": "Tom", "last_name": "Smith"}, nil)
		var ve *orm.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("get_or_create(first_name=Tom, last_name=Smith): %v (%T), want *orm.ValidationError", err, err)
		}
		if n := count(t, persons(db)); n != 1 {
			t.Errorf("count = %d, want 1", n)
		}
	})
}

// As test_get_or_create_invalid_params, through UpdateOrCreate.
func TestGetOrCreate_UpdateOrCreateTests_test_integrity(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		c, _ := captureSQL(t)
		_, _, err := persons(db).UpdateOrCreate(c, orm.Q{"first_name": "Tom", "last_name": "Smith"}, nil)
		var ve *orm.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("update_or_create(first_name=Tom, last_name=Smith): %v (%T), want *orm.ValidationError", err, err)
		}
		if n := count(t, persons(db)); n != 0 {
			t.Errorf("count = %d, want 0", n)
		}
	})
}
