"""Post bodies into blocks, without a database: the conversion rules one by one."""

from importers.body import (
    EmbedRef,
    PhotoRef,
    PullQuote,
    RichText,
    convert_body,
    split_credit,
)


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    """Classic posts get the paragraphs wpautop would have given them."""
    assert convert_body("One\ntwo\n\nThree") == [
        RichText("<p>One<br>two</p><p>Three</p>")
    ]


def test_embed_shortcode_and_iframe_become_links():
    """What was embedded stays reachable as a link."""
    blocks = convert_body(
        "[embed]https://example.org/v/1[/embed]\n\n"
        '<iframe src="https://example.org/v/2"></iframe>'
    )
    html = blocks[0].html
    assert (
        'href="https://example.org/v/1"' in html
        and 'href="https://example.org/v/2"' in html
    )


def test_embeds_from_allowed_providers_become_embed_blocks():
    """A YouTube video, a Datawrapper chart or a Mastodon post stays an embed; the
    reader's click still decides when the player loads."""
    blocks = convert_body(
        "[embed]https://www.youtube.com/watch?v=M7lc1UVf-VE[/embed]\n\n"
        '<iframe src="https://datawrapper.dwcdn.net/AbC12/3/"></iframe>\n\n'
        '<figure class="wp-block-embed is-provider-mastodon"><div>'
        "https://mastodon.social/@newsroom/112233</div></figure>"
    )
    assert blocks == [
        EmbedRef(url="https://www.youtube.com/watch?v=M7lc1UVf-VE"),
        EmbedRef(url="https://datawrapper.dwcdn.net/AbC12/3/"),
        EmbedRef(url="https://mastodon.social/@newsroom/112233"),
    ]


def test_gallery_shortcode_becomes_one_photo_per_image():
    """[gallery ids="…"] lists the photos it showed, in order."""
    blocks = convert_body('[gallery ids="4,5"]')
    assert [block.attachment_id for block in blocks] == ["4", "5"]


def test_lone_image_in_a_paragraph_becomes_a_photo():
    """An image on its own line is a photo, not rich text."""
    blocks = convert_body('<p><a href="/x"><img src="https://s/a-300x200.jpg"></a></p>')
    assert blocks == [PhotoRef(attachment_id="", src="https://s/a-300x200.jpg")]


def test_unknown_shortcodes_lose_their_brackets_only():
    """A plugin's shortcode does not show up as [brackets] in the text."""
    assert convert_body("Before [newsletter id=3] after") == [
        RichText("<p>Before  after</p>")
    ]


def test_quote_without_paragraphs_keeps_its_text():
    """A classic blockquote with bare text becomes a pull quote of that text."""
    assert convert_body("<blockquote>Bare words</blockquote>") == [
        PullQuote("Bare words", "")
    ]


def test_credits_at_the_end_of_captions_are_recognised():
    """ "(Photo: …)", "Credit: …" and "©…" are split off the caption."""
    assert split_credit("A scene. (Photo: Jane Roe/AFP)") == (
        "A scene.",
        "Jane Roe/AFP",
    )
    assert split_credit("A scene. Credit: AP") == ("A scene.", "AP")
    assert split_credit("A scene. ©Kyodo") == ("A scene.", "©Kyodo")
    assert split_credit("A scene in Kyiv.") == ("A scene in Kyiv.", "")
