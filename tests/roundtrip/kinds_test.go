package roundtrip_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/djorm/orm"
	"github.com/shopspring/decimal"
)

// verdict says what a write of a value must do on a backend.
type verdict uint8

const (
	either verdict = iota // refused with a typed error, or stored exactly (the property alone)
	accept                // plainly storable: must be stored and read back
	refuse                // must be refused (before SQL, except for F() arithmetic)
)

func (v verdict) String() string {
	return [...]string{"either (refused with a typed error, or read back identical)", "accept (must be stored and read back identical)", "refuse (must be refused with a typed error)"}[v]
}

// expect is the oracle's answer for one value.
type expect struct {
	v     verdict
	codes []string // refuse: the ValidationError codes that fit; nil means any typed error
	why   string
}

func ok(why string) expect { return expect{v: accept, why: why} }

func no(why string, codes ...string) expect { return expect{v: refuse, codes: codes, why: why} }

// kindSpec describes one field kind: its model, its value generator, its
// oracle and, for numeric kinds, the F() arithmetic applied to it.
type kindSpec struct {
	name   string // Django's field class with options, as a failure names it
	model  string // the Go model type
	run    func(h *harness)
	gen    func(r *rand.Rand, n int) []any // n values of the field's Go type
	extra  func(r *rand.Rand) []any        // literals of other Go types, for Update only
	judge  func(be *backend, col string, lit any) (want any, e expect)
	benign any // a value every backend stores (the other column's value, the rows Update starts from)
	fops   []fop
}

// fop is one F() arithmetic update; eval gives the exact result of the
// arithmetic on the canonical start value x (never nil) and what the write
// must do.
type fop struct {
	name string
	expr func(col string) *orm.Expr
	eval func(be *backend, x any) (want any, e expect)
	// operand says whether the backend can take the expression's literal
	// operand at all (nil: it can); when it cannot, a refusal before SQL is
	// right whatever the row holds, NULL included.
	operand func(be *backend) bool
}

// judge answers for a NULL literal the same way for every kind.
func judgeNil(col string) (any, expect) {
	if col == "n" {
		return nil, ok("NULL in a nullable column")
	}
	return nil, no("NULL in a NOT NULL column", "null")
}

func kinds() []*kindSpec {
	return []*kindSpec{
		strKind("CharField(max_length=20)", "RtStr", 20, func(h *harness) { runKind[RtStr](h) }),
		strKind("TextField", "RtText", 0, func(h *harness) { runKind[RtText](h) }),
		intKind("SmallIntegerField (int16)", "RtI16", math.MinInt16, math.MaxInt16, func(n int64) any { return int16(n) }, func(h *harness) { runKind[RtI16](h) }),
		intKind("IntegerField (int32)", "RtI32", math.MinInt32, math.MaxInt32, func(n int64) any { return int32(n) }, func(h *harness) { runKind[RtI32](h) }),
		intKind("BigIntegerField (int)", "RtInt", math.MinInt64, math.MaxInt64, func(n int64) any { return int(n) }, func(h *harness) { runKind[RtInt](h) }),
		intKind("BigIntegerField (int64)", "RtI64", math.MinInt64, math.MaxInt64, func(n int64) any { return n }, func(h *harness) { runKind[RtI64](h) }),
		boolKind(),
		floatKind(),
		decKind("DecimalField(max_digits=12,decimal_places=4)", "RtDec", 12, 4, func(h *harness) { runKind[RtDec](h) }),
		decKind("DecimalField(max_digits=30,decimal_places=10)", "RtBigDec", 30, 10, func(h *harness) { runKind[RtBigDec](h) }),
		timeKind("DateField (type=date)", "RtDate", judgeDate, func(h *harness) { runKind[RtDate](h) }),
		timeKind("DateTimeField", "RtDateTime", judgeDateTime, func(h *harness) { runKind[RtDateTime](h) }),
		timeKind("TimeField (type=time)", "RtTime", judgeClock, func(h *harness) { runKind[RtTime](h) }),
		durKind(),
		bytesKind(),
	}
}

// ---------------------------------------------------------------- strings

// Invalid UTF-8: overlong forms (of NUL too), surrogates, beyond U+10FFFF,
// stray continuation bytes, truncated sequences.
var invalidUTF8 = []string{"\xff", "\xfe", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xed\xa0\x80", "\xed\xbf\xbf",
	"\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\x80", "\xbf", "\xe2\x82", "\xf0\x9f\x98", "\xf5\x80\x80\x80"}

