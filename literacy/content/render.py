"""Markdown to safe HTML: markdown-it-py with raw HTML off, then nh3 with an allow-list.

Sanitising happens on the rendered HTML, never before rendering, so nothing markdown produces
(links, images, autolinks, reference links, entities) can slip past it. Runs once, at import.
"""
from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .vocabulary import CALLOUT_TITLES, CALLOUTS

MEDIA_NAME = re.compile(r"^media/([A-Za-z0-9][A-Za-z0-9._-]*)$")
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "a", "ul", "ol", "li",
    "blockquote", "code", "pre", "hr", "img", "aside", "table", "thead", "tbody", "tr", "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
CALLOUT_CLASSES = {"callout"} | {f"callout-{kind}" for kind in set(CALLOUTS.values())}


def media_url(module_slug: str, name: str) -> str:
    return f"/modul/{module_slug}/media/{name}"


def _callout_renderer(name: str):
    kind = CALLOUTS[name]

    def render(self, tokens, idx, options, env):
        if tokens[idx].nesting == 1:
            title = CALLOUT_TITLES.get(env.get("language", "id"), CALLOUT_TITLES["id"])[kind]
            return f'<aside class="callout callout-{kind}"><p><strong>{title}</strong></p>\n'
        return "</aside>\n"

    return render


def _image(self, tokens, idx, options, env):
    token = tokens[idx]
    match = MEDIA_NAME.match(token.attrGet("src") or "")
    # Only the module's own media: anything else loses its source and shows its alt text only.
    token.attrSet("src", media_url(env["module"], match.group(1)) if match else "")
    return self.image(tokens, idx, options, env)


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(front_matter_plugin)
    md.use(tasklists_plugin)
    for name in CALLOUTS:
        md.use(container_plugin, name=name, render=_callout_renderer(name))
    md.add_render_rule("image", _image)
    return md


def sanitize(html: str, module_slug: str) -> str:
    """Keep only the allowed tags and attributes; images only from the module's own media."""
    prefix = media_url(module_slug, "")

    def attribute_filter(tag, attribute, value):
        if tag == "img" and attribute == "src":
            name = value[len(prefix):] if value.startswith(prefix) else ""
            return value if name and "/" not in name and ".." not in name else None
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes={"aside": CALLOUT_CLASSES},
        attribute_filter=attribute_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(text: str, module_slug: str, language: str = "id") -> str:
    """Render partner markdown (front matter ignored) to sanitised HTML."""
    env = {"module": module_slug, "language": language}
    return sanitize(markdown().render(text, env), module_slug)


def parse(text: str, module_slug: str = "", language: str = "id"):
    """The markdown-it tokens of a file, with line maps, for the checker and the quiz reader."""
    return markdown().parse(text, {"module": module_slug, "language": language})
