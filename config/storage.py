"""Static files storage for production: WhiteNoise's compressed manifest storage that remembers
each file's URL.

Every public page asks for the same few static URLs (the stylesheet, the
emblem); the manifest storage works each one out again from the manifest on
every call (URL splitting, unquoting: ~30 microseconds a call here). The
manifest cannot change while the process runs (collectstatic runs before a
deploy, and the workers restart), so the answer is kept per name.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # Relative imports between our JavaScript modules (admin-extra/richtext.js imports the
    # rich-text editor) point at the hashed file names, as the CSS url()s do.
    support_js_module_import_aggregation = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