// randRune draws from pools covering every Unicode plane, combining marks,
// emoji, controls and characters SQL and drivers treat specially.
func randRune(r *rand.Rand) rune {
	switch r.IntN(12) {
	case 0, 1:
		return rune(0x20 + r.IntN(0x5f)) // printable ASCII
	case 2:
		s := []rune{'\'', '"', '\\', '%', '_', '\t', '\n', '\r', 0x01, 0x08, 0x1a, 0x1f, 0x7f, ' ', '`', ';', '?', '$'}
		return s[r.IntN(len(s))]
	case 3:
		return rune(0xa0 + r.IntN(0x60)) // Latin-1
	case 4: // combining marks
		s := [][2]rune{{0x0300, 0x036f}, {0x1ab0, 0x1aff}, {0x20d0, 0x20ff}, {0xfe20, 0xfe2f}, {0x0591, 0x05c7}}
		p := s[r.IntN(len(s))]
		return p[0] + rune(r.IntN(int(p[1]-p[0]+1)))
	case 5: // emoji, skin tones, regional indicators, joiners, selectors
		s := [][2]rune{{0x1f300, 0x1faff}, {0x1f3fb, 0x1f3ff}, {0x1f1e6, 0x1f1ff}, {0x200d, 0x200d}, {0xfe0f, 0xfe0f}, {0x2600, 0x27bf}}
		p := s[r.IntN(len(s))]
		return p[0] + rune(r.IntN(int(p[1]-p[0]+1)))
	case 6: // BMP specials and noncharacters
		s := []rune{0xfeff, 0xfffe, 0xffff, 0xfffd, 0x2028, 0x2029, 0x200b, 0x202e, 0x00ad, 0xfdd0, 0xe000, 0xf8ff, 0x0130, 0x0131, 0x00df, 0x1e9e, 0x03a3}
		return s[r.IntN(len(s))]
	case 7: // the rest of the BMP, surrogates excluded
		for {
			c := rune(0x100 + r.IntN(0xfffe-0x100))
			if c < 0xd800 || c > 0xdfff {
				return c
			}
		}
	default: // any plane, 1..16, and their last code points
		plane := 1 + r.IntN(16)
		if r.IntN(8) == 0 {
			return rune(plane<<16 | 0xfffe + r.IntN(2))
		}
		return rune(plane<<16 | r.IntN(0x10000))
	}
}

func randString(r *rand.Rand, runes int) string {
	var b strings.Builder
	for range runes {
		b.WriteRune(randRune(r))
	}
	return b.String()
}

// withNUL and withInvalid keep the rune count (a NUL replaces one rune; an
// invalid sequence is added between runes).
func withNUL(r *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) == 0 {
		return "\x00"
	}
	rs[r.IntN(len(rs))] = 0
	return string(rs)
}

func withInvalid(r *rand.Rand, s string) string {
	bad := invalidUTF8[r.IntN(len(invalidUTF8))]
	rs := []rune(s)
	i := r.IntN(len(rs) + 1)
	return string(rs[:i]) + bad + string(rs[i:])
}

