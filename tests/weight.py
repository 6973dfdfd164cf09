"""What a page costs a phone on its first load: compressed HTML, the stylesheet, the favicon, the
scripts and images it names, each as the server sends it (brotli where the server has it)."""
from __future__ import annotations

import gzip
import re

BUDGET = 50 * 1024
APP_SCRIPT = re.compile(r'<script src="/static/js/app\.[0-9a-f]+\.js" defer></script>')


def compressed(client, url: str) -> int:
    return len(client.get(url, headers={"Accept-Encoding": "br"}).get_data())


def scripts(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def first_load(client, html: str) -> int:
    """Bytes over the wire for a first visit to a page whose HTML is ``html``."""
    assets = set(re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html))
    assets |= set(scripts(html)) | set(re.findall(r'<img src="(/[^"]+)"', html))
    return len(gzip.compress(html.encode())) + sum(compressed(client, url) for url in assets)


def only_the_app_script(html: str) -> bool:
    """The page runs the app's one script (offline reading, queued answers), nothing else."""
    return len(scripts(html)) == 1 and APP_SCRIPT.search(html) is not None
