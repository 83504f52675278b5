"""The second model graph of the differential generator (tools/djangoref/diffgen.py).

A staff graph with self foreign keys (Department.parent, Employee.manager),
a many-to-many (Employee.skills), two paths to Store (Employee.store and
Sale.store) and nullable fields of every kind. Mirrored in Go by the Dg*
models of differential_models_test.go; tables are named dg_* on both sides.
"""
from django.db import models


class Department(models.Model):
    name = models.CharField(max_length=50)
    budget = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL, related_name="children")

    class Meta:
        app_label = "hr"
        db_table = "dg_department"


class Store(models.Model):
    name = models.CharField(max_length=50)
    city = models.CharField(max_length=50, null=True)
    opened = models.DateField(null=True)
    capacity = models.IntegerField()

    class Meta:
        app_label = "hr"
        db_table = "dg_store"


class Skill(models.Model):
    name = models.CharField(max_length=30)
    level = models.IntegerField(null=True)

    class Meta:
        app_label = "hr"
        db_table = "dg_skill"


class Employee(models.Model):
    name = models.CharField(max_length=50)
    department = models.ForeignKey(Department, null=True, on_delete=models.SET_NULL, related_name="employees")
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="staff")
    manager = models.ForeignKey("self", null=True, on_delete=models.SET_NULL, related_name="reports")
    salary = models.IntegerField()
    bonus = models.IntegerField(null=True)
    rate = models.FloatField(null=True)
    hired = models.DateField()
    last_login = models.DateTimeField(null=True)
    active = models.BooleanField(default=True)
    nickname = models.CharField(max_length=30, null=True)
    skills = models.ManyToManyField(Skill, related_name="employees", db_table="dg_employee_skills")

    class Meta:
        app_label = "hr"
        db_table = "dg_employee"


class Sale(models.Model):
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="sales")
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="sales")
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    qty = models.IntegerField()
    sold_on = models.DateField()
    note = models.TextField(null=True)

    class Meta:
        app_label = "hr"
        db_table = "dg_sale"
