package orm

import (
	"regexp"
	"strings"

	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

// FuncDef describes a SQL function or aggregate djorm does not provide
// (Django's Func and Aggregate subclasses). Call gives an expression that
// works wherever the built-in functions do.
//
// Template and Templates are SQL text written by the program, like RawSQL:
// never build them from user input. Placeholders: {function} (Name),
// {expressions} (the arguments, comma separated), {0}, {1}, ... (one
// argument), and for aggregates {distinct}; {{ and }} are literal braces.
type FuncDef struct {
	// Name is the SQL function's name: letters, digits and underscores,
	// optionally schema-qualified ("unaccent", "public.my_func").
	Name string
	// Template replaces "{function}({expressions})" (aggregates:
	// "{function}({distinct}{expressions})").
	Template string
	// Templates holds a template per dialect name (postgresql, mysql,
	// mariadb, sqlite, oracle); "mysql" serves MariaDB too (Django's as_mysql).
	Templates map[string]string
	// Output is the Django field class of the result ("FloatField"); empty:
	// the kind of the first argument.
	Output string
	// Aggregate makes it an aggregate: allowed in Aggregate and Annotate
	// (grouping by the other columns), with Distinct, Filter and Default.
	Aggregate bool
	// Dialects limits it to these backends (dialect names as in
	// Templates); elsewhere it is a NotSupportedError. None: every backend.
	Dialects []string
}

var funcName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$`)

// Func calls the SQL function name with args (field paths, expressions or
// values) on every backend: Func("SOUNDEX", "name"). Its result has the
// kind of its first argument unless OutputField says otherwise.
func Func(name string, args ...any) *Expr { return FuncDef{Name: name}.Call(args...) }

// Call applies the function to args: a string is a field path, an
// Expression itself, anything else a value.
func (d FuncDef) Call(args ...any) *Expr {
	if !funcName.MatchString(d.Name) {
		return errExpr("function name %q: use letters, digits and underscores (optionally schema.name)", d.Name)
	}
	def := "{function}({expressions})"
	if d.Aggregate {
		def = "{function}({distinct}{expressions})"
	}
	if d.Template != "" {
		def = d.Template
	}
	allowed := sqlq.FuncPlaceholders
	if d.Aggregate {
		allowed = sqlq.AggregatePlaceholders
	}
	tmpl, err := sqlq.ParseTemplate(def, d.Templates, allowed)
	if err == nil {
		err = tmpl.Restrict(d.Dialects)
	}
	if err != nil {
		return errExpr("%s: %v", d.Name, err)
	}
	if len(args) < tmpl.Args() {
		return errExpr("%s: its template reads %d arguments, got %d", d.Name, tmpl.Args(), len(args))
	}
	out := registry.Invalid
	if d.Output != "" {
		k, ok := registry.KindByName(d.Output)
		if !ok {
			return errExpr("%s: unknown output kind %q; choices: %s", d.Name, d.Output, strings.Join(registry.KindNames(), ", "))
		}
		out = k
	}
	specs := make([]sqlq.Spec, len(args))
	for i, a := range args {
		s, err := arg(a)
		if err != nil {
			return errExpr("%s: %v", d.Name, err)
		}
		specs[i] = s
	}
	if d.Aggregate {
		return d.aggregate(tmpl, out, args, specs)
	}
	return &Expr{s: &sqlq.FuncSpec{Name: d.Name, Args: specs, Out: out, Tmpl: tmpl}}
}

func (d FuncDef) aggregate(tmpl *sqlq.Template, out registry.Kind, args []any, specs []sqlq.Spec) *Expr {
	spec := &sqlq.AggSpec{Fn: d.Name, Out: out, Tmpl: tmpl}
	e := &Expr{s: spec, agg: spec, fn: strings.ToLower(d.Name)}
	if len(specs) > 0 {
		spec.Arg, spec.Extra = specs[0], specs[1:]
		if p, ok := args[0].(string); ok && len(specs) == 1 {
			e.path = p // default alias "field__name", as Django's Aggregate
		}
	}
	return e
}

// LookupDef describes a lookup or a transform added with RegisterLookup.
// Templates are SQL text of the program, as in FuncDef.
type LookupDef struct {
	// Template of a lookup, with {lhs} and {rhs}: "{lhs} <> {rhs}". For a
	// transform, {0} is what it transforms: "ABS({0})".
	Template string
	// Templates holds a template per dialect name, as in FuncDef.
	Templates map[string]string
	// Function makes a transform a call of that SQL function on the column,
	// instead of Template.
	Function string
	// Transform: the name is a transform, followed by further transforms
	// or a lookup ("age__abs__lt"); otherwise it is a final lookup.
	Transform bool
	// Output is a transform's result kind (Django field class name); empty:
	// the kind it transforms.
	Output string
	// Value is the kind a lookup's value is converted to; empty: the kind
	// of the left side.
	Value string
	// Dialects limits it to these backends, as in FuncDef.
	Dialects []string
}

// RegisterLookup adds a lookup or transform named name to fields of kind
// (a Django field class name; "IntegerField" covers every integer field and
// "DateField" date-times too, as the subclasses do in Django; "Field" or
// "" covers every kind but JSON), as Django's Field.register_lookup:
//
//	orm.RegisterLookup("Field", "ne", orm.LookupDef{Template: "{lhs} <> {rhs}"})
//	orm.RegisterLookup("IntegerField", "abs", orm.LookupDef{Function: "ABS", Transform: true})
//	orm.Objects[Book](db).Filter(orm.Q{"title__ne": "Dune", "stock__abs__lt": 5})
//
// Registration belongs to program start, next to model registration. A
// name may not be a built-in lookup or transform, nor one already
// registered for an overlapping kind.
func RegisterLookup(kind, name string, def LookupDef) error {
	kinds, err := lookupKinds(kind)
	if err != nil {
		return err
	}
	if def.Transform {
		return registerTransform(kinds, name, def)
	}
	if def.Template == "" || def.Function != "" || def.Output != "" {
		return invalidf("lookup %q: a lookup needs Template ({lhs} and {rhs}) and no Function or Output; set Transform for a transform", name)
	}
	tmpl, err := sqlq.ParseTemplate(def.Template, def.Templates, sqlq.LookupPlaceholders)
	if err == nil {
		err = tmpl.Restrict(def.Dialects)
	}
	if err != nil {
		return invalidf("lookup %q: %v", name, err)
	}
	valueKind, err := kindOption(name, def.Value)
	if err != nil {
		return err
	}
	return publicError(sqlq.RegisterLookup(sqlq.CustomLookup{Name: name, Kinds: kinds, Tmpl: tmpl, RHS: valueKind}))
}

func registerTransform(kinds []registry.Kind, name string, def LookupDef) error {
	text := def.Template
	switch {
	case def.Function != "" && text != "":
		return invalidf("transform %q: give Function or Template, not both", name)
	case def.Function != "":
		if !funcName.MatchString(def.Function) {
			return invalidf("transform %q: function name %q: use letters, digits and underscores", name, def.Function)
		}
		text = "{function}({0})"
	case text == "":
		return invalidf("transform %q needs Function or Template", name)
	}
	tmpl, err := sqlq.ParseTemplate(text, def.Templates, sqlq.FuncPlaceholders)
	if err == nil {
		err = tmpl.Restrict(def.Dialects)
	}
	if err != nil {
		return invalidf("transform %q: %v", name, err)
	}
	if tmpl.Args() > 1 {
		return invalidf("transform %q: a transform has one argument, {0}", name)
	}
	out, err := kindOption(name, def.Output)
	if err != nil {
		return err
	}
	return publicError(sqlq.RegisterTransform(sqlq.CustomTransform{Name: name, Kinds: kinds, Function: def.Function, Tmpl: tmpl, Out: out}))
}

func kindOption(name, kind string) (registry.Kind, error) {
	if kind == "" {
		return registry.Invalid, nil
	}
	k, ok := registry.KindByName(kind)
	if !ok {
		return 0, invalidf("lookup %q: unknown kind %q; choices: %s", name, kind, strings.Join(registry.KindNames(), ", "))
	}
	return k, nil
}

// lookupKinds maps a field class name to the kinds it and its Django
// subclasses have.
func lookupKinds(kind string) ([]registry.Kind, error) {
	switch kind {
	case "", "Field":
		return nil, nil
	case "IntegerField":
		return []registry.Kind{registry.SmallInt, registry.Int, registry.BigInt}, nil
	case "DateField":
		return []registry.Kind{registry.Date, registry.DateTime}, nil
	}
	k, ok := registry.KindByName(kind)
	if !ok || k == registry.JSON {
		return nil, invalidf("RegisterLookup: unknown field class %q; choices: Field, %s", kind, strings.Join(registry.KindNames(), ", "))
	}
	return []registry.Kind{k}, nil
}
