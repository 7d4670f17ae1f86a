"""Every number in the prose is accounted for: computed by code or quoted from a source, by
the rows every section declares (harness/sections.py; their form: README.md, "Writing a number
on a page"). Sourced checks need no torch; computed ones use the section's facts.
Every sentence that cites a source, or says what one did, found or states, stands beside the
source's own words (QUOTED), so that a reviewer reads claim and evidence side by side."""

import re
from functools import lru_cache
from pathlib import Path

import pytest

from harness.claims import computed_problems, loose_number_lines, loose_numbers, sourced_problems
from harness.paths import DOCS
from harness.prose import BRACKETED, locate, read_prose, references_on, source_reporting_sentences
from harness.sections import discover_sections, rows

KINDS = ("COMPUTED", "SOURCED", "QUOTED", "NO_SOURCE")
OWNER = {(kind, row): section for kind in KINDS for section, row in rows(kind)}
COMPUTED, SOURCED, QUOTED, NO_SOURCE = ([row for section, row in rows(kind)] for kind in KINDS)
ALL_CLAIMS_FILES = " or ".join(sorted({section.claims_file for section in discover_sections()}))


def claims_file(kind: str, row) -> str:
    owner = OWNER.get((kind, tuple(row)))
    return owner.claims_file if owner else "the claims file"

PAGES = sorted({row[0] for row in COMPUTED + SOURCED} | {
    p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.suffix in (".md", ".ipynb")
    and "_theme" not in p.parts and ".ipynb_checkpoints" not in p.parts})


@lru_cache(maxsize=None)
def prose(page: str):
    """Read once per test run: the rows of one page all look in the same text."""
    return read_prose(DOCS / page, page)


def row_id(row) -> str:
    return f"{Path(row[0]).stem}:{row[1][:50]}"


def spans_or_fail(page: str, phrase: str):
    spans = locate(prose(page), phrase)
    assert spans, (
        f"docs/{page}: the sentence around \"{BRACKETED.sub('...', phrase)}\" is no longer on the page; "
        f"if it was reworded, update its row in {ALL_CLAIMS_FILES} so its number stays accounted for"
    )
    return spans


@pytest.mark.parametrize("page, phrase, value, key, locator", SOURCED, ids=[row_id(r) for r in SOURCED])
def test_sourced_number_reads_as_its_source_gives_it(page, phrase, value, key, locator):
    text = prose(page)
    spans_or_fail(page, phrase)
    problems = sourced_problems(text, page, phrase, value, key, locator,
                                claims_file("SOURCED", (page, phrase, value, key, locator)))
    assert not problems, "\n".join(problems)
    assert key in references_on(DOCS / page, page), (
        f"docs/{page}: the row for \"{phrase}\" cites [{key}], which is not in the page's References"
    )
    assert locator.strip(), (f"{claims_file('SOURCED', (page, phrase, value, key, locator))}: the row for "
                             f"\"{phrase}\" has no locator")


@pytest.mark.parametrize("page, phrase, fact_name, rule", COMPUTED, ids=[row_id(r) for r in COMPUTED])
def test_computed_number_is_what_the_code_gives(page, phrase, fact_name, rule, facts):
    section = OWNER[("COMPUTED", (page, phrase, fact_name, rule))]
    known = facts[section.name]
    assert fact_name in known, (
        f"{section.claims_file} names a fact that the section's facts() does not compute: {fact_name}")
    spans_or_fail(page, phrase)
    problems = computed_problems(prose(page), page, phrase, fact_name, rule, known)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_prose_is_accounted_for(page):
    text = prose(page)
    loose = loose_numbers(text, [row for row in COMPUTED + SOURCED if row[0] == page])
    assert not loose, (
        f"docs/{page}: {len(loose)} number(s) in the prose match no row of {ALL_CLAIMS_FILES} "
        "(add a computed row, or a sourced row with its reference and locator):\n"
        + "\n".join(loose_number_lines(text, loose))
    )


@pytest.mark.parametrize("page", PAGES)
def test_references_are_complete_cited_and_used(page):
    references = references_on(DOCS / page, page)
    sourced_keys = {row[3] for row in SOURCED if row[0] == page}
    if not sourced_keys and not references:
        return
    raw = (DOCS / page).read_text(encoding="utf-8")
    assert references, f"docs/{page} states sourced numbers but has no References section"
    problems = [f"[{key}] is cited by {ALL_CLAIMS_FILES} but missing from the References"
                for key in sorted(sourced_keys - set(references))]
    for key, entry in references.items():
        if f"#ref-{key})" not in raw:
            problems.append(f"[{key}] is listed but never cited on the page")
        if not re.search(r"\b(19|20)\d\d\b|\bversion \d+\.\d+", entry):
            problems.append(f"[{key}] has no year (or, for software, no version)")
        if not re.search(r"doi:\S+|arXiv:\d{4}\.\d{4,5}|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|press|io)/\S+", entry):
            problems.append(f"[{key}] has no identifier (DOI, arXiv id or address)")
        if entry.count('"') < 2 and "“" not in entry:
            problems.append(f"[{key}] has no quoted title")
    assert not problems, f"docs/{page}: References:\n  " + "\n  ".join(problems)


# --- Sentences that report a source, and the source's own words behind each --------------------

QUOTE_WORDS_AT_MOST = 45
RECORDED_OUTPUT = "output:"  # a key naming a recorded output file instead of a References entry


def quoted_rows_for(page: str) -> list:
    return [row for row in QUOTED if row[0] == page]