func strKind(name, model string, maxLen int, run func(*harness)) *kindSpec {
	return &kindSpec{
		name: name, model: model, run: run, benign: "benign",
		gen: func(r *rand.Rand, n int) []any {
			edges := []string{"", " ", "  trailing  ", "a", "NULL", "null", "'", "''", "\\", "\\'", "%_\\%", "\r\n", "\x1a",
				"e\u0301\u0301\u0301\u0301", "👨‍👩‍👧‍👦", "🇫🇷🇩🇪", "👍🏽", "\U0010ffff", "\U000e0001\U000e0041", "\U00020000\U0002a6d6",
				"\U00030000", "\ufeff\ufffe\uffff", "\U0001f600", "İıßẞ", "\x00", "a\x00b", "\x00\x00", "a\xffb", "\xed\xa0\x80",
				"\xc0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}
			if maxLen > 0 {
				for _, w := range []string{"x", "é", "€", "😀", "\U0010fffd"} { // 1, 2, 3, 4 bytes a rune
					edges = append(edges, strings.Repeat(w, maxLen), strings.Repeat(w, maxLen+1), strings.Repeat(w, maxLen-1))
				}
				edges = append(edges, strings.Repeat("e\u0301", maxLen/2), strings.Repeat("e\u0301", maxLen/2)+"x")
			} else {
				edges = append(edges, strings.Repeat("😀", 20000), strings.Repeat("x", 70000), strings.Repeat("é", 40000)+"\x00")
			}
			out := make([]any, 0, n)
			for _, e := range edges {
				out = append(out, e)
			}
			for len(out) < n {
				var runes int
				switch {
				case maxLen == 0:
					runes = int(math.Exp(r.Float64() * 8)) // 1..3000, mostly short
				default:
					switch x := r.IntN(20); {
					case x < 8:
						runes = r.IntN(maxLen + 1)
					case x < 12:
						runes = maxLen
					case x < 15:
						runes = maxLen + 1
					case x < 17:
						runes = maxLen - 1
					default:
						runes = maxLen + 2 + r.IntN(maxLen)
					}
				}
				s := randString(r, runes)
				switch x := r.IntN(100); {
				case x < 6:
					s = withNUL(r, s)
				case x < 12:
					s = withInvalid(r, s)
				case x < 14:
					s = withInvalid(r, withNUL(r, s))
				}
				out = append(out, s)
			}
			return out
		},
		judge: func(be *backend, col string, lit any) (any, expect) {
			if lit == nil {
				return judgeNil(col)
			}
			s := lit.(string)
			var codes []string
			if !utf8.ValidString(s) {
				codes = append(codes, "invalid_utf8")
			}
			if strings.IndexByte(s, 0) >= 0 {
				codes = append(codes, "null_characters_not_allowed")
			}
			if n := utf8.RuneCountInString(s); maxLen > 0 && n > maxLen {
				codes = append(codes, "max_length")
			}
			if codes != nil {
				return nil, no("invalid: "+strings.Join(codes, ", "), codes...)
			}
			return s, ok("valid UTF-8 without NUL within max_length")
		},
	}
}

// ---------------------------------------------------------------- integers

var twoTo63 = math.Ldexp(1, 63)

func intKind(name, model string, lo, hi int64, typed func(int64) any, run func(*harness)) *kindSpec {
	inRange := func(n *big.Int) bool { return n.Cmp(big.NewInt(lo)) >= 0 && n.Cmp(big.NewInt(hi)) <= 0 }
	judge := func(be *backend, col string, lit any) (any, expect) {
		if lit == nil {
			return judgeNil(col)
		}
		var n *big.Int
		switch x := lit.(type) {
		case int16, int32, int, int64:
			n = big.NewInt(reflect.ValueOf(x).Int())
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) || x != math.Trunc(x) {
				return nil, no("not an integer", "invalid")
			}
			n, _ = big.NewFloat(x).Int(nil)
		default:
			panic(fmt.Sprintf("no oracle for %T in %s", lit, name))
		}
		if !inRange(n) {
			return nil, no(fmt.Sprintf("%s is outside [%d, %d]", n, lo, hi), "out_of_range", "invalid")
		}
		return n.Int64(), ok(fmt.Sprintf("within [%d, %d]", lo, hi))
	}
	arith := func(name string, expr func(string) *orm.Expr, f func(x *big.Int) *big.Int) fop {
		return fop{name: name, expr: expr, eval: func(be *backend, x any) (any, expect) {
			res := f(big.NewInt(x.(int64)))
			if !inRange(res) {
				return nil, no(fmt.Sprintf("the result %s is outside [%d, %d]: a typed error (IntegrityError, DataError or ValidationError) and the old value kept", res, lo, hi))
			}
			return res.Int64(), ok(fmt.Sprintf("the result %s is within range", res))
		}}
	}
	return &kindSpec{
		name: name, model: model, run: run, benign: typed(7), judge: judge,
		gen: func(r *rand.Rand, n int) []any {
			cands := []int64{0, 1, -1, 2, -2, 127, -128, 255, 256, math.MaxInt16, math.MinInt16, math.MaxInt16 + 1, math.MinInt16 - 1,
				math.MaxInt16 - 1, math.MinInt16 + 1, 65535, math.MaxInt32, math.MinInt32, math.MaxInt32 - 1, math.MinInt32 + 1,
				math.MaxInt32 + 1, math.MinInt32 - 1, 1 << 32, 1 << 53, 1<<53 + 1, -(1 << 53) - 1, 1 << 62, math.MaxInt64,
				math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1, 1e15, 1e18}
			var edges []int64
			for _, c := range cands {
				if c >= lo && c <= hi {
					edges = append(edges, c)
				}
			}
			out := make([]any, 0, n)
			for _, e := range edges {
				out = append(out, typed(e))
			}
			for len(out) < n {
				var v int64
				switch r.IntN(3) {
				case 0: // near an edge
					e := edges[r.IntN(len(edges))]
					d := int64(r.IntN(5)) - 2
					if (d > 0 && e > hi-d) || (d < 0 && e < lo-d) {
						d = 0
					}
					v = e + d
				case 1: // uniform over the range
					if hi-lo < 0 || hi == math.MaxInt64 {
						v = int64(r.Uint64())
					} else {
						v = lo + r.Int64N(hi-lo+1)
					}
				default:
					v = r.Int64N(2001) - 1000
				}
				out = append(out, typed(v))
			}
			return out
		},
		extra: func(r *rand.Rand) []any {
			out := []any{int64(math.MaxInt64), int64(math.MinInt64), 0.0, math.Copysign(0, -1), 1.5, -0.5, math.NaN(),
				math.Inf(1), math.Inf(-1), 1e300, twoTo63, -twoTo63, math.Nextafter(twoTo63, 0), math.Ldexp(1, 53),
				math.Ldexp(1, 53) + 2, float64(hi), float64(lo)}
			if hi < math.MaxInt64 {
				out = append(out, hi+1, lo-1, float64(hi)+1, float64(lo)-1, hi+1+r.Int64N(1<<40), lo-1-r.Int64N(1<<40), int64(hi))
			}
			return out
		},
		fops: []fop{
			arith("F(col).Add(1)", func(c string) *orm.Expr { return orm.F(c).Add(1) }, func(x *big.Int) *big.Int { return x.Add(x, big.NewInt(1)) }),
			arith("F(col).Sub(1)", func(c string) *orm.Expr { return orm.F(c).Sub(1) }, func(x *big.Int) *big.Int { return x.Sub(x, big.NewInt(1)) }),
			arith("F(col).Mul(1000)", func(c string) *orm.Expr { return orm.F(c).Mul(1000) }, func(x *big.Int) *big.Int { return x.Mul(x, big.NewInt(1000)) }),
			arith("F(col).Mul(-1)", func(c string) *orm.Expr { return orm.F(c).Mul(-1) }, func(x *big.Int) *big.Int { return x.Neg(x) }),
			arith("F(col).Add(F(col))", func(c string) *orm.Expr { return orm.F(c).Add(orm.F(c)) }, func(x *big.Int) *big.Int { return x.Add(x, x) }),
			arith("F(col).Neg()", func(c string) *orm.Expr { return orm.F(c).Neg() }, func(x *big.Int) *big.Int { return x.Neg(x) }),
			// An integer field times a float has no integer kind: djorm
			// refuses it before SQL whatever the row holds, as Django does
			// without an output_field (the backends would each round it
			// their own way).
			{name: "F(col).Mul(1.5)", expr: func(c string) *orm.Expr { return orm.F(c).Mul(1.5) },
				operand: func(*backend) bool { return false },
				eval: func(*backend, any) (any, expect) {
					return nil, no("an integer field times a float is refused without an integer output kind, as Django refuses it")
				}},
		},
	}
}

