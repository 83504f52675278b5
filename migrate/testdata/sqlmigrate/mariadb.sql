-- 0001_initial (backwards: false)
CREATE TABLE IF NOT EXISTS `author` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(100) NOT NULL, `bio` longtext) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `tag` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(30) NOT NULL UNIQUE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS `book` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `title` varchar(100) NOT NULL, `author_id` bigint NOT NULL, `price` numeric(6, 2) NOT NULL, `pages` integer NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX `book_title_3d45e870_idx` ON `book` (`title`);
CREATE INDEX `book_author_id_fa04c5b8_idx` ON `book` (`author_id`);
CREATE TABLE IF NOT EXISTS `book_tags` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `book_id` bigint NOT NULL, `tag_id` bigint NOT NULL, CONSTRAINT `book_tags_book_id_tag_id_d1b23c07_uniq` UNIQUE (`book_id`, `tag_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX `book_tags_book_id_9d6fe0cb_idx` ON `book_tags` (`book_id`);
CREATE INDEX `book_tags_tag_id_db1ab8fa_idx` ON `book_tags` (`tag_id`);
ALTER TABLE `book` ADD CONSTRAINT `book_author_id_author_id_69d0a1d1_fk` FOREIGN KEY (`author_id`) REFERENCES `author` (`id`);
ALTER TABLE `book_tags` ADD CONSTRAINT `book_tags_book_id_book_id_7caace78_fk` FOREIGN KEY (`book_id`) REFERENCES `book` (`id`);
ALTER TABLE `book_tags` ADD CONSTRAINT `book_tags_tag_id_tag_id_f757af51_fk` FOREIGN KEY (`tag_id`) REFERENCES `tag` (`id`);

-- 0002_publisher_rename_pages_book_page_count_and_more (backwards: false)
CREATE TABLE IF NOT EXISTS `publisher` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(100) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
ALTER TABLE `book` RENAME COLUMN `pages` TO `page_count`;
ALTER TABLE `author` DROP COLUMN `bio`;
ALTER TABLE `author` ADD COLUMN `email` varchar(100) DEFAULT 'unknown@example.com' NOT NULL;
ALTER TABLE `author` MODIFY `email` varchar(100) NOT NULL;
ALTER TABLE `book` ADD COLUMN `subtitle` varchar(100);
ALTER TABLE `book` ADD COLUMN `publisher_id` bigint;
CREATE INDEX `book_publisher_id_0268189c_idx` ON `book` (`publisher_id`);
ALTER TABLE `book` ADD CONSTRAINT `book_publisher_id_publisher_id_5a547361_fk` FOREIGN KEY (`publisher_id`) REFERENCES `publisher` (`id`);
ALTER TABLE `book` ADD COLUMN `is_published` bool DEFAULT 1 NOT NULL;
ALTER TABLE `author` MODIFY `name` varchar(200) NOT NULL;
ALTER TABLE `book` ADD CONSTRAINT `book_title_author_id_c0cbce5b_uniq` UNIQUE (`title`, `author_id`);
CREATE INDEX `book_title_price_idx` ON `book` (`title`, `price` DESC);

-- 0003_rename_publisher_imprint_and_more (backwards: false)
ALTER TABLE `book` RENAME INDEX `book_title_price_idx` TO `book_title_price_ix`;
DROP TABLE IF EXISTS `book_tags`;
CREATE INDEX `author_name_0576e2fd_idx` ON `author` (`name`);
ALTER TABLE `author` ADD UNIQUE (`email`);
UPDATE `book` SET `subtitle` = '' WHERE `subtitle` IS NULL;
ALTER TABLE `book` MODIFY `subtitle` varchar(100) NOT NULL;
ALTER TABLE `book` MODIFY `page_count` bigint NOT NULL;
ALTER TABLE `book` DROP FOREIGN KEY `book_publisher_id_publisher_id_5a547361_fk`;
ALTER TABLE `publisher` RENAME TO `imprint`;
ALTER TABLE `book` ADD CONSTRAINT `book_publisher_id_imprint_id_ab6ee877_fk` FOREIGN KEY (`publisher_id`) REFERENCES `imprint` (`id`);
ALTER TABLE `book` DROP INDEX `book_title_author_id_c0cbce5b_uniq`;
DROP TABLE IF EXISTS `tag`;

-- 0004_reading_remove_book_book_title_price_ix_book_readers_and_more (backwards: false)
CREATE TABLE IF NOT EXISTS `reading` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `book_id` bigint NOT NULL, `author_id` bigint NOT NULL, `rating` bigint DEFAULT 0 NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX `reading_book_id_64c12eff_idx` ON `reading` (`book_id`);
CREATE INDEX `reading_author_id_ea27bd58_idx` ON `reading` (`author_id`);
ALTER TABLE `reading` ADD CONSTRAINT `reading_book_id_book_id_3f1d4827_fk` FOREIGN KEY (`book_id`) REFERENCES `book` (`id`);
ALTER TABLE `reading` ADD CONSTRAINT `reading_author_id_author_id_d1d08b85_fk` FOREIGN KEY (`author_id`) REFERENCES `author` (`id`);
DROP INDEX `book_title_price_ix` ON `book`;
ALTER TABLE `book` MODIFY `title` varchar(150) NOT NULL;
ALTER TABLE `book` COMMENT='Books of the history test';
ALTER TABLE `book` ADD CONSTRAINT `book_price_gte_0` CHECK (`price` >= 0);

-- 0005_data (backwards: false)
UPDATE book SET subtitle = 'Second edition' WHERE subtitle = '';
-- RunGo: rate every reading (Go code; no SQL to show);

-- 0001_initial (backwards: true)
DROP TABLE IF EXISTS `book_tags`;
DROP TABLE IF EXISTS `book`;
DROP TABLE IF EXISTS `tag`;
DROP TABLE IF EXISTS `author`;

-- 0002_publisher_rename_pages_book_page_count_and_more (backwards: true)
DROP INDEX `book_title_price_idx` ON `book`;
ALTER TABLE `book` DROP INDEX `book_title_author_id_c0cbce5b_uniq`;
ALTER TABLE `author` MODIFY `name` varchar(100) NOT NULL;
ALTER TABLE `book` DROP COLUMN `is_published`;
ALTER TABLE `book` DROP FOREIGN KEY `book_publisher_id_publisher_id_5a547361_fk`;
DROP INDEX `book_publisher_id_0268189c_idx` ON `book`;
ALTER TABLE `book` DROP COLUMN `publisher_id`;
ALTER TABLE `book` DROP COLUMN `subtitle`;
ALTER TABLE `author` DROP COLUMN `email`;
ALTER TABLE `author` ADD COLUMN `bio` longtext;
ALTER TABLE `book` RENAME COLUMN `page_count` TO `pages`;
DROP TABLE IF EXISTS `publisher`;

-- 0003_rename_publisher_imprint_and_more (backwards: true)
CREATE TABLE IF NOT EXISTS `tag` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(30) NOT NULL UNIQUE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
ALTER TABLE `book` ADD CONSTRAINT `book_title_author_id_c0cbce5b_uniq` UNIQUE (`title`, `author_id`);
ALTER TABLE `book` DROP FOREIGN KEY `book_publisher_id_imprint_id_ab6ee877_fk`;
ALTER TABLE `imprint` RENAME TO `publisher`;
ALTER TABLE `book` ADD CONSTRAINT `book_publisher_id_publisher_id_5a547361_fk` FOREIGN KEY (`publisher_id`) REFERENCES `publisher` (`id`);
ALTER TABLE `book` MODIFY `page_count` integer NOT NULL;
ALTER TABLE `book` MODIFY `subtitle` varchar(100);
ALTER TABLE `author` DROP INDEX `email`;
DROP INDEX `author_name_0576e2fd_idx` ON `author`;
CREATE TABLE IF NOT EXISTS `book_tags` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `book_id` bigint NOT NULL, `tag_id` bigint NOT NULL, CONSTRAINT `book_tags_book_id_tag_id_d1b23c07_uniq` UNIQUE (`book_id`, `tag_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX `book_tags_book_id_9d6fe0cb_idx` ON `book_tags` (`book_id`);
CREATE INDEX `book_tags_tag_id_db1ab8fa_idx` ON `book_tags` (`tag_id`);
ALTER TABLE `book_tags` ADD CONSTRAINT `book_tags_book_id_book_id_7caace78_fk` FOREIGN KEY (`book_id`) REFERENCES `book` (`id`);
ALTER TABLE `book_tags` ADD CONSTRAINT `book_tags_tag_id_tag_id_f757af51_fk` FOREIGN KEY (`tag_id`) REFERENCES `tag` (`id`);
ALTER TABLE `book` RENAME INDEX `book_title_price_ix` TO `book_title_price_idx`;

-- 0004_reading_remove_book_book_title_price_ix_book_readers_and_more (backwards: true)
ALTER TABLE `book` DROP CONSTRAINT `book_price_gte_0`;
ALTER TABLE `book` COMMENT='';
ALTER TABLE `book` MODIFY `title` varchar(100) NOT NULL;
CREATE INDEX `book_title_price_ix` ON `book` (`title`, `price` DESC);
DROP TABLE IF EXISTS `reading`;

-- 0005_data (backwards: true)
-- RunGo backwards: rate every reading;
UPDATE book SET subtitle = '' WHERE subtitle = 'Second edition';

