-- ddl
CREATE TABLE IF NOT EXISTS "publisher" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL);
CREATE TABLE IF NOT EXISTS "author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "joined_date" date NOT NULL, "rating" integer CONSTRAINT "rating_djorm_range" CHECK ("rating" BETWEEN -2147483648 AND 2147483647 AND "rating" = CAST("rating" AS INTEGER)), "publisher_id" bigint REFERENCES "publisher" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE IF NOT EXISTS "tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
CREATE TABLE IF NOT EXISTS "book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "author_id" bigint NOT NULL REFERENCES "author" ("id") DEFERRABLE INITIALLY DEFERRED, "editor_id" bigint REFERENCES "author" ("id") DEFERRABLE INITIALLY DEFERRED, "price" decimal NOT NULL, "sales_count" bigint DEFAULT 0 NOT NULL CONSTRAINT "sales_count_djorm_range" CHECK ("sales_count" BETWEEN -9223372036854775808 AND 9223372036854775807 AND "sales_count" = CAST("sales_count" AS INTEGER)), "stock_level" bigint DEFAULT 0 NOT NULL CONSTRAINT "stock_level_djorm_range" CHECK ("stock_level" BETWEEN -9223372036854775808 AND 9223372036854775807 AND "stock_level" = CAST("stock_level" AS INTEGER)), "is_published" bool DEFAULT 1 NOT NULL, "published_at" datetime);
CREATE TABLE IF NOT EXISTS "review" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" bigint NOT NULL REFERENCES "book" ("id") DEFERRABLE INITIALLY DEFERRED, "stars" bigint NOT NULL CONSTRAINT "stars_djorm_range" CHECK ("stars" BETWEEN -9223372036854775808 AND 9223372036854775807 AND "stars" = CAST("stars" AS INTEGER)), "comment" text NOT NULL);
CREATE TABLE IF NOT EXISTS "g_place" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
CREATE TABLE IF NOT EXISTS "g_restaurant" ("gplace_ptr_id" bigint NOT NULL PRIMARY KEY REFERENCES "g_place" ("id") DEFERRABLE INITIALLY DEFERRED, "rating" integer CONSTRAINT "rating_djorm_range" CHECK ("rating" BETWEEN -2147483648 AND 2147483647 AND "rating" = CAST("rating" AS INTEGER)));
CREATE TABLE IF NOT EXISTS "book_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" bigint NOT NULL REFERENCES "book" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" bigint NOT NULL REFERENCES "tag" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "book_tags_book_id_tag_id_d1b23c07_uniq" UNIQUE ("book_id", "tag_id"));
CREATE INDEX "author_publisher_id_8702ffe6_idx" ON "author" ("publisher_id");
CREATE INDEX "book_title_3d45e870_idx" ON "book" ("title");
CREATE INDEX "book_author_id_fa04c5b8_idx" ON "book" ("author_id");
CREATE INDEX "book_editor_id_f5f0e617_idx" ON "book" ("editor_id");
CREATE INDEX "review_book_id_f3957863_idx" ON "review" ("book_id");
CREATE INDEX "book_tags_book_id_9d6fe0cb_idx" ON "book_tags" ("book_id");
CREATE INDEX "book_tags_tag_id_db1ab8fa_idx" ON "book_tags" ("tag_id");

-- filter_related_year
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" INNER JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "author"."joined_date" > ?;
--   args: ["2020-12-31"]

-- icontains_escapes_wildcards
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE djorm_upper("book"."title") LIKE djorm_upper(?) ESCAPE '!';
--   args: ["%50!%!_!!%"]

-- startswith_endswith_contains
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE ("book"."title" GLOB ? AND "book"."title" GLOB ? AND "book"."title" GLOB ?);
--   args: ["*ORM*", "*n", "Dj[*]*"]

-- exclude_nullable_keeps_null
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id" FROM "author" WHERE NOT ("author"."rating" = ? AND "author"."rating" IS NOT NULL);
--   args: [5]

