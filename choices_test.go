package orm_test

import (
	"context"
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Status is a text choice, Priority an integer one.
type Status string

const (
	Draft     Status = "d"
	Published Status = "p"
)

func (Status) Choices() []orm.Choice {
	return []orm.Choice{{Value: Draft, Label: "Draft"}, {Value: Published, Label: "Published"}}
}

type Priority int16

func (Priority) Choices() []orm.Choice {
	return []orm.Choice{{Value: Priority(1), Label: "Low"}, {Value: Priority(2), Label: "High"}}
}

// Issue holds choice fields.
type Issue struct {
	orm.Model
	Status   Status    `orm:"max_length=1"`
	Priority *Priority `orm:"null"`
	Stage    Status    `orm:"max_length=1,blank"`
}

func init() { orm.MustRegister(&Issue{}) }

func TestChoiceFields(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Issue{})
		high := Priority(2)
		tk := &Issue{Status: Published, Priority: &high}
		if err := db.Create(ctx, tk); err != nil {
			t.Fatal(err)
		}
		got, err := orm.Objects[Issue](db).Get(ctx, orm.Q{"status": Published})
		if err != nil || got.Status != Published || got.Priority == nil || *got.Priority != high {
			t.Fatalf("read back %+v, %v", got, err)
		}
		for field, want := range map[string]string{"status": "Published", "priority": "High", "stage": ""} {
			if label, err := orm.Display(got, field); err != nil || label != want {
				t.Errorf("Display(%s) = %q, %v; want %q", field, label, err, want)
			}
		}
		// Values outside the choices are refused before SQL, on every write.
		ctxQ, captured := orm.CaptureQueries(ctx)
		bad := Priority(7)
		var ve *orm.ValidationError
		if err := db.Create(ctxQ, &Issue{Status: "x"}); !errors.As(err, &ve) || ve.Code != "invalid_choice" {
			t.Errorf("Create with status x: %v", err)
		}
		got.Priority = &bad
		if err := db.Save(ctxQ, got); !errors.As(err, &ve) || ve.Code != "invalid_choice" {
			t.Errorf("Save with priority 7: %v", err)
		}
		if _, err := orm.Objects[Issue](db).Update(ctxQ, orm.Set{"status": "z"}); !errors.As(err, &ve) {
			t.Errorf("Update to status z: %v", err)
		}
		if err := orm.Objects[Issue](db).BulkCreate(ctxQ, []*Issue{{Status: Draft}, {Status: "?"}}); !errors.As(err, &ve) {
			t.Errorf("BulkCreate with status ?: %v", err)
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("refused writes sent %d statements", n)
		}
		if _, err := orm.Display(got, "nope"); err == nil {
			t.Error("Display of an unknown field: no error")
		}
	})
}
