// Package arena formats the text of bound arguments (dates, times,
// decimals) into a few growing buffers per statement, and boxes it without
// one allocation per value. It is the only place where djorm forges
// interface values; djorm's own dialects bind through it (Binder), any
// other dialect through its plain Bind.
package arena

import (
	"strconv"
	"time"
	"unsafe"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm/registry"
)

// Binder is the fast binding djorm's own dialects offer besides
// dialects.Dialect's Bind: text formatted into an Arena, times and
// decimals bound without being boxed first. A dialect without it is bound
// through its plain Bind (see BinderOf).
type Binder interface {
	BindInto(a *Arena, v any, k registry.Kind) (any, error)
	BindTime(a *Arena, t time.Time, k registry.Kind) any
	BindDecimal(a *Arena, d decimal.Decimal) any
}

// Plain is the binding every dialect has: dialects.Dialect's Bind.
type Plain interface {
	Bind(v any, k registry.Kind) (any, error)
}

// BinderOf returns d's fast binding, or one made of its plain Bind.
func BinderOf(d Plain) Binder {
	if b, ok := d.(Binder); ok {
		return b
	}
	return plainBinder{d}
}

type plainBinder struct{ d Plain }

func (p plainBinder) BindInto(_ *Arena, v any, k registry.Kind) (any, error) { return p.d.Bind(v, k) }

func (p plainBinder) BindTime(_ *Arena, t time.Time, k registry.Kind) any {
	v, err := p.d.Bind(t, k)
	if err != nil {
		return t
	}
	return v
}

func (p plainBinder) BindDecimal(_ *Arena, d decimal.Decimal) any {
	v, err := p.d.Bind(d, registry.Decimal)
	if err != nil {
		return d.String()
	}
	return v
}

// Arena holds the text of the arguments a dialect formats (decimals, dates
// and times on backends without those types) for one statement, so that a
// multi-row INSERT allocates a few growing buffers instead of one string
// per value. The strings it hands out stay valid as long as anything
// refers to them: bytes once written are never overwritten, growth moves on
// to a new buffer. An Arena serves one statement (or the batches of one
// bulk insert) and is never reset.
// A nil *Arena formats each value into its own allocation.
type Arena struct {
	buf  []byte
	strs []string // the headers of boxed strings (see Box)
}

// TextWidth is about the most text a row of fields takes where decimals and
// temporal values are sent as text: what to Grow an Arena by per row.
func TextWidth(fields []*registry.Field) int {
	n := 0
	for _, f := range fields {
		switch f.Kind {
		case registry.DateTime:
			n += 26 // "2006-01-02 15:04:05.000000"
		case registry.Time:
			n += 15
		case registry.Date, registry.Decimal:
			n += 10
		}
	}
	return n
}

// Grow makes room for n more bytes of text.
func (a *Arena) Grow(n int) {
	if a != nil && cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, n)
	}
}

// tail is where the next text is appended.
func (a *Arena) tail() []byte {
	if a == nil {
		return make([]byte, 0, 32) // one allocation for any date or time
	}
	if cap(a.buf)-len(a.buf) < 32 {
		// Room for any date or time without regrowing; text already
		// handed out keeps the old buffer.
		a.buf = make([]byte, 0, max(64, 2*cap(a.buf)))
	}
	return a.buf[len(a.buf):]
}

// keep claims b, just appended to tail(), and returns it as a string that
// shares its bytes.
func (a *Arena) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if a != nil {
		if free := a.buf[len(a.buf):cap(a.buf)]; len(free) > 0 && &free[0] == &b[0] {
			a.buf = a.buf[:len(a.buf)+len(b)]
		} else {
			a.buf = b // outgrew the old buffer: later text goes after b
		}
	}
	return unsafe.String(&b[0], len(b))
}

// Box returns s in an interface value whose string header is kept in the
// arena: a bulk insert boxes thousands of formatted values, and this makes
// that one allocation per few hundred instead of one each. The interface is
// the one any(s) gives (same type, same string); only where its header
// lives differs, and nothing ever writes to a boxed value.
func (a *Arena) Box(s string) any {
	if a == nil {
		return s
	}
	if len(a.strs) == cap(a.strs) {
		// A new block; values boxed earlier keep the old one alive.
		a.strs = make([]string, 0, min(max(8, 2*cap(a.strs)), 4096))
	}
	a.strs = append(a.strs, s)
	var v any
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = stringType, unsafe.Pointer(&a.strs[len(a.strs)-1])
	return v
}

// eface is the layout of an interface value without methods.
type eface struct{ typ, data unsafe.Pointer }

// stringType is the type word of an any holding a string.
var stringType = func() unsafe.Pointer {
	var v any = ""
	return (*eface)(unsafe.Pointer(&v)).typ
}()

// Date returns the date part of t as text ("2006-01-02").
func (a *Arena) Date(t time.Time) string { return a.keep(AppendDate(a.tail(), t)) }

// DateTime returns t in UTC as "2006-01-02 15:04:05[.ffffff]".
func (a *Arena) DateTime(t time.Time) string { return a.keep(AppendDateTime(a.tail(), t)) }

