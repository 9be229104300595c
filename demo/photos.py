"""Stand-in photos for the demo desk, drawn with Pillow and captioned like agency pictures.

Each picture is an abstract composition (a two-colour gradient, a few soft shapes and a
label) saved as JPEG with its caption and credit embedded twice, the way agencies deliver
them: as IPTC IIM in a Photoshop APP13 segment and as an XMP packet. Everything is derived
from the spec alone, so the same spec always gives the same bytes and the same checksum.
"""

import io
import random
import struct
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from media_library.checksums import upload_checksum

# Landscape pictures are 3:2, the shape most news photos arrive in. 1200 px covers the
# widest column (60rem) at full size; each further step of width would add renditions
# (widths x crops x formats) that the first `make run` has to encode.
DEFAULT_WIDTH = 1200
# Portraits are drawn at most 10rem wide; a bigger square would only cost encoding time.
PORTRAIT_WIDTH = 480
JPEG_QUALITY = 85

# IIM: 1:90 tells readers that the strings that follow are UTF-8 (ISO 2022 "ESC % G").
UTF8_MARKER = b"\x1b%G"
IPTC_RESOURCE_ID = 0x0404


@dataclass(frozen=True)
class PhotoSpec:
    """Everything a demo photo shows and says about itself."""

    key: str  # a short slug, used in the file name
    label: str  # printed on the picture
    caption: str
    credit: str
    alt_text: str
    photographer: str = ""
    source: str = ""
    copyright_notice: str = ""
    keywords: tuple[str, ...] = ()
    taken_on: date | None = None
    colors: tuple[str, str] = ("#1d3557", "#a8dadc")
    portrait: bool = False  # square, for author photos


@dataclass(frozen=True)
class RenderedPhoto:
    data: bytes
    width: int
    height: int
    checksum: str


def render_photo(spec: PhotoSpec, *, width: int = DEFAULT_WIDTH) -> RenderedPhoto:
    """The finished JPEG for a spec: picture plus embedded IPTC and XMP metadata."""
    if spec.portrait:
        width = height = min(width, PORTRAIT_WIDTH)
    else:
        height = round(width * 2 / 3)
    image = draw_composition(spec, width, height)
    buffer = io.BytesIO()
    image.save(
        buffer,
        format="JPEG",
        quality=JPEG_QUALITY,
        optimize=True,
        extra=iptc_app13_segment(iptc_datasets(spec)),
        xmp=xmp_packet(spec),
    )
    data = buffer.getvalue()
    return RenderedPhoto(
        data=data,
        width=width,
        height=height,
        checksum=upload_checksum(data),
    )


def draw_composition(spec: PhotoSpec, width: int, height: int) -> Image.Image:
    """A diagonal gradient between the spec's colours with soft circles and a label band."""
    start = Image.new("RGB", (width, height), spec.colors[0])
    end = Image.new("RGB", (width, height), spec.colors[1])
    vertical = Image.linear_gradient("L").resize((width, height))
    horizontal = Image.linear_gradient("L").rotate(90).resize((width, height))
    mask = ImageChops.add(vertical, horizontal, scale=2)  # top-left to bottom-right
    image = Image.composite(end, start, mask)

    # The key seeds the shapes, so every photo differs and every rerun matches.
    rng = random.Random(spec.key)
    shapes = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(rng.randint(4, 7)):
        radius = rng.randint(height // 10, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        tone = rng.choice([(255, 255, 255), (0, 0, 0), (255, 214, 102)])
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=(*tone, rng.randint(28, 70)),
        )
    shapes = shapes.filter(ImageFilter.GaussianBlur(radius=max(1, width // 200)))
    image = Image.alpha_composite(image.convert("RGBA"), shapes)

    band_height = max(12, height // 7)
    band = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(band).rectangle(
        (0, height - band_height, width, height), fill=(0, 0, 0, 110)
    )
    image = Image.alpha_composite(image, band)
    font = ImageFont.load_default(size=max(8, band_height // 2))
    ImageDraw.Draw(image).text(
        (band_height // 2, height - band_height // 2),
        spec.label,
        font=font,
        fill=(255, 255, 255, 235),
        anchor="lm",
    )
    return image.convert("RGB")


def iptc_datasets(spec: PhotoSpec) -> list[tuple[int, int, bytes]]:
    """The IIM records for a spec, in the record and dataset order the standard requires."""
    datasets = [(1, 90, UTF8_MARKER), (2, 0, struct.pack(">H", 4))]
    datasets += [(2, 25, keyword.encode()) for keyword in spec.keywords]
    if spec.taken_on:
        datasets.append((2, 55, spec.taken_on.strftime("%Y%m%d").encode()))
    for number, value in [
        (80, spec.photographer),
        (110, spec.credit),
        (115, spec.source),
        (116, spec.copyright_notice),
        (120, spec.caption),
    ]:
        if value:
            datasets.append((2, number, value.encode()))
    return datasets


def iptc_app13_segment(datasets: list[tuple[int, int, bytes]]) -> bytes:
    """A JPEG APP13 segment holding the datasets as Photoshop image resource 0x0404."""
    iim = b"".join(
        b"\x1c" + struct.pack(">BBH", record, number, len(value)) + value
        for record, number, value in datasets
    )
    if len(iim) % 2:
        iim += b"\x00"  # resource data is padded to an even length
    # Resource: signature, id, empty Pascal name padded to two bytes, size, data.
    resource = (
        b"8BIM"
        + struct.pack(">H", IPTC_RESOURCE_ID)
        + b"\x00\x00"
        + struct.pack(">I", len(iim))
        + iim
    )
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def xmp_packet(spec: PhotoSpec) -> bytes:
    """An XMP packet with the same caption, credit, creator, rights and alt text."""

    def alt(tag: str, text: str) -> str:
        if not text:
            return ""
        return (
            f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li>'
            f"</rdf:Alt></{tag}>"
        )

    def simple(tag: str, text: str) -> str:
        return f"<{tag}>{escape(text)}</{tag}>" if text else ""

    creator = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(spec.photographer)}</rdf:li></rdf:Seq></dc:creator>"
        if spec.photographer
        else ""
    )
    subjects = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in spec.keywords)
    subject = (
        f"<dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>" if subjects else ""
    )
    created = simple(
        "photoshop:DateCreated", spec.taken_on.isoformat() if spec.taken_on else ""
    )
    body = "".join(
        [
            alt("dc:description", spec.caption),
            creator,
            alt("dc:rights", spec.copyright_notice),
            subject,
            simple("photoshop:Credit", spec.credit),
            simple("photoshop:Source", spec.source),
            created,
            alt("Iptc4xmpCore:AltTextAccessibility", spec.alt_text),
        ]
    )
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">'
        f"{body}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return packet.encode()
