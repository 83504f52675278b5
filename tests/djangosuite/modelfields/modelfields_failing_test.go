//go:build djangosuite_failing

package modelfields

// Cases of Django 3.2's tests/model_fields/ where djorm answers differently
// (another answer, an error, or no refusal where Django refuses). Each asserts
// Django's answer on every backend. Run with go test -tags djangosuite_failing.

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Django 3.2: JSON null (Value(None, JSONField())) and SQL NULL are kept apart in a
// nullable JSONField: filter(value=Value(None, JSONField())) and filter(value=None)
// give the JSON-null row, value__isnull=True the SQL NULL row. djorm (every
// backend): a json.RawMessage("null") written to an `any` field tagged null is
// stored as SQL NULL (Create and Update), so value=JSON null matches nothing and
// value=None / value__isnull=True match both rows; djorm has no way to write JSON
// null into a nullable JSON field. Guess: the JSON codec (registry/json.go) maps an
// encoded "null" to SQL NULL whenever the field is tagged null.
func TestModelFields_JSONField_TestSaveLoad_test_json_null_different_from_sql_null(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		resetTables(t, db, &NullableJSONModel{})
		qs := orm.Objects[NullableJSONModel](db)
		jsonNullObj := &NullableJSONModel{Value: jsonNull}
		must(t, qs.Create(ctx, jsonNullObj))
		_, err := qs.Update(ctx, orm.Set{"value": jsonNull})
		must(t, err)
		must(t, db.Refresh(ctx, jsonNullObj))
		sqlNull := &NullableJSONModel{Value: nil}
		must(t, qs.Create(ctx, sqlNull))
		must(t, db.Refresh(ctx, sqlNull))
		// 'null' is not equal to NULL in the database.
		assertJSONRows(t, "value=Value(None, JSONField())", qs.Filter(orm.Q{"value": jsonNull}), true, jsonNullObj)
		assertJSONRows(t, "value=None", qs.Filter(orm.Q{"value": nil}), true, jsonNullObj)
		assertJSONRows(t, "value__isnull=True", qs.Filter(orm.Q{"value__isnull": true}), true, sqlNull)
		// 'null' is equal to NULL in Go (nil).
		if jsonNullObj.Value != nil || sqlNull.Value != nil {
			t.Errorf("json null read back %#v, SQL NULL %#v; want nil both", jsonNullObj.Value, sqlNull.Value)
		}
	})
}

// Django 3.2: value__icontains="BaX" on the whole JSON field matches the JSON text
// (objs[6], objs[7]) on every backend. djorm (every backend): ErrInvalidQuery
// "the icontains lookup applies to a JSON field's keys (field__key__icontains)".
// Guess: djorm's JSON lookup resolution allows text lookups only after a key
// transform.
func TestModelFields_JSONField_TestQuerying_test_icontains(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		assertJSONRows(t, "value__icontains=BaX", q.qs().Filter(orm.Q{"value__icontains": "BaX"}), false, q.span(6, 8)...)
	})
}

// Django 3.2: [objs[4]]. On PostgreSQL, value__d__0__isnull=False (used by this test's base QuerySet)
// is compiled as ("value" -> 'd') ? '0': jsonb's ? tests for a string element
// '0', not for an array index, so the row whose d is ["e", {"f": "g"}] (objs[4])
// is not found and the test gets no row. Django 3.2 compiles key__isnull=False as
// ("value" -> 'd' -> 0) IS NOT NULL on PostgreSQL and MySQL (KeyTransformIsNull
// uses HasKey only on SQLite and Oracle). Guess: the JSON isnull=False -> has_key
// rewrite in djorm's JSON lookup compiler, taken on PostgreSQL for an integer key.
// On MariaDB, functions.Cast(x, "JSONField") renders CAST(JSON_EXTRACT(...) AS )
// with an empty target type: Error 1064 (SQL syntax). Django 3.2 casts to JSON on
// MySQL/MariaDB (the MariaDB Cast of a JSONField is valid). Guess: the MySQL
// dialect's cast type table has no entry for JSONField (functions.Cast).
func TestModelFields_JSONField_TestQuerying_test_key_transform_expression(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		qs := q.qs().Filter(orm.Q{"value__d__0__isnull": false}).Annotate(
			orm.As("key", orm.F("value__d")),
			orm.As("chain", orm.F("key__0")),
			orm.As("cast", functions.Cast("key", "JSONField")),
			orm.As("expr", orm.F("cast__0")),
		).Filter(orm.Q{"chain": orm.F("expr")})
		assertJSONRows(t, "chain=F(expr)", qs, true, q.objs[4])
	})
}

