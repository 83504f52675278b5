package manage

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/migrate"
)

// defaults collects repeated -default model.field=value flags.
type defaults map[string]string

// String implements flag.Value.
func (d defaults) String() string { return "" }

// Set implements flag.Value: model.field=value.
func (d defaults) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || !strings.Contains(k, ".") {
		return fmt.Errorf("want model.field=value, got %q", s)
	}
	d[k] = v
	return nil
}

func makemigrationsFlags(fs *flag.FlagSet, c *cmdCtx) {
	c.opts["dir"] = fs.String("dir", "migrations", "`directory` of the migrations package")
	c.opts["pkg"] = fs.String("package", "", "Go `package` name of the migrations (default: the directory's name)")
	c.opts["set"] = fs.String("var", "Migrations", "name of the `variable` holding the migrate.Set")
	c.opts["app"] = fs.String("app", "", "app `name` recorded in djorm_migrations, for a new migrations package (default: the directory's name)")
	c.opts["name"] = fs.String("name", "", "the migration's `name` (after its number); default: from its operations")
	c.opts["empty"] = fs.Bool("empty", false, "write an empty migration, to fill in by hand")
	c.opts["check"] = fs.Bool("check", false, "write nothing; exit 1 if the models have changes without a migration (for CI)")
	c.opts["dry"] = fs.Bool("dry-run", false, "print the migration instead of writing it")
	c.opts["noinput"] = fs.Bool("noinput", false, "ask nothing, even on a terminal: -rename and -default answer")
	c.opts["rename"] = fs.Bool("rename", false, "without a terminal: confirm the renames the autodetector suggests")
	c.opts["merge"] = fs.Bool("merge", false, "write a migration merging the leaves of a branched history (two developers each added one)")
	d := defaults{}
	c.opts["defaults"] = d
	fs.Var(d, "default", "one-off `model.field=value` for a NOT NULL field added (or made NOT NULL) without a default; repeatable")
}

var validPkg = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func makemigrations(ctx context.Context, c *cmdCtx) error {
	dir := *c.opts["dir"].(*string)
	pkg := *c.opts["pkg"].(*string)
	if pkg == "" {
		pkg = filepath.Base(dir)
	}
	if !validPkg.MatchString(pkg) {
		return usageError{fmt.Sprintf("%q is not a Go package name; give -package", pkg)}
	}
	app := *c.opts["app"].(*string)
	if app == "" {
		app = pkg
	}
	set := c.migrations(app)
	if *c.opts["merge"].(*bool) {
		return c.merge(set, dir, pkg)
	}
	if err := set.Conflict(); err != nil {
		return err
	}
	from, err := set.State()
	if err != nil {
		return err
	}
	to, err := migrate.FromModels(c.models...)
	if err != nil {
		return err
	}
	var ops []migrate.Operation
	if !*c.opts["empty"].(*bool) {
		if ops, err = migrate.Autodetect(from, to, c.questioner()); err != nil {
			return err
		}
	}
	if *c.opts["check"].(*bool) {
		if len(ops) > 0 {
			c.out("Models and migrations differ; run makemigrations:\n")
			for _, op := range ops {
				c.out("  - %s\n", op.Describe())
			}
			return checkFailed{}
		}
		c.out("No changes detected\n")
		return nil
	}
	if len(ops) == 0 && !*c.opts["empty"].(*bool) {
		c.out("No changes detected\n")
		return nil
	}
	return c.write(set, dir, pkg, ops)
}

func (c *cmdCtx) questioner() migrate.Questioner {
	if c.env.Terminal && !*c.opts["noinput"].(*bool) {
		return &migrate.InteractiveQuestioner{In: c.env.Stdin, Out: c.env.Stdout}
	}
	return migrate.FlagQuestioner{Renames: *c.opts["rename"].(*bool), Defaults: c.opts["defaults"].(defaults)}
}

