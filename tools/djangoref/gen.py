#!/usr/bin/python3
"""Generate Django reference answers for the djorm Go tests.

Usage (from anywhere):

    /usr/bin/python3 tools/djangoref/gen.py

Needs Debian's python3-django (3.2) and python3-psycopg2, and a PostgreSQL
server (default 127.0.0.1:5432, user postgres, trust auth; override with
DJANGOREF_PG_HOST / DJANGOREF_PG_PORT / DJANGOREF_PG_USER /
DJANGOREF_PG_ADMIN_DB).

The top-level run starts this script twice as a child process, once per
backend (``--backend sqlite`` and ``--backend postgres``). Each child builds
its own database from scratch (SQLite file under /tmp/djangoref/, PostgreSQL
database ``djangoref`` dropped and recreated), loads the fixed dataset, runs
every entry of QUERIES and dumps the results. The parent then merges both
dumps into testdata/django/reference.json (plus schema_*.sql and
dataset.json next to it).
"""
import argparse
import ast
import datetime
import decimal
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep store/__pycache__ out of the repo

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT_DIR = os.path.join(REPO, "testdata", "django")
TMP_DIR = "/tmp/djangoref"
SQLITE_PATH = os.path.join(TMP_DIR, "djangoref.sqlite3")
PG_DB = "djangoref"
PG_HOST = os.environ.get("DJANGOREF_PG_HOST", "127.0.0.1")
PG_PORT = os.environ.get("DJANGOREF_PG_PORT", "5432")
PG_USER = os.environ.get("DJANGOREF_PG_USER", "postgres")
PG_ADMIN_DB = os.environ.get("DJANGOREF_PG_ADMIN_DB", "test")

UTC = datetime.timezone.utc


def dt(*args):
    """Aware UTC datetime."""
    return datetime.datetime(*args, tzinfo=UTC)


D = decimal.Decimal
date = datetime.date
time = datetime.time

# --------------------------------------------------------------------------
# Dataset (explicit ids). Kept as plain data so it can also be dumped to
# testdata/django/dataset.json for the Go side.
# --------------------------------------------------------------------------
PUBLISHERS = [(1, "Penguin"), (2, "Tor"), (3, "Ünïcode Press")]
AUTHORS = [
    # id, name, joined_date, rating, publisher_id
    (1, "John Doe", date(2019, 3, 15), 5, 1),
    (2, "Jane Roe", date(2021, 11, 2), None, 2),
    (3, "Élodie Brûlé", date(2021, 6, 30), 3, None),
    (4, "Bob", date(2025, 3, 15), None, 1),
    (5, "Zoë 50% _off_", date(2022, 11, 20), 4, 3),
]
TAGS = [(1, "fantasy"), (2, "sci-fi"), (3, "classic"), (4, "ÉTÉ")]
BOOKS = [
    # id, title, author_id, editor_id, price, sales_count, stock_level, is_published, published_at
    (1, "Django ORM Deep Dive", 1, 2, D("49.99"), 1500, 3, True, dt(2021, 1, 10, 9, 30, 0)),
    (2, "Fantasy Realms", 2, None, D("19.99"), 800, 0, True, dt(2022, 5, 1, 18, 0, 0)),
    (3, "Go Concurrency", 1, 3, D("35.00"), 120, 25, True, dt(2020, 12, 31, 23, 59, 59)),
    (4, "Draft: Untitled", 3, None, D("10.00"), 0, 12, False, None),
    (5, "The Fantasy of ORM", 2, 1, D("199.50"), 2500, 0, True, dt(2023, 7, 14, 12, 0, 0)),
    (6, "100% Pure_Python", 5, None, D("25.25"), 95, 5, True, dt(2024, 2, 29, 0, 0, 0)),
    (7, "été et hiver", 3, 3, D("12.00"), 100, 10, False, dt(2021, 6, 30, 8, 15, 0)),
    (8, "ÉTÉ Indien", 5, 2, D("15.50"), 300, 11, True, dt(2022, 11, 20, 20, 20, 20)),
]
BOOK_TAGS = {1: [2, 3], 2: [1], 3: [2], 5: [1, 3], 7: [4], 8: [4, 3]}
REVIEWS = [
    (1, 1, 5, "great"),
    (2, 1, 4, ""),
    (3, 2, 2, "meh"),
    (4, 5, 5, "wow"),
    (5, 5, 3, "ok"),
    (6, 5, 4, ""),
    (7, 8, 1, "bad"),
]


def book_tag_rows():
    rows, i = [], 0
    for book_id in sorted(BOOK_TAGS):
        for tag_id in BOOK_TAGS[book_id]:
            i += 1
            rows.append((i, book_id, tag_id))
    return rows


# --------------------------------------------------------------------------
# Django setup (child mode only)
# --------------------------------------------------------------------------
def setup_django(backend):
    sys.path.insert(0, HERE)
    try:
        import django
        from django.conf import settings
    except ImportError:
        sys.exit("Django is missing: apt-get install -y python3-django python3-psycopg2 "
                 "and run with /usr/bin/python3")
    if backend == "sqlite":
        db = {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH}
    else:
        db = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": PG_DB,
            "USER": PG_USER,
            "HOST": PG_HOST,
            "PORT": PG_PORT,
        }
    settings.configure(
        DEBUG=True,
        USE_TZ=True,
        TIME_ZONE="UTC",
        DATABASES={"default": db},
        INSTALLED_APPS=["store"],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def reset_database(backend):
    os.makedirs(TMP_DIR, exist_ok=True)
    if backend == "sqlite":
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.remove(SQLITE_PATH + suffix)
            except FileNotFoundError:
                pass
        return
    import psycopg2

    conn = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % PG_DB)
        # Same encoding/locale as the template (C.UTF-8 on the project machine):
        # text ordering is by code point, UPPER/LOWER know non-ASCII letters.
        cur.execute("CREATE DATABASE %s ENCODING 'UTF8'" % PG_DB)
    conn.close()


