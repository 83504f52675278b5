# Django app "store" used by tools/djangoref/gen.py to produce reference answers.
