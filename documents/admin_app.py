"""Django's admin as the editors' site: its names, and a home page that is their dashboard
(INSTALLED_APPS names ``EditorsAdminConfig`` instead of "django.contrib.admin")."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class EditorsSite(admin.AdminSite):
    site_header = "policyarchive editors"
    site_title = "policyarchive admin"
    index_title = "Curate the archive"
    index_template = "admin/documents/dashboard.html"

    def index(self, request, extra_context=None):
        # Imported here: documents.admin registers the model admins on this site as it loads.
        from .admin.dashboard import dashboard

        return super().index(request, {**dashboard(request.user), **(extra_context or {})})


class EditorsAdminConfig(AdminConfig):
    default_site = "documents.admin_app.EditorsSite"
