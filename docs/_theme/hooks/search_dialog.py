"""Material's search box is a dialog (role="dialog") without a name, so a screen reader
announces an unnamed dialog when it opens. Every page, the 404 page included, gets the name
its search field already carries (the theme's "Search" placeholder)."""

import re

_UNNAMED_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_SEARCH_FIELD_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]+)"')


def name_search_dialog(html: str) -> str:
    label = _SEARCH_FIELD_LABEL.search(html)
    if not label:
        return html
    return _UNNAMED_DIALOG.sub(lambda m: m.group(0)[:-1] + f' aria-label="{label.group(1)}">', html, count=1)


def on_post_page(output, page, config, **kwargs):
    return name_search_dialog(output)


def on_post_template(output_content, template_name, config, **kwargs):
    return name_search_dialog(output_content) if template_name.endswith(".html") else output_content