// Django 3.2: [obj]. On PostgreSQL, value__d__0__isnull=False (used by this test's base QuerySet)
// is compiled as ("value" -> 'd') ? '0': jsonb's ? tests for a string element
// '0', not for an array index, so the row whose d is ["e", {"f": "g"}] (objs[4])
// is not found and the test gets no row. Django 3.2 compiles key__isnull=False as
// ("value" -> 'd' -> 0) IS NOT NULL on PostgreSQL and MySQL (KeyTransformIsNull
// uses HasKey only on SQLite and Oracle). Guess: the JSON isnull=False -> has_key
// rewrite in djorm's JSON lookup compiler, taken on PostgreSQL for an integer key.
// On MariaDB, functions.Cast(x, "JSONField") renders CAST(JSON_EXTRACT(...) AS )
// with an empty target type: Error 1064 (SQL syntax). Django 3.2 casts to JSON on
// MySQL/MariaDB (the MariaDB Cast of a JSONField is valid). Guess: the MySQL
// dialect's cast type table has no entry for JSONField (functions.Cast).
func TestModelFields_JSONField_TestQuerying_test_key_transform_annotation_expression(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		obj := q.create(t, map[string]any{"d": []any{"e", "e"}})
		qs := q.qs().Filter(orm.Q{"value__d__0__isnull": false}).Annotate(
			orm.As("key", orm.F("value__d")),
			orm.As("chain", orm.F("key__0")),
			orm.As("expr", functions.Cast("key", "JSONField")),
		).Filter(orm.Q{"chain": orm.F("expr__1")})
		assertJSONRows(t, "chain=F(expr__1)", qs, true, obj)
	})
}

// Django 3.2: [objs[4]]. On PostgreSQL, value__d__0__isnull=False (used by this test's base QuerySet)
// is compiled as ("value" -> 'd') ? '0': jsonb's ? tests for a string element
// '0', not for an array index, so the row whose d is ["e", {"f": "g"}] (objs[4])
// is not found and the test gets no row. Django 3.2 compiles key__isnull=False as
// ("value" -> 'd' -> 0) IS NOT NULL on PostgreSQL and MySQL (KeyTransformIsNull
// uses HasKey only on SQLite and Oracle). Guess: the JSON isnull=False -> has_key
// rewrite in djorm's JSON lookup compiler, taken on PostgreSQL for an integer key.
// On MariaDB, functions.Cast(x, "JSONField") renders CAST(JSON_EXTRACT(...) AS )
// with an empty target type: Error 1064 (SQL syntax). Django 3.2 casts to JSON on
// MySQL/MariaDB (the MariaDB Cast of a JSONField is valid). Guess: the MySQL
// dialect's cast type table has no entry for JSONField (functions.Cast).
func TestModelFields_JSONField_TestQuerying_test_nested_key_transform_expression(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		qs := q.qs().Filter(orm.Q{"value__d__0__isnull": false}).Annotate(
			orm.As("key", orm.F("value__d")),
			orm.As("chain", orm.F("key__1__f")),
			orm.As("cast", functions.Cast("key", "JSONField")),
			orm.As("expr", orm.F("cast__1__f")),
		).Filter(orm.Q{"chain": orm.F("expr")})
		assertJSONRows(t, "chain=F(expr)", qs, true, q.objs[4])
	})
}

