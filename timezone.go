package orm

import (
	"os"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// Time zones, as Django with USE_TZ = True: every backend stores datetimes
// as UTC (the dialects bind them so), and a DB opened WithLocation returns
// them in its location, the same instants. Dates and times of day have no
// zone and are returned as they are stored, as Django returns date and
// time objects.

// sqlQuery returns a new query of m on db, in db's time zone.
func (db *DB) sqlQuery(m *registry.Model) *sqlq.Query {
	q := sqlq.New(m, db.dialect)
	if db.loc != nil {
		q.SetLocation(db.loc, db.zone)
	}
	return q
}

// namedLocation returns loc with its IANA name. time.Local has none of its
// own: the TZ variable or the /etc/localtime link names it. A location
// without one (time.FixedZone) gets sqlq.UnnamedZone, which the compiler
// refuses to render.
func namedLocation(loc *time.Location) (*time.Location, string) {
	if loc != time.Local {
		if _, err := time.LoadLocation(loc.String()); err != nil {
			return loc, sqlq.UnnamedZone(loc.String())
		}
		return loc, loc.String()
	}
	name := strings.TrimPrefix(os.Getenv("TZ"), ":")
	if name == "" {
		if target, err := os.Readlink("/etc/localtime"); err == nil {
			if _, after, ok := strings.Cut(target, "zoneinfo/"); ok {
				name = after
			}
		}
	}
	if named, err := time.LoadLocation(name); err == nil && name != "" && sqlq.ValidZone(name) {
		return named, name
	}
	return loc, sqlq.UnnamedZone(loc.String())
}

// Location returns the location datetimes are returned in (WithLocation;
// UTC unless set).
func (db *DB) Location() *time.Location {
	if db.loc == nil {
		return time.UTC
	}
	return db.loc
}

// zonedFieldDest scans a datetime column into a model field, then moves
// the field's value into the DB's location. It is used only by a DB with
// a location, so scanners of the others keep their one allocation.
type zonedFieldDest struct {
	fieldDest
	loc *time.Location
}

func (d *zonedFieldDest) Scan(src any) error {
	if err := d.fieldDest.Scan(src); err != nil {
		return err
	}
	localizeField(unsafe.Add(*d.obj, d.f.Offset), d.f, d.loc)
	return nil
}

// zonedDest returns the scan destination of field column d: d itself
// unless the DB has a location and the field is a datetime.
func (db *DB) zonedDest(d *fieldDest) any {
	if db == nil || db.loc == nil || d.f.Kind != registry.DateTime {
		return d
	}
	return &zonedFieldDest{fieldDest: *d, loc: db.loc}
}

// zonedConv wraps the decoder of a value column of kind k so that a
// datetime comes out in loc (nil: as it is, in UTC).
func zonedConv(conv func(any) (any, error), k registry.Kind, loc *time.Location) func(any) (any, error) {
	if loc == nil || k != registry.DateTime {
		return conv
	}
	return func(src any) (any, error) {
		v, err := conv(src)
		if t, ok := v.(time.Time); ok {
			v = t.In(loc)
		}
		return v, err
	}
}

// localizeFields moves the datetime fields among fields of the object at p
// into the DB's location (after Refresh or an INSERT ... RETURNING).
func (db *DB) localizeFields(p unsafe.Pointer, fields []*registry.Field) {
	if db.loc == nil {
		return
	}
	for _, f := range fields {
		if f.Kind == registry.DateTime {
			localizeField(unsafe.Add(p, f.Offset), f, db.loc)
		}
	}
}

var timeType = reflect.TypeFor[time.Time]()

// localizeField sets the time held at fp (a field of type time.Time,
// *time.Time, or a database/sql null wrapper of a time.Time) to the same
// instant in loc. A pointer gets a new time: the old one may be shared.
// Other types (a user's Scanner) keep what they scanned.
func localizeField(fp unsafe.Pointer, f *registry.Field, loc *time.Location) {
	t := f.Type
	switch {
	case t == timeType:
		tp := (*time.Time)(fp)
		*tp = tp.In(loc)
	case t.Kind() == reflect.Pointer && t.Elem() == timeType:
		pp := (**time.Time)(fp)
		if *pp != nil {
			v := (*pp).In(loc)
			*pp = &v
		}
	case t.Kind() == reflect.Struct && t.PkgPath() == "database/sql" && t.NumField() == 2 && t.Field(0).Type == timeType:
		tp := (*time.Time)(fp) // sql.NullTime and sql.Null[time.Time] hold the time first
		*tp = tp.In(loc)
	}
}