// ---------------------------------------------------------------- bool

func boolKind() *kindSpec {
	return &kindSpec{
		name: "BooleanField", model: "RtBool", run: func(h *harness) { runKind[RtBool](h) }, benign: true,
		gen: func(r *rand.Rand, n int) []any {
			out := []any{true, false}
			for len(out) < n {
				out = append(out, r.IntN(2) == 0)
			}
			return out
		},
		// Django's BooleanField.to_python takes 0 and 1 and refuses other numbers.
		extra: func(*rand.Rand) []any { return []any{int64(0), int64(1), int64(2), int64(-1)} },
		judge: func(be *backend, col string, lit any) (any, expect) {
			switch x := lit.(type) {
			case nil:
				return judgeNil(col)
			case bool:
				return x, ok("a bool")
			case int64:
				if x == 0 || x == 1 {
					return x == 1, ok("0 and 1 are false and true (Django's to_python)")
				}
				return nil, no("Django's BooleanField refuses numbers other than 0 and 1", "invalid")
			}
			panic(fmt.Sprintf("no oracle for %T", lit))
		},
	}
}

// ---------------------------------------------------------------- float64

func floatKind() *kindSpec {
	nan2 := math.Float64frombits(0x7ff8000000000001)
	negNaN := math.Float64frombits(0xfff8000000000000)
	arith := func(name string, expr func(string) *orm.Expr, f func(x float64) float64) fop {
		return fop{name: name, expr: expr, eval: func(be *backend, xv any) (any, expect) {
			x := xv.(float64)
			res := f(x)
			switch {
			case math.IsNaN(x) || math.IsNaN(res):
				return res, expect{v: either, why: "the result is NaN: a typed error with the old value kept, or NaN stored (never NULL)"}
			case math.IsInf(res, 0) && !math.IsInf(x, 0):
				return res, expect{v: either, why: "the result overflows to ±Inf: a typed error with the old value kept, or ±Inf stored"}
			case res == 0 && x != 0:
				return res, expect{v: either, why: "the result underflows to 0: a typed error with the old value kept, or 0 stored"}
			}
			return res, ok("IEEE arithmetic with a finite result (or Inf from Inf)")
		}}
	}
	return &kindSpec{
		name: "FloatField", model: "RtFloat", run: func(h *harness) { runKind[RtFloat](h) }, benign: 0.25,
		gen: func(r *rand.Rand, n int) []any {
			edges := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64,
				math.Float64frombits(0x000fffffffffffff), 0x1p-1022, math.MaxFloat64, -math.MaxFloat64, math.NaN(), nan2, negNaN,
				math.Inf(1), math.Inf(-1), twoTo63, -twoTo63, math.Ldexp(1, 53), math.Ldexp(1, 53) + 2, math.Nextafter(1, 2),
				1e-300, 1e300, 123456789.12345679, float64(math.MaxInt64), 5e-324 * 3, math.Pi, 1e15 + 0.3, 9007199254740993}
			out := make([]any, 0, n)
			for _, e := range edges {
				out = append(out, e)
			}
			for len(out) < n {
				var f float64
				switch r.IntN(6) {
				case 0:
					f = math.Float64frombits(r.Uint64()) // anything, NaN payloads included
				case 1:
					f = r.NormFloat64() * math.Pow(10, float64(r.IntN(61)-30))
				case 2:
					f = edges[r.IntN(len(edges))]
					if !math.IsNaN(f) && !math.IsInf(f, 0) {
						for range r.IntN(3) {
							f = math.Nextafter(f, math.Inf(2*r.IntN(2)-1))
						}
					}
				case 3: // subnormal
					f = math.Float64frombits(r.Uint64()&(1<<52-1) | uint64(r.IntN(2))<<63)
				case 4:
					f = float64(r.Int64N(1<<54) - 1<<53)
				default:
					f = math.Ldexp(r.Float64(), r.IntN(2098)-1074)
				}
				out = append(out, f)
			}
			return out
		},
		judge: func(be *backend, col string, lit any) (any, expect) {
			if lit == nil {
				return judgeNil(col)
			}
			x := lit.(float64)
			switch {
			case math.IsNaN(x) && !be.feat.FloatNaN:
				return nil, no(be.name+" cannot store NaN (Features.FloatNaN): refuse before SQL", "invalid")
			case math.IsNaN(x):
				return x, ok(be.name + " stores NaN (Features.FloatNaN): read back NaN, never NULL or 0")
			case math.IsInf(x, 0) && !be.feat.FloatInf:
				return nil, no(be.name+" cannot store ±Inf (Features.FloatInf): refuse before SQL", "invalid")
			}
			return x, ok("a float64 the column stores bit for bit")
		},
		fops: []fop{
			arith("F(col).Add(1)", func(c string) *orm.Expr { return orm.F(c).Add(1) }, func(x float64) float64 { return x + 1 }),
			arith("F(col).Mul(2)", func(c string) *orm.Expr { return orm.F(c).Mul(2) }, func(x float64) float64 { return x * 2 }),
			arith("F(col).Mul(-1)", func(c string) *orm.Expr { return orm.F(c).Mul(-1) }, func(x float64) float64 { return x * -1 }),
			arith("F(col).Div(3)", func(c string) *orm.Expr { return orm.F(c).Div(3) }, func(x float64) float64 { return x / 3 }),
			arith("F(col).Sub(0.5)", func(c string) *orm.Expr { return orm.F(c).Sub(0.5) }, func(x float64) float64 { return x - 0.5 }),
			arith("F(col).Add(F(col))", func(c string) *orm.Expr { return orm.F(c).Add(orm.F(c)) }, func(x float64) float64 { return x + x }),
			arith("F(col).Sub(F(col))", func(c string) *orm.Expr { return orm.F(c).Sub(orm.F(c)) }, func(x float64) float64 { return x - x }),
			func() fop {
				op := arith("F(col).Mul(math.Inf(1))", func(c string) *orm.Expr { return orm.F(c).Mul(math.Inf(1)) }, func(x float64) float64 { return x * math.Inf(1) })
				op.operand = func(be *backend) bool { return be.feat.FloatInf }
				return op
			}(),
		},
	}
}

