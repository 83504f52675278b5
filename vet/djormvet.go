// Package djormvet is a go vet analyzer for djorm's pitfalls:
//
//   - atomicctx: inside an orm.Atomic closure, a query given the outer
//     context instead of the closure's runs outside the transaction (its
//     write survives the rollback; on SQLite :memory: it deadlocks);
//   - loopfetch: in a loop over a QuerySet's rows, a relation read per row
//     (ForeignKey.Get, orm.Related) is one query per row (N+1) unless the
//     QuerySet selected or prefetched it.
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
