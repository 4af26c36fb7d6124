"""What editors do to the archive, as keyword-only services the admin (and anything else) calls.

Each service is ``@transaction.atomic``: safe from the admin, a command or a task alike, and
all or nothing. The rules live here, not in the admin:

- ``publishing``: publish (keeping a scheduled time) and unpublish;
- ``tags``: tag and untag, merge and rename, with the old addresses redirecting;
- ``passages``: positions and anchors of passages an editor moves or adds, and the principles
  and eras an editor adds, confirms or removes (recorded as the editor's decisions,
  ``documents/decisions.py``, which re-classification and re-import never overturn);
- ``reclassifying``: the classifier run again, previewed before it is applied;
- ``history``: every change kept in the document's history (django-reversion), one revision per
  document so that reverting one never reverts another.

Readers' words are era and principle; the models keep their names ``Period`` and ``Theme``.
"""
