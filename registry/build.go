package registry

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

var refType = reflect.TypeOf(Ref{})

type metaProvider interface{ Meta() Meta }

// build derives the metadata of struct type t; types are the models
// registered so far (a registered model embedded first is its parent).
func (r *Registry) build(t reflect.Type, types map[reflect.Type]*Model) (*Model, error) {
	m := &Model{
		Type: t, TypeName: t.Name(), Name: strings.ToLower(t.Name()),
		Label: pkgName(t) + "." + t.Name(), byName: map[string]*Field{}, Attrs: map[string]*Attr{},
	}
	if v, ok := reflect.New(t).Interface().(metaProvider); ok {
		m.Meta = v.Meta()
	}
	m.Table = m.Meta.Table
	if m.Table == "" {
		m.Table = SnakeCase(t.Name())
	}
	if !ValidIdent(m.Table) {
		return nil, fmt.Errorf("orm.Register: %s: table name %q must match ^[A-Za-z_][A-Za-z0-9_]*$", m.Label, m.Table)
	}
	b := builder{r: r, m: m, types: types}
	if err := b.walk(t, 0); err != nil {
		return nil, err
	}
	if !b.hasState {
		return nil, fmt.Errorf("orm.Register: %s must embed orm.Model", m.Label)
	}
	if b.parent != nil {
		if err := b.inherit(b.parent); err != nil {
			return nil, err
		}
	} else if m.PK == nil {
		id := &Field{Model: m, Name: "id", GoName: r.cfg.IDField, Attname: "id", Column: "id", Kind: BigInt,
			Type: reflect.TypeOf(int64(0)), Offset: b.idOffset, PrimaryKey: true, Auto: true}
		id.codec = codecFor(shapeOf(id.Type), BigInt, 0)
		m.PK = id
		m.Fields = append([]*Field{id}, m.Fields...)
	}
	for _, f := range append(append([]*Field(nil), m.Fields...), m.ManyToMany...) {
		for _, n := range []string{f.Name, f.Attname} {
			if prev := m.byName[n]; prev != nil && prev != f {
				return nil, fmt.Errorf("orm.Register: %s: fields %s and %s both answer to %q", m.Label, prev.GoName, f.GoName, n)
			}
			m.byName[n] = f
		}
	}
	if err := checkMeta(m, r.cfg.Condition); err != nil {
		return nil, err
	}
	for _, f := range m.Fields {
		if f.IsRelation() {
			m.Relations = append(m.Relations, f)
		}
	}
	return m, nil
}

type builder struct {
	r        *Registry
	m        *Model
	types    map[reflect.Type]*Model
	hasState bool
	idOffset uintptr
	parent   *Model // the model a multi-table child embeds first
}

// parentOf reports whether struct field sf (the i-th of the model struct)
// makes the model a multi-table child: the first field, embedded, untagged,
// a registered concrete model, in a model that is not a proxy. An embedded
// model struct that is not registered yet is refused: flattening it would
// silently give abstract-base semantics.
func (b *builder) parentOf(sf reflect.StructField, i int, base uintptr, tagged bool) (*Model, error) {
	if !sf.Anonymous || tagged || base != 0 || b.m.Meta.Proxy || sf.Type.Kind() != reflect.Struct {
		return nil, nil
	}
	pm := b.types[sf.Type]
	if pm == nil {
		if b.embedsState(sf.Type) {
			return nil, fmt.Errorf("orm.Register: %s embeds %s, which is not registered: register %s first (multi-table inheritance) or drop orm.Model from %s (shared fields)",
				b.m.TypeName, sf.Type.Name(), sf.Type.Name(), sf.Type.Name())
		}
		return nil, nil
	}
	switch {
	case i != 0:
		return nil, fmt.Errorf("orm.Register: %s embeds the registered model %s after other fields: a parent model must be embedded first", b.m.TypeName, pm.TypeName)
	case pm.ProxyOf != nil || pm.auto:
		return nil, fmt.Errorf("orm.Register: %s embeds %s, a proxy model: embed its concrete model %s instead", b.m.TypeName, pm.TypeName, pm.Concrete().TypeName)
	}
	return pm, nil
}

