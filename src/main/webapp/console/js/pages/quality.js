// Data quality: NULL share per item master column with the alert threshold marked.
import {h, replace, pct, when, message} from '../dom.js';
import {api} from '../api.js';
import {ratioChart} from '../charts.js';

export async function render(main, params, ctx) {
  const r = await api('/api/models/active/null-ratios');
  if (!ctx.isCurrent()) return;
  const alerts = r.columns.filter((c) => c.alert);
  replace(main, h('h1', null, 'Data quality'),
    h('p', null, `NULL share per column of dbo_BI_ITEM_INFO_VIEW in the training data of model ${r.modelVersion} `
      + `(read ${when(r.trainedAt)}). `,
    r.referenceVersion ? `The alert threshold is the share of the previous model ${r.referenceVersion} plus `
      + `${pct(r.alertRise, 0)} (Prometheus alert RoutingMlNullRatioRose).`
      : `No earlier model to compare with: each threshold is this model's share plus ${pct(r.alertRise, 0)}, which the next `
      + 'model is held to (Prometheus alert RoutingMlNullRatioRose).'),
    alerts.length ? message('error', `NULLs rose above the threshold in ${alerts.map((c) => c.column).join(', ')}: check the item master extract.`)
      : message('ok', 'No column is above its alert threshold.'),
    h('section', {'aria-labelledby': 'ratio-title'},
      h('h2', {id: 'ratio-title'}, 'NULL share per column'),
      h('div', {class: 'legend'}, h('span', {class: 'lg-matched'}, 'NULL share'), h('span', {class: 'lg-threshold'}, 'alert threshold'),
        r.referenceVersion ? h('span', {class: 'lg-ref'}, `previous model ${r.referenceVersion}`) : null),
      ratioChart(r.columns, 'ratio-title')),
    h('details', null, h('summary', null, 'As a table'),
      h('div', {class: 'table-wrap'}, h('table', {id: 'ratios'},
        h('thead', null, h('tr', null, h('th', null, 'Column'), h('th', {class: 'num'}, 'NULL share'),
          h('th', {class: 'num'}, 'Previous model'), h('th', {class: 'num'}, 'Alert above'), h('th', null, 'State'))),
        h('tbody', null, r.columns.map((c) => h('tr', null, h('td', null, c.column), h('td', {class: 'num'}, pct(c.ratio)),
          h('td', {class: 'num'}, c.referenceRatio == null ? '–' : pct(c.referenceRatio)),
          h('td', {class: 'num'}, c.threshold > 1 ? 'never' : pct(c.threshold)), h('td', null, c.alert ? 'ALERT' : 'ok'))))))));
}
