package registry

// Kind is the database-level type of a field, named after Django's field
// classes. A relation field has the kind of the field it points to.
type Kind uint8

// The field kinds djorm maps Go types onto.
const (
	Invalid  Kind = iota
	String        // CharField: VARCHAR(max_length)
	Text          // TextField
	UUID          // UUIDField, held in Go as a string
	SmallInt      // SmallIntegerField (int16)
	Int           // IntegerField (int32)
	BigInt        // BigIntegerField (int, int64)
	Bool          // BooleanField
	Float         // FloatField (float64)
	Decimal       // DecimalField (shopspring decimal.Decimal)
	Date          // DateField
	DateTime      // DateTimeField
	Time          // TimeField (a time of day on 0000-01-01)
	Duration      // DurationField (time.Duration)
	Bytes         // BinaryField ([]byte)
	JSON          // JSONField (any value encoding/json handles)
	// Array is Django's ArrayField (django.contrib.postgres): a PostgreSQL
	// array column of a custom type (postgres.Array) tagged
	// type=<element>[] ("integer[]", "varchar(20)[]", "date[][]"). Its
	// element type is the field's ArrayType; its canonical value is the
	// array's text form ('{1,2}').
	Array
)

var kindNames = [...]string{
	Invalid: "Invalid", String: "CharField", Text: "TextField", UUID: "UUIDField",
	SmallInt: "SmallIntegerField", Int: "IntegerField", BigInt: "BigIntegerField",
	Bool: "BooleanField", Float: "FloatField", Decimal: "DecimalField", Date: "DateField",
	DateTime: "DateTimeField", Time: "TimeField", Duration: "DurationField", Bytes: "BinaryField",
	JSON: "JSONField", Array: "ArrayField",
}

// String returns Django's field class name for the kind ("CharField").
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Invalid"
}

// KindByName maps a Django field class name ("DecimalField") to its Kind;
// "AutoField" and "BigAutoField" map to the integer kinds.
func KindByName(name string) (Kind, bool) {
	switch name {
	case "AutoField", "PositiveIntegerField":
		return Int, true
	case "BigAutoField", "PositiveBigIntegerField":
		return BigInt, true
	case "SmallAutoField", "PositiveSmallIntegerField":
		return SmallInt, true
	}
	for k, n := range kindNames {
		if n == name && Kind(k) != Invalid {
			return Kind(k), true
		}
	}
	return Invalid, false
}

// KindNames lists the output kinds accepted by KindByName, for error messages.
func KindNames() []string { return append([]string(nil), kindNames[1:]...) }

// IsInteger reports whether values of the kind are integers.
func (k Kind) IsInteger() bool { return k == SmallInt || k == Int || k == BigInt }

// IsNumeric reports whether the kind takes part in arithmetic.
func (k Kind) IsNumeric() bool { return k.IsInteger() || k == Float || k == Decimal }

// IsTemporal reports whether the kind is a date, datetime or time of day.
func (k Kind) IsTemporal() bool { return k == Date || k == DateTime || k == Time }

// IsText reports whether the kind is held as a string.
func (k Kind) IsText() bool { return k == String || k == Text || k == UUID }

// IntRange gives the inclusive range an integer kind's column holds.
func (k Kind) IntRange() (lo, hi int64) {
	switch k {
	case SmallInt:
		return -1 << 15, 1<<15 - 1
	case Int:
		return -1 << 31, 1<<31 - 1
	}
	return -1 << 63, 1<<63 - 1
}