// promotedMeta reports whether child's Meta method is the one Go promotes
// from parent (child declares none of its own): both give the same Meta.
func promotedMeta(child, parent reflect.Type) bool {
	c, ok := reflect.New(child).Interface().(metaProvider)
	if !ok {
		return false
	}
	p, ok := reflect.New(parent).Interface().(metaProvider)
	return ok && reflect.DeepEqual(c.Meta(), p.Meta())
}

// embedsState reports whether struct type t embeds orm.Model (directly or
// through embedded structs).
func (b *builder) embedsState(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && (sf.Type == b.r.cfg.StateType || sf.Type.Kind() == reflect.Struct && b.embedsState(sf.Type)) {
			return true
		}
	}
	return false
}

// inherit completes a multi-table child: the parent's fields (shared, as
// Django shares Field objects), the parent link as primary key, then the
// child's own fields; the parent's many-to-many fields, prefetch targets,
// and its ordering when the child sets none.
func (b *builder) inherit(pm *Model) error {
	m := b.m
	if m.PK != nil {
		return fmt.Errorf("orm.Register: %s: field %s is tagged pk: the primary key of a multi-table child is its parent link %s_ptr", m.Label, m.PK.GoName, pm.Name)
	}
	for _, f := range append(append([]*Field(nil), m.Fields...), m.ManyToMany...) {
		if pf := pm.Field(f.Name); pf != nil || pm.ManyToManyField(f.Name) != nil {
			return fmt.Errorf("orm.Register: Local field '%s' in class '%s' clashes with field of the same name from base class '%s'", f.Name, m.TypeName, pm.TypeName)
		}
	}
	if promotedMeta(m.Type, pm.Type) {
		// Go promotes the parent's Meta method; Django inherits none of
		// Meta but ordering and get_latest_by (below).
		m.Meta, m.Table = Meta{}, SnakeCase(m.Type.Name())
	}
	name := pm.Name + "_ptr"
	link := &Field{Model: m, Name: name, GoName: pm.TypeName + "Ptr", Attname: name + "_id", Column: name + "_id",
		Kind: pm.PK.Kind, Type: pm.PK.Type, Offset: pm.PK.Offset, PrimaryKey: true, Unique: true, ParentLink: true,
		MaxLength: pm.PK.MaxLength, MaxDigits: pm.PK.MaxDigits, DecimalPlaces: pm.PK.DecimalPlaces, codec: pm.PK.codec}
	link.Rel = &Relation{Kind: OneToOne, Field: link, From: m, TargetType: pm.Type, RelatedName: m.Name,
		RelatedQueryName: m.Name, OnDelete: Cascade, to: pm, toField: pm.PK}
	local := append([]*Field{link}, m.Fields...)
	m.Fields = append(append(append([]*Field(nil), pm.Fields...), link), m.Fields...)
	m.local, m.PK, m.Parent = local, link, link
	m.ManyToMany = append(append([]*Field(nil), pm.ManyToMany...), m.ManyToMany...)
	m.StateOffset = pm.StateOffset
	for k, a := range pm.Attrs {
		if m.Attrs[k] == nil {
			m.Attrs[k] = a
		}
	}
	for k, f := range pm.AnnotationFields {
		if m.AnnotationFields == nil {
			m.AnnotationFields = map[string]*Field{}
		}
		if m.AnnotationFields[k] == nil {
			m.AnnotationFields[k] = f
		}
	}
	if len(m.Meta.Ordering) == 0 {
		m.Meta.Ordering = pm.Meta.Ordering
	}
	if len(m.Meta.GetLatestBy) == 0 {
		m.Meta.GetLatestBy = pm.Meta.GetLatestBy
	}
	m.generated, m.timestamps, m.callDefaults, m.dbDefaults = m.generated || pm.generated, m.timestamps || pm.timestamps,
		m.callDefaults || pm.callDefaults, m.dbDefaults || pm.dbDefaults
	m.relations = m.relations || pm.relations
	return nil
}

