"""What a reader sees on a page, measured in the browser: accessibility (axe-core), code and
output lines cut off by their block, copy buttons over text, figure text too small to read,
figures in the wrong palette. Each check returns a list of problems, each naming its block
or element, so a failing test says where to look."""

import re
from pathlib import Path

from .browser import LOAD_EVERY_FIGURE

# axe-core's tags for WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MIN_FIGURE_TEXT_PX = 12

_BLOCKS = """() => [...document.querySelectorAll('article pre')].map((pre, index) => {
  const code = pre.querySelector(':scope > .md-code-block') || pre;
  const holder = pre.closest('.highlight');
  const title = holder && holder.querySelector('.filename');
  const lines = code.innerText.split('\\n');
  const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
  const visible = pre.getClientRects().length > 0;
  return {index, visible, title: title ? title.textContent.trim() : '',
          first: lines.find(l => l.trim()) || '', longest,
          overflow: Math.max(code.scrollWidth - code.clientWidth, pre.scrollWidth - pre.clientWidth)};
})"""

# For every visible copy button, the text lines of its block that lie under it.
_COVERED = """() => {
  const found = [];
  const buttons = [...document.querySelectorAll('article .md-code__button')]
    .filter(b => b.getClientRects().length > 0);
  for (const button of buttons) {
    const holder = button.closest('.highlight');
    const code = holder && holder.querySelector('pre');
    if (!code) continue;
    const box = button.getBoundingClientRect();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        if (/\\s/.test(node.data[i])) continue;
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width && r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom) {
          const line = (code.innerText.split('\\n').find(l => l.includes(node.data.trim().slice(0, 20))) || node.data).trim();
          found.push(line.slice(0, 80));
          i = node.length;
        }
      }
    }
  }
  return [...new Set(found)];
}"""

_FIGURES = """() => [...document.querySelectorAll('article img')].map(img => ({
  src: img.getAttribute('src'), alt: img.getAttribute('alt') || '',
  visible: img.getClientRects().length > 0 && getComputedStyle(img).display !== 'none',
  width: img.getBoundingClientRect().width, loaded: img.complete && img.naturalWidth > 0,
  link: img.closest('a') ? img.closest('a').getAttribute('href') : null,
  figure: img.closest('figure') ? [...document.querySelectorAll('article figure')].indexOf(img.closest('figure')) : -1,
}))"""

# Text inside SVG drawn into the page itself (notebook plots): its size on screen.
_INLINE_SVG_TEXT = """() => [...document.querySelectorAll('article svg[role=img] text')]
  .filter(t => t.getClientRects().length > 0 && t.textContent.trim())
  .map(t => ({text: t.textContent.trim().slice(0, 40),
              px: parseFloat(getComputedStyle(t).fontSize) * (m => m ? Math.hypot(m.a, m.b) : 1)(t.getScreenCTM())}))"""

_VIEWBOX = re.compile(r'viewBox="[\d.]+ [\d.]+ (?P<width>[\d.]+) [\d.]+"')
_FONT_SIZE = re.compile(r'font-size(?:="|:\s*)(?P<size>[\d.]+)')


def describe(block: dict) -> str:
    name = f"block {block['index'] + 1}"
    if block["title"]:
        name += f" ({block['title']})"
    return f"{name}, starting {block['first'][:50]!r}"


# Rules beyond WCAG 2.1 AA that Lighthouse's accessibility category also scores (a named
# search dialog, heading order, one main landmark, ...): held here so that moving Lighthouse
# out of the gating suite loses none of its accessibility audits.
LIGHTHOUSE_EXTRA_RULES = [
    "aria-allowed-role", "aria-deprecated-role", "aria-dialog-name", "aria-prohibited-attr", "aria-text",
    "aria-treeitem-name", "empty-heading", "heading-order", "identical-links-same-purpose",
    "image-redundant-alt", "label-content-name-mismatch", "landmark-one-main", "meta-viewport",
    "skip-link", "tabindex", "table-duplicate-name", "target-size",
]


# The axe-core rules whose verdict depends on colours: all a palette switch can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


# Rules tagged like this are left out of a run by tag; a run by rule id leaves them out too.
_RULES_FOR_TAGS = """tags => axe.getRules(tags)
    .filter(rule => !rule.tags.includes('experimental') && !rule.tags.includes('deprecated'))
    .map(rule => rule.ruleId)"""


