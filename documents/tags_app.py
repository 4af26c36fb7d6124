"""django-taggit's app under the site's word for it: the admin's section reads "Tags", not
"Taggit" (INSTALLED_APPS names this config instead of "taggit")."""

from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    verbose_name = "Tags"
