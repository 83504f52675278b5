package migrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
)

// Record is a row of djorm_migrations: a migration applied to the
// database. Progress is nil once every operation ran; on backends whose
// schema changes commit at once (MySQL, MariaDB), a migration that failed
// part way is recorded with the number of operations that ran.
type Record struct {
	orm.Model
	App      string    `orm:"max_length=255"`
	Name     string    `orm:"max_length=255"`
	Applied  time.Time `orm:"type=datetime"`
	Progress *int32    `orm:"null"`
}

// Meta names the table and keeps one row per migration.
func (Record) Meta() orm.Meta {
	return orm.Meta{Table: "djorm_migrations", UniqueTogether: [][]string{{"app", "name"}}}
}

// fkViolation is a row of the foreign key check a SQLite migration runs
// before it commits.
type fkViolation struct {
	orm.Model
	Tbl    string `orm:"max_length=255"`
	Parent string `orm:"max_length=255"`
}

// Meta names a table that is never created: the rows come from Raw.
func (fkViolation) Meta() orm.Meta { return orm.Meta{Table: "djorm_fk_check"} }

func init() { orm.MustRegister(&Record{}, &fkViolation{}) }

// ZeroTarget is the migrate target that unapplies every migration.
const ZeroTarget = "zero"

// Executor applies a Set's migrations to a database.
type Executor struct {
	DB  *orm.DB
	Set *Set
	// Out gets a line per migration ("Applying 0002_book_isbn... OK");
	// nil: nothing is written.
	Out io.Writer

	g *graph // the history as the database being migrated sees it (plan)
}

// Step is one migration of a plan, forwards or backwards.
type Step struct {
	Migration *Migration
	Backwards bool
}

// Options tune Migrate.
type Options struct {
	// Fake records the migrations as applied (or unapplied) without
	// running their operations (Django's --fake).
	Fake bool
}

// Applied returns the records of the set's applied migrations by name.
// A database without djorm_migrations has none.
func (e *Executor) Applied(ctx context.Context) (map[string]*Record, error) {
	if err := e.DB.CreateTables(ctx, &Record{}); err != nil {
		return nil, fmt.Errorf("migrate: creating djorm_migrations: %w", err)
	}
	rows, err := orm.Objects[Record](e.DB).Filter(orm.Q{"app": e.Set.App}).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: reading djorm_migrations: %w", err)
	}
	out := map[string]*Record{}
	for _, r := range rows {
		out[r.Name] = r
	}
	return out, nil
}

// Plan returns the steps Migrate would run to reach target: "" (every
// migration), ZeroTarget (none), or a migration's name (forwards if it is
// not applied; otherwise backwards, unapplying what depends on it).
func (e *Executor) Plan(ctx context.Context, target string) ([]Step, error) {
	applied, err := e.Applied(ctx)
	if err != nil {
		return nil, err
	}
	return e.plan(applied, target)
}

func (e *Executor) plan(applied map[string]*Record, target string) ([]Step, error) {
	g, err := e.Set.graph(applied)
	if err != nil {
		return nil, err
	}
	e.g = g
	ms := g.ms
	done := func(m *Migration) bool { return isDone(applied, m) }
	started := func(m *Migration) bool { return applied[m.Name] != nil || isDone(applied, m) }
	var steps []Step
	switch {
	case target == "":
		for _, m := range ms {
			if !done(m) {
				steps = append(steps, Step{Migration: m})
			}
		}
	case target == ZeroTarget:
		for i := len(ms) - 1; i >= 0; i-- {
			if started(ms[i]) {
				steps = append(steps, Step{Migration: ms[i], Backwards: true})
			}
		}
	default:
		t, err := g.get(target)
		if err != nil {
			return nil, err
		}
		if !done(t) {
			anc := g.ancestors(t)
			for _, m := range ms {
				if anc[m.Name] && !done(m) {
					steps = append(steps, Step{Migration: m})
				}
			}
			return steps, nil
		}
		for i := len(ms) - 1; i >= 0; i-- {
			m := ms[i]
			if m != t && started(m) && g.ancestors(m)[t.Name] {
				steps = append(steps, Step{Migration: m, Backwards: true})
			}
		}
	}
	return steps, nil
}

