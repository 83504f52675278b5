// Package bench compares djorm with hand-written database/sql, sqlx, GORM
// and bun on the same tables and the same *sql.DB. See README.md.
package bench
