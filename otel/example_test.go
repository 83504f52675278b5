package otel_test

import (
	"context"
	"fmt"
	"log"

	_ "github.com/mattn/go-sqlite3"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/djorm/orm"
	ormotel "github.com/djorm/orm/otel"
)

// Shelf is the example's model.
type Shelf struct {
	orm.Model
	Label string `orm:"max_length=20"`
}

// Instrument goes with Open's other options; every statement then becomes
// a client span, a child of the span its ctx carries.
func ExampleInstrument() {
	orm.MustRegister(&Shelf{})
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))

	db, err := orm.Open("sqlite3", ":memory:", ormotel.Instrument(ormotel.WithTracerProvider(tp)))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	ctx, request := tp.Tracer("shop").Start(context.Background(), "GET /shelves")
	if err := db.CreateTables(ctx, &Shelf{}); err != nil {
		log.Fatal(err)
	}
	if _, err := orm.Objects[Shelf](db).Filter(orm.Q{"label__startswith": "A"}).Count(ctx); err != nil {
		log.Fatal(err)
	}
	request.End()

	for _, s := range spans.Ended() {
		fmt.Println(s.Name())
	}
	// Output:
	// CREATE shelf
	// SELECT shelf
	// GET /shelves
}
