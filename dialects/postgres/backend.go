package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/netwatch"
)

// backend sets up PostgreSQL connections for lib/pq ("postgres") and pgx's
// database/sql driver ("pgx").
type backend struct{}

func init() {
	dialects.Register(backend{}, "postgres", "pgx", "pgx/v5", "cloudsqlpostgres")
}

// Connector applies, for lib/pq, binary_parameters=yes (parse, bind and
// execute in one round trip) and makes its connections keep contexts when
// the network stops answering (lib/pq keeps reading after a cancel request
// the network never delivers, and opens connections without a context).
// pgx honours contexts itself and is used as it is.
func (backend) Connector(drv driver.Driver, driverName, dsn string) (driver.Connector, error) {
	if driverName == "pgx" || driverName == "pgx/v5" {
		if dc, ok := drv.(driver.DriverContext); ok {
			return dc.OpenConnector(dsn)
		}
	}
	if driverName == "postgres" {
		dsn = dialects.WithParam(dsn, "binary_parameters", "yes")
	}
	return netwatch.DSN(drv, dsn), nil
}

// Dialect returns the PostgreSQL dialect; it needs nothing of the server.
func (backend) Dialect(context.Context, *sql.DB, bool) (dialects.Dialect, error) { return New(), nil }
