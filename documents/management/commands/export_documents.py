from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.importing.exchange import export_archive


class Command(BaseCommand):
    help = (
        "Write the whole archive (eras, principles, documents with their passages) as one JSON "
        "object. import_documents loads such a file back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args, output, **options):
        if output is None:
            self.stdout.ending = ""  # JSON goes out as written, chunk by chunk
            export_archive(out=self.stdout)
            return
        output = Path(output)
        try:
            with output.open("w", encoding="utf-8") as out:
                count = export_archive(out=out)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from exc
        if options["verbosity"] >= 1:
            self.stderr.write(self.style.SUCCESS(f"Exported {count} documents to {output}."))