def accessibility_problems(page, axe, lighthouse_rules: bool = False, only: list[str] | None = None) -> list[str]:
    """Every WCAG 2.1 AA violation axe-core finds, one line per element; with
    `lighthouse_rules`, also the other rules Lighthouse's accessibility audits apply; with
    `only`, just those rules. One run of axe per call, injected once per document, reporting
    violations only (the passes' node lists cost as much again to gather)."""
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(axe.axe_script)
    rules = list(only) if only else page.evaluate(_RULES_FOR_TAGS, WCAG_21_AA)
    if lighthouse_rules:
        known = set(page.evaluate("() => axe.getRules().map(rule => rule.ruleId)"))
        rules += [rule for rule in LIGHTHOUSE_EXTRA_RULES if rule in known and rule not in rules]
    options = {"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]}
    violations = page.evaluate("options => axe.run(document, options).then(results => results.violations)", options)
    problems = []
    for violation in violations:
        for node in violation["nodes"]:
            detail = (node.get("any") or node.get("all") or node.get("none") or [{}])[0].get("message", "")
            problems.append(f"{violation['id']} ({violation['impact']}) at {' '.join(node['target'])}: {detail}")
    return problems


def cut_off_blocks(page) -> list[str]:
    """Code and output blocks whose longest line is wider than the block."""
    return [f"{describe(b)}: {b['overflow']} px wider than its block; longest line "
            f"({len(b['longest'])} characters): {b['longest'][:90]!r}"
            for b in page.evaluate(_BLOCKS) if b["visible"] and b["overflow"] > 1]


def covered_lines(page) -> list[str]:
    """Lines a copy button sits on."""
    return [f"a copy button covers the text of: {line!r}" for line in page.evaluate(_COVERED)]


def svg_text_scale(svg_text: str) -> tuple[float, float]:
    """(smallest font size, viewBox width) of an SVG file, in its own units."""
    width = _VIEWBOX.search(svg_text)
    sizes = [float(m.group("size")) for m in _FONT_SIZE.finditer(svg_text)]
    return (min(sizes) if sizes else float("inf")), (float(width.group("width")) if width else 0.0)


def figure_problems(page, read_svg, palette: str, check_text_size: bool) -> list[str]:
    """Figures: displayed, described, in the twin drawn for the palette, linked full size, and
    (at desktop width) with no text below MIN_FIGURE_TEXT_PX. `read_svg(src)` returns an SVG's text."""
    problems = []
    page.evaluate(LOAD_EVERY_FIGURE)
    images = page.evaluate(_FIGURES)
    shown_per_figure = {}
    for image in images:
        src = image["src"] or ""
        if not image["alt"].strip() and not src.startswith("data:"):
            problems.append(f"figure without alt text: {src}")
        if not image["visible"]:
            continue
        shown_per_figure[image["figure"]] = shown_per_figure.get(image["figure"], 0) + 1
        if not image["loaded"] or image["width"] == 0:
            problems.append(f"figure not displayed: {src}")
            continue
        if not src.endswith(".svg") and ".svg#" not in src:
            continue
        is_dark = "-dark.svg" in src
        if is_dark != (palette == "dark"):
            problems.append(f"{src} is shown in the {palette} palette")
        if not image["link"] or not image["link"].endswith(".svg"):
            problems.append(f"{src} cannot be opened full size: it links to {image['link']!r}")
        if check_text_size:
            smallest, width = svg_text_scale(read_svg(src.split("#")[0]))
            rendered = smallest * image["width"] / width if width else 0
            if rendered < MIN_FIGURE_TEXT_PX:
                problems.append(f"{src}: its smallest text renders at {rendered:.1f} px "
                                f"(font {smallest:g} in a {width:g}-unit drawing shown {image['width']:.0f} px wide)")
    for figure, count in shown_per_figure.items():
        if figure >= 0 and count != 1:
            problems.append(f"figure {figure + 1} shows {count} images at once")
    if check_text_size:
        for label in page.evaluate(_INLINE_SVG_TEXT):
            if label["px"] < MIN_FIGURE_TEXT_PX - 0.05:
                problems.append(f"plot text {label['text']!r} renders at {label['px']:.1f} px")
    return problems


_TEXT_SIZES = """() => {
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const body = [...document.querySelectorAll('article > p')].map(size);
  const callouts = [...document.querySelectorAll('article .admonition > p, article details > p')]
    .filter(p => p.getClientRects().length > 0 && !p.classList.contains('snippet-stamp'))
    .map(p => ({size: size(p), text: p.textContent.trim().slice(0, 50)}));
  return {body: body.length ? Math.max(...body) : 0, callouts};
}"""
CALLOUT_TEXT_RATIO = 0.95


def small_callout_text(page) -> list[str]:
    """Callout paragraphs set smaller than the body text around them."""
    sizes = page.evaluate(_TEXT_SIZES)
    return [f"callout text {c['text']!r} is {c['size']:g} px, body text {sizes['body']:g} px"
            for c in sizes["callouts"] if c["size"] < CALLOUT_TEXT_RATIO * sizes["body"]]


def screenshot_name(path: str, width: int, palette: str, origin: str) -> str:
    return f"{Path(path).with_suffix('').as_posix().replace('/', '__')}__{width}__{palette}__{origin}.png"


RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$")


def unrendered_math(page) -> list[str]:
    """TeX delimiters left in the article's text, and formulas laid out with no width."""
    text = page.evaluate(
        """() => { const a = document.querySelector('article').cloneNode(true);
                   a.querySelectorAll('pre, code, script, style').forEach(e => e.remove());
                   return a.innerText; }"""
    )
    problems = [f"raw TeX left in the text: ...{text[max(0, m.start() - 30):m.end() + 30]!r}"
                for m in RAW_TEX.finditer(text)]
    unrendered = page.evaluate(
        "() => [...document.querySelectorAll('article math')].filter(m => m.getBoundingClientRect().width === 0).length")
    if unrendered:
        problems.append(f"{unrendered} formula(s) not rendered")
    return problems
