//go:build oracle

package testkit

import (
	"context"
	"errors"
	"os"

	_ "github.com/godror/godror" // Oracle driver (cgo; Oracle client libraries at run time)

	"github.com/djorm/orm"
)

// Oracle runs only with `-tags oracle` and a DSN in DJORM_ORACLE_DSN
// (user/password@host:port/service). Oracle has no cheap per-package
// schema, so point the DSN at a user reserved for the tests: the tables of
// each test are dropped and created in it.
func init() {
	openers = append(openers, struct {
		name string
		open func(ns string) (*orm.DB, func(), error)
	}{"oracle", openOracle})
}

func openOracle(string) (*orm.DB, func(), error) {
	dsn := os.Getenv("DJORM_ORACLE_DSN")
	if dsn == "" {
		return nil, nil, errors.New("DJORM_ORACLE_DSN is not set")
	}
	db, err := orm.Open("godror", dsn)
	if err != nil {
		return nil, nil, err
	}
	if err := ping(db.SQLDB()); err != nil {
		_ = db.Close()
		return nil, nil, err
	}
	_ = context.Background()
	return db, func() { _ = db.Close() }, nil
}
