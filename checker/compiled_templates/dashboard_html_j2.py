from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dashboard.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_card = l_0_cards = l_0_totals_chart = l_0_severity_heads = l_0_missing_badge = l_0_filter = l_0_rule_table = l_0_runs_table = l_0_unit_findings = l_0_checked_files = missing
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
    parent_template = environment.get_template('page.html.j2', 'dashboard.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    def macro(l_1_cls, l_1_num, l_1_label, l_1_sub):
        t_3 = []
        if l_1_cls is missing:
            l_1_cls = undefined("parameter 'cls' was not provided", name='cls')
        if l_1_num is missing:
            l_1_num = undefined("parameter 'num' was not provided", name='num')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        if l_1_sub is missing:
            l_1_sub = ''
        pass
        t_3.extend((
            '<div class="card ',
            escape(environment.finalize(l_1_cls)),
            '"><span class="num">',
            escape(environment.finalize(l_1_num)),
            '</span><span class="lbl">',
            escape(environment.finalize(l_1_label)),
        ))
        if l_1_sub:
            pass
            t_3.extend((
                '<br><small>',
                escape(environment.finalize(l_1_sub)),
                '</small>',
            ))
        t_3.append(
            '</span></div>',
        )
        return concat(t_3)
    context.exported_vars.add('card')
    context.vars['card'] = l_0_card = Macro(environment, macro, 'card', ('cls', 'num', 'label', 'sub'), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_4 = []
        l_1_previous = resolve('previous')
        l_1_w = resolve('w')
        l_1_latest = resolve('latest')
        l_1_unit_rows = resolve('unit_rows')
        l_1_severity_cards = resolve('severity_cards')
        l_1_new = resolve('new')
        l_1_fixed = resolve('fixed')
        l_1_n_missing = resolve('n_missing')
        l_1_since = missing
        pass
        l_1_since = (environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'since') if (undefined(name='previous') if l_1_previous is missing else l_1_previous) else environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'first'))
        t_4.extend((
            '<section class="cards">',
            escape(environment.finalize(context.call((undefined(name='card') if l_0_card is missing else l_0_card), '', environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'files'), environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'reports'), context.call(environment.getattr(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'checked_cached'), 'format'), checked=environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'checked'), cached=environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'cached'))))),
            escape(environment.finalize(context.call((undefined(name='card') if l_0_card is missing else l_0_card), '', t_1((undefined(name='unit_rows') if l_1_unit_rows is missing else l_1_unit_rows)), environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'units')))),
        ))
        for (l_2_sev, l_2_now, l_2_before) in (undefined(name='severity_cards') if l_1_severity_cards is missing else l_1_severity_cards):
            l_2_sub = missing
            _loop_vars = {}
            pass
            l_3_delta = resolve('delta')
            t_5 = []
            pass
            if (undefined(name='previous') if l_1_previous is missing else l_1_previous):
                pass
                t_5.extend((
                    escape(environment.finalize(context.call((undefined(name='delta') if l_3_delta is missing else l_3_delta), l_2_now, l_2_before))),
                    ' ',
                ))
            t_5.append(
                escape(environment.finalize((undefined(name='since') if l_1_since is missing else l_1_since))),
            )
            l_2_sub = (Markup if context.eval_ctx.autoescape else identity)(concat(t_5))
            _loop_vars['sub'] = l_2_sub
            l_3_delta = missing
            t_4.append(
                escape(environment.finalize(context.call((undefined(name='card') if l_0_card is missing else l_0_card), markup_join(('c-', environment.getattr(l_2_sev, 'value'), )), l_2_now, environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), environment.getattr(l_2_sev, 'name')), (undefined(name='sub') if l_2_sub is missing else l_2_sub), _loop_vars=_loop_vars))),
            )
        l_2_sev = l_2_now = l_2_before = l_2_sub = missing
        if ((not t_2((undefined(name='new') if l_1_new is missing else l_1_new))) and (not t_2((undefined(name='fixed') if l_1_fixed is missing else l_1_fixed)))):
            pass
            t_4.extend((
                escape(environment.finalize(context.call((undefined(name='card') if l_0_card is missing else l_0_card), 'c-new', (undefined(name='new') if l_1_new is missing else l_1_new), environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'new'), (undefined(name='since') if l_1_since is missing else l_1_since)))),
                escape(environment.finalize(context.call((undefined(name='card') if l_0_card is missing else l_0_card), 'c-fixed', (undefined(name='fixed') if l_1_fixed is missing else l_1_fixed), environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'fixed'), (undefined(name='since') if l_1_since is missing else l_1_since)))),
            ))
        if (undefined(name='n_missing') if l_1_n_missing is missing else l_1_n_missing):
            pass
            t_4.append(
                escape(environment.finalize(context.call((undefined(name='card') if l_0_card is missing else l_0_card), 'c-error c-missing', (undefined(name='n_missing') if l_1_n_missing is missing else l_1_n_missing), environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'missing'), 'RK106'))),
            )
        if environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'internal_errors'):
            pass
            t_4.append(
                escape(environment.finalize(context.call((undefined(name='card') if l_0_card is missing else l_0_card), 'c-error', environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'internal_errors'), environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'internal')))),
            )
        t_4.append(
            '</section>',
        )
        return concat(t_4)
    context.exported_vars.add('cards')
    context.vars['cards'] = l_0_cards = Macro(environment, macro, 'cards', (), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_t):
        t_6 = []
        l_1_w = resolve('w')
        l_1_severities = resolve('severities')
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        t_6.extend((
            '<figure class="chart" id="totals"><figcaption>',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'totals_chart'))),
            '<span class="legend">',
        ))
        for l_2_s in (undefined(name='severities') if l_1_severities is missing else l_1_severities):
            _loop_vars = {}
            pass
            t_6.extend((
                '<span class="key"><span class="sw s-',
                escape(environment.finalize(environment.getattr(l_2_s, 'value'))),
                '"></span>',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), environment.getattr(l_2_s, 'name')))),
                '</span>',
            ))
        l_2_s = missing
        t_6.extend((
            '</span></figcaption><svg class="totals" width="',
            escape(environment.finalize(environment.getattr(l_1_t, 'width'))),
            '" height="',
            escape(environment.finalize(environment.getattr(l_1_t, 'height'))),
            '" viewBox="0 0 ',
            escape(environment.finalize(environment.getattr(l_1_t, 'width'))),
            ' ',
            escape(environment.finalize(environment.getattr(l_1_t, 'height'))),
            '" role="img" aria-label="',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'totals_chart'))),
            '">',
        ))
        for (l_2_y, l_2_label_y, l_2_tick) in environment.getattr(l_1_t, 'ticks'):
            _loop_vars = {}
            pass
            t_6.extend((
                '<line x1="',
                escape(environment.finalize(environment.getattr(l_1_t, 'left'))),
                '" y1="',
                escape(environment.finalize(l_2_y)),
                '" x2="',
                escape(environment.finalize(environment.getattr(l_1_t, 'right'))),
                '" y2="',
                escape(environment.finalize(l_2_y)),
                '" class="grid"/><text x="',
                escape(environment.finalize((environment.getattr(l_1_t, 'left') - 6))),
                '" y="',
                escape(environment.finalize(l_2_label_y)),
                '" class="ax" text-anchor="end">',
                escape(environment.finalize(l_2_tick)),
                '</text>',
            ))
        l_2_y = l_2_label_y = l_2_tick = missing
        t_6.extend((
            '<line x1="',
            escape(environment.finalize(environment.getattr(l_1_t, 'left'))),
            '" y1="',
            escape(environment.finalize(environment.getattr(l_1_t, 'top'))),
            '" x2="',
            escape(environment.finalize(environment.getattr(l_1_t, 'left'))),
            '" y2="',
            escape(environment.finalize(environment.getattr(l_1_t, 'base'))),
            '" class="axis"/><line x1="',
            escape(environment.finalize(environment.getattr(l_1_t, 'left'))),
            '" y1="',
            escape(environment.finalize(environment.getattr(l_1_t, 'base'))),
            '" x2="',
            escape(environment.finalize(environment.getattr(l_1_t, 'right'))),
            '" y2="',
            escape(environment.finalize(environment.getattr(l_1_t, 'base'))),
            '" class="axis"/><text x="14" y="',
            escape(environment.finalize(environment.getattr(l_1_t, 'mid_y'))),
            '" class="ax t" text-anchor="middle" transform="rotate(-90 14 ',
            escape(environment.finalize(environment.getattr(l_1_t, 'mid_y'))),
            ')">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'axis_y'))),
            '</text><text x="',
            escape(environment.finalize(environment.getattr(l_1_t, 'mid_x'))),
            '" y="',
            escape(environment.finalize((environment.getattr(l_1_t, 'height') - 6))),
            '" class="ax t" text-anchor="middle">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'axis_x'))),
            '</text>',
        ))
        for (l_2_sev, l_2_path, l_2_points) in environment.getattr(l_1_t, 'series'):
            _loop_vars = {}
            pass
            if (not t_2(l_2_path)):
                pass
                t_6.extend((
                    '<path d="',
                    escape(environment.finalize(l_2_path)),
                    '" class="l-',
                    escape(environment.finalize(l_2_sev)),
                    '"/>',
                ))
            for (l_3_x, l_3_y, l_3_tip) in l_2_points:
                _loop_vars = {}
                pass
                t_6.extend((
                    '<circle cx="',
                    escape(environment.finalize(l_3_x)),
                    '" cy="',
                    escape(environment.finalize(l_3_y)),
                    '" r="3" class="p-',
                    escape(environment.finalize(l_2_sev)),
                    '"><title>',
                    escape(environment.finalize(l_3_tip)),
                    '</title></circle>',
                ))
            l_3_x = l_3_y = l_3_tip = missing
        l_2_sev = l_2_path = l_2_points = missing
        for (l_2_x, l_2_anchor, l_2_label) in environment.getattr(l_1_t, 'dates'):
            _loop_vars = {}
            pass
            t_6.extend((
                '<line x1="',
                escape(environment.finalize(l_2_x)),
                '" y1="',
                escape(environment.finalize(environment.getattr(l_1_t, 'base'))),
                '" x2="',
                escape(environment.finalize(l_2_x)),
                '" y2="',
                escape(environment.finalize((environment.getattr(l_1_t, 'base') + 4))),
                '" class="axis"/><text x="',
                escape(environment.finalize(l_2_x)),
                '" y="',
                escape(environment.finalize((environment.getattr(l_1_t, 'base') + 18))),
                '" class="ax date" text-anchor="',
                escape(environment.finalize(l_2_anchor)),
                '">',
                escape(environment.finalize(l_2_label)),
                '</text>',
            ))
        l_2_x = l_2_anchor = l_2_label = missing
        t_6.append(
            '</svg></figure>',
        )
        return concat(t_6)
    context.exported_vars.add('totals_chart')
    context.vars['totals_chart'] = l_0_totals_chart = Macro(environment, macro, 'totals_chart', ('t',), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_7 = []
        l_1_severities = resolve('severities')
        l_1_w = resolve('w')
        pass
        for l_2_s in (undefined(name='severities') if l_1_severities is missing else l_1_severities):
            _loop_vars = {}
            pass
            t_7.extend((
                '<th class="n" scope="col" data-sort="n">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), environment.getattr(l_2_s, 'name')))),
                '</th>',
            ))
        l_2_s = missing
        t_7.extend((
            '<th class="n" scope="col" data-sort="n">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'total'))),
            '</th>',
        ))
        return concat(t_7)
    context.exported_vars.add('severity_heads')
    context.vars['severity_heads'] = l_0_severity_heads = Macro(environment, macro, 'severity_heads', (), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_row):
        t_8 = []
        l_1_missing = resolve('missing')
        l_1_w = resolve('w')
        if l_1_row is missing:
            l_1_row = undefined("parameter 'row' was not provided", name='row')
        pass
        if (environment.getattr(l_1_row, 'key') in (undefined(name='missing') if l_1_missing is missing else l_1_missing)):
            pass
            t_8.extend((
                ' <span class="missing">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'missing_unit'))),
                '</span>',
            ))
        return concat(t_8)
    context.exported_vars.add('missing_badge')
    context.vars['missing_badge'] = l_0_missing_badge = Macro(environment, macro, 'missing_badge', ('row',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_table, l_1_hint):
        t_9 = []
        l_1_w = resolve('w')
        if l_1_table is missing:
            l_1_table = undefined("parameter 'table' was not provided", name='table')
        if l_1_hint is missing:
            l_1_hint = undefined("parameter 'hint' was not provided", name='hint')
        pass
        t_9.extend((
            '<div class="filter"><label>',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'filter'))),
            ' <input type="search" data-table="',
            escape(environment.finalize(l_1_table)),
            '" placeholder="',
            escape(environment.finalize(l_1_hint)),
            '"></label></div>',
        ))
        return concat(t_9)
    context.exported_vars.add('filter')
    context.vars['filter'] = l_0_filter = Macro(environment, macro, 'filter', ('table', 'hint'), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_10 = []
        l_1_w = resolve('w')
        l_1_n_runs = resolve('n_runs')
        l_1_rule_rows = resolve('rule_rows')
        pass
        t_10.extend((
            escape(environment.finalize(context.call((undefined(name='filter') if l_0_filter is missing else l_0_filter), 'rule-table', environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'filter_rule')))),
            '<table class="overview sortable" id="rule-table"><thead><tr><th scope="col" data-sort="s">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'rule'))),
            '</th><th scope="col" data-sort="s">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'name'))),
            '</th>',
            escape(environment.finalize(context.call((undefined(name='severity_heads') if l_0_severity_heads is missing else l_0_severity_heads)))),
            '<th class="n" scope="col" data-sort="n">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'change'))),
            '</th><th scope="col">',
            escape(environment.finalize(context.call(environment.getattr(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'trend'), 'format'), n=(undefined(name='n_runs') if l_1_n_runs is missing else l_1_n_runs)))),
            '</th></tr></thead><tbody>',
        ))
        for l_2_row in (undefined(name='rule_rows') if l_1_rule_rows is missing else l_1_rule_rows):
            l_2_count_cells = resolve('count_cells')
            l_2_change_cells = resolve('change_cells')
            _loop_vars = {}
            pass
            t_10.extend((
                '<tr><th scope="row" data-v="',
                escape(environment.finalize(environment.getattr(l_2_row, 'key'))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_row, 'key'))),
                '</th><td class="rname" data-v="',
                escape(environment.finalize(environment.getattr(l_2_row, 'label'))),
                '">',
                escape(environment.finalize(environment.getattr(l_2_row, 'label'))),
                '</td>',
                escape(environment.finalize(context.call((undefined(name='count_cells') if l_2_count_cells is missing else l_2_count_cells), environment.getattr(l_2_row, 'now'), _loop_vars=_loop_vars))),
                escape(environment.finalize(context.call((undefined(name='change_cells') if l_2_change_cells is missing else l_2_change_cells), l_2_row, _loop_vars=_loop_vars))),
                '</tr>',
            ))
        l_2_row = l_2_count_cells = l_2_change_cells = missing
        t_10.append(
            '</tbody></table>',
        )
        return concat(t_10)
    context.exported_vars.add('rule_table')
    context.vars['rule_table'] = l_0_rule_table = Macro(environment, macro, 'rule_table', (), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_11 = []
        l_1_run_heads = resolve('run_heads')
        l_1_internal = resolve('internal')
        l_1_w = resolve('w')
        l_1_run_rows = resolve('run_rows')
        l_1_total_runs = resolve('total_runs')
        pass
        t_11.append(
            '<table class="overview" id="runs-table"><thead><tr>',
        )
        for l_2_k in (undefined(name='run_heads') if l_1_run_heads is missing else l_1_run_heads):
            _loop_vars = {}
            pass
            t_11.append(
                '<th scope="col"',
            )
            if (l_2_k != 'date'):
                pass
                t_11.append(
                    ' class=n',
                )
            t_11.extend((
                '>',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), l_2_k))),
                '</th>',
            ))
        l_2_k = missing
        if (undefined(name='internal') if l_1_internal is missing else l_1_internal):
            pass
            t_11.extend((
                '<th scope="col" class="n">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'internal'))),
                '</th>',
            ))
        t_11.append(
            '</tr></thead><tbody>',
        )
        l_2_loop = missing
        for (l_2_cells, l_2_errors), l_2_loop in LoopContext((undefined(name='run_rows') if l_1_run_rows is missing else l_1_run_rows), undefined):
            _loop_vars = {}
            pass
            t_11.append(
                '<tr>',
            )
            l_3_loop = missing
            for l_3_c, l_3_loop in LoopContext(l_2_cells, undefined):
                _loop_vars = {}
                pass
                if (environment.getattr(l_3_loop, 'index0') == 1):
                    pass
                    t_11.extend((
                        '<td>',
                        escape(environment.finalize(l_3_c)),
                        '</td>',
                    ))
                else:
                    pass
                    t_11.extend((
                        '<td class="n">',
                        escape(environment.finalize(l_3_c)),
                        '</td>',
                    ))
            l_3_loop = l_3_c = missing
            if (undefined(name='internal') if l_1_internal is missing else l_1_internal):
                pass
                t_11.extend((
                    '<td class="n',
                    escape(environment.finalize((' c-error' if l_2_errors else ''))),
                    '">',
                    escape(environment.finalize(l_2_errors)),
                    '</td>',
                ))
            t_11.append(
                '</tr>',
            )
        l_2_loop = l_2_cells = l_2_errors = missing
        t_11.append(
            '</tbody></table>',
        )
        if ((undefined(name='total_runs') if l_1_total_runs is missing else l_1_total_runs) > t_1((undefined(name='run_rows') if l_1_run_rows is missing else l_1_run_rows))):
            pass
            t_11.extend((
                '<p class="hint">',
                escape(environment.finalize(context.call(environment.getattr(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'runs_shown'), 'format'), n=t_1((undefined(name='run_rows') if l_1_run_rows is missing else l_1_run_rows)), total=(undefined(name='total_runs') if l_1_total_runs is missing else l_1_total_runs)))),
                '</p>',
            ))
        return concat(t_11)
    context.exported_vars.add('runs_table')
    context.vars['runs_table'] = l_0_runs_table = Macro(environment, macro, 'runs_table', (), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_row, l_1_items):
        t_12 = []
        l_1_anchors = resolve('anchors')
        l_1_severities = resolve('severities')
        l_1_links = resolve('links')
        l_1_w = resolve('w')
        if l_1_row is missing:
            l_1_row = undefined("parameter 'row' was not provided", name='row')
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        pass
        t_12.extend((
            '<details id="',
            escape(environment.finalize(environment.getitem((undefined(name='anchors') if l_1_anchors is missing else l_1_anchors), environment.getattr(l_1_row, 'key')))),
            '"><summary><strong>',
            escape(environment.finalize(environment.getattr(l_1_row, 'label'))),
            '</strong>',
            escape(environment.finalize(context.call((undefined(name='missing_badge') if l_0_missing_badge is missing else l_0_missing_badge), l_1_row))),
            ' <span class="hint">(',
        ))
        def t_13(fiter):
            for l_2_s in fiter:
                if environment.getitem(environment.getattr(l_1_row, 'now'), l_2_s):
                    yield l_2_s
        l_2_loop = missing
        for l_2_s, l_2_loop in LoopContext(t_13((undefined(name='severities') if l_1_severities is missing else l_1_severities)), undefined):
            _loop_vars = {}
            pass
            if (not environment.getattr(l_2_loop, 'first')):
                pass
                t_12.append(
                    ', ',
                )
            t_12.extend((
                escape(environment.finalize(environment.getitem(environment.getattr(l_1_row, 'now'), l_2_s))),
                ' ',
                escape(environment.finalize(context.call(environment.getattr(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), environment.getattr(l_2_s, 'name')), 'lower'), _loop_vars=_loop_vars))),
            ))
        l_2_loop = l_2_s = missing
        t_12.append(
            ')</span></summary>',
        )
        if (environment.getattr(l_1_row, 'key') in (undefined(name='links') if l_1_links is missing else l_1_links)):
            pass
            t_12.extend((
                ' <a href="',
                escape(environment.finalize(environment.getitem((undefined(name='links') if l_1_links is missing else l_1_links), environment.getattr(l_1_row, 'key')))),
                '">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'open_unit'))),
                '</a>',
            ))
        t_12.extend((
            '<table class="findings"><thead><tr><th scope="col">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'file'))),
            '</th><th scope="col"></th><th scope="col">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'rule'))),
            '</th><th scope="col">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'message'))),
            '</th><th scope="col">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'where'))),
            '</th></tr></thead><tbody>',
        ))
        for (l_2_f, l_2_where, l_2_message, l_2_suggestion) in l_1_items:
            _loop_vars = {}
            pass
            t_12.extend((
                '<tr class="s-',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'severity'), 'value'))),
                '"><td class="loc">',
                escape(environment.finalize(environment.getattr(l_2_f, 'file'))),
                ':',
                escape(environment.finalize(environment.getattr(l_2_f, 'line'))),
                '</td><td><span class="badge b-',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'severity'), 'value'))),
                '">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), markup_join(('sev_', environment.getattr(environment.getattr(l_2_f, 'severity'), 'value'), ))))),
                '</span></td><td class="code">',
                escape(environment.finalize(environment.getattr(l_2_f, 'code'))),
                '</td><td>',
                escape(environment.finalize(l_2_message)),
            ))
            if l_2_suggestion:
                pass
                t_12.extend((
                    '<div class="sugg">',
                    escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'suggestion'))),
                    ': ',
                    escape(environment.finalize(l_2_suggestion)),
                    '</div>',
                ))
            t_12.extend((
                '</td><td class="where">',
                escape(environment.finalize(l_2_where)),
                '</td></tr>',
            ))
        l_2_f = l_2_where = l_2_message = l_2_suggestion = missing
        t_12.append(
            '</tbody></table></details>',
        )
        return concat(t_12)
    context.exported_vars.add('unit_findings')
    context.vars['unit_findings'] = l_0_unit_findings = Macro(environment, macro, 'unit_findings', ('row', 'items'), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_14 = []
        l_1_checked_note = resolve('checked_note')
        l_1_checked_list = resolve('checked_list')
        pass
        t_14.extend((
            '<p class="hint">',
            escape(environment.finalize((undefined(name='checked_note') if l_1_checked_note is missing else l_1_checked_note))),
            '</p>',
        ))
        if (undefined(name='checked_list') if l_1_checked_list is missing else l_1_checked_list):
            pass
            t_14.append(
                '<ul class="checked">',
            )
            for l_2_f in (undefined(name='checked_list') if l_1_checked_list is missing else l_1_checked_list):
                _loop_vars = {}
                pass
                t_14.extend((
                    '<li>',
                    escape(environment.finalize(l_2_f)),
                    '</li>',
                ))
            l_2_f = missing
            t_14.append(
                '</ul>',
            )
        return concat(t_14)
    context.exported_vars.add('checked_files')
    context.vars['checked_files'] = l_0_checked_files = Macro(environment, macro, 'checked_files', (), False, False, False, context.eval_ctx.autoescape)
    yield from parent_template.root_render_func(context)

def block_body(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_latest = resolve('latest')
    l_0_w = resolve('w')
    l_0_meta = resolve('meta')
    l_0_findings = resolve('findings')
    l_0_cards = resolve('cards')
    l_0_totals_chart = resolve('totals_chart')
    l_0_totals = resolve('totals')
    l_0_filter = resolve('filter')
    l_0_severity_heads = resolve('severity_heads')
    l_0_n_runs = resolve('n_runs')
    l_0_unit_table = resolve('unit_table')
    l_0_rule_rows = resolve('rule_rows')
    l_0_rule_table = resolve('rule_table')
    l_0_runs_table = resolve('runs_table')
    l_0_checked_files = resolve('checked_files')
    l_0_latest_units = resolve('latest_units')
    try:
        t_2 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    if t_2((undefined(name='latest') if l_0_latest is missing else l_0_latest)):
        pass
        yield '<header><h1>'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'heading')))
        yield '</h1></header><main><p class="none">'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'no_runs')))
        yield '</p></main>'
    else:
        pass
        yield '<header><h1>'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'heading')))
        yield '</h1><p class="meta">'
        yield escape(environment.finalize((undefined(name='meta') if l_0_meta is missing else l_0_meta)))
        yield '</p>'
        if (undefined(name='findings') if l_0_findings is missing else l_0_findings):
            pass
            yield '<p class="to-findings"><a id="to-findings" href="'
            yield escape(environment.finalize((undefined(name='findings') if l_0_findings is missing else l_0_findings)))
            yield '">'
            yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'findings_page')))
            yield ' →</a></p>'
        yield '</header><main>'
        yield escape(environment.finalize(context.call((undefined(name='cards') if l_0_cards is missing else l_0_cards), _block_vars=_block_vars)))
        if environment.getattr((undefined(name='latest') if l_0_latest is missing else l_0_latest), 'internal_errors'):
            pass
            yield '<p class="alert">'
            yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'internal_note')))
            yield '</p>'
        yield escape(environment.finalize(context.call((undefined(name='totals_chart') if l_0_totals_chart is missing else l_0_totals_chart), (undefined(name='totals') if l_0_totals is missing else l_0_totals), _block_vars=_block_vars)))
        yield '<section id="per-unit"><h2>'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'per_unit')))
        yield '</h2><p class="hint">'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'sort')))
        yield ' '
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'spark_key')))
        yield '</p>'
        yield escape(environment.finalize(context.call((undefined(name='filter') if l_0_filter is missing else l_0_filter), 'unit-table', environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'filter_unit'), _block_vars=_block_vars)))
        yield '<table class="overview sortable" id="unit-table"><thead><tr><th scope="col" data-sort="s">'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'unit')))
        yield '</th><th class="n" scope="col" data-sort="n">'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'reports')))
        yield '</th>'
        yield escape(environment.finalize(context.call((undefined(name='severity_heads') if l_0_severity_heads is missing else l_0_severity_heads), _block_vars=_block_vars)))
        yield '<th class="n" scope="col" data-sort="n">'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'change')))
        yield '</th><th scope="col">'
        yield escape(environment.finalize(context.call(environment.getattr(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'trend'), 'format'), n=(undefined(name='n_runs') if l_0_n_runs is missing else l_0_n_runs), _block_vars=_block_vars)))
        yield '</th></tr></thead>'
        for l_1_part in context.call((undefined(name='unit_table') if l_0_unit_table is missing else l_0_unit_table), _block_vars=_block_vars):
            _loop_vars = {}
            pass
            yield escape(environment.finalize(l_1_part))
        l_1_part = missing
        yield '</table></section><section id="per-rule"><h2>'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'per_rule')))
        yield '</h2>'
        if (undefined(name='rule_rows') if l_0_rule_rows is missing else l_0_rule_rows):
            pass
            yield escape(environment.finalize(context.call((undefined(name='rule_table') if l_0_rule_table is missing else l_0_rule_table), _block_vars=_block_vars)))
        else:
            pass
            yield '<p class="none">'
            yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'none')))
            yield '</p>'
        yield '</section><section id="runs"><h2>'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'runs')))
        yield '</h2>'
        yield escape(environment.finalize(context.call((undefined(name='runs_table') if l_0_runs_table is missing else l_0_runs_table), _block_vars=_block_vars)))
        yield '</section><section id="checked"><h2>'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'checked_list')))
        yield '</h2>'
        yield escape(environment.finalize(context.call((undefined(name='checked_files') if l_0_checked_files is missing else l_0_checked_files), _block_vars=_block_vars)))
        yield '</section><section id="latest"><h2>'
        yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'latest')))
        yield '</h2>'
        if (not (undefined(name='latest_units') if l_0_latest_units is missing else l_0_latest_units)):
            pass
            yield '<p class="none">'
            yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'none')))
            yield '</p>'
        else:
            pass
            yield '<p class="hint">'
            yield escape(environment.finalize(environment.getitem((undefined(name='w') if l_0_w is missing else l_0_w), 'latest_hint')))
            yield '</p>'
            for (l_1_committee, l_1_units) in (undefined(name='latest_units') if l_0_latest_units is missing else l_0_latest_units):
                _loop_vars = {}
                pass
                if l_1_committee:
                    pass
                    yield '<h3>'
                    yield escape(environment.finalize(l_1_committee))
                    yield '</h3>'
                for l_2_row in l_1_units:
                    l_2_parts = resolve('parts')
                    l_2_unit_findings = resolve('unit_findings')
                    _loop_vars = {}
                    pass
                    yield escape(environment.finalize((context.call(environment.getattr((undefined(name='parts') if l_2_parts is missing else l_2_parts), 'stored'), l_2_row, _loop_vars=_loop_vars) or context.call(environment.getattr((undefined(name='parts') if l_2_parts is missing else l_2_parts), 'keep'), environment.getattr(l_2_row, 'key'), context.call((undefined(name='unit_findings') if l_2_unit_findings is missing else l_2_unit_findings), l_2_row, context.call(environment.getattr((undefined(name='parts') if l_2_parts is missing else l_2_parts), 'items'), l_2_row, _loop_vars=_loop_vars), _loop_vars=_loop_vars), _loop_vars=_loop_vars))))
                l_2_row = l_2_parts = l_2_unit_findings = missing
            l_1_committee = l_1_units = missing
        yield '</section></main>'

blocks = {'body': block_body}
debug_info = '2=25&4=28&7=60&10=123&13=268&16=290&18=307&21=327&24=373&27=463&30=565&33=597'
# Generated by python -m checker.templating_gen from checker/nightly/templates/dashboard.html.j2: do not edit.
