// Package orm is a stand-in for djorm's API in the analyzer's tests.
package orm

import "context"

type DB struct{}
type Model struct{ ID int64 }
type ForeignKey[T any] struct{}

func (ForeignKey[T]) Get(ctx context.Context) (*T, error) { return nil, nil }

type QuerySet[T any] struct{}

func Objects[T any](db *DB) *QuerySet[T]                          { return nil }
func (*QuerySet[T]) All(ctx context.Context) ([]*T, error)        { return nil, nil }
func (q *QuerySet[T]) SelectRelated(names ...string) *QuerySet[T] { return q }
func (q *QuerySet[T]) Filter(c Q) *QuerySet[T]                    { return q }
func (q *QuerySet[T]) Annotate(a ...any) *QuerySet[T]             { return q }

type Q map[string]any
type ManyToMany[T any] struct{}

type RelatedManager[T any] struct{ QuerySet[T] }

func Related[T any](obj any, name string) *RelatedManager[T] { return nil }

func Atomic(ctx context.Context, db *DB, fn func(ctx context.Context) error) error { return nil }
