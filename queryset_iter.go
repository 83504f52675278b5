package orm

import (
	"context"
	"errors"
	"iter"
)

// defaultChunk is Django's iterator() chunk size.
const defaultChunk = 2000

// IterOption configures Iter.
type IterOption func(*iterConfig)

type iterConfig struct{ chunk int }

// ChunkSize sets how many rows Iter prefetches relations for at once.
func ChunkSize(n int) IterOption { return func(c *iterConfig) { c.chunk = n } }

// iterChunks yields rows a chunk at a time, each chunk's relations
// prefetched in one query per relation. Outside a transaction the main
// query streams while the prefetch queries use other pooled connections.
// A transaction (or a pool of one connection, as SQLite in memory) has one
// connection, which drivers cannot share between an open result and new
// queries: there the main query's rows are read first, then prefetched
// and yielded chunk by chunk.
func (qs *QuerySet[E]) iterChunks(ctx context.Context, size int) iter.Seq2[E, error] {
	return func(yield func(E, error) bool) {
		var zero E
		db, err := qs.database()
		if err == nil {
			err = checkPrefetch(qs.model, qs.prefetch)
		}
		if err != nil {
			yield(zero, err)
			return
		}
		stop := errors.New("stop")
		chunk := make([]E, 0, size)
		flush := func() error {
			if len(chunk) == 0 {
				return nil
			}
			if err := prefetchInto(ctx, db, qs.model, pointersOf(chunk), qs.prefetch); err != nil {
				return err
			}
			for _, e := range chunk {
				if !yield(e, nil) {
					return stop
				}
			}
			chunk = chunk[:0]
			return nil
		}
		oneConn := txFrom(ctx, db) != nil || db.sql.Stats().MaxOpenConnections == 1
		if oneConn {
			rows, err := qs.ClearPrefetchRelated().fetch(ctx, nil) // prefetched below, per chunk
			for len(rows) > 0 && err == nil {
				n := min(size, len(rows))
				chunk = append(chunk[:0], rows[:n]...)
				clear(rows[:n]) // let yielded rows go
				rows = rows[n:]
				err = flush()
			}
			if err != nil && err != stop {
				yield(zero, err)
			}
			return
		}
		_, err = qs.fetch(ctx, func(e E) error {
			chunk = append(chunk, e)
			if len(chunk) == size {
				return flush()
			}
			return nil
		})
		if err == nil {
			err = flush()
		}
		if err != nil && err != stop {
			yield(zero, err)
		}
	}
}
