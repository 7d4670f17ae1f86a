"""Outputs whose decimal numbers depend on the processor's floating-point kernels may declare,
next to their code, that those numbers are compared within a tolerance:

    # harness: tolerance rel=0.02 because the losses come from float32 training on the CPU

(`rel=` relative, `abs=` absolute, `sig=` significant figures), as a comment line in a snippet
or in a notebook cell, with a reason. Only decimal numbers (with a point or an exponent) are
loosened; integers, shapes, words and the order of lines stay exact. A declaration on code
whose output has no decimal number fails, so that none outlives its reason.
"""

import math
import re
from dataclasses import dataclass

from snippet_contract import TOLERANCE_DIRECTIVE as DIRECTIVE
DECIMAL = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?\d+[eE][-+]?\d+|[-+]?(?:nan|inf)\b")


class DeclarationError(ValueError):
    pass


@dataclass(frozen=True)
class Tolerance:
    kind: str  # rel, abs or sig
    value: float
    reason: str

    def describe(self) -> str:
        return f"{self.kind}={self.value:g}"

    def accepts(self, expected: float, actual: float) -> bool:
        if math.isnan(expected) or math.isnan(actual):
            return math.isnan(expected) and math.isnan(actual)
        if self.kind == "abs":
            return abs(expected - actual) <= self.value
        if self.kind == "rel":
            return abs(expected - actual) <= self.value * max(abs(expected), abs(actual))
        digits = int(self.value)  # sig: equal when both are rounded to that many significant figures
        return _round_sig(expected, digits) == _round_sig(actual, digits)


def _round_sig(x: float, digits: int) -> float:
    if x == 0 or math.isinf(x):
        return x
    return round(x, digits - 1 - int(math.floor(math.log10(abs(x)))))


def declared(code: str, where: str) -> Tolerance | None:
    """The code's declaration, if it has one; a malformed or unexplained one is an error."""
    matches = list(DIRECTIVE.finditer(code))
    loose = re.search(r"^[ \t]*#[ \t]*harness:[ \t]*tolerance\b.*$", code, re.MULTILINE)
    if loose and not matches:
        raise DeclarationError(f"{where}: cannot read {loose.group(0).strip()!r}; write "
                               "'# harness: tolerance rel=0.02 because <the reason>' (or abs=, sig=)")
    if len(matches) > 1:
        raise DeclarationError(f"{where}: more than one tolerance is declared")
    if not matches:
        return None
    match = matches[0]
    if not match.group("reason"):
        raise DeclarationError(f"{where}: the tolerance {match.group('kind')}={match.group('value')} gives no "
                               "reason; add 'because ...' on the same line")
    try:
        value = float(match.group("value"))
    except ValueError:
        raise DeclarationError(f"{where}: {match.group('value')!r} is not a number") from None
    if value < 0 or (match.group("kind") == "sig" and (value < 1 or value != int(value))):
        raise DeclarationError(f"{where}: {match.group('kind')}={match.group('value')} is not a valid tolerance")
    return Tolerance(match.group("kind"), value, match.group("reason"))


def skeleton(line: str) -> tuple[str, list[str]]:
    """A line with its decimal numbers taken out, and those numbers."""
    return DECIMAL.sub("\0", line), DECIMAL.findall(line)


def compare(expected: str, actual: str, tolerance: Tolerance) -> list[str]:
    """What differs beyond the tolerance, one message per line (empty when the outputs agree):
    the words, integers and line order exactly, the decimal numbers within the tolerance."""
    problems = []
    old_lines, new_lines = expected.split("\n"), actual.split("\n")
    if len(old_lines) != len(new_lines):
        return [f"  {len(old_lines)} lines recorded, {len(new_lines)} printed (only numbers may vary)"]
    for number, (old, new) in enumerate(zip(old_lines, new_lines), 1):
        if old == new:
            continue
        (old_text, old_numbers), (new_text, new_numbers) = skeleton(old), skeleton(new)
        if old_text != new_text or len(old_numbers) != len(new_numbers):
            problems.append(f"  line {number}: more than decimal numbers changed: {old!r} -> {new!r}")
            continue
        outside = [f"{a} -> {b}" for a, b in zip(old_numbers, new_numbers)
                   if not tolerance.accepts(float(a), float(b))]
        if outside:
            problems.append(f"  line {number}: outside {tolerance.describe()}: " + ", ".join(f"[{o}]" for o in outside))
    return problems


def has_decimals(text: str) -> bool:
    return bool(DECIMAL.search(text))


def judge(expected: str, actual: str, tolerance: Tolerance | None, where: str) -> tuple[bool, str, list[str]]:
    """Whether two outputs agree (exactly, or under the declaration), what a drift report adds
    about the numbers beyond the tolerance, and what is wrong with the declaration itself."""
    if tolerance is None:
        return expected == actual, "", []
    problems = []
    if not (has_decimals(expected) or has_decimals(actual)):
        problems.append(f"{where} declares a tolerance ({tolerance.describe()}) but its output has no "
                        "decimal number: remove the declaration")
    outside = compare(expected, actual, tolerance)
    beyond = (f"  compared within {tolerance.describe()} ({tolerance.reason}); beyond it:\n"
              + "\n".join(outside) + "\n") if outside else ""
    return not outside, beyond, problems
