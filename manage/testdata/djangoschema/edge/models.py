"""Models whose schema exercises what inspectdb must read back beyond the
bookstore and staff graphs: a foreign key to a non-primary-key column
(to_field) with its own db_column, a one-to-one key, a many-to-many relation
through an explicit model with an extra column, unique_together,
index_together, a named Meta index, a BigAutoField key and column types the
other graphs lack (see manage/testdata/djangoschema/gen.py)."""
from django.db import models


class Country(models.Model):
    code = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=60, db_column="country_name")

    class Meta:
        app_label = "edge"
        db_table = "edge_country"


class City(models.Model):
    id = models.BigAutoField(primary_key=True)
    country = models.ForeignKey(Country, to_field="code", on_delete=models.PROTECT,
                                db_column="country_code", related_name="cities")
    name = models.CharField(max_length=60)
    population = models.BigIntegerField(null=True)
    elevation = models.SmallIntegerField(default=0)
    area = models.FloatField()
    slug = models.SlugField()
    uid = models.UUIDField()
    founded = models.TimeField(null=True)

    class Meta:
        app_label = "edge"
        db_table = "edge_city"
        unique_together = [("country", "name")]
        index_together = [("name", "population")]
        indexes = [models.Index(fields=["area", "elevation"], name="edge_city_area_idx")]


class Profile(models.Model):
    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="profile")
    motto = models.TextField(blank=True)
    data = models.BinaryField(null=True)
    settle = models.DurationField(null=True)

    class Meta:
        app_label = "edge"
        db_table = "edge_profile"


class Trip(models.Model):
    name = models.CharField(max_length=40)
    cities = models.ManyToManyField(City, through="Stop", related_name="trips")

    class Meta:
        app_label = "edge"
        db_table = "edge_trip"


class Stop(models.Model):
    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="stops")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField()

    class Meta:
        app_label = "edge"
        db_table = "edge_stop"
        unique_together = [("trip", "position")]
