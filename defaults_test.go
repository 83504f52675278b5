package orm_test

import (
	"context"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

var nextSerial atomic.Int64

func init() {
	if err := orm.RegisterDefault("serial", func() any { return nextSerial.Add(1) }); err != nil {
		panic(err)
	}
	orm.MustRegister(&Voucher{})
}

// Voucher has callable defaults: a UUID key, a creation time, a counter.
type Voucher struct {
	orm.Model
	Key     string    `orm:"pk,type=uuid,default=uuid4()"`
	Created time.Time `orm:"default=now()"`
	Serial  int64     `orm:"default=serial()"`
	Label   string    `orm:"max_length=10,blank"`
}

var uuidText = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestCallableDefaults(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Voucher{})
		tokens := orm.Objects[Voucher](db)
		before := time.Now()
		n := orm.NewObject[Voucher]()
		if !uuidText.MatchString(n.Key) || n.Serial == 0 || n.Created.Before(before.Add(-time.Second)) {
			t.Errorf("NewObject: %+v", n)
		}
		// Create of a zero value calls the functions; a value set is kept.
		z := &Voucher{Label: "zero"}
		if err := db.Create(ctx, z); err != nil {
			t.Fatal(err)
		}
		if !uuidText.MatchString(z.Key) || z.Serial == 0 || z.Created.IsZero() {
			t.Errorf("Create of a zero value: %+v", z)
		}
		set := &Voucher{Key: "00000000-0000-4000-8000-000000000001", Serial: 99, Label: "set"}
		if err := db.Create(ctx, set); err != nil {
			t.Fatal(err)
		}
		if set.Key != "00000000-0000-4000-8000-000000000001" || set.Serial != 99 {
			t.Errorf("Create kept %+v", set)
		}
		batch := []*Voucher{{Label: "b1"}, {Label: "b2"}}
		if err := tokens.BulkCreate(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if batch[0].Key == batch[1].Key || batch[0].Serial == batch[1].Serial {
			t.Errorf("BulkCreate: each object calls the functions: %+v %+v", batch[0], batch[1])
		}
		g, created, err := tokens.GetOrCreate(ctx, orm.Q{"label": "goc"}, nil)
		if err != nil || !created || !uuidText.MatchString(g.Key) {
			t.Errorf("GetOrCreate: %+v %v %v", g, created, err)
		}
		count, err := tokens.Count(ctx)
		if err != nil || count != 5 {
			t.Errorf("%d tokens, %v", count, err)
		}
		stored, err := tokens.Get(ctx, orm.Q{"pk": z.Key})
		if err != nil || stored.Serial != z.Serial {
			t.Errorf("stored %+v, %v", stored, err)
		}
	})
}
