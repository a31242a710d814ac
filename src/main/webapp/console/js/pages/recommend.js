// Recommend: by ITEM_CD or by attributes; candidates with operations, "Why this routing?" and a
// side-by-side comparison of two candidates.
import {h, replace, fmt, pct, message, badge} from '../dom.js';
import {api} from '../api.js';
import {whyChart} from '../charts.js';

let form = null; // the active model's feature form, fetched once per model version

async function features() {
  if (!form) form = await api('/api/models/active/features');
  return form;
}

function hashFor(params) {
  return '#/recommend?' + params.toString();
}

function codeForm(params) {
  const k = params.get('k') || '3';
  const input = h('input', {id: 'item-code', name: 'item', value: params.get('item') || '', autocomplete: 'off',
    placeholder: 'e.g. B000087', maxlength: 64, required: true, 'aria-describedby': 'item-code-hint'});
  return h('form', {class: 'panel', id: 'by-code', 'aria-labelledby': 'by-code-title', onsubmit: (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams({item: input.value.trim(), k: ev.target.elements.k.value});
    location.hash = hashFor(p);
  }},
  h('h2', {id: 'by-code-title'}, 'By item code'),
  h('div', {class: 'field'}, h('label', {for: 'item-code'}, 'ITEM_CD'), input,
    h('span', {class: 'hint', id: 'item-code-hint'}, 'An item of the item master; it is never its own neighbour.')),
  topK('k-code', k),
  h('button', {type: 'submit', class: 'primary', id: 'recommend-code'}, 'Recommend'));
}

function topK(id, value) {
  return h('div', {class: 'field'}, h('label', {for: id}, 'Candidates (top-k)'),
    h('select', {id, name: 'k'}, [1, 2, 3, 5, 10].map((n) => h('option', {value: n, selected: String(n) === String(value)}, n))));
}

function attributeForm(schema, params) {
  const fields = [];
  const unitColumns = [];
  for (const f of schema.fields) {
    const id = `attr-${f.column}`;
    const value = params.get('a.' + f.column) || '';
    if (f.kind === 'CATEGORICAL') {
      const listId = `${id}-values`;
      fields.push(h('div', {class: 'field'},
        h('label', {for: id}, f.column),
        h('input', {id, name: f.column, value, list: f.values.length ? listId : null, autocomplete: 'off',
          'aria-describedby': `${id}-hint`}),
        f.values.length ? h('datalist', {id: listId}, f.values.map((v) => h('option', {value: v}))) : null,
        h('span', {class: 'hint', id: `${id}-hint`}, `code, weight ${f.weight}; ${f.values.length}${f.moreValues ? '+' : ''} known`)));
    } else {
      if (f.unitColumn && !unitColumns.includes(f.unitColumn)) unitColumns.push(f.unitColumn);
      fields.push(h('div', {class: 'field'},
        h('label', {for: id}, `${f.column} (${f.unitColumn ? 'in ' + f.unitColumn : 'mm'})`),
        h('input', {id, name: f.column, value, type: 'number', step: 'any', min: 0, inputmode: 'decimal',
          placeholder: `typical ${f.typicalMm}`, 'aria-describedby': `${id}-hint`}),
        h('span', {class: 'hint', id: `${id}-hint`}, `length, weight ${f.weight}`)));
    }
  }
  const units = unitColumns.map((u) => h('div', {class: 'field'},
    h('label', {for: `attr-${u}`}, u),
    h('select', {id: `attr-${u}`, name: u}, schema.units.map((x) =>
      h('option', {value: x, selected: (params.get('a.' + u) || 'MM') === x}, x === 'MM' ? 'MM (millimetre)' : x)))));
  const hasAttrs = [...params.keys()].some((k) => k.startsWith('a.'));
  return h('form', {class: 'panel', id: 'by-attributes', 'aria-labelledby': 'by-attributes-title', onsubmit: (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams({k: ev.target.elements.k.value});
    for (const f of schema.fields) {
      const v = ev.target.elements[f.column].value.trim();
      if (v !== '') p.set('a.' + f.column, v);
    }
    const anyLength = schema.fields.some((f) => f.kind === 'LENGTH' && p.has('a.' + f.column));
    for (const u of unitColumns) if (anyLength) p.set('a.' + u, ev.target.elements[u].value);
    location.hash = hashFor(p);
  }},
  h('h2', {id: 'by-attributes-title'}, 'By attributes (a new item)'),
  h('p', {class: 'hint'}, `Features of model ${schema.modelVersion}; leave unknown values empty.`),
  h('details', {open: hasAttrs || null}, h('summary', null, 'Attributes'),
    h('div', {class: 'attr-grid'}, fields, units)),
  topK('k-attrs', params.get('k') || '3'),
  h('button', {type: 'submit', class: 'primary', id: 'recommend-attributes'}, 'Recommend'));
}

