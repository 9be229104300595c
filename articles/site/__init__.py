"""The readers' pages: views, listings, search, page caching, URL converters and their URLs."""
