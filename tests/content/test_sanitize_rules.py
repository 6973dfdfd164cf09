"""``sanitize()`` alone, on raw hostile HTML, against an allow-list written out here (not read
from the module, so widening the module's list fails a test); and the markdown settings of
``render()`` that keep partner text plain."""
from __future__ import annotations

import pytest

from literacy.content.render import render, sanitize

# The allow-list, by hand. Any change to the sanitizer's lists must change this too.
TAGS = ["p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "a", "ul", "ol", "li", "blockquote",
        "code", "pre", "hr", "img", "aside", "table", "thead", "tbody", "tr", "th", "td"]
VOID = {"br", "hr", "img"}
ATTRIBUTES = {"a": ["href", "title"], "img": ["src", "alt", "title"], "ol": ["start"]}
GENERIC = ["lang", "title"]  # nh3's default on every allowed tag: harmless, and kept
CALLOUT_CLASSES = ["callout", "callout-warning", "callout-tip", "callout-activity", "callout-reflection",
                   "callout-remember"]
# every other HTML element (HTML living standard, plus old and foreign ones) is dropped
OTHER_TAGS = [
    "html", "head", "title", "base", "link", "meta", "style", "body", "article", "section", "nav", "header",
    "footer", "address", "h1", "hgroup", "div", "main", "figure", "figcaption", "dl", "dt", "dd", "menu", "span",
    "b", "i", "u", "small", "mark", "q", "cite", "dfn", "abbr", "ruby", "rt", "rp", "data", "time", "var", "samp",
    "kbd", "sub", "sup", "bdi", "bdo", "wbr", "ins", "picture", "source", "iframe", "embed", "object", "param",
    "video", "audio", "track", "map", "area", "svg", "math", "caption", "colgroup", "col", "tfoot", "form", "label",
    "input", "button", "select", "datalist", "optgroup", "option", "textarea", "output", "progress", "meter",
    "fieldset", "legend", "details", "summary", "dialog", "script", "noscript", "template", "slot", "canvas",
    "frame", "frameset", "noframes", "applet", "marquee", "blink", "font", "center", "xmp", "plaintext", "listing",
    "portal", "search", "image", "keygen", "isindex",
]
M = "kenali-hoaks"
MEDIA = f"/modul/{M}/media/"


def test_every_allowed_tag_is_kept():
    for tag in TAGS:
        html = f"<{tag}>" if tag in VOID else f"<{tag}>isi</{tag}>"
        if tag in ("li",):
            html = f"<ul>{html}</ul>"
        if tag in ("td", "th"):
            html = f"<table><tbody><tr>{html}</tr></tbody></table>"
        if tag == "tr":
            html = f"<table><tbody>{html}</tbody></table>"
        if tag in ("thead", "tbody"):
            html = f"<table>{html}</table>"
        cleaned = sanitize(html, M)
        assert f"<{tag}>" in cleaned or f'<{tag} rel="noopener noreferrer">' in cleaned, (tag, cleaned)


@pytest.mark.parametrize("tag", OTHER_TAGS)
def test_every_other_tag_is_dropped(tag):
    cleaned = sanitize(f"<{tag} src=x href=x>isi</{tag}>", M)
    assert f"<{tag}" not in cleaned.lower()


def test_script_style_iframe_and_input_are_dropped_with_what_they_hold():
    hostile = ("<script>alert(1)</script><style>body{display:none}</style>"
               "<iframe src='https://jahat.example'></iframe><input type=text value=rahasia>"
               "<p>tetap</p>")
    assert sanitize(hostile, M) == "<p>tetap</p>"


def test_allowed_attributes_are_kept_and_links_get_rel():
    html = (f'<a href="https://kominfo.go.id/x" title="Sumber">a</a>'
            f'<img src="{MEDIA}foto.png" alt="Foto" title="Judul"><ol start="3"><li>x</li></ol>')
    assert sanitize(html, M) == (
        '<a href="https://kominfo.go.id/x" title="Sumber" rel="noopener noreferrer">a</a>'
        f'<img src="{MEDIA}foto.png" alt="Foto" title="Judul"><ol start="3"><li>x</li></ol>')


def test_every_other_attribute_is_dropped():
    for tag in TAGS:
        for attribute in ("id", "name", "class", "style", "target", "onclick", "onerror", "width", "lang", "dir",
                          "hidden", "tabindex", "translate", "accesskey", "contenteditable", "srcset", "formaction", "xlink:href", "data-x", "rel", "download",
                          "ping", "referrerpolicy", "start", "src", "href", "alt", "title"):
            if attribute in ATTRIBUTES.get(tag, []) + GENERIC:
                continue
            html = f'<{tag} {attribute}="nilai">' if tag in VOID else f'<{tag} {attribute}="nilai">x</{tag}>'
            cleaned = sanitize(html, M)
            assert f'{attribute}="nilai"' not in cleaned, (tag, attribute, cleaned)


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "jav&#x61;script:alert(1)", "&#106;avascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "data:image/png;base64,AAAA", "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://x.example/a",
    "tel:+6281", "intent://x", "blob:https://x/1",
])
def test_links_keep_only_http_https_and_mailto(href):
    cleaned = sanitize(f'<a href="{href}">tautan</a>', M)
    assert cleaned == '<a rel="noopener noreferrer">tautan</a>'


