package orm_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// A many-to-many through a model with fields of its own.
type (
	TdPerson struct {
		orm.Model
		Name string `orm:"max_length=20"`
	}
	TdGroup struct {
		orm.Model
		Name    string                   `orm:"max_length=20"`
		Members orm.ManyToMany[TdPerson] `orm:"through=TdMembership,related_name=groups"`
	}
	TdMembership struct {
		orm.Model
		Group  orm.ForeignKey[TdGroup]  `orm:"on_delete=cascade"`
		Person orm.ForeignKey[TdPerson] `orm:"on_delete=cascade"`
		Role   string                   `orm:"max_length=10,default=member"`
		Level  int                      `orm:"default=1"`
	}
)

var tdModels = []any{&TdPerson{}, &TdGroup{}, &TdMembership{}}

func init() { orm.MustRegister(tdModels...) }

// ThroughDefaults fills the join model's own fields of the rows Add, Set
// and Create insert (Django's through_defaults); fields left out take
// their defaults; names that are not extra fields are refused.
func TestThroughDefaults(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		ownTables(t, db, tdModels...)
		g := &TdGroup{Name: "go"}
		must(db.Create(ctx, g))
		ann, bob, cid, dee := &TdPerson{Name: "ann"}, &TdPerson{Name: "bob"}, &TdPerson{Name: "cid"}, &TdPerson{Name: "dee"}
		for _, p := range []*TdPerson{ann, bob, cid} { // dee comes from Create below
			must(db.Create(ctx, p))
		}
		members := orm.Related[TdPerson](g, "members")
		must(members.ThroughDefaults(orm.Set{"role": "admin", "level": 3}).Add(ctx, ann))
		must(members.Add(ctx, bob))
		must(members.ThroughDefaults(orm.Set{"role": "guest"}).Set(ctx, ann, bob, cid))
		calls := 0
		nine := func() any { calls++; return 9 }
		must(members.ThroughDefaults(orm.Set{"level": nine}).Create(ctx, dee))
		if calls != 1 {
			t.Errorf("a callable through default was called %d times, want once", calls)
		}

		// GetOrCreate and UpdateOrCreate relate what they create with the
		// through defaults; what they find stays as it is.
		eve, created, err := members.ThroughDefaults(orm.Set{"role": "owner"}).GetOrCreate(ctx, orm.Q{"name": "eve"}, nil)
		must(err)
		if !created || eve.ID == 0 {
			t.Errorf("GetOrCreate eve: created=%v id=%d", created, eve.ID)
		}
		if _, created, err := members.ThroughDefaults(orm.Set{"role": "nobody"}).GetOrCreate(ctx, orm.Q{"name": "eve"}, nil); err != nil || created {
			t.Errorf("GetOrCreate of a member: created=%v, %v", created, err)
		}
		_, created, err = members.ThroughDefaults(orm.Set{"level": 2}).UpdateOrCreate(ctx, orm.Q{"name": "fay"}, nil)
		must(err)
		if !created {
			t.Error("UpdateOrCreate fay: not created")
		}
		rows, err := orm.Objects[TdMembership](db).Values("person__name", "role", "level").All(ctx)
		must(err)
		var got []string
		for _, r := range rows {
			got = append(got, r["person__name"].(string)+":"+r["role"].(string)+":"+strings.Repeat("*", int(r["level"].(int64))))
		}
		sort.Strings(got)
		want := []string{"ann:admin:***", "bob:member:*", "cid:guest:*", "dee:member:*********", "eve:owner:*", "fay:member:**"}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("memberships %v, want %v", got, want)
		}
		// Removing through a through model of one's own sends its delete
		// signals, as Django deletes through the model's manager.
		sig := orm.NewWithDialect(db.SQLDB(), db.DriverName(), db.Dialect())
		var gone []string
		must(orm.OnPostDelete(sig, func(ctx context.Context, m *TdMembership) error {
			gone = append(gone, m.Role)
			return nil
		}))
		g2, err := orm.Objects[TdGroup](sig).Get(ctx, orm.Q{"pk": g.ID})
		must(err)
		must(orm.Related[TdPerson](g2, "members").Remove(ctx, ann))
		if fmt.Sprint(gone) != "[admin]" {
			t.Errorf("post_delete of the membership removed: %v, want [admin]", gone)
		}
		for _, bad := range []orm.Set{{"nope": 1}, {"person": ann.ID}, {"id": 5}} {
			err := members.ThroughDefaults(bad).Add(ctx, cid)
			if !errors.Is(err, orm.ErrInvalidQuery) || !strings.Contains(err.Error(), "choices: role, level") {
				t.Errorf("ThroughDefaults(%v): %v", bad, err)
			}
		}
	})
}
