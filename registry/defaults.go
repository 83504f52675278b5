package registry

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// builtinDefaults are the default functions every registry knows:
// default=now() and default=uuid4() (Django's timezone.now, uuid.uuid4).
var builtinDefaults = map[string]func() any{
	"now":   func() any { return time.Now().UTC().Truncate(time.Microsecond) },
	"uuid4": func() any { return newUUID4() },
}

// RegisterDefault names a function a field's default=name() calls for
// each new object (Django's callable defaults). Register it before the
// models that use it.
func (r *Registry) RegisterDefault(name string, fn func() any) error {
	if !ValidIdent(name) || fn == nil {
		return fmt.Errorf("RegisterDefault(%q): a default function needs an identifier name and a function", name)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := builtinDefaults[name]; dup || r.defaults[name] != nil {
		return fmt.Errorf("RegisterDefault(%q): the name is taken", name)
	}
	if r.defaults == nil {
		r.defaults = map[string]func() any{}
	}
	r.defaults[name] = fn
	return nil
}

// defaultFunc finds the function of default=name().
func (r *Registry) defaultFunc(name string) (func() any, bool) {
	if fn, ok := builtinDefaults[name]; ok {
		return fn, true
	}
	fn, ok := r.defaults[name]
	return fn, ok
}

// callName returns name when s is a call "name()".
func callName(s string) (string, bool) {
	name, ok := strings.CutSuffix(strings.TrimSpace(s), "()")
	return name, ok && name != ""
}

// newUUID4 returns a random (version 4) UUID in its canonical text.
func newUUID4() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