// ---------------------------------------------------------------- decimals

// djangoDecimalCodes applies Django's DecimalValidator (and djorm's refusal
// of places beyond the column's) and returns every code that applies.
func djangoDecimalCodes(d decimal.Decimal, maxDigits, places int) []string {
	coef := new(big.Int).Abs(d.Coefficient()).String()
	exp := int(d.Exponent())
	var digits, decimals int
	if exp >= 0 {
		digits = len(coef)
		if coef != "0" {
			digits += exp
		}
	} else {
		decimals = -exp
		digits = max(len(coef), decimals)
	}
	var codes []string
	if digits > maxDigits {
		codes = append(codes, "max_digits")
	}
	if decimals > places {
		codes = append(codes, "max_decimal_places")
	}
	if digits-decimals > maxDigits-places {
		codes = append(codes, "max_whole_digits")
	}
	return codes
}

// significant counts the digits of d's coefficient without trailing zeros.
func significant(d decimal.Decimal) int {
	s := strings.TrimRight(new(big.Int).Abs(d.Coefficient()).String(), "0")
	return max(len(s), 1)
}

func randDecimal(r *rand.Rand, digits, scale int) decimal.Decimal {
	var b strings.Builder
	if r.IntN(3) == 0 {
		b.WriteByte('-')
	}
	for i := range digits {
		c := byte('0' + r.IntN(10))
		if i == 0 && c == '0' && digits > 1 {
			c = '1'
		}
		b.WriteByte(c)
	}
	coef, _ := new(big.Int).SetString(b.String(), 10)
	return decimal.NewFromBigInt(coef, int32(-scale))
}