-- exclude_multi_valued_subquery
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id" FROM "author" WHERE NOT (EXISTS(SELECT 1 AS "a" FROM "book" "U1" WHERE (djorm_upper("U1"."title") LIKE djorm_upper(?) ESCAPE '!' AND "U1"."author_id" = "author"."id")));
--   args: ["%fantasy%"]

-- multi_valued_one_filter_shares_join
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id" FROM "author" INNER JOIN "book" ON ("author"."id" = "book"."author_id") WHERE ("book"."price" > ? AND djorm_upper("book"."title") LIKE djorm_upper(?) ESCAPE '!');
--   args: ["30", "%orm%"]

-- multi_valued_two_filters_two_joins
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id" FROM "author" INNER JOIN "book" ON ("author"."id" = "book"."author_id") INNER JOIN "book" "T3" ON ("author"."id" = "T3"."author_id") WHERE (djorm_upper("book"."title") LIKE djorm_upper(?) ESCAPE '!' AND "T3"."price" > ?);
--   args: ["%orm%", "30"]

-- q_or_and_not
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE (("book"."stock_level" = ? OR "book"."is_published" = ?) AND NOT ("book"."sales_count" >= ?));
--   args: [0, false, 100]

-- or_across_nullable_fk_left_join
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" LEFT OUTER JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE ("author"."name" = ? OR "book"."price" < ?);
--   args: ["Jane Roe", "20"]

-- f_comparison
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."stock_level" > "book"."sales_count";

-- order_slice
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" INNER JOIN "author" ON ("book"."author_id" = "author"."id") ORDER BY "book"."sales_count" DESC, "author"."name" ASC LIMIT 3 OFFSET 2;

-- offset_only_and_nulls_last
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id" FROM "author" ORDER BY "author"."rating" DESC NULLS LAST LIMIT -1 OFFSET 3;

-- values_related
SELECT "book"."title", "book"."price", "author"."name" FROM "book" INNER JOIN "author" ON ("book"."author_id" = "author"."id");

-- values_distinct
SELECT DISTINCT "author"."name" FROM "book" INNER JOIN "author" ON ("book"."author_id" = "author"."id");

-- only_defer
SELECT "book"."id", "book"."title", "book"."price" FROM "book";
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published" FROM "book";

-- count_exists_first_last
SELECT COUNT(*) AS "__count" FROM "book" WHERE "book"."is_published" = ?;
--   args: [true]
SELECT COUNT(*) FROM (SELECT "book"."id" AS "col1", "book"."title" AS "col2", "book"."author_id" AS "col3", "book"."editor_id" AS "col4", "book"."price" AS "col5", "book"."sales_count" AS "col6", "book"."stock_level" AS "col7", "book"."is_published" AS "col8", "book"."published_at" AS "col9" FROM "book" WHERE "book"."is_published" = ? LIMIT 3) "subquery";
--   args: [true]
SELECT 1 AS "a" FROM "book" WHERE "book"."is_published" = ? LIMIT 1;
--   args: [true]
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."is_published" = ? ORDER BY "book"."price" ASC LIMIT 1;
--   args: [true]
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."is_published" = ? ORDER BY "book"."id" DESC LIMIT 1;
--   args: [true]

-- aggregate
SELECT SUM("book"."sales_count") AS "total_sales", CAST(AVG("book"."price") AS decimal) AS "avg_price", CAST(MAX("book"."price") AS decimal) AS "price__max" FROM "book";

-- aggregate_coalesce_and_sliced
SELECT COALESCE(SUM("book"."sales_count"), ?) AS "safe_total" FROM "book";
--   args: [0]
SELECT CAST(SUM("__col1") AS decimal) AS "price__sum" FROM (SELECT "book"."price" AS "__col1" FROM "book" ORDER BY "book"."price" ASC LIMIT 3) "subquery";

-- annotate_count_having
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id", COUNT("book"."id") AS "total_books" FROM "author" LEFT OUTER JOIN "book" ON ("author"."id" = "book"."author_id") GROUP BY "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id" HAVING COUNT("book"."id") >= ? ORDER BY "total_books" DESC;
--   args: [2]

