package sqlite

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"time"

	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/djorm/orm/internal/arena"
	"github.com/djorm/orm/internal/conv"
	"github.com/dlclark/regexp2/v2"
)

// scalarFuncs are the SQL functions registered on every connection: the
// Unicode case mapping the i-lookups need, regular expressions, and math
// functions SQLite builds may lack. NULL in gives NULL out.
var scalarFuncs = map[string]any{
	"djorm_regexp":    matchRegexp,
	"djorm_upper":     mapCase(strings.ToUpper),
	"djorm_lower":     mapCase(strings.ToLower),
	"djorm_ceil":      math1(math.Ceil),
	"djorm_floor":     math1(math.Floor),
	"djorm_sqrt":      math1(math.Sqrt),
	"djorm_power":     math2(math.Pow),
	"djorm_mod":       math2(math.Mod),
	"djorm_acos":      math1(math.Acos),
	"djorm_asin":      math1(math.Asin),
	"djorm_atan":      math1(math.Atan),
	"djorm_atan2":     math2(math.Atan2),
	"djorm_cos":       math1(math.Cos),
	"djorm_cot":       math1(func(x float64) float64 { return 1 / math.Tan(x) }),
	"djorm_degrees":   math1(func(x float64) float64 { return x * 180 / math.Pi }),
	"djorm_exp":       math1(math.Exp),
	"djorm_ln":        math1(math.Log),
	"djorm_log":       math2(func(b, x float64) float64 { return math.Log(x) / math.Log(b) }),
	"djorm_pi":        func() float64 { return math.Pi },
	"djorm_radians":   math1(func(x float64) float64 { return x * math.Pi / 180 }),
	"djorm_sin":       math1(math.Sin),
	"djorm_tan":       math1(math.Tan),
	"djorm_lpad":      pad(true),
	"djorm_rpad":      pad(false),
	"djorm_repeat":    repeat,
	"djorm_reverse":   text1(reverse),
	"djorm_md5":       hexHash(func(b []byte) []byte { h := md5.Sum(b); return h[:] }),
	"djorm_sha1":      hexHash(func(b []byte) []byte { h := sha1.Sum(b); return h[:] }),
	"djorm_sha224":    hexHash(func(b []byte) []byte { h := sha256.Sum224(b); return h[:] }),
	"djorm_sha256":    hexHash(func(b []byte) []byte { h := sha256.Sum256(b); return h[:] }),
	"djorm_sha384":    hexHash(func(b []byte) []byte { h := sha512.Sum384(b); return h[:] }),
	"djorm_sha512":    hexHash(func(b []byte) []byte { h := sha512.Sum512(b); return h[:] }),
	"djorm_dt_add":    dtAdd,
	"djorm_raise":     raise,
	"djorm_dt_diff":   dtDiff,
	"djorm_to_zone":   toZone,
	"djorm_from_zone": fromZone,
}

// aggregateFuncs are the statistics aggregates SQLite lacks, under their
// standard names as Django's SQLite backend registers them.
var aggregateFuncs = map[string]any{
	"STDDEV_POP":  func() *statAgg { return &statAgg{sample: false, sqrt: true} },
	"STDDEV_SAMP": func() *statAgg { return &statAgg{sample: true, sqrt: true} },
	"VAR_POP":     func() *statAgg { return &statAgg{sample: false} },
	"VAR_SAMP":    func() *statAgg { return &statAgg{sample: true} },
}

// isNull reports whether an argument of an any parameter is SQL NULL:
// go-sqlite3 hands NULL over as a nil []byte, not as nil.
func isNull(v any) bool {
	b, isBytes := v.([]byte)
	return v == nil || isBytes && b == nil
}

// mapCase implements djorm_upper and djorm_lower; NULL stays NULL.
func mapCase(f func(string) string) func(any) any {
	return func(v any) any {
		switch x := v.(type) {
		case string:
			return f(x)
		case []byte:
			if x == nil {
				return nil
			}
			return f(string(x))
		case nil:
			return nil
		}
		return f(fmt.Sprint(v))
	}
}

// The compiled patterns of djorm_regexp, shared by every connection. The
// patterns are user input: the cache stops growing at maxPatterns and
// later patterns are compiled per call.
const maxPatterns = 256

var (
	patterns     sync.Map // string -> *regexp.Regexp
	patternCount atomic.Int64
)

// matchRegexp implements djorm_regexp(pattern, value) with Go's regexp
// syntax; NULL on either side gives NULL, as in SQL.
func matchRegexp(pattern, value any) (any, error) {
	if isNull(value) || isNull(pattern) {
		return nil, nil
	}
	re, err := compiled(asText(pattern))
	if err != nil {
		return nil, err
	}
	return re.match(asText(value))
}

