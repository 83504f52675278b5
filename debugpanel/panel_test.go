package debugpanel_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/debugpanel"
	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "debugpanel") }

// site is a small application with the panel mounted, as a program would
// have it.
type site struct {
	*httptest.Server
	panel *debugpanel.Panel
}

func newSite(t *testing.T, db *orm.DB, hooked bool, opts ...debugpanel.Option) *site {
	t.Helper()
	var dbOpts []orm.Option
	if hooked {
		dbOpts = append(dbOpts, orm.WithHook(debugpanel.Hook()))
	}
	app, err := orm.New(db.SQLDB(), db.DriverName(), dbOpts...)
	if err != nil {
		t.Fatal(err)
	}
	p, err := debugpanel.New(app, opts...)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/__djorm/", p.Handler())
	mux.HandleFunc("GET /books", func(w http.ResponseWriter, r *http.Request) {
		books, err := orm.Objects[testkit.Book](app).OrderBy("id").All(r.Context())
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		for _, b := range books {
			a, err := b.Author.Get(r.Context()) // the N+1: one query per book
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			fmt.Fprintf(w, "%s by %s\n", b.Title, a.Name)
		}
	})
	mux.HandleFunc("GET /books/related", func(w http.ResponseWriter, r *http.Request) {
		books, err := orm.Objects[testkit.Book](app).SelectRelated("author").OrderBy("id").All(r.Context())
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		fmt.Fprintln(w, len(books))
	})
	mux.HandleFunc("POST /publishers", func(w http.ResponseWriter, r *http.Request) {
		if err := app.Create(r.Context(), &testkit.Publisher{Name: r.FormValue("name")}); err != nil {
			http.Error(w, err.Error(), 500)
		}
	})
	s := &site{Server: httptest.NewServer(p.Middleware(mux)), panel: p}
	t.Cleanup(s.Close)
	return s
}

func (s *site) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// post sends a form as the panel's own page would: same origin.
func (s *site) post(t *testing.T, path string, form url.Values, header ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", s.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", s.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func mustContain(t *testing.T, page string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %q", s)
		}
	}
}

func TestRequestPage(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		s := newSite(t, db, true)
		if code, body := s.get(t, "/books"); code != 200 {
			t.Fatalf("GET /books: %d %s", code, body)
		}
		s.get(t, "/books/related")

		reqs := s.panel.Requests()
		if len(reqs) != 2 || reqs[0].Path != "/books/related" || reqs[1].Path != "/books" {
			t.Fatalf("recorded %v", reqs)
		}
		books := reqs[1]
		if len(books.Queries) != 9 || !books.Timed {
			t.Fatalf("/books ran %d queries (timed %v), want 1 + 8", len(books.Queries), books.Timed)
		}
		q := books.Queries[1]
		if !strings.HasPrefix(q.Caller, "debugpanel/panel_test.go:") || len(q.Args) != 1 || q.Rows != 1 {
			t.Errorf("query 1: caller %q args %v rows %d", q.Caller, q.Args, q.Rows)
		}
		if len(books.NPlusOne) != 1 || books.NPlusOne[0].Count() != 8 || books.NPlusOne[0].Values != 4 {
			t.Fatalf("N+1 warnings: %+v", books.NPlusOne)
		}
		if w := books.NPlusOne[0]; w.Caller != q.Caller || w.Table != "author" || w.Lazy == nil || w.Lazy.String() != "Book.author" {
			t.Errorf("N+1: %+v", w)
		}
		if len(books.Duplicates) == 0 || len(books.Similar) != 1 {
			t.Errorf("duplicates %v, similar %v", books.Duplicates, books.Similar)
		}
		if len(reqs[0].Queries) != 1 || len(reqs[0].NPlusOne) != 0 {
			t.Errorf("/books/related: %d queries, N+1 %v", len(reqs[0].Queries), reqs[0].NPlusOne)
		}

		code, index := s.get(t, "/__djorm/")
		if code != 200 {
			t.Fatalf("index: %d %s", code, index)
		}
		mustContain(t, index, "GET /books/related", fmt.Sprintf(`href="/__djorm/r/%d"`, books.ID), "N+1")
		code, page := s.get(t, fmt.Sprintf("/__djorm/r/%d", books.ID))
		if code != 200 {
			t.Fatalf("request page: %d %s", code, page)
		}
		mustContain(t, page, `id="queries"`, `class="warning nplusone"`, `class="dup-group"`, `SelectRelated(&#34;author&#34;)`, "lazy Book.author",
			q.Caller, `class="bar" style="left: `, `<button class="explain"`, "args: [")
		if n := strings.Count(page, `<tr class="query`); n != 9 {
			t.Errorf("%d query rows, want 9", n)
		}
	})
}

