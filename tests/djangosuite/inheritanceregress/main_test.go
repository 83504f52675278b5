// Package inheritanceregress ports Django 3.2's
// tests/model_inheritance_regress/tests.py case by case: each Go test is
// named after the Django class and method it ports and checks Django 3.2's
// answer on every live backend.
//
// Reference: the stored tests.py is newer than 3.2 (black-formatted, 4.x);
// the methods were matched against 3.2: test_issue_7488 (removed later) is
// ported, test_mti_update_parent_through_child and
// test_mti_update_grand_parent_through_child (added after 3.2, multiple
// inheritance anyway) are not. models.py is the 3.x one.
//
// djorm has no raw save (save_base(raw=True), which writes only the
// model's own table onto an existing parent row): the port saves a child
// whose embedded parent is the already saved parent value (db.Save
// updates the parent row and inserts the missing child row), and a
// raw save of an existing child is db.Save with the child's own fields as
// update fields.
//
// Skipped Django methods, with the reason:
//   - test_use_explicit_o2o_to_parent_as_pk,
//     test_use_explicit_o2o_to_parent_from_abstract_model: an explicitly
//     named parent link (parent_link=True), and ParkingLot4A/4B multiple
//     inheritance; djorm names the link <parent>_ptr.
//   - test_queryset_update_on_parent_model, the DerivedM half: a child
//     declaring its own primary key (customPK) beside the parent link;
//     djorm refuses a pk tag on a child. The ArticleWithAuthor half is
//     ported.
//   - test_abstract_verbose_name_plural_inheritance,
//     test_abstract_base_class_m2m_relation_inheritance_manager_reused:
//     abstract Meta inheritance and Python descriptor identity
//     (p1.birthdayparty_set is p1.birthdayparty_set); no Go counterpart.
//   - test_inherited_unique_field_with_form: a ModelForm, and Profile's own
//     primary key (profile_id).
//   - test_issue_21554, test_create_new_instance_with_pk_equals_none_multi_inheritance:
//     Congressman(Person, Politician), multiple inheritance.
//   - test_ptr_accessor_assigns_state: r.place_ptr is a Python object with
//     its own _state; djorm's parent is the embedded struct sharing the
//     child's one orm.Model state.
//
// Adapted: test_get_next_previous_by_date uses Django's own definition of
// get_next_by_FOO (filter pub_date__gt / __lt, order by pub_date and pk);
// djorm has no get_next_by methods. test_create_new_instance_with_pk_equals_none
// uses Profile without its own profile_id key.
//
// Every ported case passes; the three that once failed are marked so in
// their comments.
package inheritanceregress

import (
	"testing"

	"github.com/djorm/orm/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m, "inheritanceregress") }
