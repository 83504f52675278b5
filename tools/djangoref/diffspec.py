"""Spec language, model metadata and the seeded random generator of the
differential tests (see diffgen.py and README.md, "Differential specs").

Nothing here imports Django: a spec is plain data (JSON), and render()
turns it into the Python text that diffgen.py evaluates with Django. The Go
test (differential_test.go) interprets the same data with djorm's API.

Spec (one JSON object):
    {"id": "d00042", "m": "Book", "st": [step, ...], "t": terminal,
     "o": true|false   rows compare in order (the ordering is total)
     "nul": true       the ordering involves a nullable key (NULL placement)}

Literal values (L):
    null, true/false, integers, floats (JSON numbers with a "."), strings,
    {"D": "19.99"} Decimal, {"d": "2021-06-30"} date,
    {"dt": "2021-01-10T09:30:00"} aware UTC datetime, [L or E, ...] a list
    (for __in and __range).
Expressions (E): a literal (wrapped in Value() by Django when combined), or
    {"F": "path"}                          F("path")
    {"V": L}                               Value(L)
    {"op": "+"|"-"|"*"|"/", "a": E, "b": E}
    {"fn": "Coalesce"|"Lower"|"Upper"|"Length"|"Abs"|"ExtractYear"|
           "ExtractMonth"|"ExtractDay"|"ExtractQuarter"|"ExtractWeekDay"|
           "TruncMonth"|"TruncYear"|"Greatest"|"Least", "args": [E, ...]}
    {"agg": "Count"|"Sum"|"Avg"|"Min"|"Max", "a": "path" or "*" or E,
     "d": true (distinct=True), "f": C (filter=)}
Conditions (C):
    {"q": {"lookup": L or E, ...}}         Q(lookup=..., ...)
    {"or": [C, ...]}, {"and": [C, ...]}, {"not": C}
Steps:
    {"s": "filter"|"exclude", "c": [C, ...]}       one call, several arguments
    {"s": "annotate", "a": [[name, E], ...]}      name "" = positional (default alias)
    {"s": "values", "f": [path, ...], "e": [[name, E], ...]}
    {"s": "values_list", "f": [path, ...], "flat": true}
    {"s": "order_by", "k": ["-price", "id", {"F": "x", "desc": true, "nf": true, "nl": true}]}
    {"s": "distinct"}, {"s": "reverse"}
    {"s": "slice", "lo": 0, "hi": 3}  (hi null: open; a negative lo is an error)
    {"s": "union"|"intersection"|"difference", "o": [{"m": model, "st": [...]}, ...], "all": true}
Terminals:
    {"t": "list"}, {"t": "count"}, {"t": "exists"}, {"t": "first"}, {"t": "last"},
    {"t": "agg", "a": [[name, E], ...]}  (name "" = positional)
"""
import datetime
import decimal
import json
import random

D = decimal.Decimal
date = datetime.date


def dt(*a):
    return datetime.datetime(*a)


# --------------------------------------------------------------------------
# Model metadata: fields (type, nullable) and relations (target, kind,
# nullable). kind "fk" is single-valued (forward FK), "m" multi-valued
# (reverse FK or many-to-many).
# --------------------------------------------------------------------------
META = {
    # bookstore (tools/djangoref/store/models.py)
    "Publisher": {
        "f": {"id": ("int", False), "name": ("str", False)},
        "r": {"authors": ("Author", "m", True)},
    },
    "Author": {
        "f": {"id": ("int", False), "name": ("str", False), "joined_date": ("date", False),
              "rating": ("int", True)},
        "r": {"publisher": ("Publisher", "fk", True), "books": ("Book", "m", True),
              "edited_books": ("Book", "m", True)},
    },
    "Tag": {
        "f": {"id": ("int", False), "name": ("str", False)},
        "r": {"books": ("Book", "m", True)},
    },
    "Book": {
        "f": {"id": ("int", False), "title": ("str", False), "price": ("dec", False),
              "sales_count": ("int", False), "stock_level": ("int", False),
              "is_published": ("bool", False), "published_at": ("dt", True)},
        "r": {"author": ("Author", "fk", False), "editor": ("Author", "fk", True),
              "tags": ("Tag", "m", True), "reviews": ("Review", "m", True)},
    },
    "Review": {
        "f": {"id": ("int", False), "stars": ("int", False), "comment": ("str", False)},
        "r": {"book": ("Book", "fk", False)},
    },
    # staff graph (tools/djangoref/hr/models.py)
    "Department": {
        "f": {"id": ("int", False), "name": ("str", False), "budget": ("dec", True)},
        "r": {"parent": ("Department", "fk", True), "children": ("Department", "m", True),
              "employees": ("Employee", "m", True)},
    },
    "Store": {
        "f": {"id": ("int", False), "name": ("str", False), "city": ("str", True),
              "opened": ("date", True), "capacity": ("int", False)},
        "r": {"staff": ("Employee", "m", True), "sales": ("Sale", "m", True)},
    },
    "Skill": {
        "f": {"id": ("int", False), "name": ("str", False), "level": ("int", True)},
        "r": {"employees": ("Employee", "m", True)},
    },
    "Employee": {
        "f": {"id": ("int", False), "name": ("str", False), "salary": ("int", False),
              "bonus": ("int", True), "rate": ("float", True), "hired": ("date", False),
              "last_login": ("dt", True), "active": ("bool", False), "nickname": ("str", True)},
        "r": {"department": ("Department", "fk", True), "store": ("Store", "fk", False),
              "manager": ("Employee", "fk", True), "reports": ("Employee", "m", True),
              "skills": ("Skill", "m", True), "sales": ("Sale", "m", True)},
    },
    "Sale": {
        "f": {"id": ("int", False), "amount": ("dec", False), "qty": ("int", False),
              "sold_on": ("date", False), "note": ("str", True)},
        "r": {"employee": ("Employee", "fk", False), "store": ("Store", "fk", False)},
    },
}
BOOKSTORE = ["Publisher", "Author", "Tag", "Book", "Review"]
STAFF = ["Department", "Store", "Skill", "Employee", "Sale"]
NUMERIC = ("int", "dec", "float")

