package orm_test

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// An empty Q is no condition wherever it is combined, as in Django:
// Q() | x is x, x & Q() is x, ~Q() and Q() | Q() keep every row (checked
// against Django 3.2). It used to count as "true" inside an OR, so
// Or(x, Q{}) matched every row: a silent wrong answer.
func TestEmptyQIsNoCondition(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		books := loadBooks(t, db)
		ctx := context.Background()
		published := 0
		for _, b := range books {
			if b.IsPublished {
				published++
			}
		}
		pub := orm.Q{"is_published": true}
		cases := []struct {
			name string
			c    orm.Condition
			want int
		}{
			{"Q() | x", orm.Or(orm.Q{}, pub), published},
			{"x | Q()", pub.Or(orm.Q{}), published},
			{"x & Q()", orm.And(pub, orm.Q{}), published},
			{"~Q()", orm.Not(orm.Q{}), len(books)},
			{"Q() | Q()", orm.Or(orm.Q{}, orm.Q{}), len(books)},
			{"~(Q() | Q())", orm.Not(orm.Or(orm.Q{}, orm.Q{})), len(books)},
			{"x | (Q() & Q())", orm.Or(pub, orm.And(orm.Q{}, orm.Q{})), published},
			{"Exists | Q()", orm.Or(orm.Exists(orm.Objects[Review](db).Filter(orm.Q{"book": orm.OuterRef("pk")})), orm.Q{}), 4},
			{"x ^ Q()", orm.Xor(pub, orm.Q{}), published},
		}
		for _, c := range cases {
			n, err := orm.Objects[Book](db).Filter(c.c).Count(ctx)
			if err != nil || n != int64(c.want) {
				t.Errorf("%s: %d rows, %v; want %d", c.name, n, err, c.want)
			}
		}
	})
}
