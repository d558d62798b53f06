#!/usr/bin/env python
"""Django's command-line utility for the statements archive."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "statements_site.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # load the settings now: Django would hide their error behind another
    except ImproperlyConfigured as error:
        sys.exit(f"Configuration error: {error}. For development set DJANGO_DEBUG=1; see “Configuration” in README.md.")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
