package orm

import (
	"context"
	"log/slog"
	"time"
)

// Logging statements with log/slog. WithLogger is a Hook: a DB without
// one does no logging work at all (no clock read, no record, no
// allocation), and a logger whose level leaves a statement out costs a
// clock read and one Enabled call.

// DefaultSlowQuery is the duration from which a statement is logged at
// Warn, unless SlowQuery says otherwise.
const DefaultSlowQuery = 200 * time.Millisecond

// LogOption configures WithLogger.
type LogOption func(*logConfig)

type logConfig struct {
	slow   time.Duration
	redact bool
}

// SlowQuery sets the duration from which a statement is logged at Warn as
// a slow query (200ms unless set); 0 or less turns the warnings off.
func SlowQuery(d time.Duration) LogOption { return func(c *logConfig) { c.slow = d } }

// RedactArgs leaves the statements' arguments out of the log: they may
// hold personal data or secrets. The SQL text holds no values (djorm binds
// every value as a parameter), so it is still logged.
func RedactArgs() LogOption { return func(c *logConfig) { c.redact = true } }

// WithLogger logs every statement the database runs to l, after it
// finished: at Debug each statement, at Warn a slow one (SlowQuery), at
// Error a failed one. A record's message is "query", "slow query" or
// "query failed"; its attributes are
//
//	sql       the statement's text
//	args      its arguments (left out by RedactArgs)
//	duration  how long it took
//	rows      rows returned or affected (-1 if unknown)
//	error     the error, for a failure
//	caller    file:line of the program's code that ran it (outside djorm)
//	db        the database alias
//	lazy      the relation it lazily loaded ("Book.author"), if it did
//
// BEGIN and COMMIT are not logged, SAVEPOINT statements are. The caller is
// found only for a record the logger's handler accepts. A nil l logs
// nothing.
func WithLogger(l *slog.Logger, opts ...LogOption) Option {
	cfg := logConfig{slow: DefaultSlowQuery}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return func(db *DB) {
		if l != nil {
			lg := &queryLogger{l: l, cfg: cfg}
			db.hooks = append(db.hooks, lg.log)
		}
	}
}

type queryLogger struct {
	l      *slog.Logger
	cfg    logConfig
	caller callerMemo
}

// level picks a record's level and message.
func (lg *queryLogger) level(r *QueryRecord) (slog.Level, string) {
	switch {
	case r.Err != nil:
		return slog.LevelError, "query failed"
	case lg.cfg.slow > 0 && r.Duration >= lg.cfg.slow:
		return slog.LevelWarn, "slow query"
	}
	return slog.LevelDebug, "query"
}

func (lg *queryLogger) log(ctx context.Context, r QueryRecord) {
	level, msg := lg.level(&r)
	if !lg.l.Enabled(ctx, level) {
		return
	}
	if r.Caller == "" {
		r.Caller = callerOutside(&lg.caller)
	}
	var buf [9]slog.Attr
	attrs := append(buf[:0], slog.String("sql", r.SQL))
	if !lg.cfg.redact {
		attrs = append(attrs, slog.Any("args", r.Args))
	}
	attrs = append(attrs, slog.Duration("duration", r.Duration), slog.Int64("rows", r.Rows))
	if r.Err != nil {
		attrs = append(attrs, slog.Any("error", r.Err))
	}
	attrs = append(attrs, slog.String("caller", r.Caller), slog.String("db", r.Database))
	if r.Lazy != nil {
		attrs = append(attrs, slog.String("lazy", r.Lazy.String()))
	}
	lg.l.LogAttrs(ctx, level, msg, attrs...)
}
