// Command djormvet runs djorm's vet analyzer:
//
//	go vet -vettool=$(which djormvet) ./...
package main

import (
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/djorm/orm/vet"
)

func main() { unitchecker.Main(djormvet.Analyzer) }
