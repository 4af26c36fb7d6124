from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents.choices import ImportStatus
from documents.importing.pipeline import ImportContext, TaxonomyError, import_paths, summarize
from documents.importing.saving import save_taxonomy
from documents.importing.taxonomy import load_taxonomy


class Command(BaseCommand):
    help = (
        "Load the eras and principles from seeds/taxonomy.yaml and import the seed documents "
        "as published. Running it again changes nothing; editors' changes are never overwritten."
    )

    def handle(self, *args, **options):
        seeds = settings.POLICYARCHIVE_SEEDS_DIR
        try:
            taxonomy = load_taxonomy(path=seeds / "taxonomy.yaml")
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        report = save_taxonomy(periods=taxonomy.periods, themes=taxonomy.themes)
        verbose = options["verbosity"] >= 1
        if verbose:
            self.stdout.write(f"Taxonomy: {report}.")

        try:
            context = ImportContext.load(publish=True, imported_by="import_seeds")
        except TaxonomyError as exc:
            raise CommandError(str(exc)) from exc
        results = list(import_paths(paths=sorted(seeds.glob("*.txt")), context=context))
        failed = [r for r in results if r.status == ImportStatus.FAILED]
        for result in failed:
            self.stderr.write(self.style.ERROR("; ".join(result.errors)))
        if failed:
            raise CommandError(f"{len(failed)} seed documents failed to import.")
        if verbose:
            self.stdout.write(self.style.SUCCESS(f"Seeds: {summarize(results)}."))
