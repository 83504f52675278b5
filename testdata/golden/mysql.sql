-- ddl
CREATE TABLE IF NOT EXISTS `publisher` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(100) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `author` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(100) NOT NULL, `joined_date` date NOT NULL, `rating` integer, `publisher_id` bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `tag` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(50) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `book` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `title` varchar(200) NOT NULL, `author_id` bigint NOT NULL, `editor_id` bigint, `price` numeric(6, 2) NOT NULL, `sales_count` bigint DEFAULT 0 NOT NULL, `stock_level` bigint DEFAULT 0 NOT NULL, `is_published` bool DEFAULT 1 NOT NULL, `published_at` datetime(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `review` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `book_id` bigint NOT NULL, `stars` bigint NOT NULL, `comment` longtext NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `g_place` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(50) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `g_restaurant` (`gplace_ptr_id` bigint NOT NULL PRIMARY KEY, `rating` integer) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `book_tags` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `book_id` bigint NOT NULL, `tag_id` bigint NOT NULL, CONSTRAINT `book_tags_book_id_tag_id_d1b23c07_uniq` UNIQUE (`book_id`, `tag_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX `author_publisher_id_8702ffe6_idx` ON `author` (`publisher_id`);
CREATE INDEX `book_title_3d45e870_idx` ON `book` (`title`);
CREATE INDEX `book_author_id_fa04c5b8_idx` ON `book` (`author_id`);
CREATE INDEX `book_editor_id_f5f0e617_idx` ON `book` (`editor_id`);
CREATE INDEX `review_book_id_f3957863_idx` ON `review` (`book_id`);
CREATE INDEX `book_tags_book_id_9d6fe0cb_idx` ON `book_tags` (`book_id`);
CREATE INDEX `book_tags_tag_id_db1ab8fa_idx` ON `book_tags` (`tag_id`);
ALTER TABLE `author` ADD CONSTRAINT `author_publisher_id_publisher_id_70207d69_fk` FOREIGN KEY (`publisher_id`) REFERENCES `publisher` (`id`);
ALTER TABLE `book` ADD CONSTRAINT `book_author_id_author_id_69d0a1d1_fk` FOREIGN KEY (`author_id`) REFERENCES `author` (`id`);
ALTER TABLE `book` ADD CONSTRAINT `book_editor_id_author_id_44532546_fk` FOREIGN KEY (`editor_id`) REFERENCES `author` (`id`);
ALTER TABLE `review` ADD CONSTRAINT `review_book_id_book_id_20a60f93_fk` FOREIGN KEY (`book_id`) REFERENCES `book` (`id`);
ALTER TABLE `g_restaurant` ADD CONSTRAINT `g_restaurant_gplace_ptr_id_g_place_id_1147ea32_fk` FOREIGN KEY (`gplace_ptr_id`) REFERENCES `g_place` (`id`);
ALTER TABLE `book_tags` ADD CONSTRAINT `book_tags_book_id_book_id_7caace78_fk` FOREIGN KEY (`book_id`) REFERENCES `book` (`id`);
ALTER TABLE `book_tags` ADD CONSTRAINT `book_tags_tag_id_tag_id_f757af51_fk` FOREIGN KEY (`tag_id`) REFERENCES `tag` (`id`);

-- filter_related_year
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` INNER JOIN `author` ON (`book`.`author_id` = `author`.`id`) WHERE `author`.`joined_date` > ?;
--   args: ["2020-12-31"]

-- icontains_escapes_wildcards
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE LOWER(`book`.`title`) LIKE LOWER(?) ESCAPE '!';
--   args: ["%50!%!_!!%"]

-- startswith_endswith_contains
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE (CAST(`book`.`title` AS BINARY) LIKE CAST(? AS BINARY) ESCAPE '!' AND CAST(`book`.`title` AS BINARY) LIKE CAST(? AS BINARY) ESCAPE '!' AND CAST(`book`.`title` AS BINARY) LIKE CAST(? AS BINARY) ESCAPE '!');
--   args: ["%ORM%", "%n", "Dj*%"]

-- exclude_nullable_keeps_null
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id` FROM `author` WHERE NOT (`author`.`rating` = ? AND `author`.`rating` IS NOT NULL);
--   args: [5]

-- exclude_multi_valued_subquery
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id` FROM `author` WHERE NOT (EXISTS(SELECT 1 AS `a` FROM `book` `U1` WHERE (LOWER(`U1`.`title`) LIKE LOWER(?) ESCAPE '!' AND `U1`.`author_id` = `author`.`id`)));
--   args: ["%fantasy%"]

-- multi_valued_one_filter_shares_join
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id` FROM `author` INNER JOIN `book` ON (`author`.`id` = `book`.`author_id`) WHERE (`book`.`price` > ? AND LOWER(`book`.`title`) LIKE LOWER(?) ESCAPE '!');
--   args: ["30", "%orm%"]

-- multi_valued_two_filters_two_joins
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id` FROM `author` INNER JOIN `book` ON (`author`.`id` = `book`.`author_id`) INNER JOIN `book` `T3` ON (`author`.`id` = `T3`.`author_id`) WHERE (LOWER(`book`.`title`) LIKE LOWER(?) ESCAPE '!' AND `T3`.`price` > ?);
--   args: ["%orm%", "30"]

-- q_or_and_not
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE ((`book`.`stock_level` = ? OR `book`.`is_published` = ?) AND NOT (`book`.`sales_count` >= ?));
--   args: [0, false, 100]

-- or_across_nullable_fk_left_join
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` LEFT OUTER JOIN `author` ON (`book`.`editor_id` = `author`.`id`) WHERE (`author`.`name` = ? OR `book`.`price` < ?);
--   args: ["Jane Roe", "20"]

-- f_comparison
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`stock_level` > `book`.`sales_count`;

-- order_slice
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` INNER JOIN `author` ON (`book`.`author_id` = `author`.`id`) ORDER BY `book`.`sales_count` DESC, `author`.`name` ASC LIMIT 3 OFFSET 2;

-- offset_only_and_nulls_last
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id` FROM `author` ORDER BY CASE WHEN `author`.`rating` IS NULL THEN 1 ELSE 0 END, `author`.`rating` DESC LIMIT 18446744073709551615 OFFSET 3;

-- values_related
SELECT `book`.`title`, `book`.`price`, `author`.`name` FROM `book` INNER JOIN `author` ON (`book`.`author_id` = `author`.`id`);

-- values_distinct
SELECT DISTINCT `author`.`name` FROM `book` INNER JOIN `author` ON (`book`.`author_id` = `author`.`id`);

-- only_defer
SELECT `book`.`id`, `book`.`title`, `book`.`price` FROM `book`;
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published` FROM `book`;

-- count_exists_first_last
SELECT COUNT(*) AS `__count` FROM `book` WHERE `book`.`is_published` = ?;
--   args: [true]
SELECT COUNT(*) FROM (SELECT `book`.`id` AS `col1`, `book`.`title` AS `col2`, `book`.`author_id` AS `col3`, `book`.`editor_id` AS `col4`, `book`.`price` AS `col5`, `book`.`sales_count` AS `col6`, `book`.`stock_level` AS `col7`, `book`.`is_published` AS `col8`, `book`.`published_at` AS `col9` FROM `book` WHERE `book`.`is_published` = ? LIMIT 3) `subquery`;
--   args: [true]
SELECT 1 AS `a` FROM `book` WHERE `book`.`is_published` = ? LIMIT 1;
--   args: [true]
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`is_published` = ? ORDER BY `book`.`price` ASC LIMIT 1;
--   args: [true]
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`is_published` = ? ORDER BY `book`.`id` DESC LIMIT 1;
--   args: [true]

-- aggregate
SELECT SUM(`book`.`sales_count`) AS `total_sales`, AVG(`book`.`price`) AS `avg_price`, MAX(`book`.`price`) AS `price__max` FROM `book`;

-- aggregate_coalesce_and_sliced
SELECT COALESCE(SUM(`book`.`sales_count`), ?) AS `safe_total` FROM `book`;
--   args: [0]
SELECT SUM(`__col1`) AS `price__sum` FROM (SELECT `book`.`price` AS `__col1` FROM `book` ORDER BY `book`.`price` ASC LIMIT 3) `subquery`;

-- annotate_count_having
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id`, COUNT(`book`.`id`) AS `total_books` FROM `author` LEFT OUTER JOIN `book` ON (`author`.`id` = `book`.`author_id`) GROUP BY `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id` HAVING COUNT(`book`.`id`) >= ? ORDER BY `total_books` DESC;
--   args: [2]

-- annotate_count_filtered
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id`, COUNT(CASE WHEN `book`.`is_published` = ? THEN `book`.`id` ELSE NULL END) AS `published_count` FROM `author` LEFT OUTER JOIN `book` ON (`author`.`id` = `book`.`author_id`) GROUP BY `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id`;
--   args: [true]

-- case_when_order
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at`, CASE WHEN `book`.`stock_level` > ? THEN ? WHEN `book`.`stock_level` <= ? THEN ? ELSE ? END AS `stock_status` FROM `book` ORDER BY `stock_status` ASC;
--   args: [10, "In Stock", 0, "Out of Stock", "Low Stock"]

-- exists_outerref
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id` FROM `author` WHERE EXISTS(SELECT 1 AS `a` FROM `book` `U0` WHERE (`U0`.`author_id` = `author`.`id` AND LOWER(`U0`.`title`) LIKE LOWER(?) ESCAPE '!'));
--   args: ["%Fantasy%"]

-- subquery_annotation
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id`, (SELECT `U0`.`title` FROM `book` `U0` WHERE `U0`.`author_id` = `author`.`id` ORDER BY `U0`.`published_at` DESC LIMIT 1) AS `latest` FROM `author`;

-- trunc_month_group
SELECT DATE(DATE_FORMAT(`author`.`joined_date`, '%Y-%m-01 00:00:00')) AS `month`, COUNT(`author`.`id`) AS `count` FROM `author` GROUP BY 1 ORDER BY `month` ASC;

-- date_transforms
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE (DATE(`book`.`published_at`) > ? AND HOUR(`book`.`published_at`) >= ? AND `book`.`published_at` BETWEEN ? AND ? AND QUARTER(`book`.`published_at`) = ? AND DAYOFWEEK(`book`.`published_at`) = ?);
--   args: ["2021-01-01", 8, "2021-01-04 00:00:00", "2022-01-02 23:59:59.999999", 3, 2]

-- in_list_and_subquery_and_range
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE (`book`.`author_id` IN (SELECT `U0`.`id` FROM `author` `U0` WHERE `U0`.`rating` >= ?) AND `book`.`id` IN (?, ?, ?) AND `book`.`price` BETWEEN CAST(? AS DECIMAL(65, 30)) AND CAST(? AS DECIMAL(65, 30)));
--   args: [4, 1, 2, 3, "10", "50"]

-- regex
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE (`book`.`title` REGEXP CONCAT('(?i)', ?) AND `book`.`title` REGEXP CONCAT('(?-i)', ?));
--   args: ["orm", "^D.*e$"]

-- set_operations
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`price` < ? UNION SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`sales_count` > ? ORDER BY 5 DESC;
--   args: ["20", 1000]
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`price` < ? INTERSECT SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`sales_count` > ?;
--   args: ["20", 1000]
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`price` < ? EXCEPT SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`sales_count` > ?;
--   args: ["20", 1000]

-- filtered_relation
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id`, COUNT(`book`.`id`) AS `n` FROM `author` LEFT OUTER JOIN `book` ON (`author`.`id` = `book`.`author_id` AND `book`.`is_published` = ?) GROUP BY `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id`;
--   args: [true]

-- prefetch_reverse_fk_sliced_m2m
SELECT `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id` FROM `author` WHERE `author`.`id` IN (?, ?);
--   args: [1, 2]
SELECT * FROM (SELECT `book`.`id` AS `col1`, `book`.`title` AS `col2`, `book`.`author_id` AS `col3`, `book`.`editor_id` AS `col4`, `book`.`price` AS `col5`, `book`.`sales_count` AS `col6`, `book`.`stock_level` AS `col7`, `book`.`is_published` AS `col8`, `book`.`published_at` AS `col9`, ROW_NUMBER() OVER (PARTITION BY `book`.`author_id` ORDER BY `book`.`sales_count` DESC) AS `_rn` FROM `book` WHERE `book`.`author_id` IN (?, ?)) `_p` WHERE `_rn` > 0 AND `_rn` <= 3 ORDER BY `_rn`;
--   args: [1, 2]

-- functions
SELECT COALESCE(`author`.`name`, `T3`.`name`) AS `coalesce`, NULLIF(`book`.`stock_level`, ?) AS `nullif`, GREATEST(`book`.`stock_level`, `book`.`sales_count`) AS `greatest`, LEAST(`book`.`stock_level`, `book`.`sales_count`) AS `least`, CAST(`book`.`stock_level` AS char) AS `cast`, LOWER(`book`.`title`) AS `lower`, UPPER(`book`.`title`) AS `upper`, CHAR_LENGTH(`book`.`title`) AS `length`, CONCAT_WS('', `book`.`title`, ?, `book`.`price`) AS `concat`, SUBSTR(`book`.`title`, ?, ?) AS `substr`, TRIM(`book`.`title`) AS `trim`, REPLACE(`book`.`title`, ?, ?) AS `replace`, LEFT(`book`.`title`, ?) AS `left`, RIGHT(`book`.`title`, ?) AS `right`, INSTR(`book`.`title`, ?) AS `strindex`, ABS(`book`.`stock_level`) AS `abs`, ROUND(`book`.`price`, ?) AS `round`, CEILING(`book`.`price`) AS `ceil`, FLOOR(`book`.`price`) AS `floor`, MOD(`book`.`sales_count`, ?) AS `mod`, POWER(`book`.`stock_level`, ?) AS `power`, SQRT(`book`.`sales_count`) AS `sqrt`, CURRENT_TIMESTAMP(6) AS `now`, CAST(MAKEDATE(YEAR(`book`.`published_at`), 1) + INTERVAL QUARTER(`book`.`published_at`) QUARTER - INTERVAL 1 QUARTER AS DATETIME(6)) AS `trunc_quarter`, CAST(DATE_SUB(DATE(`book`.`published_at`), INTERVAL WEEKDAY(`book`.`published_at`) DAY) AS DATETIME(6)) AS `trunc_week`, TIME(`book`.`published_at`) AS `trunc_time`, CAST(DATE_FORMAT(`book`.`published_at`, '%Y-%m-%d %H:%i:00') AS DATETIME(6)) AS `trunc_minute`, (YEARWEEK(`book`.`published_at`, 3) DIV 100) AS `iso_year`, (WEEKDAY(`book`.`published_at`) + 1) AS `iso_week_day`, WEEK(`book`.`published_at`, 3) AS `week`, SECOND(`book`.`published_at`) AS `second`, STDDEV_SAMP(`book`.`price`) AS `stddev`, VAR_POP(CAST(`book`.`sales_count` AS double)) AS `variance` FROM `book` LEFT OUTER JOIN `author` ON (`book`.`editor_id` = `author`.`id`) INNER JOIN `author` `T3` ON (`book`.`author_id` = `T3`.`id`) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31;
--   args: [0, "/", 2, 3, "a", "b", 2, 2, "o", 1, 7, 2]

-- math_functions
SELECT ACOS(?) AS `acos`, COT(`book`.`price`) AS `cot`, DEGREES(`book`.`price`) AS `deg`, RADIANS(`book`.`price`) AS `rad`, 3.141592653589793E0 AS `pi`, LOG(?, `book`.`sales_count`) AS `log`, SIGN(`book`.`stock_level`) AS `sign` FROM `book`;
--   args: [0.5, 2]

-- text_functions
SELECT CHAR(? USING utf8mb4) AS `chr`, ORD(`book`.`title`) AS `ord`, LPAD(`book`.`title`, ?, ?) AS `lpad`, REPEAT(`book`.`title`, ?) AS `repeat`, MD5(`book`.`title`) AS `md5`, SHA2(`book`.`title`, 256) AS `sha256` FROM `book`;
--   args: [65, 9, "*", 2]

-- window
SELECT `book`.`id`, RANK() OVER (PARTITION BY `book`.`author_id` ORDER BY `book`.`price` DESC) AS `rank`, SUM(`book`.`price`) OVER (ORDER BY `book`.`id` ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS `running`, LEAD(`book`.`title`, ?) OVER (ORDER BY `book`.`id` ASC) AS `next` FROM `book`;
--   args: [1]

-- json_lookups
SELECT `doc`.`name`, JSON_EXTRACT(`doc`.`data`, ?) AS `data__owner` FROM `doc` WHERE (JSON_CONTAINS_PATH(`doc`.`data`, 'all', ?, ?) AND LOWER(JSON_UNQUOTE(JSON_EXTRACT(`doc`.`data`, ?))) LIKE LOWER(?) ESCAPE '!' AND JSON_UNQUOTE(JSON_EXTRACT(`doc`.`data`, ?)) > ? AND JSON_EXTRACT(`doc`.`data`, ?) IS NULL AND (JSON_EQUALS(JSON_EXTRACT(`doc`.`data`, ?), ?) = 1)) ORDER BY JSON_UNQUOTE(JSON_EXTRACT(`doc`.`data`, ?)) DESC;
--   args: ["$.\"owner\"", "$.\"items\"", "$.\"n\"", "$.\"items\"[0].\"sku\"", "a%", "$.\"n\"", 10, "$.\"none\"", "$.\"owner\".\"name\"", "\"Ann\"", "$.\"n\""]

-- json_contains
SELECT `doc`.`id`, `doc`.`name`, `doc`.`data`, `doc`.`tags`, `doc`.`meta`, `doc`.`raw`, `doc`.`any` FROM `doc` WHERE JSON_CONTAINS(`doc`.`data`, ?);
--   args: ["{\"n\":5}"]

-- select_related
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at`, `author`.`id`, `author`.`name`, `author`.`joined_date`, `author`.`rating`, `author`.`publisher_id`, `publisher`.`id`, `publisher`.`name`, `T4`.`id`, `T4`.`name`, `T4`.`joined_date`, `T4`.`rating`, `T4`.`publisher_id` FROM `book` LEFT OUTER JOIN `author` ON (`book`.`author_id` = `author`.`id`) LEFT OUTER JOIN `publisher` ON (`author`.`publisher_id` = `publisher`.`id`) LEFT OUTER JOIN `author` `T4` ON (`book`.`editor_id` = `T4`.`id`);

-- select_for_update
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE `book`.`id` = ? FOR UPDATE NOWAIT;
--   args: [1]

-- integer_division
SELECT (SUM(`book`.`sales_count`) DIV COUNT(`book`.`id`)) AS `per_book` FROM `book`;
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at`, (`book`.`sales_count` DIV `book`.`stock_level`) AS `ratio` FROM `book`;

-- datetime_duration_arithmetic
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at`, (`book`.`published_at` + INTERVAL (?) MICROSECOND) AS `later`, TIMESTAMPDIFF(MICROSECOND, `book`.`published_at`, `book`.`published_at`) AS `since` FROM `book` WHERE `book`.`published_at` < (`book`.`published_at` - INTERVAL (?) MICROSECOND);
--   args: [3600000000, 1000000]

-- nested_atomic_savepoints
SAVEPOINT s1;
RELEASE SAVEPOINT s1;
SAVEPOINT s2;
ROLLBACK TO SAVEPOINT s2;

-- update_f_and_join
UPDATE `book` SET `price` = (`book`.`price` * ?);
--   args: [1.1]
UPDATE `book` SET `stock_level` = ? WHERE `id` IN (SELECT * FROM (SELECT `book`.`id` FROM `book` INNER JOIN `author` ON (`book`.`author_id` = `author`.`id`) WHERE `author`.`name` = ?) `subquery`);
--   args: [0, "Bob"]

-- create_and_save
UPDATE `author` SET `name` = ? WHERE `author`.`id` = ?;
--   args: ["New", 7]

-- insert
INSERT INTO `book` (`title`, `author_id`, `editor_id`, `price`, `sales_count`, `stock_level`, `is_published`, `published_at`) VALUES (?, ?, ?, ?, ?, ?, ?, ?);
--   args: ["T", 1, <nil>, "9.99", 0, 0, true, <nil>]

-- bulk_create_and_update
INSERT INTO `book` (`id`, `title`, `author_id`, `editor_id`, `price`, `sales_count`, `stock_level`, `is_published`, `published_at`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE `price` = VALUES(`price`);
--   args: [1, "A", 1, <nil>, "1.5", 0, 0, false, <nil>, 2, "B", 1, <nil>, "2.5", 0, 0, false, <nil>]
UPDATE `book` SET `price` = CASE `book`.`id` WHEN ? THEN CAST(? AS DECIMAL(65, 30)) WHEN ? THEN CAST(? AS DECIMAL(65, 30)) END, `title` = CASE `book`.`id` WHEN ? THEN ? WHEN ? THEN ? END WHERE `book`.`id` IN (?, ?);
--   args: [1, "1.5", 2, "2.5", 1, "A", 2, "B", 1, 2]

-- delete_fast_path
DELETE FROM `review` WHERE `review`.`stars` < ?;
--   args: [2]

-- custom_func_lookup_aggregate
SELECT `book`.`author_id`, YEAR(`book`.`published_at`) AS `y`, GROUP_CONCAT(`book`.`title` SEPARATOR ?) AS `t` FROM `book` WHERE ((`book`.`stock_level` DIV 2) >= ? AND (`book`.`title` <> ?)) GROUP BY `book`.`author_id`, 2;
--   args: ["|", 2, "x"]

-- collate_and_json_object
SELECT JSON_OBJECT(?, (`book`.`sales_count` + ?), ?, `book`.`title`) AS `o` FROM `book` ORDER BY `book`.`title` COLLATE `nocase` DESC;
--   args: ["n", 1, "t"]

-- window_filter_top_per_author
SELECT `col1`, `col2`, `col3`, `col4`, `col5`, `col6`, `col7`, `col8`, `col9`, `rn` FROM (SELECT `book`.`id` AS `col1`, `book`.`title` AS `col2`, `book`.`author_id` AS `col3`, `book`.`editor_id` AS `col4`, `book`.`price` AS `col5`, `book`.`sales_count` AS `col6`, `book`.`stock_level` AS `col7`, `book`.`is_published` AS `col8`, `book`.`published_at` AS `col9`, ROW_NUMBER() OVER (PARTITION BY `book`.`author_id` ORDER BY `book`.`sales_count` DESC) AS `rn` FROM `book` WHERE `book`.`is_published` = ?) `qualify` WHERE `rn` <= ? ORDER BY `col3` ASC, `rn` ASC LIMIT 10;
--   args: [true, 3]

-- trunc_extract_in_zone
SELECT CONVERT_TZ(CAST(DATE_FORMAT(CONVERT_TZ(`book`.`published_at`, '+00:00', 'Europe/Oslo'), '%Y-%m-%d 00:00:00') AS DATETIME(6)), 'Europe/Oslo', '+00:00') AS `d`, HOUR(CONVERT_TZ(`book`.`published_at`, '+00:00', 'Europe/Oslo')) AS `h` FROM `book`;

-- xor_two_and_three
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` LEFT OUTER JOIN `author` ON (`book`.`editor_id` = `author`.`id`) WHERE (`book`.`price` < ? XOR `author`.`name` = ?);
--   args: ["20", "Ann"]
SELECT `book`.`id`, `book`.`title`, `book`.`author_id`, `book`.`editor_id`, `book`.`price`, `book`.`sales_count`, `book`.`stock_level`, `book`.`is_published`, `book`.`published_at` FROM `book` WHERE NOT ((`book`.`price` < ? XOR `book`.`sales_count` > ? XOR `book`.`is_published` = ?));
--   args: ["20", 9, true]

-- mti_child_reads
SELECT `g_place`.`id`, `g_place`.`name`, `g_restaurant`.`gplace_ptr_id`, `g_restaurant`.`rating` FROM `g_restaurant` INNER JOIN `g_place` ON (`g_restaurant`.`gplace_ptr_id` = `g_place`.`id`) WHERE (CAST(`g_place`.`name` AS BINARY) LIKE CAST(? AS BINARY) ESCAPE '!' AND `g_restaurant`.`gplace_ptr_id` > ?) ORDER BY `g_place`.`name` ASC;
--   args: ["D%", 1]
SELECT COUNT(*) AS `__count` FROM `g_restaurant`;
SELECT `g_place`.`id`, `g_place`.`name` FROM `g_place` INNER JOIN `g_restaurant` ON (`g_place`.`id` = `g_restaurant`.`gplace_ptr_id`) WHERE `g_restaurant`.`rating` > ?;
--   args: [3]

-- mti_child_update_inherited
UPDATE `g_restaurant` SET `rating` = ? WHERE `g_restaurant`.`rating` = ?;
--   args: [4, 5]
SELECT `g_restaurant`.`gplace_ptr_id` FROM `g_restaurant` WHERE `g_restaurant`.`rating` = ?;
--   args: [5]