func (b *builder) walk(t reflect.Type, base uintptr) error {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, tagged := sf.Tag.Lookup("orm")
		if tag == "-" {
			continue
		}
		off := base + sf.Offset
		pm, err := b.parentOf(sf, i, base, tagged)
		if err != nil {
			return err
		}
		if pm != nil {
			b.parent, b.hasState = pm, true
			continue
		}
		if sf.Anonymous && sf.Type == b.r.cfg.StateType {
			b.hasState = true
			b.m.StateOffset = off
			idf, _ := sf.Type.FieldByName(b.r.cfg.IDField)
			b.idOffset = off + idf.Offset
			continue
		}
		if !sf.IsExported() {
			continue
		}
		where := b.m.TypeName + "." + sf.Name
		if kind, target, ok := b.r.cfg.Relation(sf.Type); ok {
			if err := b.relation(sf, off, kind, target, tag); err != nil {
				return fmt.Errorf("orm.Register: %s: %w", where, err)
			}
			continue
		}
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct && !baseKind(sf.Type) && !tagged {
			if err := b.walk(sf.Type, off); err != nil {
				return err
			}
			continue
		}
		if !tagged && isAttr(sf.Type) {
			a := &Attr{Name: SnakeCase(sf.Name), Offset: off, Type: sf.Type, Slice: sf.Type.Kind() == reflect.Slice}
			a.Elem = sf.Type.Elem()
			if a.Slice {
				a.Elem = a.Elem.Elem()
			}
			b.m.Attrs[a.Name] = a
			continue
		}
		if o, err := parseTag(tag); err == nil {
			if name, ok := o.values["annotation"]; ok {
				if err := b.annotation(sf, off, name, o); err != nil {
					return fmt.Errorf("orm.Register: %s: %w", where, err)
				}
				continue
			}
		}
		f, err := b.value(sf, off, tag)
		if err != nil {
			return fmt.Errorf("orm.Register: %s: %w", where, err)
		}
		if f.PrimaryKey {
			if b.m.PK != nil {
				return fmt.Errorf("orm.Register: %s: a second pk; %s is already the primary key", where, b.m.PK.GoName)
			}
			b.m.PK = f
		}
		b.m.Fields = append(b.m.Fields, f)
	}
	return nil
}

// annotation records a field filled from an annotation rather than a column.
func (b *builder) annotation(sf reflect.StructField, off uintptr, name string, o tagOptions) error {
	if len(o.values) > 1 || len(o.flags) > 1 || (len(o.flags) == 1 && !o.flags["null"]) {
		return fmt.Errorf("an annotation field takes no other tag options than null and type=")
	}
	if name == "" {
		name = SnakeCase(sf.Name)
	}
	if !ValidIdent(name) {
		return fmt.Errorf("annotation=%q must match ^[A-Za-z_][A-Za-z0-9_]*$", name)
	}
	shape := shapeOf(sf.Type)
	if !baseKind(shape.base) {
		return fmt.Errorf("unsupported Go type %s for an annotation field", sf.Type)
	}
	f := &Field{Model: b.m, Name: name, GoName: sf.Name, Attname: name, Type: sf.Type, Offset: off, Kind: defaultKind(shape.base),
		Null: shape.ptr || shape.validOff > 0}
	if err := f.applyType(o.values["type"], shape); err != nil {
		return err
	}
	f.codec = codecFor(shape, f.Kind, f.DecimalPlaces)
	if b.m.AnnotationFields == nil {
		b.m.AnnotationFields = map[string]*Field{}
	}
	b.m.AnnotationFields[name] = f
	return nil
}

// startsWithRef reports whether a Ref sits at offset 0 of t, possibly
// through embedded first fields (OneToOne embeds ForeignKey).
func startsWithRef(t reflect.Type) bool {
	for t.Kind() == reflect.Struct && t.NumField() > 0 {
		if t.Field(0).Type == refType {
			return true
		}
		t = t.Field(0).Type
	}
	return false
}

func isAttr(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice:
		return t.Elem().Kind() == reflect.Pointer && t.Elem().Elem().Kind() == reflect.Struct
	case reflect.Pointer:
		return t.Elem().Kind() == reflect.Struct && !baseKind(t.Elem())
	}
	return false
}

