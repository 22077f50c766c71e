"""The library's addresses for readers.

- /library/images/<id>/: the image's largest fallback rendition (the address an image
  in formatted text is stored under; pages show the image's renditions themselves).
- /library/documents/<id>/: the document from the media storage, with its checked
  content type and a Content-Disposition naming it (PDF shown in the browser, Word and
  Excel downloaded); with object storage, a redirect to the storage's address for it,
  which carries the same two headers.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .models import Document, Image


@require_safe
@cache_control(public=True, max_age=3600)
def image(request, pk):
    rendition = get_object_or_404(Image.objects.prefetch_related("renditions"), pk=pk).largest_fallback()
    if rendition is None:
        raise Http404
    return HttpResponseRedirect(rendition.file.url)


@require_safe
def document(request, pk):
    document = get_object_or_404(Document, pk=pk)
    filename = f"{slugify(document.title_en or document.title) or 'document'}.{document.kind}"
    inline = document.kind == Document.Kind.PDF
    if hasattr(default_storage, "bucket_name"):  # object storage: let it answer
        disposition = f'{"inline" if inline else "attachment"}; filename="{filename}"'
        url = default_storage.url(
            document.file.name,
            parameters={
                "ResponseContentType": document.media_type,
                "ResponseContentDisposition": disposition,
            },
        )
        return HttpResponseRedirect(url)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=not inline, filename=filename, content_type=document.media_type)
