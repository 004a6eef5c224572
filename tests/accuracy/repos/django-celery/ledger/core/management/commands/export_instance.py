"""Exports the database rows and the stored receipts into one archive (the backup)."""
import zipfile

from django.core import serializers
from django.core.management.base import BaseCommand

from ledger.core.storage import iter_receipts


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("target")

    def handle(self, *args, **options):
        with zipfile.ZipFile(options["target"], "w") as archive:
            archive.writestr("data.json", serializers.serialize("json", all_objects()))
            for name, content in iter_receipts():
                archive.writestr(f"receipts/{name}", content)