def create_schema_and_data():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from store.models import Author, Book, Publisher, Review, Tag

    with CaptureQueriesContext(connection) as ctx:
        with connection.schema_editor() as editor:
            for model in (Publisher, Author, Tag, Book, Review):
                editor.create_model(model)
    # Keep only the DDL (SQLite's schema editor also runs PRAGMAs / BEGIN).
    ddl = [q["sql"] for q in ctx.captured_queries
           if q["sql"].lstrip().upper().startswith(("CREATE", "ALTER"))]

    Publisher.objects.bulk_create([Publisher(id=i, name=n) for i, n in PUBLISHERS])
    Author.objects.bulk_create([
        Author(id=i, name=n, joined_date=j, rating=r, publisher_id=p)
        for i, n, j, r, p in AUTHORS
    ])
    Tag.objects.bulk_create([Tag(id=i, name=n) for i, n in TAGS])
    Book.objects.bulk_create([
        Book(id=i, title=t, author_id=a, editor_id=e, price=pr, sales_count=s,
             stock_level=st, is_published=ip, published_at=pa)
        for i, t, a, e, pr, s, st, ip, pa in BOOKS
    ])
    Through = Book.tags.through
    Through.objects.bulk_create([Through(id=i, book_id=b, tag_id=t) for i, b, t in book_tag_rows()])
    Review.objects.bulk_create([Review(id=i, book_id=b, stars=s, comment=c) for i, b, s, c in REVIEWS])

    # Keep sequences past the explicit ids (PostgreSQL only; SQLite needs nothing).
    from django.core.management.color import no_style
    seq_sql = connection.ops.sequence_reset_sql(no_style(), [Publisher, Author, Tag, Book, Review, Through])
    if seq_sql:
        with connection.cursor() as cur:
            for sql in seq_sql:
                cur.execute(sql)
    return ddl