# --------------------------------------------------------------------------
# The staff dataset (explicit ids). The bookstore's is gen.py's.
# --------------------------------------------------------------------------
DEPARTMENTS = [
    # id, name, budget, parent_id
    (1, "Engineering", D("500000.00"), None),
    (2, "Backend", D("200000.00"), 1),
    (3, "Frontend", None, 1),
    (4, "Sales", D("150000.50"), None),
    (5, "Support", None, 4),
    (6, "Research", D("99999.99"), 2),
    (7, "Empty", D("0.00"), None),
]
STORES = [
    # id, name, city, opened, capacity
    (1, "North", "Oslo", date(2015, 4, 1), 50),
    (2, "South", "Rome", date(2018, 10, 15), 30),
    (3, "East", None, None, 30),
    (4, "West", "Oslo", date(2021, 1, 31), 0),
]
SKILLS = [(1, "python", 3), (2, "go", 2), (3, "sql", None), (4, "design", 1), (5, "cobol", None)]
EMPLOYEES = [
    # id, name, department_id, store_id, manager_id, salary, bonus, rate, hired, last_login, active, nickname
    (1, "Alice", 1, 1, None, 9000, 1000, 1.5, date(2015, 4, 1), dt(2024, 1, 15, 8, 30, 0), True, "Al"),
    (2, "Bob", 2, 1, 1, 7000, None, 1.25, date(2016, 7, 19), dt(2024, 2, 29, 23, 59, 59), True, None),
    (3, "Carol", 2, 2, 2, 7000, 500, None, date(2018, 10, 15), None, True, "Caz"),
    (4, "Dan", 3, 2, 1, 5500, 0, 0.75, date(2019, 12, 31), dt(2023, 12, 31, 12, 0, 0), False, ""),
    (5, "Eve", None, 3, None, 4000, None, None, date(2020, 2, 29), None, True, None),
    (6, "Frank", 4, 3, 5, 6000, 1200, 2.0, date(2021, 1, 31), dt(2024, 3, 1, 0, 0, 0), True, "Frankie"),
    (7, "Grace", 5, 4, 6, 3000, 300, 1.0, date(2021, 6, 30), dt(2022, 6, 30, 18, 45, 10), False, "G"),
    (8, "Heidi", 6, 1, 2, 8000, None, 1.75, date(2022, 11, 20), dt(2024, 1, 1, 0, 0, 0), True, None),
    (9, "Ivan", 4, 4, 6, 3000, 300, 0.5, date(2023, 3, 15), None, True, "Vanya"),
    (10, "Judy", 2, 2, 2, 6500, 700, 1.1, date(2024, 5, 5), dt(2024, 5, 6, 9, 0, 0), False, "Jude"),
]
EMPLOYEE_SKILLS = {1: [1, 2, 3], 2: [2, 3], 3: [1], 4: [4], 6: [1, 3], 8: [2, 3, 4], 9: [3], 10: [1, 2]}
SALES = [
    # id, employee_id, store_id, amount, qty, sold_on, note
    (1, 1, 1, D("120.00"), 2, date(2023, 1, 5), "first"),
    (2, 1, 2, D("80.50"), 1, date(2023, 2, 10), None),
    (3, 2, 1, D("200.00"), 5, date(2023, 2, 10), "bulk"),
    (4, 3, 2, D("15.25"), 1, date(2023, 3, 31), None),
    (5, 3, 2, D("15.25"), 1, date(2023, 4, 1), ""),
    (6, 4, 2, D("999.99"), 10, date(2024, 2, 29), "big"),
    (7, 6, 3, D("50.00"), 3, date(2024, 3, 1), None),
    (8, 6, 3, D("75.00"), 0, date(2024, 12, 31), "returned"),
    (9, 8, 1, D("300.00"), 4, date(2022, 11, 20), None),
    (10, 9, 4, D("10.00"), 1, date(2023, 7, 14), "tiny"),
    (11, 10, 2, D("45.50"), 2, date(2024, 5, 6), None),
    (12, 1, 1, D("120.00"), 2, date(2023, 6, 30), "repeat"),
]


def employee_skill_rows():
    rows, i = [], 0
    for e in sorted(EMPLOYEE_SKILLS):
        for s in EMPLOYEE_SKILLS[e]:
            i += 1
            rows.append((i, e, s))
    return rows


def staff_rows():
    """Rows per staff model, as dicts keyed by field name (FKs by relation name)."""
    return {
        "Department": [dict(id=i, name=n, budget=b, parent=p) for i, n, b, p in DEPARTMENTS],
        "Store": [dict(id=i, name=n, city=c, opened=o, capacity=k) for i, n, c, o, k in STORES],
        "Skill": [dict(id=i, name=n, level=l) for i, n, l in SKILLS],
        "Employee": [dict(id=r[0], name=r[1], department=r[2], store=r[3], manager=r[4], salary=r[5],
                          bonus=r[6], rate=r[7], hired=r[8], last_login=r[9], active=r[10],
                          nickname=r[11]) for r in EMPLOYEES],
        "Sale": [dict(id=i, employee=e, store=s, amount=a, qty=q, sold_on=so, note=n)
                 for i, e, s, a, q, so, n in SALES],
    }


def bookstore_rows(gen):
    """Rows per bookstore model from gen.py's dataset."""
    U = datetime.timezone.utc

    def naive(v):
        return v.astimezone(U).replace(tzinfo=None) if isinstance(v, datetime.datetime) else v

    return {
        "Publisher": [dict(id=i, name=n) for i, n in gen.PUBLISHERS],
        "Author": [dict(id=i, name=n, joined_date=j, rating=r, publisher=p) for i, n, j, r, p in gen.AUTHORS],
        "Tag": [dict(id=i, name=n) for i, n in gen.TAGS],
        "Book": [dict(id=r[0], title=r[1], author=r[2], editor=r[3], price=r[4], sales_count=r[5],
                      stock_level=r[6], is_published=r[7], published_at=naive(r[8])) for r in gen.BOOKS],
        "Review": [dict(id=i, book=b, stars=s, comment=c) for i, b, s, c in gen.REVIEWS],
    }


# --------------------------------------------------------------------------
# Rendering a spec as Python (the text diffgen.py evaluates)
# --------------------------------------------------------------------------
def is_expr(v):
    return isinstance(v, dict) and any(k in v for k in ("F", "V", "op", "fn", "agg"))


def r_lit(v):
    if v is None:
        return "None"
    if v is True:
        return "True"
    if v is False:
        return "False"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(r_expr(x) for x in v) + "]"
    if isinstance(v, dict):
        if "D" in v:
            return 'D("%s")' % v["D"]
        if "d" in v:
            y, m, d = (int(x) for x in v["d"].split("-"))
            return "date(%d, %d, %d)" % (y, m, d)
        if "dt" in v:
            day, tm = v["dt"].split("T")
            y, m, d = (int(x) for x in day.split("-"))
            hh, mi, ss = (int(x) for x in tm.split(":"))
            return "dt(%d, %d, %d, %d, %d, %d)" % (y, m, d, hh, mi, ss)
    raise ValueError("bad literal %r" % (v,))


def r_expr(e, top=True):
    if not is_expr(e):
        return r_lit(e)
    if "F" in e:
        s = 'F("%s")' % e["F"]
        if e.get("desc") or e.get("nf") or e.get("nl") or "asc" in e:
            kw = []
            if e.get("nf"):
                kw.append("nulls_first=True")
            if e.get("nl"):
                kw.append("nulls_last=True")
            s += ".%s(%s)" % ("desc" if e.get("desc") else "asc", ", ".join(kw))
        return s
    if "V" in e:
        return "Value(%s)" % r_lit(e["V"])
    if "op" in e:
        s = "%s %s %s" % (r_expr(e["a"], False), e["op"], r_expr(e["b"], False))
        return s if top else "(" + s + ")"
    if "fn" in e:
        return "%s(%s)" % (e["fn"], ", ".join(r_expr(a) for a in e["args"]))
    if "agg" in e:
        a = e["a"]
        parts = [json.dumps(a) if isinstance(a, str) else r_expr(a)]
        if e.get("d"):
            parts.append("distinct=True")
        if "f" in e:
            parts.append("filter=" + r_cond(e["f"]))
        return "%s(%s)" % (e["agg"], ", ".join(parts))
    raise ValueError("bad expression %r" % (e,))


def r_kwargs(q):
    return ", ".join("%s=%s" % (k, r_expr(v)) for k, v in q.items())


def r_cond(c):
    if "q" in c:
        return "Q(%s)" % r_kwargs(c["q"])
    if "or" in c:
        return "(" + " | ".join(r_cond(x) for x in c["or"]) + ")"
    if "and" in c:
        return "(" + " & ".join(r_cond(x) for x in c["and"]) + ")"
    if "not" in c:
        return "~" + r_cond(c["not"])
    raise ValueError("bad condition %r" % (c,))


def r_named(items):
    pos = [r_expr(e) for n, e in items if n == ""]
    kw = ["%s=%s" % (n, r_expr(e)) for n, e in items if n != ""]
    return ", ".join(pos + kw)


