import getpass
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from documents.choices import ImportStatus
from documents.importing.exchange import is_archive_export, load_archive
from documents.importing.pipeline import ImportContext, TaxonomyError, collect_paths, import_paths, report_line
from documents.importing.runs import record_run


class Command(BaseCommand):
    help = (
        "Import documents from text or HTML files, or folders of them (recursively). "
        "Each file is one transaction; a file that fails leaves the archive as it was "
        "and the others still import. A JSON file written by export_documents is loaded whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders to import.")
        parser.add_argument("--dry-run", action="store_true", help="Do everything but write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish new documents (default: drafts).")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print the report as JSON on stdout.")

    def handle(self, *args, paths, dry_run, publish, as_json, **options):
        paths = [Path(p) for p in paths]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        exports = [p for p in paths if is_archive_export(p)]
        if exports:
            return self._load_exports(exports, paths, dry_run=dry_run)

        try:
            context = ImportContext.load(publish=publish, dry_run=dry_run, imported_by=_who())
        except TaxonomyError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(1 for _ in collect_paths(paths))
        progress = tqdm(total=total, unit="file", disable=as_json or not sys.stderr.isatty() or options["verbosity"] < 1)
        results = []
        for result in import_paths(paths=paths, context=context):
            results.append(result)
            progress.update(1)
            if not as_json:
                self._report(result, options["verbosity"])
        progress.close()
        record_run(results=results, dry_run=dry_run, publish=publish)
        failed = sum(r.status == ImportStatus.FAILED for r in results)
        if as_json:
            self.stdout.write(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
        elif options["verbosity"] >= 1:
            prefix = "Dry run, nothing written: " if dry_run else ""
            style = self.style.WARNING if failed else self.style.SUCCESS
            self.stdout.write(style(prefix + report_line(results, dry_run=dry_run)))
        if failed:
            raise CommandError(f"{failed} of {len(results)} files failed.", returncode=1)

    def _report(self, result, verbosity):
        if result.status == ImportStatus.FAILED:
            for error in result.errors:
                self.stderr.write(self.style.ERROR(error))
        elif verbosity >= 2 or (verbosity >= 1 and result.conflicts):
            line = f"{result.status}: {result.path} -> {result.slug}"
            if result.conflicts:
                line += f" (kept the editor's {', '.join(result.conflicts)})"
            self.stdout.write(line)

    def _load_exports(self, exports, paths, *, dry_run):
        if len(exports) != len(paths):
            raise CommandError("Load an export file on its own, not mixed with documents.")
        for path in exports:
            try:
                report = load_archive(path=path, dry_run=dry_run)
            except (ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"{path}: not a valid archive export ({exc})") from exc
            self.stdout.write(self.style.SUCCESS(f"{path}: {report}"))


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "command line"
