import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.factories import image_bytes

EXIFTOOL = shutil.which("exiftool")


@pytest.fixture
def exiftool():
    """Run Debian's exiftool on a file; skipped where it is missing, unless CI demands it."""
    if not EXIFTOOL:
        if os.environ.get("REQUIRE_EXIFTOOL") == "1":
            pytest.fail(
                "exiftool is required here (REQUIRE_EXIFTOOL=1) but not installed"
            )
        pytest.skip("exiftool (Debian libimage-exiftool-perl) is not installed")

    def write(path: Path, *arguments: str) -> Path:
        subprocess.run(
            [EXIFTOOL, "-q", "-overwrite_original", *arguments, str(path)],
            check=True,
            capture_output=True,
        )
        return path

    return write


@pytest.fixture
def tagged_jpeg(tmp_path, exiftool):
    """A JPEG file with metadata written by exiftool; returns its bytes."""

    def make(*arguments: str, size=(640, 480), name="tagged.jpg") -> bytes:
        path = tmp_path / name
        path.write_bytes(image_bytes(size=size, color=(120, 80, 40)))
        exiftool(path, *arguments)
        return path.read_bytes()

    return make
