import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from documents.roles import EDITORS_GROUP, ensure_editors_group


class Command(BaseCommand):
    help = (
        "Create an editor account: a staff user in the Editors group, who can curate documents, "
        "passages, principles, eras and tags in the admin, and cannot administer users or permissions. "
        "The password is asked for twice, or read from standard input with --password-stdin "
        "(e.g. `printf '%s' \"$PASSWORD\" | manage.py create_editor alice --password-stdin`)."
    )

    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username", help="The editor's login name.")
        parser.add_argument("--email", default="", help="The editor's e-mail address.")
        parser.add_argument("--password-stdin", action="store_true",
                            help="Read the password from standard input (its first line) instead of asking.")

    def handle(self, *args, username, email, password_stdin, **options):
        User = get_user_model()
        if User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        password = self._read_password(password_stdin, options.get("stdin") or sys.stdin)
        user = User(**{User.USERNAME_FIELD: username}, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("The password is not accepted: " + " ".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.save()
            group = Group.objects.filter(name=EDITORS_GROUP).first() or ensure_editors_group(
                group_model=Group, permission_model=Permission)
            user.groups.add(group)
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(
                f"Created the editor {username!r}; they can log in at /admin/."))

    def _read_password(self, from_stdin: bool, stdin) -> str:
        if from_stdin:
            password = stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("No password on standard input.")
            return password
        if not stdin.isatty():
            raise CommandError("Standard input is not a terminal: give the password with --password-stdin.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        if not password:
            raise CommandError("The password is empty.")
        return password