// value builds a column-backed field of a plain Go type.
func (b *builder) value(sf reflect.StructField, off uintptr, tag string) (*Field, error) {
	o, err := parseTag(tag)
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"on_delete", "related_name", "related_query_name", "to_field", "through"} {
		if _, ok := o.values[k]; ok {
			return nil, fmt.Errorf("%s= applies to relation fields only", k)
		}
	}
	if o.flags["symmetrical"] {
		return nil, fmt.Errorf("symmetrical applies to ManyToMany fields only")
	}
	if isCustomType(sf.Type) && !knownType(sf.Type) {
		return b.customField(sf, off, o)
	}
	if isJSONType(sf.Type, o.values["type"]) {
		return b.jsonField(sf, off, o)
	}
	shape := shapeOf(sf.Type)
	if !baseKind(shape.base) {
		return nil, fmt.Errorf("unsupported Go type %s; use string, int, int16, int32, int64, bool, float64, "+
			"decimal.Decimal, time.Time, time.Duration, []byte, a pointer to one of them or an sql.Null type, "+
			"a type implementing sql.Scanner and driver.Valuer with type=<kind>, "+
			"or tag the field `orm:\"-\"` to leave it out", sf.Type)
	}
	f := &Field{Model: b.m, Name: SnakeCase(sf.Name), GoName: sf.Name, Type: sf.Type, Offset: off,
		Kind: defaultKind(shape.base)}
	f.Attname = f.Name
	if err := f.applyOptions(o, shape); err != nil {
		return nil, err
	}
	f.codec = codecFor(shape, f.Kind, f.DecimalPlaces)
	if err := f.readChoices(shape.base); err != nil {
		return nil, err
	}
	if err := b.defaultCall(f, o); err != nil {
		return nil, err
	}
	if err := b.readValidators(f, o); err != nil {
		return nil, err
	}
	if f.Generated != "" {
		b.m.generated = true
	}
	if f.HasDBDefault {
		b.m.dbDefaults = true
	}
	return f, nil
}

// defaultCall sets f.DefaultFunc from default=name().
func (b *builder) defaultCall(f *Field, o tagOptions) error {
	name, call := callName(o.values["default"])
	if !call {
		return nil
	}
	fn, ok := b.r.defaultFunc(name)
	if !ok {
		return fmt.Errorf("default=%s(): no default function %q; register it with orm.RegisterDefault before the model (built in: now(), uuid4())", name, name)
	}
	if f.AutoNow || f.AutoNowAdd {
		return fmt.Errorf("the options auto_now, auto_now_add and default= are mutually exclusive; use one")
	}
	f.DefaultFunc = fn
	b.m.callDefaults = true
	return nil
}

// jsonField builds a JSON field (see isJSONType): nil of a map, slice,
// pointer or any is SQL NULL when tagged null, JSON null otherwise.
func (b *builder) jsonField(sf reflect.StructField, off uintptr, o tagOptions) (*Field, error) {
	f := &Field{Model: b.m, Name: SnakeCase(sf.Name), GoName: sf.Name, Type: sf.Type, Offset: off, Kind: JSON}
	f.Attname = f.Name
	if err := f.applyOptions(o, valueShape{base: sf.Type, ptr: o.flags["null"] && canBeNil(sf.Type)}); err != nil {
		return nil, err
	}
	if f.PrimaryKey || f.Unique {
		return nil, fmt.Errorf("a JSON field cannot be a primary key or unique")
	}
	f.codec = jsonCodec(sf.Type, f.Null)
	return f, nil
}

func (f *Field) applyOptions(o tagOptions, shape valueShape) error {
	f.Column = f.Name
	if c, ok := o.values["column"]; ok {
		if !ValidIdent(c) {
			return fmt.Errorf("column=%q must match ^[A-Za-z_][A-Za-z0-9_]*$", c)
		}
		f.Column = c
	}
	if err := f.applyType(o.values["type"], shape); err != nil {
		return err
	}
	f.PrimaryKey, f.Null, f.Blank = o.flags["pk"], o.flags["null"], o.flags["blank"]
	f.Unique, f.DBIndex = o.flags["unique"] || f.PrimaryKey, o.flags["index"]
	nullable := shape.ptr || shape.validOff > 0
	switch {
	case f.Null && !nullable:
		return fmt.Errorf("null needs a pointer or sql.Null type to hold NULL, not %s", f.Type)
	case nullable && !f.Null:
		return fmt.Errorf("%s can hold NULL: add the null tag option (or use a plain type)", f.Type)
	case f.PrimaryKey && f.Null:
		return fmt.Errorf("a primary key cannot be null")
	}
	if err := f.applySizes(o); err != nil {
		return err
	}
	if err := f.applyDefaults(o); err != nil {
		return err
	}
	f.Comment = strings.Trim(o.values["db_comment"], "'")
	if err := f.applyAutoNow(o); err != nil {
		return err
	}
	return f.applyGenerated(o)
}