// write writes the next migration file (and the package's Set file when
// there is none yet).
func (c *cmdCtx) write(set *migrate.Set, dir, pkg string, ops []migrate.Operation) error {
	leaves, err := set.Leaves()
	if err != nil {
		return err
	}
	if len(leaves) > 1 {
		return &migrate.ConflictError{App: set.App, Leaves: leaves}
	}
	ms, _ := set.Ordered()
	number := 1
	for _, m := range ms {
		if n, err := strconv.Atoi(m.Name[:4]); err == nil && n >= number {
			number = n + 1
		}
	}
	setVar := *c.opts["set"].(*string)
	f := migrate.File{Package: pkg, SetVar: setVar, Number: number, Name: *c.opts["name"].(*string), Deps: leaves,
		Ops: ops, Initial: len(ms) == 0 && len(ops) > 0}
	path, err := c.writeFile(set, dir, pkg, f)
	if err != nil || path == "" {
		return err
	}
	c.out("Migrations for %q:\n  %s\n", set.App, path)
	for _, op := range ops {
		c.out("    - %s\n", op.Describe())
	}
	return nil
}

// writeFile writes a migration file (printing it instead with -dry-run,
// then returning no path), and the package's Set file when there is
// none yet.
func (c *cmdCtx) writeFile(set *migrate.Set, dir, pkg string, f migrate.File) (string, error) {
	src, err := f.Source()
	if err != nil {
		return "", err
	}
	if dry, ok := c.opts["dry"].(*bool); ok && *dry {
		c.out("%s", src)
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if c.set == nil {
		if err := c.writeSet(dir, pkg, f.SetVar, set.App); err != nil {
			return "", err
		}
	}
	path := filepath.Join(dir, f.FullName()+".go")
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("%s exists already; give another -name", path)
	}
	return path, os.WriteFile(path, src, 0o644)
}

