package functions

import (
	"strings"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/exprhook"
	"github.com/djorm/orm/internal/sqlq"
)

// zoneOf returns the IANA name of loc ("UTC" for UTC: named, it is not
// replaced by a DB's location), or an error for a location without one
// (time.Local, time.FixedZone).
func zoneOf(fn string, loc *time.Location) (string, *orm.Expr) {
	if loc == nil {
		return "", fail("%s: nil location", fn)
	}
	name := loc.String()
	if name == "UTC" {
		return "UTC", nil
	}
	if name == "Local" || !sqlq.ValidZone(name) {
		return "", fail("%s: location %q has no IANA name the database knows; use time.LoadLocation(\"Europe/Oslo\")", fn, name)
	}
	if _, err := time.LoadLocation(name); err != nil {
		return "", fail("%s: location %q: %v", fn, name, err)
	}
	return name, nil
}

// TruncIn truncates a datetime as its wall time in loc reads (Django's
// Trunc(..., tzinfo=loc)): TruncIn(f, "day", oslo) is midnight in Oslo, as
// an instant. Dates and times of day have no zone and truncate as Trunc.
// On MySQL and MariaDB the server's time zone tables must be loaded.
func TruncIn(arg any, kind string, loc *time.Location) *orm.Expr {
	if !contains(truncKinds, kind) {
		return fail("TruncIn: unknown kind %q; choices: %s", kind, strings.Join(truncKinds, ", "))
	}
	zone, bad := zoneOf("TruncIn", loc)
	if bad != nil {
		return bad
	}
	s, err := exprhook.Arg(arg)
	if err != nil {
		return fail("TruncIn: %v", err)
	}
	return exprhook.Wrap(&sqlq.TruncSpec{Kind: kind, Arg: s, Zone: zone}).(*orm.Expr)
}

// ExtractIn returns a date part of a datetime's wall time in loc (Django's
// Extract(..., tzinfo=loc)).
func ExtractIn(arg any, part string, loc *time.Location) *orm.Expr {
	if !contains(extractKinds, part) {
		return fail("ExtractIn: unknown kind %q; choices: %s", part, strings.Join(extractKinds, ", "))
	}
	zone, bad := zoneOf("ExtractIn", loc)
	if bad != nil {
		return bad
	}
	s, err := exprhook.Arg(arg)
	if err != nil {
		return fail("ExtractIn: %v", err)
	}
	return exprhook.Wrap(&sqlq.ExtractSpec{Part: part, Arg: s, Zone: zone}).(*orm.Expr)
}
