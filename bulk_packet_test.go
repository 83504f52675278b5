package orm_test

import (
	"context"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/internal/testkit"
)

// On MySQL/MariaDB parameters travel inside the statement text, so a
// BulkCreate batch is split before it outgrows max_allowed_packet (a larger
// one resets the connection). 30 reviews of 600 KB are 18 MB, over
// MariaDB's default 16 MB.
func TestBulkCreateSplitsBelowThePacketLimit(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		book, err := orm.Objects[Book](db).OrderBy("id").First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		big := strings.Repeat("x'\\é", 150_000) // 600 KB; quotes and backslashes are escaped
		reviews := make([]*Review, 30)
		for i := range reviews {
			reviews[i] = &Review{Book: orm.Ref(book), Stars: i % 5, Comment: big}
		}
		if err := orm.Objects[Review](db).BulkCreate(ctx, reviews); err != nil {
			t.Fatalf("BulkCreate of 18 MB: %v", err)
		}
		n, err := orm.Objects[Review](db).Filter(orm.Q{"comment": big}).Count(ctx)
		if err != nil || n != 30 {
			t.Errorf("stored %d of 30 (%v)", n, err)
		}
	})
}

// The split follows the dialect's bound: with 10 KB, rows of 1 KB go in
// batches of a few rows, BulkUpdate's CASE statements too.
func TestWritesSplitByStatementSize(t *testing.T) {
	d := mysql.New("10.11.19-MariaDB")
	d.Features().MaxStatementBytes = 10_000
	db := testkit.Recorder("mysql", d)
	ctx, captured := orm.CaptureQueries(context.Background())
	text := strings.Repeat("a", 1000)
	reviews := make([]*Review, 20)
	for i := range reviews {
		reviews[i] = &Review{Book: orm.RefID[Book](1), Comment: text}
		reviews[i].ID = int64(i + 1)
	}
	if err := orm.Objects[Review](db).BulkCreate(ctx, reviews); err != nil {
		t.Fatal(err)
	}
	inserts := captured.Queries()
	if len(inserts) < 3 || len(inserts) > 10 {
		t.Errorf("20 rows of 1 KB under a 10 KB bound: %d INSERTs", len(inserts))
	}
	for _, q := range inserts {
		if size := len(q.SQL) + 2*len(text)*strings.Count(q.SQL, "),("); size > 10_000+2*len(text) {
			t.Errorf("a statement of about %d bytes", size)
		}
	}
	captured.Reset()
	if _, err := orm.Objects[Review](db).BulkUpdate(ctx, reviews, []string{"comment"}); err != nil {
		t.Fatal(err)
	}
	if n := len(captured.Queries()); n < 3 {
		t.Errorf("BulkUpdate of 20 rows of 1 KB under a 10 KB bound: %d statements", n)
	}
}
