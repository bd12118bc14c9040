"""English for every help text and description of the command line, keyed by the Swedish.

The parser is declared once, in Swedish (``checker.cli.make_parser`` and the
commands it registers); ``--lang en`` looks each text up here.
tests/test_cli_lang.py checks that every text of the parser has its English.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # rapportkoll
    "Granskar verksamhetsplaner, tertialrapporter och verksamhetsberättelser i YAML mot"
    " regelkatalogen RK1–RK7.": "Checks operational plans, four-month reports and annual"
    " reports written in YAML against the rule catalogue RK1–RK7.",
    "visa den här hjälpen och avsluta": "show this help message and exit",
    "visa programmets version och avsluta": "show program's version number and exit",
    "språk för meddelanden och hjälp: sv (standard) eller en": "language of messages and help:"
    " sv (default) or en",
    # check
    "kontrollera rapportfiler och mappar": "check report files and folders",
    "Kontrollerar rapporterna i PATH (filer eller mappar) mot regelkatalogen. Slutkod 0: inget"
    " som fäller, 1: anmärkningar på --fail-on-nivå eller högre, 2: användningsfel eller"
    " internt fel.": "Checks the reports in PATH (files or folders) against the rule catalogue."
    " Exit code 0: nothing that fails, 1: findings at the --fail-on level or above, 2: a usage"
    " error or an internal error.",
    "filer eller mappar; - läser en rapport från standard in": "files or folders; - reads one"
    " report from standard input",
    "utdataformat (standard: text)": "output format (default: text)",
    "ta med stadens exporter (.txt, .md, .pdf, .docx) när mappar gås igenom; filer som anges"
    " med namn kontrolleras alltid": "include the city's exports (.txt, .md, .pdf, .docx) when"
    " walking folders; files given by name are always checked",
    "skriv även formatet FORMAT till FILE (kan upprepas, t.ex. --output html=rapport.html"
    " --output sarif=rapport.sarif)": "also write the format FORMAT to FILE (repeatable, e.g."
    " --output html=report.html --output sarif=report.sarif)",
    "kör bara dessa regler/familjer (t.ex. RK1, RK201)": "run only these rules/families"
    " (e.g. RK1, RK201)",
    "lägg till regler/familjer till urvalet (--select eller konfigurationens select)": "add"
    " rules/families to the selection (--select or the configuration's select)",
    "hoppa över dessa regler/familjer": "skip these rules/families",
    "konfigurationsfil (standard: närmaste rapportkoll.toml eller pyproject.toml med"
    " [tool.rapportkoll] uppåt från PATH)": "configuration file (default: the nearest"
    " rapportkoll.toml, or pyproject.toml with [tool.rapportkoll], upwards from PATH)",
    "konfigurationsfil (standard: närmaste rapportkoll.toml eller pyproject.toml med"
    " [tool.rapportkoll] uppåt från TREE)": "configuration file (default: the nearest"
    " rapportkoll.toml, or pyproject.toml with [tool.rapportkoll], upwards from TREE)",
    "läs ingen konfiguration": "read no configuration",
    "lägsta allvarlighetsgrad som ger slutkod 1 (standard: error)": "lowest severity that gives"
    " exit code 1 (default: error)",
    "antal parallella processer (0 = alla kärnor; standard 1)": "number of parallel processes"
    " (0 = all cores; default 1)",
    "cache för oförändrade filer (innehållshash)": "cache for unchanged files (content hash)",
    "visa bara anmärkningar som inte finns i baslinjen FILE": "show only findings that are not"
    " in the baseline FILE",
    "spara dagens anmärkningar som baslinje i --baseline FILE": "save today's findings as the"
    " baseline in --baseline FILE",
    "slutkod 0 även när det finns anmärkningar (2 för fel i användning eller kontroll)": "exit"
    " code 0 even when there are findings (2 for a usage error or a checker fault)",
    "visa bara anmärkningarna, ingen sammanfattning; -qq visar ingenting (bara slutkoden)": "show"
    " only the findings, no summary; -qq shows nothing (only the exit code)",
    "visa antalet anmärkningar per regel i stället för anmärkningarna": "show the number of"
    " findings per rule instead of the findings",
    "visa inställningarna som gäller och vilken konfigurationsfil de kommer från": "show the"
    " settings in force and which configuration file they come from",
    "visa filerna som skulle kontrolleras, utan att kontrollera dem": "show the files that would"
    " be checked, without checking them",
    "läs rapporten från standard in och kalla den NAME (i anmärkningar, för konfigurationen"
    " och per-file-ignores)": "read the report from standard input and call it NAME (in"
    " findings, for the configuration and per-file-ignores)",
    # rules, rule
    "lista alla regler": "list all rules",
    "förklara en regel": "explain a rule",
    "regelkod eller namn, t.ex. RK101 eller missing-section": "rule code or name, e.g. RK101 or"
    " missing-section",
    # schema
    "skriv rapportformatets JSON-schema (eller inställningarnas) för editorn": "write the JSON"
    " schema of the report format (or of the settings) for the editor",
    "Skriver JSON-schemat till standard ut, eller till FILE med -o, t.ex. bredvid rapporterna:"
    " rapportkoll schema -o rapporter/rapport.schema.json. Se docs/editor.md.": "Writes the"
    " JSON schema to standard output, or to FILE with -o, e.g. next to the reports: rapportkoll"
    " schema -o reports/rapport.schema.json. See docs/editor.md.",
    "skriv schemat till FILE": "write the schema to FILE",
    "schemat för inställningarna ([tool.rapportkoll] eller rapportkoll.toml)": "the schema of"
    " the settings ([tool.rapportkoll] or rapportkoll.toml)",
    "fel om förrådets scheman (schemas/ och paketets kopia) är inaktuella": "fail if the"
    " repository's schemas (schemas/ and the package's copy) are out of date",
    "schemat för regelfiler (egna regler i YAML, se docs/regler.md)": "the schema of rule files"
    " (your own rules in YAML, see docs/regler.md)",
    # rule files
    "egna regler i en regelfil (YAML) eller en mapp med regelfiler, utöver konfigurationens"
    " rule-files (kan upprepas); se docs/regler.md": "your own rules in a rule file (YAML) or a"
    " folder of rule files, on top of the configuration's rule-files (repeatable); see"
    " docs/regler.md",
    "egna regler i regelfiler: testa deras exempel": "your own rules in rule files: test their"
    " examples",
    "Egna regler skrivs i regelfiler (YAML, se docs/regler.md).": "Your own rules are written in"
    " rule files (YAML, see docs/regler.md).",
    "kör varje regels exempel: fel ska ge anmärkning, rätt ingen": "run every rule's examples:"
    " the failing one must give a finding, the passing one none",
    "Kör exemplen i regelfilerna FILE: exemplet fel ska ge minst en anmärkning av sin regel,"
    " exemplet rätt ingen. Slutkod 0: alla exempel stämmer, 1: något stämmer inte, 2: en"
    " regelfil går inte att läsa.": "Runs the examples in the rule files FILE: the failing example"
    " must give at least one finding of its rule, the passing example none. Exit code 0: every"
    " example agrees, 1: one does not, 2: a rule file cannot be read.",
    "regelfiler eller mappar med regelfiler": "rule files or folders of rule files",
    "för utvecklare: skriv om förrådets scheman (schemas/ och paketets kopia)": "for developers:"
    " rewrite the repository's schemas (schemas/ and the package's copy)",
    # server
    "språkserver (LSP) för editorer: anmärkningar medan du skriver, snabbfixar": "language"
    " server (LSP) for editors: findings as you type, quick fixes",
    "Startar rapportkolls språkserver. Editorn startar den och talar LSP över standard in och"
    " ut; se docs/editor.md för VS Code och Neovim.": "Starts rapportkoll's language server."
    " The editor starts it and speaks LSP over standard input and output; see docs/editor.md"
    " for VS Code and Neovim.",
    "tala LSP över standard in och ut (standard; finns för editorer som skickar det)": "speak"
    " LSP over standard input and output (the default; accepted for editors that pass it)",
    # import
    "importera stadens exporter (text, PDF, Word) till rapportformatet i YAML": "import the"
    " city's exports (text, PDF, Word) into the report format in YAML",
    "Läser exporter ur stadens system och skriver rapporten som YAML. Inget rättas: värden"
    " kommer igenom exakt som de står, och text som inte kunde placeras hamnar under"
    " ej_placerat.": "Reads exports from the city's systems and writes the report as YAML."
    " Nothing is corrected: values come through exactly as written, and text that could not"
    " be placed goes under ej_placerat.",
    ".txt, .md, .pdf eller .docx": ".txt, .md, .pdf or .docx",
    "YAML-filen (en källa)": "the YAML file (one source)",
    "mapp för en YAML-fil per källa": "folder for one YAML file per source",
    "skriv över en befintlig fil": "overwrite an existing file",
    # render
    "skriv en rapport som stadens dokument: md, html, pdf eller docx": "write a report as the"
    " city's document: md, html, pdf or docx",
    "Skriver rapporten med samma rubriker och ordning som stadens exporter. Värden visas exakt"
    " som de står i YAML-filen.": "Writes the report with the same headings and order as the"
    " city's exports. Values are shown exactly as they stand in the YAML file.",
    "rapportfilen (YAML)": "the report file (YAML)",
    "filen som skrivs (standard: stdout)": "the file to write (default: stdout)",
    "filer och mappar som genomgången hoppar över, i stället för standard (.git, .venv,"
    " node_modules …) och konfigurationens exclude": "files and folders a walk skips, instead"
    " of the defaults (.git, .venv, node_modules …) and the configuration's exclude",
    "fler filer och mappar att hoppa över, utöver exclude": "more files and folders to skip,"
    " besides exclude",
    "dokumentets format; standard: efter -o-filens ändelse (.md, .html, .pdf, .docx), annars"
    " pdf": "the document's format; default: from the -o file's suffix (.md, .html, .pdf,"
    " .docx), otherwise pdf",
    # serve
    "starta inlämningsdisken: granska inlämnade filer och bläddra i rapporterna i"
    " webbläsaren": "start the submission desk: check submitted files and browse the reports"
    " in the browser",
    "Startar en liten webbapplikation på den här datorn. Personal släpper rapporter (YAML eller"
    " stadens exporter) i webbläsaren och ser anmärkningarna, och bläddrar bland rapporterna"
    " under --root per nämnd och enhet.": "Starts a small web application on this computer."
    " Staff drop reports (YAML or the city's exports) in the browser and see the findings, and"
    " browse the reports under --root by committee and unit.",
    "port (standard 8000)": "port (default 8000)",
    "mappen med rapporterna som går att bläddra i (standard: den aktuella mappen)": "the folder"
    " of reports that can be browsed (default: the current folder)",
    "adressen som lyssnar (standard 127.0.0.1: bara den här datorn)": "the address to listen on"
    " (default 127.0.0.1: this computer only)",
    # nightly
    "nattkörning: hela trädet med cache, historik (SQLite) och HTML-översikt": "nightly run: the"
    " whole tree with cache, history (SQLite) and HTML dashboard",
    "mappen med alla enheters rapporter": "the folder with every unit's reports",
    "historikdatabas, SQLite (standard: rapportkoll-historik.sqlite)": "history database,"
    " SQLite (default: rapportkoll-historik.sqlite)",
    "cache för oförändrade filer (standard: .rapportkoll-cache)": "cache for unchanged files"
    " (default: .rapportkoll-cache)",
    "använd ingen cache: kontrollera varje fil": "use no cache: check every file",
    "HTML-översikten som skrivs (standard: dashboard.html)": "the HTML dashboard to write"
    " (default: dashboard.html)",
    "granskningsrapporten med alla anmärkningar per nämnd och enhet, länkad från"
    " översikten (standard: anmarkningar.html bredvid översikten)": "the findings page with"
    " every finding per committee and unit, linked from the dashboard (default:"
    " anmarkningar.html beside the dashboard)",
    "antal parallella processer (standard 0 = alla kärnor)": "number of parallel processes"
    " (default 0 = all cores)",
    "antal körningar i översiktens trenddiagram (standard 30)": "number of runs in the"
    " dashboard's trend chart (default 30)",
    # completion
    "skriv ett kompletteringsskript för skalet (bash, zsh eller fish)": "write a completion"
    " script for the shell (bash, zsh or fish)",
    "Skriver ett skript som kompletterar kommandon, flaggor och regelkoder med Tab. bash:"
    " rapportkoll completion bash > ~/.local/share/bash-completion/completions/rapportkoll;"
    ' zsh: rapportkoll completion zsh > "${fpath[1]}/_rapportkoll"; fish: rapportkoll'
    " completion fish > ~/.config/fish/completions/rapportkoll.fish": "Writes a script that"
    " completes commands, options and rule codes with Tab. bash: rapportkoll completion bash >"
    " ~/.local/share/bash-completion/completions/rapportkoll; zsh: rapportkoll completion zsh"
    ' > "${fpath[1]}/_rapportkoll"; fish: rapportkoll completion fish >'
    " ~/.config/fish/completions/rapportkoll.fish",
    "skalet: bash, zsh eller fish": "the shell: bash, zsh or fish",
    # new
    "skapa en ny rapport (VP, T1, T2 eller VB) att fylla i, gärna utifrån den förra": "create a"
    " new report (VP, T1, T2 or VB) to fill in, preferably from the previous one",
    "Skriver en rapport med alla avsnitt som profilen kräver för typen och året, KF:s mål för"
    " mandatperioden med exakta titlar och schemaraden. Med --från förs det över som stadens"
    " cykel för över: mål, indikatorer med mål och aktiviteter (VP → T1), och klagomålstabellens"
    " tidigare kolumner (T1 → T2 → VB). Det som ska skrivas står som [fyll i: …] och rapporteras"
    " av RK704 tills det är ifyllt.": "Writes a report with every section the profile requires"
    " for the type and year, the KF goals of the mandate period with their exact titles, and the"
    " schema line. With --från it carries forward what the city's cycle carries forward: goals,"
    " indicators with their targets and activities (VP → T1), and the complaints table's earlier"
    " columns (T1 → T2 → VB). What must be written stands as [fyll i: …] and is reported by"
    " RK704 until it is filled in.",
    "rapporttyp": "report type",
    "verksamhetsår": "year",
    "enhetens namn": "the unit's name",
    "nämndens namn": "the committee's name",
    "årets föregående rapport (VP för en T1, T1 för en T2, T2 för en VB)": "the year's previous"
    " report (the VP for a T1, the T1 for a T2, the T2 for a VB)",
    # roster (check and nightly)
    "inlämningslista (YAML) över enheter och de rapporter de ska lämna; en rapport som saknas"
    " efter fristen blir RK106": "roster (YAML) of units and the reports they owe; a report"
    " missing after its deadline is an RK106 finding",
    "varje enhet som lämnade VP/T1/T2/VB för YEAR ska lämna samma typer året efter": "every unit"
    " that handed in a VP/T1/T2/VB in the given year owes the same types the year after",
    "körningens datum för frister (standard: i dag)": "the run's date for deadlines"
    " (default: today)",
    # fixes
    "rätta det som säkert kan rättas i filerna": "fix what can safely be fixed in the files",
    "med --fix eller --diff: rätta även det som kräver granskning (omräknade belopp)": "with"
    " --fix or --diff: also apply fixes that need review (recomputed amounts)",
    "visa som en diff vad --fix skulle ändra, utan att skriva något": "show as a diff what"
    " --fix would change, without writing anything",
}
