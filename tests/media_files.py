"""Real image and document files, made by the tests: photographs with a GPS position
in their EXIF, a PNG header claiming a billion pixels, a PDF written by hand, Word and
Excel packages."""

import io
import struct
import zipfile
import zlib

import openpyxl
import PIL.Image
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, ImageDraw

GPS_POSITION = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (39.0, 54.0, 27.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (116.0, 23.0, 50.0),
}


def photo_bytes(width=2000, height=1200, image_format="JPEG", mode="RGB", gps=True):
    """A picture of hills under a sky, with a camera model and a GPS position in its EXIF."""
    sky = PIL.Image.linear_gradient("L").resize((width, height))
    image = PIL.Image.merge("RGB", (sky.point(lambda v: 90 + v // 3), sky.point(lambda v: 140 + v // 3), sky))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.7, height * 0.1, width * 0.82, height * 0.1 + width * 0.12), fill=(250, 220, 120))
    draw.polygon(
        [
            (0, height),
            (0, height * 0.6),
            (width * 0.35, height * 0.45),
            (width * 0.7, height * 0.65),
            (width, height * 0.55),
            (width, height),
        ],
        fill=(60, 120, 70),
    )
    image = image.convert(mode)
    exif = PIL.Image.Exif()
    exif[ExifTags.Base.Model] = "Test camera"
    if gps:
        exif[ExifTags.IFD.GPSInfo] = GPS_POSITION
    out = io.BytesIO()
    image.save(out, image_format, exif=exif)
    return out.getvalue()


def photo(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, photo_bytes(**kwargs), content_type="image/jpeg")


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb(name="bomb.png", side=40_000):
    """A PNG of a few hundred bytes whose header claims side × side pixels (1.6 billion by
    default): decoding it would need gigabytes."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (side // 8 + 1) * 16)
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", rows)
    return SimpleUploadedFile(name, data + _png_chunk(b"IEND", b""), content_type="image/png")


def pdf_bytes(text="Framework Agreement"):
    """A one-page PDF, written by hand (objects, cross-reference table, trailer)."""
    stream = f"BT /F1 18 Tf 40 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf(name="agreement.pdf", text="Framework Agreement"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def docx(name="minutes.docx"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Minutes</w:t></w:r></w:p></w:body></w:document>',
        )
    return SimpleUploadedFile(name, out.getvalue())


def xlsx(name="delegates.xlsx"):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Symposium", "Delegates"])
    workbook.active.append(["Kunming 2003", 20])
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())