// Django 3.2: [obj]. On PostgreSQL, value__d__0__isnull=False (used by this test's base QuerySet)
// is compiled as ("value" -> 'd') ? '0': jsonb's ? tests for a string element
// '0', not for an array index, so the row whose d is ["e", {"f": "g"}] (objs[4])
// is not found and the test gets no row. Django 3.2 compiles key__isnull=False as
// ("value" -> 'd' -> 0) IS NOT NULL on PostgreSQL and MySQL (KeyTransformIsNull
// uses HasKey only on SQLite and Oracle). Guess: the JSON isnull=False -> has_key
// rewrite in djorm's JSON lookup compiler, taken on PostgreSQL for an integer key.
// On MariaDB, functions.Cast(x, "JSONField") renders CAST(JSON_EXTRACT(...) AS )
// with an empty target type: Error 1064 (SQL syntax). Django 3.2 casts to JSON on
// MySQL/MariaDB (the MariaDB Cast of a JSONField is valid). Guess: the MySQL
// dialect's cast type table has no entry for JSONField (functions.Cast).
func TestModelFields_JSONField_TestQuerying_test_nested_key_transform_annotation_expression(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		obj := q.create(t, map[string]any{"d": []any{"e", map[string]any{"f": "g"}, map[string]any{"f": "g"}}})
		qs := q.qs().Filter(orm.Q{"value__d__0__isnull": false}).Annotate(
			orm.As("key", orm.F("value__d")),
			orm.As("chain", orm.F("key__1__f")),
			orm.As("expr", functions.Cast("key", "JSONField")),
		).Filter(orm.Q{"chain": orm.F("expr__2__f")})
		assertJSONRows(t, "chain=F(expr__2__f)", qs, true, obj)
	})
}

// Django 3.2: [related_obj]. On MariaDB, functions.Cast(x, "JSONField") renders CAST(JSON_EXTRACT(...) AS )
// with an empty target type: Error 1064 (SQL syntax). Django 3.2 casts to JSON on
// MySQL/MariaDB (the MariaDB Cast of a JSONField is valid). Guess: the MySQL
// dialect's cast type table has no entry for JSONField (functions.Cast).
func TestModelFields_JSONField_TestQuerying_test_join_key_transform_annotation_expression(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		related := &RelatedJSONModel{Value: map[string]any{"d": []any{"f", "e"}}, JSONModel: orm.Ref(q.objs[4])}
		must(t, orm.Objects[RelatedJSONModel](q.db).Create(ctx, related))
		must(t, orm.Objects[RelatedJSONModel](q.db).Create(ctx, &RelatedJSONModel{Value: map[string]any{"d": []any{"e", "f"}}, JSONModel: orm.Ref(q.objs[4])}))
		got, err := orm.Objects[RelatedJSONModel](q.db).Annotate(
			orm.As("key", orm.F("value__d")),
			orm.As("related_key", orm.F("json_model__value__d")),
			orm.As("chain", orm.F("key__1")),
			orm.As("expr", functions.Cast("key", "JSONField")),
		).Filter(orm.Q{"chain": orm.F("related_key__0")}).All(captureSQL(t))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != related.ID {
			t.Errorf("got %d rows, want the one with pk %d", len(got), related.ID)
		}
	})
}

// Django 3.2: value__foo=KeyTransform('x', RawSQL('{"x": "bar"}')) gives [objs[7]].
// djorm on MariaDB sends JSON_EXTRACT(value, '$."foo"') = JSON_EXTRACT(?, '$."x"')
// and gets no row (the other backends pass). Django's MySQL backend compares key
// transforms through KeyTransformExact, which on MySQL/MariaDB wraps both sides
// (JSON_UNQUOTE / JSON_EXTRACT(%s, '$')). Guess: MariaDB compares the two
// JSON_EXTRACT results as strings in different collations (the column's
// utf8mb4_bin against the connection's); the exact cause is not determined.
func TestModelFields_JSONField_TestQuerying_test_key_transform_raw_expression(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		qs := q.qs().Alias(orm.As("expr", rawJSON(q.db, `{"x": "bar"}`))).Filter(orm.Q{"value__foo": orm.F("expr__x")})
		assertJSONRows(t, "value__foo=KeyTransform('x', RawSQL)", qs, true, q.objs[7])
	})
}

