// Model: the active model, its holdout metrics, all versions, the activation history; admin:
// activate (roll back to) a version.
import {h, replace, fmt, pct, when, message, card, badge} from '../dom.js';
import {api, currentUser} from '../api.js';

function metricsCells(m) {
  return m ? [h('td', {class: 'num'}, pct(m.top1Accuracy)), h('td', {class: 'num'}, pct(m.top3HitRate)),
    h('td', {class: 'num'}, fmt(m.meanEditSimilarity)), h('td', {class: 'num'}, fmt(m.jobPrecision)),
    h('td', {class: 'num'}, fmt(m.jobRecall)), h('td', {class: 'num'}, fmt(m.runTimeMae, 1)), h('td', {class: 'num'}, m.items)]
    : [h('td', {colspan: 7, class: 'muted'}, 'not evaluated')];
}

export async function render(main, params, ctx) {
  const [list, history] = await Promise.all([api('/api/models'), api('/api/models/history')]);
  if (!ctx.isCurrent()) return;
  const active = list.models.find((m) => m.active);
  const status = h('div', {id: 'model-message', 'aria-live': 'polite'});
  const activate = async (version) => {
    const ok = await ctx.confirm(`Activate model ${version}? It will serve every prediction from now on `
      + `(the switch is recorded in the activation history).`, 'Activate');
    if (!ok) return;
    try {
      const m = await api(`/api/models/${encodeURIComponent(version)}/activate`, {method: 'POST'});
      replace(status, message('ok', `Model ${m.version} is active.`));
      await render(main, params, ctx);
      document.getElementById('model-message')?.replaceChildren(message('ok', `Model ${m.version} is active.`));
    } catch (e) {
      replace(status, h('div', {class: 'message error', role: 'alert', id: 'admin-error'}, e.message));
    }
  };
  const p = active?.provenance;
  replace(main, h('h1', null, 'Model'), status,
    active ? [
      h('h2', null, 'Active model ', h('span', {class: 'mono', id: 'active-version'}, active.version)),
      h('div', {class: 'cards'},
        card('Top-1 exact JOB_CD sequence', pct(active.metrics?.top1Accuracy)),
        card('Top-3 hit rate', pct(active.metrics?.top3HitRate)),
        card('Mean edit similarity', fmt(active.metrics?.meanEditSimilarity)),
        card('JOB_CD precision / recall', `${fmt(active.metrics?.jobPrecision, 2)} / ${fmt(active.metrics?.jobRecall, 2)}`),
        card('Run-time MAE (min)', fmt(active.metrics?.runTimeMae, 1)),
        card('Held-out items', active.metrics?.items ?? '–'),
        card('Routed items indexed', p?.routedItems ?? '–'),
        card('Created', when(active.createdAt))),
      p ? h('p', {class: 'muted'}, `Trained from ${p.dataSource} (SHA-256 ${String(p.dataSha256).slice(0, 12)}…): `
        + `${p.items} items, ${p.routingRows} routing rows; holdout: the ${p.holdoutItems} newest routed items (from ${p.holdoutFrom}).`) : null,
    ] : message('info', 'No model is active yet.'),
    h('h2', null, 'Versions'),
    currentUser() ? null : h('p', {class: 'hint'}, 'Activating a version (a rollback) needs the admin login.'),
    h('div', {class: 'table-wrap'}, h('table', {id: 'versions'},
      h('thead', null, h('tr', null, h('th', null, 'Version'), h('th', null, 'Created'), h('th', {class: 'num'}, 'Top-1'),
        h('th', {class: 'num'}, 'Top-3'), h('th', {class: 'num'}, 'Edit sim.'), h('th', {class: 'num'}, 'Precision'),
        h('th', {class: 'num'}, 'Recall'), h('th', {class: 'num'}, 'Run MAE'), h('th', {class: 'num'}, 'Held out'), h('th', null, 'State'))),
      h('tbody', null, list.models.map((m) => h('tr', {dataset: {version: m.version}},
        h('td', {class: 'mono'}, m.version), h('td', null, when(m.createdAt)), metricsCells(m.metrics),
        h('td', null, m.active ? badge('good', 'active')
          : h('button', {type: 'button', class: 'activate', onclick: () => activate(m.version),
            'aria-label': `Activate model ${m.version}`}, 'Activate'))))))),
    h('h2', null, 'Activation history'),
    history.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'history'},
      h('thead', null, h('tr', null, h('th', null, 'When'), h('th', null, 'Kind'), h('th', null, 'Version'),
        h('th', null, 'Replaced'), h('th', null, 'By'), h('th', null, 'Reason'))),
      h('tbody', null, history.map((e) => h('tr', null, h('td', null, when(e.at)), h('td', null, e.kind),
        h('td', {class: 'mono'}, e.version), h('td', {class: 'mono'}, e.previous ?? '–'), h('td', null, e.actor ?? '–'),
        h('td', null, e.reason ?? ''))))))
      : h('p', {class: 'muted'}, 'No promotion or rollback yet (the first model is activated at start-up).'));
}
