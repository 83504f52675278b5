package roundtrip_test

import (
	"time"

	"github.com/djorm/orm"
	"github.com/shopspring/decimal"
)

// One model per field kind: V is the NOT NULL column, N its nullable twin.

type RtStr struct {
	orm.Model
	V string  `orm:"max_length=20"`
	N *string `orm:"max_length=20,null"`
}

type RtText struct {
	orm.Model
	V string  `orm:"type=text"`
	N *string `orm:"type=text,null"`
}

type RtI16 struct {
	orm.Model
	V int16
	N *int16 `orm:"null"`
}

type RtI32 struct {
	orm.Model
	V int32
	N *int32 `orm:"null"`
}

type RtInt struct {
	orm.Model
	V int
	N *int `orm:"null"`
}

type RtI64 struct {
	orm.Model
	V int64
	N *int64 `orm:"null"`
}

type RtBool struct {
	orm.Model
	V bool
	N *bool `orm:"null"`
}

type RtFloat struct {
	orm.Model
	V float64
	N *float64 `orm:"null"`
}

type RtDec struct {
	orm.Model
	V decimal.Decimal  `orm:"max_digits=12,decimal_places=4"`
	N *decimal.Decimal `orm:"max_digits=12,decimal_places=4,null"`
}

type RtBigDec struct {
	orm.Model
	V decimal.Decimal  `orm:"max_digits=30,decimal_places=10"`
	N *decimal.Decimal `orm:"max_digits=30,decimal_places=10,null"`
}

type RtDate struct {
	orm.Model
	V time.Time  `orm:"type=date"`
	N *time.Time `orm:"type=date,null"`
}

type RtDateTime struct {
	orm.Model
	V time.Time
	N *time.Time `orm:"null"`
}

type RtTime struct {
	orm.Model
	V time.Time  `orm:"type=time"`
	N *time.Time `orm:"type=time,null"`
}

type RtDur struct {
	orm.Model
	V time.Duration
	N *time.Duration `orm:"null"`
}

type RtBytes struct {
	orm.Model
	V []byte
	N *[]byte `orm:"null"`
}

func init() {
	orm.MustRegister(&RtStr{}, &RtText{}, &RtI16{}, &RtI32{}, &RtInt{}, &RtI64{}, &RtBool{}, &RtFloat{},
		&RtDec{}, &RtBigDec{}, &RtDate{}, &RtDateTime{}, &RtTime{}, &RtDur{}, &RtBytes{})
}