# --------------------------------------------------------------------------
# The querysets. Each entry is (name, lambda). The lambda's source text is
# recorded verbatim (read back from this file with ast). Names are unique.
# Everything below runs only in child mode, after django.setup().
# --------------------------------------------------------------------------
def build_queries():
    from django.db.models import (
        Avg, BooleanField, Case, CharField, Count, DecimalField, Exists,
        ExpressionWrapper, F, IntegerField, Max, Min, OuterRef, Q, StdDev,
        Subquery, Sum, Value, Variance, When,
    )
    from django.db.models.functions import (
        Coalesce, ExtractIsoWeekDay, ExtractIsoYear, ExtractQuarter, ExtractWeek,
        ExtractWeekDay, ExtractYear, Length, Lower, TruncDate, TruncMonth,
        TruncTime, TruncYear, Upper,
    )
    from store.models import Author, Book, Publisher, Review, Tag

    QUERIES = [
        # ---------------- basic lookups ----------------
        ("exact_title", lambda: Book.objects.filter(title="Go Concurrency")),
        ("exact_fk_id", lambda: Book.objects.filter(author=1)),
        ("exact_fk_attname", lambda: Book.objects.filter(author_id=2)),
        ("exact_none_is_null", lambda: Author.objects.filter(rating=None)),
        ("exact_bool_false", lambda: Book.objects.filter(is_published=False)),
        ("exact_empty_text", lambda: Review.objects.filter(comment="")),
        ("iexact_ascii", lambda: Book.objects.filter(title__iexact="go concurrency")),
        ("iexact_non_ascii_upper", lambda: Publisher.objects.filter(name__iexact="ÜNÏCODE PRESS")),
        ("iexact_non_ascii_tag", lambda: Tag.objects.filter(name__iexact="été")),
        ("iexact_none", lambda: Author.objects.filter(rating__iexact=None)),
        ("contains_upper", lambda: Book.objects.filter(title__contains="ORM")),
        ("contains_lower_case_sensitivity", lambda: Book.objects.filter(title__contains="orm")),
        ("contains_non_ascii_case", lambda: Book.objects.filter(title__contains="été")),
        ("icontains_ascii", lambda: Book.objects.filter(title__icontains="fantasy")),
        ("icontains_non_ascii_lower", lambda: Book.objects.filter(title__icontains="été")),
        ("icontains_non_ascii_upper", lambda: Book.objects.filter(title__icontains="ÉTÉ")),
        ("icontains_umlaut_author", lambda: Author.objects.filter(name__icontains="ÉLODIE")),
        ("icontains_empty_string", lambda: Book.objects.filter(title__icontains="")),
        ("contains_literal_percent", lambda: Book.objects.filter(title__contains="%")),
        ("contains_literal_underscore", lambda: Book.objects.filter(title__contains="_")),
        ("contains_percent_in_name", lambda: Author.objects.filter(name__contains="50%")),
        ("contains_underscores_in_name", lambda: Author.objects.filter(name__contains="_off_")),
        ("icontains_percent_underscore", lambda: Author.objects.filter(name__icontains="% _OFF")),
        ("startswith_percent", lambda: Book.objects.filter(title__startswith="100%")),
        ("startswith_case", lambda: Book.objects.filter(title__startswith="the")),
        ("istartswith_ascii", lambda: Book.objects.filter(title__istartswith="the")),
        ("istartswith_non_ascii", lambda: Book.objects.filter(title__istartswith="été")),
        ("endswith", lambda: Book.objects.filter(title__endswith="ORM")),
        ("endswith_underscore_literal", lambda: Author.objects.filter(name__endswith="_")),
        ("iendswith", lambda: Book.objects.filter(title__iendswith="orm")),
        ("iendswith_non_ascii", lambda: Author.objects.filter(name__iendswith="BRÛLÉ")),
        ("in_ids", lambda: Book.objects.filter(pk__in=[1, 3, 5])),
        ("in_strings", lambda: Tag.objects.filter(name__in=["classic", "ÉTÉ", "missing"])),
        ("in_empty_list", lambda: Book.objects.filter(pk__in=[])),
        ("in_with_none", lambda: Author.objects.filter(rating__in=[None, 5])),
        ("in_decimals", lambda: Book.objects.filter(price__in=[D("35"), D("12.00"), D("1.00")])),
        ("in_subquery_model", lambda: Book.objects.filter(author__in=Author.objects.filter(publisher__name="Penguin"))),
        ("in_subquery_values", lambda: Author.objects.filter(id__in=Book.objects.filter(price__gt=30).values("author"))),
        ("in_subquery_m2m", lambda: Book.objects.filter(tags__in=Tag.objects.filter(name__startswith="c"))),
        ("gt_decimal", lambda: Book.objects.filter(price__gt=D("25.25"))),
        ("gte_decimal", lambda: Book.objects.filter(price__gte=D("25.25"))),
        ("lt_int", lambda: Book.objects.filter(sales_count__lt=120)),
        ("lte_int", lambda: Book.objects.filter(sales_count__lte=120)),
        ("gt_date", lambda: Author.objects.filter(joined_date__gt=date(2021, 6, 30))),
        ("gte_datetime", lambda: Book.objects.filter(published_at__gte=dt(2022, 11, 20, 20, 20, 20))),
        ("gt_string", lambda: Book.objects.filter(title__gt="Go")),
        ("range_decimal", lambda: Book.objects.filter(price__range=(D("10"), D("20")))),
        ("range_datetime", lambda: Book.objects.filter(published_at__range=(dt(2021, 1, 1), dt(2022, 12, 31)))),
        ("range_date", lambda: Author.objects.filter(joined_date__range=(date(2021, 6, 30), date(2022, 11, 20)))),
        ("isnull_true_datetime", lambda: Book.objects.filter(published_at__isnull=True)),
        ("isnull_true_fk", lambda: Book.objects.filter(editor__isnull=True)),
        ("isnull_false_int", lambda: Author.objects.filter(rating__isnull=False)),
        ("isnull_reverse_fk", lambda: Author.objects.filter(books__isnull=True)),
        ("isnull_m2m", lambda: Book.objects.filter(tags__isnull=True)),
        ("regex", lambda: Book.objects.filter(title__regex=r"^[A-Z][a-z]+ [A-Z]")),
        ("regex_literal_percent", lambda: Book.objects.filter(title__regex=r"[0-9]+%")),
        ("regex_case_sensitive", lambda: Book.objects.filter(title__regex=r"^the")),
        ("iregex", lambda: Book.objects.filter(title__iregex=r"^the")),
        ("iregex_non_ascii", lambda: Book.objects.filter(title__iregex=r"^été")),
        ("iregex_alternation", lambda: Author.objects.filter(name__iregex=r"(doe|roe)$")),

        # ---------------- date / time transforms ----------------
        ("dt_date", lambda: Book.objects.filter(published_at__date=date(2021, 1, 10))),
        ("dt_date_gt", lambda: Book.objects.filter(published_at__date__gt=date(2022, 5, 1))),
        ("dt_date_range", lambda: Book.objects.filter(published_at__date__range=(date(2020, 12, 31), date(2021, 6, 30)))),
        ("dt_year", lambda: Book.objects.filter(published_at__year=2021)),
        ("dt_year_gte", lambda: Book.objects.filter(published_at__year__gte=2022)),
        ("dt_year_lt", lambda: Book.objects.filter(published_at__year__lt=2021)),
        ("dt_year_in", lambda: Book.objects.filter(published_at__year__in=[2020, 2023])),
        ("dt_iso_year", lambda: Book.objects.filter(published_at__iso_year=2020)),
        ("dt_month", lambda: Book.objects.filter(published_at__month=11)),
        ("dt_month_in", lambda: Book.objects.filter(published_at__month__in=[1, 7])),
        ("dt_day", lambda: Book.objects.filter(published_at__day=31)),
        ("dt_day_lte", lambda: Book.objects.filter(published_at__day__lte=10)),
        ("dt_week", lambda: Book.objects.filter(published_at__week=53)),
        ("dt_week_gte", lambda: Book.objects.filter(published_at__week__gte=26)),
        ("dt_week_day", lambda: Book.objects.filter(published_at__week_day=1)),
        ("dt_week_day_in", lambda: Book.objects.filter(published_at__week_day__in=[5, 6])),
        ("dt_iso_week_day", lambda: Book.objects.filter(published_at__iso_week_day=7)),
        ("dt_iso_week_day_lt", lambda: Book.objects.filter(published_at__iso_week_day__lt=5)),
        ("dt_quarter", lambda: Book.objects.filter(published_at__quarter=4)),
        ("dt_time", lambda: Book.objects.filter(published_at__time=time(12, 0))),
        ("dt_time_gte", lambda: Book.objects.filter(published_at__time__gte=time(18, 0))),
        ("dt_hour", lambda: Book.objects.filter(published_at__hour=0)),
        ("dt_hour_gte", lambda: Book.objects.filter(published_at__hour__gte=20)),
        ("dt_minute", lambda: Book.objects.filter(published_at__minute=59)),
        ("dt_minute_range", lambda: Book.objects.filter(published_at__minute__range=(10, 30))),
        ("dt_second", lambda: Book.objects.filter(published_at__second=20)),
        ("dt_exclude_hour_keeps_null", lambda: Book.objects.exclude(published_at__hour=0)),
        ("date_year", lambda: Author.objects.filter(joined_date__year=2021)),
        ("date_month_gte", lambda: Author.objects.filter(joined_date__month__gte=6)),
        ("date_week_day", lambda: Author.objects.filter(joined_date__week_day=7)),
        ("date_iso_week_day", lambda: Author.objects.filter(joined_date__iso_week_day=5)),
        ("date_quarter", lambda: Author.objects.filter(joined_date__quarter=1)),
        ("date_week", lambda: Author.objects.filter(joined_date__week=11)),
        ("date_iso_year", lambda: Author.objects.filter(joined_date__iso_year__gte=2022)),
        ("date_day", lambda: Author.objects.filter(joined_date__day=15)),
        ("fk_date_year", lambda: Book.objects.filter(author__joined_date__year=2021)),
        ("fk_date_month_gte", lambda: Book.objects.filter(author__joined_date__month__gte=6)),
        ("fk_date_week_day", lambda: Book.objects.filter(author__joined_date__week_day=6)),
        ("reverse_fk_dt_year_distinct", lambda: Author.objects.filter(books__published_at__year=2022).distinct()),
        ("reverse_fk_dt_quarter", lambda: Author.objects.filter(books__published_at__quarter=3)),
        ("dt_date_gt_fk_field", lambda: Book.objects.filter(published_at__date__gt=F("author__joined_date"))),

        # ---------------- relation traversal ----------------
        ("fk_depth2_exact", lambda: Book.objects.filter(author__publisher__name="Penguin")),
        ("fk_depth2_icontains_non_ascii", lambda: Book.objects.filter(author__publisher__name__icontains="ünï")),
        ("fk_depth2_isnull", lambda: Book.objects.filter(author__publisher__isnull=True)),
        ("fk_nullable_traversal", lambda: Book.objects.filter(editor__publisher__name="Penguin")),
        ("reverse_depth2_duplicates", lambda: Publisher.objects.filter(authors__books__title__icontains="fantasy")),
        ("reverse_depth2_distinct", lambda: Publisher.objects.filter(authors__books__title__icontains="fantasy").distinct()),
        ("reverse_depth2_price", lambda: Publisher.objects.filter(authors__books__price__gt=30).distinct()),
        ("reverse_depth3_reviews", lambda: Publisher.objects.filter(authors__books__reviews__stars=5)),
        ("reverse_related_name_edited", lambda: Author.objects.filter(edited_books__isnull=False).distinct()),
        ("fk_self_compare_f", lambda: Book.objects.filter(author=F("editor"))),
        ("fk_pk_gt", lambda: Book.objects.filter(author__pk__gt=2)),

        # ---------------- NULLs: filter vs exclude ----------------
        ("filter_rating_not_5_via_lt", lambda: Author.objects.filter(rating__lt=5)),
        ("exclude_rating_eq_includes_null", lambda: Author.objects.exclude(rating=5)),
        ("filter_not_q_rating_eq", lambda: Author.objects.filter(~Q(rating=5))),
        ("exclude_rating_gte", lambda: Author.objects.exclude(rating__gte=4)),
        ("exclude_rating_none", lambda: Author.objects.exclude(rating=None)),
        ("exclude_editor_id", lambda: Book.objects.exclude(editor=2)),
        ("exclude_editor_name", lambda: Book.objects.exclude(editor__name="Jane Roe")),
        ("filter_editor_name_ne_via_q", lambda: Book.objects.filter(~Q(editor__name="Jane Roe"), editor__isnull=False)),
        ("exclude_published_year", lambda: Book.objects.exclude(published_at__year=2021)),
        ("exclude_published_gt", lambda: Book.objects.exclude(published_at__gt=dt(2022, 1, 1))),
        ("filter_published_lte", lambda: Book.objects.filter(published_at__lte=dt(2022, 1, 1))),
        ("exclude_multi_valued_icontains", lambda: Author.objects.exclude(books__title__icontains="fantasy")),
        ("exclude_multi_valued_price", lambda: Author.objects.exclude(books__price__gt=30)),
        ("exclude_multi_valued_isnull", lambda: Author.objects.exclude(books__editor__isnull=True)),
        ("exclude_multi_valued_two_conditions", lambda: Author.objects.exclude(books__price__gt=30, books__sales_count__lt=1000)),
        ("exclude_reverse_nullable_rating", lambda: Publisher.objects.exclude(authors__rating=None)),
        ("exclude_m2m", lambda: Book.objects.exclude(tags__name="classic")),

        # ---------------- one filter() vs chained filter() on multi-valued ----------------
        ("mv_single_filter", lambda: Author.objects.filter(books__title__icontains="django", books__published_at__year=2020)),
        ("mv_chained_filter", lambda: Author.objects.filter(books__title__icontains="django").filter(books__published_at__year=2020)),
        ("mv_single_filter_rows", lambda: Author.objects.filter(books__price__gt=10, books__price__lt=100)),
        ("mv_chained_filter_rows", lambda: Author.objects.filter(books__price__gt=10).filter(books__price__lt=100)),
        ("mv_single_filter_count", lambda: Author.objects.filter(books__price__gt=10, books__price__lt=100).count()),
        ("mv_chained_filter_count", lambda: Author.objects.filter(books__price__gt=10).filter(books__price__lt=100).count()),
        ("mv_chained_filter_distinct_count", lambda: Author.objects.filter(books__price__gt=10).filter(books__price__lt=100).distinct().count()),
        ("m2m_chained_and", lambda: Book.objects.filter(tags__name="fantasy").filter(tags__name="classic")),
        ("m2m_single_and_impossible", lambda: Book.objects.filter(tags__name="fantasy", tags__name__startswith="c")),

        # ---------------- Q objects ----------------
        ("q_or", lambda: Book.objects.filter(Q(price__lt=15) | Q(sales_count__gt=1000))),
        ("q_and_not", lambda: Book.objects.filter(Q(is_published=True) & ~Q(author__name="John Doe"))),
        ("q_not_or_isnull", lambda: Book.objects.filter(~Q(is_published=True) | Q(editor__isnull=True))),
        ("q_nested", lambda: Book.objects.filter((Q(author__name="John Doe") | Q(author__name="Jane Roe")) & ~Q(price__gt=100))),
        ("q_nested_deep", lambda: Book.objects.filter(Q(Q(price__lt=20) & ~Q(tags__name="ÉTÉ")) | Q(Q(sales_count__gte=1500) & Q(published_at__year__lt=2022)))),
        ("q_or_multi_valued_duplicates", lambda: Author.objects.filter(Q(books__price__gt=100) | Q(rating__gte=4))),
        ("q_empty", lambda: Book.objects.filter(Q())),
        ("q_or_with_empty_in", lambda: Book.objects.filter(Q(pk__in=[]) | Q(title="Go Concurrency"))),
        ("q_not_empty_in", lambda: Book.objects.filter(~Q(pk__in=[]))),
        ("q_kwargs_and_q", lambda: Book.objects.filter(Q(price__gt=15) | Q(stock_level=0), is_published=True)),

        # ---------------- F expressions ----------------
        ("f_compare_mul", lambda: Book.objects.filter(sales_count__gt=F("stock_level") * 100)),
        ("f_compare_int_div", lambda: Book.objects.filter(stock_level__lt=F("sales_count") / 100)),
        ("f_compare_fields", lambda: Book.objects.filter(stock_level__gt=F("author__rating"))),
        ("f_annotate_diff_filter", lambda: Book.objects.annotate(diff=F("sales_count") - F("stock_level")).filter(diff__gt=500)),
        ("f_annotate_revenue", lambda: Book.objects.annotate(revenue=ExpressionWrapper(F("price") * F("sales_count"), output_field=DecimalField(max_digits=12, decimal_places=2))).order_by("id").values("id", "revenue")),
        ("f_int_arith_values", lambda: Book.objects.annotate(x=(F("sales_count") + F("stock_level")) * 2 - 1, y=F("sales_count") % 7).order_by("id").values("id", "x", "y")),

        # ---------------- ordering ----------------
        ("order_price_desc", lambda: Book.objects.order_by("-price")),
        ("order_title", lambda: Book.objects.order_by("title")),
        ("order_lower_title", lambda: Book.objects.order_by(Lower("title"), "id")),
        ("order_related_then_desc", lambda: Book.objects.order_by("author__name", "-price")),
        ("order_depth2_desc", lambda: Book.objects.order_by("-author__publisher__name", "title")),
        ("order_rating_asc_nulls", lambda: Author.objects.order_by("rating", "id")),
        ("order_rating_desc_nulls", lambda: Author.objects.order_by("-rating", "id")),
        ("order_rating_nulls_last", lambda: Author.objects.order_by(F("rating").asc(nulls_last=True), "id")),
        ("order_rating_desc_nulls_last", lambda: Author.objects.order_by(F("rating").desc(nulls_last=True), "id")),
        ("order_rating_nulls_first", lambda: Author.objects.order_by(F("rating").asc(nulls_first=True), "id")),
        ("order_published_at_nulls", lambda: Book.objects.order_by("published_at", "id")),
        ("order_nullable_fk_name", lambda: Book.objects.order_by("editor__name", "id")),
        ("order_author_publisher_name", lambda: Author.objects.order_by("publisher__name", "-id")),
        ("order_reverse", lambda: Book.objects.order_by("price").reverse()),
        ("order_annotation", lambda: Author.objects.annotate(n=Count("books")).order_by("-n", "name")),
        ("order_multi_valued_duplicates", lambda: Author.objects.order_by("books__price", "id")),
        ("order_slice", lambda: Book.objects.order_by("-price")[:3]),
        ("order_slice_offset", lambda: Book.objects.order_by("id")[2:5]),

        # ---------------- distinct / values / values_list ----------------
        ("values_distinct_author", lambda: Book.objects.values("author").distinct()),
        ("values_distinct_bool", lambda: Book.objects.values("is_published").distinct()),
        ("values_list_distinct_depth2_null", lambda: Book.objects.values_list("author__publisher__name", flat=True).distinct()),
        ("values_list_distinct_m2m", lambda: Author.objects.filter(books__tags__name="classic").values_list("name", flat=True).distinct()),
        ("values_distinct_order_by_other_field", lambda: Book.objects.values("author_id").order_by("price").distinct()),
        ("values_related_paths", lambda: Book.objects.filter(pk__in=[1, 2, 4]).order_by("id").values("id", "title", "price", "published_at", "is_published", "author__name", "author__joined_date", "author__publisher__name")),
        ("values_reverse_fk_nulls", lambda: Author.objects.order_by("name", "books__title").values("name", "books__title")),
        ("values_list_m2m", lambda: Book.objects.order_by("id", "tags__name").values_list("id", "tags__name")),
        ("values_list_flat_price", lambda: Book.objects.order_by("id").values_list("price", flat=True)),
        ("values_list_named", lambda: Author.objects.order_by("id").values_list("id", "rating", "publisher__name", named=True)),
        ("values_expression_upper", lambda: Book.objects.order_by("id").values("id", up=Upper("title"), n=Length("title"))),
        ("values_fk_id_and_traversal", lambda: Book.objects.order_by("id").values("author", "editor", "editor__name")),

        # ---------------- count / exists / first / last ----------------
        ("count_all", lambda: Book.objects.count()),
        ("count_slice", lambda: Book.objects.order_by("id")[2:5].count()),
        ("count_slice_open", lambda: Book.objects.order_by("id")[6:].count()),
        ("count_m2m_duplicates", lambda: Book.objects.filter(tags__name__in=["fantasy", "classic"]).count()),
        ("count_m2m_distinct", lambda: Book.objects.filter(tags__name__in=["fantasy", "classic"]).distinct().count()),
        ("m2m_in_duplicates", lambda: Book.objects.filter(tags__name__in=["fantasy", "classic"])),
        ("exists_false", lambda: Book.objects.filter(price__gt=1000).exists()),
        ("exists_true", lambda: Book.objects.filter(title__startswith="Go").exists()),
        ("exists_slice_empty", lambda: Book.objects.order_by("id")[10:].exists()),
        ("exists_slice_nonempty", lambda: Book.objects.order_by("id")[7:].exists()),
        ("index_single", lambda: Book.objects.order_by("id")[3]),
        ("first_default_pk", lambda: Book.objects.first()),
        ("first_ordered", lambda: Book.objects.order_by("price").first()),
        ("last_ordered", lambda: Book.objects.order_by("price").last()),
        ("last_default_pk", lambda: Author.objects.last()),
        ("first_empty", lambda: Book.objects.filter(price__gt=1000).first()),
        ("first_nullable_order", lambda: Author.objects.order_by("rating", "id").first()),
        ("last_nullable_order", lambda: Author.objects.order_by("rating", "id").last()),
        ("first_iexact_non_ascii", lambda: Tag.objects.filter(name__iexact="été").first()),

        # ---------------- aggregate ----------------
        ("agg_basic", lambda: Book.objects.aggregate(n=Count("id"), sales=Sum("sales_count"), avg_price=Avg("price"), min_price=Min("price"), max_pub=Max("published_at"))),
        ("agg_sum_decimal", lambda: Book.objects.aggregate(total=Sum("price"))),
        ("agg_nullable_int", lambda: Author.objects.aggregate(avg_rating=Avg("rating"), n_rating=Count("rating"), n_all=Count("*"), sum_rating=Sum("rating"))),
        ("agg_stddev_variance", lambda: Book.objects.aggregate(sd=StdDev("sales_count"), var=Variance("sales_count"), sd_s=StdDev("sales_count", sample=True), var_s=Variance("stock_level", sample=True))),
        ("agg_count_distinct", lambda: Book.objects.aggregate(n_authors=Count("author", distinct=True), n_editors=Count("editor", distinct=True), n_rows=Count("author"))),
        ("agg_filter", lambda: Book.objects.aggregate(pub=Count("id", filter=Q(is_published=True)), unpub=Count("id", filter=Q(is_published=False)), pub_sales=Sum("sales_count", filter=Q(is_published=True)))),
        ("agg_empty_set", lambda: Book.objects.filter(price__gt=1000).aggregate(s=Sum("price"), c=Count("id"), m=Max("price"), a=Avg("sales_count"))),
        ("agg_empty_set_coalesce_default", lambda: Book.objects.filter(price__gt=1000).aggregate(s=Coalesce(Sum("sales_count"), 0), p=Coalesce(Sum("price"), Value(D("0")), output_field=DecimalField()))),
        ("agg_avg_int", lambda: Book.objects.aggregate(avg_sales=Avg("sales_count"), avg_stock=Avg("stock_level"))),
        ("agg_avg_join_inflated", lambda: Book.objects.aggregate(avg_sales=Avg("sales_count"), avg_stars=Avg("reviews__stars"))),
        ("agg_on_empty_in", lambda: Book.objects.filter(pk__in=[]).aggregate(n=Count("id"), s=Sum("price"))),
        ("count_on_empty_in", lambda: Book.objects.filter(pk__in=[]).count()),
        ("exists_on_empty_in", lambda: Book.objects.filter(pk__in=[]).exists()),
        ("agg_over_annotation", lambda: Author.objects.annotate(n=Count("books")).aggregate(avg_n=Avg("n"), max_n=Max("n"), total=Sum("n"))),
        ("agg_across_depth2", lambda: Publisher.objects.aggregate(total_sales=Sum("authors__books__sales_count"), n=Count("authors__books"))),
        ("agg_m2m_join_duplicates", lambda: Tag.objects.aggregate(s=Sum("books__sales_count"), n=Count("books"), nd=Count("books", distinct=True))),
        ("agg_min_max_text", lambda: Book.objects.aggregate(lo=Min("title"), hi=Max("title"))),
        ("agg_on_filtered", lambda: Review.objects.filter(book__author__name="Jane Roe").aggregate(avg=Avg("stars"), n=Count("id"))),
        ("agg_count_case", lambda: Book.objects.aggregate(cheap=Count(Case(When(price__lt=20, then=1))), pricey=Sum(Case(When(price__gte=20, then=1), default=0)))),

        # ---------------- annotate + HAVING ----------------
        ("annotate_count_values", lambda: Author.objects.annotate(n=Count("books")).order_by("id").values("id", "n")),
        ("annotate_count_having_gte", lambda: Author.objects.annotate(n=Count("books")).filter(n__gte=2)),
        ("annotate_count_having_zero", lambda: Author.objects.annotate(n=Count("books")).filter(n=0)),
        ("annotate_count_exclude", lambda: Author.objects.annotate(n=Count("books")).exclude(n=2)),
        ("annotate_having_or_where", lambda: Author.objects.annotate(n=Count("books")).filter(Q(n__gte=2) | Q(rating=4))),
        ("annotate_sum_order_nulls", lambda: Author.objects.annotate(n=Count("books"), s=Sum("books__sales_count")).order_by("-s", "id").values("id", "n", "s")),
        ("annotate_two_joins_inflated", lambda: Author.objects.annotate(nb=Count("books"), ne=Count("edited_books")).order_by("id").values("id", "nb", "ne")),
        ("annotate_two_joins_distinct", lambda: Author.objects.annotate(nb=Count("books", distinct=True), ne=Count("edited_books", distinct=True)).order_by("id").values("id", "nb", "ne")),
        ("annotate_nested_reverse_count", lambda: Publisher.objects.annotate(n=Count("authors__books")).order_by("id").values("id", "n")),
        ("annotate_avg_reverse", lambda: Book.objects.annotate(avg_stars=Avg("reviews__stars"), n=Count("reviews")).order_by("id").values("id", "avg_stars", "n")),
        ("filter_before_annotate", lambda: Author.objects.filter(books__price__gt=20).annotate(n=Count("books")).order_by("id").values("id", "n")),
        ("filter_after_annotate", lambda: Author.objects.annotate(n=Count("books")).filter(books__price__gt=20).order_by("id").values("id", "n")),
        ("annotate_count_filter_arg", lambda: Author.objects.annotate(pub=Count("books", filter=Q(books__is_published=True))).order_by("id").values("id", "pub")),
        ("annotate_m2m_count_having", lambda: Tag.objects.annotate(n=Count("books")).filter(n__gt=1).order_by("-n", "name")),

        # ---------------- values().annotate() grouping ----------------
        ("group_by_author_name", lambda: Book.objects.values("author__name").annotate(n=Count("id"), total=Sum("sales_count")).order_by("author__name")),
        ("group_by_bool", lambda: Book.objects.values("is_published").annotate(n=Count("id"), avg=Avg("price")).order_by("is_published")),
        ("group_by_depth2_nullable", lambda: Book.objects.values("author__publisher__name").annotate(n=Count("id")).order_by("author__publisher__name")),
        ("group_by_having", lambda: Review.objects.values("book__title").annotate(avg=Avg("stars"), c=Count("id")).filter(c__gt=1).order_by("book__title")),
        ("group_by_m2m", lambda: Book.objects.values("tags__name").annotate(n=Count("id")).order_by("-n", "tags__name")),
        ("group_by_then_values", lambda: Book.objects.values("author").annotate(mx=Max("price")).values("author", "mx").order_by("author")),

        # ---------------- Case / When ----------------
        ("case_price_band", lambda: Book.objects.annotate(band=Case(When(price__lt=15, then=Value("cheap")), When(price__lt=50, then=Value("mid")), default=Value("expensive"), output_field=CharField())).order_by("id").values("id", "band")),
        ("case_filter_on_annotation", lambda: Book.objects.annotate(band=Case(When(price__lt=15, then=Value("cheap")), When(price__lt=50, then=Value("mid")), default=Value("expensive"), output_field=CharField())).filter(band="mid")),
        ("case_related_bool", lambda: Book.objects.annotate(penguin=Case(When(author__publisher__name="Penguin", then=Value(True)), default=Value(False), output_field=BooleanField())).order_by("id").values("id", "penguin")),
        ("case_order_nulls_as_zero", lambda: Author.objects.order_by(Case(When(rating=None, then=Value(0)), default=F("rating"), output_field=IntegerField()).desc(), "id")),
        ("case_no_default_null", lambda: Author.objects.annotate(r=Case(When(rating__gte=4, then=Value("good")), output_field=CharField())).order_by("id").values("id", "r")),

        # ---------------- Exists / OuterRef / Subquery ----------------
        ("exists_filter", lambda: Author.objects.filter(Exists(Book.objects.filter(author=OuterRef("pk"), price__gt=30)))),
        ("not_exists_filter", lambda: Author.objects.filter(~Exists(Book.objects.filter(author=OuterRef("pk"))))),
        ("exists_annotate", lambda: Author.objects.annotate(has5=Exists(Review.objects.filter(book__author=OuterRef("pk"), stars=5))).order_by("id").values("id", "has5")),
        ("exists_depth2_m2m", lambda: Publisher.objects.filter(Exists(Book.objects.filter(author__publisher=OuterRef("pk"), tags__name="classic")))),
        ("subquery_latest_title_nulls", lambda: Author.objects.annotate(latest=Subquery(Book.objects.filter(author=OuterRef("pk")).order_by("-published_at").values("title")[:1])).order_by("id").values("id", "latest")),
        ("subquery_latest_title_nulls_last", lambda: Author.objects.annotate(latest=Subquery(Book.objects.filter(author=OuterRef("pk")).order_by(F("published_at").desc(nulls_last=True)).values("title")[:1])).order_by("id").values("id", "latest")),
        ("subquery_count", lambda: Book.objects.annotate(n_reviews=Subquery(Review.objects.filter(book=OuterRef("pk")).values("book").annotate(c=Count("id")).values("c"))).order_by("id").values("id", "n_reviews")),
        ("subquery_above_author_avg", lambda: Book.objects.filter(price__gt=Subquery(Book.objects.filter(author=OuterRef("author")).values("author").annotate(a=Avg("price")).values("a")))),
        ("subquery_outerref_fk_name", lambda: Book.objects.annotate(pub=Subquery(Publisher.objects.filter(pk=OuterRef("author__publisher")).values("name"))).order_by("id").values("id", "pub")),

        # ---------------- Trunc ----------------
        ("trunc_month_count", lambda: Book.objects.annotate(m=TruncMonth("published_at")).values("m").annotate(n=Count("id")).order_by("m")),
        ("trunc_year_count", lambda: Book.objects.filter(published_at__isnull=False).annotate(y=TruncYear("published_at")).values("y").annotate(n=Count("id"), s=Sum("sales_count")).order_by("y")),
        ("trunc_year_datefield", lambda: Author.objects.annotate(y=TruncYear("joined_date")).values("y").annotate(n=Count("id")).order_by("y")),
        ("extract_values_per_row", lambda: Book.objects.annotate(y=ExtractYear("published_at"), iy=ExtractIsoYear("published_at"), w=ExtractWeek("published_at"), wd=ExtractWeekDay("published_at"), iwd=ExtractIsoWeekDay("published_at"), q=ExtractQuarter("published_at"), d=TruncDate("published_at"), t=TruncTime("published_at")).order_by("id").values("id", "y", "iy", "w", "wd", "iwd", "q", "d", "t")),
        ("extract_values_datefield", lambda: Author.objects.annotate(iy=ExtractIsoYear("joined_date"), w=ExtractWeek("joined_date"), wd=ExtractWeekDay("joined_date"), iwd=ExtractIsoWeekDay("joined_date"), q=ExtractQuarter("joined_date"), m=TruncMonth("joined_date")).order_by("id").values("id", "iy", "w", "wd", "iwd", "q", "m")),
        ("trunc_date_filter", lambda: Book.objects.annotate(d=TruncDate("published_at")).filter(d=date(2022, 11, 20))),
        ("extract_year_group", lambda: Book.objects.annotate(y=ExtractYear("published_at")).values("y").annotate(n=Count("id")).order_by(F("y").asc(nulls_first=True))),

        # ---------------- Coalesce ----------------
        ("coalesce_rating_values", lambda: Author.objects.annotate(r=Coalesce("rating", Value(0))).order_by("id").values("id", "r")),
        ("coalesce_rating_filter", lambda: Author.objects.annotate(r=Coalesce("rating", 0)).filter(r__lt=4)),
        ("coalesce_related_names", lambda: Book.objects.annotate(who=Coalesce("editor__name", "author__name")).order_by("id").values("id", "who")),
        ("coalesce_sum", lambda: Author.objects.annotate(total=Coalesce(Sum("books__sales_count"), 0)).order_by("total", "id").values("id", "total")),

        # ---------------- set operations ----------------
        ("union", lambda: Book.objects.filter(price__lt=15).union(Book.objects.filter(sales_count__gt=1000))),
        ("union_all_duplicates", lambda: Book.objects.filter(price__lt=20).union(Book.objects.filter(is_published=False), all=True)),
        ("union_ordered", lambda: Book.objects.filter(price__lt=15).union(Book.objects.filter(sales_count__gt=1000)).order_by("-price")),
        ("union_count", lambda: Book.objects.filter(price__lt=15).union(Book.objects.filter(price__gt=100), Book.objects.filter(price__lt=11)).count()),
        ("union_values_list_cross_model", lambda: Author.objects.values_list("name", flat=True).union(Publisher.objects.values_list("name", flat=True)).order_by("name")),
        ("intersection", lambda: Book.objects.filter(price__lt=30).intersection(Book.objects.filter(is_published=True))),
        ("difference", lambda: Book.objects.filter(price__lt=30).difference(Book.objects.filter(tags__name="ÉTÉ"))),
        ("difference_values", lambda: Author.objects.values_list("id", flat=True).difference(Book.objects.values_list("author_id", flat=True))),

        # ---------------- many-to-many ----------------
        ("m2m_tag_name", lambda: Book.objects.filter(tags__name="classic")),
        ("m2m_tag_iexact_non_ascii", lambda: Book.objects.filter(tags__name__iexact="été")),
        ("m2m_pk", lambda: Book.objects.filter(tags=3)),
        ("m2m_depth2_reverse", lambda: Author.objects.filter(books__tags__name="classic")),
        ("m2m_depth2_reverse_distinct", lambda: Author.objects.filter(books__tags__name="sci-fi").distinct()),
        ("m2m_reverse_to_fk_depth2", lambda: Tag.objects.filter(books__author__publisher__name="Tor").distinct()),
        ("m2m_reverse_duplicates", lambda: Tag.objects.filter(books__author__name="John Doe")),
        ("m2m_reverse_isnull", lambda: Tag.objects.filter(books__isnull=True)),
        ("m2m_count_values", lambda: Tag.objects.annotate(n=Count("books")).order_by("name").values("name", "n")),
    ]
    return QUERIES


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------
def norm_value(v):
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            raise ValueError("naive datetime in result: %r" % v)
        s = v.astimezone(UTC).replace(tzinfo=None).isoformat()
        return s + "Z"
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [norm_value(x) for x in v]
    if isinstance(v, dict):
        return {k: norm_value(x) for k, x in v.items()}
    if hasattr(v, "_meta"):  # model instance
        return v.pk
    raise TypeError("cannot normalise %r" % (v,))


