"""The SHA-256 of an uploaded photo: how the library tells a duplicate upload."""

import hashlib


def upload_checksum(content) -> str:
    """Hex SHA-256 of `content`: bytes, or a file read in chunks from its start.

    A file is left at its start again, ready for whoever reads it next.
    """
    if isinstance(content, bytes | bytearray | memoryview):
        return hashlib.sha256(content).hexdigest()
    digest = hashlib.sha256()
    content.seek(0)
    for chunk in content.chunks():
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()
