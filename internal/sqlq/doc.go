// Package sqlq is djorm's query tree and its compiler, the floor between
// package orm's QuerySet and the dialects.
//
// Package orm records chain calls and, at a terminal, replays them onto a
// Query (AddFilter, AddAnnotation, SetValues, ...), passing unresolved
// expression Specs. Resolving a Spec against the Query turns field paths into
// columns and joins, following Django's rules (sql/query.py: names_to_path,
// setup_joins, join reuse, join promotion, split_exclude). The compiler then
// renders the resolved tree through a dialects.Dialect. No identifier reaches
// SQL unless it was resolved against model metadata or passed the allow-list.
package sqlq
