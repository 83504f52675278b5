package orm_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Cents is money kept as an integer number of cents; it reads and writes
// itself.
type Cents struct {
	Amount int64
	Valid  bool
}

func (c Cents) Value() (driver.Value, error) {
	if !c.Valid {
		return nil, nil
	}
	if c.Amount < 0 {
		return nil, errors.New("negative money")
	}
	return c.Amount, nil
}

func (c *Cents) Scan(src any) error {
	switch x := src.(type) {
	case nil:
		*c = Cents{}
	case int64:
		*c = Cents{Amount: x, Valid: true}
	case []byte:
		_, err := fmt.Sscan(string(x), &c.Amount)
		c.Valid = err == nil
		return err
	default:
		return fmt.Errorf("Cents: cannot scan %T", src)
	}
	return nil
}

// Code is text upper-cased on the way in.
type Code string

func (c Code) Value() (driver.Value, error) { return strings.ToUpper(string(c)), nil }
func (c *Code) Scan(src any) error {
	switch x := src.(type) {
	case string:
		*c = Code(x)
	case []byte:
		*c = Code(x)
	default:
		return fmt.Errorf("Code: cannot scan %T", src)
	}
	return nil
}

// Priced has custom field types.
type Priced struct {
	orm.Model
	Price Cents `orm:"type=bigint,null"`
	Code  Code  `orm:"type=string,max_length=8"`
}

func init() { orm.MustRegister(&Priced{}) }

func TestCustomFieldTypes(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Priced{})
		p := &Priced{Price: Cents{Amount: 1999, Valid: true}, Code: "abc"}
		if err := db.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		if err := db.Create(ctx, &Priced{Code: "free"}); err != nil {
			t.Fatal(err)
		}
		got, err := orm.Objects[Priced](db).Get(ctx, orm.Q{"price__gt": 1000})
		if err != nil || got.Price != (Cents{1999, true}) || got.Code != "ABC" {
			t.Fatalf("read back %+v, %v", got, err)
		}
		n, err := orm.Objects[Priced](db).Filter(orm.Q{"price__isnull": true, "code": Code("free")}).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("NULL price and code FREE: %d, %v", n, err)
		}
		total, err := orm.Objects[Priced](db).Aggregate(ctx, orm.As("s", orm.Sum("price")))
		if err != nil || fmt.Sprint(total["s"]) != "1999" {
			t.Errorf("Sum of prices: %v %v", total, err)
		}
		var ve *orm.ValidationError
		if err := db.Create(ctx, &Priced{Price: Cents{-5, true}, Code: "x"}); !errors.As(err, &ve) {
			t.Errorf("a failing Value: %v, want a ValidationError", err)
		}
	})
}
