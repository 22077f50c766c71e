"""`content_changed`: sent by code that changes public content without a model signal
(bulk writes such as the attendee import), so that whatever keeps copies of public
pages (newsroom/cache.py) forgets them. `sender` is the model whose rows changed."""

from django.dispatch import Signal

content_changed = Signal()
