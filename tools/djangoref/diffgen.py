#!/usr/bin/python3
"""Randomized differential specs: Django's answers to random querysets.

Usage (from anywhere):

    /usr/bin/python3 tools/djangoref/diffgen.py [--seed N] [--count N]

Generates COUNT random QuerySet specs from SEED (diffspec.py: the spec
language, the two model graphs and the generator), evaluates each with
Django 3.2 on SQLite and on PostgreSQL (one child process per backend, as
gen.py does), and writes testdata/django/differential.json: every spec with
Django's answer, or the exception class Django raised before running SQL.
Where the two backends' answers differ only as numbers, PostgreSQL's is
kept; where they differ by NULL placement in an ordering, by Greatest/Least
with a NULL argument or by SQLite's ASCII-only case folding, both are kept
with the reason; other differences and database errors are dropped and
counted in the file's header (README.md, "Randomized differential specs").

Needs Debian's python3-django (3.2) and python3-psycopg2 and PostgreSQL at
127.0.0.1:5432 (the DJANGOREF_PG_* variables of gen.py apply). Databases:
/tmp/djangoref/diff.sqlite3 and the PostgreSQL database djangoref_diff, both
recreated on every run.
"""
import argparse
import datetime
import decimal
import json
import os
import subprocess
import sys
import zlib

sys.dont_write_bytecode = True  # keep __pycache__ out of the repo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import diffspec  # noqa: E402
import gen  # noqa: E402  (the bookstore dataset, normalisation, PG settings)

# A new seed is a one-line change (or --seed N).
SEED = 20240610
COUNT = 4400

REPO = gen.REPO
OUT_PATH = os.path.join(REPO, "testdata", "django", "differential.json")
TMP_DIR = gen.TMP_DIR
SQLITE_PATH = os.path.join(TMP_DIR, "diff.sqlite3")
PG_DB = "djangoref_diff"


def all_rows():
    rows = diffspec.bookstore_rows(gen)
    rows.update(diffspec.staff_rows())
    return rows


# --------------------------------------------------------------------------
# Child: one backend
# --------------------------------------------------------------------------
def setup_django(backend):
    import django
    from django.conf import settings

    if backend == "sqlite":
        db = {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH}
    else:
        db = {"ENGINE": "django.db.backends.postgresql", "NAME": PG_DB, "USER": gen.PG_USER,
              "HOST": gen.PG_HOST, "PORT": gen.PG_PORT}
    settings.configure(
        DEBUG=True, USE_TZ=True, TIME_ZONE="UTC", DATABASES={"default": db},
        INSTALLED_APPS=["store", "hr"], DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def reset_database(backend):
    os.makedirs(TMP_DIR, exist_ok=True)
    if backend == "sqlite":
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.remove(SQLITE_PATH + suffix)
            except FileNotFoundError:
                pass
        return
    import psycopg2

    conn = psycopg2.connect(host=gen.PG_HOST, port=gen.PG_PORT, user=gen.PG_USER, dbname=gen.PG_ADMIN_DB)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % PG_DB)
        cur.execute("CREATE DATABASE %s ENCODING 'UTF8'" % PG_DB)
    conn.close()


def load_staff():
    from django.db import connection
    from hr.models import Department, Employee, Sale, Skill, Store

    with connection.schema_editor() as editor:
        for model in (Department, Store, Skill, Employee, Sale):
            editor.create_model(model)
    U = datetime.timezone.utc

    def aware(v):
        return v.replace(tzinfo=U) if v is not None else None

    Department.objects.bulk_create([Department(id=i, name=n, budget=b, parent_id=p) for i, n, b, p in diffspec.DEPARTMENTS])
    Store.objects.bulk_create([Store(id=i, name=n, city=c, opened=o, capacity=k) for i, n, c, o, k in diffspec.STORES])
    Skill.objects.bulk_create([Skill(id=i, name=n, level=l) for i, n, l in diffspec.SKILLS])
    Employee.objects.bulk_create([
        Employee(id=r[0], name=r[1], department_id=r[2], store_id=r[3], manager_id=r[4], salary=r[5],
                 bonus=r[6], rate=r[7], hired=r[8], last_login=aware(r[9]), active=r[10], nickname=r[11])
        for r in diffspec.EMPLOYEES])
    Through = Employee.skills.through
    Through.objects.bulk_create([Through(id=i, employee_id=e, skill_id=s) for i, e, s in diffspec.employee_skill_rows()])
    Sale.objects.bulk_create([Sale(id=i, employee_id=e, store_id=s, amount=a, qty=q, sold_on=so, note=n)
                              for i, e, s, a, q, so, n in diffspec.SALES])