// applyAutoNow reads auto_now and auto_now_add, which apply to dates,
// datetimes and times, exclude each other and default= (as in Django), and
// make the field blank.
func (f *Field) applyAutoNow(o tagOptions) error {
	f.AutoNow, f.AutoNowAdd = o.flags["auto_now"], o.flags["auto_now_add"]
	if !f.AutoNow && !f.AutoNowAdd {
		return nil
	}
	switch {
	case !f.Kind.IsTemporal():
		return fmt.Errorf("auto_now and auto_now_add apply to date, datetime and time fields, not %s", f.Kind)
	case f.AutoNow && f.AutoNowAdd, f.HasDefault:
		return fmt.Errorf("the options auto_now, auto_now_add and default= are mutually exclusive; use one")
	}
	f.Blank = true
	f.Model.timestamps = true
	return nil
}

func (f *Field) applyType(typ string, shape valueShape) error {
	switch typ {
	case "":
		return nil
	case "text", "uuid":
		if shape.base.Kind() != reflect.String {
			return fmt.Errorf("type=%s needs a string field, not %s", typ, shape.base)
		}
		f.Kind = Text
		if typ == "uuid" {
			f.Kind = UUID
		}
	case "json":
		if f.Kind != JSON {
			return fmt.Errorf("type=json applies to JSON fields")
		}
	case "date", "datetime", "time":
		if shape.base != timeType {
			return fmt.Errorf("type=%s needs a time.Time field, not %s", typ, shape.base)
		}
		f.Kind = map[string]Kind{"date": Date, "datetime": DateTime, "time": Time}[typ]
	default:
		return fmt.Errorf("unknown type=%s; valid: text, uuid, date, datetime, time, json", typ)
	}
	return nil
}

func (f *Field) applySizes(o tagOptions) error {
	var err error
	atoi := func(key string) int {
		s, ok := o.values[key]
		if !ok || err != nil {
			return 0
		}
		n, e := strconv.Atoi(s)
		if e != nil || n <= 0 {
			err = fmt.Errorf("%s=%s must be a positive integer", key, s)
		}
		return n
	}
	f.MaxLength, f.MaxDigits = atoi("max_length"), atoi("max_digits")
	if s, ok := o.values["decimal_places"]; ok && err == nil {
		if f.DecimalPlaces, err = strconv.Atoi(s); err != nil || f.DecimalPlaces < 0 {
			err = fmt.Errorf("decimal_places=%s must be a non-negative integer", s)
		}
	}
	if err != nil {
		return err
	}
	switch {
	case f.Kind == String && f.MaxLength == 0:
		return fmt.Errorf("a string field needs max_length=N (VARCHAR) or type=text")
	case f.MaxLength > 0 && f.Kind != String:
		return fmt.Errorf("max_length applies to string fields without type=, not to %s", f.Kind)
	case f.Kind == Decimal && (f.MaxDigits == 0 || o.values["decimal_places"] == ""):
		return fmt.Errorf("decimal.Decimal needs max_digits=N and decimal_places=M")
	case f.Kind != Decimal && (f.MaxDigits > 0 || o.values["decimal_places"] != ""):
		return fmt.Errorf("max_digits and decimal_places apply to decimal.Decimal fields only")
	case f.DecimalPlaces > f.MaxDigits:
		return fmt.Errorf("decimal_places=%d is larger than max_digits=%d", f.DecimalPlaces, f.MaxDigits)
	}
	if f.Kind == UUID {
		f.MaxLength = 36
	}
	return nil
}

func (f *Field) applyDefaults(o tagOptions) error {
	if s, ok := o.values["default"]; ok {
		if _, call := callName(s); call {
			return nil // a function: the builder looks it up (see value)
		}
		v, err := ParseLiteral(f.Kind, s)
		if err != nil {
			return fmt.Errorf("default=%s: %w", s, err)
		}
		f.Default, f.HasDefault = v, true
	}
	if s, ok := o.values["db_default"]; ok {
		if e, call, err := ParseDBExpr(s); call {
			if err != nil {
				return err
			}
			if f.Kind != DateTime {
				return fmt.Errorf("db_default=%s applies to datetime fields, not %s", e, f.Kind)
			}
			f.DBDefault, f.HasDBDefault = e, true
			return nil
		}
		v, err := ParseLiteral(f.Kind, s)
		if err != nil {
			return fmt.Errorf("db_default=%s: %w", s, err)
		}
		f.DBDefault, f.HasDBDefault = v, true
	}
	return nil
}

