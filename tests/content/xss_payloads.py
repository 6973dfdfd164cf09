"""XSS payloads in every markdown context (after OWASP's filter-evasion cheat sheet and
PayloadsAllTheThings "XSS in Markdown"). Each must render to HTML that runs nothing."""

PAYLOADS = [
    # links
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[klik](&#x6A;avascript:alert(1))",
    "[klik](  javascript:alert(1)  )",
    "[klik](vbscript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[klik](https://example.com "onmouseover=alert(1)")',
    '[klik](https://example.com"onmouseover="alert(1))',
    "[a](javascript:window.onerror=alert;throw%201)",
    "[a](j a v a s c r i p t:alert(1))",
    # reference links
    "[klik][x]\n\n[x]: javascript:alert(1)",
    '[klik][x]\n\n[x]: https://example.com "x\\" onclick=\\"alert(1)"',
    # autolinks
    "<javascript:alert(1)>",
    "<https://example.com/\"onmouseover=\"alert(1)>",
    # images
    "![alt](javascript:alert(1))",
    '![alt"onerror="alert(1)](media/x.png)',
    "![alt](media/x.png\"onerror=\"alert(1))",
    "![alt](https://evil.example/x.png)",
    "![alt](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![alt](media/../../../etc/passwd)",
    # raw HTML, which is off
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<details open ontoggle=alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<p id=\"konten\" name=\"x\">clobber</p>",
    "<!-- <script>alert(1)</script> -->",
    "<form action=javascript:alert(1)><button>x</button></form>",
    # entities
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    # inside callouts and code
    "::: tips\n<img src=x onerror=alert(1)>\n[x](javascript:alert(1))\n:::",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    # tables and emphasis
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "*<img src=x onerror=alert(1)>*",
]
