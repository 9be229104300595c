"""The content API at /api/v1/: published stories as JSON and as IPTC ninjs, for apps and partners."""
