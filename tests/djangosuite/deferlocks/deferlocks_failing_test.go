//go:build djangosuite_failing

package deferlocks

// Cases where djorm answers differently from Django 3.2 (another answer,
// an error, or no refusal where Django refuses). Each still asserts
// Django's answer and logs the SQL djorm sent. Run with
// go test -tags djangosuite_failing.

import (
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2: s1.primary_set.all().only('pk')[0] has 2 deferred fields (name,
// value): an instance loaded through a reverse related manager has its
// related_id set from the relation. djorm leaves related_id deferred too (3
// deferred: name, related_id, value). The other assertions of the method pass.
func TestDefer_DeferTests_test_only(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		s1, p1 := deferSetUp(t, db)
		captureSQL(t)
		qs := primaries(db)
		o, err := first(qs.Only("name"))
		assertDelayed(t, `only("name")[0]`, o, err, 2)
		o, err = qs.Only("name").Get(ctx, orm.Q{"pk": p1.ID})
		assertDelayed(t, `only("name").get(pk)`, o, err, 2)
		o, err = first(qs.Only("name").Only("value"))
		assertDelayed(t, `only("name").only("value")[0]`, o, err, 2)
		o, err = first(qs.Only("related__first"))
		assertDelayed(t, `only("related__first")[0]`, o, err, 2)
		// Using 'pk' with only() should result in 3 deferred fields.
		o, err = first(qs.Only("pk"))
		assertDelayed(t, `only("pk")[0]`, o, err, 3)
		// The related_id is always set even if it's not fetched from the
		// DB, so pk and related_id are not deferred.
		o, err = first(orm.Related[DPrimary](s1, "dprimary_set").Only("pk"))
		assertDelayed(t, `s1.primary_set.all().only("pk")[0]`, o, err, 2)
	})
}
