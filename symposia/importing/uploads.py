"""The size limit, enforced while an upload streams in.

Django hands each chunk of an uploaded file to its upload handlers as it
reads the request body. This handler, first in line, counts the bytes of the
attendee file and stops the upload at the first chunk past
``ATTENDEE_IMPORT_MAX_BYTES``: nothing more of the file is kept in memory or
on disk (Django reads the rest of the body only to discard it, so the browser
gets the refusal page; the proxy in front caps the body itself, see the
README's Deploy section). The view then records the refusal.
"""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        # (file name, bytes received) of a file stopped at the limit.
        self.refused = None

    def receive_data_chunk(self, raw_data, start):
        received = start + len(raw_data)
        if received > self.limit:
            self.refused = (self.file_name, received)
            raise StopUpload(connection_reset=False)
        return raw_data  # the next handler (memory or temporary file) keeps it

    def file_complete(self, file_size):
        return None  # the next handler builds the uploaded file