// isDone reports whether m is applied in full: its record says so, or,
// for a squashed migration, the records of all it replaces do.
func isDone(applied map[string]*Record, m *Migration) bool {
	if r := applied[m.Name]; r != nil {
		return r.Progress == nil
	}
	if len(m.Replaces) == 0 {
		return false
	}
	for _, n := range m.Replaces {
		if r := applied[n]; r == nil || r.Progress != nil {
			return false
		}
	}
	return true
}

// Migrate brings the database to target (see Plan). It holds a lock for
// the whole run (PostgreSQL's advisory lock, MySQL's GET_LOCK; on SQLite
// each migration's transaction takes the write lock first), and decides
// what to apply once it has it: two processes migrating at once apply
// each migration once. On PostgreSQL and SQLite each migration runs in
// one transaction with its record; on MySQL and MariaDB, whose schema
// changes commit at once, the record counts the operations that ran, and
// a later run continues after them.
func (e *Executor) Migrate(ctx context.Context, target string, opts Options) (err error) {
	unlock, err := e.lock(ctx)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, unlock()) }()
	restore, err := e.singleConnection(ctx)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, restore()) }()
	if err := e.Set.Conflict(); err != nil {
		return err
	}
	applied, err := e.Applied(ctx)
	if err != nil {
		return err
	}
	steps, err := e.plan(applied, target)
	if err != nil {
		return err
	}
	if len(steps) == 0 {
		e.say("No migrations to apply.\n")
	}
	for _, s := range steps {
		if err := e.run(ctx, s, applied[s.Migration.Name], opts); err != nil {
			return err
		}
	}
	return e.checkReplacements(ctx)
}

// checkReplacements records a squashed migration as applied once every
// migration it replaces is (they were applied one by one), as Django's
// executor does, so the record stands when the originals are deleted.
func (e *Executor) checkReplacements(ctx context.Context) error {
	applied, err := e.Applied(ctx)
	if err != nil {
		return err
	}
	ms, err := e.Set.all()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if len(m.Replaces) > 0 && applied[m.Name] == nil && isDone(applied, m) {
			if err := e.DB.Create(ctx, &Record{App: e.Set.App, Name: m.Name, Applied: time.Now().UTC()}); err != nil {
				return fmt.Errorf("migrate: recording %s.%s, whose replaced migrations are all applied: %w", e.Set.App, m.Name, err)
			}
		}
	}
	return nil
}

func (e *Executor) say(format string, args ...any) {
	if e.Out != nil {
		fmt.Fprintf(e.Out, format, args...)
	}
}

// lock takes the dialect's session lock on a connection of its own.
func (e *Executor) lock(ctx context.Context) (func() error, error) {
	ed, ok := e.DB.Dialect().(dialects.SchemaEditor)
	if !ok {
		return nil, &dialects.NotSupported{Dialect: e.DB.Dialect().Name(), Feature: "migrations"}
	}
	lock, unlock := ed.MigrationLock("djorm_migrations")
	if lock == "" {
		return func() error { return nil }, nil
	}
	conn, err := e.DB.SQLDB().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: taking the migration lock: %w", err)
	}
	var v any
	if err := conn.QueryRowContext(ctx, lock).Scan(&v); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("migrate: taking the migration lock: %w", err)
	}
	return func() error {
		var v any
		err := conn.QueryRowContext(context.WithoutCancel(ctx), unlock).Scan(&v)
		return errors.Join(err, conn.Close())
	}, nil
}

