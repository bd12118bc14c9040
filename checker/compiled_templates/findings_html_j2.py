from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'findings.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_code = l_0_severity_headers = l_0_cards = l_0_bars = l_0_chart = l_0_rule_table = l_0_rule_doc = l_0_filters = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    parent_template = environment.get_template('page.html.j2', 'findings.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('findings_unit.html.j2', 'findings.html.j2')._get_default_module(context)
    l_0_code = getattr(included_template, 'code', missing)
    if l_0_code is missing:
        l_0_code = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'findings.html.j2') does not export the requested name 'code'", name='code')
    context.vars['code'] = l_0_code
    context.exported_vars.discard('code')
    def macro():
        t_3 = []
        l_1_severities = resolve('severities')
        l_1_w = resolve('w')
        pass
        for l_2_s in (undefined(name='severities') if l_1_severities is missing else l_1_severities):
            _loop_vars = {}
            pass
            t_3.extend((
                '<th scope="col" class="n">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), environment.getattr(l_2_s, 'name')))),
                '</th>',
            ))
        l_2_s = missing
        t_3.extend((
            '<th scope="col" class="n">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'total'))),
            '</th>',
        ))
        return concat(t_3)
    context.exported_vars.add('severity_headers')
    context.vars['severity_headers'] = l_0_severity_headers = Macro(environment, macro, 'severity_headers', (), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_4 = []
        l_1_n_files = resolve('n_files')
        l_1_w = resolve('w')
        l_1_with_findings = resolve('with_findings')
        l_1_severities = resolve('severities')
        pass
        t_4.extend((
            '<section class="cards"><div class="card"><span class="num" id="n-files">',
            escape(environment.finalize((undefined(name='n_files') if l_1_n_files is missing else l_1_n_files))),
            '</span><span class="lbl">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'reports'))),
            '<br><small>',
            escape(environment.finalize((undefined(name='with_findings') if l_1_with_findings is missing else l_1_with_findings))),
            ' ',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'with_findings'))),
            '</small></span></div>',
        ))
        for l_2_s in (undefined(name='severities') if l_1_severities is missing else l_1_severities):
            l_2_totals = resolve('totals')
            _loop_vars = {}
            pass
            t_4.extend((
                '<div class="card c-',
                escape(environment.finalize(environment.getattr(l_2_s, 'value'))),
                '"><span class="num" id="n-',
                escape(environment.finalize(environment.getattr(l_2_s, 'value'))),
                '">',
                escape(environment.finalize(environment.getitem((undefined(name='totals') if l_2_totals is missing else l_2_totals), l_2_s))),
                '</span><span class="lbl">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), environment.getattr(l_2_s, 'name')))),
                '</span></div>',
            ))
        l_2_s = l_2_totals = missing
        t_4.append(
            '</section>',
        )
        return concat(t_4)
    context.exported_vars.add('cards')
    context.vars['cards'] = l_0_cards = Macro(environment, macro, 'cards', (), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_b, l_1_kind, l_1_caption):
        t_5 = []
        l_1_geo = resolve('geo')
        l_1_bar_groups = resolve('bar_groups')
        l_1_w = resolve('w')
        if l_1_b is missing:
            l_1_b = undefined("parameter 'b' was not provided", name='b')
        if l_1_kind is missing:
            l_1_kind = undefined("parameter 'kind' was not provided", name='kind')
        if l_1_caption is missing:
            l_1_caption = undefined("parameter 'caption' was not provided", name='caption')
        pass
        t_5.extend((
            '<svg role="img" aria-label="',
            escape(environment.finalize(l_1_caption)),
            '" viewBox="0 0 ',
            escape(environment.finalize(environment.getattr((undefined(name='geo') if l_1_geo is missing else l_1_geo), 'width'))),
            ' ',
            escape(environment.finalize(environment.getattr(l_1_b, 'height'))),
            '" width="',
            escape(environment.finalize(environment.getattr((undefined(name='geo') if l_1_geo is missing else l_1_geo), 'width'))),
            '" height="',
            escape(environment.finalize(environment.getattr(l_1_b, 'height'))),
            '">',
            escape(environment.finalize(context.call((undefined(name='bar_groups') if l_1_bar_groups is missing else l_1_bar_groups), l_1_b, l_1_kind))),
            '<line class="axis" x1="',
            escape(environment.finalize(environment.getattr((undefined(name='geo') if l_1_geo is missing else l_1_geo), 'label_w'))),
            '" y1="',
            escape(environment.finalize(environment.getattr(l_1_b, 'base'))),
            '" x2="',
            escape(environment.finalize(environment.getattr((undefined(name='geo') if l_1_geo is missing else l_1_geo), 'end'))),
            '" y2="',
            escape(environment.finalize(environment.getattr(l_1_b, 'base'))),
            '"/>',
        ))
        for (l_2_x, l_2_t) in environment.getattr(l_1_b, 'ticks'):
            _loop_vars = {}
            pass
            t_5.extend((
                '<line class="axis" x1="',
                escape(environment.finalize(l_2_x)),
                '" y1="',
                escape(environment.finalize(environment.getattr(l_1_b, 'base'))),
                '" x2="',
                escape(environment.finalize(l_2_x)),
                '" y2="',
                escape(environment.finalize((environment.getattr(l_1_b, 'base') + 4))),
                '"/><text class="tick" x="',
                escape(environment.finalize(l_2_x)),
                '" y="',
                escape(environment.finalize((environment.getattr(l_1_b, 'base') + 16))),
                '" text-anchor="middle">',
                escape(environment.finalize(l_2_t)),
                '</text>',
            ))
        l_2_x = l_2_t = missing
        t_5.extend((
            '<text class="tick" x="',
            escape(environment.finalize(environment.getattr((undefined(name='geo') if l_1_geo is missing else l_1_geo), 'mid'))),
            '" y="',
            escape(environment.finalize((environment.getattr(l_1_b, 'base') + 30))),
            '" text-anchor="middle">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'axis'))),
            '</text></svg>',
        ))
        return concat(t_5)
    context.exported_vars.add('bars')
    context.vars['bars'] = l_0_bars = Macro(environment, macro, 'bars', ('b', 'kind', 'caption'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_c):
        t_6 = []
        l_1_w = resolve('w')
        l_1_severities = resolve('severities')
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_6.extend((
            '<figure class="chart" id="chart-',
            escape(environment.finalize(environment.getattr(l_1_c, 'kind'))),
            '"><figcaption>',
            escape(environment.finalize(environment.getattr(l_1_c, 'title'))),
            '<span class="legend" aria-label="',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'legend'))),
            '">',
        ))
        for l_2_s in (undefined(name='severities') if l_1_severities is missing else l_1_severities):
            _loop_vars = {}
            pass
            t_6.extend((
                '<span class="key"><span class="sw s-',
                escape(environment.finalize(environment.getattr(l_2_s, 'value'))),
                '"></span>',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), markup_join(('sev_', environment.getattr(l_2_s, 'name'), ))))),
                '</span>',
            ))
        l_2_s = missing
        t_6.extend((
            '</span></figcaption>',
            escape(environment.finalize(context.call((undefined(name='bars') if l_0_bars is missing else l_0_bars), environment.getattr(l_1_c, 'shown'), environment.getattr(l_1_c, 'kind'), environment.getattr(l_1_c, 'caption')))),
        ))
        if environment.getattr(l_1_c, 'rest'):
            pass
            t_6.extend((
                '<details class="more"><summary>',
                escape(environment.finalize(environment.getattr(l_1_c, 'more'))),
                '</summary>',
                escape(environment.finalize(context.call((undefined(name='bars') if l_0_bars is missing else l_0_bars), environment.getattr(l_1_c, 'rest'), environment.getattr(l_1_c, 'kind'), environment.getattr(l_1_c, 'caption')))),
                '</details>',
            ))
        t_6.append(
            '</figure>',
        )
        return concat(t_6)
    context.exported_vars.add('chart')
    context.vars['chart'] = l_0_chart = Macro(environment, macro, 'chart', ('c',), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_7 = []
        l_1_w = resolve('w')
        l_1_rule_groups = resolve('rule_groups')
        l_1_quiet = resolve('quiet')
        pass
        t_7.extend((
            '<table class="overview" id="rule-table"><thead><tr><th scope="col">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'rule'))),
            '</th><th scope="col">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'what'))),
            '</th>',
            escape(environment.finalize(context.call((undefined(name='severity_headers') if l_0_severity_headers is missing else l_0_severity_headers)))),
            '<th scope="col"></th></tr></thead><tbody>',
        ))
        for l_2_g in (undefined(name='rule_groups') if l_1_rule_groups is missing else l_1_rule_groups):
            l_2_lang = resolve('lang')
            l_2_count_cells = resolve('count_cells')
            _loop_vars = {}
            pass
            t_7.extend((
                '<tr><th scope="row">',
                escape(environment.finalize(context.call((undefined(name='code') if l_0_code is missing else l_0_code), environment.getattr(l_2_g, 'key'), _loop_vars=_loop_vars))),
                ' <span class="rname">',
                escape(environment.finalize(environment.getattr(l_2_g, 'label'))),
                '</span></th><td class="what">',
                escape(environment.finalize((context.call(environment.getattr(environment.getattr(environment.getattr(environment.getattr(l_2_g, 'rule'), 'doc'), 'what'), 'get'), (undefined(name='lang') if l_2_lang is missing else l_2_lang), _loop_vars=_loop_vars) if environment.getattr(l_2_g, 'rule') else ''))),
                '</td>',
                escape(environment.finalize(context.call((undefined(name='count_cells') if l_2_count_cells is missing else l_2_count_cells), l_2_g, _loop_vars=_loop_vars))),
                '<td><button type="button" class="pick" data-rule="',
                escape(environment.finalize(environment.getattr(l_2_g, 'key'))),
                '">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'show'))),
                '</button></td></tr>',
            ))
        l_2_g = l_2_lang = l_2_count_cells = missing
        t_7.append(
            '</tbody></table>',
        )
        if (undefined(name='quiet') if l_1_quiet is missing else l_1_quiet):
            pass
            t_7.extend((
                '<details class="quiet"><summary>',
                escape(environment.finalize(context.call(environment.getattr(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'quiet_rules'), 'format'), n=t_1((undefined(name='quiet') if l_1_quiet is missing else l_1_quiet))))),
                '</summary><ul>',
            ))
            for l_2_r in (undefined(name='quiet') if l_1_quiet is missing else l_1_quiet):
                l_2_lang = resolve('lang')
                _loop_vars = {}
                pass
                t_7.extend((
                    '<li><strong>',
                    escape(environment.finalize(environment.getattr(l_2_r, 'code'))),
                    '</strong> ',
                    escape(environment.finalize(context.call(environment.getattr(l_2_r, 'title'), (undefined(name='lang') if l_2_lang is missing else l_2_lang), _loop_vars=_loop_vars))),
                    ': ',
                    escape(environment.finalize(context.call(environment.getattr(environment.getattr(environment.getattr(l_2_r, 'doc'), 'what'), 'get'), (undefined(name='lang') if l_2_lang is missing else l_2_lang), _loop_vars=_loop_vars))),
                    '</li>',
                ))
            l_2_r = l_2_lang = missing
            t_7.append(
                '</ul></details>',
            )
        return concat(t_7)
    context.exported_vars.add('rule_table')
    context.vars['rule_table'] = l_0_rule_table = Macro(environment, macro, 'rule_table', (), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_g):
        t_8 = []
        l_1_w = resolve('w')
        l_1_lang = resolve('lang')
        l_1_r = missing
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        pass
        l_1_r = environment.getattr(l_1_g, 'rule')
        t_8.extend((
            '<details class="rule" id="rule-',
            escape(environment.finalize(environment.getattr(l_1_g, 'key'))),
            '"><summary><strong>',
            escape(environment.finalize(environment.getattr(l_1_g, 'key'))),
            '</strong> <span class="rname">',
            escape(environment.finalize(environment.getattr(l_1_g, 'label'))),
            '</span>',
        ))
        if (undefined(name='r') if l_1_r is missing else l_1_r):
            pass
            t_8.extend((
                ' <span class="badge b-',
                escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'severity'), 'value'))),
                '">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), markup_join(('sev_', environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'severity'), 'name'), ))))),
                '</span>',
            ))
        t_8.append(
            '</summary>',
        )
        if (undefined(name='r') if l_1_r is missing else l_1_r):
            pass
            t_8.extend((
                '<p>',
                escape(environment.finalize(context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'doc'), 'what'), 'get'), (undefined(name='lang') if l_1_lang is missing else l_1_lang)))),
                '</p><p><span class="k">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'why'))),
                ':</span> ',
                escape(environment.finalize(context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'doc'), 'why'), 'get'), (undefined(name='lang') if l_1_lang is missing else l_1_lang)))),
                '</p>',
            ))
            if (not t_2(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'doc'), 'decisions'))):
                pass
                t_8.extend((
                    '<p><span class="k">',
                    escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'decisions'))),
                    ':</span> ',
                    escape(environment.finalize(context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'doc'), 'decisions'), 'get'), (undefined(name='lang') if l_1_lang is missing else l_1_lang)))),
                    '</p>',
                ))
            def t_9(fiter):
                for l_2_kind in fiter:
                    if environment.getitem(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'doc'), l_2_kind):
                        yield l_2_kind
            for l_2_kind in t_9(('failing', 'passing')):
                _loop_vars = {}
                pass
                t_8.extend((
                    '<p class="k">',
                    escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), l_2_kind))),
                    '</p><pre class="ex">',
                    escape(environment.finalize(environment.getitem(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'doc'), l_2_kind))),
                    '</pre>',
                ))
            l_2_kind = missing
        t_8.append(
            '</details>',
        )
        return concat(t_8)
    context.exported_vars.add('rule_doc')
    context.vars['rule_doc'] = l_0_rule_doc = Macro(environment, macro, 'rule_doc', ('g',), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_10 = []
        l_1_w = resolve('w')
        l_1_severities = resolve('severities')
        l_1_rules_by_code = resolve('rules_by_code')
        l_1_unit_options = resolve('unit_options')
        pass
        t_10.extend((
            '<div class="filters" role="search"><fieldset><legend>',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'severity'))),
            '</legend>',
        ))
        for l_2_s in (undefined(name='severities') if l_1_severities is missing else l_1_severities):
            _loop_vars = {}
            pass
            t_10.extend((
                '<label class="chk"><input type="checkbox" name="sev" value="',
                escape(environment.finalize(environment.getattr(l_2_s, 'value'))),
                '" checked> <span class="badge b-',
                escape(environment.finalize(environment.getattr(l_2_s, 'value'))),
                '">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), markup_join(('sev_', environment.getattr(l_2_s, 'name'), ))))),
                '</span></label>',
            ))
        l_2_s = missing
        t_10.extend((
            '</fieldset><label>',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'rule'))),
            '<select id="f-rule"><option value="">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'all_rules'))),
            '</option>',
        ))
        for l_2_g in (undefined(name='rules_by_code') if l_1_rules_by_code is missing else l_1_rules_by_code):
            _loop_vars = {}
            pass
            t_10.extend((
                '<option value="',
                escape(environment.finalize(environment.getattr(l_2_g, 'key'))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_g, 'key'))),
                ' ',
                escape(environment.finalize(environment.getattr(l_2_g, 'label'))),
                ' (',
                escape(environment.finalize(environment.getattr(l_2_g, 'total'))),
                ')</option>',
            ))
        l_2_g = missing
        t_10.extend((
            '</select></label><label>',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'unit'))),
            '<select id="f-unit"><option value="">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'all_units'))),
            '</option>',
        ))
        for l_2_part in context.call((undefined(name='unit_options') if l_1_unit_options is missing else l_1_unit_options)):
            _loop_vars = {}
            pass
            t_10.append(
                escape(environment.finalize(l_2_part)),
            )
        l_2_part = missing
        t_10.extend((
            '</select></label><label class="grow">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'search'))),
            '<input type="search" id="f-text" placeholder="',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'search_hint'))),
            '" autocomplete="off"></label><label>',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'sort'))),
            '<select id="f-sort">',
        ))
        for l_2_k in ('severity', 'file', 'rule'):
            _loop_vars = {}
            pass
            t_10.extend((
                '<option value="',
                escape(environment.finalize(l_2_k)),
                '">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), markup_join(('sort_', l_2_k, ))))),
                '</option>',
            ))
        l_2_k = missing
        t_10.extend((
            '</select></label><button type="button" id="f-reset">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'reset'))),
            '</button></div>',
        ))
        return concat(t_10)
    context.exported_vars.add('filters')
    context.vars['filters'] = l_0_filters = Macro(environment, macro, 'filters', (), False, False, False, context.eval_ctx.autoescape)
    yield from parent_template.root_render_func(context)

