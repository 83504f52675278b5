// Package djormvet is a go vet analyzer for djorm's pitfalls:
//
//   - atomicctx: inside an orm.Atomic closure, a query given the outer
//     context instead of the closure's runs outside the transaction (its
//     write survives the rollback; on SQLite :memory: it deadlocks);
//   - loopfetch: in a loop over a QuerySet's rows, a relation read per row
//     (ForeignKey.Get, orm.Related) is one query per row (N+1) unless the
//     QuerySet selected or prefetched it;
//   - qpath: a key of an orm.Q literal given to a QuerySet of a model of the
//     package being checked whose first name is no field, key or relation
//     of the model (a typo fails only when the query runs).
//
// Run it with go vet:
//
//	go install github.com/djorm/orm/vet/cmd/djormvet@latest
//	go vet -vettool=$(which djormvet) ./...
package djormvet

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

const ormPath = "github.com/djorm/orm"

// Analyzer reports djorm's pitfalls (see the package doc).
var Analyzer = &analysis.Analyzer{
	Name:     "djorm",
	Doc:      "report djorm pitfalls: the outer ctx inside an Atomic closure, relations read per row in a loop (N+1)",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ins.Preorder([]ast.Node{(*ast.CallExpr)(nil), (*ast.FuncDecl)(nil)}, func(n ast.Node) {
		switch x := n.(type) {
		case *ast.CallExpr:
			checkAtomic(pass, x)
			checkQPaths(pass, x)
		case *ast.FuncDecl: // its closures included
			if x.Body != nil {
				checkLoops(pass, x.Body)
			}
		}
	})
	return nil, nil
}

// isORMFunc reports whether call calls the function name of package orm.
func isORMFunc(pass *analysis.Pass, call *ast.CallExpr, name string) bool {
	var id *ast.Ident
	switch f := call.Fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.IndexExpr: // a generic call: orm.Related[T](...)
		if sel, ok := f.X.(*ast.SelectorExpr); ok {
			id = sel.Sel
		}
	}
	if id == nil {
		return false
	}
	fn, ok := pass.TypesInfo.Uses[id].(*types.Func)
	return ok && fn.Name() == name && fn.Pkg() != nil && fn.Pkg().Path() == ormPath
}

// checkAtomic reports uses of Atomic's ctx argument inside its closure.
func checkAtomic(pass *analysis.Pass, call *ast.CallExpr) {
	if !isORMFunc(pass, call, "Atomic") || len(call.Args) < 3 {
		return
	}
	outer, ok := call.Args[0].(*ast.Ident)
	lit, isLit := call.Args[2].(*ast.FuncLit)
	if !ok || !isLit {
		return
	}
	obj := pass.TypesInfo.Uses[outer]
	if obj == nil {
		return
	}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if ok && pass.TypesInfo.Uses[id] == obj {
			pass.Reportf(id.Pos(), "the orm.Atomic closure uses the outer %s: pass the closure's own context, or the statement runs outside the transaction", id.Name)
		}
		return true
	})
}

// checkLoops reports relations read per row in loops over a QuerySet's
// rows whose QuerySet neither selected nor prefetched anything.
func checkLoops(pass *analysis.Pass, body *ast.BlockStmt) {
	sources := map[types.Object]string{} // slice variable -> the text of the chain that filled it
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok || i >= len(x.Rhs) && len(x.Rhs) != 1 {
					continue
				}
				rhs := x.Rhs[0]
				if len(x.Rhs) == len(x.Lhs) {
					rhs = x.Rhs[i]
				}
				if obj := pass.TypesInfo.ObjectOf(id); obj != nil {
					sources[obj] = chainText(rhs)
				}
			}
		case *ast.RangeStmt:
			checkRange(pass, x, sources)
		}
		return true
	})
}

func checkRange(pass *analysis.Pass, r *ast.RangeStmt, sources map[types.Object]string) {
	rangedID, ok := r.X.(*ast.Ident)
	value, okV := r.Value.(*ast.Ident)
	if !ok || !okV {
		return
	}
	chain, known := sources[pass.TypesInfo.ObjectOf(rangedID)]
	if !known || !strings.Contains(chain, ".All(") || strings.Contains(chain, "SelectRelated") || strings.Contains(chain, "PrefetchRelated") {
		return
	}
	row := pass.TypesInfo.ObjectOf(value)
	ast.Inspect(r.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if rel, forward := relationOfRow(pass, call, row); rel != "" {
			fix := fmt.Sprintf("PrefetchRelated(%q)", rel)
			if forward {
				fix = fmt.Sprintf("SelectRelated(%q)", snake(rel))
			}
			pass.Reportf(call.Pos(), "%s is loaded once per row of %s (N+1): add %s to the query", rel, rangedID.Name, fix)
		}
		return true
	})
}