def sort_key(item):
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def run_one(fn):
    """Evaluate a query lambda; return (kind, ordered, result)."""
    from django.db.models import QuerySet
    from django.db.models.query import ModelIterable, ValuesIterable, ValuesListIterable, FlatValuesListIterable

    obj = fn()
    if isinstance(obj, QuerySet):
        ordered = bool(obj.ordered)
        rows = list(obj)
        it = obj._iterable_class
        if it is ModelIterable:
            kind, result = "ids", [r.pk for r in rows]
        elif it is ValuesIterable:
            kind, result = "values", [norm_value(r) for r in rows]
        elif it is FlatValuesListIterable:
            kind, result = "flat", [norm_value(r) for r in rows]
        elif issubclass(it, ValuesListIterable) or it.__name__ == "NamedValuesListIterable":
            kind, result = "values_list", [norm_value(list(r)) for r in rows]
        else:
            raise TypeError("unknown iterable class %r" % it)
        if not ordered:
            result = sorted(result, key=sort_key)
        return kind, ordered, result
    if hasattr(obj, "_meta"):
        return "instance", False, obj.pk
    if obj is None:
        return "instance", False, None
    if isinstance(obj, dict):
        return "aggregate", False, norm_value(obj)
    if isinstance(obj, bool):
        return "bool", False, obj
    if isinstance(obj, int):
        return "int", False, obj
    raise TypeError("unexpected result %r" % (obj,))


