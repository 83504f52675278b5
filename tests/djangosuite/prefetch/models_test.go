package prefetch

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/djorm/orm"
)

// The models of Django 3.2's tests/prefetch_related/models.py. Author and
// Book are PAuthor and PBook: the test harness registers models with those
// names already (a model's name is its lower-cased Go type name). The
// GenericForeignKey models (TaggedItem, Bookmark, Comment, Article) are left
// out: djorm has no contenttypes. AuthorWithAge and BookWithYear are
// multi-table children of PAuthor and PBook, their parent links named
// pauthor_ptr / pbook_ptr where Django names them author / book
// (parent_link=True on a declared field, which djorm does not support);
// AuthorWithAgeChild, used by no test, is left out. Pet and Flea are used by no test of Django 3.2's tests.py.
type (
	PAuthor struct {
		orm.Model
		Name            string                  `orm:"max_length=50,unique"`
		FirstBook       orm.ForeignKey[PBook]   `orm:"on_delete=cascade,related_name=first_time_authors"`
		FavoriteAuthors orm.ManyToMany[PAuthor] `orm:"through=FavoriteAuthors,related_name=favors_me"`
		// Prefetch('addresses', ..., to_attr='happy_place').
		HappyPlace []*AuthorAddress
	}
	// AuthorWithAge is a multi-table child of PAuthor. Django names its
	// parent link explicitly (author = OneToOneField(Author,
	// parent_link=True)); djorm names it pauthor_ptr (column
	// pauthor_ptr_id).
	AuthorWithAge struct {
		PAuthor
		Age int
	}
	FavoriteAuthors struct {
		orm.Model
		Author      orm.ForeignKey[PAuthor] `orm:"on_delete=cascade,to_field=name,related_name=i_like"`
		LikesAuthor orm.ForeignKey[PAuthor] `orm:"on_delete=cascade,to_field=name,related_name=likes_me"`
		IsActive    bool                    `orm:"default=true"`
	}
	AuthorAddress struct {
		orm.Model
		Author  orm.ForeignKey[PAuthor] `orm:"on_delete=cascade,to_field=name,related_name=addresses"`
		Address string                  `orm:"type=text"`
	}
	PBook struct {
		orm.Model
		Title   string                  `orm:"max_length=255"`
		Authors orm.ManyToMany[PAuthor] `orm:"related_name=books"`
		// Prefetch('first_time_authors', ..., to_attr='first_authors').
		FirstAuthors []*PAuthor
	}
	// BookWithYear is a multi-table child of PBook (Django's explicit link
	// book is djorm's pbook_ptr).
	BookWithYear struct {
		PBook
		PublishedYear int
		AgedAuthors   orm.ManyToMany[AuthorWithAge] `orm:"related_name=books_with_year"`
	}
	// Bio.books is left out: djorm cannot create its join table (the
	// bio_id column is varchar(0) on PostgreSQL, "can't index" on MariaDB:
	// the column of a key to a primary key that is itself a to_field key
	// to a CharField gets no length).
	Bio struct {
		orm.Model
		Author orm.OneToOne[PAuthor] `orm:"pk,on_delete=cascade,to_field=name"`
	}
	Reader struct {
		orm.Model
		Name      string                `orm:"max_length=50"`
		BooksRead orm.ManyToMany[PBook] `orm:"related_name=read_by"`
	}
	BookReview struct {
		orm.Model
		// Intentionally does not have a related name.
		Book  orm.ForeignKey[BookWithYear] `orm:"null,on_delete=cascade"`
		Notes *string                      `orm:"type=text,null,blank"`
	}

	Qualification struct {
		orm.Model
		Name string `orm:"max_length=10"`
	}
	Teacher struct {
		orm.Model
		Name           string `orm:"max_length=50"`
		Qualifications orm.ManyToMany[Qualification]
	}
	Department struct {
		orm.Model
		Name     string `orm:"max_length=50"`
		Teachers orm.ManyToMany[Teacher]
	}

	House struct {
		orm.Model
		Name     string                 `orm:"max_length=50"`
		Address  string                 `orm:"max_length=255"`
		Owner    orm.ForeignKey[Person] `orm:"null,on_delete=set_null"`
		MainRoom orm.OneToOne[Room]     `orm:"null,on_delete=set_null,related_name=main_room_of"`
		// ToAttr targets.
		RoomsLst []*Room
	}
	Room struct {
		orm.Model
		Name  string                `orm:"max_length=50"`
		House orm.ForeignKey[House] `orm:"on_delete=cascade,related_name=rooms"`
		// ToAttr targets.
		HouseAttr      *House
		MainRoomOfAttr *House
	}
	Person struct {
		orm.Model
		Name   string                `orm:"max_length=50"`
		Houses orm.ManyToMany[House] `orm:"related_name=occupants"`
		// ToAttr targets.
		HousesLst       []*House
		CachedAllHouses []*House
		SomeAttrName    []*House
	}

	Employee struct {
		orm.Model
		Name string                   `orm:"max_length=50"`
		Boss orm.ForeignKey[Employee] `orm:"null,on_delete=set_null,related_name=serfs"`
	}

	LessonEntry struct {
		orm.Model
		Name1 string `orm:"max_length=200"`
		Name2 string `orm:"max_length=200"`
	}
	WordEntry struct {
		orm.Model
		LessonEntry orm.ForeignKey[LessonEntry] `orm:"on_delete=cascade"`
		Name        string                      `orm:"max_length=200"`
	}

	Author2 struct {
		orm.Model
		Name          string                `orm:"max_length=50,unique"`
		FirstBook     orm.ForeignKey[PBook] `orm:"on_delete=cascade,related_name=+"`
		FavoriteBooks orm.ManyToMany[PBook] `orm:"related_name=+"`
	}
)

