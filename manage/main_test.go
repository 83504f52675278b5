package manage_test

import (
	"testing"

	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "manage") }
