package orm_test

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// The default-QuerySet test's own models (a default filter is per model).
type (
	MgAuthor struct {
		orm.Model
		Name string `orm:"max_length=20"`
	}
	MgArticle struct {
		orm.Model
		Title     string                   `orm:"max_length=20"`
		Published bool                     `orm:"default=false"`
		Author    orm.ForeignKey[MgAuthor] `orm:"on_delete=cascade,related_name=articles"`
	}
	MgComment struct {
		orm.Model
		Article orm.ForeignKey[MgArticle] `orm:"on_delete=cascade,related_name=comments"`
	}

	// MgProfile is a one-to-one the default QuerySet hides unless public.
	MgProfile struct {
		orm.Model
		Author orm.OneToOne[MgAuthor] `orm:"on_delete=cascade,related_name=profile"`
		Public bool
	}
)

var mgModels = []any{&MgAuthor{}, &MgArticle{}, &MgComment{}, &MgProfile{}}

func init() {
	orm.MustRegister(mgModels...)
	if err := orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*MgArticle]) *orm.QuerySet[*MgArticle] {
		return qs.Filter(orm.Q{"published": true})
	}); err != nil {
		panic(err)
	}
	if err := orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*MgProfile]) *orm.QuerySet[*MgProfile] {
		return qs.Filter(orm.Q{"public": true})
	}); err != nil {
		panic(err)
	}
}

// Drafts is a named QuerySet constructor: Django's extra manager method.
func Drafts(db *orm.DB) *orm.QuerySet[*MgArticle] {
	return orm.BaseObjects[MgArticle](db).Filter(orm.Q{"published": false})
}

// A default QuerySet filters Objects and reverse managers, as Django's
// default manager; BaseObjects, foreign key reads and delete cascades see
// every row, as Django's base manager.
func TestDefaultQuerySet(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		ownTables(t, db, mgModels...)
		au := &MgAuthor{Name: "ann"}
		must(db.Create(ctx, au))
		live, draft := &MgArticle{Title: "live", Published: true}, &MgArticle{Title: "draft"}
		for _, a := range []*MgArticle{live, draft} {
			a.Author.Set(au)
			must(db.Create(ctx, a))
		}
		c := &MgComment{}
		c.Article.Set(draft)
		must(db.Create(ctx, c))

		count := func(qs *orm.QuerySet[*MgArticle]) int64 {
			t.Helper()
			n, err := qs.Count(ctx)
			must(err)
			return n
		}
		if n := count(orm.Objects[MgArticle](db)); n != 1 {
			t.Errorf("Objects: %d articles, want the 1 published", n)
		}
		if n := count(orm.BaseObjects[MgArticle](db)); n != 2 {
			t.Errorf("BaseObjects: %d articles, want 2", n)
		}
		if n := count(Drafts(db)); n != 1 {
			t.Errorf("Drafts: %d, want 1", n)
		}
		if n, err := orm.Related[MgArticle](au, "articles").Count(ctx); err != nil || n != 1 {
			t.Errorf("the reverse manager: %d, %v; want the 1 published", n, err)
		}
		// Prefetching follows the same managers: a reverse relation through
		// the default QuerySet, a foreign key through the base one.
		authors, err := orm.Objects[MgAuthor](db).PrefetchRelated("articles").All(ctx)
		must(err)
		if arts, err := orm.Related[MgArticle](authors[0], "articles").All(ctx); err != nil || len(arts) != 1 || arts[0].Title != "live" {
			t.Errorf("prefetched articles: %v, %v; want the published one", arts, err)
		}
		comments, err := orm.Objects[MgComment](db).PrefetchRelated("article").All(ctx)
		must(err)
		if art, err := comments[0].Article.Get(ctx); err != nil || art == nil || art.Title != "draft" {
			t.Errorf("a prefetched comment's article: %v, %v; want the draft (base manager)", art, err)
		}
		// A reverse one-to-one reads through the base manager, as Django's
		// ReverseOneToOneDescriptor (directly and prefetched).
		prof := &MgProfile{}
		prof.Author.Set(au)
		must(db.Create(ctx, prof))
		if p, err := orm.Related[MgProfile](au, "profile").Get(ctx); err != nil || p.ID != prof.ID {
			t.Errorf("author.profile: %v, %v; want the hidden profile (base manager)", p, err)
		}
		authors, err = orm.Objects[MgAuthor](db).PrefetchRelated("profile").All(ctx)
		must(err)
		if p, err := orm.Related[MgProfile](authors[0], "profile").Get(ctx); err != nil || p == nil || p.ID != prof.ID {
			t.Errorf("prefetched author.profile: %v, %v; want the hidden profile", p, err)
		}
		got, err := orm.BaseObjects[MgComment](db).Get(ctx, orm.Q{"pk": c.ID})
		must(err)
		art, err := got.Article.Get(ctx)
		if err != nil || art.Title != "draft" {
			t.Errorf("a comment's article (the base manager's): %v, %v", art, err)
		}
		_, err = db.Delete(ctx, au)
		must(err)
		if n := count(orm.BaseObjects[MgArticle](db)); n != 0 {
			t.Errorf("the cascade left %d articles (the draft too must go)", n)
		}
		if err := orm.RegisterDefaultQuerySet[MgAuthor](nil); err == nil {
			t.Error("a nil default QuerySet: no error")
		}
	})
}

// Prefetching a many-to-many, either way, reads through the related
// model's default QuerySet, as Django's default manager does.
func TestDefaultQuerySetManyToManyPrefetch(t *testing.T) {
	cmCase(t, func(t *testing.T, ctx context.Context, f *cmFixture) {
		bugs, droopy := &CmFunPerson{FirstName: "Bugs", Fun: true}, &CmFunPerson{FirstName: "Droopy"}
		for _, p := range []*CmFunPerson{bugs, droopy} {
			mustDo(t, f.db.Create(ctx, p))
			mustDo(t, orm.Related[CmFunPerson](f.b1, "fun_authors").Add(ctx, p))
			mustDo(t, orm.Related[CmFunPerson](f.b2, "fun_authors").Add(ctx, p))
		}
		books, err := orm.BaseObjects[CmBook](f.db).PrefetchRelated("fun_authors").OrderBy("id").All(ctx)
		mustDo(t, err)
		for _, b := range books {
			got, ok := orm.Prefetched[CmFunPerson](b, "fun_authors")
			if !ok || len(got) != 1 || got[0].FirstName != "Bugs" {
				t.Errorf("%s: prefetched fun_authors %v (%v), want Bugs only", b.Title, got, ok)
			}
		}
		people, err := orm.BaseObjects[CmFunPerson](f.db).PrefetchRelated("books").OrderBy("id").All(ctx)
		mustDo(t, err)
		for _, p := range people {
			got, ok := orm.Prefetched[CmBook](p, "books")
			if !ok || len(got) != 1 || got[0].Title != "How to program" {
				t.Errorf("%s: prefetched books %v (%v), want the published one only", p.FirstName, got, ok)
			}
		}
	})
}
