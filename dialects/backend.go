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
	if strings.Contains(dsn, key+"=") {
		return dsn
	}
	if strings.Contains(dsn, "://") || strings.Contains(dsn, "?") || !strings.Contains(dsn, "=") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		return dsn + sep + key + "=" + value
	}
	return dsn + " " + key + "=" + value
}