-- annotate_count_filtered
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id", COUNT("book"."id") FILTER (WHERE "book"."is_published" = ?) AS "published_count" FROM "author" LEFT OUTER JOIN "book" ON ("author"."id" = "book"."author_id") GROUP BY "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id";
--   args: [true]

-- case_when_order
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at", CASE WHEN "book"."stock_level" > ? THEN ? WHEN "book"."stock_level" <= ? THEN ? ELSE ? END AS "stock_status" FROM "book" ORDER BY "stock_status" ASC;
--   args: [10, "In Stock", 0, "Out of Stock", "Low Stock"]

-- exists_outerref
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id" FROM "author" WHERE EXISTS(SELECT 1 AS "a" FROM "book" "U0" WHERE ("U0"."author_id" = "author"."id" AND djorm_upper("U0"."title") LIKE djorm_upper(?) ESCAPE '!'));
--   args: ["%Fantasy%"]

-- subquery_annotation
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id", (SELECT "U0"."title" FROM "book" "U0" WHERE "U0"."author_id" = "author"."id" ORDER BY "U0"."published_at" DESC LIMIT 1) AS "latest" FROM "author";

-- trunc_month_group
SELECT strftime('%Y-%m-01', "author"."joined_date") AS "month", COUNT("author"."id") AS "count" FROM "author" GROUP BY 1 ORDER BY "month" ASC;

-- date_transforms
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE (date("book"."published_at") > ? AND CAST(strftime('%H', "book"."published_at") AS integer) >= ? AND "book"."published_at" BETWEEN ? AND ? AND ((CAST(strftime('%m', "book"."published_at") AS integer) + 2) / 3) = ? AND (CAST(strftime('%w', "book"."published_at") AS integer) + 1) = ?);
--   args: ["2021-01-01", 8, "2021-01-04 00:00:00", "2022-01-02 23:59:59.999999", 3, 2]

-- in_list_and_subquery_and_range
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE ("book"."author_id" IN (SELECT "U0"."id" FROM "author" "U0" WHERE "U0"."rating" >= ?) AND "book"."id" IN (?, ?, ?) AND "book"."price" BETWEEN ? AND ?);
--   args: [4, 1, 2, 3, "10", "50"]

-- regex
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE (djorm_regexp('(?i)' || ?, "book"."title") AND djorm_regexp(?, "book"."title"));
--   args: ["orm", "^D.*e$"]

-- set_operations
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."price" < ? UNION SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."sales_count" > ? ORDER BY 5 DESC;
--   args: ["20", 1000]
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."price" < ? INTERSECT SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."sales_count" > ?;
--   args: ["20", 1000]
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."price" < ? EXCEPT SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE "book"."sales_count" > ?;
--   args: ["20", 1000]

-- filtered_relation
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id", COUNT("book"."id") AS "n" FROM "author" LEFT OUTER JOIN "book" ON ("author"."id" = "book"."author_id" AND "book"."is_published" = ?) GROUP BY "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id";
--   args: [true]

-- prefetch_reverse_fk_sliced_m2m
SELECT "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id" FROM "author" WHERE "author"."id" IN (?, ?);
--   args: [1, 2]
SELECT * FROM (SELECT "book"."id" AS "col1", "book"."title" AS "col2", "book"."author_id" AS "col3", "book"."editor_id" AS "col4", "book"."price" AS "col5", "book"."sales_count" AS "col6", "book"."stock_level" AS "col7", "book"."is_published" AS "col8", "book"."published_at" AS "col9", ROW_NUMBER() OVER (PARTITION BY "book"."author_id" ORDER BY "book"."sales_count" DESC) AS "_rn" FROM "book" WHERE "book"."author_id" IN (?, ?)) "_p" WHERE "_rn" > 0 AND "_rn" <= 3 ORDER BY "_rn";
--   args: [1, 2]

