"""The approaches the directory can be filtered by, to start with; staff can add more."""

from django.db import migrations

APPROACHES = [
    ("eft", "Emotionally Focused Therapy (EFT)"),
    ("attachment-based", "Attachment-based therapy"),
    ("gottman", "Gottman Method"),
    ("imago", "Imago Relationship Therapy"),
    ("ibct", "Integrative Behavioral Couple Therapy (IBCT)"),
    ("cbt", "Cognitive behavioural therapy (CBT)"),
    ("ifs", "Internal Family Systems (IFS)"),
    ("psychodynamic", "Psychodynamic therapy"),
    ("systemic", "Systemic and family therapy"),
    ("trauma-informed", "Trauma-focused therapy"),
    ("sex-therapy", "Sex and intimacy therapy"),
    ("discernment", "Discernment counselling"),
]


def add_approaches(apps, schema_editor):
    Approach = apps.get_model("care", "Approach")
    for order, (slug, name) in enumerate(APPROACHES, start=1):
        Approach.objects.update_or_create(slug=slug, defaults={"name": name, "order": order * 10})


def remove_approaches(apps, schema_editor):
    Approach = apps.get_model("care", "Approach")
    Approach.objects.filter(
        slug__in=[slug for slug, _ in APPROACHES], practitioners__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("care", "0001_practitioners_consultations_and_consent")]

    operations = [migrations.RunPython(add_approaches, remove_approaches)]
