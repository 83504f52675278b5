package orm_test

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Django's text functions answer alike on every backend (SHA1 needs
// pgcrypto on PostgreSQL: refused there).
func TestTextFunctions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		word := orm.Value("héllo")
		hexOf := func(b []byte) string { return hex.EncodeToString(b) }
		m5, s1, s224, s256, s384, s512 := md5.Sum([]byte("héllo")), sha1.Sum([]byte("héllo")), sha256.Sum224([]byte("héllo")),
			sha256.Sum256([]byte("héllo")), sha512.Sum384([]byte("héllo")), sha512.Sum512([]byte("héllo"))
		cases := []struct {
			name string
			e    *orm.Expr
			want any
		}{
			{"chr", functions.Chr(orm.Value(65)), "A"},
			{"ord", functions.Ord(orm.Value("A")), int64(65)},
			{"lpad", functions.LPad(word, 8, "*-"), "*-*héllo"},
			{"rpad", functions.RPad(word, 7, ""), "héllo  "},
			{"lpad cuts", functions.LPad(word, 3, "x"), "hél"},
			{"repeat", functions.Repeat(word, 2), "héllohéllo"},
			{"reverse", functions.Reverse(word), "olléh"},
			{"md5", functions.MD5(word), hexOf(m5[:])},
			{"sha1", functions.SHA1(word), hexOf(s1[:])},
			{"sha224", functions.SHA224(word), hexOf(s224[:])},
			{"sha256", functions.SHA256(word), hexOf(s256[:])},
			{"sha384", functions.SHA384(word), hexOf(s384[:])},
			{"sha512", functions.SHA512(word), hexOf(s512[:])},
		}
		for _, c := range cases {
			rows, err := orm.Objects[Book](db).OrderBy("id").Slice(0, 1).Values(orm.As("v", c.e)).All(ctx)
			if c.name == "sha1" && db.Dialect().Name() == "postgresql" {
				var ns *orm.NotSupportedError
				if !errors.As(err, &ns) {
					t.Errorf("SHA1 on PostgreSQL: %v, want a NotSupportedError", err)
				}
				continue
			}
			if err != nil || len(rows) != 1 || rows[0]["v"] != c.want {
				t.Errorf("%s = %#v (%v), want %#v", c.name, rows, err, c.want)
			}
		}
	})
}