def namespace():
    from django.db import models as m
    from django.db.models import functions as fn
    import store.models as sm
    import hr.models as hm

    ns = {"Q": m.Q, "F": m.F, "Value": m.Value, "Count": m.Count, "Sum": m.Sum, "Avg": m.Avg,
          "Min": m.Min, "Max": m.Max, "D": decimal.Decimal, "date": datetime.date, "dt": gen.dt}
    for name in ("Coalesce", "Lower", "Upper", "Length", "Abs", "ExtractYear", "ExtractMonth",
                 "ExtractDay", "ExtractQuarter", "ExtractWeekDay", "TruncMonth", "TruncYear",
                 "Greatest", "Least"):
        ns[name] = getattr(fn, name)
    for mod in (sm, hm):
        for name in dir(mod):
            obj = getattr(mod, name)
            if isinstance(obj, type) and issubclass(obj, m.Model) and obj is not m.Model:
                ns[name] = obj
    return ns


def evaluate(spec, ns):
    """(kind, result) of one spec; raises what Django raises."""
    from django.db.models import QuerySet
    from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesIterable

    obj = eval(diffspec.render(spec), ns)
    if isinstance(obj, QuerySet):
        rows = list(obj)
        it = obj._iterable_class
        if it is ModelIterable:
            kind, result = "ids", [r.pk for r in rows]
        elif it is ValuesIterable:
            kind, result = "values", [gen.norm_value(r) for r in rows]
        elif it is FlatValuesListIterable:
            kind, result = "flat", [gen.norm_value(r) for r in rows]
        else:
            kind, result = "values_list", [gen.norm_value(list(r)) for r in rows]
        if not spec.get("o"):
            result = sorted(result, key=gen.sort_key)
        return kind, result
    if hasattr(obj, "_meta"):
        return "instance", obj.pk
    if obj is None:
        return "instance", None
    if isinstance(obj, dict):
        return "aggregate", gen.norm_value(obj)
    if isinstance(obj, bool):
        return "bool", obj
    if isinstance(obj, int):
        return "int", obj
    raise TypeError("unexpected result %r" % (obj,))


def pg_nulls(spec):
    """spec with every ordering key given PostgreSQL's NULL placement."""
    def key(k):
        if isinstance(k, dict):
            if k.get("nf") or k.get("nl"):
                return k
            k = dict(k)
            k["nf" if k.get("desc") else "nl"] = True
            return k
        desc = k.startswith("-")
        name = k.lstrip("-")
        return {"F": name, "desc": True, "nf": True} if desc else {"F": name, "nl": True}

    out = dict(spec)
    out["st"] = [dict(st, k=[key(k) for k in st["k"]]) if st["s"] == "order_by" else st for st in spec["st"]]
    return out


def child(backend, specs_path, out_path):
    sys.path.insert(0, HERE)
    setup_django(backend)
    reset_database(backend)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    gen.create_schema_and_data()
    load_staff()
    with open(specs_path, encoding="utf-8") as f:
        specs = json.load(f)
    ns = namespace()
    out = []
    for spec in specs:
        with CaptureQueriesContext(connection) as ctx:
            try:
                kind, result = evaluate(spec, ns)
                err = msg = None
            except Exception as e:  # recorded, never fatal
                kind, result = "error", None
                err, msg = type(e).__name__, str(e).splitlines()[0][:160] if str(e) else ""
        res = {"id": spec["id"], "k": kind, "r": result, "err": err, "msg": msg,
               "nq": len(ctx.captured_queries)}
        if backend == "sqlite" and spec.get("nul") and not err:
            # The same spec with PostgreSQL's NULL placement written out
            # (nulls_last ascending, nulls_first descending): if SQLite then
            # answers as PostgreSQL does, NULL placement is the only difference.
            try:
                res["r_pg_nulls"] = evaluate(pg_nulls(spec), ns)[1]
            except Exception as e:
                res["r_pg_nulls_err"] = type(e).__name__
        out.append(res)
    import django
    info = {"django": django.get_version(), "vendor": connection.vendor,
            "server": (str(connection.pg_version) if backend == "postgres" else
                       connection.connection.execute("select sqlite_version()").fetchone()[0])}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"info": info, "results": out}, f, ensure_ascii=False)