def lambda_sources():
    """Map query name -> source text of its lambda body, read from this file."""
    path = os.path.abspath(__file__)
    with open(path, encoding="utf-8") as f:
        src = f.read()
    tree = ast.parse(src)
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "QUERIES" for t in node.targets
        ):
            for elt in node.value.elts:
                name = elt.elts[0].value
                body = elt.elts[1].body
                seg = ast.get_source_segment(src, body)
                out[name] = " ".join(line.strip() for line in seg.splitlines())
    return out


def child(backend, out_path):
    setup_django(backend)
    reset_database(backend)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ddl = create_schema_and_data()
    queries = build_queries()
    names = [n for n, _ in queries]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        sys.exit("duplicate query names: %s" % dupes)
    sources = lambda_sources()

    entries = []
    for name, fn in queries:
        with CaptureQueriesContext(connection) as ctx:
            try:
                kind, ordered, result = run_one(fn)
                error = None
            except Exception as e:  # recorded, never fatal
                kind, ordered, result = "error", False, None
                error = "%s: %s" % (type(e).__name__, e)
        entries.append({
            "name": name,
            "python": sources[name],
            "kind": kind,
            "ordered": ordered,
            "result": result,
            "error": error,
            "sql": [q["sql"] for q in ctx.captured_queries],
        })
    info = {
        "backend": backend,
        "vendor": connection.vendor,
        "server_version": (
            connection.pg_version if backend == "postgres"
            else connection.connection.execute("select sqlite_version()").fetchone()[0]
        ),
    }
    import django
    info["django"] = django.get_version()
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"info": info, "ddl": ddl, "entries": entries}, f, ensure_ascii=False)