// merge writes the migration merging the branches of the history, after
// showing what each branch does (and asking, on a terminal).
func (c *cmdCtx) merge(set *migrate.Set, dir, pkg string) error {
	branches, err := migrate.Branches(set)
	if err != nil {
		return err
	}
	if len(branches) == 0 {
		c.out("No conflicts detected to merge.\n")
		return nil
	}
	c.out("Merging %s\n", set.App)
	for _, b := range branches {
		c.out("  Branch %s\n", b.Leaf)
		for _, m := range b.Migrations {
			for _, op := range m.Operations {
				c.out("    - %s\n", op.Describe())
			}
		}
	}
	m, err := migrate.Merge(set, *c.opts["name"].(*string))
	if err != nil {
		return err
	}
	if !c.confirm("Merge these migration branches? [y/N] ") {
		return errors.New("not merged")
	}
	f := migrate.File{Package: pkg, SetVar: *c.opts["set"].(*string), Number: atoi(m.Name[:4]), Name: m.Name[5:], Deps: m.Dependencies}
	path, err := c.writeFile(set, dir, pkg, f)
	if err != nil || path == "" {
		return err
	}
	c.out("Created new merge migration %s\n", path)
	return nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// confirm asks a yes/no question on a terminal (without one, or with
// -noinput, the answer is yes: the command line asked already).
func (c *cmdCtx) confirm(question string) bool {
	if noinput, ok := c.opts["noinput"].(*bool); !c.env.Terminal || ok && *noinput {
		return true
	}
	c.out("%s", question)
	var answer string
	_, _ = fmt.Fscanln(c.env.Stdin, &answer)
	return strings.HasPrefix(strings.ToLower(answer), "y")
}

func squashFlags(fs *flag.FlagSet, c *cmdCtx) {
	c.opts["dir"] = fs.String("dir", "migrations", "`directory` of the migrations package")
	c.opts["pkg"] = fs.String("package", "", "Go `package` name of the migrations (default: the directory's name)")
	c.opts["set"] = fs.String("var", "Migrations", "name of the `variable` holding the migrate.Set")
	c.opts["name"] = fs.String("squashed-name", "", "the squashed migration's `name` (after its number); default: <first>_squashed_<last>")
	c.opts["noinput"] = fs.Bool("noinput", false, "ask nothing, even on a terminal")
	c.opts["dry"] = fs.Bool("dry-run", false, "print the squashed migration instead of writing it")
}

// squashmigrations writes one migration replacing a range of them.
func squashmigrations(ctx context.Context, c *cmdCtx) error {
	if c.set == nil {
		return errors.New("the program has no migrations to squash (pass its migrate.Set to manage.Main)")
	}
	var from, to string
	switch c.fs.NArg() {
	case 1:
		to = c.fs.Arg(0)
	case 2:
		from, to = c.fs.Arg(0), c.fs.Arg(1)
	default:
		return usageError{"give the last migration to squash, or the first and the last"}
	}
	dir := *c.opts["dir"].(*string)
	pkg := *c.opts["pkg"].(*string)
	if pkg == "" {
		pkg = filepath.Base(dir)
	}
	m, err := migrate.Squash(c.set, from, to, *c.opts["name"].(*string))
	if err != nil {
		return err
	}
	c.out("Will squash the following migrations:\n")
	for _, r := range m.Replaces {
		c.out(" - %s\n", r)
	}
	if !c.confirm("Do you wish to proceed? [y/N] ") {
		return errors.New("not squashed")
	}
	n := 0
	for _, r := range m.Replaces {
		mig, _ := c.set.Get(r)
		n += len(mig.Operations)
	}
	c.out("Optimized from %d operations to %d operations.\n", n, len(m.Operations))
	path, err := c.writeFile(c.set, dir, pkg, migrate.SquashFile(pkg, *c.opts["set"].(*string), m))
	if err != nil || path == "" {
		return err
	}
	c.out("Created new squashed migration %s\n"+
		"  You should commit this migration but leave the old ones in place;\n"+
		"  the new migration will be used for new installs. Once you are sure\n"+
		"  all instances of the codebase have applied the migrations you squashed,\n"+
		"  you can delete them, and the Replaces line of the new migration.\n", path)
	return nil
}

func (c *cmdCtx) writeSet(dir, pkg, setVar, app string) error {
	path := filepath.Join(dir, "migrations.go")
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	src, err := migrate.SetSource(pkg, setVar, app)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return err
	}
	c.out("Wrote %s: pass %s.%s to manage.Main from now on.\n", path, pkg, setVar)
	return nil
}

func migrateFlags(fs *flag.FlagSet, c *cmdCtx) {
	c.opts["fake"] = fs.Bool("fake", false, "record the migrations as applied (or unapplied) without running them")
	c.opts["plan"] = fs.Bool("plan", false, "print the operations that would run, and run nothing")
	c.opts["app"] = fs.String("app", "migrations", "app `name` when the program has no migrations package")
}

func migrateCmd(ctx context.Context, c *cmdCtx) error {
	if c.fs.NArg() > 1 {
		return usageError{"at most one target migration"}
	}
	db, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	set := c.migrations(*c.opts["app"].(*string))
	if err := set.Conflict(); err != nil {
		return err
	}
	ex := &migrate.Executor{DB: db, Set: set, Out: c.env.Stdout}
	target := c.fs.Arg(0)
	if *c.opts["plan"].(*bool) {
		steps, err := ex.Plan(ctx, target)
		if err != nil {
			return err
		}
		migrate.FormatPlan(c.env.Stdout, set.App, steps)
		return nil
	}
	c.out("Operations to perform:\n  Apply all migrations: %s\nRunning migrations:\n", set.App)
	if err := ex.Migrate(ctx, target, migrate.Options{Fake: *c.opts["fake"].(*bool)}); err != nil {
		return err
	}
	if to, err := migrate.FromModels(c.models...); err == nil && target == "" {
		if st, err := set.State(); err == nil && migrate.Differences(st, to) != "" {
			c.out("  Your models have changes that are not yet reflected in a migration: run makemigrations.\n")
		}
	}
	return nil
}

