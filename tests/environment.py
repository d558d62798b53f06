"""Loaded as a pytest plugin (-p) before Django's settings are read: tests run with development
settings unless the environment says otherwise. DATABASE_URL passes through untouched."""
import os

os.environ.setdefault("DJANGO_DEBUG", "1")