// Django 3.2: [objs[7]]. Same as test_key_transform_raw_expression: no row on MariaDB.
func TestModelFields_JSONField_TestQuerying_test_nested_key_transform_raw_expression(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		qs := q.qs().Alias(orm.As("expr", rawJSON(q.db, `{"x": {"y": "bar"}}`))).Filter(orm.Q{"value__foo": orm.F("expr__x__y")})
		assertJSONRows(t, "value__foo=KeyTransform('y', KeyTransform('x', RawSQL))", qs, true, q.objs[7])
	})
}

// Django 3.2: each condition gives its one row. Django 3.2: has_key takes a key path as its right-hand side
// (value__has_key=KeyTransform(...) or F("value__baz__a") means has_key 'a' on
// value__baz). djorm (every backend): the Filter fails with
// `unknown comparison "has_key"` for an F() value. Guess: the has_key lookup only
// takes a string; an expression value falls through to the generic comparison
// builder, which has no has_key operator.
func TestModelFields_JSONField_TestQuerying_test_has_key_deep(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		tests := []struct {
			what string
			cond orm.Condition
			want *NullableJSONModel
		}{
			{"value__baz__has_key=a", orm.Q{"value__baz__has_key": "a"}, q.objs[7]},
			{"value__has_key=F(value__baz__a)", orm.Q{"value__has_key": orm.F("value__baz__a")}, q.objs[7]},
			{"value__has_key=F(value__baz__c)", orm.Q{"value__has_key": orm.F("value__baz__c")}, q.objs[7]},
			{"value__d__1__has_key=f", orm.Q{"value__d__1__has_key": "f"}, q.objs[4]},
			{"value__has_key=F(value__d__1__f)", orm.Q{"value__has_key": orm.F("value__d__1__f")}, q.objs[4]},
		}
		for _, tc := range tests {
			assertJSONRows(t, tc.what, q.qs().Filter(tc.cond), true, tc.want)
		}
	})
}

// Django 3.2: [obj] for each condition. Django 3.2: has_key takes a key path as its right-hand side
// (value__has_key=KeyTransform(...) or F("value__baz__a") means has_key 'a' on
// value__baz). djorm (every backend): the Filter fails with
// `unknown comparison "has_key"` for an F() value. Guess: the has_key lookup only
// takes a string; an expression value falls through to the generic comparison
// builder, which has no has_key operator.
func TestModelFields_JSONField_TestQuerying_test_has_key_list(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		obj := q.create(t, []any{map[string]any{"a": 1}, map[string]any{"b": "x"}})
		for what, cond := range map[string]orm.Condition{
			"value__1__has_key=b":           orm.Q{"value__1__has_key": "b"},
			"value__has_key=F(value__1__b)": orm.Q{"value__has_key": orm.F("value__1__b")},
		} {
			assertJSONRows(t, what, q.qs().Filter(cond), true, obj)
		}
	})
}

// Django 3.2: exists() is True for each. The has_key=KeyTextTransform('foo', 'value') case: Django 3.2: has_key takes a key path as its right-hand side
// (value__has_key=KeyTransform(...) or F("value__baz__a") means has_key 'a' on
// value__baz). djorm (every backend): the Filter fails with
// `unknown comparison "has_key"` for an F() value. Guess: the has_key lookup only
// takes a string; an expression value falls through to the generic comparison
// builder, which has no has_key operator.
func TestModelFields_JSONField_TestQuerying_test_lookups_with_key_transform(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		tests := []struct {
			lookup string
			value  any
		}{
			{"value__baz__has_key", "c"},
			{"value__baz__has_keys", []string{"a", "c"}},
			{"value__baz__has_any_keys", []string{"a", "x"}},
			{"value__has_key", orm.F("value__foo")}, // KeyTextTransform('foo', 'value')
		}
		for _, tc := range tests {
			assertExists(t, fmt.Sprintf("%s=%v", tc.lookup, tc.value), q.qs().Filter(orm.Q{tc.lookup: tc.value}), true)
		}
	})
}

