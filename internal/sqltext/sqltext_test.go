package sqltext

import (
	"fmt"
	"testing"
)

func TestPlaceholders(t *testing.T) {
	cases := []struct {
		sql      string
		at       []int
		multiple bool
		trimmed  int
	}{
		{"price > ?", []int{8}, false, 9},
		{"title = '?' AND id = ?", []int{21}, false, 22},
		{"title = 'it''s ?' AND id = ?", []int{27}, false, 28},
		{`"we?ird" = ?`, []int{11}, false, 12},
		{"`a?` = ?", []int{7}, false, 8},
		{"x = ? -- why?\n AND y = ?", []int{4, 23}, false, 24},
		{"x = ? /* ?; */ AND y = ?", []int{4, 23}, false, 24},
		{"SELECT 1;", nil, false, 8},
		{"SELECT 1; ", nil, false, 8},
		{"SELECT 1; DROP TABLE book", nil, true, 25},
		{"SELECT ';' ; SELECT 2", nil, true, 21},
		{"SELECT 1 -- ; DROP\n", nil, false, 19},
		{"SELECT 'open", nil, false, 12},
	}
	for _, c := range cases {
		at, multiple, trimmed := Placeholders(c.sql)
		if fmt.Sprint(at) != fmt.Sprint(c.at) || multiple != c.multiple || !multiple && trimmed != c.trimmed {
			t.Errorf("Placeholders(%q) = %v, %v, %d; want %v, %v, %d", c.sql, at, multiple, trimmed, c.at, c.multiple, c.trimmed)
		}
	}
}

func TestCodeSkipsLiteralsAndComments(t *testing.T) {
	var code []byte
	s := "a'b'c\"d\"e`f`g--h\ni/*j*/k"
	Code(s, func(i int) bool { code = append(code, s[i]); return true })
	if string(code) != "acegik" && string(code) != "aceg\nik" {
		t.Errorf("code bytes %q", code)
	}
}
