from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'unit.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_here = missing
    pass
    parent_template = environment.get_template('base.html', 'unit.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_here = 'tree'
    context.vars['here'] = l_0_here
    context.exported_vars.add('here')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_unit = resolve('unit')
    pass
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'name'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_unit = resolve('unit')
    l_0_count = resolve('count')
    l_0_rows = resolve('rows')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['urlencode']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'urlencode' found.")
    pass
    yield '<p class="crumbs"><a href="/rapporter">Alla nämnder</a> › '
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'committee'))
    yield '</p>\n<h1>'
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'name'))
    yield '</h1>\n<p class="lead">'
    yield escape(context.call((undefined(name='count') if l_0_count is missing else l_0_count), t_1(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'reports')), 'rapport', _block_vars=_block_vars))
    yield '. <a href="/enhet/'
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'key'))
    yield '/granskning">Öppna\ngranskningsrapporten</a> för att filtrera och sortera anmärkningarna, eller\n<a class="dl" data-format="xlsx" href="/enhet/'
    yield escape(environment.getattr((undefined(name='unit') if l_0_unit is missing else l_0_unit), 'key'))
    yield '/granskning.xlsx" download>ladda ner dem som Excel-fil</a>.</p>\n'
    l_1_loop = missing
    for l_1_row, l_1_loop in LoopContext((undefined(name='rows') if l_0_rows is missing else l_0_rows), undefined):
        l_1_severities = resolve('severities')
        l_1_pdf_ready = resolve('pdf_ready')
        l_1_r = missing
        _loop_vars = {}
        pass
        l_1_r = environment.getattr(l_1_row, 'report')
        _loop_vars['r'] = l_1_r
        yield '<section class="report" id="r'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '">\n  <div class="rhead">\n    <h2>'
        yield escape(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'title'))
        yield '</h2>\n    <code class="file">'
        yield escape(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'rel'))
        yield '</code>\n    <span class="counts">\n'
        for (l_2_value, l_2_label) in (undefined(name='severities') if l_1_severities is missing else l_1_severities):
            _loop_vars = {}
            pass
            yield '      <span class="count c-'
            yield escape(l_2_value)
            yield '">'
            yield escape(context.call((undefined(name='count') if l_0_count is missing else l_0_count), environment.getitem(environment.getattr(l_1_row, 'counts'), l_2_value), l_2_label, _loop_vars=_loop_vars))
            yield '</span>\n'
        l_2_value = l_2_label = missing
        yield '    </span>\n  </div>\n  <p class="downloads">Ladda ner:\n    <a class="dl" data-format="yaml" href="/yaml/'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'rel')))
        yield '" download>YAML</a>\n    <a class="dl" data-format="sarif" href="/sarif/'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'rel')))
        yield '" download>SARIF</a>\n    <a class="dl" data-format="xlsx" href="/xlsx/'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'rel')))
        yield '" download>Excel</a>\n'
        if (undefined(name='pdf_ready') if l_1_pdf_ready is missing else l_1_pdf_ready):
            pass
            yield '<a class="dl" data-format="pdf" href="/pdf/'
            yield escape(t_2(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'rel')))
            yield '" download>PDF</a>\n'
        else:
            pass
            yield '<span class="muted">PDF kräver tillägget render: <code>pip install \'rapportkoll[render]\'</code></span>'
        yield '  </p>\n'
        if environment.getattr(l_1_row, 'findings'):
            pass
            yield '  <ol class="findings">\n'
            for l_2_f in environment.getattr(l_1_row, 'findings'):
                l_2_rule_name = resolve('rule_name')
                _loop_vars = {}
                pass
                yield '    <li class="finding sev-'
                yield escape(environment.getattr(environment.getattr(l_2_f, 'severity'), 'value'))
                yield '">\n      <span class="badge b-'
                yield escape(environment.getattr(environment.getattr(l_2_f, 'severity'), 'value'))
                yield '">'
                yield escape(context.call(environment.getattr(environment.getattr(l_2_f, 'severity'), 'label'), 'sv', _loop_vars=_loop_vars))
                yield '</span>\n      <strong class="code">'
                yield escape(environment.getattr(l_2_f, 'code'))
                yield '</strong> <span class="rname">'
                yield escape(context.call((undefined(name='rule_name') if l_2_rule_name is missing else l_2_rule_name), environment.getattr(l_2_f, 'name'), 'sv', _loop_vars=_loop_vars))
                yield '</span>\n      <span class="loc">rad '
                yield escape(environment.getattr(l_2_f, 'line'))
                yield '</span>\n      <p class="msg">'
                yield escape(environment.getattr(environment.getattr(l_2_f, 'message'), 'sv'))
                yield '</p>\n'
                if environment.getattr(environment.getattr(l_2_f, 'label'), 'sv'):
                    pass
                    yield '<p class="where">Var: '
                    yield escape(environment.getattr(environment.getattr(l_2_f, 'label'), 'sv'))
                    yield '</p>'
                if environment.getattr(l_2_f, 'suggestion'):
                    pass
                    yield '<p class="sugg">Förslag: '
                    yield escape(environment.getattr(environment.getattr(l_2_f, 'suggestion'), 'sv'))
                    yield '</p>'
                yield '    </li>\n'
            l_2_f = l_2_rule_name = missing
            yield '  </ol>\n'
        else:
            pass
            yield '  <p class="ok">✓ Inga anmärkningar.</p>\n'
        yield '</section>\n'
    l_1_loop = l_1_row = l_1_r = l_1_severities = l_1_pdf_ready = missing

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=13&2=16&3=21&4=32&5=56&6=58&7=60&9=64&10=67&11=73&12=76&14=78&15=80&17=82&18=86&23=92&24=94&25=96&26=98&29=107&31=110&32=115&33=117&34=121&35=125&36=127&37=129&38=134'
# Generated by python -m checker.templating_gen from checker/desk/templates/unit.html: do not edit.