func showmigrations(ctx context.Context, c *cmdCtx) error {
	db, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	return (&migrate.Executor{DB: db, Set: c.migrations("migrations")}).Show(ctx, c.env.Stdout)
}

func sqlmigrateFlags(fs *flag.FlagSet, c *cmdCtx) {
	c.opts["backwards"] = fs.Bool("backwards", false, "the SQL that unapplies the migration")
	c.opts["format"] = fs.String("format", "", "write every migration as SQL files of a `format` instead: golang-migrate or goose")
	c.opts["out"] = fs.String("out", "sql", "`directory` of the files -format writes")
	c.opts["allow-go"] = fs.Bool("allow-go", false, "with -format: leave a comment where a RunGo operation runs Go code")
}

// sqlmigrate prints a migration's SQL for the database's dialect, or
// exports them all for another tool.
func sqlmigrate(ctx context.Context, c *cmdCtx) error {
	format := *c.opts["format"].(*string)
	if format == "" && c.fs.NArg() != 1 {
		return usageError{"give one migration (its name, or its number: 0002), or -format"}
	}
	db, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if format != "" {
		paths, err := migrate.Export(db.Dialect(), c.migrations("migrations"), format, *c.opts["out"].(*string), *c.opts["allow-go"].(*bool))
		if err != nil {
			return err
		}
		c.out("Wrote %d files for %s:\n  %s\n", len(paths), db.Dialect().Name(), strings.Join(paths, "\n  "))
		return nil
	}
	stmts, err := migrate.SQL(db.Dialect(), c.migrations("migrations"), c.fs.Arg(0), *c.opts["backwards"].(*bool))
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if strings.HasPrefix(s, "--") {
			c.out("%s\n", s)
		} else {
			c.out("%s;\n", s)
		}
	}
	return nil
}

// check reads the models (the registry's own checks) and the migrations,
// and reports models changed without a migration.
func check(ctx context.Context, c *cmdCtx) error {
	to, err := migrate.FromModels(c.models...)
	if err != nil {
		return err
	}
	set := c.migrations("migrations")
	st, err := set.State()
	if err != nil {
		return err
	}
	leaves, err := set.Leaves()
	if err != nil {
		return err
	}
	var problems []string
	if len(leaves) > 1 {
		problems = append(problems, "conflicting migrations: "+strings.Join(leaves, ", "))
	}
	if d := migrate.Differences(st, to); d != "" {
		problems = append(problems, "models differ from the migrations ("+d+"): run makemigrations")
	}
	sort.Strings(problems)
	if len(problems) > 0 {
		c.out("System check identified %d issue(s):\n", len(problems))
		for _, p := range problems {
			c.out("  - %s\n", p)
		}
		return checkFailed{}
	}
	c.out("System check identified no issues (%d models, %d migrations).\n", len(to.Names()), len(leaves))
	return nil
}

// dbshell runs the database's client with the DSN's settings.
func dbshell(ctx context.Context, c *cmdCtx) error {
	if c.dsn == "" {
		return usageError{"no database: give -dsn or set $DJORM_DSN"}
	}
	drv, err := c.driverName()
	if err != nil {
		return err
	}
	b, ok := dialects.Lookup(drv)
	if !ok {
		return fmt.Errorf("no djorm backend for driver %q; drivers: %s", drv, strings.Join(dialects.Drivers(), ", "))
	}
	sh, ok := b.(dialects.Shell)
	if !ok {
		return fmt.Errorf("the %s backend has no client to run", drv)
	}
	prog, args, err := sh.ShellCommand(c.dsn)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.env.Stdin, c.env.Stdout, c.env.Stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("%s exited: %w", prog, err)
		}
		return fmt.Errorf("running %s: %w (is it installed and on $PATH?)", prog, err)
	}
	return nil
}