// singleConnection keeps a SQLite database on one connection with
// foreign keys off while it migrates (see dialects.ForeignKeySwitch).
func (e *Executor) singleConnection(ctx context.Context) (func() error, error) {
	sw, ok := e.DB.Dialect().(dialects.ForeignKeySwitch)
	if !ok {
		return func() error { return nil }, nil
	}
	sdb := e.DB.SQLDB()
	prev := sdb.Stats().MaxOpenConnections
	sdb.SetMaxOpenConns(1)
	if _, err := e.DB.Exec(ctx, orm.SQLText(sw.ForeignKeys(false))); err != nil {
		sdb.SetMaxOpenConns(prev)
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return func() error {
		_, err := e.DB.Exec(context.WithoutCancel(ctx), orm.SQLText(sw.ForeignKeys(true)))
		sdb.SetMaxOpenConns(prev)
		return err
	}, nil
}

// states returns the state before each operation of m and after the last.
func (e *Executor) states(m *Migration) ([]*State, error) {
	g := e.g
	if g == nil {
		var err error
		if g, err = e.Set.graph(nil); err != nil {
			return nil, err
		}
	}
	st, err := g.stateBefore(m)
	if err != nil {
		return nil, err
	}
	out := []*State{st}
	for i, op := range m.Operations {
		next := out[i].Clone()
		if err := op.StateForwards(next); err != nil {
			return nil, fmt.Errorf("migrate: %s, operation %d (%s): %w", m.Name, i+1, op.Describe(), err)
		}
		out = append(out, next)
	}
	return out, nil
}

func (e *Executor) run(ctx context.Context, s Step, rec *Record, opts Options) error {
	m := s.Migration
	verb := "Applying"
	if s.Backwards {
		verb = "Unapplying"
	}
	e.say("  %s %s.%s...", verb, e.Set.App, m.Name)
	start := time.Now()
	states, err := e.states(m)
	if err != nil {
		e.say(" FAILED\n")
		return err
	}
	if e.DB.Dialect().Features().TransactionalDDL && !m.NonAtomic {
		err = orm.Atomic(ctx, e.DB, func(ctx context.Context) error { return e.atomic(ctx, s, states, opts) })
	} else {
		err = e.stepwise(ctx, s, states, rec, opts)
	}
	if err != nil {
		e.say(" FAILED\n")
		return err
	}
	if opts.Fake {
		e.say(" FAKED\n")
	} else {
		e.say(" OK (%s)\n", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// atomic runs a migration and its record in the transaction ctx carries.
func (e *Executor) atomic(ctx context.Context, s Step, states []*State, opts Options) error {
	m := s.Migration
	if _, ok := e.DB.Dialect().(dialects.ForeignKeySwitch); ok {
		// Take SQLite's write lock before reading the records, so a
		// concurrent run waits here and then sees this migration applied.
		if _, err := orm.Objects[Record](e.DB).Filter(orm.Q{"pk": 0}).Update(ctx, orm.Set{"app": ""}); err != nil {
			return fmt.Errorf("migrate: locking: %w", err)
		}
	}
	names := append([]string{m.Name}, m.Replaces...)
	n, err := orm.Objects[Record](e.DB).Filter(orm.Q{"app": e.Set.App, "name__in": names}).Count(ctx)
	if err != nil {
		return err
	}
	if (n > 0) != s.Backwards {
		return nil // another run got here first
	}
	ed := &Editor{Dialect: e.DB.Dialect(), DB: e.DB}
	if !opts.Fake {
		if err := e.operations(ctx, ed, s, states, 0); err != nil {
			return err
		}
		if err := e.checkForeignKeys(ctx); err != nil {
			return fmt.Errorf("migrate: %s.%s: %w", e.Set.App, m.Name, err)
		}
	}
	return e.record(ctx, m, s.Backwards, nil)
}

// operations runs the operations of a step from operation `from` on
// (forwards) or all of them in reverse (backwards).
func (e *Executor) operations(ctx context.Context, ed *Editor, s Step, states []*State, from int) error {
	ops := s.Migration.Operations
	if !s.Backwards {
		for i := from; i < len(ops); i++ {
			if err := ops[i].DatabaseForwards(ctx, ed, states[i], states[i+1]); err != nil {
				return e.opError(s, i, err)
			}
		}
		return nil
	}
	for i := len(ops) - 1; i >= 0; i-- {
		if err := ops[i].DatabaseBackwards(ctx, ed, states[i], states[i+1]); err != nil {
			return e.opError(s, i, err)
		}
	}
	return nil
}

func (e *Executor) opError(s Step, i int, err error) error {
	ops := s.Migration.Operations
	return fmt.Errorf("migrate: %s.%s, operation %d of %d (%s): %w", e.Set.App, s.Migration.Name, i+1, len(ops), ops[i].Describe(), err)
}

// checkForeignKeys fails the migration when a SQLite rebuild left rows
// pointing at missing rows (keys were off while it ran).
func (e *Executor) checkForeignKeys(ctx context.Context) error {
	sw, ok := e.DB.Dialect().(dialects.ForeignKeySwitch)
	if !ok {
		return nil
	}
	bad, err := orm.Raw[fkViolation](e.DB, orm.SQLText(sw.ForeignKeyCheck())).All(ctx)
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("foreign key check failed: %d row(s) of %s point to missing rows of %s; the migration is rolled back",
			len(bad), bad[0].Tbl, bad[0].Parent)
	}
	return nil
}

// record writes (forwards) or deletes (backwards) the migration's row;
// progress is the number of operations run of a migration not complete.
// A squashed migration, once complete, records the migrations it
// replaces too (and unapplying it deletes them all), so the database
// reads as applied whichever of the two histories a later run uses.
func (e *Executor) record(ctx context.Context, m *Migration, backwards bool, progress *int32) error {
	if backwards {
		_, err := orm.Objects[Record](e.DB).Filter(orm.Q{"app": e.Set.App, "name__in": append([]string{m.Name}, m.Replaces...)}).Delete(ctx)
		return err
	}
	if err := e.recordOne(ctx, m.Name, progress); err != nil || progress != nil {
		return err
	}
	for _, r := range m.Replaces {
		if err := e.recordOne(ctx, r, nil); err != nil {
			return err
		}
	}
	return nil
}

func (e *Executor) recordOne(ctx context.Context, name string, progress *int32) error {
	q := orm.Objects[Record](e.DB).Filter(orm.Q{"app": e.Set.App, "name": name})
	n, err := q.Update(ctx, orm.Set{"progress": progress, "applied": time.Now().UTC()})
	if err != nil || n > 0 {
		return err
	}
	return e.DB.Create(ctx, &Record{App: e.Set.App, Name: name, Applied: time.Now().UTC(), Progress: progress})
}

// stepwise runs a migration where schema changes commit at once: the
// record follows each operation, so a failure leaves an exact account.
func (e *Executor) stepwise(ctx context.Context, s Step, states []*State, rec *Record, opts Options) error {
	m := s.Migration
	if opts.Fake {
		return e.record(ctx, m, s.Backwards, nil)
	}
	ed := &Editor{Dialect: e.DB.Dialect(), DB: e.DB}
	if s.Backwards {
		if rec != nil && rec.Progress != nil {
			return fmt.Errorf("migrate: %s.%s is partly applied (operations 1-%d of %d ran); undo them by hand and delete its row from djorm_migrations, or migrate forwards to finish it",
				e.Set.App, m.Name, *rec.Progress, len(m.Operations))
		}
		if err := e.operations(ctx, ed, s, states, 0); err != nil {
			return err
		}
		return e.record(ctx, m, true, nil)
	}
	from := 0
	if rec != nil && rec.Progress != nil {
		from = int(*rec.Progress)
		e.say(" (continuing after operation %d)", from)
	}
	for i := from; i < len(m.Operations); i++ {
		if err := m.Operations[i].DatabaseForwards(ctx, ed, states[i], states[i+1]); err != nil {
			return e.partial(m, i, err)
		}
		if i+1 < len(m.Operations) {
			done := int32(i + 1)
			if err := e.record(ctx, m, false, &done); err != nil {
				return err
			}
		}
	}
	return e.record(ctx, m, false, nil)
}

// partial explains a failure part way through a migration that could not
// be rolled back.
func (e *Executor) partial(m *Migration, i int, err error) error {
	name := e.DB.Dialect().Name()
	ops := m.Operations
	if i == 0 {
		return fmt.Errorf("migrate: %s.%s, operation 1 of %d (%s) failed; nothing of it was applied: %w",
			e.Set.App, m.Name, len(ops), ops[0].Describe(), err)
	}
	return fmt.Errorf("migrate: %s.%s, operation %d of %d (%s) failed on %s, which commits each schema change at once: "+
		"operations 1-%d were applied and are recorded in djorm_migrations (progress=%d). Fix the cause and run migrate again "+
		"to continue with operation %d, or undo operations 1-%d by hand and delete that row: %w",
		e.Set.App, m.Name, i+1, len(ops), ops[i].Describe(), name, i, i, i+1, i, err)
}

// SQL returns the statements of one migration for a dialect, forwards or
// backwards, without a database (sqlmigrate). Transactional backends get
// BEGIN and COMMIT around them, as Django prints them.
func SQL(d dialects.Dialect, set *Set, name string, backwards bool) ([]string, error) {
	g, err := set.sqlGraph(name)
	if err != nil {
		return nil, err
	}
	m, err := g.get(name)
	if err != nil {
		return nil, err
	}
	ex := &Executor{Set: set, g: g}
	states, err := ex.states(m)
	if err != nil {
		return nil, err
	}
	ed := &Editor{Dialect: d}
	if err := ex.operations(context.Background(), ed, Step{Migration: m, Backwards: backwards}, states, 0); err != nil {
		return nil, err
	}
	out := ed.Collected()
	if d.Features().TransactionalDDL && !m.NonAtomic {
		out = append(append([]string{"BEGIN"}, out...), "COMMIT")
	}
	return out, nil
}

// Show writes the set's migrations with [X] before the applied ones
// ([-] for one partly applied), as Django's showmigrations; a squashed
// migration in use says how many it replaces.
func (e *Executor) Show(ctx context.Context, w io.Writer) error {
	applied, err := e.Applied(ctx)
	if err != nil {
		return err
	}
	g, err := e.Set.graph(applied)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, e.Set.App)
	if len(g.ms) == 0 {
		fmt.Fprintln(w, " (no migrations)")
	}
	for _, m := range g.ms {
		mark := " "
		if r := applied[m.Name]; r != nil && r.Progress != nil {
			mark = "-"
		} else if isDone(applied, m) {
			mark = "X"
		}
		extra := ""
		if len(m.Replaces) > 0 {
			extra = fmt.Sprintf(" (%d squashed migrations)", len(m.Replaces))
		}
		fmt.Fprintf(w, " [%s] %s%s\n", mark, m.Name, extra)
	}
	return nil
}

// FormatPlan writes a plan as Django's migrate --plan does.
func FormatPlan(w io.Writer, app string, steps []Step) {
	fmt.Fprintln(w, "Planned operations:")
	if len(steps) == 0 {
		fmt.Fprintln(w, "  No planned migration operations.")
	}
	for _, s := range steps {
		fmt.Fprintf(w, "%s.%s\n", app, s.Migration.Name)
		ops := s.Migration.Operations
		if s.Backwards {
			ops = slices.Clone(ops)
			slices.Reverse(ops)
		}
		for _, op := range ops {
			d := op.Describe()
			if s.Backwards {
				d = "Undo " + strings.ToLower(d[:1]) + d[1:]
			}
			fmt.Fprintf(w, "    %s\n", d)
		}
	}
}
