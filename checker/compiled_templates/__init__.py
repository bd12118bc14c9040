"""Jinja2 templates compiled ahead by ``python -m checker.templating_gen``: do not edit,
a test fails when they are stale. A module per template holds the Python source
Jinja2 compiles it into; ``checker.templating.Ahead`` uses it for a template whose
name, source and environment's settings are the ones it was compiled from (the key).
"""

# key (checker.templating.Ahead.key) → module
TEMPLATES = {
    '80a8ce339db587e60aa151a2b7cb29a85fc50d3718109c75b4ee0e984dc17239': 'base_html',
    'c38f5c13b8cba8e8d1a651d4062446a9106e7caab80fe911596ad07387ec7edd': 'dashboard_html_j2',
    '1f28b20789f03e1bb919156a96be99757358f617c2d2d0566e8ddba0d4696def': 'desk_html',
    '6181133600f5a75c45c9389b1484bd4cbbe8baab9d392d25d411084953b0fc61': 'error_html',
    'b4c6842ed9c29a3323748891db64652dfd0b44a4e36330eb6de2af930828601a': 'findings_html_j2',
    'd5e5f59f47dad3a424016ccd8f435e20bdd2e6054cb349c1bca2cece391e45ba': 'findings_unit_html_j2',
    '85fad2115bd4bd5bcebc92502d894711aa1922c679eca5bf56c0bed48374b804': 'nav_html',
    'd5fb9952ac752bb7649edfe2053b4159501005d28a25ccea82e944ddccd3509d': 'page_html_j2',
    '8ae8630425ab0c030226e2e4f25f7199b55ee5619e466343d1bb5d0dfacf30ce': 'report_html_j2',
    'f15d7aaba17d14cd087fe8b2130c631529c53970fad7b4aba1d0905a95e6c18d': 'tree_html',
    'ae24caa7f60c95fe595c316a7d22a07b3c639c350626730e80f1ebfedd41e3e4': 'unit_html',
}
