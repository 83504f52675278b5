//go:build djangosuite_failing

package writes

// Cases of Django 3.2's get_or_create and test_bulk_update tests where
// djorm answers differently (another answer, an error, or no refusal where
// Django refuses). Each still asserts Django's answer and logs the SQL
// djorm sent. Run with go test -tags djangosuite_failing.

import (
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2 sends the INSERT with birthday NULL and the database raises
// IntegrityError (NOT NULL constraint failed). djorm refuses the zero
// time.Time in the NOT NULL date field before the INSERT with a
// *orm.ValidationError (a difference doc.go lists as deliberate: "a zero
// time.Time in a NOT NULL field ... a *ValidationError before any SQL").
func TestGetOrCreate_GetOrCreateTests_test_get_or_create_invalid_params(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		lennon(t, db)
		c, _ := captureSQL(t)
		_, _, err := persons(db).GetOrCreate(c, orm.Q{"first_name": "Tom", "last_name": "Smith"}, nil)
		if !isIntegrityError(err) {
			t.Errorf("get_or_create(first_name=Tom, last_name=Smith): %v (%T), want *orm.IntegrityError", err, err)
		}
		if n := count(t, persons(db)); n != 1 {
			t.Errorf("count = %d, want 1", n)
		}
	})
}

// As test_get_or_create_invalid_params, through update_or_create.
func TestGetOrCreate_UpdateOrCreateTests_test_integrity(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		gocSetUp(t, db)
		c, _ := captureSQL(t)
		_, _, err := persons(db).UpdateOrCreate(c, orm.Q{"first_name": "Tom", "last_name": "Smith"}, nil)
		if !isIntegrityError(err) {
			t.Errorf("update_or_create(first_name=Tom, last_name=Smith): %v (%T), want *orm.IntegrityError", err, err)
		}
		if n := count(t, persons(db)); n != 0 {
			t.Errorf("count = %d, want 0", n)
		}
	})
}

// Django 3.2 updates the row whose primary key is 0 (bulk_update refuses
// only pk None). djorm takes the zero key for "no primary key set" and
// refuses the object.
func TestBulkUpdate_BulkUpdateTests_test_falsey_pk_value(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		buSetUp(t, db)
		c, _ := captureSQL(t)
		name := "test"
		order := &Order{ID: 0, Name: &name}
		must(t, orm.Objects[Order](db).Create(c, order))
		updated := "updated"
		order.Name = &updated
		_, err := orm.Objects[Order](db).BulkUpdate(c, []*Order{order}, []string{"name"})
		if err != nil {
			t.Errorf("bulk_update([order with pk 0], [name]): %v", err)
		}
		got, err := orm.Objects[Order](db).Get(c, orm.Q{"pk": 0})
		if err != nil || got.Name == nil || *got.Name != "updated" {
			t.Errorf("order pk 0 after bulk_update = %+v, %v; want name updated", got, err)
		}
	})
}

// Django 3.2 sets every note's tag to NULL. On PostgreSQL djorm's
// "SET tag_id = CASE WHEN id = $1 THEN NULL ... END" has type text (every
// branch is an untyped NULL) and PostgreSQL refuses it: column "tag_id" is
// of type bigint but expression is of type text (42804). Django casts the
// CASE to the field's type on PostgreSQL (requires_casted_case_in_updates).
func TestBulkUpdate_BulkUpdateNoteTests_test_set_field_to_null(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		notes := setUpNotes(t, db)
		tags := createTags(t, db)
		_, err := notesQS(db).Update(ctx, orm.Set{"tag": tags[0]})
		must(t, err)
		for _, n := range notes {
			n.Tag.Set(nil)
		}
		c, _ := captureSQL(t)
		_, err = notesQS(db).BulkUpdate(c, notes, []string{"tag"})
		must(t, err)
		assertSameRows(t, "tag__isnull=True", notesQS(db).Filter(orm.Q{"tag__isnull": true}), notes, noteID)
	})
}
