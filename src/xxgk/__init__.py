"""xxgk: an open-source platform for 政府信息公开 (open government information)."""

__version__ = "0.1.0"