// asText is the text of a value SQLite hands over (a blob's bytes as they
// are, not fmt's "[104 105]").
func asText(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// pattern is a compiled REGEXP pattern: Go's RE2 (linear time), or, for
// what RE2 lacks (backreferences, lookarounds), a backtracking engine
// closer to Python's re, which Django's SQLite REGEXP is, bounded by
// backtrackTimeout so no pattern holds a connection for long.
type pattern struct {
	re2 *regexp.Regexp
	bt  *regexp2.Regexp
}

const backtrackTimeout = 2 * time.Second

func (p *pattern) match(s string) (any, error) {
	if p.re2 != nil {
		return p.re2.MatchString(s), nil
	}
	ok, err := p.bt.MatchString(s)
	if err != nil {
		return nil, fmt.Errorf("djorm: regular expression %q: %w", p.bt.String(), err)
	}
	return ok, nil
}

func compiled(p string) (*pattern, error) {
	if re, ok := patterns.Load(p); ok {
		return re.(*pattern), nil
	}
	re := &pattern{}
	var err error
	if re.re2, err = regexp.Compile(p); err != nil {
		bt, btErr := regexp2.Compile(p)
		if btErr != nil {
			return nil, err // RE2's message: the pattern is wrong for both
		}
		bt.MatchTimeout = backtrackTimeout
		re.bt = bt
	}
	if patternCount.Load() < maxPatterns {
		if _, loaded := patterns.LoadOrStore(p, re); !loaded {
			patternCount.Add(1)
		}
	}
	return re, nil
}

func math1(f func(float64) float64) func(any) any {
	return func(a any) any {
		x, ok := toFloat(a)
		if !ok {
			return nil
		}
		return f(x)
	}
}

func math2(f func(float64, float64) float64) func(any, any) any {
	return func(a, b any) any {
		x, ok1 := toFloat(a)
		y, ok2 := toFloat(b)
		if !ok1 || !ok2 {
			return nil
		}
		return f(x, y)
	}
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// statAgg computes a variance or standard deviation with Welford's method.
type statAgg struct {
	sample, sqrt bool
	n            int64
	mean, m2     float64
}

func (a *statAgg) Step(v any) {
	x, ok := toFloat(v)
	if !ok {
		return
	}
	a.n++
	d := x - a.mean
	a.mean += d / float64(a.n)
	a.m2 += d * (x - a.mean)
}

func (a *statAgg) Done() any {
	den := a.n
	if a.sample {
		den--
	}
	if den <= 0 {
		return nil
	}
	v := a.m2 / float64(den)
	if a.sqrt {
		return math.Sqrt(v)
	}
	return v
}

// dtAdd implements djorm_dt_add(point, micros): a date, datetime or time
// of day as djorm stores it, moved by a duration in microseconds (how
// durations are stored). A date becomes a datetime; a time of day wraps
// around midnight. NULL in gives NULL out.
func dtAdd(point any, micros any) (any, error) {
	t, isClock, ok, err := storedTime(point)
	n, okN := micros.(int64)
	if f, isF := micros.(float64); isF {
		n, okN = int64(f), true
	}
	if err != nil || !ok || !okN {
		return nil, err
	}
	if isDateText(point) {
		// A date moves by whole days and stays a date, as Python's
		// date + timedelta in Django's django_format_dtdelta: compared
		// with a date column, "2010-06-25 00:00:00" would sort after
		// "2010-06-25".
		days := n / 86_400_000_000
		if n%86_400_000_000 < 0 {
			days--
		}
		return t.AddDate(0, 0, int(days)).Format(time.DateOnly), nil
	}
	t = t.Add(time.Duration(n) * time.Microsecond)
	if isClock {
		return string(arena.AppendClock(nil, t)), nil
	}
	return string(arena.AppendDateTime(nil, t)), nil
}

// isDateText reports whether v is the text of a date alone ("2010-06-25").
func isDateText(v any) bool {
	switch x := v.(type) {
	case string:
		return len(x) == len(time.DateOnly)
	case []byte:
		return len(x) == len(time.DateOnly)
	}
	return false
}

// dtDiff implements djorm_dt_diff(a, b): the microseconds from b to a.
func dtDiff(a, b any) (any, error) {
	ta, _, okA, err := storedTime(a)
	if err != nil {
		return nil, err
	}
	tb, _, okB, err := storedTime(b)
	if err != nil || !okA || !okB {
		return nil, err
	}
	return ta.Sub(tb).Microseconds(), nil
}

// storedTime reads the text of a stored date, datetime or time of day.
func storedTime(v any) (t time.Time, isClock, ok bool, err error) {
	var s string
	switch x := v.(type) {
	case nil:
		return time.Time{}, false, false, nil
	case string:
		s = x
	case []byte:
		if x == nil {
			return time.Time{}, false, false, nil
		}
		s = string(x)
	default:
		return time.Time{}, false, false, fmt.Errorf("djorm: %v (%T) is not a stored date or time", v, v)
	}
	if s == "" {
		return time.Time{}, false, false, nil // go-sqlite3 hands a NULL to an any parameter as ""
	}
	t, err = conv.Time(s)
	if err != nil {
		return time.Time{}, false, false, err
	}
	isClock = len(s) >= 3 && s[2] == ':' // "15:04:05": a time of day
	return t, isClock, true, nil
}

// raise implements djorm_raise(message): it fails the statement with the
// message (SQLite has no RAISE outside triggers).
func raise(message string) (any, error) { return nil, errors.New(message) }

// text1 applies f to a text argument; NULL gives NULL.
func text1(f func(string) string) func(any) any {
	return func(v any) any {
		if isNull(v) {
			return nil
		}
		return f(asText(v))
	}
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// pad implements djorm_lpad and djorm_rpad as PostgreSQL's LPAD/RPAD:
// the result has exactly n characters (the text cut, or padded with fill
// repeated).
func pad(left bool) func(any, any, any) (any, error) {
	return func(v, n, fill any) (any, error) {
		if isNull(v) || isNull(n) || isNull(fill) {
			return nil, nil
		}
		size, ok := n.(int64)
		if !ok || size > 1<<20 {
			return nil, fmt.Errorf("djorm: a pad length of %v", n)
		}
		r, f := []rune(asText(v)), []rune(asText(fill))
		if int64(len(r)) >= size || len(f) == 0 {
			return string(r[:min(int64(len(r)), max(size, 0))]), nil
		}
		padding := make([]rune, 0, size-int64(len(r)))
		for int64(len(padding)) < size-int64(len(r)) {
			padding = append(padding, f[len(padding)%len(f)])
		}
		if left {
			return string(padding) + string(r), nil
		}
		return string(r) + string(padding), nil
	}
}

// repeat implements djorm_repeat.
func repeat(v, n any) (any, error) {
	if isNull(v) || isNull(n) {
		return nil, nil
	}
	times, ok := n.(int64)
	s := asText(v)
	if !ok || times < 0 || times*int64(len(s)) > 1<<24 {
		return nil, fmt.Errorf("djorm: repeating %d bytes %v times", len(s), n)
	}
	return strings.Repeat(s, int(times)), nil
}

// hexHash implements the djorm_ digests: lower-case hex of the text's
// UTF-8 bytes.
func hexHash(sum func([]byte) []byte) func(any) any {
	return func(v any) any {
		if isNull(v) {
			return nil
		}
		return hex.EncodeToString(sum([]byte(asText(v))))
	}
}

// zones caches the locations djorm_to_zone and djorm_from_zone read; zone
// names come from programs (checked IANA names), so the set stays small,
// and it is bounded anyway.
var zones struct {
	sync.Mutex
	m map[string]*time.Location
}

func zoneNamed(name string) (*time.Location, error) {
	zones.Lock()
	defer zones.Unlock()
	if loc, ok := zones.m[name]; ok {
		return loc, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	if zones.m == nil || len(zones.m) >= 64 {
		zones.m = map[string]*time.Location{}
	}
	zones.m[name] = loc
	return loc, nil
}

// toZone implements djorm_to_zone(datetime, zone): the stored UTC datetime
// as the wall time in zone, in the same text form.
func toZone(point any, zone string) (any, error) {
	t, _, ok, err := storedTime(point)
	if err != nil || !ok {
		return nil, err
	}
	loc, err := zoneNamed(zone)
	if err != nil {
		return nil, err
	}
	local := t.In(loc)
	wall := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), local.Nanosecond(), time.UTC)
	return string(arena.AppendDateTime(nil, wall)), nil
}

// fromZone implements djorm_from_zone(datetime, zone): a wall time in zone
// as the stored UTC datetime (a wall time a DST change skips moves forward,
// a repeated one takes its first instant, as Go's time.Date).
func fromZone(wall any, zone string) (any, error) {
	t, _, ok, err := storedTime(wall)
	if err != nil || !ok {
		return nil, err
	}
	loc, err := zoneNamed(zone)
	if err != nil {
		return nil, err
	}
	inst := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	return string(arena.AppendDateTime(nil, inst.UTC())), nil
}