func TestExplain(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		s := newSite(t, db, true)
		s.get(t, "/books")
		s.post(t, "/publishers", url.Values{"name": {"Gollancz"}})
		reqs := s.panel.Requests()
		books, write := reqs[1], reqs[0]

		code, page := s.post(t, fmt.Sprintf("/__djorm/r/%d/explain", books.ID), url.Values{"q": {"1"}})
		if code != 200 {
			t.Fatalf("EXPLAIN: %d %s", code, page)
		}
		mustContain(t, page, `<div class="explain-result" id="explain">`, "<table><thead><tr><th>")
		if strings.Contains(page, `class="explain-error"`) {
			t.Errorf("EXPLAIN failed: %s", page)
		}

		// The INSERT has no button, and a forged POST is refused.
		code, page = s.post(t, fmt.Sprintf("/__djorm/r/%d/explain", write.ID), url.Values{"q": {"0"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "single SELECT only") {
			t.Errorf("EXPLAIN of an INSERT: %d, %s", code, page)
		}
		for _, bad := range []string{"x", "-1", "99"} {
			if code, _ := s.post(t, fmt.Sprintf("/__djorm/r/%d/explain", books.ID), url.Values{"q": {bad}}); code != 400 {
				t.Errorf("q=%s: %d, want 400", bad, code)
			}
		}
		if code, _ := s.get(t, "/__djorm/r/12345"); code != 404 {
			t.Errorf("an unknown request: %d, want 404", code)
		}
	})
}

func TestRedact(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		s := newSite(t, db, true, debugpanel.Redact())
		s.get(t, "/books")
		s.get(t, "/books/related")
		reqs := s.panel.Requests()
		books := reqs[1]
		for _, q := range books.Queries {
			if q.Args != nil {
				t.Fatalf("Redact kept arguments: %v", q.Args)
			}
		}
		_, page := s.get(t, fmt.Sprintf("/__djorm/r/%d", books.ID))
		mustContain(t, page, "1 arguments (redacted)", "N+1")
		if strings.Contains(page, "args: [") {
			t.Errorf("a redacted page shows arguments")
		}
		code, page := s.post(t, fmt.Sprintf("/__djorm/r/%d/explain", books.ID), url.Values{"q": {"1"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "debugpanel.Redact") {
			t.Errorf("EXPLAIN of a redacted query with arguments: %d", code)
		}
		// A query without arguments is explained all the same.
		if code, page := s.post(t, fmt.Sprintf("/__djorm/r/%d/explain", reqs[0].ID), url.Values{"q": {"0"}}); code != 200 {
			t.Errorf("EXPLAIN of a query without arguments under Redact: %d %s", code, page)
		}
	})
}

// TestWithoutHook: the middleware alone records through
// orm.CaptureQueries: callers (djorm fills QueryRecord.Caller for a
// capture), but no stacks and no start times.
func TestWithoutHook(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		s := newSite(t, db, false)
		s.get(t, "/books")
		req := s.panel.Requests()[0]
		if len(req.Queries) != 9 || req.Timed || !strings.HasPrefix(req.Queries[3].Caller, "debugpanel/panel_test.go:") ||
			req.Queries[3].Stack != nil || req.Queries[3].Offset == 0 {
			t.Fatalf("queries %d timed %v caller %q offset %v", len(req.Queries), req.Timed, req.Queries[3].Caller, req.Queries[3].Offset)
		}
		if len(req.NPlusOne) != 1 {
			t.Errorf("N+1 by SQL alone: %v", req.NPlusOne)
		}
		_, page := s.get(t, fmt.Sprintf("/__djorm/r/%d", req.ID))
		mustContain(t, page, "install debugpanel.Hook()")
	})
}

