"""WSGI entry point (gunicorn policyarchive.wsgi)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policyarchive.settings.production")

application = get_wsgi_application()
