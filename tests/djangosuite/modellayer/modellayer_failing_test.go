//go:build djangosuite_failing

package modellayer

// Cases of Django 3.2's proxy_models, constraints and validation tests
// where djorm answers differently (another answer, an error, or no refusal
// where Django refuses). Each asserts Django's answer. Run with
// go test -tags djangosuite_failing.

import (
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/testkit"
)

// MultiUserProxy is Django's proxy of two proxies of User
// (class MultiUserProxy(UserProxy, AnotherUserProxy), proxy = True).
type MultiUserProxy struct {
	UserProxy
	AnotherUserProxy
}

func (MultiUserProxy) Meta() orm.Meta { return orm.Meta{Proxy: true} }

// Django 3.2: a proxy may have several proxy bases of one concrete model;
// MultiUserProxy.objects.all() gives Bruce (the other assertions of
// test_user_proxy_models are in proxymodels_test.go). djorm refuses it at
// Register: "fields Name and Name both answer to "name"" (the builder in
// registry/build.go flattens both embedded proxies' fields before
// linkProxy could see that they are one concrete model's).
func TestProxyModels_ProxyModelTests_test_user_proxy_models_MultiUserProxy(t *testing.T) {
	if err := orm.Register(&MultiUserProxy{}); err != nil {
		t.Fatalf("registering MultiUserProxy: %v", err)
	}
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		must(t, orm.Objects[User](db).Create(ctx, &User{Name: "Bruce"}))
		assertNames(t, "MultiUserProxy", namesOf(t, orm.Objects[MultiUserProxy](db), func(u *MultiUserProxy) string { return u.UserProxy.Name }), "Bruce")
	})
}

// Django 3.2: "Partial unique constraints are ignored by
// Model.validate_unique()" (and 3.2's full_clean checks no other
// constraint): both objects validate. djorm's Validate checks
// Meta.Constraints as Django 4.1's validate_constraints does
// (constraints.go validateUniqueConstraint), so the second object, whose
// color is NULL like p2's, fails under __all__ (name_without_color_uniq).
func TestConstraints_UniqueConstraintTests_test_model_validation_with_condition(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if !dialects.SupportOf(db.Dialect()).Partial {
			t.Skipf("%s: skipUnlessDBFeature('supports_partial_indexes')", db.Dialect().Name())
		}
		constraintsSetUp(t, db)
		qs := orm.Objects[UniqueConstraintConditionProduct](db)
		obj1, obj2 := &UniqueConstraintConditionProduct{Name: "p1", Color: ptr("red")}, &UniqueConstraintConditionProduct{Name: "p2"}
		must(t, qs.Create(ctx, obj1))
		must(t, qs.Create(ctx, obj2))
		// validate_unique() only: djorm's Validate also checks the fields
		// (color NULL is blank), so only unique errors count here.
		for _, obj := range []*UniqueConstraintConditionProduct{{Name: obj1.Name, Color: ptr("blue")}, {Name: obj2.Name}} {
			ve := validationErrors(t, db, obj)
			if len(ve["__all__"]) > 0 || len(ve["name"]) > 0 {
				t.Errorf("validate_unique of %s/%v: %v, want no unique error", obj.Name, obj.Color, ve)
			}
		}
	})
}

// Django 3.2: GenericIPAddressField strips surrounding whitespace before
// validating, so " 1.2.3.4 " and "1.2.3.4\n" pass, as do "1.2.3.4" and
// "2001::2". djorm's validators=ip (registry/validators.go, net.ParseIP on
// the raw string) refuses the two with whitespace.
func TestValidation_GenericIPAddressFieldTests_test_correct_generic_ip_passes(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		validationSetUp(t, db)
		for _, v := range []string{"1.2.3.4", " 1.2.3.4 ", "1.2.3.4\n", "2001::2"} {
			assertValid(t, db, &GenericIPAddressTestModel{GenericIP: ip(v)})
		}
	})
}