def r_steps(model, steps):
    s = "%s.objects" % model
    if not steps:
        return s + ".all()"
    for st in steps:
        op = st["s"]
        if op in ("filter", "exclude"):
            conds = st["c"]
            # the last plain Q becomes keyword arguments, the rest positional
            kw = None
            if conds and "q" in conds[-1]:
                kw = conds[-1]
                conds = conds[:-1]
            args = [r_cond(c) for c in conds]
            if kw is not None:
                args.append(r_kwargs(kw["q"]))
            s += ".%s(%s)" % (op, ", ".join(args))
        elif op == "annotate":
            s += ".annotate(%s)" % r_named(st["a"])
        elif op == "values":
            args = [json.dumps(f, ensure_ascii=False) for f in st["f"]]
            if st.get("e"):
                args.append(r_named(st["e"]))
            s += ".values(%s)" % ", ".join(args)
        elif op == "values_list":
            args = [json.dumps(f, ensure_ascii=False) for f in st["f"]]
            if st.get("flat"):
                args.append("flat=True")
            s += ".values_list(%s)" % ", ".join(args)
        elif op == "order_by":
            s += ".order_by(%s)" % ", ".join(
                json.dumps(k) if isinstance(k, str) else r_expr(k) for k in st["k"])
        elif op == "distinct":
            s += ".distinct()"
        elif op == "reverse":
            s += ".reverse()"
        elif op == "slice":
            lo = st["lo"]
            hi = st.get("hi")
            s += "[%s:%s]" % ("" if lo == 0 else lo, "" if hi is None else hi)
        elif op in ("union", "intersection", "difference"):
            others = [r_steps(o["m"], o["st"]) for o in st["o"]]
            if st.get("all"):
                others.append("all=True")
            s += ".%s(%s)" % (op, ", ".join(others))
        else:
            raise ValueError("bad step %r" % (st,))
    return s


def render(spec):
    s = r_steps(spec["m"], spec["st"])
    t = spec["t"]
    kind = t["t"]
    if kind == "list":
        return s
    if kind in ("count", "exists", "first", "last"):
        return s + ".%s()" % kind
    if kind == "agg":
        return s + ".aggregate(%s)" % r_named(t["a"])
    raise ValueError("bad terminal %r" % (t,))


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------
def path_multi(model, key):
    """Does the field path key (relations, then a field or transforms) cross a
    multi-valued relation?"""
    m = model
    for part in key.split("__"):
        rel = META[m]["r"].get(part)
        if rel is None:
            return False
        if rel[1] == "m":
            return True
        m = rel[0]
    return False


def expr_multi(model, e):
    """Does a non-aggregate expression read a multi-valued relation?"""
    if isinstance(e, dict):
        if "agg" in e:
            return False
        if "F" in e:
            return path_multi(model, e["F"])
        return any(expr_multi(model, v) for k, v in e.items() if k in ("a", "b", "args"))
    if isinstance(e, list):
        return any(expr_multi(model, x) for x in e)
    return False


def lit(v):
    """A Python value as a spec literal."""
    if isinstance(v, decimal.Decimal):
        return {"D": format(v, "f")}
    if isinstance(v, datetime.datetime):
        return {"dt": v.strftime("%Y-%m-%dT%H:%M:%S")}
    if isinstance(v, datetime.date):
        return {"d": v.isoformat()}
    return v


class Path:
    """A field path from a model: parts, the final model, multi-valued, nullable."""

    def __init__(self, parts, model, multi, nullable):
        self.parts, self.model, self.multi, self.nullable = parts, model, multi, nullable

    def key(self, *more):
        return "__".join(self.parts + list(more))


class Ann:
    """What the generator knows of an annotation or a selected column."""

    def __init__(self, name, typ, nullable, agg, multi=False):
        self.name, self.typ, self.nullable, self.agg, self.multi = name, typ, nullable, agg, multi


class Chain:
    """Generator state of one queryset chain."""

    def __init__(self, model):
        self.model = model
        self.steps = []
        self.anns = {}        # name -> Ann
        self.mode = None      # None, "values", "values_list", "flat"
        self.cols = []        # selected column names in values modes
        self.group = None     # group keys (values(...).annotate(agg))
        self.sliced = False
        self.combined = False
        self.total = False    # ordering is total
        self.nul = False      # ordering depends on NULL placement
        self.varies = False   # values rows may differ among duplicates of one object
        self.ordered_keys = []


