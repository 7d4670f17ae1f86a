"""How a number written in the prose is checked against the fact a section computes (the
COMPUTED rows of a section's claims; README.md, "Writing a number on a page", gives the rules)."""

import re
from fractions import Fraction

from .prose import BRACKETED, NUMBER, locate

WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}


def where(page: str, text, start: int) -> str:
    return f"docs/{page}, {text.line_of(start)}"


def normalised(written: str) -> str:
    return " ".join(written.split())


def as_number(token: str):
    """'37,752,832' -> 37752832; '61.79' -> 61.79; 'six' -> 6; '5x5x16' -> '5x5x16'."""
    token = token.replace(",", "").strip()
    if re.fullmatch(r"[\d.]+(x[\d.]+)+", token):
        return token
    if token.lower() in WORDS:
        return WORDS[token.lower()]
    return float(token)


def parse_quantity(written: str) -> tuple[float, int]:
    """The number a phrase states and its decimals: '38 million' -> 38e6, '61.79' -> (61.79, 2)."""
    cleaned = written.replace(",", "").strip()
    scale = 1
    for word, size in (("thousand", 1_000), ("million", 1_000_000), ("billion", 1_000_000_000)):
        if cleaned.endswith(word):
            cleaned, scale = cleaned[: -len(word)].strip(), size
    cleaned = str(WORDS.get(cleaned.lower(), cleaned))
    decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
    return float(cleaned) * scale, decimals


def shape_of(written: str) -> str:
    return "x".join(re.findall(r"\d+", written))


def check_computed(written: str, fact, rule: str) -> str | None:
    """None if the bracketed words state the fact, else what is wrong."""
    try:
        return _check_computed(written, fact, rule)
    except (ValueError, ArithmeticError, SyntaxError):
        return f"{normalised(written)!r} is not a number the rule {rule!r} reads; the code gives {fact}"


def _check_computed(written: str, fact, rule: str) -> str | None:
    if rule == "few":
        if normalised(written).lower() not in ("few million", "a few million"):
            return f"{normalised(written)!r} does not say a few million"
        return None if 1_000_000 <= fact < 10_000_000 else f"{fact:,} is not a few million"
    if rule == "numbers":
        stated = [as_number(m.group()) for m in NUMBER.finditer(written)]
        expected = [as_number(str(item)) if isinstance(item, str) else float(item) for item in fact]
        return None if stated == expected else f"the code gives {fact}"
    if rule == "formula":
        expression = written.replace(r"\times", "*")
        if not re.fullmatch(r"[\d\s*+\-]+", expression):
            return f"{written!r} is not plain arithmetic"
        value = eval(expression)  # digits and + - * only, checked above
        return None if value == fact else f"it evaluates to {value:,}, the code gives {fact:,}"
    if rule == "fraction":
        return None if abs(float(Fraction(written.strip())) - fact) < 1e-9 else f"the code gives {fact}"
    if isinstance(fact, str):
        return None if shape_of(written) == fact else f"the code gives {fact}"
    number, decimals = parse_quantity(written)
    if rule == "exact":
        return None if number == fact else f"the code gives {fact:,}"
    if rule == "rounded":
        return None if round(fact, decimals) == number else f"the code gives {fact:,.{decimals + 3}f}"
    if rule.startswith("about"):
        tolerance = float(rule.split()[1].rstrip("%")) / 100
        ok = abs(number - fact) <= tolerance * abs(fact)
        return None if ok else f"the code gives {fact:,}, more than {rule.split()[1]} away"
    raise ValueError(f"unknown comparison {rule!r}")


def computed_problems(text, page: str, phrase: str, fact_name: str, rule: str, known: dict) -> list[str]:
    """Where the page no longer writes what the fact gives (the written words are put back into
    the phrase as they are: a formula's backslashes are text, not a replacement template)."""
    problems = []
    for start, end in locate(text, phrase):
        written = text.text[start:end]
        problem = check_computed(written, known[fact_name], rule)
        if problem is not None:
            problems.append(f"{where(page, text, start)}: \"{BRACKETED.sub(lambda _: written, phrase)}\" states {written} "
                            f"for {fact_name}, but {problem}")
    return problems


def sourced_problems(text, page: str, phrase: str, value: str, key: str, locator: str, claims_file: str) -> list[str]:
    """Where the page no longer writes what a SOURCED row records (the page's prose `text`)."""
    return [f"{where(page, text, start)}: \"{BRACKETED.sub(lambda _: normalised(text.text[start:end]), phrase)}\" states "
            f"{normalised(text.text[start:end])}, but {claims_file} records {value} from [{key}] ({locator}); "
            "change the page back, or change the row together with its source"
            for start, end in locate(text, phrase) if normalised(text.text[start:end]) != value]


def loose_numbers(text, rows) -> list[tuple[int, str]]:
    """(offset, token) of each number in the prose that no row's brackets cover."""
    covered = [span for row in rows for span in locate(text, row[1])]
    return [(start, token) for start, end, token in text.numbers()
            if not any(a <= start and end <= b for a, b in covered)]


def loose_number_lines(text, loose) -> list[str]:
    return [f"  {text.line_of(start)}: {token!r} in \"...{text.text[max(0, start - 40):start + 30]}...\""
            for start, token in loose]
