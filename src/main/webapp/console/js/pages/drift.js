// Drift: the live window against the active model's baseline; KL over time; events grouped into
// episodes; the summary of a chosen number of days; admin: reset the window.
import {h, replace, fmt, when, message, card, badge} from '../dom.js';
import {api, currentUser} from '../api.js';
import {klChart} from '../charts.js';

const TIER = {NONE: 'good', LOW: 'neutral', MODERATE: 'warn', HIGH: 'bad', SEVERE: 'bad'};

/** Consecutive DRIFT events between two resets or baseline switches belong to one episode. */
function episodes(events) {
  const ordered = [...events].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  let n = 0;
  let open = false;
  const out = ordered.map((e) => {
    if (e.kind !== 'DRIFT') {
      open = false;
      return {e, episode: null};
    }
    if (!open) { n++; open = true; }
    return {e, episode: n};
  });
  return out.reverse();
}

let timer = null;

async function load(days) {
  const [st, hist, sum] = await Promise.all([api('/api/drift/status'), api('/api/drift/history'),
    api(`/api/drift/summary?days=${days}`)]);
  return {st, hist, sum};
}

/** The parts that follow the live window: cards, the KL chart, the events of the period. */
function live({st, hist, sum}) {
  const fill = hist.window_capacity ? `${st.buffer_size} / ${hist.window_capacity}` : String(st.buffer_size);
  const ep = episodes(sum.events);
  return [
    h('p', {class: 'muted'}, `Best-candidate similarity of the live window against the baseline of model `
      + `${st.baseline_model_version} (${st.kl_direction}). Refreshed every 5 s.`),
    h('div', {class: 'cards', id: 'drift-cards'},
      card('KL divergence', h('span', {id: 'kl-value', dataset: {kl: st.kl_divergence}}, fmt(st.kl_divergence))),
      card('Threshold', h('span', {id: 'threshold-value'}, fmt(st.threshold)), h('div', {class: 'muted'}, st.threshold_mode.toLowerCase())),
      card('Tier', badge(TIER[st.tier] || 'neutral', st.tier)),
      card('Drift', h('span', {id: 'drift-state'}, st.drift_detected ? 'detected' : st.judged ? 'none' : 'not judged yet')),
      card('PSI', fmt(st.psi)),
      card('KS statistic / p', `${fmt(st.ks_statistic)} / ${fmt(st.ks_p_value, 3)}`),
      card('Window fill', h('span', {id: 'window-fill', dataset: {size: st.buffer_size}}, fill),
        h('div', {class: 'muted'}, `judged from ${st.min_scores}`)),
      card('Retraining', st.should_retrain ? badge('warn', 'recommended') : badge('good', 'not needed'),
        st.retrain_reason ? h('div', {class: 'muted'}, st.retrain_reason) : null)),
    h('section', {'aria-labelledby': 'kl-title'},
      h('h2', {id: 'kl-title'}, 'KL over time'),
      h('p', {class: 'hint'}, `Since this server started (kept in memory; ${hist.points.length} points, the larger KL kept when `
        + 'points merge). Triangles below the axis are drift events (red), resets (grey) and baseline switches (purple).'),
      hist.points.length || sum.events.length ? klChart(hist.points, st.threshold, sum.events, 'kl-title')
        : message('info', 'No predictions since the server started.')),
    h('h2', {id: 'summary-title'}, `Summary of the last ${sum.period_days} day${sum.period_days === 1 ? '' : 's'}`),
    h('p', {id: 'summary-text'}, `${sum.drift_count} drift event${sum.drift_count === 1 ? '' : 's'}; `
      + `max KL ${fmt(sum.max_kl_divergence)}, mean ${fmt(sum.avg_kl_divergence)}; retraining `
      + `${sum.should_retrain ? 'recommended' : 'not recommended'}.`),
    sum.events.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'events'},
      h('thead', null, h('tr', null, h('th', null, 'Time'), h('th', null, 'Kind'), h('th', null, 'Episode'),
        h('th', {class: 'num'}, 'KL'), h('th', {class: 'num'}, 'PSI'), h('th', {class: 'num'}, 'KS'), h('th', {class: 'num'}, 'Window'),
        h('th', null, 'Tier'), h('th', null, 'Model'))),
      h('tbody', null, ep.map(({e, episode}) => h('tr', {dataset: {kind: e.kind}}, h('td', null, when(e.time)), h('td', null, e.kind),
        h('td', null, episode ? `#${episode}` : '–'), h('td', {class: 'num'}, fmt(e.kl_divergence)), h('td', {class: 'num'}, fmt(e.psi)),
        h('td', {class: 'num'}, fmt(e.ks_statistic)), h('td', {class: 'num'}, e.window_size), h('td', null, e.tier),
        h('td', {class: 'mono'}, e.model_version))))))
      : h('p', {class: 'muted'}, 'No events in this period.'),
    h('p', {class: 'hint'}, 'An episode: the DRIFT events between two resets or baseline switches (an episode that ends on '
      + 'its own leaves no event, so two such episodes read as one).'),
  ];
}

export async function render(main, params, ctx) {
  const days = Math.min(365, Math.max(1, Number(params.get('days')) || 7));
  const data = await load(days);
  if (!ctx.isCurrent()) return;
  const status = h('div', {id: 'drift-message', 'aria-live': 'polite'});
  const liveBox = h('div', {id: 'drift-live'}, live(data));
  const refresh = async () => {
    try {
      const d = await load(days);
      if (ctx.isCurrent()) replace(liveBox, live(d));
    } catch (e) {
      if (ctx.isCurrent()) replace(status, message('error', e.message));
    }
  };
  const reset = async () => {
    if (!await ctx.confirm('Reset the drift window? The live window is emptied (history is kept and the reset is '
      + 'recorded as an event). Do this after a retraining or a known change of the item mix.', 'Reset')) return;
    try {
      const r = await api('/api/drift/reset', {method: 'POST'});
      replace(status, h('div', {class: 'message ok', role: 'status', id: 'admin-done'}, `${r.message} at ${when(r.event.time)}.`));
      await refresh();
    } catch (e) {
      replace(status, h('div', {class: 'message error', role: 'alert', id: 'admin-error'}, e.message));
    }
  };
  const daysSelect = h('select', {id: 'summary-days', onchange: (ev) => { location.hash = `#/drift?days=${ev.target.value}`; }},
    [1, 7, 30, 90, 365].map((d) => h('option', {value: d, selected: d === days}, `${d} day${d > 1 ? 's' : ''}`)));
  replace(main, h('h1', null, 'Drift'), status,
    h('div', {class: 'row'},
      h('div', {class: 'field'}, h('label', {for: 'summary-days'}, 'Summary period'), daysSelect),
      h('div', {class: 'field'}, h('button', {type: 'button', id: 'drift-reset', class: 'danger', onclick: reset}, 'Reset the drift window')),
      currentUser() ? null : h('p', {class: 'hint'}, 'Resetting the window needs the admin login.')),
    liveBox);
  clearInterval(timer);
  timer = setInterval(() => {
    if (!ctx.isCurrent()) clearInterval(timer);
    else if (!document.querySelector('dialog[open]')) refresh();
  }, 5000);
}