class Generator:
    def __init__(self, seed, rows):
        self.rng = random.Random(seed)
        self.rows = rows
        self.pools = {}
        for model, rs in rows.items():
            for fname in META[model]["f"]:
                self.pools[(model, fname)] = [r[fname] for r in rs if r[fname] is not None]
            for rname, (target, kind, _) in META[model]["r"].items():
                if kind == "fk":
                    self.pools[(model, rname)] = [r[rname] for r in rs if r[rname] is not None]
        self.n = 0

    # ---------------- small helpers ----------------
    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return self.rng.choice(list(seq))

    def ids(self, model):
        return [r["id"] for r in self.rows[model]]

    def walk(self, model, depth, want_multi=None, single_only=False):
        """A random relation path of up to depth steps."""
        parts, multi, nullable = [], False, False
        n = self.rng.randint(0, depth)
        for i in range(n):
            rels = META[model]["r"]
            cands = [r for r in rels if not (single_only and rels[r][1] == "m")]
            if want_multi is True and not multi and i == n - 1:
                cands = [r for r in cands if rels[r][1] == "m"] or cands
            if not cands:
                break
            r = self.pick(sorted(cands))
            target, kind, nl = rels[r]
            parts.append(r)
            multi = multi or kind == "m"
            nullable = nullable or nl or kind == "m"
            model = target
        if want_multi is True and not multi:
            rels = META[model]["r"]
            ms = sorted(r for r in rels if rels[r][1] == "m")
            if ms and not single_only:
                r = self.pick(ms)
                parts.append(r)
                multi = nullable = True
                model = rels[r][0]
        return Path(parts, model, multi, nullable)

    def field(self, model, types=None, no_id=False):
        fs = [(f, t) for f, t in META[model]["f"].items()
              if (types is None or t[0] in types) and not (no_id and f == "id")]
        if not fs:
            return None
        return self.pick(sorted(fs))

    # ---------------- values ----------------
    def value(self, model, fname, typ):
        pool = self.pools.get((model, fname)) or []
        rng = self.rng
        if typ == "int":
            v = self.pick(pool) if pool and self.chance(0.75) else rng.randint(-1, 12)
            if self.chance(0.2):
                v += rng.choice([-1, 1])
            return v
        if typ == "dec":
            v = self.pick(pool) if pool and self.chance(0.75) else D(rng.randint(0, 300))
            if self.chance(0.2):
                v = v + D("0.01") * rng.choice([-1, 1])
            return lit(v.quantize(D("0.01")))
        if typ == "float":
            v = self.pick(pool) if pool and self.chance(0.75) else rng.choice([0.0, 0.5, 1.0, 3.0])
            if self.chance(0.2):
                v += rng.choice([-0.25, 0.25])
            return float(v)
        if typ == "str":
            v = self.pick(pool) if pool and self.chance(0.85) else rng.choice(["x", "zzz", "Nobody"])
            return v
        if typ == "bool":
            return self.chance(0.5)
        if typ == "date":
            v = self.pick(pool) if pool and self.chance(0.75) else date(rng.randint(2014, 2025), rng.randint(1, 12), rng.randint(1, 28))
            if self.chance(0.2):
                v = v + datetime.timedelta(days=rng.choice([-1, 1, 30]))
            return lit(v)
        if typ == "dt":
            v = self.pick(pool) if pool and self.chance(0.75) else dt(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), 0, 0)
            if self.chance(0.2):
                v = v + datetime.timedelta(hours=rng.choice([-1, 1, 24]))
            return lit(v)
        raise ValueError(typ)

    def substring(self, s, where):
        if not s:
            return s
        n = len(s)
        k = self.rng.randint(1, min(4, n))
        if where == "start":
            out = s[:k]
        elif where == "end":
            out = s[n - k:]
        else:
            i = self.rng.randint(0, n - k)
            out = s[i:i + k]
        return out

    def case_variant(self, s):
        r = self.rng.random()
        if r < 0.3:
            return s.upper()
        if r < 0.6:
            return s.lower()
        return s

    def lookup(self, path, fname, ftyp, fnull):
        """A (key, value) lookup on path__fname."""
        model = path.model
        nullable = fnull or path.nullable
        rng = self.rng
        key = path.key(fname) if fname != "id" or self.chance(0.7) else path.key("pk")
        ops = []
        if ftyp in NUMERIC:
            ops = ["exact", "gt", "gte", "lt", "lte", "in", "range"]
            if ftyp == "float":
                ops.remove("exact")
        elif ftyp == "str":
            ops = ["exact", "iexact", "contains", "icontains", "startswith", "istartswith",
                   "endswith", "iendswith", "in", "gt", "lt"]
        elif ftyp == "bool":
            ops = ["exact"]
        elif ftyp == "date":
            ops = ["exact", "gt", "lte", "range", "year", "year__gte", "month", "day", "week_day",
                   "quarter", "iso_week_day", "in", "month__in"]
        elif ftyp == "dt":
            ops = ["gt", "lt", "range", "date", "date__gte", "year", "year__lt", "month", "day",
                   "hour", "week_day", "quarter", "exact"]
        if nullable:
            ops += ["isnull", "isnull"]
        if ftyp != "bool":
            ops.append("exact_none")
        op = self.pick(ops)
        if op == "isnull":
            return key + "__isnull", self.chance(0.5)
        if op == "exact_none":
            return key, None
        v = self.value(model, fname, ftyp)
        if op == "exact":
            return (key if self.chance(0.7) else key + "__exact"), v
        if op in ("gt", "gte", "lt", "lte"):
            return key + "__" + op, v
        if op == "in":
            vals = [v] + [self.value(model, fname, ftyp) for _ in range(rng.randint(0, 3))]
            if self.chance(0.1):
                vals.append(None)
            if self.chance(0.05):
                vals = []
            return key + "__in", vals
        if op == "range":
            a, b = v, self.value(model, fname, ftyp)
            if self.chance(0.8) and self._gt(a, b):
                a, b = b, a
            return key + "__range", [a, b]
        if op in ("iexact", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith"):
            where = "start" if "start" in op else "end" if "end" in op else "mid"
            s = v if op == "iexact" else self.substring(v, where)
            if op.startswith("i") and self.chance(0.6):
                s = self.case_variant(s)
            return key + "__" + op, s
        # date parts
        if op == "year" or op.startswith("year__"):
            return key + "__" + op, rng.randint(2015, 2025)
        if op == "month":
            return key + "__month", rng.randint(1, 12)
        if op == "month__in":
            return key + "__month__in", sorted(set(rng.randint(1, 12) for _ in range(3)))
        if op == "day":
            return key + "__day", self.pick([1, 5, 10, 15, 20, 29, 30, 31])
        if op == "week_day":
            return key + "__week_day", rng.randint(1, 7)
        if op == "iso_week_day":
            return key + "__iso_week_day", rng.randint(1, 7)
        if op == "quarter":
            return key + "__quarter", rng.randint(1, 4)
        if op == "hour":
            return key + "__hour", self.pick([0, 8, 9, 12, 18, 23])
        if op == "date" or op == "date__gte":
            d = self.value(model, fname, "dt")["dt"][:10]
            return key + "__" + op, {"d": d}
        raise ValueError(op)

    @staticmethod
    def _gt(a, b):
        def k(x):
            if isinstance(x, dict):
                return list(x.values())[0] if "D" not in x else D(x["D"])
            return x
        try:
            ka, kb = k(a), k(b)
            if isinstance(ka, D) or isinstance(kb, D):
                return D(str(ka)) > D(str(kb))
            return ka > kb
        except TypeError:
            return False

    def leaf_q(self, model, depth=2, want_multi=None, n=None):
        """A Q of 1..3 lookups; with want_multi they share one multi-valued prefix."""
        q = {}
        n = n or self.pick([1, 1, 1, 1, 2, 2, 3])
        base = self.walk(model, depth, want_multi) if want_multi else None
        for _ in range(n):
            p = base or self.walk(model, depth)
            f = self.field(p.model)
            fname, (ftyp, fnull) = f
            if p.parts and self.chance(0.15):
                # a lookup on the relation itself: its id, isnull or in
                rel_key = p.key()
                r = self.pick(["exact", "isnull", "in"])
                if r == "isnull":
                    q[rel_key + "__isnull"] = self.chance(0.5)
                elif r == "in":
                    q[rel_key + "__in"] = sorted(set(self.pick(self.ids(p.model)) for _ in range(2)))
                else:
                    q[rel_key] = self.pick(self.ids(p.model))
                continue
            k, v = self.lookup(p, fname, ftyp, fnull)
            q[k] = v
        return {"q": q}

    def cond(self, model, depth=2, nest=None):
        if nest is None:
            nest = self.pick([0, 1, 1, 1, 2])
        if depth > 1 and self.chance(0.6):
            depth = 1
        r = self.rng.random()
        if nest <= 0 or r < 0.5:
            return self.leaf_q(model, depth)
        if r < 0.75:
            return {"or": [self.cond(model, depth, nest - 1) for _ in range(self.rng.randint(2, 3))]}
        if r < 0.87:
            return {"not": self.cond(model, depth, nest - 1)}
        return {"and": [self.cond(model, depth, nest - 1) for _ in range(2)]}

    # ---------------- expressions ----------------
    def num_field_path(self, model, single_only=True, types=NUMERIC, depth=1):
        for _ in range(10):
            p = self.walk(model, depth, single_only=single_only)
            f = self.field(p.model, types, no_id=self.chance(0.7))
            if f:
                fname, (ftyp, fnull) = f
                return p.key(fname), ftyp, fnull or p.nullable, p.multi
        return "id", "int", False, False

    def arith(self, model, single_only=True, types=NUMERIC, depth=1):
        """An F arithmetic expression: (E, type, nullable)."""
        k1, t1, n1, _ = self.num_field_path(model, single_only, types, depth)
        a = {"F": k1}
        r = self.rng.random()
        if r < 0.45:
            lit_v = self.pick([1, 2, 3, 10, 100]) if t1 != "dec" or self.chance(0.5) else {"D": self.pick(["0.5", "1.10", "2"])}
            if t1 == "float" and self.chance(0.5):
                lit_v = self.pick([0.5, 2.0])
            op = self.pick(["+", "-", "*", "+", "*", "/"])
            e = {"op": op, "a": a, "b": lit_v} if self.chance(0.8) else {"op": op, "a": lit_v, "b": a}
            typ = t1 if not (isinstance(lit_v, dict) and t1 == "int") else "dec"
            return e, typ, n1
        k2, t2, n2, _ = self.num_field_path(model, single_only, types, depth)
        op = self.pick(["+", "-", "*", "+", "-"])
        e = {"op": op, "a": a, "b": {"F": k2}}
        typ = t1 if t1 == t2 else ("dec" if "dec" in (t1, t2) else "float")
        if r > 0.85:
            e = {"op": self.pick(["+", "*"]), "a": e, "b": self.pick([1, 2])}
        return e, typ, n1 or n2

    def f_compare(self, model, depth=1):
        """A lookup comparing a field with an F expression."""
        rng = self.rng
        fam = self.pick(["num", "num", "num", "date", "str", "fk"])
        if fam == "num":
            k1, t1, n1, _ = self.num_field_path(model, single_only=self.chance(0.8), depth=depth)
            rhs = {"F": self.num_field_path(model, single_only=self.chance(0.7), depth=depth)[0]} \
                if self.chance(0.5) else self.arith(model, single_only=self.chance(0.8), depth=depth)[0]
            op = self.pick(["", "__gt", "__gte", "__lt", "__lte", "__exact"])
            if self.chance(0.12):
                # F() in __in and __range
                if self.chance(0.5):
                    return {k1 + "__in": [rhs, self.value_for_key(model, k1, t1)]}
                return {k1 + "__range": [rhs, {"op": "+", "a": rhs, "b": 1000}]}
            return {k1 + op: rhs}
        if fam == "date":
            p1 = self.walk(model, depth, single_only=True)
            f1 = self.field(p1.model, ("date", "dt"))
            p2 = self.walk(model, depth, single_only=self.chance(0.8))
            f2 = self.field(p2.model, ("date", "dt"))
            if not f1 or not f2:
                return self.leaf_q(model)["q"]
            k1, k2 = p1.key(f1[0]), p2.key(f2[0])
            t1, t2 = f1[1][0], f2[1][0]
            if t1 == "dt" and t2 == "date":
                k1 += "__date"
            elif t1 == "date" and t2 == "dt":
                k2 += "__date"  # a transform inside F() (Django 3.2)
            elif self.chance(0.2):
                k1 += "__year"
                k2 += "__year"
            return {k1 + self.pick(["", "__gt", "__lt", "__gte"]): {"F": k2}}
        if fam == "str":
            p1 = self.walk(model, depth, single_only=True)
            p2 = self.walk(model, depth, single_only=self.chance(0.8))
            f1 = self.field(p1.model, ("str",))
            f2 = self.field(p2.model, ("str",))
            return {p1.key(f1[0]) + self.pick(["", "__gt", "__lt", "__contains", "__startswith"]): {"F": p2.key(f2[0])}}
        # fk compared with another fk to the same model or with id
        rels = [(r, v) for r, v in META[model]["r"].items() if v[1] == "fk"]
        if not rels:
            return {"id" + self.pick(["__gt", "__lt", ""]): {"F": self.num_field_path(model)[0]}}
        r, (target, _, _) = self.pick(sorted(rels))
        others = [r2 for r2, v in META[model]["r"].items() if v[1] == "fk" and v[0] == target and r2 != r]
        if target == model:
            others.append("id")
        if others:
            return {r + self.pick(["", "__gt", "__lt"]): {"F": self.pick(sorted(others))}}
        return {r + "__lt": {"F": "id"}}

    def value_for_key(self, model, key, typ):
        parts = key.split("__")
        m = model
        for p in parts[:-1]:
            m = META[m]["r"][p][0]
        fname = parts[-1]
        if fname == "pk":
            fname = "id"
        if fname not in META[m]["f"]:
            return 1
        return self.value(m, fname, typ)

    def agg_expr(self, model, kind=None, over_multi=True, own=False):
        """An aggregate over a related (or own) field: (E, type, nullable).
        own: only the model's own fields (no join)."""
        kind = kind or self.pick(["Count", "Count", "Sum", "Avg", "Min", "Max"])
        if own:
            p = Path([], model, False, False)
        else:
            p = self.walk(model, 2, want_multi=True if over_multi and self.chance(0.8) else None)
        if kind == "Count":
            if self.chance(0.5) and p.parts:
                a = p.key()
            elif self.chance(0.15):
                a = "*"
            else:
                f = self.field(p.model)
                a = p.key(f[0])
            e = {"agg": "Count", "a": a}
            if self.chance(0.3) and a != "*":
                e["d"] = True
            typ, nl = "int", False
        else:
            types = NUMERIC if kind in ("Sum", "Avg") else NUMERIC + ("date", "dt", "str")
            f = self.field(p.model, types, no_id=True)
            if f is None:
                f = ("id", ("int", False))
            fname, (ftyp, _) = f
            if kind in ("Sum", "Avg") and self.chance(0.15):
                k2 = self.field(p.model, NUMERIC, no_id=True)
                if k2:
                    a = {"op": self.pick(["*", "+"]), "a": {"F": p.key(fname)}, "b": {"F": p.key(k2[0])}}
                    ftyp = ftyp if ftyp == k2[1][0] else "mixed"
                else:
                    a = p.key(fname)
            else:
                a = p.key(fname)
            e = {"agg": kind, "a": a}
            if kind in ("Sum", "Avg", "Count") and self.chance(0.1):
                e["d"] = True
            typ = "float" if kind == "Avg" and ftyp in ("int", "float") else ftyp
            nl = True
        if self.chance(0.2):
            e["f"] = self.leaf_q(model, 0 if own else 2, want_multi=True if p.multi else None, n=1)
        if typ in NUMERIC and self.chance(0.15):
            # arithmetic over aggregates: output types (int / int stays int)
            r = self.rng.random()
            if r < 0.5:
                e = {"op": self.pick(["+", "-", "*"]), "a": e, "b": self.pick([1, 2, 10])}
            elif r < 0.8:
                e = {"op": "/", "a": e, "b": {"agg": "Count", "a": self.pick(["id", "*"])}}
            else:
                e = {"op": "+", "a": e, "b": {"agg": "Count", "a": "id"}}
        return e, typ, nl

    def scalar_expr(self, model, depth=1):
        """A non-aggregate annotation: (E, type, nullable, multi)."""
        r = self.rng.random()
        if r < 0.4:
            e, t, n = self.arith(model, single_only=self.chance(0.85), depth=depth)
            return e, t, n, False
        if r < 0.55:
            k, t, n, m = self.num_field_path(model, single_only=True, depth=depth)
            fb = self.pick([0, 1, -1]) if t == "int" else ({"D": "0"} if t == "dec" else 0.0)
            return {"fn": "Coalesce", "args": [{"F": k}, fb]}, t, False, m
        if r < 0.75:
            p = self.walk(model, depth, single_only=True)
            f = self.field(p.model, ("date", "dt"))
            if f:
                fn = self.pick(["ExtractYear", "ExtractMonth", "ExtractQuarter", "ExtractWeekDay", "ExtractDay"])
                return {"fn": fn, "args": [{"F": p.key(f[0])}]}, "int", f[1][1] or p.nullable, False
        if r < 0.9:
            p = self.walk(model, depth, single_only=True)
            f = self.field(p.model, ("str",))
            fn = self.pick(["Lower", "Upper", "Length"])
            return {"fn": fn, "args": [{"F": p.key(f[0])}]}, "int" if fn == "Length" else "str", f[1][1] or p.nullable, False
        k1, t1, n1, _ = self.num_field_path(model, single_only=True, types=("int",), depth=depth)
        k2, t2, n2, _ = self.num_field_path(model, single_only=True, types=("int",), depth=depth)
        fn = self.pick(["Greatest", "Least"])
        return {"fn": fn, "args": [{"F": k1}, {"F": k2}]}, "int", n1 or n2, False

    def ann_value(self, ann):
        if ann.typ == "int":
            return self.rng.randint(0, 4) if ann.agg else self.rng.randint(0, 3000)
        if ann.typ == "dec":
            return {"D": self.pick(["10.00", "25.25", "50", "100", "200.5", "1000"])}
        if ann.typ == "float":
            return self.pick([0.5, 1.0, 2.5, 100.0, 1000.0])
        if ann.typ == "str":
            return self.pick(["a", "M", "go", "Z"])
        if ann.typ == "date":
            return {"d": self.pick(["2020-01-01", "2022-06-30", "2023-03-31"])}
        if ann.typ == "dt":
            return {"dt": self.pick(["2021-01-01T00:00:00", "2023-01-01T00:00:00"])}
        return 1

    # ---------------- orderings ----------------
    def order_step(self, ch, total=True, nkeys=None):
        """order_by(...) on a model-level chain, ending with the pk when total."""
        keys, nul = [], False
        for _ in range(nkeys if nkeys is not None else self.pick([0, 1, 1, 2])):
            if ch.anns and self.chance(0.35):
                a = ch.anns[self.pick(sorted(ch.anns))]
                k = a.name
                nl = a.nullable
            else:
                p = self.walk(ch.model, 1, single_only=self.chance(0.85))
                f = self.field(p.model)
                k = p.key(f[0])
                nl = f[1][1] or p.nullable
            if self.chance(0.15):
                e = {"F": k, "desc": self.chance(0.5)}
                if self.chance(0.5):
                    e["nl"] = True
                else:
                    e["nf"] = True
                keys.append(e)
                continue
            nul = nul or nl
            keys.append(("-" if self.chance(0.4) else "") + k)
        if total:
            keys.append(self.pick(["id", "-id", "pk", "-pk"]))
        ch.steps.append({"s": "order_by", "k": keys})
        ch.total = total
        ch.nul = ch.nul or nul
        ch.ordered_keys = keys

    # ---------------- spec assembly ----------------
    def spec(self, ch, term, **extra):
        self.n += 1
        s = {"id": "d%05d" % self.n, "m": ch.model, "st": ch.steps, "t": term}
        listing = term["t"] == "list"
        ordered = ch.total and not (ch.mode in ("values", "values_list", "flat") and ch.varies)
        s["o"] = bool(ordered and listing)
        if ch.nul and (listing or term["t"] in ("first", "last") or ch.sliced):
            s["nul"] = True
        s.update(extra)
        return s

    def terminal(self, ch, allow=("list", "count", "exists", "agg"), weights=None):
        t = self.rng.choices(allow, weights=weights)[0] if weights else self.pick(allow)
        if t == "agg":
            return {"t": "agg", "a": self.agg_items(ch)}
        return {"t": t}

    def agg_items(self, ch, n=None):
        items = []
        for i in range(n or self.pick([1, 1, 2, 3])):
            name = "a%d" % i
            if ch.anns and self.chance(0.4):
                a = ch.anns[self.pick(sorted(ch.anns))]
                if a.typ in NUMERIC:
                    fn = self.pick(["Sum", "Avg", "Max", "Min", "Count"])
                else:
                    fn = self.pick(["Max", "Min", "Count"])
                e = {"agg": fn, "a": a.name}
                if fn == "Count" and self.chance(0.3):
                    e["d"] = True
            elif ch.mode is not None and ch.group is None:
                # aggregate over the model's own fields after values()
                f = self.field(ch.model, NUMERIC)
                e = {"agg": self.pick(["Sum", "Max", "Min", "Avg"]), "a": f[0]}
            else:
                # after a slice, a join would make the slice cut joined rows
                # (whose order is not total): own fields only
                e = self.agg_expr(ch.model, over_multi=self.chance(0.5), own=ch.sliced)[0]
            items.append([name, e])
        return items

    def base(self, model=None):
        model = model or self.pick(sorted(META))
        return Chain(model)

    def add_filters(self, ch, n=None, depth=2):
        for _ in range(n if n is not None else self.pick([0, 1, 1, 2])):
            op = "exclude" if self.chance(0.3) else "filter"
            conds = [self.cond(ch.model, depth) for _ in range(self.pick([1, 1, 1, 2]))]
            ch.steps.append({"s": op, "c": conds})

    def maybe_slice(self, ch, p=0.3):
        if ch.total and not ch.varies and self.chance(p):
            lo = self.pick([0, 0, 1, 2])
            hi = self.pick([None, lo + 1, lo + 2, lo + 3, lo + 5])
            ch.steps.append({"s": "slice", "lo": lo, "hi": hi})
            ch.sliced = True

    # ---------------- categories ----------------
    def g_filter(self):
        ch = self.base()
        self.add_filters(ch, self.pick([1, 1, 2, 3]))
        if self.chance(0.5):
            self.order_step(ch)
            self.maybe_slice(ch)
        if self.chance(0.15):
            ch.steps.append({"s": "distinct"})
        return self.spec(ch, self.terminal(ch, ("list", "list", "list", "count", "exists")))

    def g_multi(self):
        """Conditions on a multi-valued relation: one call vs separate calls, filter vs exclude."""
        candidates = [m for m in META if any(v[1] == "m" for v in META[m]["r"].values())]
        ch = self.base(self.pick(sorted(candidates)))
        base = self.walk(ch.model, 1, want_multi=True)
        lookups = []
        for _ in range(self.pick([2, 2, 3])):
            f = self.field(base.model)
            k, v = self.lookup(base, f[0], f[1][0], f[1][1])
            lookups.append((k, v))
        op = "exclude" if self.chance(0.45) else "filter"
        form = self.pick(["one", "separate", "q_and", "q_or", "not"])
        if form == "one":
            ch.steps.append({"s": op, "c": [{"q": dict(lookups)}]})
        elif form == "separate":
            for k, v in lookups:
                ch.steps.append({"s": op, "c": [{"q": {k: v}}]})
        elif form == "q_and":
            ch.steps.append({"s": op, "c": [{"and": [{"q": {k: v}} for k, v in lookups]}]})
        elif form == "q_or":
            ch.steps.append({"s": op, "c": [{"or": [{"q": {k: v}} for k, v in lookups]}]})
        else:
            ch.steps.append({"s": "filter", "c": [{"not": {"q": dict(lookups)}}]})
        if self.chance(0.3):
            self.add_filters(ch, 1)
        if self.chance(0.3):
            ch.steps.append({"s": "distinct"})
        if self.chance(0.3):
            self.order_step(ch, nkeys=0)
        return self.spec(ch, self.terminal(ch, ("list", "list", "count", "exists", "agg"), [4, 4, 2, 1, 1]))

    def g_fexpr(self):
        ch = self.base(self.pick(["Book", "Employee", "Employee", "Sale", "Author", "Department", "Store", "Review"]))
        n = self.pick([1, 1, 2])
        for _ in range(n):
            q = self.f_compare(ch.model)
            if self.chance(0.3):
                q.update(self.leaf_q(ch.model, 1)["q"])
            c = {"q": q}
            r = self.rng.random()
            if r < 0.2:
                c = {"not": c}
            elif r < 0.35:
                c = {"or": [c, self.leaf_q(ch.model, 1)]}
            ch.steps.append({"s": "exclude" if self.chance(0.35) else "filter", "c": [c]})
        if self.chance(0.35):
            e, t, nl, m = self.scalar_expr(ch.model)
            if "op" not in e and self.chance(0.6):
                e, t, nl = self.arith(ch.model)
            ch.anns["x"] = Ann("x", t, nl, False)
            ch.varies = expr_multi(ch.model, e)
            ch.steps.append({"s": "annotate", "a": [["x", e]]})
            self.order_step(ch, nkeys=self.pick([0, 1]))
            ch.mode = "values_list"
            ch.steps.append({"s": "values_list", "f": ["id", "x"]})
            return self.spec(ch, {"t": "list"})
        if self.chance(0.3):
            self.order_step(ch)
        return self.spec(ch, self.terminal(ch, ("list", "list", "count")))

    def g_annotate(self):
        ch = self.base()
        if self.chance(0.3):
            self.add_filters(ch, 1)
        items = []
        for i in range(self.pick([1, 1, 2, 2, 3])):
            name = "n%d" % i
            if self.chance(0.7):
                e, t, nl = self.agg_expr(ch.model)
                ch.anns[name] = Ann(name, t, nl, True)
            else:
                e, t, nl, m = self.scalar_expr(ch.model)
                m = expr_multi(ch.model, e)
                ch.anns[name] = Ann(name, t, nl, False, m)
                if m:
                    # one row per related object: rows of one object differ,
                    # so no ordering is total and no slice is deterministic
                    ch.varies = True
            if self.chance(0.08) and "agg" in e and isinstance(e["a"], str) and "f" not in e and not e.get("d") and e["a"] != "*":
                # positional: Django's default alias (books__count)
                name2 = "%s__%s" % (e["a"], e["agg"].lower())
                del ch.anns[name]
                ch.anns[name2] = Ann(name2, t, nl, True)
                name = ""
            items.append([name, e])
        ch.steps.append({"s": "annotate", "a": items})
        if self.chance(0.4):
            a = ch.anns[self.pick(sorted(ch.anns))]
            op = self.pick(["", "__gt", "__gte", "__lt", "__isnull" if a.nullable else "__lte"])
            v = self.chance(0.5) if op == "__isnull" else self.ann_value(a)
            c = {"q": {a.name + op: v}}
            if self.chance(0.3):
                c = {"or": [c, self.leaf_q(ch.model, 1)]}
            ch.steps.append({"s": "exclude" if self.chance(0.25) else "filter", "c": [c]})
        if self.chance(0.25):
            self.add_filters(ch, 1)
        r = self.rng.random()
        if r < 0.3:
            return self.spec(ch, {"t": "agg", "a": self.agg_items(ch)})
        self.order_step(ch)
        self.maybe_slice(ch, 0.25)
        if r < 0.45:
            return self.spec(ch, self.terminal(ch, ("count", "exists", "first", "last")))
        if r < 0.7:
            return self.spec(ch, {"t": "list"})
        ch.mode = "values_list"
        ch.cols = ["id"] + sorted(ch.anns)
        ch.steps.append({"s": "values_list", "f": ch.cols})
        return self.spec(ch, {"t": "list"})

    def group_key(self, model):
        """A group key path: (path, nullable, multi)."""
        p = self.walk(model, 2, single_only=self.chance(0.75))
        f = self.field(p.model, ("str", "int", "bool", "date", "dec"))
        if self.chance(0.35) and p.parts:
            return p.key(), p.nullable, p.multi
        return p.key(f[0]), f[1][1] or p.nullable, p.multi

    def g_group(self):
        ch = self.base()
        if self.chance(0.3):
            self.add_filters(ch, 1)
        keys, nul = [], False
        pre = []
        if self.chance(0.3):
            # annotate before values(): group by an annotation
            e, t, nl, m = self.scalar_expr(ch.model)
            pre = [["k", e]]
            ch.steps.append({"s": "annotate", "a": pre})
            keys.append("k")
            nul = nul or nl
        for _ in range(self.pick([1, 1, 2]) - len(keys)):
            k, nl, m = self.group_key(ch.model)
            if k not in keys:
                keys.append(k)
                nul = nul or nl
        if not keys:
            keys = ["id"]
        mode = self.pick(["values", "values", "values_list"])
        ch.steps.append({"s": mode, "f": keys})
        ch.mode = mode
        aggs = []
        for i in range(self.pick([1, 1, 2])):
            e, t, nl = self.agg_expr(ch.model, over_multi=self.chance(0.5))
            aggs.append(["c%d" % i, e])
            ch.anns["c%d" % i] = Ann("c%d" % i, t, nl, True)
        ch.steps.append({"s": "annotate", "a": aggs})
        ch.group = keys
        if self.chance(0.35):
            a = ch.anns[self.pick(sorted(ch.anns))]
            op = self.pick(["__gt", "__gte", "__lt", ""])
            ch.steps.append({"s": "filter", "c": [{"q": {a.name + op: self.ann_value(a)}}]})
        if self.chance(0.15):
            self.add_filters(ch, 1, depth=1)
        r = self.rng.random()
        if r < 0.2:
            items = []
            for i, (n, _) in enumerate(aggs):
                fns = ["Sum", "Max", "Avg", "Count"] if ch.anns[n].typ in NUMERIC else ["Max", "Min", "Count"]
                items.append(["s%d" % i, {"agg": self.pick(fns), "a": n}])
            return self.spec(ch, {"t": "agg", "a": items})
        if r < 0.3:
            return self.spec(ch, self.terminal(ch, ("count", "exists")))
        if self.chance(0.7):
            ks = [("-" if self.chance(0.3) else "") + k for k in keys]
            if self.chance(0.3):
                ks.insert(0, ("-" if self.chance(0.5) else "") + aggs[0][0])
                nul = nul or ch.anns[aggs[0][0]].nullable
            ch.steps.append({"s": "order_by", "k": ks})
            ch.total, ch.nul = True, nul
            self.maybe_slice(ch, 0.25)
        return self.spec(ch, {"t": "list"})

    def g_aggregate(self):
        ch = self.base()
        self.add_filters(ch, self.pick([0, 1, 1, 2]))
        r = self.rng.random()
        if r < 0.25:
            ch.steps.append({"s": "distinct"})
        elif r < 0.45:
            self.order_step(ch)
            self.maybe_slice(ch, 1.0)
        elif r < 0.6:
            e, t, nl = self.agg_expr(ch.model)
            ch.anns["n"] = Ann("n", t, nl, True)
            ch.steps.append({"s": "annotate", "a": [["n", e]]})
        elif r < 0.7:
            f = self.field(ch.model)
            ch.steps.append({"s": "values", "f": [f[0]] + (["id"] if self.chance(0.5) and f[0] != "id" else [])})
            ch.mode = "values"
            if self.chance(0.5):
                ch.steps.append({"s": "distinct"})
        return self.spec(ch, {"t": "agg", "a": self.agg_items(ch)})

    def setop_operand(self, model, cols):
        ch = Chain(model)
        self.add_filters(ch, self.pick([0, 1, 1, 1, 2]), depth=1)
        if cols:
            ch.steps.append({"s": "values_list", "f": cols})
        return {"m": model, "st": ch.steps}

    def g_setop(self):
        ch = self.base()
        cols = None
        r = self.rng.random()
        if r < 0.3:
            f = self.field(ch.model, no_id=True)
            cols = self.pick([["id", f[0]], [f[0]], ["id"]])
        self.add_filters(ch, self.pick([0, 1, 1]), depth=1)
        if cols:
            ch.steps.append({"s": "values_list", "f": cols})
            ch.mode = "values_list"
        n_ops = self.pick([1, 1, 1, 2])
        for _ in range(n_ops):
            op = self.pick(["union", "union", "intersection", "difference"])
            others = [self.setop_operand(ch.model, cols) for _ in range(self.pick([1, 1, 2]))]
            st = {"s": op, "o": others}
            if op == "union" and self.chance(0.35):
                st["all"] = True
            ch.steps.append(st)
        ch.combined = True
        if self.chance(0.5):
            if cols:
                ks = [("-" if self.chance(0.4) else "") + c for c in cols]
                ch.steps.append({"s": "order_by", "k": ks})
                ch.total = True
                ch.nul = any(META[ch.model]["f"].get(c, ("", False))[1] for c in cols)
            else:
                self.order_step(ch, nkeys=self.pick([0, 0, 1]))
                # only plain fields of the model can order a combined query
                ks = ch.steps[-1]["k"]
                if any(not isinstance(k, str) or "__" in k.lstrip("-") for k in ks):
                    ch.steps[-1]["k"] = [self.pick(["id", "-id"])]
                    ch.nul = False
            self.maybe_slice(ch, 0.3)
        return self.spec(ch, self.terminal(ch, ("list", "list", "list", "count", "exists")))

    def g_dsr(self):
        """distinct / slice / reverse / first / last."""
        ch = self.base()
        self.add_filters(ch, self.pick([0, 1, 1]))
        if self.chance(0.4):
            # a multi-valued filter makes duplicates for distinct to remove
            ch.steps.append({"s": "filter", "c": [self.leaf_q(ch.model, 1, want_multi=True, n=1)]})
        if self.chance(0.5):
            ch.steps.append({"s": "distinct"})
        if self.chance(0.3):
            f = self.field(ch.model)
            cols = [f[0]] if self.chance(0.5) or f[0] == "id" else [f[0], "id"]
            ch.steps.append({"s": "values", "f": cols})
            ch.mode = "values"
            if self.chance(0.6):
                ch.steps.append({"s": "distinct"})
        if self.chance(0.8):
            self.order_step(ch)
            if self.chance(0.4):
                ch.steps.append({"s": "reverse"})
            self.maybe_slice(ch, 0.6)
        t = self.pick(["list", "list", "count", "exists", "first", "last"])
        if t in ("first", "last") and (ch.sliced or ch.mode):
            t = "count"
        return self.spec(ch, {"t": t})

    def g_error(self):
        """A chain Django refuses before running SQL."""
        ch = self.base()
        self.add_filters(ch, self.pick([0, 1]), depth=1)
        model = ch.model
        kind = self.pick([
            "unknown_field", "unknown_lookup", "transform_on_text", "filter_after_slice",
            "order_after_slice", "reverse_after_slice", "unknown_order", "unknown_values",
            "ann_conflict", "agg_not_aggregate", "agg_over_agg", "filter_after_union",
            "flat_two_fields", "mixed_types", "negative_slice", "count_unknown",
            "f_unknown", "relation_lookup", "in_scalar", "complex_agg_alias",
            "complex_ann_alias", "distinct_after_union", "exclude_after_union",
            "annotate_after_union", "union_order_unknown",
        ])
        f = self.field(model, no_id=True)
        fname = f[0]
        if kind == "unknown_field":
            ch.steps.append({"s": "filter", "c": [{"q": {self.pick(["nonexistent", fname + "x", "books__nope"]): 1}}]})
        elif kind == "unknown_lookup":
            ch.steps.append({"s": "filter", "c": [{"q": {fname + "__" + self.pick(["foo", "like", "equals"]): 1}}]})
        elif kind == "transform_on_text":
            sf = self.field(model, ("str", "int", "bool"))
            ch.steps.append({"s": "filter", "c": [{"q": {sf[0] + "__" + self.pick(["year", "month", "hour"]): 1}}]})
        elif kind in ("filter_after_slice", "order_after_slice", "reverse_after_slice"):
            ch.steps.append({"s": "order_by", "k": ["id"]})
            ch.steps.append({"s": "slice", "lo": 0, "hi": 2})
            if kind == "filter_after_slice":
                ch.steps.append({"s": self.pick(["filter", "exclude"]), "c": [self.leaf_q(model, 1)]})
            elif kind == "order_after_slice":
                ch.steps.append({"s": "order_by", "k": [fname]})
            else:
                ch.steps.append({"s": "reverse"})
        elif kind == "unknown_order":
            ch.steps.append({"s": "order_by", "k": [self.pick(["-nonexistent", fname + "_x", "id__nope"])]})
        elif kind == "unknown_values":
            ch.steps.append({"s": self.pick(["values", "values_list"]), "f": ["id", "nonexistent"]})
        elif kind == "ann_conflict":
            ch.steps.append({"s": "annotate", "a": [[fname, self.agg_expr(model)[0]]]})
        elif kind == "agg_not_aggregate":
            return self.spec(ch, {"t": "agg", "a": [["x", self.pick([{"F": fname}, {"V": 1}, self.arith(model)[0]])]]})
        elif kind == "agg_over_agg":
            e = self.agg_expr(model)[0]
            ch.steps.append({"s": "annotate", "a": [["n", e]]})
            ch.steps.append({"s": "annotate", "a": [["m", {"agg": self.pick(["Sum", "Max", "Avg"]), "a": "n"}]]})
        elif kind in ("filter_after_union", "distinct_after_union", "exclude_after_union", "annotate_after_union"):
            ch.steps.append({"s": "union", "o": [self.setop_operand(model, None)]})
            if kind == "filter_after_union":
                ch.steps.append({"s": "filter", "c": [self.leaf_q(model, 1)]})
            elif kind == "exclude_after_union":
                ch.steps.append({"s": "exclude", "c": [self.leaf_q(model, 1)]})
            elif kind == "distinct_after_union":
                ch.steps.append({"s": "distinct"})
            else:
                ch.steps.append({"s": "annotate", "a": [["n", self.agg_expr(model)[0]]]})
        elif kind == "union_order_unknown":
            ch.steps.append({"s": "values_list", "f": ["id"]})
            ch.steps.append({"s": "union", "o": [self.setop_operand(model, ["id"])]})
            ch.steps.append({"s": "order_by", "k": [fname]})
        elif kind == "flat_two_fields":
            ch.steps.append({"s": "values_list", "f": ["id", fname], "flat": True})
        elif kind == "mixed_types":
            if model in ("Employee",):
                e = {"op": self.pick(["+", "*"]), "a": {"F": "rate"}, "b": {"F": self.pick(["department__budget", "sales__amount"])}}
            elif model == "Book":
                e = {"op": "+", "a": {"F": "price"}, "b": 0.5}
            elif model == "Sale":
                e = {"op": "*", "a": {"F": "amount"}, "b": {"F": "employee__rate"}}
            else:
                k, t, _, _ = self.num_field_path(model, types=("int",))
                e = {"op": "+", "a": {"F": k}, "b": {"F": self.pick(["name", "id"])}}
                if e["b"]["F"] == "id":
                    e = {"op": "+", "a": {"F": k}, "b": 0.5}
            ch.steps.append({"s": "annotate", "a": [["x", e]]})
            ch.steps.append({"s": "values_list", "f": ["id", "x"]})
        elif kind == "negative_slice":
            ch.steps.append({"s": "order_by", "k": ["id"]})
            ch.steps.append({"s": "slice", "lo": -self.pick([1, 2]), "hi": None})
        elif kind == "count_unknown":
            ch.steps.append({"s": "annotate", "a": [["n", {"agg": self.pick(["Count", "Sum"]), "a": self.pick(["nothing", "books_x", "id__x"])}]]})
        elif kind == "f_unknown":
            ch.steps.append({"s": "filter", "c": [{"q": {fname: {"F": self.pick(["nope", "id__nope", "x__y"])}}}]})
        elif kind == "relation_lookup":
            rels = sorted(META[model]["r"])
            ch.steps.append({"s": "filter", "c": [{"q": {self.pick(rels) + "__" + self.pick(["icontains", "startswith", "year"]): "a"}}]})
        elif kind == "in_scalar":
            ch.steps.append({"s": "filter", "c": [{"q": {"id__in": self.pick([3, True])}}]})
        elif kind == "complex_agg_alias":
            e = {"agg": "Sum", "a": self.arith(model)[0]}
            return self.spec(ch, {"t": "agg", "a": [["", e]]})
        elif kind == "complex_ann_alias":
            ch.steps.append({"s": "annotate", "a": [["", self.arith(model)[0]]]})
        t = self.pick(["list", "list", "count", "exists"])
        return self.spec(ch, {"t": t})

    CATEGORIES = [
        ("filter", 18), ("multi", 13), ("fexpr", 11), ("annotate", 13), ("group", 12),
        ("aggregate", 8), ("setop", 10), ("dsr", 7), ("error", 8),
    ]

    def one(self):
        names = [c for c, _ in self.CATEGORIES]
        weights = [w for _, w in self.CATEGORIES]
        cat = self.rng.choices(names, weights=weights)[0]
        s = getattr(self, "g_" + {"annotate": "annotate", "aggregate": "aggregate"}.get(cat, cat))()
        s["cat"] = cat
        return s

    def generate(self, n):
        out = []
        for _ in range(n):
            out.append(self.one())
        return out
