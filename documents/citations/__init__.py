"""Citations of documents and passages, all made from one CSL-JSON record each.

- ``csl``: the record (who, what, when, where), what the source states and nothing it does not;
- ``styles``: Chicago (notes and bibliography, 17th edition), APA 7 and MLA 9, by citeproc-py;
- ``formats``: the downloads (CSL-JSON, RIS, biblatex);
- ``embedded``: what a page carries for machines (Highwire ``citation_*``, ``DC.*``, JSON-LD);
- ``page``: all of it for one reader page; ``views``: the passage page and the downloads.

The API and OAI-PMH link the records through ``page.download_urls`` and build them with
``csl.document_record`` / ``csl.passage_record``.
"""
