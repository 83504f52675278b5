package migrate

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// FlagQuestioner answers from settings, for runs without a terminal
// (CI, scripts): makemigrations' -rename and -default flags.
type FlagQuestioner struct {
	// Renames confirms every rename the autodetector suggests.
	Renames bool
	// Defaults gives the one-off value of a NOT NULL field by
	// "model.field" ("book.isbn": "''").
	Defaults map[string]string
}

// AskRenameModel implements Questioner.
func (q FlagQuestioner) AskRenameModel(old, new string) (bool, error) { return q.Renames, nil }

// AskRenameField implements Questioner.
func (q FlagQuestioner) AskRenameField(model, old, new string, f Field) (bool, error) {
	return q.Renames, nil
}

// AskNotNullAddition implements Questioner.
func (q FlagQuestioner) AskNotNullAddition(model string, f Field) (string, error) {
	return q.value(model, f, "adding the NOT NULL field")
}

// AskNotNullAlteration implements Questioner.
func (q FlagQuestioner) AskNotNullAlteration(model string, f Field) (string, error) {
	return q.value(model, f, "making the field NOT NULL")
}

func (q FlagQuestioner) value(model string, f Field, what string) (string, error) {
	key := model + "." + f.Name
	if v, ok := q.Defaults[key]; ok {
		return v, nil
	}
	return "", fmt.Errorf("migrate: %s %s needs a value for the rows already in the table; "+
		"give the field a default (default= in its tag), make it null, or pass -default %s=VALUE (a one-off value)",
		what, key, key)
}

// InteractiveQuestioner asks on a terminal, as Django's makemigrations does.
type InteractiveQuestioner struct {
	In  io.Reader
	Out io.Writer
	r   *bufio.Reader
}

func (q *InteractiveQuestioner) line(prompt string) (string, error) {
	if q.r == nil {
		q.r = bufio.NewReader(q.In)
	}
	fmt.Fprint(q.Out, prompt)
	s, err := q.r.ReadString('\n')
	if err != nil && s == "" {
		return "", fmt.Errorf("migrate: no answer (%v); run with -noinput and flags instead", err)
	}
	return strings.TrimSpace(s), nil
}

func (q *InteractiveQuestioner) yes(prompt string) (bool, error) {
	for {
		s, err := q.line(prompt + " [y/N] ")
		if err != nil {
			return false, err
		}
		switch strings.ToLower(s) {
		case "y", "yes":
			return true, nil
		case "", "n", "no":
			return false, nil
		}
	}
}

// AskRenameModel implements Questioner.
func (q *InteractiveQuestioner) AskRenameModel(old, new string) (bool, error) {
	return q.yes(fmt.Sprintf("Was the model %s renamed to %s?", old, new))
}

// AskRenameField implements Questioner.
func (q *InteractiveQuestioner) AskRenameField(model, old, new string, f Field) (bool, error) {
	return q.yes(fmt.Sprintf("Was %s.%s renamed to %s.%s (a %s)?", model, old, model, new, f.Type))
}

// AskNotNullAddition implements Questioner.
func (q *InteractiveQuestioner) AskNotNullAddition(model string, f Field) (string, error) {
	return q.value(fmt.Sprintf("It is impossible to add the non-nullable field %q to %s without a value for the rows already there.\n", f.Name, model))
}

// AskNotNullAlteration implements Questioner.
func (q *InteractiveQuestioner) AskNotNullAlteration(model string, f Field) (string, error) {
	return q.value(fmt.Sprintf("The field %s.%s becomes non-nullable: its NULL rows need a value.\n", model, f.Name))
}

func (q *InteractiveQuestioner) value(intro string) (string, error) {
	fmt.Fprint(q.Out, intro+"Enter a one-off value, written as in a default= tag (or Ctrl-D to quit and add a default to the model):\n")
	s, err := q.line(">>> ")
	if err != nil {
		return "", err
	}
	return s, nil
}
