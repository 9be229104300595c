"""Where a picture's own data ends, so that nothing appended after it is stored.

Image decoders stop at the end-of-image marker and ignore whatever follows, so a
file can be a valid JPEG and, after its end, an HTML page or a script that a
careless server or browser might serve as such. The library stores only the bytes
up to the image's end; each format says where that is in its own structure, so no
guessing from content is needed.
"""

import struct

JPEG_EOI = 0xD9
JPEG_SOS = 0xDA
# Markers that stand alone, without a length: TEM, RST0-7, SOI.
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8), 0xD8}


def jpeg_end(data: bytes) -> int | None:
    """Offset just after the EOI marker, walking segments (and entropy-coded scans)."""
    position = 2  # after SOI
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == JPEG_EOI:
            return position + 2
        if marker in JPEG_STANDALONE:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
        if marker == JPEG_SOS:
            position = _end_of_scan(data, position)
    return None


def _end_of_scan(data: bytes, position: int) -> int:
    """The next marker after entropy-coded data: FF followed by neither 00 nor RSTn."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
            continue
        return position


def png_end(data: bytes) -> int | None:
    """Offset just after the IEND chunk."""
    position = 8  # signature
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        position += 12 + length  # length, type, data, CRC
        if kind == b"IEND":
            return position
    return None


def riff_end(data: bytes) -> int | None:
    """WebP is a RIFF file: its header says how long it is."""
    (size,) = struct.unpack("<I", data[4:8])
    return 8 + size + (size & 1)


def iso_media_end(data: bytes) -> int | None:
    """AVIF is a sequence of ISO media boxes; the image ends where the boxes do."""
    position = 0
    while position + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        if size == 1 and position + 16 <= len(data):
            (size,) = struct.unpack(">Q", data[position + 8 : position + 16])
        if size < 8 or not kind.isalnum() or position + size > len(data):
            break  # not a box: the picture ended before this
        position += size
    return position or None


FINDERS = {"JPEG": jpeg_end, "PNG": png_end, "WEBP": riff_end, "AVIF": iso_media_end}


def without_trailing_data(data: bytes, format: str) -> bytes:
    """`data` cut at the end of its picture; unchanged if that end cannot be found."""
    end = FINDERS[format](data)
    if end is None or end >= len(data):
        return data
    return data[:end]
