package oracle

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/netwatch"
)

// backend opens Oracle connections through godror as they are.
type backend struct{}

func init() { dialects.Register(backend{}, "godror", "oracle") }

// Connector opens dsn with the driver's own connector; opening a
// connection gives up when its context ends.
func (backend) Connector(drv driver.Driver, _, dsn string) (driver.Connector, error) {
	c := netwatch.DSN(drv, dsn)
	c.Bare = true
	return c, nil
}

// Dialect returns the Oracle dialect.
func (backend) Dialect(context.Context, *sql.DB, bool) (dialects.Dialect, error) { return New(), nil }