func decKind(name, model string, maxDigits, places int, run func(*harness)) *kindSpec {
	judgeDec := func(be *backend, d decimal.Decimal) (any, expect) {
		if codes := djangoDecimalCodes(d, maxDigits, places); codes != nil {
			return nil, no("Django's DecimalValidator: "+strings.Join(codes, ", "), codes...)
		}
		if be.name == "sqlite" && significant(d) > 15 {
			return d, expect{v: either, why: "more than 15 significant digits on SQLite (64-bit floats): a ValidationError before SQL, or the exact value (never a rounded one)"}
		}
		return d, ok(fmt.Sprintf("fits max_digits=%d, decimal_places=%d", maxDigits, places))
	}
	arith := func(name string, expr func(string) *orm.Expr, f func(x decimal.Decimal) decimal.Decimal) fop {
		return fop{name: name, expr: expr, eval: func(be *backend, x any) (any, expect) {
			res := f(x.(decimal.Decimal))
			if be.name == "sqlite" && significant(res) > 15 {
				// Documented (README): SQLite computes decimals in 64-bit
				// floats, so a result the database computes keeps 15
				// significant digits, as with Django.
				return res.Round(int32(15 - res.NumDigits() - int(res.Exponent()))), expect{v: either,
					why: "a result of more than 15 significant digits computed by SQLite is rounded to 15 (documented), or refused"}
			}
			want, e := judgeDec(be, res)
			if e.v == refuse {
				return res, expect{v: either, why: "the result " + res.String() + " does not fit the column (" + e.why + "): a typed error with the old value kept, or the exact result"}
			}
			return want, e
		}}
	}
	pow := func(n int) decimal.Decimal { return decimal.New(1, int32(n)) }
	one := decimal.NewFromInt(1)
	return &kindSpec{
		name: name, model: model, run: run, benign: decimal.RequireFromString("1.5"),
		judge: func(be *backend, col string, lit any) (any, expect) {
			if lit == nil {
				return judgeNil(col)
			}
			return judgeDec(be, lit.(decimal.Decimal))
		},
		gen: func(r *rand.Rand, n int) []any {
			top := pow(maxDigits - places).Sub(pow(-places)) // 99999999.9999
			edges := []decimal.Decimal{decimal.Zero, top, top.Neg(), pow(-places), pow(-places).Neg(),
				one.Sub(pow(-places)), one.Sub(pow(-places)).Neg(), // ±0.9999: F() ± 1 cancels to 0.0001
				pow(maxDigits - places),
				pow(maxDigits - places).Neg(), pow(maxDigits - places + 1).Sub(pow(-places - 1)), // one digit too many
				decimal.New(123456789, -int32(places+1)), // too many places
				decimal.NewFromBigInt(new(big.Int).Mul(big.NewInt(15), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)), int32(-places-1)), // 1.5 with trailing zeros: 1.50000
				decimal.New(15, int32(-places-1)),         // 0.00015
				decimal.New(1, int32(maxDigits-places-1)), // positive exponent, fits
				decimal.New(1, int32(maxDigits-places)),   // positive exponent, one digit too many
				decimal.New(0, 3), decimal.New(0, int32(-places)), decimal.New(0, int32(-places-2)),
				decimal.RequireFromString("0.1"), decimal.RequireFromString("-0.5"),
				decimal.RequireFromString("123456789012345"), decimal.RequireFromString("1234567890.12345"),
				decimal.RequireFromString("1234567890123456"), decimal.RequireFromString("12345678901234567"),
				decimal.RequireFromString("9007199254740993"), decimal.RequireFromString("0.30000000000000004"),
				decimal.RequireFromString("100000000000000000000"), one.Div(decimal.NewFromInt(3)).Truncate(int32(places))}
			out := make([]any, 0, n)
			for _, e := range edges {
				out = append(out, e)
			}
			for len(out) < n {
				var d decimal.Decimal
				switch x := r.IntN(10); {
				case x < 5: // fits
					scale := r.IntN(places + 1)
					d = randDecimal(r, 1+r.IntN(maxDigits-places+scale), scale)
				case x < 7: // at max_digits exactly
					d = randDecimal(r, maxDigits, places)
				case x < 8: // anything up to two digits and places beyond
					scale := r.IntN(places + 3)
					d = randDecimal(r, 1+r.IntN(maxDigits+2), scale)
				default: // 14..17 significant digits, within the column when it allows
					sig := 14 + r.IntN(4)
					scale := min(places, r.IntN(sig))
					if sig-scale > maxDigits-places {
						scale = places
						sig = min(sig, maxDigits)
					}
					d = randDecimal(r, sig, scale)
				}
				out = append(out, d)
			}
			return out
		},
		fops: []fop{
			arith("F(col).Add(1)", func(c string) *orm.Expr { return orm.F(c).Add(1) }, func(x decimal.Decimal) decimal.Decimal { return x.Add(one) }),
			arith("F(col).Sub(1)", func(c string) *orm.Expr { return orm.F(c).Sub(1) }, func(x decimal.Decimal) decimal.Decimal { return x.Sub(one) }),
			arith("F(col).Mul(10)", func(c string) *orm.Expr { return orm.F(c).Mul(10) }, func(x decimal.Decimal) decimal.Decimal { return x.Mul(decimal.NewFromInt(10)) }),
			arith("F(col).Mul(-1)", func(c string) *orm.Expr { return orm.F(c).Mul(-1) }, func(x decimal.Decimal) decimal.Decimal { return x.Neg() }),
			arith("F(col).Add(F(col))", func(c string) *orm.Expr { return orm.F(c).Add(orm.F(c)) }, func(x decimal.Decimal) decimal.Decimal { return x.Add(x) }),
		},
	}
}

// ---------------------------------------------------------------- times

var zones = func() []*time.Location {
	out := []*time.Location{time.UTC, time.FixedZone("+14:00", 14*3600), time.FixedZone("-12:00", -12*3600),
		time.FixedZone("+05:45", 5*3600+45*60), time.FixedZone("-00:30", -30*60), time.FixedZone("LMT-04:56:02", -(4*3600 + 56*60 + 2))}
	for _, name := range []string{"America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Kiritimati", "Europe/Dublin", "America/St_Johns", "Asia/Kathmandu"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		out = append(out, loc)
	}
	return out
}()

func zone(name string) *time.Location {
	for _, z := range zones {
		if z.String() == name {
			return z
		}
	}
	panic(name)
}