// relationOfRow names the relation call reads from the loop's row: a
// ForeignKey's Get (row.Author.Get, forward) or orm.Related(row, "name").
func relationOfRow(pass *analysis.Pass, call *ast.CallExpr, row types.Object) (string, bool) {
	if isORMFunc(pass, call, "Related") && len(call.Args) == 2 {
		if id, ok := call.Args[0].(*ast.Ident); ok && pass.TypesInfo.ObjectOf(id) == row {
			if lit, ok := call.Args[1].(*ast.BasicLit); ok {
				return strings.Trim(lit.Value, "\"`"), false
			}
		}
		return "", false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Get" {
		return "", false
	}
	field, ok := sel.X.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	base, ok := field.X.(*ast.Ident)
	if !ok || pass.TypesInfo.ObjectOf(base) != row {
		return "", false
	}
	named, ok := types.Unalias(pass.TypesInfo.TypeOf(field)).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != ormPath ||
		(named.Obj().Name() != "ForeignKey" && named.Obj().Name() != "OneToOne") {
		return "", false
	}
	return field.Sel.Name, true
}

// chainText is the source shape of a call chain (method names), enough to
// see SelectRelated or PrefetchRelated in it.
func chainText(e ast.Expr) string {
	var b strings.Builder
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			b.WriteString("." + sel.Sel.Name + "(")
		}
		return true
	})
	return b.String()
}

// snake turns a Go field name into djorm's field name (Author -> author).
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkQPaths checks the orm.Q literals given to a method of a QuerySet of a
// model declared in this package.
func checkQPaths(pass *analysis.Pass, call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	model := querySetModel(pass.TypesInfo.TypeOf(sel.X))
	if model == nil || model.Obj().Pkg() != pass.Pkg || strings.Contains(chainText(sel.X), ".Annotate(") ||
		strings.Contains(chainText(sel.X), ".Alias(") {
		return // annotations add names the analyzer does not follow
	}
	for _, a := range call.Args {
		lit, ok := a.(*ast.CompositeLit)
		if !ok || !isORMType(pass.TypesInfo.TypeOf(lit), "Q") {
			continue
		}
		names := modelNames(pass, model)
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			key, isLit := kv.Key.(*ast.BasicLit)
			if !ok || !isLit {
				continue
			}
			first := strings.SplitN(strings.Trim(key.Value, "\"`"), "__", 2)[0]
			if !names[first] {
				pass.Reportf(key.Pos(), "Q key %s does not resolve on %s: %q is no field or relation of it", key.Value, model.Obj().Name(), first)
			}
		}
	}
}

func isORMType(t types.Type, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == ormPath
}

// querySetModel is T of *orm.QuerySet[T] (or a RelatedManager[T]).
func querySetModel(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != ormPath ||
		(n.Obj().Name() != "QuerySet" && n.Obj().Name() != "RelatedManager") || n.TypeArgs().Len() != 1 {
		return nil
	}
	m, _ := types.Unalias(n.TypeArgs().At(0)).(*types.Named)
	return m
}

// modelNames lists the names a lookup may start with on model: its fields
// (and a relation's _id), pk, and the reverse relations models of this
// package declare towards it (related_name, or the model's lower-cased name).
func modelNames(pass *analysis.Pass, model *types.Named) map[string]bool {
	names := map[string]bool{"pk": true, "id": true}
	st, ok := model.Underlying().(*types.Struct)
	if !ok {
		return names
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Anonymous() || !f.Exported() {
			continue
		}
		names[snake(f.Name())] = true
		if relationTarget(f.Type()) != nil {
			names[snake(f.Name())+"_id"] = true
		}
	}
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		other, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := 0; i < other.NumFields(); i++ {
			if relationTarget(other.Field(i).Type()) != model.Obj() {
				continue
			}
			related := reflectTag(other.Tag(i), "related_name")
			if related == "" {
				related = strings.ToLower(tn.Name())
			}
			names[related] = true
		}
	}
	return names
}

// relationTarget is T of orm.ForeignKey[T], OneToOne[T] or ManyToMany[T].
func relationTarget(t types.Type) *types.TypeName {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != ormPath || n.TypeArgs().Len() != 1 {
		return nil
	}
	switch n.Obj().Name() {
	case "ForeignKey", "OneToOne", "ManyToMany":
	default:
		return nil
	}
	if m, ok := types.Unalias(n.TypeArgs().At(0)).(*types.Named); ok {
		return m.Obj()
	}
	return nil
}

// reflectTag reads option key= of a field's orm tag.
func reflectTag(tag, key string) string {
	orm := reflect.StructTag(tag).Get("orm")
	for _, part := range strings.Split(orm, ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(part), "="); ok && k == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
