"""ASGI entry point, for an ASGI server such as uvicorn: `xxgk.asgi:application`."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")

application = get_asgi_application()
