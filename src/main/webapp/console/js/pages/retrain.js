// Retraining: the runs of the monthly job with their steps, counts, status, duration and
// comparison report; admin: start a run; a failed run shows how to restart it.
import {h, replace, fmt, when, duration, message, badge} from '../dom.js';
import {api, currentUser} from '../api.js';

const STATUS = {COMPLETED: 'good', FAILED: 'bad', STOPPED: 'warn', ABANDONED: 'bad', STARTED: 'neutral', STARTING: 'neutral',
  STOPPING: 'warn'};

function steps(x) {
  if (!x.steps.length) return h('span', {class: 'muted'}, 'none yet');
  return h('ul', {class: 'steps'}, x.steps.map((s) => h('li', null, h('b', null, s.step), ' ', badge(STATUS[s.status] || 'neutral', s.status),
    ` ${duration(s.start, s.end)}`,
    Object.keys(s.metrics || {}).length ? h('span', {class: 'muted'}, ' · ' + Object.entries(s.metrics)
      .map(([k, v]) => `${k.toLowerCase().replace(/_count$/, '').replace(/_/g, ' ')} ${v}`).join(', ')) : null)));
}

function report(c) {
  if (!c) return null;
  return h('details', null, h('summary', null, `Comparison report: ${c.blessed ? 'candidate may be promoted' : 'candidate kept, not promoted'}`),
    h('p', null, c.reason),
    h('div', {class: 'table-wrap'}, h('table', null,
      h('thead', null, h('tr', null, h('th', null, 'Metric'), h('th', {class: 'num'}, `Candidate ${c.candidateVersion}`),
        h('th', {class: 'num'}, `Active ${c.activeVersion ?? '–'}`), h('th', {class: 'num'}, 'Tolerance'), h('th', null, 'Pass'))),
      h('tbody', null, (c.checks || []).map((k) => h('tr', null,
        h('td', null, k.metric, k.segment ? h('span', {class: 'muted'}, ` (${k.segment})`) : null),
        h('td', {class: 'num'}, fmt(k.candidate)),
        h('td', {class: 'num'}, fmt(k.active)), h('td', {class: 'num'}, k.active == null ? `floor ${fmt(k.tolerance)}`
          : `${fmt(k.tolerance)}${k.relative ? ' (relative)' : ''}`),
        h('td', null, k.pass ? badge('good', 'pass') : badge('bad', 'fail'))))))),
    h('p', {class: 'muted'}, `${c.holdoutItems} held-out items from ${c.holdoutFrom}; compared ${when(c.comparedAt)}.`));
}

function restartHelp(failed) {
  const host = location.hostname;
  return h('section', {class: 'message error restart', 'aria-labelledby': 'restart-title'},
    h('h2', {id: 'restart-title'}, `${failed.length} failed run${failed.length === 1 ? '' : 's'} can be restarted`),
    h('p', null, 'A restart continues the same month\u2019s dataset from its last checkpoint. An administrator restarts a run in the ',
      h('a', {href: '/adminCenter/#javaBatch', target: '_blank', rel: 'noopener'}, 'Admin Center\u2019s Java Batch tool'),
      ' (by its job instance) or with the batch REST API over HTTPS (port 9443 unless configured otherwise).'),
    h('ul', null, failed.map((x) => h('li', null,
      h('b', null, `Run ${x.executionId}`), ` (job instance ${x.instanceId}) ${x.status.toLowerCase()}`,
      x.run?.failedStep ? ` in step ${x.run.failedStep}` : '', x.run?.failure ? `: ${x.run.failure}` : '.',
      h('details', null, h('summary', null, `Batch REST call for job instance ${x.instanceId}`),
        h('pre', null, `curl -k -u admin:$ROUTINGML_ADMIN_PASSWORD -X PUT -H 'Content-Type: application/json' -d '{}' \\\n`
          + `  'https://${host}:<https port>/ibm/api/batch/jobinstances/${x.instanceId}?action=restart'`))))));
}

export async function render(main, params, ctx) {
  const runs = await api('/api/retrain/executions?limit=20');
  if (!ctx.isCurrent()) return;
  const status = h('div', {id: 'retrain-message', 'aria-live': 'polite'});
  const start = async () => {
    if (!await ctx.confirm('Start a retraining run now? It extracts the routings, trains a candidate, compares it with the '
      + 'active model and promotes it only if it is not worse.', 'Start')) return;
    try {
      const r = await api('/api/retrain', {method: 'POST', body: {}});
      await render(main, params, ctx);
      document.getElementById('retrain-message')?.replaceChildren(message('ok', `Run started: execution ${r.executionId} (job instance ${r.instanceId}).`));
    } catch (e) {
      replace(status, h('div', {class: 'message error', role: 'alert', id: 'admin-error'}, e.message));
    }
  };
  const failed = runs.filter((x) => ['FAILED', 'STOPPED', 'ABANDONED'].includes(x.status));
  // A refused run (invalid job parameters) is not restarted: a restart would be refused again.
  const refused = (x) => Boolean(x.run?.refusal) || (x.exitStatus || '').startsWith('REFUSED');
  const latestFailed = failed.filter((x) => !refused(x)
    && !runs.some((y) => y.instanceId === x.instanceId && y.executionId > x.executionId));
  replace(main, h('h1', null, 'Retraining'), status,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'primary', id: 'retrain-start', onclick: start}, 'Start a retraining run'),
      h('button', {type: 'button', onclick: () => render(main, params, ctx)}, 'Refresh'),
      currentUser() ? null : h('span', {class: 'hint'}, 'Starting a run needs the admin login.')),
    latestFailed.length ? restartHelp(latestFailed) : null,
    h('h2', null, 'Runs'),
    runs.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'runs'},
      h('thead', null, h('tr', null, h('th', {class: 'num'}, 'Execution'), h('th', null, 'Status'), h('th', null, 'Trigger'),
        h('th', null, 'Started'), h('th', null, 'Duration'), h('th', null, 'Steps and counts'), h('th', null, 'Result'))),
      h('tbody', null, runs.map((x) => [h('tr', {class: 'run', dataset: {execution: x.executionId, status: x.status}},
        h('td', {class: 'num'}, x.executionId, h('div', {class: 'muted'}, `instance ${x.instanceId}`)),
        h('td', null, badge(STATUS[x.status] || 'neutral', x.status), x.exitStatus && x.exitStatus !== x.status
          ? h('div', {class: 'muted'}, x.exitStatus) : null),
        h('td', null, x.run?.trigger ?? '–'),
        h('td', {class: 'nowrap'}, when(x.start || x.created)),
        h('td', {class: 'nowrap'}, duration(x.start, x.end)),
        h('td', null, steps(x), x.run?.datasetRows ? h('div', {class: 'muted'}, `${x.run.datasetRows} dataset rows`) : null),
        h('td', null, x.run?.candidateVersion ? h('div', null, 'candidate ', h('span', {class: 'mono'}, x.run.candidateVersion),
          ' ', x.run.promoted ? badge('good', 'promoted') : badge('neutral', 'not promoted')) : '–')),
      x.run?.comparison ? h('tr', {class: 'report'}, h('td', null), h('td', {colspan: 6}, report(x.run.comparison))) : null]))))
      : message('info', 'No retraining run yet. The monthly schedule starts one; an admin can start one now.'));
}
