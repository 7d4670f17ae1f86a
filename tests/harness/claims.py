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
    if cleaned.endswith("million"):
        cleaned, scale = cleaned[: -len("million")].strip(), 1_000_000
    cleaned = str(WORDS.get(cleaned.lower(), cleaned))
    decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
    return float(cleaned) * scale, decimals


def shape_of(written: str) -> str:
    return "x".join(re.findall(r"\d+", written))


def check_computed(written: str, fact, rule: str) -> str | None:
    """None if the bracketed words state the fact, else what is wrong."""
    if rule == "few":
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
    problems = []
    for start, end in locate(text, phrase):
        written = text.text[start:end]
        problem = check_computed(written, known[fact_name], rule)
        if problem is not None:
            problems.append(f"{where(page, text, start)}: \"{BRACKETED.sub(written, phrase)}\" states {written} "
                            f"for {fact_name}, but {problem}")
    return problems
