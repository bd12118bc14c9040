from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'findings_unit.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_missing = l_0_code = l_0_finding = l_0_unit_head = l_0_unit = missing
    try:
        t_1 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    def macro(l_1_g):
        t_2 = []
        l_1_w = resolve('w')
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        pass
        if environment.getattr(l_1_g, 'missing'):
            pass
            t_2.extend((
                ' <span class="missing">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'missing'))),
                '</span>',
            ))
        return concat(t_2)
    context.exported_vars.add('missing')
    context.vars['missing'] = l_0_missing = Macro(environment, macro, 'missing', ('g',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_c):
        t_3 = []
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_3.extend((
            '<a class="code" href="#rule-',
            escape(environment.finalize(l_1_c)),
            '">',
            escape(environment.finalize(l_1_c)),
            '</a>',
        ))
        return concat(t_3)
    context.exported_vars.add('code')
    context.vars['code'] = l_0_code = Macro(environment, macro, 'code', ('c',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_f):
        t_4 = []
        l_1_w = resolve('w')
        l_1_sev = missing
        if l_1_f is missing:
            l_1_f = undefined("parameter 'f' was not provided", name='f')
        pass
        l_1_sev = environment.getattr(environment.getattr(l_1_f, 'severity'), 'value')
        t_4.extend((
            '<li class="finding sev-',
            escape(environment.finalize((undefined(name='sev') if l_1_sev is missing else l_1_sev))),
            '" id="f',
            escape(environment.finalize(environment.getattr(l_1_f, 'i'))),
            '" data-r="',
            escape(environment.finalize(environment.getattr(l_1_f, 'code'))),
            '" data-s="',
            escape(environment.finalize((undefined(name='sev') if l_1_sev is missing else l_1_sev))),
            '" data-o="',
            escape(environment.finalize(environment.getattr(l_1_f, 'o'))),
            '"',
        ))
        if (not t_1(environment.getattr(l_1_f, 'f'))):
            pass
            t_4.extend((
                ' data-f="',
                escape(environment.finalize(environment.getattr(l_1_f, 'f'))),
                '"',
            ))
        t_4.extend((
            ' data-l="',
            escape(environment.finalize(environment.getattr(l_1_f, 'line'))),
            '" data-c="',
            escape(environment.finalize(environment.getattr(l_1_f, 'column'))),
            '"><div class="fhead"><span class="badge b-',
            escape(environment.finalize((undefined(name='sev') if l_1_sev is missing else l_1_sev))),
            '">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), markup_join(('sev_', environment.getattr(environment.getattr(l_1_f, 'severity'), 'name'), ))))),
            '</span>',
            escape(environment.finalize(context.call((undefined(name='code') if l_0_code is missing else l_0_code), environment.getattr(l_1_f, 'code')))),
            '<span class="rname">',
            escape(environment.finalize(environment.getattr(l_1_f, 'name'))),
            '</span><span class="loc">',
            escape(environment.finalize(environment.getattr(l_1_f, 'file'))),
            ':',
            escape(environment.finalize(environment.getattr(l_1_f, 'line'))),
            ':',
            escape(environment.finalize(environment.getattr(l_1_f, 'column'))),
            '</span></div><p class="msg">',
            escape(environment.finalize(environment.getattr(l_1_f, 'message'))),
            '</p>',
        ))
        if environment.getattr(l_1_f, 'label'):
            pass
            t_4.extend((
                '<p class="where"><span class="k">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'where'))),
                ':</span> ',
                escape(environment.finalize(environment.getattr(l_1_f, 'label'))),
                '</p>',
            ))
        elif environment.getattr(l_1_f, 'path'):
            pass
            t_4.extend((
                '<p class="where"><span class="k">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'where'))),
                ':</span> <code>',
                escape(environment.finalize(environment.getattr(l_1_f, 'path'))),
                '</code></p>',
            ))
        if (not t_1(environment.getattr(l_1_f, 'suggestion'))):
            pass
            t_4.extend((
                '<p class="sugg"><span class="k">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'suggestion'))),
                ':</span> ',
                escape(environment.finalize(environment.getattr(l_1_f, 'suggestion'))),
                '</p>',
            ))
        if environment.getattr(l_1_f, 'noexcerpt'):
            pass
            t_4.extend((
                '<p class="noexcerpt">',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'no_excerpt'))),
                '</p>',
            ))
        t_4.append(
            '</li>',
        )
        return concat(t_4)
    context.exported_vars.add('finding')
    context.vars['finding'] = l_0_finding = Macro(environment, macro, 'finding', ('f',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g, l_1_meta):
        t_5 = []
        l_1_severities = resolve('severities')
        l_1_w = resolve('w')
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        if l_1_meta is missing:
            l_1_meta = undefined("parameter 'meta' was not provided", name='meta')
        pass
        t_5.extend((
            '<summary><span class="uname">',
            escape(environment.finalize(environment.getattr(l_1_g, 'label'))),
            '</span>',
            escape(environment.finalize(context.call((undefined(name='missing') if l_0_missing is missing else l_0_missing), l_1_g))),
            ' ',
        ))
        def t_6(fiter):
            for l_2_s in fiter:
                if environment.getitem(environment.getattr(l_1_g, 'counts'), l_2_s):
                    yield l_2_s
        t_7 = 1
        for l_2_s in t_6((undefined(name='severities') if l_1_severities is missing else l_1_severities)):
            l_2_count = resolve('count')
            l_2_noun = resolve('noun')
            l_2_lang = resolve('lang')
            _loop_vars = {}
            pass
            t_5.extend((
                '<span class="badge b-',
                escape(environment.finalize(environment.getattr(l_2_s, 'value'))),
                '">',
                escape(environment.finalize(context.call((undefined(name='count') if l_2_count is missing else l_2_count), environment.getitem(environment.getattr(l_1_g, 'counts'), l_2_s), environment.getitem((undefined(name='noun') if l_2_noun is missing else l_2_noun), l_2_s), (undefined(name='lang') if l_2_lang is missing else l_2_lang), _loop_vars=_loop_vars))),
                '</span>',
            ))
            t_7 = 0
        l_2_s = l_2_count = l_2_noun = l_2_lang = missing
        if t_7:
            pass
            t_5.extend((
                '<span class="ok">✓ ',
                escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'clean_unit'))),
                '</span>',
            ))
        t_5.extend((
            ' <span class="ushown"></span></summary><div class="sheet-head"><p class="sheet-title">',
            escape(environment.finalize(context.call(environment.getattr(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'sheet'), 'format'), unit=environment.getattr(l_1_g, 'label')))),
            escape(environment.finalize(context.call((undefined(name='missing') if l_0_missing is missing else l_0_missing), l_1_g))),
            '</p><p class="sheet-meta">',
            escape(environment.finalize(l_1_meta)),
            '</p><p>',
        ))
        l_2_loop = missing
        for (l_2_name, l_2_title), l_2_loop in LoopContext(environment.getattr(l_1_g, 'files'), undefined):
            _loop_vars = {}
            pass
            if (not environment.getattr(l_2_loop, 'first')):
                pass
                t_5.append(
                    ' ',
                )
            t_5.extend((
                '<span class="rep" title="',
                escape(environment.finalize(l_2_name)),
                '">',
                escape(environment.finalize(l_2_title)),
                '</span>',
            ))
        l_2_loop = l_2_name = l_2_title = missing
        t_5.append(
            ' <span class="sheet-counts">',
        )
        l_2_loop = missing
        for l_2_s, l_2_loop in LoopContext((undefined(name='severities') if l_1_severities is missing else l_1_severities), undefined):
            l_2_count = resolve('count')
            l_2_noun = resolve('noun')
            l_2_lang = resolve('lang')
            _loop_vars = {}
            pass
            if (not environment.getattr(l_2_loop, 'first')):
                pass
                t_5.append(
                    ', ',
                )
            t_5.append(
                escape(environment.finalize(context.call((undefined(name='count') if l_2_count is missing else l_2_count), environment.getitem(environment.getattr(l_1_g, 'counts'), l_2_s), environment.getitem((undefined(name='noun') if l_2_noun is missing else l_2_noun), l_2_s), (undefined(name='lang') if l_2_lang is missing else l_2_lang), _loop_vars=_loop_vars))),
            )
        l_2_loop = l_2_s = l_2_count = l_2_noun = l_2_lang = missing
        t_5.extend((
            '</span></p><button type="button" class="print" data-print="',
            escape(environment.finalize(environment.getattr(l_1_g, 'key'))),
            '">',
            escape(environment.finalize(environment.getitem((undefined(name='w') if l_1_w is missing else l_1_w), 'print'))),
            '</button></div>',
        ))
        return concat(t_5)
    context.exported_vars.add('unit_head')
    context.vars['unit_head'] = l_0_unit_head = Macro(environment, macro, 'unit_head', ('g', 'meta'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g, l_1_meta, l_1_open_all, l_1_items):
        t_8 = []
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        if l_1_meta is missing:
            l_1_meta = undefined("parameter 'meta' was not provided", name='meta')
        if l_1_open_all is missing:
            l_1_open_all = undefined("parameter 'open_all' was not provided", name='open_all')
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        pass
        t_8.extend((
            '<details class="unit" id="',
            escape(environment.finalize(environment.getattr(l_1_g, 'key'))),
            '"',
        ))
        if l_1_open_all:
            pass
            t_8.append(
                ' open',
            )
        t_8.extend((
            '>',
            escape(environment.finalize(context.call((undefined(name='unit_head') if l_0_unit_head is missing else l_0_unit_head), l_1_g, l_1_meta))),
        ))
        if l_1_items:
            pass
            t_8.append(
                '<ol class="flist">',
            )
            for l_2_f in l_1_items:
                _loop_vars = {}
                pass
                t_8.append(
                    escape(environment.finalize(context.call((undefined(name='finding') if l_0_finding is missing else l_0_finding), l_2_f, _loop_vars=_loop_vars))),
                )
            l_2_f = missing
            t_8.append(
                '</ol>',
            )
        t_8.append(
            '</details>',
        )
        return concat(t_8)
    context.exported_vars.add('unit')
    context.vars['unit'] = l_0_unit = Macro(environment, macro, 'unit', ('g', 'meta', 'open_all', 'items'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=18&5=35&7=51&10=143&13=241'
# Generated by python -m checker.templating_gen from checker/outputs/templates/findings_unit.html.j2: do not edit.
