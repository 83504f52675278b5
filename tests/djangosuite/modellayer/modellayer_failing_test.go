//go:build djangosuite_failing

package modellayer

// Cases of Django 3.2's proxy_models, constraints and validation tests
// where djorm answers differently (another answer, an error, or no refusal
// where Django refuses). Each asserts Django's answer. Run with
// go test -tags djangosuite_failing.

import (
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2: OtherPerson (a proxy declaring no manager) inherits Person's
// default manager (PersonManager, which excludes fred): objects and
// _default_manager give barney, wilma. djorm: a proxy does not inherit its
// concrete model's RegisterDefaultQuerySet (the function is stored on
// Person's registry.Model only; Objects reads qs.model.DefaultQuerySet of
// the proxy's own model, queryset.go Objects), so OtherPerson sees every
// row: barney, fred, wilma.
func TestProxyModels_ProxyModelTests_test_otherperson_manager(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		proxySetUp(t, db)
		createFlintstones(t, db)
		assertNames(t, "OtherPerson.objects", namesOf(t, orm.Objects[OtherPerson](db), otherName), "barney", "wilma")
		assertNames(t, "OtherPerson.excluder", namesOf(t, otherPersonExcluder(db), otherName), "barney", "fred")
		assertNames(t, "OtherPerson._default_manager", namesOf(t, orm.Objects[OtherPerson](db).Filter(orm.Q{}), otherName), "barney", "wilma")
	})
}

func otherName(p *OtherPerson) string { return p.Name }

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