@pytest.mark.parametrize("href", ["https://kominfo.go.id", "http://contoh.id/a?b=1", "mailto:guru@sekolah.id",
                                  "/modul/kenali-hoaks", "#bagian-2"])
def test_safe_links_are_kept(href):
    assert sanitize(f'<a href="{href}">tautan</a>', M) == f'<a href="{href}" rel="noopener noreferrer">tautan</a>'


def test_a_links_own_rel_is_replaced():
    assert sanitize('<a href="https://x.id" rel="opener">x</a>', M) == \
        '<a href="https://x.id" rel="noopener noreferrer">x</a>'


@pytest.mark.parametrize("src", [
    "https://jahat.example/x.png", "//jahat.example/x.png", "data:image/png;base64,AAAA", "javascript:alert(1)",
    "media/foto.png", f"{MEDIA}", f"{MEDIA}sub/foto.png", f"{MEDIA}../foto.png", f"{MEDIA}..", f"{MEDIA}a..png",
    "/modul/modul-lain/media/foto.png", f"/x{MEDIA}foto.png", f"{MEDIA}foto.png/..", "",
])
def test_images_only_from_the_modules_own_media_folder(src):
    assert sanitize(f'<img src="{src}" alt="Foto">', M) == '<img alt="Foto">'


def test_an_image_of_the_module_keeps_its_source():
    assert sanitize(f'<img src="{MEDIA}foto-1_b.png" alt="">', M) == f'<img src="{MEDIA}foto-1_b.png" alt="">'


def test_callouts_keep_only_their_own_classes():
    for name in CALLOUT_CLASSES:
        assert sanitize(f'<aside class="{name}">x</aside>', M) == f'<aside class="{name}">x</aside>'
    assert sanitize('<aside class="callout callout-warning jahat">x</aside>', M) == \
        '<aside class="callout callout-warning">x</aside>'
    assert sanitize('<p class="callout">x</p>', M) == "<p>x</p>"
    assert sanitize('<aside class="callout-danger">x</aside>', M) == '<aside class="">x</aside>'


def test_comments_are_removed():
    assert sanitize("<p>a<!-- rahasia --></p><!--[if IE]><script>x</script><![endif]-->", M) == "<p>a</p>"


def test_markdown_keeps_raw_html_as_text():
    html = render("<b>tebal</b> <script>alert(1)</script>", M)
    assert "<b>" not in html and "<script" not in html
    assert "&lt;b&gt;tebal&lt;/b&gt;" in html


def test_markdown_does_not_link_bare_addresses_or_curl_quotes():
    html = render('Lihat https://kominfo.go.id dan "kutipan" -- ini.', M)
    assert html == '<p>Lihat https://kominfo.go.id dan "kutipan" -- ini.</p>\n'


def test_markdown_tables_strikethrough_front_matter_and_task_lists():
    assert "<table>" in render("| a | b |\n|---|---|\n| 1 | 2 |", M)
    assert render("~~salah~~", M) == "<p><s>salah</s></p>\n"
    assert render("---\njudul: x\n---\nIsi", M).strip() == "<p>Isi</p>"
    tasks = render("- [x] satu\n- [ ] dua", M)
    assert "[x]" not in tasks and "[ ]" not in tasks and "<input" not in tasks
    assert "satu" in tasks and "dua" in tasks


def test_callout_titles_fall_back_to_indonesian_for_another_language():
    html = render("::: peringatan\nHati-hati.\n:::", M, "jv")
    assert html.startswith('<aside class="callout callout-warning"><p><strong>Peringatan</strong></p>')
    assert html.rstrip().endswith("</aside>")


def test_markdown_images_from_the_module_media_only():
    html = render("![a](media/foto.png) ![b](media/sub/foto.png) ![c](media/../foto.png) ![d](https://x.id/a.png)",
                  M)
    assert html == f'<p><img src="{MEDIA}foto.png" alt="a"> <img alt="b"> <img alt="c"> <img alt="d"></p>\n'


def test_a_callout_renders_exactly_and_ends_where_its_fence_ends():
    assert render("::: peringatan\nHati-hati.\n:::", M, "id") == \
        '<aside class="callout callout-warning"><p><strong>Peringatan</strong></p>\n<p>Hati-hati.</p>\n</aside>\n'
    assert render("::: tip\nTips.\n:::\n\nSetelah.", M, "en") == \
        '<aside class="callout callout-tip"><p><strong>Tip</strong></p>\n<p>Tips.</p>\n</aside>\n<p>Setelah.</p>\n'
