// Package modelinheritance ports Django's tests/model_inheritance/tests.py
// (the multi-table cases) case by case: each Go test is named after the
// Django class and method it ports and checks Django 3.2's answer on every
// live backend.
//
// A multi-table child embeds its registered parent model struct as its
// first field (Restaurant embeds Place); an embedded struct that does not
// embed orm.Model (Rating) shares its fields as Django's abstract base
// classes do.
//
// Skipped Django methods, with the reason:
//   - ModelInheritanceTests.test_abstract, test_model_with_distinct_accessors,
//     test_abstract_parent_link, test_init_subclass,
//     test_set_name, test_mixin_init, test_abstract_verbose_name_plural_inheritance,
//     test_inherited_ordering_pk_desc's ordering by a Python class attribute,
//     and InheritanceSameModelNameTests: Python class machinery
//     (__init_subclass__, __set_name__, related_name='%(class)s' templates,
//     apps registries) with no Go counterpart; shared fields without a table
//     are plain embedded structs.
//   - test_custompk_m2m: SubBase declares its own primary key (sub_id)
//     beside the parent link; djorm's multi-table child has the parent link
//     as its key and refuses a pk tag.
//   - ParkingLot's explicit parent link (parent = OneToOneField(Place,
//     parent_link=True)): djorm names the link <parent>_ptr; ParkingLot
//     here uses place_ptr.
package modelinheritance

import (
	"testing"

	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "modelinheritance") }
