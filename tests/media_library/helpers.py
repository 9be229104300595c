import io
import struct
import zlib
from pathlib import Path

from PIL import Image


def stored_files(settings) -> list[Path]:
    """Every file under MEDIA_ROOT: originals and renditions alike."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def noisy_image_bytes(size=(400, 300), format="JPEG", mode="RGB") -> bytes:
    """Detailed pixels, so that the file is large enough to cut short."""
    image = Image.effect_noise(size, 64).convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, format=format)
    return buffer.getvalue()


def png_bomb(width=30_000, height=30_000) -> bytes:
    """A few kilobytes claiming 900 megapixels: the classic decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 16, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", rows)
        + chunk(b"IEND", b"")
    )


def xmp_packet(*, caption: str = "", credit: str = "", alt_text: str = "") -> bytes:
    """A minimal XMP packet, as photo tools embed it."""
    return f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
  xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
  photoshop:Credit="{credit}">
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">{alt_text}</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>""".encode()


def described_jpeg(
    caption="Ministers meet in Kyiv, January 7, 2024.",
    credit="©Kyodo",
    alt_text="",
    size=(64, 48),
    color=(40, 90, 160),
) -> bytes:
    """A JPEG carrying caption, credit and alt text in XMP, written by Pillow."""
    buffer = io.BytesIO()
    packet = xmp_packet(caption=caption, credit=credit, alt_text=alt_text)
    Image.new("RGB", size, color).save(buffer, format="JPEG", xmp=packet)
    return buffer.getvalue()


def commented_jpeg(comment: bytes, size=(64, 48), color=(40, 90, 160)) -> bytes:
    """A JPEG whose COM segment (metadata, inside the picture's structure) holds `comment`."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG", comment=comment)
    return buffer.getvalue()


def single_colour_png(width: int, height: int) -> bytes:
    """A huge one-colour PNG that compresses to almost nothing, written row by row by hand
    (Pillow would need the whole picture in memory to write it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x28\x5a\xa0" * width
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"".join(parts))
        + chunk(b"IEND", b"")
    )
