"""Models mirrored by the djorm Go tests (see tools/djangoref/README.md)."""
from django.db import models


class Publisher(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "store"
        db_table = "publisher"


class Author(models.Model):
    name = models.CharField(max_length=100)
    joined_date = models.DateField()
    rating = models.IntegerField(null=True)
    publisher = models.ForeignKey(
        Publisher, null=True, on_delete=models.SET_NULL, related_name="authors"
    )

    class Meta:
        app_label = "store"
        db_table = "author"


class Tag(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "store"
        db_table = "tag"


class Book(models.Model):
    title = models.CharField(max_length=200, db_index=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    editor = models.ForeignKey(
        Author, null=True, on_delete=models.SET_NULL, related_name="edited_books"
    )
    price = models.DecimalField(max_digits=6, decimal_places=2)
    sales_count = models.IntegerField(default=0)
    stock_level = models.IntegerField(default=0)
    is_published = models.BooleanField(default=True)
    published_at = models.DateTimeField(null=True)
    tags = models.ManyToManyField(Tag, related_name="books")

    class Meta:
        app_label = "store"
        db_table = "book"


class Review(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="reviews")
    stars = models.IntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        app_label = "store"
        db_table = "review"
