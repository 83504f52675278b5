// Package migrations holds the migrations of the history test, written
// by the autodetector (migrate.File.Source) and checked as golden files.
package migrations

import "github.com/djorm/orm/migrate"

// Migrations holds the migrations; each file registers one.
var Migrations = migrate.NewSet("history")
