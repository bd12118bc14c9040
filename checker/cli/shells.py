"""The completion scripts for bash, zsh and fish, written from the parser.

``rapportkoll completion`` (``checker.cli.completion``) is the only user.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

PROG = "rapportkoll"
_FILES = {"FILE", "PATH", "OUT", "SOURCE", "SOURCES", "REPORT", "NAME", "FORMAT=FILE"}
_DIRS = {"DIR", "TREE"}


@dataclass
class Option:
    names: list[str]
    help: str
    takes: bool  # takes a value
    values: list[str]  # the words to offer for the value
    kind: str  # "words", "files", "dirs" or "" (nothing to offer)
    repeat: bool
    label: str  # the value's name: the metavar, else the destination


@dataclass
class Command:
    name: str
    help: str
    options: list[Option] = field(default_factory=list)
    positional: Option | None = None  # what to offer for the positional arguments


def _plain(text: str | None) -> str:
    """A description on one line, without the quotes and backslashes shells treat specially."""
    return " ".join((text or "").split()).replace("'", "’").replace("\\", "/").replace("`", "’")


def _option(action: argparse.Action, codes: list[str]) -> Option:
    takes = action.nargs != 0
    metavar = action.metavar if isinstance(action.metavar, str) else None
    what = (metavar or action.dest).upper()
    values: list[str] = []
    kind = ""
    if takes and action.choices is not None:
        values, kind = [str(c) for c in action.choices], "words"
    elif takes and what in ("CODE", "CODES"):
        values, kind = codes, "words"
    elif takes and what in _DIRS:
        kind = "dirs"
    elif takes and what in _FILES:
        kind = "files"
    repeat = isinstance(action, argparse._AppendAction | argparse._CountAction) or (
        not action.option_strings and action.nargs in ("*", "+")
    )
    label = metavar or action.dest
    return Option(
        list(action.option_strings), _plain(action.help), takes, values, kind, repeat, label
    )


def _command(name: str, help: str, parser: argparse.ArgumentParser, codes: list[str]) -> Command:
    cmd = Command(name, _plain(help))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            cmd.options.append(_option(action, codes))
        elif cmd.positional is None:
            cmd.positional = _option(action, codes)
    return cmd


def commands(parser: argparse.ArgumentParser, codes: list[str]) -> tuple[Command, list[Command]]:
    """The top level (its options) and every subcommand, as completion needs them."""
    top = _command(PROG, parser.description or "", parser, codes)
    top.positional = None
    subs: list[Command] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                subs.append(_command(name, helps.get(name, ""), sub, codes))
    return top, subs


def script(shell: str, parser: argparse.ArgumentParser, codes: list[str]) -> str:
    top, subs = commands(parser, codes)
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](top, subs)


# -- bash ---------------------------------------------------------------------


def _bash_values(options: list[Option]) -> list[str]:
    lines = []
    for o in options:
        if not o.takes or not o.kind:
            continue
        action = {
            "words": f'COMPREPLY=($(compgen -W "{" ".join(o.values)}" -- "$cur"))',
            "files": 'COMPREPLY=($(compgen -f -- "$cur"))',
            "dirs": 'COMPREPLY=($(compgen -d -- "$cur"))',
        }[o.kind]
        lines.append(f"                {'|'.join(o.names)}) {action}; return ;;")
    return lines


def _bash_branch(cmd: Command, words_if_not_option: str) -> list[str]:
    flags = " ".join(n for o in cmd.options for n in o.names)
    lines = ['            case "$prev" in', *_bash_values(cmd.options), "            esac"]
    lines += [
        '            if [[ "$cur" == -* ]]; then',
        f'                COMPREPLY=($(compgen -W "{flags}" -- "$cur"))',
        "            else",
        f"                {words_if_not_option}",
        "            fi",
    ]
    return lines


def _bash_positional(p: Option | None) -> str:
    if p is None or not p.kind:
        return "COMPREPLY=()"
    return {
        "words": f'COMPREPLY=($(compgen -W "{" ".join(p.values)}" -- "$cur"))',
        "files": 'COMPREPLY=($(compgen -f -- "$cur"))',
        "dirs": 'COMPREPLY=($(compgen -d -- "$cur"))',
    }[p.kind]


def _bash(top: Command, subs: list[Command]) -> str:
    names = " ".join(c.name for c in subs)
    lines = [
        f"# bash completion for {PROG}: written by `{PROG} completion bash`",
        f"_{PROG}() {{",
        "    local cur prev cmd i",
        '    cur="${COMP_WORDS[COMP_CWORD]}"',
        '    prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    cmd=""',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in',
        f'            {"|".join(c.name for c in subs)}) cmd="${{COMP_WORDS[i]}}"; break ;;',
        "        esac",
        "    done",
        '    case "$cmd" in',
        '        "")',
        *_bash_branch(top, f'COMPREPLY=($(compgen -W "{names}" -- "$cur"))'),
        "            ;;",
    ]
    for c in subs:
        lines += [
            f"        {c.name})",
            *_bash_branch(c, _bash_positional(c.positional)),
            "            ;;",
        ]
    lines += [
        "    esac",
        "}",
        f"complete -o filenames -o bashdefault -F _{PROG} {PROG}",
    ]
    return "\n".join(lines) + "\n"


# -- zsh ----------------------------------------------------------------------


def _zq(text: str) -> str:
    """Single-quoted for zsh (descriptions hold no single quote: ``_plain``)."""
    return "'" + text + "'"


def _zsh_desc(text: str) -> str:
    return text.replace("[", "(").replace("]", ")")


def _zsh_action(o: Option) -> str:
    if o.kind == "words":
        return "(" + " ".join(o.values) + ")"
    return {"files": "_files", "dirs": "_files -/"}.get(o.kind, " ")


def _zsh_specs(cmd: Command) -> list[str]:
    specs = []
    for o in cmd.options:
        desc = _zsh_desc(o.help)
        value = f":{o.names[-1].lstrip('-')}:{_zsh_action(o)}" if o.takes else ""
        exclude = "*" if o.repeat else ("(" + " ".join(o.names) + ")" if len(o.names) > 1 else "")
        for name in o.names:
            specs.append(_zq(f"{exclude}{name}[{desc}]{value}"))
    p = cmd.positional
    if p is not None:
        star = "*" if p.repeat else ""
        specs.append(_zq(f"{star}:{p.label}:{_zsh_action(p)}"))
    return specs


def _zsh(top: Command, subs: list[Command]) -> str:
    lines = [
        f"#compdef {PROG}",
        f"# zsh completion for {PROG}: written by `{PROG} completion zsh`",
        f"_{PROG}() {{",
        "    local context state state_descr line",
        "    typeset -A opt_args",
        "    local -a commands",
        "    commands=(",
        *(f"        {_zq(c.name + ':' + c.help)}" for c in subs),
        "    )",
        "    _arguments -C \\",
        *(f"        {s} \\" for s in _zsh_specs(top)),
        "        '1:command:->command' \\",
        "        '*::arg:->args'",
        "    case $state in",
        "        command)",
        f"            _describe -t commands '{PROG} command' commands",
        "            ;;",
        "        args)",
        "            case $words[1] in",
    ]
    for c in subs:
        specs = _zsh_specs(c)
        lines.append(f"                {c.name})")
        if specs:
            lines.append("                    _arguments \\")
            lines += [f"                        {s} \\" for s in specs[:-1]]
            lines.append(f"                        {specs[-1]}")
        lines.append("                    ;;")
    lines += [
        "            esac",
        "            ;;",
        "    esac",
        "}",
        "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then",
        f'    _{PROG} "$@"',
        "else",
        f"    compdef _{PROG} {PROG}",
        "fi",
    ]
    return "\n".join(lines) + "\n"


# -- fish ---------------------------------------------------------------------


def _fish_option(o: Option, condition: str) -> str:
    parts = [f"complete -c {PROG} -n {_zq(condition)}"]
    for name in o.names:
        parts.append(f"-l {name[2:]}" if name.startswith("--") else f"-s {name[1:]}")
    if o.takes:
        if o.kind == "words":
            parts.append(f"-x -a {_zq(' '.join(o.values))}")
        elif o.kind == "dirs":
            parts.append("-x -a '(__fish_complete_directories)'")
        elif o.kind == "files":
            parts.append("-r -F")
        else:
            parts.append("-x")
    parts.append(f"-d {_zq(o.help)}")
    return " ".join(parts)


def _fish(top: Command, subs: list[Command]) -> str:
    lines = [
        f"# fish completion for {PROG}: written by `{PROG} completion fish`",
        f"complete -c {PROG} -f",
    ]
    lines += [_fish_option(o, "__fish_use_subcommand") for o in top.options]
    lines += [
        f"complete -c {PROG} -n '__fish_use_subcommand' -a {c.name} -d {_zq(c.help)}" for c in subs
    ]
    for c in subs:
        condition = f"__fish_seen_subcommand_from {c.name}"
        lines += [_fish_option(o, condition) for o in c.options]
        p = c.positional
        if p is not None and p.kind == "words":
            lines.append(f"complete -c {PROG} -n {_zq(condition)} -a {_zq(' '.join(p.values))}")
        elif p is not None and p.kind in ("files", "dirs"):
            lines.append(f"complete -c {PROG} -n {_zq(condition)} -F")
    return "\n".join(lines) + "\n"