// Clock returns the time of day of t as "15:04:05[.ffffff]".
func (a *Arena) Clock(t time.Time) string { return a.keep(AppendClock(a.tail(), t)) }

// Decimal returns d as decimal.Decimal.String() writes it.
func (a *Arena) Decimal(d decimal.Decimal) string { return a.keep(AppendDecimal(a.tail(), d)) }

// AppendDate appends the date part of t ("2006-01-02"); years outside
// 0..9999 take time's own formatting.
func AppendDate(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, "2006-01-02")
	}
	b = appendDigits(b, y, 4)
	b = appendDigits(append(b, '-'), int(m), 2)
	return appendDigits(append(b, '-'), d, 2)
}

// AppendDateTime appends t in UTC as "2006-01-02 15:04:05", with
// ".ffffff" (microseconds, truncated) when t has a fraction of a second.
func AppendDateTime(b []byte, t time.Time) []byte {
	sec := t.Unix()
	if sec < minDateTime || sec > maxDateTime {
		t = t.UTC()
		return AppendClock(append(AppendDate(b, t), ' '), t)
	}
	// One split of the Unix time instead of time's Date and Clock, which
	// each convert it again.
	days, rem := sec/86400, int(sec%86400)
	if rem < 0 {
		days, rem = days-1, rem+86400
	}
	y, m, d := civil(days)
	b = appendDigits(b, y, 4)
	b = appendDigits(append(b, '-'), m, 2)
	b = appendDigits(append(b, '-'), d, 2)
	b = appendDigits(append(b, ' '), rem/3600, 2)
	b = appendDigits(append(b, ':'), rem/60%60, 2)
	b = appendDigits(append(b, ':'), rem%60, 2)
	if ns := t.Nanosecond(); ns != 0 {
		b = appendDigits(append(b, '.'), ns/1000, 6)
	}
	return b
}

// The Unix times of 0001-01-01 00:00:00 and 9999-12-31 23:59:59 UTC.
const (
	minDateTime = -62135596800
	maxDateTime = 253402300799
)

// civil converts days since 1970-01-01 to a proleptic Gregorian date
// (Howard Hinnant's civil_from_days).
func civil(days int64) (y, m, d int) {
	z := days + 719468
	era := z / 146097 // z > 0 for every year from 1
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	y = int(yoe + era*400)
	if m <= 2 {
		y++
	}
	return y, m, d
}

// AppendClock appends the time of day of t as "15:04:05", with ".ffffff"
// (microseconds, truncated) when t has a fraction of a second.
func AppendClock(b []byte, t time.Time) []byte {
	h, m, s := t.Clock()
	b = appendDigits(b, h, 2)
	b = appendDigits(append(b, ':'), m, 2)
	b = appendDigits(append(b, ':'), s, 2)
	if ns := t.Nanosecond(); ns != 0 {
		b = appendDigits(append(b, '.'), ns/1000, 6)
	}
	return b
}

// appendDigits appends n (≥ 0) zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	if width == 2 && n < 100 {
		return append(b, byte('0'+n/10), byte('0'+n%10))
	}
	var tmp [20]byte
	i := len(tmp)
	for n > 0 || width > 0 {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	return append(b, tmp[i:]...)
}

// pow10 holds 10^0 .. 10^18.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// AppendDecimal appends d exactly as d.String() renders it, without the
// intermediate strings when the coefficient fits in 18 digits.
func AppendDecimal(b []byte, d decimal.Decimal) []byte {
	exp := d.Exponent()
	if exp > 0 || exp < -18 || !decimal.TrimTrailingZeros || d.NumDigits() > 18 {
		return append(b, d.String()...)
	}
	c := d.CoefficientInt64()
	if exp == 0 {
		return strconv.AppendInt(b, c, 10)
	}
	if c < 0 {
		b, c = append(b, '-'), -c
	}
	places := int(-exp)
	whole, frac := c/pow10[places], c%pow10[places]
	for places > 0 && frac%10 == 0 { // String trims trailing zeros
		frac /= 10
		places--
	}
	b = strconv.AppendInt(b, whole, 10)
	if places > 0 {
		b = appendDigits(append(b, '.'), int(frac), places)
	}
	return b
}

// BindText binds values the way backends without native date, decimal and
// interval types want them: text for temporal values and decimals,
// microseconds for durations.
func BindText(a *Arena, v any, k registry.Kind) (any, error) {
	switch x := v.(type) {
	case time.Time:
		return BindTimeText(a, x, k), nil
	case decimal.Decimal:
		return a.Box(a.Decimal(x)), nil
	case time.Duration:
		return x.Microseconds(), nil
	case int:
		return int64(x), nil
	}
	return v, nil
}

// BindTimeText is BindText for a time: the text of a date, a time of day
// or a UTC date and time, by kind.
func BindTimeText(a *Arena, t time.Time, k registry.Kind) any {
	switch k {
	case registry.Date:
		return a.Box(a.Date(t))
	case registry.Time:
		return a.Box(a.Clock(t))
	}
	return a.Box(a.DateTime(t))
}
