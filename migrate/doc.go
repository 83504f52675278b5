// Package migrate evolves a database schema with the models, as Django's
// migrations do: migrations are Go source in the application's own
// package, generated from the models, reviewed and committed, and applied
// in order by every deployment.
//
// # Design
//
// A migration is a Go value, Migration{Name, Dependencies, Operations},
// that a generated file registers from an init function into a Set, the
// migrations of one app:
//
//	// migrations/migrations.go (written once)
//	var Migrations = migrate.NewSet("shop")
//
//	// migrations/0002_book_isbn.go (written by makemigrations)
//	func init() {
//		Migrations.Register(&migrate.Migration{
//			Name:         "0002_book_isbn",
//			Dependencies: []string{"0001_initial"},
//			Operations: []migrate.Operation{
//				migrate.AddField{Model: "book", Field: migrate.Field{Name: "isbn", Type: "CharField", MaxLength: 13, Null: true}},
//			},
//		})
//	}
//
// A Set is the only registry: there is no global state, and a program may
// hold several sets (one per app). Register never panics; a bad
// registration is reported by every later use of the set.
//
// Operations are plain values (CreateModel, DeleteModel, RenameModel,
// AlterModelTable, AddField, RemoveField, AlterField, RenameField,
// AddIndex, RemoveIndex, RenameIndex, AddConstraint, RemoveConstraint,
// AlterUniqueTogether, RunSQL, RunGo). Each changes a State through
// StateForwards, so the project state is rebuilt by replaying the history
// with no database, as Django's ProjectState; FromModels gives the state
// of the registered models, and Autodetect compares the two and returns
// the operations between them (asking a Questioner about renames and the
// values rows take for new NOT NULL fields). File.Source writes them as a
// gofmt'd Go file.
//
// The SQL of a schema operation is never written by the operation: it is
// the difference between the tables of the states before and after it,
// rendered by package schema (schema.Diff) in each dialect's spelling
// (dialects.SchemaEditor), with the operation's hints (a renamed column,
// the one-off value of a NOT NULL column). The same tables are what
// CreateTables builds from the models, so a migrated database and a fresh
// one have the same schema. On SQLite, a change ALTER TABLE cannot make
// copies the table into a new one, keeping every row, as Django's SQLite
// schema editor does.
//
// Executor applies a Set to a database, recording applied migrations in
// djorm_migrations: to the latest, to a named migration (backwards when it
// is applied), or to ZeroTarget; Options.Fake records without running;
// Plan lists the steps; SQL renders one migration for a dialect without a
// database (sqlmigrate). Each migration runs in one transaction on
// PostgreSQL and SQLite. MySQL and MariaDB commit every schema change at
// once, so there the record counts the operations that ran, a failure
// says which and how to recover, and the next run continues after them.
// A lock (pg_advisory_lock, GET_LOCK, SQLite's write lock) makes two
// concurrent runs apply each migration once.
//
// # Branches and squashes
//
// Two developers who each add a migration after the same one leave a
// history with two leaves. Set.Conflict reports it (*ConflictError) and
// Migrate refuses to run until Merge's migration, which has no operations
// and depends on every leaf, joins the branches (Branches lists what each
// one does; Merge refuses branches that cannot both apply).
//
// Squash writes one migration for a range of them, as Django's
// squashmigrations: their operations optimized (Optimize: Django's
// optimizer, which folds a CreateModel with the later operations on its
// model, an AddField with its RemoveField, rename chains, ...), checked
// to replay to the same state, with Replaces naming the range. While the
// originals stay registered beside it, each database takes the history
// it can: a squash is used where none or all of its originals are
// applied (applying it records them too; a database that applied them
// one by one gets the squash recorded), the originals where only some are
// (they finish, then the squash counts as applied); a migration that
// depended on an original depends on whichever stands for it. Once every
// database is past the range, delete the originals and the Replaces line.
//
// Package manage wraps all of this in a command (makemigrations [-merge],
// migrate, squashmigrations, showmigrations, sqlmigrate, check, inspectdb,
// dbshell).
//
// What migrations know of a field is what its column needs: type, null,
// default (djorm writes defaults into the DDL, as CreateTables does),
// sizes, unique, db_index, db_column, the target of a relation. Options
// that change no column (blank, related_name, ordering) make no migration.
package migrate