def unbacked_sentences(text, quoted: list, exempt: list) -> list[tuple[str, str]]:
    """(line, sentence) for each sentence that reports a source but holds no row's phrase."""
    phrases = [" ".join(row[1].split()) for row in quoted + exempt]
    missing = []
    for start, end in source_reporting_sentences(text):
        sentence = text.text[start:end]
        if not any(phrase in sentence for phrase in phrases):
            missing.append((text.line_of(start), sentence))
    return missing


def recorded_output(path: str) -> str:
    """The text of a recorded output: a snippet's .out file, or a notebook's printed outputs."""
    file = DOCS.parent / path
    if file.suffix == ".ipynb":
        import nbformat

        from harness.notebooks import text_outputs

        return "".join(cell.text for cell in text_outputs(nbformat.read(file, as_version=4)))
    return file.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_every_sentence_that_reports_a_source_quotes_it(page):
    text = prose(page)
    missing = unbacked_sentences(text, quoted_rows_for(page), [row for row in NO_SOURCE if row[0] == page])
    assert not missing, (
        f"docs/{page}: {len(missing)} sentence(s) cite a source or report what one did, found or states, "
        f"but no row of QUOTED in {ALL_CLAIMS_FILES} holds the source's words for them "
        "(add a row with a phrase of the sentence, the key, the locator and a short quotation):\n"
        + "\n".join(f"  {line}: \"{sentence[:160]}\"" for line, sentence in missing)
    )


def quoted_row_problems(text, references: dict, row) -> list[str]:
    """What is wrong with one QUOTED row against a page's prose and References."""
    page, phrase, key, locator, quote = row
    wanted = " ".join(phrase.split())
    if wanted not in text.text:
        return [f"docs/{page}: the sentence with \"{phrase}\" is no longer on the page; its QUOTED row "
                f"({claims_file('QUOTED', row)}) must follow the sentence, or go with it"]
    line = text.line_of(text.text.index(wanted))
    problems = []
    if not quote.strip() or not locator.strip():
        problems.append(f"docs/{page}, {line}: the QUOTED row for \"{phrase}\" has no quotation or no locator")
    if len(quote.split()) > QUOTE_WORDS_AT_MOST:
        problems.append(f"docs/{page}, {line}: the quotation for \"{phrase}\" has {len(quote.split())} words; "
                        f"keep to the words that carry the claim (at most {QUOTE_WORDS_AT_MOST})")
    if key.startswith(RECORDED_OUTPUT):
        source = key[len(RECORDED_OUTPUT):]
        if " ".join(quote.split()) not in " ".join(recorded_output(source).split()):
            problems.append(f"docs/{page}, {line}: the row for \"{phrase}\" quotes \"{quote}\", which {source} "
                            "no longer prints")
    elif key not in references:
        problems.append(f"docs/{page}, {line}: the QUOTED row for \"{phrase}\" cites [{key}], which is not in "
                        "the page's References")
    return problems


@pytest.mark.parametrize("row", QUOTED, ids=[row_id(r) for r in QUOTED])
def test_quoted_row_stands_beside_its_sentence(row):
    page = row[0]
    problems = quoted_row_problems(prose(page), references_on(DOCS / page, page), row)
    assert not problems, "\n".join(problems)


QUOTING_PAGE = """# A page that reports a source

The first network in this story was trained on handwritten digits.
The paper counts about 60,000 trainable parameters ([LeCun et al., 1998](#ref-lecun1998)).

## References

<ol>
<li id="ref-lecun1998">LeCun, Y., et al. (1998). Gradient-based learning applied to document recognition.</li>
</ol>
"""


def test_the_quotation_check_catches_a_new_citation_and_a_lost_sentence(tmp_path):
    """On a page of its own: a citation added to a sentence that has no row is named with its
    line, and a row whose sentence was reworded is named too."""
    page, path = "synthetic/quoting.md", tmp_path / "quoting.md"
    row = (page, "The paper counts about 60,000 trainable parameters", "lecun1998", "Section II.B",
           "about 60,000 free parameters")
    path.write_text(QUOTING_PAGE, encoding="utf-8")
    assert not unbacked_sentences(read_prose(path, page), [row], [])
    assert not quoted_row_problems(read_prose(path, page), references_on(path, page), row)

    plain = "The first network in this story was trained on handwritten digits."
    path.write_text(QUOTING_PAGE.replace(plain, plain[:-1] + " ([LeCun et al., 1998](#ref-lecun1998))."),
                    encoding="utf-8")
    assert [where for where, _ in unbacked_sentences(read_prose(path, page), [row], [])] == ["line 3"]

    path.write_text(QUOTING_PAGE.replace("The paper counts about", "The paper gives about"), encoding="utf-8")
    problems = quoted_row_problems(read_prose(path, page), references_on(path, page), row)
    assert len(problems) == 1 and "is no longer on the page" in problems[0], problems


@pytest.mark.parametrize("page, phrase, why", NO_SOURCE, ids=[row_id(r) for r in NO_SOURCE])
def test_sentence_said_to_report_no_source_cites_none(page, phrase, why):
    text = prose(page)
    wanted = " ".join(phrase.split())
    sentences = [text.text[a:b] for a, b in source_reporting_sentences(text) if wanted in text.text[a:b]]
    assert sentences, f"docs/{page}: no flagged sentence holds \"{phrase}\" any more; drop its NO_SOURCE row"
    assert why.strip(), f"NO_SOURCE row \"{phrase}\" gives no reason"
    for sentence in sentences:
        assert "](#ref-" not in sentence, (
            f"docs/{page}: \"{sentence[:120]}\" cites a source, so it needs a QUOTED row, not a NO_SOURCE one"
        )
