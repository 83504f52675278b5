package orm_test

import (
	"context"
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

type (
	// Profile is a one-to-one extension of Owner.
	Profile struct {
		orm.Model
		Owner orm.OneToOne[Owner] `orm:"on_delete=cascade,related_name=profile"`
		Bio   string              `orm:"max_length=50"`
	}
	// Person, Club and Membership: a many-to-many through an explicit model,
	// and a symmetrical self relation.
	Person struct {
		orm.Model
		Name    string                 `orm:"max_length=20"`
		Friends orm.ManyToMany[Person] `orm:"symmetrical"`
	}
	Club struct {
		orm.Model
		Name    string                 `orm:"max_length=20"`
		Members orm.ManyToMany[Person] `orm:"through=Membership,related_name=clubs"`
	}
	Membership struct {
		orm.Model
		Person orm.ForeignKey[Person] `orm:"on_delete=cascade"`
		Club   orm.ForeignKey[Club]   `orm:"on_delete=cascade"`
		Role   string                 `orm:"max_length=20,default=member"`
	}
)

func init() { orm.MustRegister(&Profile{}, &Person{}, &Club{}, &Membership{}) }

func TestOneToOne(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		models := []any{&Owner{}, &Pet{}, &Ticket{}, &Note{}, &Memo{}, &Profile{}}
		freshTables(t, db, models...)
		ann, bob := &Owner{Name: "ann"}, &Owner{Name: "bob"}
		for _, o := range []*Owner{ann, bob} {
			if err := db.Create(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		p := &Profile{Bio: "hi"}
		p.Owner.Set(ann)
		if err := db.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		dup := &Profile{Bio: "again"}
		dup.Owner.Set(ann)
		var ie *orm.IntegrityError
		if err := db.Create(ctx, dup); !errors.As(err, &ie) {
			t.Errorf("a second profile for one owner violates the one-to-one: %v", err)
		}
		got, err := orm.Related[Profile](ann, "profile").Get(ctx)
		if err != nil || got.Bio != "hi" {
			t.Fatalf("reverse one-to-one: %v %v", got, err)
		}
		if _, err := orm.Related[Profile](bob, "profile").Get(ctx); !errors.Is(err, orm.ErrDoesNotExist) {
			t.Errorf("no profile: %v", err)
		}
		cctx, captured := orm.CaptureQueries(ctx)
		owners, err := orm.Objects[Owner](db).SelectRelated("profile").OrderBy("name").All(cctx)
		if err != nil {
			t.Fatal(err)
		}
		pa, err1 := orm.Related[Profile](owners[0], "profile").Get(cctx)
		_, err2 := orm.Related[Profile](owners[1], "profile").Get(cctx)
		if err1 != nil || pa.Bio != "hi" || !errors.Is(err2, orm.ErrDoesNotExist) || captured.Count() != 1 {
			t.Errorf("select_related reverse one-to-one: %v %v %v, %d queries", pa, err1, err2, captured.Count())
		}
		profiles, err := orm.Objects[Profile](db).SelectRelated("owner").All(ctx)
		if err != nil || len(profiles) != 1 || profiles[0].Owner.Cached() == nil || profiles[0].Owner.Cached().Name != "ann" {
			t.Errorf("forward one-to-one select_related: %v", err)
		}
		n, _ := orm.Objects[Owner](db).Filter(orm.Q{"profile__bio": "hi"}).Count(ctx)
		if n != 1 {
			t.Errorf("lookup across a reverse one-to-one: %d", n)
		}
	})
}

func TestThroughAndSymmetrical(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		models := []any{&Person{}, &Club{}, &Membership{}}
		freshTables(t, db, models...)
		var people []*Person
		for _, n := range []string{"ann", "bob", "cid"} {
			p := &Person{Name: n}
			if err := db.Create(ctx, p); err != nil {
				t.Fatal(err)
			}
			people = append(people, p)
		}
		chess := &Club{Name: "chess"}
		if err := db.Create(ctx, chess); err != nil {
			t.Fatal(err)
		}
		if err := db.Create(ctx, &Membership{Person: orm.Ref(people[0]), Club: orm.Ref(chess), Role: "chair"}); err != nil {
			t.Fatal(err)
		}
		if err := orm.Related[Person](chess, "members").Add(ctx, people[1]); err != nil {
			t.Fatal(err)
		}
		names, err := orm.Objects[Person](db).Filter(orm.Q{"clubs__name": "chess"}).OrderBy("name").ValuesList("name").Flat().All(ctx)
		if err != nil || len(names) != 2 {
			t.Errorf("lookup through an explicit through model: %v %v", names, err)
		}
		roles, err := orm.Objects[Membership](db).Filter(orm.Q{"club__name": "chess", "role": "member"}).Count(ctx)
		if err != nil || roles != 1 {
			t.Errorf("Add through an explicit model uses its defaults: %d %v", roles, err)
		}
		clubs, err := orm.Objects[Club](db).PrefetchRelated("members").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ms, _ := orm.Related[Person](clubs[0], "members").All(ctx); len(ms) != 2 {
			t.Errorf("prefetch through an explicit model: %d", len(ms))
		}
		// Symmetrical: adding a friend makes both friends.
		if err := orm.Related[Person](people[0], "friends").Add(ctx, people[1], people[2]); err != nil {
			t.Fatal(err)
		}
		if fs, _ := orm.Related[Person](people[1], "friends").All(ctx); len(fs) != 1 || fs[0].Name != "ann" {
			t.Errorf("symmetrical: bob's friends %v", fs)
		}
		rows, err := orm.Through[Person](db, "friends").All(ctx)
		if err != nil || len(rows) != 4 {
			t.Errorf("Through rows of a symmetrical relation: %d %v", len(rows), err)
		}
		persons, err := orm.Objects[Person](db).OrderBy("name").PrefetchRelated("friends").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fs, _ := orm.Related[Person](persons[0], "friends").All(ctx); len(fs) != 2 {
			t.Errorf("prefetch of a symmetrical relation: %d", len(fs))
		}
		if err := orm.Related[Person](people[2], "friends").Remove(ctx, people[0]); err != nil {
			t.Fatal(err)
		}
		if fs, _ := orm.Related[Person](people[0], "friends").All(ctx); len(fs) != 1 {
			t.Errorf("Remove from the other side removes both rows: %d left", len(fs))
		}
	})
}
