package main

import (
	"context"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"strconv"

	"github.com/djorm/orm"
	"github.com/djorm/orm/debugpanel"
)

// serve runs a small site over the seeded books, with the SQL panel at
// /__djorm/: a page with SelectRelated (one query), the same page without
// it (an N+1 the panel flags), and authors with PrefetchRelated. It
// prints the address it listens on (addr may end in :0) and serves until
// the process ends.
func serve(db *orm.DB, addr string) error {
	panel, err := debugpanel.New(db)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/__djorm/", panel.Handler())
	mux.HandleFunc("GET /{$}", page("home", func(*http.Request) (any, error) { return nil, nil }))
	mux.HandleFunc("GET /books", page("books", booksJoined(db)))
	mux.HandleFunc("GET /books/n-plus-one", page("books", booksOneByOne(db)))
	mux.HandleFunc("GET /authors", page("authors", authorsPrefetched(db)))
	mux.HandleFunc("GET /books/{id}", page("book", bookDetail(db)))

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("-serve %s: %w", addr, err)
	}
	url := "http://" + ln.Addr().String()
	fmt.Printf("serving the bookstore at %s/ (SQL panel at %s/__djorm/)\n", url, url)
	return http.Serve(ln, panel.Middleware(mux))
}

// bookRow is a book as the pages list it.
type bookRow struct {
	ID            int64
	Title, Author string
	Price         string
}

func booksJoined(db *orm.DB) func(*http.Request) (any, error) {
	return func(r *http.Request) (any, error) {
		books, err := orm.Objects[Book](db).SelectRelated("author").OrderBy("title").All(r.Context())
		if err != nil {
			return nil, err
		}
		return listing{"Books (SelectRelated: one query)", rows(r.Context(), books)}, nil
	}
}

func booksOneByOne(db *orm.DB) func(*http.Request) (any, error) {
	return func(r *http.Request) (any, error) {
		books, err := orm.Objects[Book](db).OrderBy("title").All(r.Context())
		if err != nil {
			return nil, err
		}
		return listing{"Books (no SelectRelated: one query per book)", rows(r.Context(), books)}, nil
	}
}

type listing struct {
	Title string
	Books []bookRow
}

// rows reads each book's author: from the join when SelectRelated loaded
// it, else with a query per book.
func rows(ctx context.Context, books []*Book) []bookRow {
	out := make([]bookRow, 0, len(books))
	for _, b := range books {
		row := bookRow{ID: b.ID, Title: b.Title, Price: b.Price.StringFixed(2)}
		if a, err := b.Author.Get(ctx); err == nil && a != nil {
			row.Author = a.Name
		}
		out = append(out, row)
	}
	return out
}

func authorsPrefetched(db *orm.DB) func(*http.Request) (any, error) {
	type authorRow struct {
		Name  string
		Books []*Book
	}
	return func(r *http.Request) (any, error) {
		authors, err := orm.Objects[Author](db).PrefetchRelated("books").OrderBy("name").All(r.Context())
		if err != nil {
			return nil, err
		}
		var out []authorRow
		for _, a := range authors {
			books, err := orm.Related[Book](a, "books").All(r.Context()) // from the prefetch cache
			if err != nil {
				return nil, err
			}
			out = append(out, authorRow{a.Name, books})
		}
		return out, nil
	}
}

func bookDetail(db *orm.DB) func(*http.Request) (any, error) {
	return func(r *http.Request) (any, error) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("book id %q is not a number", r.PathValue("id"))
		}
		b, err := orm.Objects[Book](db).SelectRelated("author").Get(r.Context(), orm.Q{"pk": id})
		if err != nil {
			return nil, err
		}
		return rows(r.Context(), []*Book{b})[0], nil
	}
}

// page renders the named template with what load returns.
func page(name string, load func(*http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := load(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := site.ExecuteTemplate(w, name, data); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}
}

var site = template.Must(template.New("").Parse(`
{{define "top"}}<!doctype html><html lang="en"><head><meta charset="utf-8"><title>djorm bookstore</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:24px auto;max-width:760px;color:#222}nav a{margin-right:14px}td{padding:2px 10px 2px 0}</style>
</head><body><nav><a href="/">home</a><a href="/books">books</a><a href="/books/n-plus-one">books (N+1)</a><a href="/authors">authors</a><a href="/__djorm/">SQL panel</a></nav>{{end}}
{{define "home"}}{{template "top"}}<h1>djorm bookstore</h1>
<p>Each page runs its queries through djorm; the <a href="/__djorm/">SQL panel</a> lists them per request.</p>
<ul><li><a href="/books">books</a>: SelectRelated("author"), one query</li>
<li><a href="/books/n-plus-one">books (N+1)</a>: the same list, reading each author with a query of its own</li>
<li><a href="/authors">authors</a>: PrefetchRelated("books"), two queries</li></ul></body></html>{{end}}
{{define "books"}}{{template "top"}}<h1>{{.Title}}</h1><table>
{{range .Books}}<tr><td><a href="/books/{{.ID}}">{{.Title}}</a></td><td>{{.Author}}</td><td>{{.Price}}</td></tr>{{end}}
</table></body></html>{{end}}
{{define "authors"}}{{template "top"}}<h1>Authors</h1><ul>
{{range .}}<li>{{.Name}}: {{range $i, $b := .Books}}{{if $i}}, {{end}}{{$b.Title}}{{end}}</li>{{end}}
</ul></body></html>{{end}}
{{define "book"}}{{template "top"}}<h1>{{.Title}}</h1><p>by {{.Author}}, {{.Price}}</p></body></html>{{end}}
`))
