package debugpanel

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// Handler serves the pages under the panel's prefix (see Prefix): the
// recent requests at the prefix itself, one request at prefix + "r/{id}",
// and EXPLAIN as a POST to prefix + "r/{id}/explain". Mount it at the
// prefix, as mux.Handle("/__djorm/", panel.Handler()).
func (p *Panel) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+p.cfg.prefix+"{$}", p.serveIndex)
	mux.HandleFunc("GET "+p.cfg.prefix+"r/{id}", p.serveRequest)
	mux.HandleFunc("POST "+p.cfg.prefix+"r/{id}/explain", p.serveExplain)
	cop := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		if err := p.admit(r); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		if err := cop.Check(r); err != nil {
			http.Error(w, "debugpanel: "+err.Error()+"; EXPLAIN is posted from the panel's own page", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// admit refuses, unless AllowRemote, a client that is not on the loopback
// interface, a request a proxy forwarded (a proxy on this machine would
// make every client look local), and a Host that is not a loopback name (a
// page whose name was rebound to 127.0.0.1 must not read the panel).
func (p *Panel) admit(r *http.Request) error {
	if p.cfg.allowRemote {
		return nil
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("debugpanel: the SQL panel answers clients on this machine only (this one is %s); "+
			"give debugpanel.New the AllowRemote option to serve others", host)
	}
	for _, name := range []string{"X-Forwarded-For", "Forwarded", "X-Real-Ip"} {
		if r.Header.Get(name) != "" {
			return fmt.Errorf("debugpanel: the request came through a proxy (%s), so its client is unknown; "+
				"open the panel directly, or give debugpanel.New the AllowRemote option", name)
		}
	}
	if !loopbackHost(r.Host) {
		return fmt.Errorf("debugpanel: the request names host %q; open the panel at localhost or a loopback address "+
			"(another name could be a DNS-rebinding page), or give debugpanel.New the AllowRemote option", r.Host)
	}
	return nil
}

func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (p *Panel) serveIndex(w http.ResponseWriter, r *http.Request) {
	p.render(w, http.StatusOK, "index", indexView{Prefix: p.cfg.prefix, Requests: p.Requests(), Keep: p.cfg.keep,
		Redacted: p.cfg.redact})
}

func (p *Panel) serveRequest(w http.ResponseWriter, r *http.Request) {
	req, err := p.lookup(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	p.render(w, http.StatusOK, "request", p.requestView(req, nil))
}

func (p *Panel) serveExplain(w http.ResponseWriter, r *http.Request) {
	req, err := p.lookup(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	n, err := strconv.Atoi(r.PostFormValue("q"))
	if err != nil || n < 0 || n >= len(req.Queries) {
		http.Error(w, fmt.Sprintf("debugpanel: no query %q in request %d (it has %d); post q=<the query's number>",
			r.PostFormValue("q"), req.ID, len(req.Queries)), http.StatusBadRequest)
		return
	}
	ex, err := explain(r.Context(), p.db, req.Queries[n])
	status := http.StatusOK
	if err != nil {
		ex, status = &Explanation{Query: n, Err: err.Error()}, http.StatusUnprocessableEntity
	}
	p.render(w, status, "request", p.requestView(req, ex))
}

var errGone = errors.New("debugpanel: no such request; the panel keeps the most recent ones only (see KeepRequests)")

func (p *Panel) lookup(r *http.Request) (*Request, error) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("debugpanel: request id %q is not a number", r.PathValue("id"))
	}
	if req := p.request(id); req != nil {
		return req, nil
	}
	return nil, errGone
}

// render writes a page whole, so a template error is a 500 and not half
// a page.
func (p *Panel) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, "debugpanel: rendering "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
