package manage_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/manage"
	"github.com/djorm/orm/manage/internal/djangoschema/djcheck"
)

// inspectdb over the schema Django 3.2 itself created and filled
// (testdata/djangoschema, recorded by gen.py there) writes, on each
// backend, exactly the models committed in internal/djangoschema/dj<family>
// (-update rewrites them; go generate ./manage/internal/djangoschema/...
// runs Django and this). The tests of those packages compile the models
// and ask them reference.json's questions (see package djcheck).
func TestInspectDBDjangoSchema(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		tables := djcheck.Load(t, db, djcheck.FamilyOf(db))
		defer func() {
			for i := len(tables) - 1; i >= 0; i-- {
				if _, err := db.Exec(ctx, orm.SQLText(db.Dialect().DropTable(tables[i]))); err != nil {
					t.Error(err)
				}
			}
		}()
		pkg := "dj" + string(djcheck.FamilyOf(db))
		src, err := manage.InspectDB(ctx, db, pkg, tables...)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("internal", "djangoschema", pkg, "models.go")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, src, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(path)
		if err != nil || string(want) != string(src) {
			t.Errorf("inspectdb of Django's schema differs from %s (%v); go generate ./manage/internal/djangoschema/djcheck rewrites it:\n%s", path, err, src)
		}
	})
}
