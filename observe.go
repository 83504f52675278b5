package orm

import (
	"context"
	"sync"
	"time"
)

// QueryRecord describes one statement djorm ran.
type QueryRecord struct {
	SQL      string
	Args     []any
	Duration time.Duration
	Rows     int64 // rows returned (queries) or affected (writes); -1 if unknown
	Err      error
	Database string // the alias of the database it ran on
}

// Captured collects the statements run with a context from CaptureQueries.
type Captured struct {
	mu      sync.Mutex
	records []QueryRecord
}

type captureKey struct{}

// CaptureQueries returns a context that records every statement run with
// it (or a context derived from it), like Django's assertNumQueries:
// BEGIN and COMMIT are not counted, SAVEPOINT statements are.
func CaptureQueries(ctx context.Context) (context.Context, *Captured) {
	c := &Captured{}
	return context.WithValue(ctx, captureKey{}, c), c
}

// Count returns the number of statements recorded so far.
func (c *Captured) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.records)
}

// Queries returns a copy of the records so far.
func (c *Captured) Queries() []QueryRecord {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]QueryRecord(nil), c.records...)
}

// Reset forgets the records so far.
func (c *Captured) Reset() {
	c.mu.Lock()
	c.records = nil
	c.mu.Unlock()
}

func (c *Captured) add(r QueryRecord) {
	c.mu.Lock()
	c.records = append(c.records, r)
	c.mu.Unlock()
}

func (db *DB) observe(ctx context.Context, r QueryRecord) {
	if c, ok := ctx.Value(captureKey{}).(*Captured); ok {
		c.add(r)
	}
	for _, h := range db.hooks {
		h(ctx, r)
	}
}

func (db *DB) observed(ctx context.Context) bool {
	return len(db.hooks) > 0 || ctx.Value(captureKey{}) != nil
}

// clock reports whether statements on ctx are observed and, if so, when
// this one starts (reading the clock only for hooks and captures).
func (db *DB) clock(ctx context.Context) (observed bool, start time.Time) {
	if db.observed(ctx) {
		return true, time.Now()
	}
	return false, time.Time{}
}