// Django 3.2: every key__in case answers its rows on every backend
// (KeyTransformIn: JSON_EXTRACT around the values on MySQL/MariaDB, JSON_TYPE
// handling on SQLite). djorm on SQLite and MariaDB: "the in lookup on JSON values
// is not supported on sqlite" / "... on mariadb" for every case (PostgreSQL
// passes). Guess: the JSON in lookup is implemented only for jsonb.
func TestModelFields_JSONField_TestQuerying_test_key_in(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		tests := []struct {
			lookup string
			value  []any
			want   []*NullableJSONModel
		}{
			{"value__c__in", []any{14}, q.span(3, 5)},
			{"value__c__in", []any{14, 15}, q.span(3, 5)},
			{"value__0__in", []any{1}, q.pick(5)},
			{"value__0__in", []any{1, 3}, q.pick(5)},
			{"value__foo__in", []any{"bar"}, q.pick(7)},
			{"value__foo__in", []any{orm.F("value__bax__foo")}, q.pick(7)},
			{"value__foo__in", []any{orm.F("value__bax__foo"), "baz"}, q.pick(7)},
			{"value__foo__in", []any{"bar", "baz"}, q.pick(7)},
			{"value__bar__in", []any{[]any{"foo", "bar"}}, q.pick(7)},
			{"value__bar__in", []any{[]any{"foo", "bar"}, []any{"a"}}, q.pick(7)},
			{"value__bax__in", []any{map[string]any{"foo": "bar"}, map[string]any{"a": "b"}}, q.pick(7)},
			{"value__h__in", []any{true, "foo"}, q.pick(4)},
			{"value__i__in", []any{false, "foo"}, q.pick(4)},
		}
		for _, tc := range tests {
			assertJSONRows(t, fmt.Sprintf("%s=%v", tc.lookup, tc.value), q.qs().Filter(orm.Q{tc.lookup: tc.value}), false, tc.want...)
		}
	})
}

// Django 3.2: exists() is True for each case on PostgreSQL and MariaDB.
// djorm: value__contains=F("value__bax") fails on PostgreSQL with
// `function replace(jsonb, unknown, unknown) does not exist` (an F() right-hand
// side is treated as text and escaped for LIKE) and is False on MariaDB;
// value__contained_by=KeyTransform('x', RawSQL(...)) (an F() on an aliased RawSQL)
// fails with `unknown comparison "contained_by"` on both. Guess: contains and
// contained_by on JSON take only literal documents; expression values go to the
// text lookup builders.
func TestModelFields_JSONField_TestQuerying_test_contains_contained_by_with_key_transform(t *testing.T) {
	runQuerying(t, func(t *testing.T, q *querying) {
		if !supportsJSONContains(q.db) {
			t.Skip("Django: skipUnlessDBFeature('supports_json_field_contains')")
		}
		tests := []struct {
			lookup string
			value  any
		}{
			{"value__d__contains", "e"},
			{"value__d__contains", []any{map[string]any{"f": "g"}}},
			{"value__contains", orm.F("value__bax")},
			{"value__baz__contains", map[string]any{"a": "b"}},
			{"value__baz__contained_by", map[string]any{"a": "b", "c": "d", "e": "f"}},
		}
		// json_key_contains_list_matching_requires_list is False on MySQL/MariaDB.
		if vendor(q.db) != "postgresql" {
			tests = append(tests, struct {
				lookup string
				value  any
			}{"value__d__contains", map[string]any{"f": "g"}})
		}
		for _, tc := range tests {
			assertExists(t, fmt.Sprintf("%s=%v", tc.lookup, tc.value), q.qs().Filter(orm.Q{tc.lookup: tc.value}), true)
		}
		qs := q.qs().Alias(orm.As("raw", rawJSON(q.db, `{"x": {"a": "b", "c": 1, "d": "e"}}`))).
			Filter(orm.Q{"value__contained_by": orm.F("raw__x")})
		assertExists(t, "value__contained_by=KeyTransform('x', RawSQL)", qs, true)
	})
}

