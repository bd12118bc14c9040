"""argparse's own words in Swedish: "usage:", "options", its usage errors.

argparse looks its texts up through the module-level ``_`` and ``ngettext``
(gettext), so the table is keyed by argparse's English message ids. Every
message id in the installed argparse is covered (tests/test_cli_lang.py reads
argparse's source and checks), including those only a developer can meet.
"""

from __future__ import annotations

SV: dict[str, str] = {
    "usage: ": "användning: ",
    "positional arguments": "positionsargument",
    "options": "flaggor",
    "subcommands": "kommandon",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ogiltigt val: %(value)r (välj bland %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
    "unrecognized arguments: %s": "okända argument: %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydig flagga: %(option)s kan vara %(matches)s"
    ),
    "expected one argument": "väntade ett värde",
    "expected at most one argument": "väntade högst ett värde",
    "expected at least one argument": "väntade minst ett värde",
    "not allowed with argument %s": "går inte tillsammans med %s",
    "ignored explicit argument %r": "värdet %r tas inte emot här",
    "unexpected option string: %s": "oväntad flagga: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "okänt kommando %(parser_name)r (välj bland %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan inte öppna '%(filename)s': %(error)s",
    'argument "-" with mode %r': 'argumentet "-" med läget %r',
    "%r is not callable": "%r går inte att anropa",
    # Mistakes in the parser's declaration, which only a developer meets.
    ".__call__() not defined": ".__call__() är inte definierad",
    "'required' is an invalid argument for positionals": (
        "'required' går inte att ange för positionsargument"
    ),
    "mutually exclusive arguments must be optional": "ömsesidigt uteslutande argument måste vara"
    " flaggor",
    "cannot merge actions - two groups are named %r": (
        "kan inte slå ihop argumenten: två grupper heter %r"
    ),
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "ogiltig flagga %(option)r: ska börja med tecknet %(prefix_chars)r"
    ),
    "dest= is required for options like %r": "dest= krävs för flaggor som %r",
    "invalid conflict_resolution value: %r": "ogiltigt värde för conflict_resolution: %r",
    "cannot have multiple subparser arguments": "bara en uppsättning kommandon är tillåten",
    "conflicting subparser: %s": "kommandot finns redan: %s",
    "conflicting subparser alias: %s": "kommandoaliaset finns redan: %s",
}

# ngettext's (singular, plural) ids: the Swedish singular and plural.
SV_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): ("väntade %s värde", "väntade %s värden"),
    ("conflicting option string: %s", "conflicting option strings: %s"): (
        "flaggan finns redan: %s",
        "flaggorna finns redan: %s",
    ),
}