func (f *Field) applyGenerated(o tagOptions) error {
	expr, ok := o.values["generated"]
	if !ok {
		if o.flags["stored"] || o.flags["virtual"] {
			return fmt.Errorf("stored and virtual apply to generated= fields only")
		}
		return nil
	}
	if expr == "" {
		return fmt.Errorf("generated= needs an SQL expression")
	}
	if o.flags["stored"] && o.flags["virtual"] {
		return fmt.Errorf("a generated column is stored or virtual, not both")
	}
	if f.PrimaryKey || f.HasDefault || f.HasDBDefault {
		return fmt.Errorf("a generated column cannot be a primary key or have a default")
	}
	f.Generated, f.Stored = expr, o.flags["stored"]
	return nil
}

// relation builds a ForeignKey, OneToOne or ManyToMany field.
func (b *builder) relation(sf reflect.StructField, off uintptr, kind RelKind, target reflect.Type, tag string) error {
	o, err := parseTag(tag)
	if err != nil {
		return err
	}
	name := SnakeCase(sf.Name)
	f := &Field{Model: b.m, Name: name, GoName: sf.Name, Attname: name, Type: sf.Type, Offset: off}
	rel := &Relation{Kind: kind, Field: f, From: b.m, TargetType: target, toFieldName: o.values["to_field"]}
	f.Rel = rel
	if kind != ManyToMany {
		b.m.relations = true
	}
	if kind == ManyToMany {
		for _, k := range []string{"pk", "null", "unique", "index", "stored", "virtual"} {
			if o.flags[k] {
				return fmt.Errorf("%s does not apply to a ManyToMany field", k)
			}
		}
		for _, k := range []string{"column", "max_length", "type", "max_digits", "decimal_places", "default", "db_default", "db_comment", "generated", "on_delete", "to_field"} {
			if _, ok := o.values[k]; ok {
				return fmt.Errorf("%s= does not apply to a ManyToMany field", k)
			}
		}
		rel.Symmetrical = o.flags["symmetrical"]
		if rel.Symmetrical && target != b.m.Type {
			return fmt.Errorf("symmetrical applies to a ManyToMany field pointing at its own model")
		}
		rel.throughName = o.values["through"]
		if rel.throughName != "" && !ValidIdent(rel.throughName) {
			return fmt.Errorf("through=%s must name a model type of the same package", rel.throughName)
		}
		rel.RelatedName, rel.RelatedQueryName = reverseNames(b.m, o, b.m.Name+"_set")
		if rel.Symmetrical {
			rel.RelatedName, rel.RelatedQueryName = "+", "+" // both directions are the field itself
		}
		b.m.ManyToMany = append(b.m.ManyToMany, f)
		return nil
	}
	if !startsWithRef(sf.Type) {
		return fmt.Errorf("internal: relation type %s must start with a registry.Ref", sf.Type)
	}
	if o.flags["symmetrical"] {
		return fmt.Errorf("symmetrical applies to ManyToMany fields only")
	}
	for _, k := range []string{"max_length", "type", "max_digits", "decimal_places", "generated", "through"} {
		if _, ok := o.values[k]; ok {
			return fmt.Errorf("%s= does not apply to a %s field", k, kind)
		}
	}
	f.Attname = name + "_id"
	f.Column = f.Attname
	if c, ok := o.values["column"]; ok {
		if !ValidIdent(c) {
			return fmt.Errorf("column=%q must match ^[A-Za-z_][A-Za-z0-9_]*$", c)
		}
		f.Column = c
	}
	f.PrimaryKey, f.Null, f.Blank = o.flags["pk"], o.flags["null"], o.flags["blank"]
	f.Comment = strings.Trim(o.values["db_comment"], "'")
	f.Unique = o.flags["unique"] || kind == OneToOne || f.PrimaryKey
	f.DBIndex = true // Django indexes foreign keys by default
	od, ok := onDeleteNames[o.values["on_delete"]]
	if !ok {
		return fmt.Errorf("%s needs on_delete=cascade|protect|restrict|set_null|set_default|do_nothing", kind)
	}
	rel.OnDelete = od
	if od == SetNull && !f.Null {
		return fmt.Errorf("on_delete=set_null needs the null tag option")
	}
	if _, ok := o.values["default"]; ok {
		return fmt.Errorf("default= on a relation is not supported; set the key in Go")
	}
	if od == SetDefault {
		return fmt.Errorf("on_delete=set_default needs a default, which relation fields do not take; use set_null")
	}
	def := b.m.Name + "_set"
	if kind == OneToOne {
		def = b.m.Name
	}
	rel.RelatedName, rel.RelatedQueryName = reverseNames(b.m, o, def)
	if f.PrimaryKey {
		if b.m.PK != nil {
			return fmt.Errorf("a second pk; %s is already the primary key", b.m.PK.GoName)
		}
		b.m.PK = f
	}
	b.m.Fields = append(b.m.Fields, f)
	return nil
}

