// Package manage is djorm's manage command, Django's manage.py for Go
// programs: embed it in one line and build it with your models and their
// migrations,
//
//	// cmd/manage/main.go
//	package main
//
//	import (
//		_ "github.com/lib/pq" // the driver you use
//
//		"example.com/shop"
//		"example.com/shop/migrations"
//		"github.com/djorm/orm/manage"
//	)
//
//	func main() { manage.Main(migrations.Migrations, &shop.Author{}, &shop.Book{}) }
//
// then run go run ./cmd/manage makemigrations (-merge joins two branches
// of history), migrate, squashmigrations [FIRST] LAST, showmigrations,
// sqlmigrate NAME, check, inspectdb or dbshell. The database comes from -dsn (or
// DJORM_DSN) and -driver (or DJORM_DRIVER; guessed from the DSN when
// unset). Before the first migration there is no migrations package yet:
// pass a nil set, and makemigrations writes it (-dir, -app).
package manage

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"github.com/djorm/orm"
	"github.com/djorm/orm/migrate"
)

// Env is what a command reads and writes: arguments, streams and the
// environment (os's, in Main; a test's own in Run).
type Env struct {
	Args   []string // after the program name: the command first
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Terminal reports whether Stdin is a terminal (questions are asked
	// there; otherwise flags answer them).
	Terminal bool
}

// Main runs the command os.Args names and exits with its status.
func Main(set *migrate.Set, models ...any) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := Run(ctx, Env{Args: os.Args[1:], Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv: os.Getenv, Terminal: isTerminal(os.Stdin)}, set, models...)
	stop()
	os.Exit(code)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// command is one subcommand.
type command struct {
	name, args, short string
	run               func(ctx context.Context, c *cmdCtx) error
	flags             func(fs *flag.FlagSet, c *cmdCtx)
}

// cmdCtx carries a subcommand's inputs.
type cmdCtx struct {
	env    Env
	set    *migrate.Set
	models []any
	fs     *flag.FlagSet
	dsn    string
	driver string
	opts   map[string]any
}

var commands = []command{
	{name: "makemigrations", short: "write the migration that brings the migrations up to the models", run: makemigrations, flags: makemigrationsFlags},
	{name: "migrate", args: "[migration|zero]", short: "apply (or unapply) migrations", run: migrateCmd, flags: migrateFlags},
	{name: "squashmigrations", args: "[first] last", short: "write one migration replacing a range of them (Replaces)", run: squashmigrations, flags: squashFlags},
	{name: "showmigrations", short: "list migrations, [X] before the applied ones", run: showmigrations},
	{name: "sqlmigrate", args: "migration", short: "print the SQL of a migration", run: sqlmigrate, flags: sqlmigrateFlags},
	{name: "check", short: "check the models, and that the migrations are up to date with them", run: check},
	{name: "inspectdb", args: "[table ...]", short: "print Go models for the database's tables", run: inspectdb, flags: inspectdbFlags},
	{name: "dbshell", short: "run the database's own client (psql, mariadb, sqlite3)", run: dbshell},
}

// Run runs one command and returns the exit status: 0, 1 for a failure
// (or, with makemigrations -check, pending changes), 2 for bad usage.
func Run(ctx context.Context, env Env, set *migrate.Set, models ...any) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if len(env.Args) == 0 || env.Args[0] == "help" || env.Args[0] == "-h" || env.Args[0] == "--help" {
		usage(env.Stderr)
		return 2
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == env.Args[0] {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(env.Stderr, "manage: unknown command %q\n", env.Args[0])
		usage(env.Stderr)
		return 2
	}
	c := &cmdCtx{env: env, set: set, models: models, opts: map[string]any{}}
	c.fs = flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	c.fs.SetOutput(env.Stderr)
	c.fs.StringVar(&c.dsn, "dsn", env.Getenv("DJORM_DSN"), "database `DSN` (default $DJORM_DSN)")
	c.fs.StringVar(&c.driver, "driver", env.Getenv("DJORM_DRIVER"), "database/sql `driver` name: postgres, pgx, mysql, sqlite3 (default $DJORM_DRIVER, or guessed from the DSN)")
	if cmd.flags != nil {
		cmd.flags(c.fs, c)
	}
	c.fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: manage %s [flags] %s\n\n%s.\n\nFlags:\n", cmd.name, cmd.args, cmd.short)
		c.fs.PrintDefaults()
	}
	if err := c.fs.Parse(env.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := cmd.run(ctx, c); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(env.Stderr, "manage %s: %v\n", cmd.name, err)
			c.fs.Usage()
			return 2
		}
		var ce checkFailed
		if !errors.As(err, &ce) {
			fmt.Fprintf(env.Stderr, "manage %s: %v\n", cmd.name, err)
		}
		return 1
	}
	return 0
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

// Error implements error.
func (e usageError) Error() string { return e.msg }

// checkFailed is a check whose report is printed already.
type checkFailed struct{}

// Error implements error.
func (checkFailed) Error() string { return "check failed" }

func usage(w io.Writer) {
	fmt.Fprintf(w, "usage: manage <command> [flags] [arguments]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for _, c := range commands {
		names = append(names, c.name)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, c := range commands {
			if c.name == n {
				fmt.Fprintf(w, "  %-16s %s\n", c.name, c.short)
			}
		}
	}
	fmt.Fprintf(w, "\nRun manage <command> -h for its flags. The database: -dsn or $DJORM_DSN, -driver or $DJORM_DRIVER.\n")
}

// driverName returns the driver, from -driver or guessed from the DSN.
func (c *cmdCtx) driverName() (string, error) {
	if c.driver != "" {
		return c.driver, nil
	}
	d := c.dsn
	switch {
	case strings.HasPrefix(d, "postgres://"), strings.HasPrefix(d, "postgresql://"), strings.Contains(d, "dbname="):
		return "postgres", nil
	case strings.Contains(d, "@tcp("), strings.Contains(d, "@unix("):
		return "mysql", nil
	case strings.HasPrefix(d, "file:"), strings.HasSuffix(d, ".db"), strings.HasSuffix(d, ".sqlite3"):
		return "sqlite3", nil
	}
	return "", usageError{"cannot tell the driver from the DSN; give -driver (or $DJORM_DRIVER)"}
}

// open connects to the database of -dsn.
func (c *cmdCtx) open(ctx context.Context) (*orm.DB, error) {
	if c.dsn == "" {
		return nil, usageError{"no database: give -dsn or set $DJORM_DSN"}
	}
	drv, err := c.driverName()
	if err != nil {
		return nil, err
	}
	db, err := orm.OpenContext(ctx, drv, c.dsn)
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w (is the %s driver imported by your main package?)", err, drv)
	}
	return db, nil
}

// migrations returns the set, or an empty one when the program has none yet.
func (c *cmdCtx) migrations(app string) *migrate.Set {
	if c.set != nil {
		return c.set
	}
	return migrate.NewSet(app)
}

func (c *cmdCtx) out(format string, args ...any) { fmt.Fprintf(c.env.Stdout, format, args...) }
