"""Feeds, sitemaps, SEO meta, structured data and the crawler views (news sitemap, robots.txt)."""
