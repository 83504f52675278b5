package debugpanel_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	_ "github.com/mattn/go-sqlite3"

	"github.com/djorm/orm"
	"github.com/djorm/orm/debugpanel"
)

// Notebook and Note are the example's models.
type (
	Notebook struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	Note struct {
		orm.Model
		Notebook orm.ForeignKey[Notebook] `orm:"on_delete=cascade,related_name=notes"`
	}
)

// The panel wraps the application's handler and is mounted beside it; a
// page that reads each note's notebook one by one gets an N+1 warning.
func ExampleNew() {
	orm.MustRegister(&Notebook{}, &Note{})
	db, err := orm.Open("sqlite3", ":memory:", orm.WithHook(debugpanel.Hook()))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	seedNotes(db)

	panel, err := debugpanel.New(db)
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/__djorm/", panel.Handler())
	mux.HandleFunc("/notes", func(w http.ResponseWriter, r *http.Request) {
		notes, _ := orm.Objects[Note](db).All(r.Context())
		for _, n := range notes {
			nb, _ := n.Notebook.Get(r.Context()) // one query per note
			fmt.Fprintln(w, nb.Name)
		}
	})
	app := panel.Middleware(mux)

	app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/notes", nil))
	req := panel.Requests()[0]
	fmt.Println(req.Path, len(req.Queries), "queries")
	for _, w := range req.NPlusOne {
		fmt.Println("N+1:", w.Count(), "queries on", w.Table)
	}
	// Output:
	// /notes 4 queries
	// N+1: 3 queries on notebook
}

func seedNotes(db *orm.DB) {
	ctx := context.Background()
	if err := db.CreateTables(ctx, &Notebook{}, &Note{}); err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"work", "home", "travel"} {
		nb := &Notebook{Name: name}
		if err := db.Create(ctx, nb); err != nil {
			log.Fatal(err)
		}
		if err := db.Create(ctx, &Note{Notebook: orm.Ref(nb)}); err != nil {
			log.Fatal(err)
		}
	}
}
