"""The command line's machinery: the parser in Swedish or English, and shell completion.

``checker.cli`` declares the commands and options (help texts in Swedish);
``language`` builds and runs that parser in the user's language, with
argparse's own words translated; ``completion`` writes bash, zsh and fish
completion scripts from the same parser.
"""