def block_body(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_w = resolve('w')
    l_0_meta = resolve('meta')
    l_0_dashboard = resolve('dashboard')
    l_0_cards = resolve('cards')
    l_0_charts = resolve('charts')
    l_0_many = resolve('many')
    l_0_lay = resolve('lay')
    l_0_severity_headers = resolve('severity_headers')
    l_0_unit_table = resolve('unit_table')
    l_0_rule_table = resolve('rule_table')
    l_0_n_findings = resolve('n_findings')
    l_0_filters = resolve('filters')
    l_0_unit_sections = resolve('unit_sections')
    l_0_rule_groups = resolve('rule_groups')
    l_0_rules_by_code = resolve('rules_by_code')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<header><h1>'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'heading')))
    yield '</h1><p class="meta">'
    yield escape(environment.finalize((undefined(name='meta') if l_0_meta is missing else l_0_meta)))
    yield '</p>'
    if (undefined(name='dashboard') if l_0_dashboard is missing else l_0_dashboard):
        pass
        yield '<p class="back"><a href="'
        yield escape(environment.finalize((undefined(name='dashboard') if l_0_dashboard is missing else l_0_dashboard)))
        yield '" id="to-dashboard">← '
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'back')))
        yield '</a></p>'
    yield '</header><main>'
    yield escape(environment.finalize(context.call((undefined(name='cards') if l_0_cards is missing else l_0_cards), _block_vars=_block_vars)))
    yield '<section id="overview"><p class="hint">'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'click_hint')))
    yield '</p><div class="charts">'
    for l_1_c in (undefined(name='charts') if l_0_charts is missing else l_0_charts):
        l_1_chart = resolve('chart')
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='chart') if l_1_chart is missing else l_1_chart), l_1_c, _loop_vars=_loop_vars)))
    l_1_c = l_1_chart = missing
    yield '</div><h2>'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'per_unit')))
    yield '</h2>'
    if (undefined(name='many') if l_0_many is missing else l_0_many):
        pass
        yield '<details class="more" id="unit-overview"><summary>'
        yield escape(environment.finalize(context.call(environment.getattr(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'show_all_units'), 'format'), n=t_1(environment.getattr((undefined(name='lay') if l_0_lay is missing else l_0_lay), 'units')), _block_vars=_block_vars)))
        yield '</summary>'
    yield '<table class="overview" id="unit-table"><thead><tr><th scope="col">'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'unit')))
    yield '</th><th scope="col">'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'report_list')))
    yield '</th>'
    yield escape(environment.finalize(context.call((undefined(name='severity_headers') if l_0_severity_headers is missing else l_0_severity_headers), _block_vars=_block_vars)))
    yield '</tr></thead>'
    for l_1_part in context.call((undefined(name='unit_table') if l_0_unit_table is missing else l_0_unit_table), _block_vars=_block_vars):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(l_1_part))
    l_1_part = missing
    yield '</table>'
    if (undefined(name='many') if l_0_many is missing else l_0_many):
        pass
        yield '</details>'
    yield '<h2>'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'per_rule')))
    yield '</h2>'
    yield escape(environment.finalize(context.call((undefined(name='rule_table') if l_0_rule_table is missing else l_0_rule_table), _block_vars=_block_vars)))
    yield '</section><section id="findings"><h2>'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'findings')))
    yield '</h2><noscript><p class="hint">'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'noscript')))
    yield '</p></noscript>'
    if (undefined(name='n_findings') if l_0_n_findings is missing else l_0_n_findings):
        pass
        yield escape(environment.finalize(context.call((undefined(name='filters') if l_0_filters is missing else l_0_filters), _block_vars=_block_vars)))
        yield '<p id="count" aria-live="polite">'
        yield escape(environment.finalize(context.call(environment.getattr(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'showing'), 'format'), n=(undefined(name='n_findings') if l_0_n_findings is missing else l_0_n_findings), total=(undefined(name='n_findings') if l_0_n_findings is missing else l_0_n_findings), _block_vars=_block_vars)))
        yield '</p>'
    else:
        pass
        yield '<p class="none">'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'none')))
        yield '</p>'
    yield '<div id="units">'
    for l_1_part in context.call((undefined(name='unit_sections') if l_0_unit_sections is missing else l_0_unit_sections), _block_vars=_block_vars):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(l_1_part))
    l_1_part = missing
    yield '</div><p id="no-match" hidden>'
    yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'no_match')))
    yield '</p></section>'
    if (undefined(name='rule_groups') if l_0_rule_groups is missing else l_0_rule_groups):
        pass
        yield '<section id="rules"><h2>'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'rules')))
        yield '</h2><p class="hint">'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'rules_hint')))
        yield '</p>'
        for l_1_g in (undefined(name='rules_by_code') if l_0_rules_by_code is missing else l_0_rules_by_code):
            l_1_rule_doc = resolve('rule_doc')
            _loop_vars = {}
            pass
            yield escape(environment.finalize(context.call((undefined(name='rule_doc') if l_1_rule_doc is missing else l_1_rule_doc), l_1_g, _loop_vars=_loop_vars)))
        l_1_g = l_1_rule_doc = missing
        yield '</section>'
    yield '</main>'

blocks = {'body': block_body}
debug_info = '2=25&4=28&6=34&9=56&12=96&15=164&18=210&21=276&24=347&27=438'
# Generated by python -m checker.templating_gen from checker/outputs/templates/findings.html.j2: do not edit.
