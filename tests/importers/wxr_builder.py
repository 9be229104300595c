"""Small WordPress exports written for the tests, shaped like what WordPress writes."""

from xml.sax.saxutils import escape

SITE = "https://old.example.org"
HEAD = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/{{version}}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/{{version}}/">
<channel>
  <title>Old Ledger</title>
  <link>{SITE}</link>
  <language>en-GB</language>
  <wp:wxr_version>{{version}}</wp:wxr_version>
  <wp:base_site_url>{SITE}</wp:base_site_url>
  <wp:base_blog_url>{SITE}</wp:base_blog_url>
"""


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def author(login: str, display_name: str, author_id: int = 1) -> str:
    return f"""<wp:author><wp:author_id>{author_id}</wp:author_id>
  <wp:author_login>{cdata(login)}</wp:author_login>
  <wp:author_email>{cdata(login + "@example.org")}</wp:author_email>
  <wp:author_display_name>{cdata(display_name)}</wp:author_display_name>
  <wp:author_first_name>{cdata("")}</wp:author_first_name>
  <wp:author_last_name>{cdata("")}</wp:author_last_name></wp:author>
"""


def category(term_id: int, slug: str, name: str, parent: str = "") -> str:
    return f"""<wp:category><wp:term_id>{term_id}</wp:term_id>
  <wp:category_nicename>{cdata(slug)}</wp:category_nicename>
  <wp:category_parent>{cdata(parent)}</wp:category_parent>
  <wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>
"""


def tag(term_id: int, slug: str, name: str) -> str:
    return f"""<wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug>
  <wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>
"""


def coauthor_term(term_id: int, login: str, name: str) -> str:
    return f"""<wp:term><wp:term_id>{term_id}</wp:term_id><wp:term_taxonomy>author</wp:term_taxonomy>
  <wp:term_slug>{cdata("cap-" + login)}</wp:term_slug><wp:term_parent>{cdata("")}</wp:term_parent>
  <wp:term_name>{cdata(name)}</wp:term_name></wp:term>
"""


def item(
    post_id: int,
    *,
    title: str = "",
    post_type: str = "post",
    status: str = "publish",
    content: str = "",
    excerpt: str = "",
    creator: str = "admin",
    date: str = "2024-01-07 09:30:00",
    date_gmt: str | None = None,
    slug: str = "",
    link: str = "",
    terms: tuple = (),
    meta: dict | None = None,
    attachment_url: str = "",
) -> str:
    """One <item>; `terms` holds (domain, nicename, name) triples."""
    link = link or f"{SITE}/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"
    categories = "".join(
        f'<category domain="{d}" nicename="{escape(n)}">{cdata(t)}</category>\n'
        for d, n, t in terms
    )
    postmeta = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(str(v))}</wp:meta_value></wp:postmeta>\n"
        for k, v in (meta or {}).items()
    )
    url = (
        f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>"
        if attachment_url
        else ""
    )
    return f"""<item>
  <title>{escape(title)}</title>
  <link>{escape(link)}</link>
  <pubDate>Sun, 07 Jan 2024 09:30:00 +0000</pubDate>
  <dc:creator>{cdata(creator)}</dc:creator>
  <guid isPermaLink="false">{SITE}/?p={post_id}</guid>
  <description></description>
  <content:encoded>{cdata(content)}</content:encoded>
  <excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
  <wp:post_id>{post_id}</wp:post_id>
  <wp:post_date>{cdata(date)}</wp:post_date>
  <wp:post_date_gmt>{cdata(date if date_gmt is None else date_gmt)}</wp:post_date_gmt>
  <wp:comment_status>{cdata("open")}</wp:comment_status>
  <wp:post_name>{cdata(slug)}</wp:post_name>
  <wp:status>{cdata(status)}</wp:status>
  <wp:post_parent>0</wp:post_parent>
  <wp:menu_order>0</wp:menu_order>
  <wp:post_type>{cdata(post_type)}</wp:post_type>
  <wp:post_password>{cdata("")}</wp:post_password>
  <wp:is_sticky>0</wp:is_sticky>
  {url}
  {categories}{postmeta}</item>
"""


def attachment(
    post_id: int, file: str, *, caption="", alt="", description="", title=""
) -> str:
    return item(
        post_id,
        title=title or file.rsplit("/", 1)[-1],
        post_type="attachment",
        status="inherit",
        content=description,
        excerpt=caption,
        slug=f"attachment-{post_id}",
        link=f"{SITE}/?attachment_id={post_id}",
        attachment_url=f"{SITE}/wp-content/uploads/{file}",
        meta={"_wp_attached_file": file, "_wp_attachment_image_alt": alt},
    )


def export(*parts: str, version: str = "1.2") -> str:
    return HEAD.replace("{version}", version) + "".join(parts) + "</channel>\n</rss>\n"
