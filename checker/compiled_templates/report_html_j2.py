from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_doc = resolve('doc')
    l_0_css = resolve('css')
    l_0_runs = l_0_free_text = l_0_toc = missing
    try:
        t_1 = environment.filters['breakable']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'breakable' found.")
    try:
        t_2 = environment.filters['min']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'min' found.")
    pass
    def macro(l_1_items):
        t_3 = []
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        pass
        l_2_loop = missing
        for l_2_r, l_2_loop in LoopContext(l_1_items, undefined):
            _loop_vars = {}
            pass
            if environment.getattr(l_2_r, 'unknown'):
                pass
                t_3.append(
                    '<span class="okand">',
                )
            if environment.getattr(l_2_r, 'bold'):
                pass
                t_3.append(
                    '<strong>',
                )
            if environment.getattr(l_2_r, 'italic'):
                pass
                t_3.append(
                    '<em>',
                )
            l_3_loop = missing
            for l_3_line, l_3_loop in LoopContext(context.call(environment.getattr(environment.getattr(l_2_r, 'text'), 'split'), '\n', _loop_vars=_loop_vars), undefined):
                _loop_vars = {}
                pass
                if (not environment.getattr(l_3_loop, 'first')):
                    pass
                    t_3.append(
                        '<br>',
                    )
                t_3.append(
                    escape(t_1(l_3_line)),
                )
            l_3_loop = l_3_line = missing
            if environment.getattr(l_2_r, 'italic'):
                pass
                t_3.append(
                    '</em>',
                )
            if environment.getattr(l_2_r, 'bold'):
                pass
                t_3.append(
                    '</strong>',
                )
            if environment.getattr(l_2_r, 'unknown'):
                pass
                t_3.append(
                    '</span>',
                )
        l_2_loop = l_2_r = missing
        return concat(t_3)
    context.exported_vars.add('runs')
    context.vars['runs'] = l_0_runs = Macro(environment, macro, 'runs', ('items',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_text):
        t_4 = []
        l_1_paragraphs = resolve('paragraphs')
        if l_1_text is missing:
            l_1_text = undefined("parameter 'text' was not provided", name='text')
        pass
        l_2_loop = missing
        for (l_2_kind, l_2_lines), l_2_loop in LoopContext(context.call((undefined(name='paragraphs') if l_1_paragraphs is missing else l_1_paragraphs), l_1_text), undefined):
            _loop_vars = {}
            pass
            if (l_2_kind == 'ul'):
                pass
                t_4.append(
                    '\n<ul>',
                )
                for l_3_line in l_2_lines:
                    _loop_vars = {}
                    pass
                    t_4.extend((
                        '<li>',
                        escape(t_1(l_3_line)),
                        '</li>',
                    ))
                l_3_line = missing
                t_4.append(
                    '</ul>',
                )
            else:
                pass
                t_4.append(
                    '\n<p>',
                )
                l_3_loop = missing
                for l_3_line, l_3_loop in LoopContext(l_2_lines, undefined):
                    _loop_vars = {}
                    pass
                    if (not environment.getattr(l_3_loop, 'first')):
                        pass
                        t_4.append(
                            '<br>',
                        )
                    t_4.append(
                        escape(t_1(l_3_line)),
                    )
                l_3_loop = l_3_line = missing
                t_4.append(
                    '</p>',
                )
        l_2_loop = l_2_kind = l_2_lines = missing
        return concat(t_4)
    context.exported_vars.add('free_text')
    context.vars['free_text'] = l_0_free_text = Macro(environment, macro, 'free_text', ('text',), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_5 = []
        l_1_toc_entries = resolve('toc_entries')
        pass
        t_5.append(
            '<nav class="toc" aria-labelledby="toc-rubrik">\n<h2 id="toc-rubrik" class="toc-title">Innehållsförteckning</h2>\n<ol>',
        )
        for l_2_h in (undefined(name='toc_entries') if l_1_toc_entries is missing else l_1_toc_entries):
            _loop_vars = {}
            pass
            t_5.extend((
                '\n<li class="toc-',
                escape(environment.getattr(l_2_h, 'level')),
                '"><a href="#',
                escape(environment.getattr(l_2_h, 'anchor')),
                '">',
            ))
            if environment.getattr(l_2_h, 'prefix'):
                pass
                t_5.extend((
                    escape(environment.getattr(l_2_h, 'prefix')),
                    ' ',
                ))
            t_5.extend((
                escape(environment.getattr(l_2_h, 'text')),
                '</a></li>',
            ))
        l_2_h = missing
        t_5.append(
            '\n</ol>\n</nav>',
        )
        return concat(t_5)
    context.exported_vars.add('toc')
    context.vars['toc'] = l_0_toc = Macro(environment, macro, 'toc', (), False, False, False, context.eval_ctx.autoescape)
    yield '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="rapportkoll">'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'author'):
        pass
        yield '\n<meta name="author" content="'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'author'))
        yield '">'
    yield '\n<title>'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))
    if (environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'unit') and (environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'unit') not in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))):
        pass
        yield ' – '
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'unit'))
    yield '</title>\n<style>\n'
    yield escape((undefined(name='css') if l_0_css is missing else l_0_css))
    yield '\n</style>\n</head>\n<body>\n<main class="report"'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'running_head'):
        pass
        yield ' data-running="'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'running_head'))
        yield '"'
    yield '>'
    l_1_loop = missing
    for l_1_b, l_1_loop in LoopContext(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'blocks'), undefined):
        l_1_toc_at = resolve('toc_at')
        l_1_level = resolve('level')
        l_1_status_class = resolve('status_class')
        l_1_column_widths = resolve('column_widths')
        l_1_widths = resolve('widths')
        l_1_group_spans = resolve('group_spans')
        l_1_spans = resolve('spans')
        _loop_vars = {}
        pass
        if (environment.getattr(l_1_loop, 'index0') == (undefined(name='toc_at') if l_1_toc_at is missing else l_1_toc_at)):
            pass
            yield '\n'
            yield escape(context.call((undefined(name='toc') if l_0_toc is missing else l_0_toc), _loop_vars=_loop_vars))
        if (environment.getattr(l_1_b, 'block') == 'header'):
            pass
            yield '\n<header class="doc-header doc-header-'
            yield escape(('tu' if (environment.getattr(l_1_b, 'kind') == 'tjänsteutlåtande') else 'egen'))
            yield '">'
            if (environment.getattr(l_1_b, 'kind') == 'tjänsteutlåtande'):
                pass
                yield '\n<p class="city"><strong>Stockholms stad</strong></p>'
                if environment.getattr(l_1_b, 'unit'):
                    pass
                    yield '<p class="header-unit"><strong>'
                    yield escape(t_1(environment.getattr(l_1_b, 'unit')))
                    yield '</strong></p>'
                yield '\n<p class="case">Tjänsteutlåtande<br>Dnr: '
                yield escape(t_1(environment.getattr(l_1_b, 'case_number')))
                yield '</p>'
            if environment.getattr(l_1_b, 'date'):
                pass
                yield '<p class="date">'
                yield escape(t_1(environment.getattr(l_1_b, 'date')))
                yield '</p>'
            yield '\n<div class="parties">\n<p class="author"><strong>Handläggare</strong><br>'
            yield escape(t_1(environment.getattr(l_1_b, 'author')))
            yield '<br>Telefon: '
            yield escape(t_1(environment.getattr(l_1_b, 'phone')))
            yield '</p>\n<p class="to"><strong>Till</strong><br>'
            yield escape(t_1(environment.getattr(l_1_b, 'to')))
            yield '</p>\n</div>\n</header>'
        elif (environment.getattr(l_1_b, 'block') == 'heading'):
            pass
            l_1_level = (1 if environment.getattr(l_1_b, 'title') else t_2(environment, [environment.getattr(l_1_b, 'level'), 6]))
            _loop_vars['level'] = l_1_level
            yield '\n<h'
            yield escape((undefined(name='level') if l_1_level is missing else l_1_level))
            if environment.getattr(l_1_b, 'anchor'):
                pass
                yield ' id="'
                yield escape(environment.getattr(l_1_b, 'anchor'))
                yield '"'
            yield ' class="'
            yield escape(('doc-title' if environment.getattr(l_1_b, 'title') else markup_join(('h-', environment.getattr(l_1_b, 'style'), ))))
            yield '">'
            if environment.getattr(l_1_b, 'prefix'):
                pass
                yield '<span class="prefix">'
                yield escape(environment.getattr(l_1_b, 'prefix'))
                yield '</span> '
            if (environment.getattr(l_1_b, 'style') == 'goal'):
                pass
                yield '<em>'
                yield escape(t_1(environment.getattr(l_1_b, 'text')))
                yield '</em>'
            else:
                pass
                yield escape(t_1(environment.getattr(l_1_b, 'text')))
            yield '</h'
            yield escape((undefined(name='level') if l_1_level is missing else l_1_level))
            yield '>'
        elif (environment.getattr(l_1_b, 'block') == 'paragraph'):
            pass
            yield '\n<p class="'
            yield escape(environment.getattr(l_1_b, 'role'))
            if (environment.getattr(l_1_b, 'role') == 'status'):
                pass
                yield ' '
                yield escape(context.call((undefined(name='status_class') if l_1_status_class is missing else l_1_status_class), l_1_b, _loop_vars=_loop_vars))
            yield '">'
            yield escape(context.call((undefined(name='runs') if l_0_runs is missing else l_0_runs), environment.getattr(l_1_b, 'runs'), _loop_vars=_loop_vars))
            yield '</p>'
        elif (environment.getattr(l_1_b, 'block') == 'text'):
            pass
            yield '\n<div class="text">'
            yield escape(context.call((undefined(name='free_text') if l_0_free_text is missing else l_0_free_text), environment.getattr(l_1_b, 'text'), _loop_vars=_loop_vars))
            yield '</div>'
        elif (environment.getattr(l_1_b, 'block') == 'table'):
            pass
            l_1_widths = context.call((undefined(name='column_widths') if l_1_column_widths is missing else l_1_column_widths), l_1_b, _loop_vars=_loop_vars)
            _loop_vars['widths'] = l_1_widths
            yield '\n<table class="t-'
            yield escape(environment.getattr(l_1_b, 'kind'))
            yield '">'
            if (undefined(name='widths') if l_1_widths is missing else l_1_widths):
                pass
                yield '\n<colgroup>'
                for l_2_w in (undefined(name='widths') if l_1_widths is missing else l_1_widths):
                    _loop_vars = {}
                    pass
                    yield '<col style="width: '
                    yield escape(l_2_w)
                    yield '%">'
                l_2_w = missing
                yield '</colgroup>'
            yield '\n<thead><tr>'
            for l_2_c in environment.getattr(l_1_b, 'columns'):
                l_2_column_heading = resolve('column_heading')
                _loop_vars = {}
                pass
                yield '<th scope="col">'
                yield escape(context.call((undefined(name='column_heading') if l_2_column_heading is missing else l_2_column_heading), l_2_c, _loop_vars=_loop_vars))
                yield '</th>'
            l_2_c = l_2_column_heading = missing
            yield '</tr></thead>\n<tbody>'
            l_1_spans = context.call((undefined(name='group_spans') if l_1_group_spans is missing else l_1_group_spans), l_1_b, _loop_vars=_loop_vars)
            _loop_vars['spans'] = l_1_spans
            l_2_loop = missing
            for l_2_row, l_2_loop in LoopContext(environment.getattr(l_1_b, 'rows'), undefined):
                l_2_rowspan = missing
                _loop_vars = {}
                pass
                l_2_rowspan = environment.getitem((undefined(name='spans') if l_1_spans is missing else l_1_spans), environment.getattr(l_2_loop, 'index0'))
                _loop_vars['rowspan'] = l_2_rowspan
                yield '\n<tr class="r-'
                yield escape(environment.getattr(l_2_row, 'role'))
                yield '">'
                l_3_loop = missing
                for l_3_cell, l_3_loop in LoopContext(environment.getattr(l_2_row, 'cells'), undefined):
                    _loop_vars = {}
                    pass
                    if (not (environment.getattr(l_3_loop, 'first') and ((undefined(name='rowspan') if l_2_rowspan is missing else l_2_rowspan) == 0))):
                        pass
                        yield '<td'
                        if (environment.getattr(l_3_cell, 'span') > 1):
                            pass
                            yield ' colspan="'
                            yield escape(environment.getattr(l_3_cell, 'span'))
                            yield '"'
                        if (environment.getattr(l_3_loop, 'first') and ((undefined(name='rowspan') if l_2_rowspan is missing else l_2_rowspan) > 1)):
                            pass
                            yield ' rowspan="'
                            yield escape((undefined(name='rowspan') if l_2_rowspan is missing else l_2_rowspan))
                            yield '" class="group-label"'
                        elif ((environment.getattr(l_1_b, 'kind') == 'complaints') and (2 <= environment.getattr(l_3_loop, 'index0') <= 5)):
                            pass
                            yield ' class="num"'
                        yield '>'
                        yield escape(context.call((undefined(name='runs') if l_0_runs is missing else l_0_runs), environment.getattr(l_3_cell, 'runs'), _loop_vars=_loop_vars))
                        yield '</td>'
                l_3_loop = l_3_cell = missing
                yield '</tr>'
            l_2_loop = l_2_row = l_2_rowspan = missing
            yield '\n</tbody>\n</table>'
    l_1_loop = l_1_b = l_1_toc_at = l_1_level = l_1_status_class = l_1_column_widths = l_1_widths = l_1_group_spans = l_1_spans = missing
    yield '\n</main>\n</body>\n</html>\n'

blocks = {}
debug_info = '2=26&3=32&4=35&5=40&6=51&7=63&8=73&11=82&12=89&13=92&14=97&16=115&20=134&24=141&25=146&36=169&37=172&39=175&41=181&45=183&46=190&47=200&48=203&50=204&51=207&52=209&54=212&55=218&57=220&59=226&60=230&63=232&64=234&65=237&66=246&67=251&68=260&69=262&70=265&71=273&72=276&73=278&74=280&75=283&76=285&77=288&79=297&81=306&82=309&83=313&84=316'
# Generated by python -m checker.templating_gen from checker/render/templates/report.html.j2: do not edit.