function request(params) {
  const k = Number(params.get('k') || 3);
  if (params.get('item')) return {itemCode: params.get('item'), topK: k};
  const attributes = {};
  for (const [key, v] of params) {
    if (!key.startsWith('a.')) continue;
    const col = key.slice(2);
    const f = form && form.fields.find((x) => x.column === col);
    attributes[col] = f && f.kind === 'LENGTH' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
  }
  return Object.keys(attributes).length ? {attributes, topK: k} : null;
}

function operationsTable(ops, caption) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'operations'},
    h('caption', {class: 'muted'}, caption),
    h('thead', null, h('tr', null, h('th', {class: 'num'}, 'PROC_SEQ'), h('th', null, 'JOB_CD'), h('th', null, 'JOB_NM'),
      h('th', null, 'Work centre'), h('th', {class: 'num'}, 'Setup'), h('th', {class: 'num'}, 'Run'), h('th', null, 'Unit'),
      h('th', null, 'Made'))),
    h('tbody', null, ops.map((o) => h('tr', null,
      h('td', {class: 'num'}, o.procSeq), h('td', {class: 'mono'}, o.jobCode), h('td', {lang: 'ko'}, o.jobName ?? ''),
      h('td', {lang: 'ko'}, o.resourceCode ?? '–', o.resourceName ? h('span', {class: 'muted'}, ` ${o.resourceName}`) : null),
      h('td', {class: 'num'}, fmt(o.setupTime, 1)), h('td', {class: 'num'}, fmt(o.runTime, 1)), h('td', null, o.timeUnit ?? ''),
      h('td', null, o.inHouse ? badge('neutral', 'in-house') : badge('warn', 'outsourced')))))));
}

function whyPanel(c) {
  const titleId = `why-title-${c.rank}`;
  return h('section', {class: 'why', id: `why-${c.rank}`, 'aria-labelledby': titleId},
    h('h3', {id: titleId}, `Why this routing? Candidate #${c.rank}: score ${fmt(c.score)} against ${c.references[0]?.itemCode ?? 'its best reference'}`),
    h('div', {class: 'legend'}, h('span', {class: 'lg-matched'}, 'matched'), h('span', {class: 'lg-unmatched'}, 'not matched'),
      h('span', {class: 'lg-possible'}, 'weight: the most a feature can add')),
    whyChart(c.why, c.score, titleId),
    h('details', null, h('summary', null, 'As a table'),
      h('div', {class: 'table-wrap'}, h('table', null,
        h('thead', null, h('tr', null, h('th', null, 'Feature'), h('th', null, 'Query'), h('th', null, 'Neighbour'),
          h('th', null, 'Matched'), h('th', {class: 'num'}, 'Similarity'), h('th', {class: 'num'}, 'Weight'),
          h('th', {class: 'num'}, 'Contribution'))),
        h('tbody', null, c.why.map((t) => h('tr', null, h('td', null, t.feature), h('td', {lang: 'ko'}, t.queryValue ?? '–'),
          h('td', {lang: 'ko'}, t.itemValue ?? '–'), h('td', null, t.matched ? 'yes' : 'no'), h('td', {class: 'num'}, fmt(t.similarity)),
          h('td', {class: 'num'}, fmt(t.weight)), h('td', {class: 'num'}, fmt(t.contribution)))))))));
}