func (PAuthor) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_author", Ordering: []string{"id"}}
}
func (AuthorWithAge) Meta() orm.Meta { return orm.Meta{Table: "prefetch_related_authorwithage"} }
func (FavoriteAuthors) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_favoriteauthors", Ordering: []string{"id"}}
}
func (AuthorAddress) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_authoraddress", Ordering: []string{"id"}}
}
func (PBook) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_book", Ordering: []string{"id"}}
}
func (BookWithYear) Meta() orm.Meta { return orm.Meta{Table: "prefetch_related_bookwithyear"} }
func (Bio) Meta() orm.Meta          { return orm.Meta{Table: "prefetch_related_bio"} }
func (Reader) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_reader", Ordering: []string{"id"}}
}
func (BookReview) Meta() orm.Meta { return orm.Meta{Table: "prefetch_related_bookreview"} }
func (Qualification) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_qualification", Ordering: []string{"id"}}
}
func (Teacher) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_teacher", Ordering: []string{"id"}}
}
func (Department) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_department", Ordering: []string{"id"}}
}
func (House) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_house", Ordering: []string{"id"}}
}
func (Room) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_room", Ordering: []string{"id"}}
}
func (Person) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_person", Ordering: []string{"id"}}
}
func (Employee) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_employee", Ordering: []string{"id"}}
}
func (LessonEntry) Meta() orm.Meta { return orm.Meta{Table: "prefetch_related_lessonentry"} }
func (WordEntry) Meta() orm.Meta   { return orm.Meta{Table: "prefetch_related_wordentry"} }
func (Author2) Meta() orm.Meta {
	return orm.Meta{Table: "prefetch_related_author2", Ordering: []string{"id"}}
}

var allModels = []any{&PBook{}, &PAuthor{}, &AuthorWithAge{}, &FavoriteAuthors{}, &AuthorAddress{},
	&BookWithYear{}, &Bio{}, &Reader{}, &BookReview{}, &Qualification{}, &Teacher{}, &Department{},
	&Person{}, &House{}, &Room{}, &Employee{}, &LessonEntry{}, &WordEntry{}, &Author2{}}

func init() {
	orm.MustRegister(allModels...)
	// TeacherManager.get_queryset: the default manager prefetches
	// qualifications.
	if err := orm.RegisterDefaultQuerySet(func(qs *orm.QuerySet[*Teacher]) *orm.QuerySet[*Teacher] {
		return qs.PrefetchRelated("qualifications")
	}); err != nil {
		panic(err)
	}
}

var ctx = context.Background()

// resetTables drops and creates every model: each Go test starts from
// empty tables, as each Django TestCase method does.
//
// On MySQL/MariaDB, DropTables fails on these models (a foreign key cycle:
// PAuthor.first_book -> PBook, PBook.authors -> PAuthor; House.main_room ->
// Room, Room.house -> House): it drops the tables one by one in reverse
// dependency order and MariaDB refuses the DROP of a table another table
// still references (Error 1451). The tables of this package's own database
// are dropped here with the foreign key checks off instead.
// After the first test on a backend, MySQL and PostgreSQL tables are
// emptied (TRUNCATE, which also restarts the ids) rather than recreated,
// for speed.
func resetTables(t *testing.T, db *orm.DB) {
	t.Helper()
	createdMu.Lock()
	defer createdMu.Unlock()
	switch {
	case created[db] && db.DriverName() == "mysql":
		truncateAll(t, db, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
			[]string{"SET FOREIGN_KEY_CHECKS = 0"}, "TRUNCATE TABLE `%s`", "", []string{"SET FOREIGN_KEY_CHECKS = 1"})
		return
	case created[db] && db.DriverName() == "sqlite3":
		truncateAll(t, db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
			[]string{"PRAGMA foreign_keys = OFF"}, `DELETE FROM "%s"`, "", []string{"DELETE FROM sqlite_sequence", "PRAGMA foreign_keys = ON"})
		return
	case created[db]:
		truncateAll(t, db, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
			nil, "", `TRUNCATE TABLE %s RESTART IDENTITY CASCADE`, nil)
		return
	case db.DriverName() == "mysql":
		dropAllMySQL(t, db)
	default:
		must(t, db.DropTables(ctx, allModels...))
	}
	must(t, db.CreateTables(ctx, allModels...))
	created[db] = true
}