# --------------------------------------------------------------------------
# Parent: generate, run both backends, merge
# --------------------------------------------------------------------------
def dataset_json():
    """The staff rows as the Go loader reads them (tables, columns, rows)."""
    def rows(cols, data):
        return {"cols": cols, "rows": [[gen.norm_value(v) if not isinstance(v, datetime.datetime)
                                        else v.strftime("%Y-%m-%dT%H:%M:%SZ") for v in r] for r in data]}

    return {
        "dg_department": rows(["id", "name", "budget", "parent_id"], diffspec.DEPARTMENTS),
        "dg_store": rows(["id", "name", "city", "opened", "capacity"], diffspec.STORES),
        "dg_skill": rows(["id", "name", "level"], diffspec.SKILLS),
        "dg_employee": rows(["id", "name", "department_id", "store_id", "manager_id", "salary", "bonus",
                             "rate", "hired", "last_login", "active", "nickname"], diffspec.EMPLOYEES),
        "dg_employee_skills": rows(["id", "employee_id", "skill_id"], diffspec.employee_skill_rows()),
        "dg_sale": rows(["id", "employee_id", "store_id", "amount", "qty", "sold_on", "note"], diffspec.SALES),
    }


def num_close(a, b):
    """Answers equal as numbers: decimals (strings) and floats within 1e-12
    relative (SQLite's Django gives computed decimals 15 significant digits)."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(num_close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(num_close(a[k], b[k]) for k in a)
    if a == b and type(a) == type(b):
        return True
    def num(v):
        if isinstance(v, bool) or v is None:
            return None
        if isinstance(v, (int, float)):
            return decimal.Decimal(repr(v)) if isinstance(v, float) else decimal.Decimal(v)
        if isinstance(v, str):
            try:
                return decimal.Decimal(v)
            except decimal.InvalidOperation:
                return None
        return None
    x, y = num(a), num(b)
    if x is None or y is None or not x.is_finite() or not y.is_finite():
        return False
    scale = max(abs(x), abs(y), decimal.Decimal(1))
    return abs(x - y) <= scale * decimal.Decimal("1e-12")


def type_sig(v):
    """The JSON types of an answer, for telling type-only differences."""
    if isinstance(v, list):
        return sorted((type_sig(x) for x in v), key=repr)
    if isinstance(v, dict):
        return {k: type_sig(x) for k, x in v.items()}
    if isinstance(v, str):
        try:
            decimal.Decimal(v)
            return "dec"
        except decimal.InvalidOperation:
            return "str"
    return type(v).__name__


CASE_FEATURES = ("__contains=", "__startswith=", "__endswith=", "__iexact=", "__icontains=",
                 "__istartswith=", "__iendswith=", "Lower(", "Upper(")


def merge(spec, s, p, dropped):
    """The committed entry for one spec, or None (counted in dropped)."""
    e = {k: spec[k] for k in ("id", "cat", "m", "st", "t", "o", "nul") if spec.get(k)}
    e["py"] = diffspec.render(spec)
    if s["err"] or p["err"]:
        if s["err"] and p["err"] and s["nq"] == 0 and p["nq"] == 0:
            e["k"] = "error"
            e["err"] = p["err"]
            if s["err"] != p["err"]:
                e["err_s"] = s["err"]
            e["msg"] = p["msg"]
            return e
        if s["err"] and p["err"]:
            reason = "database error on both backends"
        elif p["err"]:
            reason = ("database error on postgres only" if p["nq"] else "refused on postgres only")
        else:
            reason = ("database error on sqlite only" if s["nq"] else "refused on sqlite only")
        dropped[reason] = dropped.get(reason, 0) + 1
        return None
    if s["k"] != p["k"]:
        dropped["result kinds differ"] = dropped.get("result kinds differ", 0) + 1
        return None
    e["k"] = p["k"]
    e["r"] = p["r"]
    if s["r"] == p["r"]:
        return e
    if num_close(s["r"], p["r"]):
        if type_sig(s["r"]) != type_sig(p["r"]):
            e["lt"] = 1  # the backends' Django answers differ in type only: compare values
        return e
    py = e["py"]
    uses_case = any(f in py for f in CASE_FEATURES)
    uses_greatest = "Greatest(" in py or "Least(" in py
    if spec.get("nul"):
        if "r_pg_nulls" in s and num_close(s["r_pg_nulls"], p["r"]):
            e["rs"], e["why"] = s["r"], "nulls"
            return e
        reason = "answers differ beyond NULL placement (NULL-sensitive ordering)"
    elif uses_greatest and not uses_case:
        e["rs"], e["why"] = s["r"], "greatest"
        return e
    elif uses_case and not uses_greatest:
        e["rs"], e["why"] = s["r"], "case"
        return e
    else:
        reason = "answers differ (unexplained)"
    dropped[reason] = dropped.get(reason, 0) + 1
    return None


def is_empty_answer(e):
    return e.get("k") in ("ids", "values", "values_list", "flat", "int", "bool") and \
        e.get("r") in ([], 0, False) and not e.get("rs")


def parent(seed, count):
    os.makedirs(TMP_DIR, exist_ok=True)
    specs = diffspec.Generator(seed, all_rows()).generate(count)
    specs_path = os.path.join(TMP_DIR, "diff_specs.json")
    with open(specs_path, "w", encoding="utf-8") as f:
        json.dump(specs, f, ensure_ascii=False)
    dumps = {}
    for backend in ("sqlite", "postgres"):
        out = os.path.join(TMP_DIR, "diff_%s.json" % backend)
        if os.path.exists(out):
            os.remove(out)
        subprocess.run([sys.executable, os.path.abspath(__file__), "--backend", backend,
                        "--specs", specs_path, "--out", out], check=True)
        with open(out, encoding="utf-8") as f:
            dumps[backend] = json.load(f)
    s_res = dumps["sqlite"]["results"]
    p_res = dumps["postgres"]["results"]
    assert [r["id"] for r in s_res] == [r["id"] for r in p_res] == [s["id"] for s in specs]
    dropped, entries, diff_log, thinned = {}, [], [], 0
    for spec, s, p in zip(specs, s_res, p_res):
        e = merge(spec, s, p, dropped)
        if e is None:
            diff_log.append({"id": spec["id"], "py": diffspec.render(spec), "sqlite": s, "postgres": p})
            continue
        if is_empty_answer(e) and zlib.crc32(e["id"].encode()) % 2:
            # empty answers (no rows, 0, False) check little: keep half of them
            thinned += 1
            continue
        entries.append(e)
    with open(os.path.join(TMP_DIR, "diff_dropped.json"), "w", encoding="utf-8") as f:
        json.dump(diff_log, f, ensure_ascii=False, indent=1)

    by_cat, by_kind = {}, {}
    for e in entries:
        by_cat[e["cat"]] = by_cat.get(e["cat"], 0) + 1
        by_kind[e["k"]] = by_kind.get(e["k"], 0) + 1
    header = {
        "generator": "tools/djangoref/diffgen.py (spec language: tools/djangoref/diffspec.py)",
        "seed": seed,
        "generated": count,
        "kept": len(entries),
        "same_on_both": sum(1 for e in entries if "rs" not in e),
        "differ_null_placement": sum(1 for e in entries if e.get("why") == "nulls"),
        "differ_greatest_least_null": sum(1 for e in entries if e.get("why") == "greatest"),
        "differ_sqlite_case_folding": sum(1 for e in entries if e.get("why") == "case"),
        "differ_in_type_only": sum(1 for e in entries if e.get("lt")),
        "thinned_empty_answers": thinned,
        "dropped": dict(sorted(dropped.items())),
        "by_category": dict(sorted(by_cat.items())),
        "by_kind": dict(sorted(by_kind.items())),
        "django": dumps["postgres"]["info"]["django"],
        "sqlite": dumps["sqlite"]["info"]["server"],
        "postgres": dumps["postgres"]["info"]["server"],
    }
    with open(OUT_PATH, "w", encoding="utf-8") as f:
        f.write("{\n")
        for k, v in header.items():
            f.write(' "%s": %s,\n' % (k, json.dumps(v, ensure_ascii=False, sort_keys=False)))
        f.write(' "dataset": %s,\n' % json.dumps(dataset_json(), ensure_ascii=False, separators=(",", ":")))
        f.write(' "specs": [\n')
        f.write(",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entries))
        f.write("\n ]\n}\n")
    print("%d specs generated (seed %d), %d kept in %s" % (count, seed, len(entries), OUT_PATH))
    print("dropped: %s" % json.dumps(dropped))
    print("by category: %s" % json.dumps(by_cat))
    print("by kind: %s" % json.dumps(by_kind))
    for k in ("same_on_both", "differ_null_placement", "differ_greatest_least_null",
              "differ_sqlite_case_folding", "differ_in_type_only", "thinned_empty_answers"):
        print("%s: %d" % (k, header[k]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--count", type=int, default=COUNT)
    ap.add_argument("--backend", choices=["sqlite", "postgres"], help="(internal) child mode")
    ap.add_argument("--specs", help="(internal) specs file")
    ap.add_argument("--out", help="(internal) child output file")
    args = ap.parse_args()
    if args.backend:
        child(args.backend, args.specs, args.out)
    else:
        parent(args.seed, args.count)


if __name__ == "__main__":
    main()