var (
	minUnix = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	maxUnix = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

func timeEdges() []time.Time {
	d, utc, ny := time.Date, time.UTC, zone("America/New_York")
	m5, p1, p14 := time.FixedZone("-05:00", -5*3600), time.FixedZone("+01:00", 3600), zone("+14:00")
	return []time.Time{
		{}, d(1, 1, 1, 0, 0, 0, 0, utc), d(1, 1, 1, 0, 0, 0, 1000, utc), d(1, 1, 1, 0, 0, 0, 1, utc),
		d(1, 1, 1, 0, 30, 0, 0, p1), // UTC year 0
		d(1, 1, 1, 23, 0, 0, 0, m5), // UTC 0001-01-02 04:00
		d(1, 1, 2, 0, 0, 0, 0, p14), // UTC 0001-01-01 10:00
		d(1, 1, 1, 5, 0, 0, 0, p14), // UTC year 0
		d(1, 1, 1, 0, 0, 0, 0, ny),  // LMT
		d(9999, 12, 31, 23, 59, 59, 999999999, utc), d(9999, 12, 31, 23, 59, 59, 999999000, utc),
		d(9999, 12, 31, 20, 0, 0, 0, m5),                            // UTC year 10000
		d(9999, 12, 31, 18, 59, 59, 999999999, m5),                  // UTC 9999-12-31 23:59:59.999999999
		d(9999, 12, 31, 23, 59, 59, 0, zone("+14:00")),              // UTC 9999-12-31 09:59:59
		d(10000, 1, 1, 0, 30, 0, 0, p1),                             // local year 10000, UTC 9999-12-31 23:30
		d(0, 12, 31, 23, 30, 0, 0, time.FixedZone("-01:00", -3600)), // local year 0, UTC 0001-01-01 00:30
		d(10000, 1, 1, 0, 0, 0, 0, utc), d(0, 12, 31, 23, 59, 59, 0, utc), d(-1, 6, 1, 0, 0, 0, 0, utc), d(0, 1, 1, 0, 0, 0, 0, utc),
		d(1970, 1, 1, 0, 0, 0, 0, utc), d(1969, 12, 31, 23, 59, 59, 999999999, utc), d(1970, 1, 1, 0, 0, 0, 1, utc),
		d(1969, 12, 31, 23, 59, 59, 999999500, utc),
		d(2024, 3, 10, 1, 59, 59, 999999999, ny), d(2024, 3, 10, 3, 0, 0, 0, ny), d(2024, 3, 10, 2, 30, 0, 0, ny),
		time.Unix(1730611800, 0).In(ny), time.Unix(1730615400, 0).In(ny), // 01:30 EDT and 01:30 EST
		d(2023, 12, 31, 23, 59, 59, 999999900, utc), d(2023, 12, 31, 23, 59, 59, 999999900, m5), d(2023, 12, 31, 23, 59, 59, 999999999, p14),
		d(2000, 2, 29, 12, 0, 0, 0, utc), d(1900, 2, 28, 23, 59, 59, 0, utc), d(2400, 2, 29, 0, 0, 0, 0, utc), d(1582, 10, 10, 12, 0, 0, 0, utc),
		d(2038, 1, 19, 3, 14, 8, 0, utc), d(1901, 12, 13, 20, 45, 52, 0, utc), d(2024, 6, 30, 23, 59, 59, 999999999, zone("Asia/Kathmandu")),
	}
}

func randNanos(r *rand.Rand) int {
	switch r.IntN(5) {
	case 0, 1:
		return 0
	case 2:
		return r.IntN(1000000) * 1000
	}
	return r.IntN(1000000000)
}

func randTime(r *rand.Rand) time.Time {
	loc := zones[r.IntN(len(zones))]
	switch r.IntN(6) {
	case 0: // anywhere from year 1 to 10000, a day beyond each end
		return time.Unix(minUnix-86400+r.Int64N(maxUnix-minUnix+2*86400), int64(randNanos(r))).In(loc)
	case 1: // 1900..2100
		lo := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		return time.Unix(lo+r.Int64N(200*365*86400), int64(randNanos(r))).In(loc)
	case 2: // around a daylight saving change
		dst := []string{"America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Europe/Dublin", "America/St_Johns"}
		z := zone(dst[r.IntN(len(dst))])
		t := time.Date(1970+r.IntN(70), time.Month(1+r.IntN(12)), 1+r.IntN(28), 12, 0, 0, 0, z)
		_, end := t.ZoneBounds()
		if end.IsZero() {
			end = t
		}
		return end.Add(time.Duration(r.Int64N(4*3600)-2*3600) * time.Second).Add(time.Duration(randNanos(r)))
	case 3: // near year 1 and year 9999
		if r.IntN(2) == 0 {
			return time.Date(1, 1, 1+r.IntN(2), r.IntN(24), r.IntN(60), r.IntN(60), randNanos(r), loc)
		}
		return time.Date(9999, 12, 30+r.IntN(2), r.IntN(24), r.IntN(60), r.IntN(60), randNanos(r), loc)
	case 4: // the last microsecond of a day
		return time.Date(1900+r.IntN(200), time.Month(1+r.IntN(12)), 1+r.IntN(28), 23, 59, 59, 999999000+r.IntN(1000), loc)
	}
	return time.Date(1+r.IntN(9999), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), r.IntN(60), randNanos(r), loc)
}

