"""Adding reports over HTTP: uploaded files and pasted URLs, through the same `workflow.ingest`
as `accord ingest`.

Uploads are written under a fresh temporary folder with a cleaned file name (the name becomes the
report's key, as it does for files on the command line). Only http(s) URLs are taken: any other
string would be read as a path on the server.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord import workflow
from accord.errors import InputError
from accord.settings import Settings
from accord.store import Store

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_FILES = 200
MAX_URLS = 200


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    data: bytes


def clean_name(name: str, n: int) -> str:
    """A file name safe to create in a folder of our own ("upload-N.txt" when nothing is left)."""
    base = SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip("._")
    return base or f"upload-{n}.txt"


def check_urls(urls: Sequence[str]) -> list[str]:
    kept = [u.strip() for u in urls if u.strip()]
    for url in kept:
        if not url.lower().startswith(("http://", "https://")):
            raise InputError(url, "not an http(s) URL; upload files with the file field instead")
    return kept


def ingest(
    store: Store, settings: Settings, uploads: Sequence[Upload], urls: Sequence[str]
) -> dict[str, Any]:
    """Ingest the uploads and URLs; return what happened, as the API reports it."""
    links = check_urls(urls)
    if not uploads and not links:
        raise InputError("request", "nothing to add: give one or more files or http(s) URLs")
    if len(uploads) > MAX_FILES or len(links) > MAX_URLS:
        raise InputError("request", f"at most {MAX_FILES} files and {MAX_URLS} URLs at a time")
    with tempfile.TemporaryDirectory(prefix="accord-upload-") as folder:
        paths = _save(Path(folder), uploads)
        result = workflow.ingest(store, [*paths, *links], settings)
    s = result.summary
    return {
        "ingested": s.ingested,
        "present": s.present,
        "linked": s.linked,
        "rejected": [r.to_dict() for r in s.rejected],
        "analysed": result.analysed,
        "stories": result.stories,
    }


def _save(folder: Path, uploads: Sequence[Upload]) -> list[str]:
    paths: list[str] = []
    for n, upload in enumerate(uploads, start=1):
        name = clean_name(upload.name, n)
        path = folder / name
        if path.exists():  # two uploads with one name keep both
            path = folder / f"{path.stem}-{n}{path.suffix}"
        path.write_bytes(upload.data)
        paths.append(str(path))
    return paths