// Django 3.2: a UUIDField takes '550e8400e29b41d4a716446655440000' (32 hex digits,
// uuid.UUID() of the string) and reads back 550e8400-e29b-41d4-a716-446655440000.
// djorm (every backend): ValidationError `"550e8400e29b41d4a716446655440000" is not
// a valid UUID.` before any SQL. Guess: validUUID in validate.go accepts only the
// canonical 8-4-4-4-12 form, where Python's uuid.UUID strips hyphens and braces.
func TestModelFields_UUID_TestSaveLoad_test_str_instance_no_hyphens(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		uuidRoundTrip(t, db, "550e8400e29b41d4a716446655440000", "550e8400-e29b-41d4-a716-446655440000")
	})
}

// Django 3.2: '550e84-00-e29b-41d4-a716-4-466-55440000' is taken (uuid.UUID()
// drops every hyphen) and reads back 550e8400-e29b-41d4-a716-446655440000. djorm:
// ValidationError "is not a valid UUID." Same cause as test_str_instance_no_hyphens.
func TestModelFields_UUID_TestSaveLoad_test_str_instance_bad_hyphens(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		uuidRoundTrip(t, db, "550e84-00-e29b-41d4-a716-4-466-55440000", "550e8400-e29b-41d4-a716-446655440000")
	})
}

// Django 3.2: setUp creates a row with field='550e8400e29b41d4a716446655440000' and
// filter(field__exact='550e8400e29b41d4a716446655440000') gives it. djorm: the
// setUp's Create is refused ("is not a valid UUID."). Same cause as
// test_str_instance_no_hyphens.
func TestModelFields_UUID_TestQuerying_test_exact(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		objs := uuidQuerySetUp(t, db)
		got, err := orm.Objects[NullableUUIDModel](db).Filter(orm.Q{"field__exact": "550e8400e29b41d4a716446655440000"}).All(ctx)
		must(t, err)
		if g, w := uuidPKs(got), uuidPKs(objs[1:2]); g != w {
			t.Errorf("field__exact: %s, want %s", g, w)
		}
	})
}

// Django 3.2: [objs[2]]. djorm: TestQuerying.setUp's Create of the hyphenless UUID
// is refused ("is not a valid UUID."). Same cause as test_str_instance_no_hyphens.
func TestModelFields_UUID_TestQuerying_test_isnull(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		objs := uuidQuerySetUp(t, db)
		got, err := orm.Objects[NullableUUIDModel](db).Filter(orm.Q{"field__isnull": true}).All(ctx)
		must(t, err)
		if g, w := uuidPKs(got), uuidPKs(objs[2:]); g != w {
			t.Errorf("field__isnull=True: %s, want %s", g, w)
		}
	})
}

// DataModelMaxLength is Django's DataModel.short_data =
// BinaryField(max_length=10).
type DataModelMaxLength struct {
	orm.Model
	ShortData []byte `orm:"max_length=10"`
}

func (DataModelMaxLength) Meta() orm.Meta { return orm.Meta{Table: "model_fields_datamodel_maxlength"} }

// Django 3.2: a BinaryField takes max_length, and full_clean of
// DataModel(short_data=b'\x00\x46\xFE' * 4) (12 bytes) raises ValidationError.
// djorm refuses the model at Register: "max_length applies to string fields
// without type=, not to BinaryField" (registry/build.go).
func TestModelFields_BinaryField_BinaryFieldTests_test_max_length(t *testing.T) {
	if err := orm.Register(&DataModelMaxLength{}); err != nil {
		t.Fatalf("registering BinaryField(max_length=10): %v", err)
	}
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		dm := &DataModelMaxLength{ShortData: bytes.Repeat([]byte{0x00, 0x46, 0xFE}, 4)}
		assertValidationError(t, "full_clean(short_data=12 bytes)", db.Validate(ctx, dm), "short_data")
	})
}