function candidateCard(c, k, onSelect) {
  const whyId = `why-${c.rank}`;
  const holder = h('div');
  const whyButton = h('button', {type: 'button', class: 'why-toggle', 'aria-expanded': 'false', 'aria-controls': whyId,
    onclick: () => {
      const open = whyButton.getAttribute('aria-expanded') === 'true';
      whyButton.setAttribute('aria-expanded', String(!open));
      replace(holder, open ? null : whyPanel(c));
    }}, 'Why this routing?');
  const select = h('input', {type: 'checkbox', id: `compare-${c.rank}`, class: 'compare-select', value: c.rank,
    onchange: (ev) => onSelect(c, ev.target.checked)});
  return h('article', {class: 'candidate', id: `candidate-${c.rank}`, 'aria-labelledby': `candidate-title-${c.rank}`,
    dataset: {rank: c.rank, score: c.score}},
  h('header', null,
    h('h2', {id: `candidate-title-${c.rank}`}, `#${c.rank}`),
    h('span', {class: 'stat'}, 'score ', h('b', {class: 'score'}, fmt(c.score))),
    h('span', {class: 'stat'}, 'confidence ', h('b', null, pct(c.confidence))),
    h('span', {class: 'stat'}, 'support ', h('b', null, c.support)),
    h('span', {class: 'muted'}, `${c.operations.length} operations`)),
  h('ol', {class: 'jobs', 'aria-label': 'JOB_CD sequence'}, c.jobCodes.map((j) => h('li', null, j))),
  h('p', {class: 'refs'}, 'Reference items: ', c.references.map((r, i) => [i ? ', ' : '',
    h('a', {href: hashFor(new URLSearchParams({item: r.itemCode, k})), class: 'ref',
      title: `routing ${r.routingNo ?? '–'}, similarity ${fmt(r.similarity)}`}, r.itemCode),
    h('span', {class: 'muted'}, ` (${fmt(r.similarity)})`)])),
  operationsTable(c.operations, `Operations of ${c.references[0]?.itemCode ?? ''} routing ${c.references[0]?.routingNo ?? ''}`),
  h('div', {class: 'actions'}, whyButton,
    h('label', {for: `compare-${c.rank}`}, select, ' Select for comparison')),
  holder);
}

function compareQuery(a, b) {
  const ra = a.references[0];
  const rb = b.references[0];
  const q = new URLSearchParams({leftItem: ra.itemCode, rightItem: rb.itemCode});
  if (ra.routingNo) q.set('leftRouting', ra.routingNo);
  if (rb.routingNo) q.set('rightRouting', rb.routingNo);
  return q;
}

const CHANGE_TEXT = {SAME: 'same', CHANGED: 'changed', ONLY_LEFT: 'only left', ONLY_RIGHT: 'only right'};

function opCells(o) {
  if (!o) return [h('td', {class: 'gone', colspan: 4}, '(none)')];
  return [h('td', {class: 'num'}, o.procSeq), h('td', {class: 'mono'}, o.jobCode), h('td', {lang: 'ko'}, o.jobName ?? ''),
    h('td', null, o.resourceCode ?? '–', ` · ${fmt(o.runTime, 1)} ${o.timeUnit ?? ''}`, o.inHouse ? '' : ' · outsourced')];
}

