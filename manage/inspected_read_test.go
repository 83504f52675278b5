package manage_test

import (
	"context"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/manage/internal/inspected"
)

// readInspected reads the inventory through the models inspectdb wrote.
func readInspected(t *testing.T, db *orm.DB) {
	ctx := context.Background()
	items, err := orm.Objects[inspected.InvItem](db).SelectRelated("supplier").All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Sku != "A-1" || items[0].Stock != 3 || !items[0].Active || items[0].CheckedAt != nil {
		t.Fatalf("items: %+v", items)
	}
	if s, _ := items[0].Supplier.Get(ctx); s == nil || s.Name != "Acme" || s.Notes != nil {
		t.Errorf("supplier: %+v", s)
	}
}
