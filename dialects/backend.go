package dialects

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sort"
	"strings"
	"sync"
)

// Backend is what Open needs of a database backend beyond its SQL: how its
// connections are set up (the DSN settings djorm relies on, functions a
// connection must have) and which dialect a live database needs. Each
// backend package registers one for the database/sql driver names it
// serves, as drivers register themselves with database/sql.
type Backend interface {
	// Connector returns a connector for dsn on drv, the driver registered
	// as driverName, with djorm's connection settings applied.
	Connector(drv driver.Driver, driverName, dsn string) (driver.Connector, error)
	// Dialect inspects a live database (its version, the functions its
	// connections have) and returns its dialect. managed is true when the
	// connections come from Connector.
	Dialect(ctx context.Context, db *sql.DB, managed bool) (Dialect, error)
}

// SessionReadCommitted is implemented by dialects whose connections from
// Connector are READ COMMITTED from the start (MySQL, MariaDB), which saves
// a statement at the start of every transaction.
type SessionReadCommitted interface {
	SessionReadCommitted() bool
}

var (
	backendsMu sync.RWMutex
	backends   = map[string]Backend{}
)

// Register makes b the backend of the database/sql drivers named. It is
// meant for init functions; registering a name twice panics, as
// sql.Register does.
func Register(b Backend, driverNames ...string) {
	backendsMu.Lock()
	defer backendsMu.Unlock()
	for _, n := range driverNames {
		if _, dup := backends[n]; dup {
			panic("dialects: Register called twice for driver " + n)
		}
		backends[n] = b
	}
}

// Lookup returns the backend of a database/sql driver name.
func Lookup(driverName string) (Backend, bool) {
	backendsMu.RLock()
	defer backendsMu.RUnlock()
	b, ok := backends[driverName]
	return b, ok
}

// Drivers lists the driver names with a backend, sorted.
func Drivers() []string {
	backendsMu.RLock()
	defer backendsMu.RUnlock()
	out := make([]string, 0, len(backends))
	for n := range backends {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// WithParam adds key=value to a DSN unless it sets key already: URL forms
// and go-sql-driver's form get ?key=value (or &key=value), lib/pq's
// "key=value ..." form gets " key=value".
func WithParam(dsn, key, value string) string {
	d := ParseDSN(dsn)
	if d.Has(key) {
		return dsn
	}
	d.Set(key, value)
	return d.String()
}

// DSN is a data source name split into its parameters, in one of the three
// forms drivers take: a URL or path ("postgres://h/db?x=1", "file:a.db"),
// go-sql-driver's "user:pass@tcp(h)/db?x=1", and lib/pq's "host=h x=1".
type DSN struct {
	base   string   // everything before the parameters
	params []string // "key=value", in order
	kv     bool     // lib/pq's space-separated form
}

// ParseDSN splits dsn. Its parameters start at the first '?' after the
// last '/', as go-sql-driver reads them, so a password holding '?', '='
// or '/' stays in the part before.
func ParseDSN(dsn string) DSN {
	if keyValueForm(dsn) {
		return DSN{params: strings.Fields(dsn), kv: true}
	}
	start := strings.LastIndexByte(dsn, '/') + 1
	q := strings.IndexByte(dsn[start:], '?')
	if q < 0 {
		return DSN{base: dsn}
	}
	d := DSN{base: dsn[:start+q]}
	for _, p := range strings.Split(dsn[start+q+1:], "&") {
		if p != "" {
			d.params = append(d.params, p)
		}
	}
	return d
}

// keyValueForm reports whether dsn is lib/pq's "key=value ..." form: the
// text before its first '=' is a bare word (a go-sql-driver DSN has "user:"
// or "@" there, a URL "://").
func keyValueForm(dsn string) bool {
	eq := strings.IndexByte(dsn, '=')
	if eq <= 0 {
		return false
	}
	for _, r := range strings.TrimSpace(dsn[:eq]) {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Has reports whether the DSN sets key.
func (d DSN) Has(key string) bool { return d.index(key) >= 0 }

func (d DSN) index(key string) int {
	for i, p := range d.params {
		if strings.HasPrefix(p, key+"=") {
			return i
		}
	}
	return -1
}

// Set gives key the value, replacing any value the DSN gave it (at the end
// of the parameters, where drivers that read the last one see it).
func (d *DSN) Set(key, value string) {
	if i := d.index(key); i >= 0 {
		d.params = append(d.params[:i], d.params[i+1:]...)
	}
	d.params = append(d.params, key+"="+value)
}

// String writes the DSN back in its own form.
func (d DSN) String() string {
	switch {
	case d.kv:
		return strings.Join(d.params, " ")
	case len(d.params) == 0:
		return d.base
	}
	return d.base + "?" + strings.Join(d.params, "&")
}
