"""Caption, credit and rights embedded in a photo by the photographer's tools.

Three places are read, newest standard first: XMP (an RDF packet, parsed with
defusedxml), IPTC IIM (the older binary records, through Pillow) and EXIF.
"""

import datetime
import re
from dataclasses import dataclass, field, fields

from defusedxml import ElementTree
from django.utils import timezone
from PIL import Image, IptcImagePlugin

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
IPTC_CORE = "{http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# IIM dataset numbers in record 2 (application record).
IIM_KEYWORDS, IIM_DATE, IIM_TIME, IIM_BYLINE = 25, 55, 60, 80
IIM_CREDIT, IIM_SOURCE, IIM_COPYRIGHT, IIM_CAPTION = 110, 115, 116, 120
IIM_UTF8_MARKER = b"\x1b%G"

EXIF_IFD = 0x8769
EXIF_DESCRIPTION, EXIF_ARTIST, EXIF_COPYRIGHT = 0x010E, 0x013B, 0x8298
EXIF_DATE_ORIGINAL, EXIF_OFFSET_ORIGINAL = 0x9003, 0x9011


@dataclass
class PhotoMetadata:
    caption: str = ""
    credit: str = ""
    photographer: str = ""
    source: str = ""
    copyright_notice: str = ""
    alt_text: str = ""
    taken_at: datetime.datetime | None = None
    keywords: list[str] = field(default_factory=list)

    def merged_with(self, other: "PhotoMetadata") -> "PhotoMetadata":
        """Fields already found here win and the other fills the gaps; keywords add up."""
        values = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
        }
        values["keywords"] = unique([*self.keywords, *other.keywords])
        return PhotoMetadata(**values)


def read_metadata(image: Image.Image) -> PhotoMetadata:
    """Everything useful the file carries; empty fields when it carries nothing."""
    return read_xmp(image).merged_with(read_iim(image)).merged_with(read_exif(image))


# XMP ---------------------------------------------------------------------------


def read_xmp(image: Image.Image) -> PhotoMetadata:
    packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if not packet:
        return PhotoMetadata()
    if isinstance(packet, str):
        packet = packet.encode()
    # The packet wrapper and its padding are not XML the parser wants.
    start, end = packet.find(b"<x:xmpmeta"), packet.rfind(b"</x:xmpmeta>")
    if start == -1:
        start, end = packet.find(b"<rdf:RDF"), packet.rfind(b"</rdf:RDF>")
        end = end + len(b"</rdf:RDF>") if end != -1 else -1
    else:
        end += len(b"</x:xmpmeta>")
    if start == -1 or end == -1:
        return PhotoMetadata()
    try:
        root = ElementTree.fromstring(packet[start:end])
    except (ElementTree.ParseError, ValueError):
        return PhotoMetadata()
    properties = xmp_properties(root)

    def text(name: str) -> str:
        values = properties.get(name, [])
        return clean(values[0]) if values else ""

    return PhotoMetadata(
        caption=text(DC + "description"),
        credit=text(PHOTOSHOP + "Credit"),
        photographer=", ".join(
            clean(v) for v in properties.get(DC + "creator", []) if v
        ),
        source=text(PHOTOSHOP + "Source"),
        copyright_notice=text(DC + "rights"),
        alt_text=text(IPTC_CORE + "AltTextAccessibility"),
        taken_at=parse_iso_datetime(text(PHOTOSHOP + "DateCreated")),
        keywords=unique(clean(v) for v in properties.get(DC + "subject", [])),
    )


def xmp_properties(root) -> dict[str, list[str]]:
    """Every simple property and array in the packet, by namespaced name."""
    found: dict[str, list[str]] = {}
    for description in root.iter(RDF + "Description"):
        for name, value in description.attrib.items():
            if not name.startswith(RDF):
                found.setdefault(name, [value])
        for child in description:
            found.setdefault(child.tag, xmp_values(child))
    return found


def xmp_values(element) -> list[str]:
    for container in ("Alt", "Seq", "Bag"):
        array = element.find(RDF + container)
        if array is not None:
            items = array.findall(RDF + "li")
            if container == "Alt":
                # The default language first, then whatever else is there.
                items.sort(key=lambda li: li.get(XML_LANG) != "x-default")
            return [li.text or "" for li in items]
    return [element.text or ""]