var (
	createdMu sync.Mutex
	created   = map[*orm.DB]bool{}
)

// truncateAll empties the tables list names on one connection: before,
// then each per table (or all at once in a single statement), then after.
func truncateAll(t *testing.T, db *orm.DB, list string, before []string, each, allAtOnce string, after []string) {
	t.Helper()
	conn, err := db.SQLDB().Conn(ctx)
	must(t, err)
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, list)
	must(t, err)
	var tables []string
	for rows.Next() {
		var name string
		must(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	must(t, rows.Close())
	stmts := append([]string(nil), before...)
	if allAtOnce != "" {
		quoted := make([]string, len(tables))
		for i, n := range tables {
			quoted[i] = `"` + n + `"`
		}
		stmts = append(stmts, fmt.Sprintf(allAtOnce, strings.Join(quoted, ", ")))
	} else {
		for _, n := range tables {
			stmts = append(stmts, fmt.Sprintf(each, n))
		}
	}
	for _, s := range append(stmts, after...) {
		_, err := conn.ExecContext(ctx, s)
		must(t, err)
	}
}

func dropAllMySQL(t *testing.T, db *orm.DB) {
	t.Helper()
	conn, err := db.SQLDB().Conn(ctx)
	must(t, err)
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
	must(t, err)
	var tables []string
	for rows.Next() {
		var name string
		must(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	must(t, rows.Close())
	_, err = conn.ExecContext(ctx, "SET FOREIGN_KEY_CHECKS = 0")
	must(t, err)
	defer conn.ExecContext(ctx, "SET FOREIGN_KEY_CHECKS = 1") //nolint:errcheck
	for _, name := range tables {
		_, err := conn.ExecContext(ctx, "DROP TABLE `"+name+"`")
		must(t, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// numQueries is assertNumQueries(n): fn runs with a counting context; the
// statements sent are logged when the count differs.
func numQueries(t *testing.T, what string, n int, fn func(ctx context.Context)) {
	t.Helper()
	c, captured := orm.CaptureQueries(ctx)
	fn(c)
	if got := captured.Count(); got != n {
		t.Errorf("%s: %d queries, want %d", what, got, n)
		for _, q := range captured.Queries() {
			t.Logf("  SQL sent: %s %v", q.SQL, q.Args)
		}
	}
}

// captureSQL returns a context recording the statements run with it; they
// are logged when the test fails.
func captureSQL(t *testing.T) (context.Context, *orm.Captured) {
	t.Helper()
	c, captured := orm.CaptureQueries(ctx)
	t.Cleanup(func() {
		if t.Failed() {
			for _, q := range captured.Queries() {
				t.Logf("SQL sent: %s %v (error: %v)", q.SQL, q.Args, q.Err)
			}
		}
	})
	return c, captured
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
		t.Errorf("%s = %s, want %s", what, g, w)
	}
}

func create[T any](t *testing.T, db *orm.DB, obj *T) *T {
	t.Helper()
	must(t, orm.Objects[T](db).Create(ctx, obj))
	return obj
}

func all[T any](t *testing.T, c context.Context, qs *orm.QuerySet[*T]) []*T {
	t.Helper()
	rows, err := qs.All(c)
	must(t, err)
	return rows
}

// related is list(obj.<name>.all()).
func related[T any](t *testing.T, c context.Context, obj any, name string) []*T {
	t.Helper()
	rows, err := orm.Related[T](obj, name).All(c)
	must(t, err)
	return rows
}

// names maps objects to a string (Django's str()).
func names[T any](objs []*T, str func(*T) string) []string {
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = str(o)
	}
	return out
}

func pks[T any](objs []*T) []int64 {
	out := make([]int64, len(objs))
	for i, o := range objs {
		out[i] = any(o).(interface{ PK() int64 }).PK()
	}
	return out
}

func sorted(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

func join(s []string) string { return strings.Join(s, ", ") }

func (a *PAuthor) String() string { return a.Name }
func (r *Reader) String() string  { return r.Name }
