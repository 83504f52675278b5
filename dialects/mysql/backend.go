package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/internal/netwatch"
)

// backend sets up MySQL and MariaDB connections for go-sql-driver/mysql.
type backend struct{}

func init() { dialects.Register(backend{}, "mysql") }

// Connector applies djorm's settings to dsn:
//
//   - clientFoundRows=true: Update counts rows matched, as Django does;
//   - interpolateParams=true: one round trip per statement (the driver
//     escapes arguments instead of preparing on the server);
//   - loc=UTC: djorm stores times in UTC; with parseTime=true a DSN's
//     loc=Local would read a stored 12:00 as 12:00 local time;
//   - every session is READ COMMITTED, as Django's are, unless the DSN
//     sets the isolation itself;
//   - COMMIT and ROLLBACK keep the transaction's context (the driver sends
//     them with none, so a frozen server held them for ever).
func (backend) Connector(drv driver.Driver, _, dsn string) (driver.Connector, error) {
	d := dialects.ParseDSN(dsn)
	for _, key := range []string{"clientFoundRows", "interpolateParams"} {
		if !d.Has(key) {
			d.Set(key, "true")
		}
	}
	d.Set("loc", "UTC")
	c := netwatch.DSN(drv, d.String())
	if !d.Has("tx_isolation") && !d.Has("transaction_isolation") {
		c.Setup = readCommitted
	}
	return c, nil
}

func readCommitted(ctx context.Context, c driver.Conn) error {
	e, ok := c.(driver.ExecerContext)
	if !ok {
		return fmt.Errorf("mysql: the driver connection %T cannot execute statements", c)
	}
	_, err := e.ExecContext(ctx, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", nil)
	return err
}

// Dialect reads the server's version: MariaDB and MySQL differ, and so do
// their versions.
func (backend) Dialect(ctx context.Context, db *sql.DB, managed bool) (dialects.Dialect, error) {
	var version string
	var packet int64
	var zones bool // the time zone tables are loaded (CONVERT_TZ knows names)
	if err := db.QueryRowContext(ctx, "SELECT VERSION(), @@max_allowed_packet, "+
		"CONVERT_TZ('2000-01-01 00:00:00', '+00:00', 'Europe/Paris') IS NOT NULL").Scan(&version, &packet, &zones); err != nil {
		return nil, fmt.Errorf("reading the MySQL server version: %w", err)
	}
	d := New(version)
	d.NoZoneTables = !zones
	d.sessionRC = managed
	// Parameters are interpolated into the statement text, so a large
	// batch can outgrow the server's packet limit (which resets the
	// connection); writes are split below it.
	d.features.MaxStatementBytes = int(min(packet, maxClientPacket)) - packetMargin
	return d, nil
}

// maxClientPacket is go-sql-driver's own default limit (maxAllowedPacket);
// packetMargin leaves room for the packet header and estimation error.
const (
	maxClientPacket = 64 << 20
	packetMargin    = 64 << 10
)
