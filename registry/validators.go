package registry

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
)

// A validator checks one field value in Validate (Django's field
// validators); it returns an error whose text says what is wrong.
type validatorFunc = func(v any) error

var slugPattern = regexp.MustCompile(`^[-a-zA-Z0-9_]+$`)

// builtinValidators are the validators every registry knows, by the names
// of validators=NAME[|NAME].
var builtinValidators = map[string]validatorFunc{
	"email": textCheck("Enter a valid email address.", func(s string) bool {
		a, err := mail.ParseAddress(s)
		return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
	}),
	"url": textCheck("Enter a valid URL.", func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ftp" || u.Scheme == "ftps") && u.Host != ""
	}),
	"slug": textCheck("Enter a valid slug consisting of letters, numbers, underscores or hyphens.", slugPattern.MatchString),
	"ipv4": textCheck("Enter a valid IPv4 address.", func(s string) bool {
		ip := net.ParseIP(s)
		return ip != nil && ip.To4() != nil && !strings.Contains(s, ":")
	}),
	"ipv6": textCheck("Enter a valid IPv6 address.", func(s string) bool {
		return net.ParseIP(s) != nil && strings.Contains(s, ":")
	}),
	"ip": textCheck("Enter a valid IPv4 or IPv6 address.", func(s string) bool { return net.ParseIP(s) != nil }),
}

func textCheck(msg string, ok func(string) bool) validatorFunc {
	return func(v any) error {
		s, isText := v.(string)
		if !isText || !ok(s) {
			return fmt.Errorf("%s", msg)
		}
		return nil
	}
}

// RegisterValidator names a function validators=name runs in Validate.
// Register it before the models that use it.
func (r *Registry) RegisterValidator(name string, fn func(v any) error) error {
	if !ValidIdent(name) || fn == nil {
		return fmt.Errorf("RegisterValidator(%q): a validator needs an identifier name and a function", name)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := builtinValidators[name]; dup || r.validators[name] != nil {
		return fmt.Errorf("RegisterValidator(%q): the name is taken", name)
	}
	if r.validators == nil {
		r.validators = map[string]validatorFunc{}
	}
	r.validators[name] = fn
	return nil
}

// Validator is a named check of a field's value.
type Validator struct {
	Name  string
	Check func(v any) error
}

// readValidators resolves validators=a|b.
func (b *builder) readValidators(f *Field, o tagOptions) error {
	list, ok := o.values["validators"]
	if !ok {
		return nil
	}
	for _, name := range strings.Split(list, "|") {
		name = strings.TrimSpace(name)
		fn, found := builtinValidators[name]
		if !found {
			fn, found = b.r.validators[name]
		}
		if !found {
			return fmt.Errorf("validators=%s: no validator %q; register it with orm.RegisterValidator before the model (built in: email, url, slug, ipv4, ipv6, ip)", list, name)
		}
		f.Validators = append(f.Validators, Validator{Name: name, Check: fn})
	}
	return nil
}
