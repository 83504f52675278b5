package deferlocks

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2's tests/select_for_update/tests.py (SelectForUpdateTests, a
// TransactionTestCase: the rows of setUp are committed, so other
// transactions see them).
//
// Django gates each method on a feature flag; the ports gate on djorm's
// dialect Features: where Django skips a method because the backend has
// the feature (the test_unsupported_* ones) the port skips too; where
// Django skips because has_select_for_update is False (SQLite), the port
// asserts djorm's documented NotSupportedError instead.
//
// The methods on the multi-table models (Entity, Country(Entity),
// EUCountry(Country), EUCity) follow Django 3.2's expected text; those
// naming a parent link in of=(...) (country_ptr, entity_ptr), and those
// whose FieldError choices list parent links, are in
// deferlocks_failing_test.go.
//
// Skipped Django methods:
//   - test_for_update_after_from: mocks the backend feature flag
//     for_update_after_from; djorm's dialects have no such switch to patch.
//   - test_select_for_update_on_multidb: database routers (db_for_write);
//     djorm has none.
//   - test_unsupported_select_for_update_with_limit: runs on Oracle only
//     (supports_select_for_update_with_limit is True on every live backend).

func sfuSetUp(t *testing.T, db *orm.DB) (*SPerson, *SPersonProfile, *SCity, *SCity) {
	t.Helper()
	resetTables(t, db, sfuModels)
	country1, country2 := &Country{Name: "Belgium"}, &Country{Name: "France"}
	must(t, orm.Objects[Country](db).Create(ctx, country1))
	must(t, orm.Objects[Country](db).Create(ctx, country2))
	city1 := &SCity{Name: "Liberchies", Country: orm.Ref(country1)}
	city2 := &SCity{Name: "Samois-sur-Seine", Country: orm.Ref(country2)}
	must(t, orm.Objects[SCity](db).Create(ctx, city1))
	must(t, orm.Objects[SCity](db).Create(ctx, city2))
	person := &SPerson{Name: "Reinhardt", Born: orm.Ref(city1), Died: orm.Ref(city2)}
	must(t, persons(db).Create(ctx, person))
	profile := &SPersonProfile{Person: orm.OneToOne[SPerson]{ForeignKey: orm.Ref(person)}}
	must(t, orm.Objects[SPersonProfile](db).Create(ctx, profile))
	return person, profile, city1, city2
}

func persons(db *orm.DB) *orm.QuerySet[*SPerson] { return orm.Objects[SPerson](db) }

func features(db *orm.DB) *dialects.Features { return db.Dialect().Features() }

// atomic runs fn in a transaction on db with c.
func atomic(c context.Context, db *orm.DB, fn func(c context.Context) error) error {
	return orm.Atomic(c, db, fn)
}

// assertNotSupported is assertRaises(NotSupportedError) (or djorm's
// documented refusal of select_for_update on SQLite).
func assertNotSupported(t *testing.T, what string, err error) {
	t.Helper()
	if !isNotSupported(err) {
		t.Errorf("%s: %v (%T), want a *orm.NotSupportedError", what, err, err)
	}
}

// hasForUpdateSQL is has_for_update_sql: some statement holds want.
func hasForUpdateSQL(captured *orm.Captured, want string) bool {
	for _, q := range captured.Queries() {
		if strings.Contains(q.SQL, want) {
			return true
		}
	}
	return false
}