func TestAccess(t *testing.T) {
	db := testkit.Backends()[0].DB
	p, err := debugpanel.New(db)
	if err != nil {
		t.Fatal(err)
	}
	remote, err := debugpanel.New(db, debugpanel.AllowRemote())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		panel  *debugpanel.Panel
		method string
		remote string
		host   string
		header []string
		want   int
	}{
		{"loopback", p, "GET", "127.0.0.1:5000", "127.0.0.1:8000", nil, 200},
		{"ipv6 loopback", p, "GET", "[::1]:5000", "localhost:8000", nil, 200},
		{"another machine", p, "GET", "192.0.2.7:5000", "127.0.0.1:8000", nil, 403},
		{"through a proxy", p, "GET", "127.0.0.1:5000", "127.0.0.1:8000", []string{"X-Forwarded-For", "192.0.2.7"}, 403},
		{"rebound host name", p, "GET", "127.0.0.1:5000", "attacker.example:8000", nil, 403},
		{"allowed remote", remote, "GET", "192.0.2.7:5000", "shop.example", nil, 200},
		{"cross-site post", p, "POST", "127.0.0.1:5000", "127.0.0.1:8000", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"cross-origin post", remote, "POST", "127.0.0.1:5000", "127.0.0.1:8000", []string{"Origin", "http://attacker.example"}, 403},
		{"same-origin post", p, "POST", "127.0.0.1:5000", "127.0.0.1:8000", []string{"Sec-Fetch-Site", "same-origin"}, 404},
	} {
		path := "/__djorm/"
		if c.method == "POST" {
			path = "/__djorm/r/1/explain"
		}
		r := httptest.NewRequestWithContext(context.Background(), c.method, path, nil)
		r.RemoteAddr, r.Host = c.remote, c.host
		for i := 0; i+1 < len(c.header); i += 2 {
			r.Header.Set(c.header[i], c.header[i+1])
		}
		w := httptest.NewRecorder()
		c.panel.Handler().ServeHTTP(w, r)
		if w.Code != c.want {
			t.Errorf("%s: %d, want %d (%s)", c.name, w.Code, c.want, strings.TrimSpace(w.Body.String()))
		}
		if w.Code == 403 && !strings.Contains(w.Body.String(), "debugpanel") {
			t.Errorf("%s: the refusal does not say who refused: %s", c.name, w.Body.String())
		}
	}
}

func TestKeepRequests(t *testing.T) {
	db := testkit.Backends()[0].DB
	p, err := debugpanel.New(db, debugpanel.KeepRequests(2))
	if err != nil {
		t.Fatal(err)
	}
	h := p.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) }))
	for _, path := range []string{"/a", "/b", "/c", "/__djorm/"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	reqs := p.Requests()
	if len(reqs) != 2 || reqs[0].Path != "/c" || reqs[1].Path != "/b" || reqs[0].Status != http.StatusTeapot || reqs[0].ID != 3 {
		t.Errorf("kept %+v", reqs)
	}
}

func TestNewRefuses(t *testing.T) {
	db := testkit.Backends()[0].DB
	for _, c := range []struct {
		db   *orm.DB
		opts []debugpanel.Option
		want string
	}{
		{nil, nil, "db is nil"},
		{db, []debugpanel.Option{debugpanel.Prefix("/x")}, `Prefix("/x")`},
		{db, []debugpanel.Option{debugpanel.Prefix("/a b/")}, `Prefix("/a b/")`},
		{db, []debugpanel.Option{debugpanel.KeepRequests(0)}, "KeepRequests(0)"},
		{db, []debugpanel.Option{debugpanel.NPlusOneThreshold(1)}, "NPlusOneThreshold(1)"},
	} {
		if _, err := debugpanel.New(c.db, c.opts...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%v): %v, want an error naming %s", c.opts, err, c.want)
		}
	}
}
