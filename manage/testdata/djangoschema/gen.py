#!/usr/bin/python3
"""Let Django 3.2 create its tables and load the reference dataset, and
record every statement it ran, per backend, for manage's inspectdb test.

Usage (from anywhere; about 10 seconds):

    /usr/bin/python3 manage/testdata/djangoschema/gen.py

Needs Debian's python3-django (3.2), python3-psycopg2 and python3-mysqldb,
PostgreSQL at 127.0.0.1:5432 (trust, user postgres) and MariaDB/MySQL at
127.0.0.1:3306 (root, no password). It drops and recreates the database
djorm_djangoschema on both servers and /tmp/djorm_djangoschema.sqlite3; it
touches nothing else.

The models are tools/djangoref's (store: the bookstore of
testdata/django/reference.json; hr: the staff graph of differential.json)
and edge/models.py here. Each backend runs in a child process (Django is
configured once per process) that creates the tables with Django's schema
editor, as `manage.py migrate` does for an app, loads the rows with
bulk_create and writes <backend>.sql next to this file: the CREATE, ALTER,
INSERT and sequence statements Django sent, one per line, as the server
received them. The Go test (manage/inspectdb_django_test.go) runs them in
a fresh PostgreSQL schema, MariaDB database or SQLite file, so it needs no
Python.
"""
import argparse
import datetime
import os
import subprocess
import sys
import uuid

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
DJANGOREF = os.path.join(REPO, "tools", "djangoref")
sys.path.insert(0, HERE)
sys.path.insert(0, DJANGOREF)

DB_NAME = "djorm_djangoschema"
SQLITE_PATH = "/tmp/djorm_djangoschema.sqlite3"
BACKENDS = {"sqlite": "sqlite.sql", "postgres": "postgresql.sql", "mysql": "mysql.sql"}
KEEP = ("CREATE", "ALTER", "INSERT", "SELECT SETVAL")


def reset(backend):
    if backend == "sqlite":
        if os.path.exists(SQLITE_PATH):
            os.remove(SQLITE_PATH)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH}
    if backend == "postgres":
        import psycopg2
        conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="test")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % DB_NAME)
            cur.execute("CREATE DATABASE %s ENCODING 'UTF8'" % DB_NAME)
        conn.close()
        return {"ENGINE": "django.db.backends.postgresql", "NAME": DB_NAME, "USER": "postgres",
                "HOST": "127.0.0.1", "PORT": "5432"}
    import MySQLdb
    conn = MySQLdb.connect(host="127.0.0.1", port=3306, user="root")
    cur = conn.cursor()
    cur.execute("DROP DATABASE IF EXISTS %s" % DB_NAME)
    cur.execute("CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" % DB_NAME)
    conn.close()
    return {"ENGINE": "django.db.backends.mysql", "NAME": DB_NAME, "USER": "root", "HOST": "127.0.0.1",
            "PORT": "3306", "OPTIONS": {"charset": "utf8mb4"}}


def load_edge():
    from django.db import connection
    from edge.models import City, Country, Profile, Stop, Trip

    with connection.schema_editor() as editor:
        for model in (Country, City, Profile, Trip, Stop):
            editor.create_model(model)
    Country.objects.bulk_create([Country(id=1, code="NO", name="Norway"), Country(id=2, code="IT", name="Italy")])
    City.objects.bulk_create([
        City(id=1, country_id="NO", name="Oslo", population=709000, elevation=23, area=454.0, slug="oslo",
             uid=uuid.UUID("00000000-0000-0000-0000-000000000001"), founded=datetime.time(10, 0)),
        City(id=2, country_id="IT", name="Rome", population=None, elevation=21, area=1285.5, slug="rome",
             uid=uuid.UUID("00000000-0000-0000-0000-000000000002")),
        City(id=3, country_id="NO", name="Bergen", population=285000, elevation=0, area=465.3, slug="bergen",
             uid=uuid.UUID("00000000-0000-0000-0000-000000000003")),
    ])
    Profile.objects.bulk_create([Profile(id=1, city_id=1, motto="fjords", data=b"ab",
                                         settle=datetime.timedelta(days=2, seconds=5))])
    Trip.objects.bulk_create([Trip(id=1, name="North"), Trip(id=2, name="Grand")])
    Stop.objects.bulk_create([Stop(id=1, trip_id=1, city_id=1, position=1), Stop(id=2, trip_id=1, city_id=3, position=2),
                              Stop(id=3, trip_id=2, city_id=2, position=1), Stop(id=4, trip_id=2, city_id=1, position=2)])


def child(backend, out):
    import django
    from django.conf import settings

    settings.configure(DEBUG=True, USE_TZ=True, TIME_ZONE="UTC", DATABASES={"default": reset(backend)},
                       INSTALLED_APPS=["store", "hr", "edge"], DEFAULT_AUTO_FIELD="django.db.models.AutoField")
    django.setup()
    from django.core.management.color import no_style
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    import diffgen
    import gen
    from edge import models as edge
    from hr import models as hr

    with CaptureQueriesContext(connection) as ctx:
        gen.create_schema_and_data()  # store: schema, rows, sequences past the explicit ids
        diffgen.load_staff()          # hr
        load_edge()
        seq = connection.ops.sequence_reset_sql(no_style(), [
            hr.Department, hr.Store, hr.Skill, hr.Employee, hr.Employee.skills.through, hr.Sale,
            edge.Country, edge.City, edge.Profile, edge.Trip, edge.Stop])
        with connection.cursor() as cur:
            for s in seq:
                cur.execute(s)
    stmts = [q["sql"].strip().rstrip(";") for q in ctx.captured_queries
             if q["sql"].lstrip().upper().startswith(KEEP)]
    for s in stmts:
        if "\n" in s:
            sys.exit("a statement spans lines; the Go loader reads one per line: %s" % s)
    with connection.cursor() as cur:
        version = connection.mysql_version if backend == "mysql" else (
            connection.pg_version if backend == "postgres" else cur.execute("select sqlite_version()").fetchone()[0])
    with open(out, "w", encoding="utf-8") as f:
        f.write("-- Generated by manage/testdata/djangoschema/gen.py (Django %s, %s %s): the statements Django ran. Do not edit.\n"
                % (django.get_version(), connection.vendor, version))
        for s in stmts:
            f.write(s + ";\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", choices=sorted(BACKENDS), help="(internal) child mode")
    args = ap.parse_args()
    if args.backend:
        child(args.backend, os.path.join(HERE, BACKENDS[args.backend]))
        return
    for b in BACKENDS:
        subprocess.run([sys.executable, os.path.abspath(__file__), "--backend", b], check=True)
        print("wrote", os.path.join(HERE, BACKENDS[b]))


if __name__ == "__main__":
    main()
