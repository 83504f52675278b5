package orm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

func init() {
	if err := orm.RegisterValidator("even", func(v any) error {
		if n, ok := v.(int64); !ok || n%2 != 0 {
			return errors.New("Ensure this value is even.")
		}
		return nil
	}); err != nil {
		panic(err)
	}
	orm.MustRegister(&Member{})
}

// Member has validators and unique fields.
type Member struct {
	orm.Model
	Email   string  `orm:"max_length=60,unique,validators=email"`
	Site    *string `orm:"max_length=60,null,blank,validators=url"`
	Handle  string  `orm:"max_length=20,validators=slug"`
	Seat    int64   `orm:"validators=even"`
	Nick    string  `orm:"max_length=5,blank"`
	Team    string  `orm:"max_length=10,blank"`
	Country string  `orm:"max_length=2,blank"`
}

func (Member) Meta() orm.Meta { return orm.Meta{UniqueTogether: [][]string{{"team", "country"}}} }

func codes(err error) map[string]string {
	out := map[string]string{}
	var ve orm.ValidationErrors
	if errors.As(err, &ve) {
		for f, list := range ve {
			var cs []string
			for _, e := range list {
				cs = append(cs, e.Code)
			}
			out[f] = strings.Join(cs, ",")
		}
	}
	return out
}

func TestValidateCollectsEveryError(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Member{})
		ok := &Member{Email: "ann@example.com", Handle: "ann-1", Seat: 2, Team: "red", Country: "no"}
		if err := db.Validate(ctx, ok); err != nil {
			t.Fatalf("a valid member: %v", err)
		}
		if err := db.Create(ctx, ok); err != nil {
			t.Fatal(err)
		}
		// The saved row does not clash with itself.
		if err := db.Validate(ctx, ok); err != nil {
			t.Errorf("re-validating the saved member: %v", err)
		}
		site := "not a url"
		ctxQ, captured := orm.CaptureQueries(ctx)
		bad := &Member{Email: "ann@example.com", Site: &site, Handle: "bad handle!", Seat: 3, Nick: "toolong", Team: "red", Country: "no"}
		got := codes(db.Validate(ctxQ, bad))
		want := map[string]string{"email": "unique", "site": "url", "handle": "slug", "seat": "even", "nick": "max_length", "__all__": "unique_together"}
		for f, c := range want {
			if got[f] != c {
				t.Errorf("%s: %q, want %q (all: %v)", f, got[f], c, got)
			}
		}
		if len(got) != len(want) {
			t.Errorf("errors on %v, want exactly %v", got, want)
		}
		for _, q := range captured.Queries() {
			if !strings.HasPrefix(strings.TrimSpace(q.SQL), "SELECT") {
				t.Errorf("Validate wrote: %s", q.SQL)
			}
		}
		blank := codes(db.Validate(ctx, &Member{Email: "x@example.org", Seat: 2}))
		if blank["handle"] != "blank" || blank["email"] != "" {
			t.Errorf("an empty handle: %v", blank)
		}
		if got := codes(db.Validate(ctx, bad, "email", "site", "handle", "seat", "nick", "team")); len(got) != 0 {
			t.Errorf("with every failing field excluded: %v", got)
		}
		if err := db.Validate(ctx, bad, "nope"); err == nil {
			t.Error("excluding an unknown field: no error")
		}
	})
}
