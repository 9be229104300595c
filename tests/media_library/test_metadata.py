import datetime

import pytest
from django.urls import reverse

from media_library.models import Photo
from media_library.services import create_photo
from tests.factories import photo_upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_library_photo_add")


def upload_tagged(tagged_jpeg, *arguments, values=None) -> Photo:
    return create_photo(
        upload=photo_upload("wire.jpg", tagged_jpeg(*arguments)), values=values
    )


def test_iim_fields_written_by_exiftool_fill_the_photo(tagged_jpeg):
    """Caption, credit, by-line, source, copyright and date come from the IIM records."""
    photo = upload_tagged(
        tagged_jpeg,
        "-IPTC:Caption-Abstract=Foreign Minister Yoko Kamikawa arrives in Kyiv, January 7, 2024.",
        "-IPTC:Credit=Kyodo",
        "-IPTC:By-line=Staff Photographer",
        "-IPTC:Source=Kyodo News",
        "-IPTC:CopyrightNotice=Copyright Kyodo News",
        "-IPTC:DateCreated=2024:01:07",
        "-IPTC:TimeCreated=11:30:00+02:00",
    )

    assert photo.caption == (
        "Foreign Minister Yoko Kamikawa arrives in Kyiv, January 7, 2024."
    )
    assert photo.credit == "Kyodo"
    assert photo.photographer == "Staff Photographer"
    assert photo.source == "Kyodo News"
    assert photo.copyright_notice == "Copyright Kyodo News"
    assert photo.taken_at == datetime.datetime(2024, 1, 7, 9, 30, tzinfo=datetime.UTC)


def test_utf8_iim_text_keeps_its_accents_and_scripts(tagged_jpeg):
    """IIM declared as UTF-8 decodes German, Ukrainian and Japanese text intact."""
    photo = upload_tagged(
        tagged_jpeg,
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:Caption-Abstract=Außenministerin in Kyjiw, Київ, 外務大臣",
        "-IPTC:Credit=©Kyodo",
        "-IPTC:By-line=Jürgen Müller",
    )

    assert photo.caption == "Außenministerin in Kyjiw, Київ, 外務大臣"
    assert photo.credit == "©Kyodo"
    assert photo.photographer == "Jürgen Müller"


def test_latin1_iim_text_is_decoded_as_latin1(tagged_jpeg):
    """IIM without a UTF-8 declaration, written in Latin-1, reads as the same words."""
    photo = upload_tagged(
        tagged_jpeg,
        "-charset",
        "iptc=Latin",
        "-IPTC:Caption-Abstract=Café crème in Zürich",
        "-IPTC:Credit=©Kyodo",
    )

    assert photo.caption == "Café crème in Zürich"
    assert photo.credit == "©Kyodo"


def test_xmp_fields_written_by_exiftool_fill_the_photo(tagged_jpeg):
    """XMP caption, credit, creator, source, rights, alt text and date land in their fields."""
    photo = upload_tagged(
        tagged_jpeg,
        "-XMP-dc:Description=Zelenskyy welcomes Kamikawa in Kyiv, January 7, 2024.",
        "-XMP-photoshop:Credit=Ukrainian Presidential Press Service/Handout via REUTERS",
        "-XMP-dc:Creator=Олена Коваль",
        "-XMP-photoshop:Source=REUTERS",
        "-XMP-dc:Rights=© Presidential Press Service",
        "-XMP-iptcCore:AltTextAccessibility=Two officials shake hands before flags.",
        "-XMP-photoshop:DateCreated=2024:01:07 13:05:00+02:00",
    )

    assert photo.caption == "Zelenskyy welcomes Kamikawa in Kyiv, January 7, 2024."
    assert photo.credit == "Ukrainian Presidential Press Service/Handout via REUTERS"
    assert photo.photographer == "Олена Коваль"
    assert photo.source == "REUTERS"
    assert photo.copyright_notice == "© Presidential Press Service"
    assert photo.alt_text == "Two officials shake hands before flags."
    assert photo.taken_at == datetime.datetime(2024, 1, 7, 11, 5, tzinfo=datetime.UTC)


def test_exif_date_taken_is_used_when_nothing_else_gives_one(tagged_jpeg):
    """EXIF DateTimeOriginal fills the date taken."""
    photo = upload_tagged(
        tagged_jpeg,
        "-EXIF:DateTimeOriginal=2024:01:07 08:15:00",
        "-EXIF:OffsetTimeOriginal=+02:00",
        "-IPTC:Caption-Abstract=Morning in Kyiv.",
    )

    assert photo.taken_at == datetime.datetime(2024, 1, 7, 6, 15, tzinfo=datetime.UTC)


def test_keywords_from_iim_and_xmp_become_suggestions(tagged_jpeg):
    """Keywords from both standards are offered once each, in order."""
    photo = upload_tagged(
        tagged_jpeg,
        "-IPTC:Caption-Abstract=Kyiv.",
        "-IPTC:Keywords=Ukraine",
        "-IPTC:Keywords=Japan",
        "-XMP-dc:Subject=Ukraine",
        "-XMP-dc:Subject=Patriot missiles",
    )

    assert photo.keywords == ["Ukraine", "Patriot missiles", "Japan"]


def test_embedded_values_never_overwrite_what_the_editor_typed(
    editor_client, tagged_jpeg
):
    """Typed caption stays; the empty credit field is filled from the file."""
    content = tagged_jpeg(
        "-IPTC:Caption-Abstract=The agency's caption.", "-IPTC:Credit=©Kyodo"
    )

    editor_client.post(
        ADD_URL,
        {
            "image": photo_upload("wire.jpg", content),
            "caption": "Our own caption, Kyiv, January 7, 2024.",
            "alt_text": "Two ministers",
        },
    )

    photo = Photo.objects.get()
    assert photo.caption == "Our own caption, Kyiv, January 7, 2024."
    assert photo.credit == "©Kyodo"
    assert photo.alt_text == "Two ministers"


def test_the_caption_is_never_copied_into_the_alt_text(tagged_jpeg):
    """Without embedded alt text the photo keeps an empty one and is flagged as needing it."""
    photo = upload_tagged(tagged_jpeg, "-IPTC:Caption-Abstract=Ministers in Kyiv.")

    assert photo.caption == "Ministers in Kyiv."
    assert photo.alt_text == ""
    assert list(Photo.objects.needing_alt_text()) == [photo]


def test_editor_sees_exiftool_caption_and_kyodo_credit_after_upload(
    editor_client, tagged_jpeg
):
    """The change page after upload shows the embedded caption and credit, prefilled."""
    content = tagged_jpeg(
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:Caption-Abstract=Kamikawa meets Kuleba in Kyiv, January 7, 2024.",
        "-IPTC:Credit=©Kyodo",
    )

    response = editor_client.post(
        reverse("admin:media_library_photo_upload"),
        {"files": [photo_upload("kyodo.jpg", content)]},
        follow=True,
    )
    photo = Photo.objects.get()
    change = editor_client.get(
        reverse("admin:media_library_photo_change", args=[photo.pk])
    )

    assert "Kamikawa meets Kuleba" in response.content.decode()
    assert "Kamikawa meets Kuleba in Kyiv, January 7, 2024.</textarea>" in (
        change.content.decode()
    )
    assert 'value="©Kyodo"' in change.content.decode()
