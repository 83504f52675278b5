package registry

import "testing"

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"JoinedDate": "joined_date", "ID": "id", "HTTPCode": "http_code", "Book": "book",
		"BookReview": "book_review", "SalesCount": "sales_count", "UUID": "uuid", "Price2": "price2",
		"AuthorID": "author_id",
	} {
		if got := SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidIdent(t *testing.T) {
	for in, want := range map[string]bool{
		"a": true, "_x1": true, "total_books": true, "": false, "1a": false, "a b": false,
		`a"b`: false, "a;drop": false, "é": false, "a-b": false,
	} {
		if got := ValidIdent(in); got != want {
			t.Errorf("ValidIdent(%q) = %v, want %v", in, got, want)
		}
	}
}
