package orm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/internal/testkit"
)

func TestCommitOutcomeUnknown(t *testing.T) {
	db := testkit.LostCommit("postgres", postgres.New())
	ran := false
	err := orm.Atomic(context.Background(), db, func(ctx context.Context) error {
		orm.OnCommit(ctx, db, func() { ran = true })
		_, err := orm.Objects[Book](db).Update(ctx, orm.Set{"stock_level": 1})
		return err
	})
	if !errors.Is(err, orm.ErrCommitOutcomeUnknown) || ran {
		t.Errorf("a COMMIT without answer: %v (hook ran: %v)", err, ran)
	}
}

func TestOracleSplitsLongInLists(t *testing.T) {
	db := testkit.Recorder("godror", oracle.New())
	ids := make([]int, 2500)
	for i := range ids {
		ids[i] = i
	}
	sql, args, err := orm.Objects[Book](db).Filter(orm.Q{"pk__in": ids}).SQL()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(sql, " IN ("); n != 3 || len(args) != 2500 || !strings.Contains(sql, `("BOOK"."ID" IN (`) || !strings.Contains(sql, ") OR \"BOOK\".\"ID\" IN (") {
		t.Errorf("Oracle IN lists of at most 1000 items, ORed: %d lists, %d args", n, len(args))
	}
}

func TestMySQLTransactionsReadCommitted(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if !strings.HasSuffix(t.Name(), "mysql") {
			return // the other backends keep their default isolation, as Django does
		}
		freshStock(t, db)
		ctx := context.Background()
		if err := db.Create(ctx, &Stock{Name: "a"}); err != nil {
			t.Fatal(err)
		}
		err := orm.Atomic(ctx, db, func(ctx context.Context) error {
			// The running transaction's level, as InnoDB reports it (the
			// session variable keeps the session default).
			row, err := orm.Objects[Stock](db).Values(orm.As("iso", orm.RawSQL(
				"(SELECT trx_isolation_level FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = CONNECTION_ID())"))).First(ctx)
			if err == nil && row["iso"] != "READ COMMITTED" {
				t.Errorf("transaction isolation %v", row["iso"])
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