# --------------------------------------------------------------------------
# Parent: run both backends, merge
# --------------------------------------------------------------------------
def numerically_equal(a, b):
    """Loose comparison: decimals compared as numbers, floats with tolerance."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(numerically_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(numerically_equal(a[k], b[k]) for k in a)
    if isinstance(a, str) and isinstance(b, str):
        if a == b:
            return True
        try:
            return D(a) == D(b)
        except decimal.InvalidOperation:
            return False
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
            return False
        try:
            return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)), abs(float(b)))
        except (TypeError, ValueError):
            return False
    return a == b


def dataset_json():
    def rows(cols, data):
        return [dict(zip(cols, [norm_value(v) for v in r])) for r in data]

    return {
        "publisher": rows(["id", "name"], PUBLISHERS),
        "author": rows(["id", "name", "joined_date", "rating", "publisher_id"], AUTHORS),
        "tag": rows(["id", "name"], TAGS),
        "book": rows(["id", "title", "author_id", "editor_id", "price", "sales_count",
                      "stock_level", "is_published", "published_at"], BOOKS),
        "book_tags": rows(["id", "book_id", "tag_id"], book_tag_rows()),
        "review": rows(["id", "book_id", "stars", "comment"], REVIEWS),
    }


def parent():
    os.makedirs(TMP_DIR, exist_ok=True)
    os.makedirs(OUT_DIR, exist_ok=True)
    dumps = {}
    for backend in ("sqlite", "postgres"):
        out = os.path.join(TMP_DIR, "%s.json" % backend)
        if os.path.exists(out):
            os.remove(out)
        subprocess.run([sys.executable, os.path.abspath(__file__), "--backend", backend,
                        "--out", out], check=True)
        with open(out, encoding="utf-8") as f:
            dumps[backend] = json.load(f)

    s_entries = dumps["sqlite"]["entries"]
    p_entries = dumps["postgres"]["entries"]
    assert [e["name"] for e in s_entries] == [e["name"] for e in p_entries]
    merged, diffs = [], []
    for s, p in zip(s_entries, p_entries):
        same = (s["result"] == p["result"] and s["kind"] == p["kind"]
                and s["ordered"] == p["ordered"] and s["error"] == p["error"])
        e = {
            "name": s["name"],
            "python": s["python"],
            "kind": p["kind"],
            "ordered": p["ordered"],
            "result": p["result"],
            "sql_sqlite": s["sql"],
            "sql_postgres": p["sql"],
            "same_on_both": same,
        }
        if s["error"] or p["error"]:
            e["error_sqlite"] = s["error"]
            e["error_postgres"] = p["error"]
        if not same:
            e["result_sqlite"] = s["result"]
            e["result_postgres"] = p["result"]
            e["same_numerically"] = (s["error"] == p["error"]
                                     and numerically_equal(s["result"], p["result"]))
            diffs.append(e["name"])
        merged.append(e)

    def write(name, data):
        with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.write("\n")

    write("reference.json", merged)
    write("dataset.json", dataset_json())
    for backend in ("sqlite", "postgres"):
        with open(os.path.join(OUT_DIR, "schema_%s.sql" % backend), "w", encoding="utf-8") as f:
            f.write("-- Generated by tools/djangoref/gen.py (Django %s, %s %s). Do not edit.\n"
                    % (dumps[backend]["info"]["django"], backend, dumps[backend]["info"]["server_version"]))
            for stmt in dumps[backend]["ddl"]:
                f.write(stmt.rstrip(";") + ";\n")

    errors = [e["name"] for e in merged if "error_sqlite" in e]
    print("%d querysets written to %s" % (len(merged), os.path.join(OUT_DIR, "reference.json")))
    print("differ between sqlite and postgres (%d): %s" % (len(diffs), ", ".join(diffs)))
    if errors:
        print("raised an error on some backend (%d): %s" % (len(errors), ", ".join(errors)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", choices=["sqlite", "postgres"], help="(internal) child mode")
    ap.add_argument("--out", help="(internal) child output file")
    args = ap.parse_args()
    if args.backend:
        child(args.backend, args.out)
    else:
        parent()


if __name__ == "__main__":
    main()