func reverseNames(m *Model, o tagOptions, defAccessor string) (accessor, query string) {
	accessor, query = defAccessor, m.Name
	if rn := o.values["related_name"]; rn != "" {
		accessor, query = rn, rn
	}
	if strings.HasSuffix(accessor, "+") {
		return "+", "+"
	}
	if rq := o.values["related_query_name"]; rq != "" {
		query = rq
	}
	return accessor, query
}

// ParseLiteral parses a tag literal (default=, db_default=) as a value of kind k.
func ParseLiteral(k Kind, s string) (any, error) {
	s = strings.Trim(s, "'")
	switch {
	case k.IsText():
		return s, nil
	case k.IsInteger():
		n, err := strconv.ParseInt(s, 10, 64)
		lo, hi := k.IntRange()
		if err != nil || n < lo || n > hi {
			return nil, fmt.Errorf("not a %s", k)
		}
		return n, nil
	case k == Bool:
		return strconv.ParseBool(s)
	case k == Float:
		return strconv.ParseFloat(s, 64)
	case k == Decimal:
		return decimal.NewFromString(s)
	case k == Duration:
		return time.ParseDuration(s)
	case k == Date:
		return time.Parse("2006-01-02", s)
	case k == DateTime:
		return time.Parse(time.RFC3339Nano, s)
	case k == Time:
		return time.Parse("15:04:05", s)
	}
	return nil, fmt.Errorf("%s fields take no default", k)
}

// checkMeta validates the field names Meta refers to.
func checkMeta(m *Model, cond func(any) error) error {
	check := func(what string, names []string) error {
		for _, n := range names {
			n = strings.TrimPrefix(strings.TrimPrefix(n, "-"), "?")
			if n == "pk" || (m.Field(n) != nil && m.Field(n).Concrete()) {
				continue
			}
			if what == "Ordering" && strings.Contains(n, "__") {
				continue // resolved against relations at query time
			}
			return fmt.Errorf("orm.Register: %s: Meta.%s names %q, which is not a field; choices: %s",
				m.Label, what, n, strings.Join(concreteNames(m), ", "))
		}
		return nil
	}
	if err := check("Ordering", m.Meta.Ordering); err != nil {
		return err
	}
	if err := check("GetLatestBy", m.Meta.GetLatestBy); err != nil {
		return err
	}
	for _, ix := range m.Meta.Indexes {
		if len(ix.Fields) == 0 && len(ix.Expressions) == 0 {
			return fmt.Errorf("orm.Register: %s: an index needs at least one field or expression", m.Label)
		}
		if len(ix.Fields) > 0 && len(ix.Expressions) > 0 {
			return fmt.Errorf("orm.Register: %s: index %s takes Fields or Expressions, not both", m.Label, ix.Name)
		}
		if ix.Name != "" && !ValidIdent(ix.Name) {
			return fmt.Errorf("orm.Register: %s: index name %q must match ^[A-Za-z_][A-Za-z0-9_]*$", m.Label, ix.Name)
		}
		if err := check("Indexes", ix.Fields); err != nil {
			return err
		}
	}
	for _, ut := range m.Meta.UniqueTogether {
		if err := check("UniqueTogether", ut); err != nil {
			return err
		}
	}
	return checkConstraints(m, cond)
}

func concreteNames(m *Model) []string {
	var out []string
	for _, f := range m.Fields {
		out = append(out, f.Name)
	}
	return out
}
