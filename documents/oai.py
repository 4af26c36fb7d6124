"""OAI-PMH 2.0 at ``/oai/``: library harvesters read the archive's documents as Dublin Core.

All six verbs, ``oai_dc`` only. Sets are the eras (``era:<slug>``, a document's issued-in era and
the eras it speaks about) and the principles (``principle:<slug>``). Datestamps are a record's
last change: for a document, the later of its last edit and its publication time (a scheduled
document enters the archive when its time comes, and an incremental harvest must see it then).
Lists are pages of ``POLICYARCHIVE_OAI_PAGE_SIZE`` in (datestamp, id) order, continued by a signed
resumption token that holds the position, not an offset, so a list stays complete while the
archive changes. Deleted records are ``transient``: a document unpublished after publication, and
a deleted one (``DeletedDocument``, recorded when a visible document is deleted), are listed with
``status="deleted"``; a draft that was never public does not exist for harvesters.

Written on Django templates rather than with a library: ``oaipmh`` (pyoai) is a client and
server framework without Django integration whose server side expects its own WSGI layer, and
``django-oai-pmh`` has had no release for Django 4 or 5. The protocol's surface is small (six verbs,
one format), and the templates escape every value.

An inferred value is never harvested as if the source stated it: a date or creator whose
provenance is ``inferred`` is left out of the record.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core import signing
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .choices import How, Status
from .models import DeletedDocument, Document, Period, Theme
from .templatetags.archive import SITE_NAME

METADATA_PREFIX = "oai_dc"
VERBS = {
    "Identify": set(),
    "ListMetadataFormats": {"identifier"},
    "ListSets": {"resumptionToken"},
    "GetRecord": {"identifier", "metadataPrefix"},
    "ListIdentifiers": {"metadataPrefix", "from", "until", "set", "resumptionToken"},
    "ListRecords": {"metadataPrefix", "from", "until", "set", "resumptionToken"},
}
REQUIRED = {"GetRecord": {"identifier", "metadataPrefix"}}
TOKEN_SALT = "policyarchive.oai"
TOKEN_MAX_AGE = 24 * 3600  # seconds a resumption token stays valid
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


def xml_text(value: str) -> str:
    return NOT_XML.sub("", value or "")


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def repository_identifier(request) -> str:
    return settings.POLICYARCHIVE_OAI_REPOSITORY_ID or request.get_host().split(":")[0]


def oai_identifier(request, slug: str) -> str:
    return f"oai:{repository_identifier(request)}:{slug}"


def _slug_of(request, identifier: str) -> str:
    prefix = f"oai:{repository_identifier(request)}:"
    if not identifier.startswith(prefix) or len(identifier) > 300:
        raise OAIError("idDoesNotExist", "No record has this identifier.")
    return identifier[len(prefix):]


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(text: str, *, until: bool) -> datetime.datetime:
    """A ``from``/``until`` argument: day or seconds granularity, UTC."""
    for fmt, day in (("%Y-%m-%d", True), ("%Y-%m-%dT%H:%M:%SZ", False)):
        try:
            moment = datetime.datetime.strptime(text, fmt).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            continue
        if day and until:
            moment += datetime.timedelta(days=1) - datetime.timedelta(microseconds=1)
        return moment
    raise OAIError("badArgument", f"'{text[:40]}' is not a UTC date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).")


# ------------------------------------------------------------------------------------ records


def _documents():
    """Documents harvesters may know of: visible now, or unpublished after publication."""
    now = timezone.now()
    return (Document.objects.filter(published_at__lte=now, status__in=[Status.PUBLISHED, Status.DRAFT])
            .annotate(datestamp=Greatest(F("updated_at"), F("published_at")))
            .only("slug", "title", "status", "published_at", "updated_at", "issued_on", "date_precision",
                  "doc_type", "languages", "summary", "issuer", "source", "provenance", "issued_in")
            .select_related("issued_in").prefetch_related("themes", "periods"))


def _in_set(queryset, spec: str):
    kind, _, slug = spec.partition(":")
    if kind == "era" and Period.objects.filter(slug=slug).exists():
        return queryset.filter(Q(issued_in__slug=slug) | Q(periods__slug=slug)).distinct()
    if kind == "principle" and Theme.objects.filter(slug=slug).exists():
        return queryset.filter(themes__slug=slug).distinct()
    raise OAIError("badArgument", "No such set: sets are era:<slug> and principle:<slug> (see ListSets).")


def _sets_of(document: Document) -> list[str]:
    eras = {p.slug for p in document.periods.all()} | ({document.issued_in.slug} if document.issued_in else set())
    return [f"era:{s}" for s in sorted(eras)] + [f"principle:{t.slug}" for t in document.themes.all()]


def _stated(document: Document, field: str) -> bool:
    return (document.provenance or {}).get(field, {}).get("how") != How.INFERRED


def _record(request, document: Document) -> dict:
    deleted = not document.is_published
    record = {"identifier": oai_identifier(request, document.slug), "datestamp": stamp(document.datestamp),
              "sets": _sets_of(document), "deleted": deleted}
    if not deleted:
        record["dc"] = {
            "title": xml_text(document.title),
            "creator": xml_text(document.issuer) if _stated(document, "issuer") else "",
            "publisher": xml_text(document.source) or SITE_NAME,
            "date": (document.issued_on.isoformat()[: {"year": 4, "month": 7}.get(document.date_precision, 10)]
                     if document.issued_on and _stated(document, "date") else ""),
            "type": document.get_doc_type_display(),
            "languages": document.languages or [],
            "subjects": [xml_text(t.name) for t in document.themes.all()],
            "coverage": [xml_text(p.name) for p in document.periods.all()],
            "description": xml_text(document.summary),
            "url": request.build_absolute_uri(document.get_absolute_url()),
        }
    return record


def _tombstone(request, tombstone: DeletedDocument) -> dict:
    return {"identifier": oai_identifier(request, tombstone.slug), "datestamp": stamp(tombstone.deleted_at),
            "sets": tombstone.sets, "deleted": True}


@receiver(pre_delete, sender=Document)
def remember_deleted(sender, instance: Document, **kwargs):
    """A document readers could see is being deleted: harvesters will be told (``DeletedDocument``,
    with the sets it was in). A signal, against the house rule, because the admin's delete, its
    bulk delete and a queryset's ``delete()`` all end here and nowhere else; it runs inside the
    deleting transaction, so a delete that is rolled back leaves no tombstone."""
    if instance.is_published:
        document = Document.objects.select_related("issued_in").prefetch_related("themes", "periods").get(pk=instance.pk)
        DeletedDocument.objects.update_or_create(
            slug=instance.slug, defaults={"deleted_at": timezone.now(), "sets": _sets_of(document)})


# ------------------------------------------------------------------------------------- lists


def _list_arguments(params: dict) -> dict:
    if "resumptionToken" in params:
        if len(params) > 1:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
        try:
            return signing.loads(params["resumptionToken"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            raise OAIError("badResumptionToken", "The resumption token is invalid or has expired.") from None
    if params.get("metadataPrefix") is None:
        raise OAIError("badArgument", "metadataPrefix is required.")
    if params["metadataPrefix"] != METADATA_PREFIX:
        raise OAIError("cannotDisseminateFormat", "The only metadata format is oai_dc.")
    start = parse_stamp(params["from"], until=False) if "from" in params else None
    end = parse_stamp(params["until"], until=True) if "until" in params else None
    if "from" in params and "until" in params and len(params["from"]) != len(params["until"]):
        raise OAIError("badArgument", "from and until must have the same granularity.")
    if start and end and start > end:
        raise OAIError("badArgument", "from is later than until.")
    return {"from": start.isoformat() if start else None, "until": end.isoformat() if end else None,
            "set": params.get("set"), "phase": "documents", "after": None}


def _page(request, args: dict) -> tuple[list[dict], str | None]:
    """One page of records (documents, then tombstones), and the token of the next, if any."""
    size = settings.POLICYARCHIVE_OAI_PAGE_SIZE
    start = datetime.datetime.fromisoformat(args["from"]) if args["from"] else None
    end = datetime.datetime.fromisoformat(args["until"]) if args["until"] else None
    records: list[dict] = []
    phase, after = args["phase"], args["after"]
    if phase == "documents":
        queryset = _documents()
        if args["set"]:
            queryset = _in_set(queryset, args["set"])
        queryset = _window(queryset, "datestamp", start, end, after)
        rows = list(queryset.order_by("datestamp", "pk")[: size + 1])
        records = [_record(request, d) for d in rows[:size]]
        if len(rows) > size:
            last = rows[size - 1]
            return records, _token({**args, "after": [last.datestamp.isoformat(), last.pk]})
        phase, after = "deleted", None
    if args["set"] is None or phase == "deleted":
        tombstones = DeletedDocument.objects.exclude(slug__in=Document.objects.values("slug"))
        if args["set"]:
            tombstones = tombstones.filter(pk__in=[t.pk for t in tombstones.only("pk", "sets") if args["set"] in t.sets])
        tombstones = _window(tombstones, "deleted_at", start, end, after)
        room = size - len(records)
        rows = list(tombstones.order_by("deleted_at", "pk")[: room + 1])
        records += [_tombstone(request, t) for t in rows[:room]]
        if len(rows) > room:
            last = rows[room - 1] if room else None
            position = [last.deleted_at.isoformat(), last.pk] if last else after
            return records, _token({**args, "phase": "deleted", "after": position})
    return records, None


def _window(queryset, field: str, start, end, after):
    if start:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field}__lte": end})
    if after:
        moment = datetime.datetime.fromisoformat(after[0])
        queryset = queryset.filter(Q(**{f"{field}__gt": moment}) | Q(**{field: moment, "pk__gt": after[1]}))
    return queryset


def _token(args: dict) -> str:
    return signing.dumps(args, salt=TOKEN_SALT, compress=True)


# -------------------------------------------------------------------------------------- verbs


def _identify(request, params):
    first = Document.objects.published().order_by("published_at").values_list("published_at", flat=True).first()
    return {"earliest": stamp(first or EARLIEST)}


def _list_metadata_formats(request, params):
    if "identifier" in params:
        _get_document(request, params["identifier"])
    return {}


def _list_sets(request, params):
    if "resumptionToken" in params:
        raise OAIError("badResumptionToken", "ListSets is never split: there is no token to resume.")
    return {"sets": [(f"era:{p.slug}", p.name) for p in Period.objects.all()]
            + [(f"principle:{t.slug}", t.name) for t in Theme.objects.all()]}


def _get_document(request, identifier: str) -> dict:
    slug = _slug_of(request, identifier)
    document = _documents().filter(slug=slug).first()
    if document is not None:
        return _record(request, document)
    tombstone = DeletedDocument.objects.filter(slug=slug).first()
    if tombstone is None:
        raise OAIError("idDoesNotExist", "No record has this identifier.")
    return _tombstone(request, tombstone)


def _get_record(request, params):
    if params["metadataPrefix"] != METADATA_PREFIX:
        _get_document(request, params["identifier"])
        raise OAIError("cannotDisseminateFormat", "The only metadata format is oai_dc.")
    return {"record": _get_document(request, params["identifier"])}


def _list(request, params):
    args = _list_arguments(params)
    records, token = _page(request, args)
    if not records and "resumptionToken" not in params:
        raise OAIError("noRecordsMatch", "No record matches these arguments.")
    return {"records": records, "token": token, "resumed": "resumptionToken" in params}


HANDLERS = {"Identify": _identify, "ListMetadataFormats": _list_metadata_formats, "ListSets": _list_sets,
            "GetRecord": _get_record, "ListIdentifiers": _list, "ListRecords": _list}


@csrf_exempt  # a harvester's POST carries no session and changes nothing
@require_http_methods(["GET", "HEAD", "POST"])
def oai_pmh(request):
    query = request.POST if request.method == "POST" else request.GET
    context = {"now": stamp(timezone.now()), "request_url": request.build_absolute_uri(request.path),
               "repository_id": repository_identifier(request), "site_name": SITE_NAME,
               "admin_email": settings.POLICYARCHIVE_OAI_ADMIN_EMAIL, "verb": None, "arguments": {}}
    try:
        verb = query.get("verb")
        if verb not in VERBS or len(query.getlist("verb")) != 1:
            raise OAIError("badVerb", "The verb is missing, repeated or not one of OAI-PMH's six.")
        context["verb"] = verb
        params = {}
        for key in query:
            if key == "verb":
                continue
            values = query.getlist(key)
            if key not in VERBS[verb] or len(values) != 1 or len(values[0]) > 2000:
                raise OAIError("badArgument", f"'{key[:40]}' is not an argument of {verb}, or is repeated.")
            params[key] = values[0]
        context["arguments"] = params
        missing = REQUIRED.get(verb, set()) - params.keys()
        if missing:
            raise OAIError("badArgument", f"{verb} requires {', '.join(sorted(missing))}.")
        context.update(HANDLERS[verb](request, params))
    except OAIError as error:
        context["error"] = error
    return render(request, "oai/response.xml", context, content_type="text/xml; charset=utf-8")
