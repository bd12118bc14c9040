from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'tree.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_here = missing
    pass
    parent_template = environment.get_template('base.html', 'tree.html')
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
    pass
    yield 'Rapporterna per nämnd'

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_committees = resolve('committees')
    l_0_count = resolve('count')
    l_0_n_reports = resolve('n_reports')
    l_0_n_units = resolve('n_units')
    l_0_root = resolve('root')
    l_0_unserved = resolve('unserved')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<h1>Rapporterna per nämnd och enhet</h1>\n'
    if (undefined(name='committees') if l_0_committees is missing else l_0_committees):
        pass
        yield '<p class="lead">'
        yield escape(context.call((undefined(name='count') if l_0_count is missing else l_0_count), (undefined(name='n_reports') if l_0_n_reports is missing else l_0_n_reports), 'rapport', _block_vars=_block_vars))
        yield ' från '
        yield escape(context.call((undefined(name='count') if l_0_count is missing else l_0_count), (undefined(name='n_units') if l_0_n_units is missing else l_0_n_units), 'enhet', _block_vars=_block_vars))
        yield ' i\n'
        yield escape(context.call((undefined(name='count') if l_0_count is missing else l_0_count), t_1((undefined(name='committees') if l_0_committees is missing else l_0_committees)), 'nämnd', _block_vars=_block_vars))
        yield '. Öppna en enhet för att se dess rapporter och anmärkningar, eller\n<a href="/rapporter/granskning">granska alla rapporter på en gång</a>\n(<a class="dl" data-format="xlsx" href="/rapporter/granskning.xlsx" download>som Excel-fil</a>).</p>\n'
        for (l_1_committee, l_1_units) in (undefined(name='committees') if l_0_committees is missing else l_0_committees):
            _loop_vars = {}
            pass
            yield '<section class="committee">\n  <h2>'
            yield escape(l_1_committee)
            yield ' <small>'
            yield escape(context.call((undefined(name='count') if l_0_count is missing else l_0_count), t_1(l_1_units), 'enhet', _loop_vars=_loop_vars))
            yield '</small></h2>\n  <ul class="units">\n'
            for l_2_unit in l_1_units:
                _loop_vars = {}
                pass
                yield '    <li><a class="unit" href="/enhet/'
                yield escape(environment.getattr(l_2_unit, 'key'))
                yield '">'
                yield escape(environment.getattr(l_2_unit, 'name'))
                yield '</a>\n'
                for l_3_r in environment.getattr(l_2_unit, 'reports'):
                    _loop_vars = {}
                    pass
                    yield '<span class="chip" title="'
                    yield escape(environment.getattr(l_3_r, 'rel'))
                    yield '">'
                    yield escape(environment.getattr(l_3_r, 'title'))
                    yield '</span>'
                l_3_r = missing
                yield '    </li>\n'
            l_2_unit = missing
            yield '  </ul>\n</section>\n'
        l_1_committee = l_1_units = missing
    else:
        pass
        yield '<p class="lead">Det finns inga rapporter (YAML-filer) under <code>'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield '</code>.</p>\n'
    if (undefined(name='unserved') if l_0_unserved is missing else l_0_unserved):
        pass
        yield '<section class="committee unserved">\n  <h2>Visas inte här <small>'
        yield escape(context.call((undefined(name='count') if l_0_count is missing else l_0_count), t_1((undefined(name='unserved') if l_0_unserved is missing else l_0_unserved)), 'rapport', _block_vars=_block_vars))
        yield '</small></h2>\n  <p>Namnet går inte att använda i en adress (ett omvänt snedstreck <code>\\</code> eller tecken som\n  inte är UTF-8), så rapporten visas och granskas inte här. Byt namn på filen, så kommer den med.</p>\n  <ul>\n'
        for l_1_name in (undefined(name='unserved') if l_0_unserved is missing else l_0_unserved):
            _loop_vars = {}
            pass
            yield '<li><code class="file">'
            yield escape(l_1_name)
            yield '</code></li>'
        l_1_name = missing
        yield '  </ul>\n</section>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=13&2=16&3=21&4=31&6=52&7=55&8=59&11=61&13=65&15=69&16=73&17=77&24=93&26=95&28=98&32=100'
# Generated by python -m checker.templating_gen from checker/desk/templates/tree.html: do not edit.