# IPTC IIM ----------------------------------------------------------------------


def read_iim(image: Image.Image) -> PhotoMetadata:
    try:
        records = IptcImagePlugin.getiptcinfo(image) or {}
    except (SyntaxError, ValueError, OSError, IndexError):
        return PhotoMetadata()
    utf8 = records.get((1, 90)) == IIM_UTF8_MARKER

    def values(dataset: int) -> list[str]:
        raw = records.get((2, dataset))
        if raw is None:
            return []
        raw = raw if isinstance(raw, list) else [raw]
        return [clean(decode_iim(value, utf8)) for value in raw]

    def text(dataset: int) -> str:
        found = values(dataset)
        return found[0] if found else ""

    return PhotoMetadata(
        caption=text(IIM_CAPTION),
        credit=text(IIM_CREDIT),
        photographer=", ".join(v for v in values(IIM_BYLINE) if v),
        source=text(IIM_SOURCE),
        copyright_notice=text(IIM_COPYRIGHT),
        taken_at=parse_iim_datetime(text(IIM_DATE), text(IIM_TIME)),
        keywords=unique(values(IIM_KEYWORDS)),
    )


def decode_iim(value: bytes, declared_utf8: bool) -> str:
    """UTF-8 when declared or when the bytes are valid UTF-8; otherwise Latin-1, the IIM default."""
    if declared_utf8:
        return value.decode("utf-8", errors="replace")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


# EXIF --------------------------------------------------------------------------


def read_exif(image: Image.Image) -> PhotoMetadata:
    try:
        exif = image.getexif()
        details = exif.get_ifd(EXIF_IFD)
    except (OSError, ValueError, SyntaxError):
        return PhotoMetadata()
    taken = parse_exif_datetime(
        exif_text(details.get(EXIF_DATE_ORIGINAL)),
        exif_text(details.get(EXIF_OFFSET_ORIGINAL)),
    )
    return PhotoMetadata(
        caption=exif_text(exif.get(EXIF_DESCRIPTION)),
        photographer=exif_text(exif.get(EXIF_ARTIST)),
        copyright_notice=exif_text(exif.get(EXIF_COPYRIGHT)),
        taken_at=taken,
    )


def exif_text(value) -> str:
    if isinstance(value, bytes):
        value = decode_iim(value.rstrip(b"\x00"), declared_utf8=False)
    return clean(value) if isinstance(value, str) else ""


# Helpers -----------------------------------------------------------------------


def clean(value: str) -> str:
    """Strip padding and control characters that some tools leave in."""
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)
    return value.strip()


def unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value.casefold() not in {v.casefold() for v in seen}:
            seen[value] = None
    return list(seen)


def aware(moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def parse_iso_datetime(value: str) -> datetime.datetime | None:
    if not value:
        return None
    value = value.replace("Z", "+00:00")
    try:
        if len(value) == 10:
            return aware(datetime.datetime.fromisoformat(value + "T00:00:00"))
        return aware(datetime.datetime.fromisoformat(value))
    except ValueError:
        return None


def parse_iim_datetime(date: str, time: str) -> datetime.datetime | None:
    if not re.fullmatch(r"\d{8}", date):
        return None
    stamp = f"{date[:4]}-{date[4:6]}-{date[6:]}"
    match = re.fullmatch(r"(\d{2})(\d{2})(\d{2})([+-]\d{2})?(\d{2})?", time)
    if match:
        hour, minute, second, offset_h, offset_m = match.groups()
        stamp += f"T{hour}:{minute}:{second}"
        if offset_h:
            stamp += f"{offset_h}:{offset_m or '00'}"
    return parse_iso_datetime(stamp)


def parse_exif_datetime(value: str, offset: str) -> datetime.datetime | None:
    match = re.fullmatch(r"(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})", value)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    stamp = f"{year}-{month}-{day}T{hour}:{minute}:{second}"
    if re.fullmatch(r"[+-]\d{2}:\d{2}", offset):
        stamp += offset
    return parse_iso_datetime(stamp)
