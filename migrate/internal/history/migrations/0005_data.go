// Written by hand (makemigrations -empty, then edited): a data migration.

package migrations

import (
	"context"

	"github.com/djorm/orm"
	"github.com/djorm/orm/migrate"
)

func init() {
	Migrations.Register(&migrate.Migration{
		Name:         "0005_data",
		Dependencies: []string{"0004_reading_remove_book_book_title_price_ix_book_readers_and_more"},
		Operations: []migrate.Operation{
			migrate.RunSQL{
				SQL:        []orm.SQLText{"UPDATE book SET subtitle = 'Second edition' WHERE subtitle = ''"},
				ReverseSQL: []orm.SQLText{"UPDATE book SET subtitle = '' WHERE subtitle = 'Second edition'"},
			},
			migrate.RunGo{Forward: rateReadings(5), Backward: rateReadings(0), Description: "rate every reading"},
		},
	})
}

// rateReadings sets every reading's rating, through the migration's DB.
func rateReadings(n int) func(context.Context, *orm.DB, *migrate.State) error {
	return func(ctx context.Context, db *orm.DB, _ *migrate.State) error {
		_, err := db.Exec(ctx, "UPDATE reading SET rating = ?", n)
		return err
	}
}
