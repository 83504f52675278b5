// Package postgres holds PostgreSQL's extras, as django.contrib.postgres
// does: the aggregates ArrayAgg, StringAgg, JSONBAgg, BoolAnd, BoolOr,
// BitAnd and BitOr, and the statistics ones (Corr, CovarPop, RegrAvgX,
// RegrAvgY, RegrCount, RegrIntercept, RegrR2, RegrSlope, RegrSXX, RegrSXY,
// RegrSYY); full-text search (SearchVector, SearchQuery,
// SearchRank, Matches and the "search" lookup); trigram similarity
// (TrigramSimilarity, TrigramDistance, TrigramWordSimilarity and the
// "trigram_similar" and "trigram_word_similar" lookups, which need the
// pg_trgm extension); and the "unaccent" transform (the unaccent
// extension). CreateExtension is the migration operation that installs an
// extension, as Django's.
//
// Importing the package registers its lookups and transforms. Every
// expression here is refused with an *orm.NotSupportedError on other
// backends, before any SQL is sent.
//
// ArrayAgg returns its values as a JSON array (decoded as []any): Go has
// no generic way to scan a PostgreSQL array, and JSON keeps NULLs and
// order. Over no rows the aggregates give NULL (nil), as Django 4+; give
// Default([]any{}) or Default("") for Django 3.2's empty list or string.
package postgres
