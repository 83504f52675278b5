package djormvet_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/djorm/orm/vet"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), djormvet.Analyzer, "a")
}
