package main

import "github.com/djorm/orm/migrate"

// migrations holds the bookstore's migrations (0001_initial.go creates the
// tables), applied at start-up as a Django project's migrate would.
var migrations = migrate.NewSet("bookstore")