function comparison(a, b, diff) {
  const changed = diff.rows.filter((r) => r.change !== 'SAME').length;
  return h('section', {class: 'compare', id: 'comparison', 'aria-labelledby': 'comparison-title'},
    h('h2', {id: 'comparison-title'}, `Candidate #${a.rank} and #${b.rank} side by side`),
    h('p', null, changed ? `${changed} of ${diff.rows.length} rows differ.` : 'The operations are the same.'),
    h('div', {class: 'legend'}, h('span', {class: 'lg-changed'}, 'changed: same JOB_CD, other work centre, flag or time'),
      h('span', {class: 'lg-only'}, 'only in one of them')),
    h('div', {class: 'table-wrap'}, h('table', null,
      h('thead', null,
        h('tr', null, h('th', {colspan: 4}, `#${a.rank}: ${a.references[0].itemCode}`), h('th', null, 'Difference'),
          h('th', {colspan: 4}, `#${b.rank}: ${b.references[0].itemCode}`)),
        h('tr', null, ['PROC_SEQ', 'JOB_CD', 'JOB_NM', 'Work centre · run', '', 'PROC_SEQ', 'JOB_CD', 'JOB_NM', 'Work centre · run']
          .map((t) => h('th', null, t)))),
      h('tbody', null, diff.rows.map((r) => {
        const cls = r.change === 'SAME' ? 'same' : r.change === 'CHANGED' ? 'changed' : r.change === 'ONLY_LEFT' ? 'only-left' : 'only-right';
        const text = r.change === 'CHANGED' ? `changed: ${r.differences.join(', ')}`
          : r.change === 'ONLY_LEFT' ? `only in #${a.rank}` : r.change === 'ONLY_RIGHT' ? `only in #${b.rank}` : CHANGE_TEXT.SAME;
        return h('tr', {class: `diff ${cls}`, dataset: {change: r.change}}, opCells(r.left), h('td', null, h('b', null, text)),
          opCells(r.right));
      })))));
}

export async function render(main, params, ctx) {
  const req = request(params);
  const results = h('div', {id: 'results', 'aria-live': 'polite'});
  const compareHolder = h('div', {id: 'compare-holder'});
  const attrHolder = h('div', null, h('p', {class: 'loading'}, 'Loading the model\u2019s features…'));
  replace(main, h('h1', null, 'Recommend a routing'),
    h('div', {class: 'layout'}, h('div', null, codeForm(params), attrHolder), h('div', null, compareHolder, results)));
  const schemaP = features().then((f) => replace(attrHolder, attributeForm(f, params)))
    .catch((e) => replace(attrHolder, message('error', `The attribute form needs the active model: ${e.message}`)));
  if (!req) {
    replace(results, message('info', 'Enter an ITEM_CD, or the attributes of a new item, and choose how many candidate routings to show.'));
    await schemaP;
    return;
  }
  if (req.attributes && !form) await schemaP; // lengths are sent as numbers
  const again = request(params);
  replace(results, h('p', {class: 'loading'}, 'Recommending…'));
  let rec;
  try {
    rec = await api('/api/predictions', {method: 'POST', body: again});
  } catch (e) {
    const prefix = e.status === 404 ? 'Unknown item: ' : e.status === 400 || e.status === 422 ? 'Cannot recommend: ' : '';
    replace(results, h('div', {class: 'message error', role: 'alert', id: 'recommend-error'}, prefix + e.message));
    await schemaP;
    return;
  }
  if (!ctx.isCurrent()) return;
  if (form && form.modelVersion !== rec.modelVersion) form = null; // another model serves now: new form next time
  const selected = [];
  const onSelect = async (c, on) => {
    if (on) {
      selected.push(c);
      if (selected.length > 2) {
        const dropped = selected.shift();
        document.getElementById(`compare-${dropped.rank}`).checked = false;
      }
    } else {
      selected.splice(selected.findIndex((x) => x.rank === c.rank), 1);
    }
    if (selected.length !== 2) {
      replace(compareHolder, selected.length ? message('info', 'Select one more candidate to compare.') : null);
      return;
    }
    const [a, b] = [...selected].sort((x, y) => x.rank - y.rank);
    replace(compareHolder, h('p', {class: 'loading'}, 'Comparing…'));
    try {
      const diff = await api('/api/models/active/routings/compare?' + compareQuery(a, b));
      replace(compareHolder, comparison(a, b, diff));
    } catch (e) {
      replace(compareHolder, message('error', e.message));
    }
  };
  const who = rec.itemCode ? `item ${rec.itemCode}` : 'the new item';
  const k = params.get('k') || '3';
  replace(results,
    h('p', {id: 'result-summary'}, `${rec.candidates.length} candidate routing${rec.candidates.length === 1 ? '' : 's'} for ${who}, `
      + `model ${rec.modelVersion}; nearest item similarity ${fmt(rec.bestScore)}.`),
    rec.candidates.length ? null : message('info', 'No similar routed item was found.'),
    rec.candidates.map((c) => candidateCard(c, k, onSelect)));
  await schemaP;
}