// sqlGenerated runs list(qs) in atomic() and checks the statement holds
// want; where the backend lacks select_for_update it asserts the refusal,
// and where it lacks the option (supported false) it skips, as Django.
func sqlGenerated(t *testing.T, db *orm.DB, supported bool, qs *orm.QuerySet[*SPerson], want string) {
	t.Helper()
	c, captured := captureSQL(t)
	err := atomic(c, db, func(c context.Context) error { _, err := qs.All(c); return err })
	switch {
	case !features(db).SelectForUpdate:
		assertNotSupported(t, "select_for_update on "+db.Dialect().Name(), err)
	case !supported:
		t.Skipf("%s lacks the option (Django skips; test_unsupported_* covers it)", db.Dialect().Name())
	case err != nil:
		t.Errorf("list(qs): %v", err)
	case !hasForUpdateSQL(captured, want):
		t.Errorf("no statement holds %q", want)
	}
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_generated(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		sqlGenerated(t, db, true, persons(db).SelectForUpdate(), "FOR UPDATE")
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_generated_nowait(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		sqlGenerated(t, db, features(db).NoWait, persons(db).SelectForUpdate(orm.NoWait()), "FOR UPDATE NOWAIT")
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_generated_skip_locked(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		sqlGenerated(t, db, features(db).SkipLocked, persons(db).SelectForUpdate(orm.SkipLocked()), "FOR UPDATE SKIP LOCKED")
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_update_sql_generated_no_key(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		sqlGenerated(t, db, features(db).LockNoKey, persons(db).SelectForUpdate(orm.NoKey()), "FOR NO KEY UPDATE")
	})
}

// quoteNames quotes table names as the backend does ("x" or `x`).
func quoteNames(db *orm.DB, names ...string) string {
	q := `"`
	if strings.HasPrefix(db.Dialect().Name(), "m") { // mysql, mariadb
		q = "`"
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = q + n + q
	}
	return strings.Join(out, ", ")
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_generated_of(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		qs := persons(db).SelectRelated("born__country").SelectForUpdate(orm.Of("born__country")).
			SelectForUpdate(orm.Of("self", "born__country"))
		sqlGenerated(t, db, features(db).LockOf, qs,
			"FOR UPDATE OF "+quoteNames(db, "select_for_update_person", "select_for_update_country"))
	})
}

// ofSQLGenerated runs fn (a list(qs) with select_for_update(of=...)) in
// atomic() and checks a statement holds want, where the backend has FOR
// UPDATE OF; without select_for_update it asserts djorm's refusal, and
// without OF it skips, as Django (test_unsupported_of_raises_error covers
// the refusal).
func ofSQLGenerated(t *testing.T, db *orm.DB, fn func(c context.Context) error, want string) {
	t.Helper()
	c, captured := captureSQL(t)
	err := atomic(c, db, fn)
	switch {
	case !features(db).SelectForUpdate:
		assertNotSupported(t, "select_for_update", err)
	case !features(db).LockOf:
		t.Skip("no FOR UPDATE OF (Django skips)")
	case err != nil:
		t.Errorf("list(qs): %v", err)
	case !hasForUpdateSQL(captured, want):
		t.Errorf("no statement holds %q", want)
	}
}

// listOf is list(qs.select_for_update(of=of)) for the ofSQLGenerated cases.
func listOf[T any](qs *orm.QuerySet[*T], of ...string) func(c context.Context) error {
	return func(c context.Context) error {
		_, err := qs.SelectForUpdate(orm.Of(of...)).All(c)
		return err
	}
}

// Django's expected text is for_update_sql(of=[table names]) on the
// backends that lock tables (PostgreSQL, MySQL: select_for_update_of_column
// is False there); djorm's Oracle dialect names columns, as Django's.
func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_model_inheritance_generated_of(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		ofSQLGenerated(t, db, listOf(orm.Objects[EUCountry](db), "self"),
			"FOR UPDATE OF "+quoteNames(db, "select_for_update_eucountry"))
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_related_model_inheritance_generated_of(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		ofSQLGenerated(t, db, listOf(orm.Objects[SEUCity](db).SelectRelated("country"), "self", "country"),
			"FOR UPDATE OF "+quoteNames(db, "select_for_update_eucity", "select_for_update_eucountry"))
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_model_proxy_generated_of(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		ofSQLGenerated(t, db, listOf(orm.Objects[SCityCountryProxy](db).SelectRelated("country"), "country"),
			"FOR UPDATE OF "+quoteNames(db, "select_for_update_country"))
	})
}

// ofCase runs fn (a select_for_update(of=...) case) where the backend has
// FOR UPDATE OF; elsewhere it asserts djorm refuses it.
func ofCase(t *testing.T, db *orm.DB, fn func(c context.Context) error) (error, bool) {
	t.Helper()
	c, _ := captureSQL(t)
	err := atomic(c, db, fn)
	if !features(db).LockOf {
		assertNotSupported(t, "select_for_update(of=...) on "+db.Dialect().Name(), err)
		return err, false
	}
	return err, true
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_of_followed_by_values(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		person, _, _, _ := sfuSetUp(t, db)
		var rows []orm.Row
		err, ok := ofCase(t, db, func(c context.Context) (err error) {
			rows, err = persons(db).SelectForUpdate(orm.Of("self")).Values("pk").All(c)
			return err
		})
		if ok {
			if want := fmt.Sprint([]orm.Row{{"pk": person.ID}}); err != nil || fmt.Sprint(rows) != want {
				t.Errorf("values = %v (%v), want %s", rows, err, want)
			}
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_of_followed_by_values_list(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		person, _, _, _ := sfuSetUp(t, db)
		var rows [][]any
		err, ok := ofCase(t, db, func(c context.Context) (err error) {
			rows, err = persons(db).SelectForUpdate(orm.Of("self")).ValuesList("pk").All(c)
			return err
		})
		if ok {
			if want := fmt.Sprint([][]any{{person.ID}}); err != nil || fmt.Sprint(rows) != want {
				t.Errorf("values_list = %v (%v), want %s", rows, err, want)
			}
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_of_self_when_self_is_not_selected(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		_, _, city1, _ := sfuSetUp(t, db)
		var rows []orm.Row
		err, ok := ofCase(t, db, func(c context.Context) (err error) {
			rows, err = persons(db).SelectRelated("born").SelectForUpdate(orm.Of("self")).Values("born__name").All(c)
			return err
		})
		if ok {
			if want := fmt.Sprint([]orm.Row{{"born__name": city1.Name}}); err != nil || fmt.Sprint(rows) != want {
				t.Errorf("values = %v (%v), want %s", rows, err, want)
			}
		}
	})
}

// blocking is start_blocking_transaction: another transaction (another
// connection) holds FOR UPDATE locks on every Person row until release.
type blocking struct {
	release chan struct{}
	done    chan error
}

func startBlockingTransaction(t *testing.T, db *orm.DB) *blocking {
	t.Helper()
	b := &blocking{release: make(chan struct{}), done: make(chan error, 1)}
	locked := make(chan error, 1)
	go func() {
		b.done <- orm.Atomic(ctx, db, func(c context.Context) error {
			_, err := persons(db).SelectForUpdate().All(c)
			locked <- err
			if err != nil {
				return err
			}
			<-b.release
			return errors.New("roll back the blocking transaction")
		})
	}()
	if err := <-locked; err != nil {
		t.Fatalf("start_blocking_transaction: %v", err)
	}
	t.Cleanup(b.end)
	return b
}

// end is end_blocking_transaction: roll the blocking transaction back.
func (b *blocking) end() {
	select {
	case <-b.release:
		return
	default:
	}
	close(b.release)
	<-b.done
}

// runSelectForUpdate is run_select_for_update: lock the only Person, rename
// it Fred and commit.
func runSelectForUpdate(db *orm.DB, opts ...orm.LockOption) error {
	return orm.Atomic(ctx, db, func(c context.Context) error {
		person, err := persons(db).SelectForUpdate(opts...).Get(c)
		if err != nil {
			return err
		}
		person.Name = "Fred"
		return db.Save(c, person)
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_nowait_raises_error_on_block(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		if !features(db).NoWait {
			assertNotSupported(t, "nowait", runSelectForUpdate(db, orm.NoWait()))
			return
		}
		b := startBlockingTransaction(t, db)
		err := runSelectForUpdate(db, orm.NoWait())
		b.end()
		if !errors.Is(err, orm.ErrLockNotAvailable) {
			t.Errorf("select_for_update(nowait=True) on a locked row: %v; Django raises DatabaseError (djorm: ErrLockNotAvailable)", err)
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_skip_locked_skips_locked_rows(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		if !features(db).SkipLocked {
			assertNotSupported(t, "skip_locked", runSelectForUpdate(db, orm.SkipLocked()))
			return
		}
		b := startBlockingTransaction(t, db)
		err := runSelectForUpdate(db, orm.SkipLocked())
		b.end()
		if !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("select_for_update(skip_locked=True).get() with the row locked: %v; want Person.DoesNotExist", err)
		}
	})
}

// unsupportedCase is a test_unsupported_*: where the backend lacks the
// option, the query is a NotSupportedError; where it has it, Django skips.
func unsupportedCase(t *testing.T, db *orm.DB, has bool, opt orm.LockOption) {
	t.Helper()
	if has {
		t.Skipf("%s supports the option (Django skips)", db.Dialect().Name())
	}
	c, _ := captureSQL(t)
	err := atomic(c, db, func(c context.Context) error { _, err := persons(db).SelectForUpdate(opt).Get(c); return err })
	assertNotSupported(t, "select_for_update(...).get()", err)
}

func TestSelectForUpdate_SelectForUpdateTests_test_unsupported_nowait_raises_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		unsupportedCase(t, db, features(db).NoWait, orm.NoWait())
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_unsupported_skip_locked_raises_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		unsupportedCase(t, db, features(db).SkipLocked, orm.SkipLocked())
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_unsupported_of_raises_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		unsupportedCase(t, db, features(db).LockOf, orm.Of("self"))
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_unsuported_no_key_raises_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		unsupportedCase(t, db, features(db).LockNoKey, orm.NoKey())
	})
}

// assertOfFieldError checks err is the FieldError of select_for_update(of=)
// for an invalid name, with choices want.
func assertOfFieldError(t *testing.T, what string, err error, want []string) {
	t.Helper()
	var fe *orm.FieldError
	if !errors.As(err, &fe) {
		t.Errorf("%s: %v (%T), want a *orm.FieldError", what, err, err)
		return
	}
	if g, w := sortedStrings(fe.Choices), sortedStrings(want); g != w {
		t.Errorf("%s: choices %s, want %s (%v)", what, g, w, err)
	}
}

// ofNameCase runs fn, a select_for_update(of=...) naming something the
// query does not follow, in atomic(). Django runs these methods only where
// FOR UPDATE OF exists; djorm checks the names first on every backend, so
// the FieldError is asserted everywhere.
func ofNameCase(t *testing.T, db *orm.DB, fn func(c context.Context) error) error {
	t.Helper()
	c, _ := captureSQL(t)
	return atomic(c, db, fn)
}

func TestSelectForUpdate_SelectForUpdateTests_test_related_but_unselected_of_argument_raises_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		for _, name := range []string{"born__country", "died", "died__country"} {
			err := ofNameCase(t, db, func(c context.Context) error {
				_, err := persons(db).SelectRelated("born", "profile").Exclude(orm.Q{"profile": nil}).
					SelectForUpdate(orm.Of(name)).Get(c)
				return err
			})
			assertOfFieldError(t, "of="+name, err, []string{"self", "born", "profile"})
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_reverse_one_to_one_of_arguments(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		_, profile, _, _ := sfuSetUp(t, db)
		var person *SPerson
		err, ok := ofCase(t, db, func(c context.Context) (err error) {
			person, err = persons(db).SelectRelated("profile").Exclude(orm.Q{"profile": nil}).
				SelectForUpdate(orm.Of("profile")).Get(c)
			return err
		})
		if ok {
			if err != nil {
				t.Fatalf("get(): %v", err)
			}
			p, err := orm.Related[SPersonProfile](person, "profile").Get(ctx)
			if err != nil || p == nil || p.ID != profile.ID {
				t.Errorf("person.profile = %v (%v), want profile %d", p, err, profile.ID)
			}
		}
	})
}

// assertRequiresTransaction is assertRaisesMessage(TransactionManagementError,
// 'select_for_update cannot be used outside of a transaction.'); on SQLite
// djorm's NotSupportedError is a refusal too (Django skips there).
func assertRequiresTransaction(t *testing.T, db *orm.DB, err error) {
	t.Helper()
	if errors.Is(err, orm.ErrTransactionManagement) || !features(db).SelectForUpdate && isNotSupported(err) {
		return
	}
	t.Errorf("select_for_update outside a transaction: %v; want ErrTransactionManagement", err)
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_requires_transaction(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		c, captured := captureSQL(t)
		_, err := persons(db).SelectForUpdate().All(c)
		assertRequiresTransaction(t, db, err)
		if captured.Count() != 0 {
			t.Errorf("%d statements sent, want none", captured.Count())
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_for_update_requires_transaction_only_in_execution(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		c, _ := captureSQL(t)
		people := persons(db).SelectForUpdate() // no error while building
		_, err := people.All(c)
		assertRequiresTransaction(t, db, err)
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_select_for_update_with_limit(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		person, _, city1, city2 := sfuSetUp(t, db)
		other := &SPerson{Name: "Grappeli", Born: orm.Ref(city1), Died: orm.Ref(city2)}
		must(t, persons(db).Create(ctx, other))
		c, _ := captureSQL(t)
		var rows []*SPerson
		err := atomic(c, db, func(c context.Context) (err error) {
			rows, err = persons(db).OrderBy("pk").SelectForUpdate().Slice(1, 2).All(c)
			return err
		})
		switch {
		case !features(db).SelectForUpdate:
			assertNotSupported(t, "select_for_update", err)
		case err != nil || len(rows) != 1 || rows[0].ID != other.ID:
			t.Errorf("qs[1:2] = %v (%v), want [Grappeli %d] (not %d)", rows, err, other.ID, person.ID)
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_block(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		person, _, _, _ := sfuSetUp(t, db)
		if !features(db).SelectForUpdate {
			assertNotSupported(t, "select_for_update", runSelectForUpdate(db))
			return
		}
		b := startBlockingTransaction(t, db)
		done := make(chan error, 1)
		go func() { done <- runSelectForUpdate(db) }()
		// The goroutine blocks on the lock.
		if !testkit.WaitForLockWait(t, db) {
			t.Fatal("the select_for_update did not block on the locked row")
		}
		select {
		case err := <-done:
			t.Fatalf("select_for_update returned while the row was locked: %v", err)
		default:
		}
		// Without FOR UPDATE the row reads at once, unchanged.
		p, err := persons(db).Get(ctx, orm.Q{"pk": person.ID})
		if err != nil || p.Name != "Reinhardt" {
			t.Errorf("person while blocked = %v (%v), want Reinhardt", p, err)
		}
		// Ending the blocking transaction lets the goroutine finish.
		b.end()
		if err := <-done; err != nil {
			t.Errorf("run_select_for_update: %v", err)
		}
		p, err = persons(db).Get(ctx, orm.Q{"pk": person.ID})
		if err != nil || p.Name != "Fred" {
			t.Errorf("person after = %v (%v), want Fred", p, err)
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_raw_lock_not_available(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		if !features(db).SelectForUpdate {
			t.Skip("raw FOR UPDATE NOWAIT: no select_for_update on this backend (Django skips)")
		}
		b := startBlockingTransaction(t, db)
		c, _ := captureSQL(t)
		_, err := orm.Raw[SPerson](db, "SELECT * FROM select_for_update_person FOR UPDATE NOWAIT").All(c)
		b.end()
		if err == nil {
			t.Error("raw SELECT ... FOR UPDATE NOWAIT on a locked row: no error; Django raises DatabaseError")
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_select_for_update_with_get(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		c, _ := captureSQL(t)
		var person *SPerson
		err := atomic(c, db, func(c context.Context) (err error) {
			person, err = persons(db).SelectForUpdate().Get(c, orm.Q{"name": "Reinhardt"})
			return err
		})
		switch {
		case !features(db).SelectForUpdate:
			assertNotSupported(t, "select_for_update", err)
		case err != nil || person.Name != "Reinhardt":
			t.Errorf("get(name=Reinhardt) = %v (%v)", person, err)
		}
	})
}

func TestSelectForUpdate_SelectForUpdateTests_test_ordered_select_for_update(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		c, _ := captureSQL(t)
		var sql string
		err := atomic(c, db, func(c context.Context) (err error) {
			qs := persons(db).Filter(orm.Q{"id__in": persons(db).OrderBy("-id").SelectForUpdate()})
			sql, _, err = qs.SQL()
			return err
		})
		// Django runs this method on every backend (SQLite too, where it
		// ignores select_for_update); djorm on SQLite accepts the locking
		// subquery as well, so Django's answer is asserted everywhere.
		if err != nil || !strings.Contains(sql, "ORDER BY") {
			t.Errorf("str(qs.query) = %q (%v), want it to hold ORDER BY", sql, err)
		}
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestSelectForUpdate_SelectForUpdateTests_test_nowait_and_skip_locked(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		captureSQL(t)
		_, _, err := persons(db).SelectForUpdate(orm.NoWait(), orm.SkipLocked()).SQL()
		if !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("select_for_update(nowait=True, skip_locked=True): %v; Django raises ValueError "+
				"'The nowait option cannot be used with skip_locked.'", err)
		}
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_model_inheritance_ptr_generated_of(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		ofSQLGenerated(t, db, listOf(orm.Objects[EUCountry](db), "self", "country_ptr"),
			"FOR UPDATE OF "+quoteNames(db, "select_for_update_eucountry", "select_for_update_country"))
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_model_inheritance_nested_ptr_generated_of(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		ofSQLGenerated(t, db, listOf(orm.Objects[SEUCity](db).SelectRelated("country"), "self", "country__country_ptr"),
			"FOR UPDATE OF "+quoteNames(db, "select_for_update_eucity", "select_for_update_country"))
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestSelectForUpdate_SelectForUpdateTests_test_for_update_sql_multilevel_model_inheritance_ptr_generated_of(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		ofSQLGenerated(t, db, listOf(orm.Objects[EUCountry](db), "country_ptr", "country_ptr__entity_ptr"),
			"FOR UPDATE OF "+quoteNames(db, "select_for_update_country", "select_for_update_entity"))
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestSelectForUpdate_SelectForUpdateTests_test_model_inheritance_of_argument_raises_error_ptr_in_choices(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		err := ofNameCase(t, db, func(c context.Context) error {
			_, err := orm.Objects[SEUCity](db).SelectRelated("country").SelectForUpdate(orm.Of("name")).Get(c)
			return err
		})
		assertOfFieldError(t, "EUCity of=name", err,
			[]string{"self", "country", "country__country_ptr", "country__country_ptr__entity_ptr"})
		err = ofNameCase(t, db, func(c context.Context) error {
			_, err := orm.Objects[EUCountry](db).SelectForUpdate(orm.Of("name")).Get(c)
			return err
		})
		assertOfFieldError(t, "EUCountry of=name", err, []string{"self", "country_ptr", "country_ptr__entity_ptr"})
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestSelectForUpdate_SelectForUpdateTests_test_unrelated_of_argument_raises_error(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		for _, of := range [][]string{{"nonexistent"}, {"name"}, {"born__nonexistent"}, {"born__name"},
			{"born__nonexistent", "born__name"}} {
			err := ofNameCase(t, db, func(c context.Context) error {
				_, err := persons(db).SelectRelated("born__country").SelectForUpdate(orm.Of(of...)).Get(c)
				return err
			})
			assertOfFieldError(t, fmt.Sprintf("of=%v", of), err,
				[]string{"self", "born", "born__country", "born__country__entity_ptr"})
		}
	})
}

// Django 3.2's answer on every backend (this case was under the
// djangosuite_failing tag until djorm was fixed).
func TestSelectForUpdate_SelectForUpdateTests_test_model_proxy_of_argument_raises_error_proxy_field_in_choices(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		sfuSetUp(t, db)
		err := ofNameCase(t, db, func(c context.Context) error {
			_, err := orm.Objects[SCityCountryProxy](db).SelectRelated("country").SelectForUpdate(orm.Of("name")).Get(c)
			return err
		})
		assertOfFieldError(t, "of=name", err, []string{"self", "country", "country__entity_ptr"})
	})
}
