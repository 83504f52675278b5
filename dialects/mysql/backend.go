package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

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
	dsn = dialects.WithParam(dsn, "clientFoundRows", "true")
	dsn = dialects.WithParam(dsn, "interpolateParams", "true")
	dsn = replaceParam(dsn, "loc", "UTC")
	c := netwatch.DSN(drv, dsn)
	if !strings.Contains(dsn, "tx_isolation=") && !strings.Contains(dsn, "transaction_isolation=") {
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

// replaceParam sets key=value in a go-sql-driver DSN, replacing any value
// the DSN gives it.
func replaceParam(dsn, key, value string) string {
	q := strings.LastIndex(dsn, "?")
	if q < 0 || strings.LastIndex(dsn, "/") > q {
		return dsn + "?" + key + "=" + value
	}
	params := strings.Split(dsn[q+1:], "&")
	out := params[:0]
	for _, p := range params {
		if !strings.HasPrefix(p, key+"=") {
			out = append(out, p)
		}
	}
	out = append(out, key+"="+value)
	return dsn[:q+1] + strings.Join(out, "&")
}

// Dialect reads the server's version: MariaDB and MySQL differ, and so do
// their versions.
func (backend) Dialect(ctx context.Context, db *sql.DB, managed bool) (dialects.Dialect, error) {
	var version string
	if err := db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err != nil {
		return nil, fmt.Errorf("reading the MySQL server version: %w", err)
	}
	d := New(version)
	d.sessionRC = managed
	return d, nil
}
