package djangosuite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/djorm/orm"
)

// The models of Django's tests/lookup.
type (
	LookupAuthor struct {
		orm.Model
		Name string `orm:"max_length=100"`
	}
	LookupArticle struct {
		orm.Model
		Headline string                       `orm:"max_length=100"`
		PubDate  time.Time                    `orm:""`
		Author   orm.ForeignKey[LookupAuthor] `orm:"null,blank,on_delete=set_null,related_name=article"`
	}
	LookupTag struct {
		orm.Model
		Articles orm.ManyToMany[LookupArticle] `orm:"related_name=tag"`
		Name     string                        `orm:"max_length=100"`
	}
	LookupSeason struct {
		orm.Model
		Year int16 `orm:""`
		Gt   *int  `orm:"null,blank"`
	}
	LookupGame struct {
		orm.Model
		Season orm.ForeignKey[LookupSeason] `orm:"on_delete=cascade,related_name=games"`
		Home   string                       `orm:"max_length=100"`
		Away   string                       `orm:"max_length=100"`
	}
	LookupPlayer struct {
		orm.Model
		Name  string                     `orm:"max_length=100"`
		Games orm.ManyToMany[LookupGame] `orm:"related_name=players"`
	}
)

func (LookupAuthor) Meta() orm.Meta {
	return orm.Meta{Table: "lookup_author", Ordering: []string{"name"}}
}
func (LookupArticle) Meta() orm.Meta {
	return orm.Meta{Table: "lookup_article", Ordering: []string{"-pub_date", "headline"}}
}
func (LookupTag) Meta() orm.Meta    { return orm.Meta{Table: "lookup_tag", Ordering: []string{"name"}} }
func (LookupSeason) Meta() orm.Meta { return orm.Meta{Table: "lookup_season"} }
func (LookupGame) Meta() orm.Meta   { return orm.Meta{Table: "lookup_game"} }
func (LookupPlayer) Meta() orm.Meta { return orm.Meta{Table: "lookup_player"} }

func init() {
	orm.MustRegister(&LookupAuthor{}, &LookupArticle{}, &LookupTag{}, &LookupSeason{}, &LookupGame{}, &LookupPlayer{})
}

// lookupData is LookupTests.setUp.
type lookupData struct {
	au1, au2   *LookupAuthor
	a          [8]*LookupArticle // a[1] .. a[7]
	t1, t2, t3 *LookupTag
}

func lookupTables(t *testing.T, db *orm.DB) {
	t.Helper()
	ctx := context.Background()
	models := []any{&LookupAuthor{}, &LookupArticle{}, &LookupTag{}, &LookupSeason{}, &LookupGame{}, &LookupPlayer{}}
	exprMust(t, db.DropTables(ctx, models...))
	exprMust(t, db.CreateTables(ctx, models...))
}

func loadLookup(t *testing.T, db *orm.DB) *lookupData {
	t.Helper()
	lookupTables(t, db)
	ctx := context.Background()
	d := &lookupData{au1: &LookupAuthor{Name: "Author 1"}, au2: &LookupAuthor{Name: "Author 2"}}
	exprMust(t, db.Create(ctx, d.au1))
	exprMust(t, db.Create(ctx, d.au2))
	dates := []time.Time{
		time.Date(2005, 7, 26, 0, 0, 0, 0, time.UTC), time.Date(2005, 7, 27, 0, 0, 0, 0, time.UTC),
		time.Date(2005, 7, 27, 0, 0, 0, 0, time.UTC), time.Date(2005, 7, 28, 0, 0, 0, 0, time.UTC),
		time.Date(2005, 8, 1, 9, 0, 0, 0, time.UTC), time.Date(2005, 8, 1, 8, 0, 0, 0, time.UTC),
		time.Date(2005, 7, 27, 0, 0, 0, 0, time.UTC),
	}
	for i, dt := range dates {
		au := d.au1
		if i >= 4 {
			au = d.au2
		}
		d.a[i+1] = &LookupArticle{Headline: fmt.Sprintf("Article %d", i+1), PubDate: dt, Author: orm.Ref(au)}
		exprMust(t, db.Create(ctx, d.a[i+1]))
	}
	tag := func(name string, arts ...int) *LookupTag {
		tg := &LookupTag{Name: name}
		exprMust(t, db.Create(ctx, tg))
		var objs []*LookupArticle
		for _, i := range arts {
			objs = append(objs, d.a[i])
		}
		exprMust(t, orm.Related[LookupArticle](tg, "articles").Add(ctx, objs...))
		return tg
	}
	d.t1, d.t2, d.t3 = tag("Tag 1", 1, 2, 3), tag("Tag 2", 3, 4, 5), tag("Tag 3", 5, 6, 7)
	return d
}

// headlines lists the headlines of qs in its order.
func headlines(qs *orm.QuerySet[*LookupArticle]) string {
	rows, err := qs.ValuesList("headline").Flat().All(context.Background())
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(rows)
}

// lookupDay is midnight UTC of a date.
func lookupDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