-- functions
SELECT COALESCE("author"."name", "T3"."name") AS "coalesce", NULLIF("book"."stock_level", ?) AS "nullif", MAX("book"."stock_level", "book"."sales_count") AS "greatest", MIN("book"."stock_level", "book"."sales_count") AS "least", CAST("book"."stock_level" AS text) AS "cast", djorm_lower("book"."title") AS "lower", djorm_upper("book"."title") AS "upper", LENGTH("book"."title") AS "length", COALESCE("book"."title", '') || COALESCE(?, '') || COALESCE("book"."price", '') AS "concat", SUBSTR("book"."title", ?, ?) AS "substr", TRIM("book"."title") AS "trim", REPLACE("book"."title", ?, ?) AS "replace", SUBSTR("book"."title", 1, ?) AS "left", SUBSTR("book"."title", -(?)) AS "right", INSTR("book"."title", ?) AS "strindex", ABS("book"."stock_level") AS "abs", CAST(ROUND("book"."price", ?) AS decimal) AS "round", CAST(djorm_ceil("book"."price") AS decimal) AS "ceil", CAST(djorm_floor("book"."price") AS decimal) AS "floor", djorm_mod("book"."sales_count", ?) AS "mod", djorm_power("book"."stock_level", ?) AS "power", djorm_sqrt("book"."sales_count") AS "sqrt", strftime('%Y-%m-%d %H:%M:%f', 'now') AS "now", date("book"."published_at", 'start of month', '-' || ((CAST(strftime('%m', "book"."published_at") AS integer) - 1) % 3) || ' months') || ' 00:00:00' AS "trunc_quarter", date("book"."published_at", '-' || ((CAST(strftime('%w', "book"."published_at") AS integer) + 6) % 7) || ' days') || ' 00:00:00' AS "trunc_week", substr("book"."published_at", 12, 15) AS "trunc_time", strftime('%Y-%m-%d %H:%M:00', "book"."published_at") AS "trunc_minute", CAST(strftime('%G', "book"."published_at") AS integer) AS "iso_year", CAST(strftime('%u', "book"."published_at") AS integer) AS "iso_week_day", CAST(strftime('%V', "book"."published_at") AS integer) AS "week", CAST(strftime('%S', "book"."published_at") AS integer) AS "second", CAST(STDDEV_SAMP("book"."price") AS decimal) AS "stddev", VAR_POP("book"."sales_count") AS "variance" FROM "book" LEFT OUTER JOIN "author" ON ("book"."editor_id" = "author"."id") INNER JOIN "author" "T3" ON ("book"."author_id" = "T3"."id") GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31;
--   args: [0, "/", 2, 3, "a", "b", 2, 2, "o", 1, 7, 2]

-- math_functions
SELECT djorm_acos(?) AS "acos", CAST(djorm_cot("book"."price") AS decimal) AS "cot", CAST(djorm_degrees("book"."price") AS decimal) AS "deg", CAST(djorm_radians("book"."price") AS decimal) AS "rad", djorm_pi() AS "pi", djorm_log(?, "book"."sales_count") AS "log", SIGN("book"."stock_level") AS "sign" FROM "book";
--   args: [0.5, 2]

-- text_functions
SELECT CHAR(?) AS "chr", UNICODE("book"."title") AS "ord", djorm_lpad("book"."title", ?, ?) AS "lpad", djorm_repeat("book"."title", ?) AS "repeat", djorm_md5("book"."title") AS "md5", djorm_sha256("book"."title") AS "sha256" FROM "book";
--   args: [65, 9, "*", 2]