func timeKind(name, model string, judge func(col string, t time.Time) (any, expect), run func(*harness)) *kindSpec {
	return &kindSpec{
		name: name, model: model, run: run, benign: time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC),
		gen: func(r *rand.Rand, n int) []any {
			out := make([]any, 0, n)
			for _, e := range timeEdges() {
				out = append(out, e)
			}
			for len(out) < n {
				out = append(out, randTime(r))
			}
			return out
		},
		judge: func(be *backend, col string, lit any) (any, expect) {
			if lit == nil {
				return judgeNil(col)
			}
			t := lit.(time.Time)
			if t.IsZero() && col == "v" {
				return nil, no("the zero time.Time in a NOT NULL field", "null")
			}
			return judge(col, t)
		},
	}
}

// judgeDate: a date keeps the value's own calendar date, at midnight UTC.
func judgeDate(col string, t time.Time) (any, expect) {
	y, m, d := t.Date()
	if y < 1 || y > 9999 {
		return nil, no(fmt.Sprintf("the date's year %d is outside 1..9999", y), "out_of_range")
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), ok("its own calendar date, at midnight UTC")
}

// judgeDateTime: an instant, truncated to microseconds; its UTC year counts.
func judgeDateTime(col string, t time.Time) (any, expect) {
	u := t.UTC()
	if y := u.Year(); y < 1 || y > 9999 {
		return nil, no(fmt.Sprintf("the UTC year %d is outside 1..9999", y), "out_of_range")
	}
	return u.Truncate(time.Microsecond), ok("the instant truncated to microseconds")
}

// judgeClock: the time of day in the value's own zone, truncated to
// microseconds (23:59:59.9999999 stays on the same day), on 0000-01-01 UTC.
func judgeClock(col string, t time.Time) (any, expect) {
	h, m, s := t.Clock()
	return time.Date(0, 1, 1, h, m, s, t.Nanosecond()/1000*1000, time.UTC), ok("its own time of day truncated to microseconds")
}

// ---------------------------------------------------------------- durations

func durKind() *kindSpec {
	return &kindSpec{
		name: "DurationField", model: "RtDur", run: func(h *harness) { runKind[RtDur](h) }, benign: 90 * time.Minute,
		gen: func(r *rand.Rand, n int) []any {
			edges := []time.Duration{0, 1, -1, 999, 1000, -1000, -1500, 1500, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1,
				math.MinInt64 + 1, math.MaxInt64 / 1000 * 1000, math.MinInt64 / 1000 * 1000, 24 * time.Hour, -24 * time.Hour,
				24*time.Hour - time.Microsecond, time.Hour, 30 * 24 * time.Hour, 365 * 24 * time.Hour, 876000 * time.Hour,
				-876000 * time.Hour, time.Second + 999999999, -(time.Second + 999999999), 2562047 * time.Hour}
			out := make([]any, 0, n)
			for _, e := range edges {
				out = append(out, e)
			}
			for len(out) < n {
				var d time.Duration
				switch r.IntN(4) {
				case 0:
					d = time.Duration(r.Uint64())
				case 1:
					d = time.Duration(r.Int64N(1<<50)-1<<49) * time.Microsecond / 1000 * 1000
				case 2:
					d = time.Duration(r.Int64N(2e12) - 1e12)
				default:
					d = time.Duration(r.Int64N(200)-100)*24*time.Hour + time.Duration(r.Int64N(86400e9))
				}
				out = append(out, d)
			}
			return out
		},
		judge: func(be *backend, col string, lit any) (any, expect) {
			if lit == nil {
				return judgeNil(col)
			}
			d := lit.(time.Duration)
			return time.Duration(d.Microseconds()) * time.Microsecond, ok("truncated toward zero to microseconds (Django's DurationField)")
		},
	}
}

// ---------------------------------------------------------------- bytes

func bytesKind() *kindSpec {
	return &kindSpec{
		name: "BinaryField", model: "RtBytes", run: func(h *harness) { runKind[RtBytes](h) }, benign: []byte("benign"),
		gen: func(r *rand.Rand, n int) []any {
			all := make([]byte, 256)
			for i := range all {
				all[i] = byte(i)
			}
			big := make([]byte, 100000)
			for i := range big {
				big[i] = byte(r.Uint32())
			}
			edges := [][]byte{nil, {}, {0}, {0, 0, 0}, all, []byte("\xff\xfe"), []byte(`\x41`), []byte("'\\\""), []byte("\xed\xa0\x80"), big}
			out := make([]any, 0, n)
			for _, e := range edges {
				out = append(out, e)
			}
			for len(out) < n {
				b := make([]byte, int(math.Exp(r.Float64()*6))-1)
				for i := range b {
					b[i] = byte(r.Uint32())
				}
				out = append(out, b)
			}
			return out
		},
		judge: func(be *backend, col string, lit any) (any, expect) {
			if lit == nil {
				return judgeNil(col)
			}
			b := lit.([]byte)
			if b == nil {
				b = []byte{}
			}
			return b, ok("bytes")
		},
	}
}