-- window
SELECT "book"."id", RANK() OVER (PARTITION BY "book"."author_id" ORDER BY "book"."price" DESC) AS "rank", CAST(SUM("book"."price") OVER (ORDER BY "book"."id" ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS decimal) AS "running", LEAD("book"."title", ?) OVER (ORDER BY "book"."id" ASC) AS "next" FROM "book";
--   args: [1]

-- json_lookups
SELECT "doc"."name", ("doc"."data" -> ?) AS "data__owner" FROM "doc" WHERE ((JSON_TYPE("doc"."data", ?) IS NOT NULL AND JSON_TYPE("doc"."data", ?) IS NOT NULL) AND djorm_upper(("doc"."data" ->> ?)) LIKE djorm_upper(?) ESCAPE '!' AND ("doc"."data" ->> ?) > ? AND ("doc"."data" -> ?) IS NULL AND JSON(("doc"."data" -> ?)) = JSON(?)) ORDER BY ("doc"."data" ->> ?) DESC;
--   args: ["$.\"owner\"", "$.\"items\"", "$.\"n\"", "$.\"items\"[0].\"sku\"", "a%", "$.\"n\"", 10, "$.\"none\"", "$.\"owner\".\"name\"", "\"Ann\"", "$.\"n\""]

-- json_contains
-- error: orm: the contains lookup on JSON is not supported on sqlite

-- select_related
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at", "author"."id", "author"."name", "author"."joined_date", "author"."rating", "author"."publisher_id", "publisher"."id", "publisher"."name", "T4"."id", "T4"."name", "T4"."joined_date", "T4"."rating", "T4"."publisher_id" FROM "book" INNER JOIN "author" ON ("book"."author_id" = "author"."id") LEFT OUTER JOIN "publisher" ON ("author"."publisher_id" = "publisher"."id") LEFT OUTER JOIN "author" "T4" ON ("book"."editor_id" = "T4"."id");

-- select_for_update
-- error: orm: select_for_update is not supported on sqlite

-- integer_division
SELECT (SUM("book"."sales_count") / COUNT("book"."id")) AS "per_book" FROM "book";
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at", ("book"."sales_count" / "book"."stock_level") AS "ratio" FROM "book";

-- datetime_duration_arithmetic
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at", djorm_dt_add("book"."published_at", (?)) AS "later", djorm_dt_diff("book"."published_at", "book"."published_at") AS "since" FROM "book" WHERE "book"."published_at" < djorm_dt_add("book"."published_at", -(?));
--   args: [3600000000, 1000000]

-- nested_atomic_savepoints
SAVEPOINT s1;
RELEASE SAVEPOINT s1;
SAVEPOINT s2;
ROLLBACK TO SAVEPOINT s2;

-- update_f_and_join
UPDATE "book" SET "price" = ("book"."price" * ?);
--   args: [1.1]
UPDATE "book" SET "stock_level" = ? WHERE "id" IN (SELECT "book"."id" FROM "book" INNER JOIN "author" ON ("book"."author_id" = "author"."id") WHERE "author"."name" = ?);
--   args: [0, "Bob"]

-- create_and_save
UPDATE "author" SET "name" = ? WHERE "author"."id" = ?;
--   args: ["New", 7]

-- insert
INSERT INTO "book" ("title", "author_id", "editor_id", "price", "sales_count", "stock_level", "is_published", "published_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?);
--   args: ["T", 1, <nil>, "9.99", 0, 0, true, <nil>]

-- bulk_create_and_update
INSERT INTO "book" ("id", "title", "author_id", "editor_id", "price", "sales_count", "stock_level", "is_published", "published_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT("id") DO UPDATE SET "price" = EXCLUDED."price";
--   args: [1, "A", 1, <nil>, "1.5", 0, 0, false, <nil>, 2, "B", 1, <nil>, "2.5", 0, 0, false, <nil>]
UPDATE "book" SET "price" = CASE "book"."id" WHEN ? THEN ? WHEN ? THEN ? END, "title" = CASE "book"."id" WHEN ? THEN ? WHEN ? THEN ? END WHERE "book"."id" IN (?, ?);
--   args: [1, "1.5", 2, "2.5", 1, "A", 2, "B", 1, 2]

-- delete_fast_path
DELETE FROM "review" WHERE "review"."stars" < ?;
--   args: [2]

-- custom_func_lookup_aggregate
SELECT "book"."author_id", CAST(strftime('%Y', "book"."published_at") AS integer) AS "y", GROUP_CONCAT("book"."title", ?) AS "t" FROM "book" WHERE (("book"."stock_level" / 2) >= ? AND ("book"."title" <> ?)) GROUP BY "book"."author_id", 2;
--   args: ["|", 2, "x"]

-- collate_and_json_object
SELECT JSON_OBJECT(?, (CASE typeof(("book"."sales_count" + ?)) WHEN 'real' THEN djorm_raise('djorm: value out of range: integer overflow') ELSE ("book"."sales_count" + ?) END), ?, "book"."title") AS "o" FROM "book" ORDER BY "book"."title" COLLATE "nocase" DESC;
--   args: ["n", 1, 1, "t"]

-- window_filter_top_per_author
SELECT "col1", "col2", "col3", "col4", "col5", "col6", "col7", "col8", "col9", "rn" FROM (SELECT "book"."id" AS "col1", "book"."title" AS "col2", "book"."author_id" AS "col3", "book"."editor_id" AS "col4", "book"."price" AS "col5", "book"."sales_count" AS "col6", "book"."stock_level" AS "col7", "book"."is_published" AS "col8", "book"."published_at" AS "col9", ROW_NUMBER() OVER (PARTITION BY "book"."author_id" ORDER BY "book"."sales_count" DESC) AS "rn" FROM "book" WHERE "book"."is_published" = ?) "qualify" WHERE "rn" <= ? ORDER BY "col3" ASC, "rn" ASC LIMIT 10;
--   args: [true, 3]

-- trunc_extract_in_zone
SELECT djorm_from_zone(strftime('%Y-%m-%d 00:00:00', djorm_to_zone("book"."published_at", 'Europe/Oslo')), 'Europe/Oslo') AS "d", CAST(strftime('%H', djorm_to_zone("book"."published_at", 'Europe/Oslo')) AS integer) AS "h" FROM "book";

-- xor_two_and_three
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" LEFT OUTER JOIN "author" ON ("book"."editor_id" = "author"."id") WHERE (("book"."price" < ? OR "author"."name" = ?) AND (CASE WHEN "book"."price" < ? THEN 1 ELSE 0 END + CASE WHEN "author"."name" = ? THEN 1 ELSE 0 END) = 1);
--   args: ["20", "Ann", "20", "Ann"]
SELECT "book"."id", "book"."title", "book"."author_id", "book"."editor_id", "book"."price", "book"."sales_count", "book"."stock_level", "book"."is_published", "book"."published_at" FROM "book" WHERE NOT ((("book"."price" < ? OR "book"."sales_count" > ? OR "book"."is_published" = ?) AND djorm_mod((CASE WHEN "book"."price" < ? THEN 1 ELSE 0 END + CASE WHEN "book"."sales_count" > ? THEN 1 ELSE 0 END + CASE WHEN "book"."is_published" = ? THEN 1 ELSE 0 END), 2) = 1));
--   args: ["20", 9, true, "20", 9, true]

-- mti_child_reads
SELECT "g_place"."id", "g_place"."name", "g_restaurant"."gplace_ptr_id", "g_restaurant"."rating" FROM "g_restaurant" INNER JOIN "g_place" ON ("g_restaurant"."gplace_ptr_id" = "g_place"."id") WHERE ("g_place"."name" GLOB ? AND "g_restaurant"."gplace_ptr_id" > ?) ORDER BY "g_place"."name" ASC;
--   args: ["D*", 1]
SELECT COUNT(*) AS "__count" FROM "g_restaurant";
SELECT "g_place"."id", "g_place"."name" FROM "g_place" INNER JOIN "g_restaurant" ON ("g_place"."id" = "g_restaurant"."gplace_ptr_id") WHERE "g_restaurant"."rating" > ?;
--   args: [3]

-- mti_child_update_inherited
UPDATE "g_restaurant" SET "rating" = ? WHERE "g_restaurant"."rating" = ?;
--   args: [4, 5]
SELECT "g_restaurant"."gplace_ptr_id" FROM "g_restaurant" WHERE "g_restaurant"."rating" = ?;
--   args: [5]

