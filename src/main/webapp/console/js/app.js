// The console shell: hash routes (#/page?query), the health indicator of every page, the admin
// login and the confirmation dialog.
import {h, replace, message} from './dom.js';
import {login, logout, currentUser, onLoginChange} from './api.js';
import * as recommend from './pages/recommend.js';
import * as model from './pages/model.js';
import * as drift from './pages/drift.js';
import * as quality from './pages/quality.js';
import * as retrain from './pages/retrain.js';

const PAGES = {recommend, model, drift, quality, retrain};
const main = document.getElementById('main');
let renderId = 0;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [name, query] = raw.split('?', 2);
  return {name: PAGES[name] ? name : 'recommend', params: new URLSearchParams(query || '')};
}

/** Renders the page of the current hash; marks <html data-ready="page"> when its data is shown. */
async function route() {
  const {name, params} = parseHash();
  const id = ++renderId;
  document.documentElement.removeAttribute('data-ready');
  for (const a of document.querySelectorAll('.top nav a')) {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  performance.mark(`route:${name}:${id}`);
  try {
    await PAGES[name].render(main, params, {isCurrent: () => id === renderId, confirm: confirmAction});
  } catch (e) {
    if (id === renderId) replace(main, message('error', e.message || String(e)));
  }
  if (id === renderId) {
    performance.mark(`ready:${name}:${id}`);
    document.documentElement.dataset.ready = name;
  }
}

/** Health of the service on every page, from /api/health (refreshed every 10 s). */
async function refreshHealth() {
  const el = document.getElementById('health');
  const text = el.querySelector('.text');
  let state = 'down';
  let label;
  try {
    const r = await fetch('/api/health', {credentials: 'omit', cache: 'no-store'});
    const j = await r.json();
    const down = Object.entries(j.checks || {}).filter(([, c]) => c.status !== 'up').map(([k]) => k);
    state = j.status === 'healthy' ? 'up' : j.status === 'degraded' ? 'degraded' : 'down';
    label = `${j.status}${down.length ? ': ' + down.join(', ') + ' not up' : ''} · v${j.version}`;
    el.title = Object.entries(j.checks || {}).map(([k, c]) => `${k}: ${c.status}${c.detail ? ' – ' + c.detail : ''}`).join('\n');
  } catch (e) {
    label = 'unreachable';
    el.title = String(e.message || e);
  }
  el.className = `health ${state}`;
  el.dataset.state = state;
  text.textContent = `Service ${label}`;
}

function renderLogin(user) {
  const box = document.getElementById('login');
  if (user) {
    replace(box, h('span', {id: 'login-user-name'}, `Logged in as ${user}`),
      h('button', {type: 'button', id: 'logout', onclick: () => logout()}, 'Log out'));
  } else {
    replace(box, h('button', {type: 'button', id: 'login-open', onclick: openLogin}, 'Admin login'));
  }
}

function openLogin() {
  const d = document.getElementById('login-dialog');
  document.getElementById('login-message').textContent = '';
  document.getElementById('login-password').value = '';
  d.showModal();
  document.getElementById('login-password').focus();
}

function setUpLogin() {
  const d = document.getElementById('login-dialog');
  const form = document.getElementById('login-form');
  document.getElementById('login-open').addEventListener('click', openLogin);
  document.getElementById('login-cancel').addEventListener('click', () => d.close());
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const msg = document.getElementById('login-message');
    msg.textContent = 'Checking…';
    try {
      await login(document.getElementById('login-user').value, document.getElementById('login-password').value);
      document.getElementById('login-password').value = '';
      d.close();
    } catch (e) {
      msg.textContent = e.message;
    }
  });
  onLoginChange((user) => {
    renderLogin(user);
    route();
  });
}

/** Asks before an admin action; resolves true on "Yes". */
export function confirmAction(text, yesLabel = 'Yes') {
  const d = document.getElementById('confirm-dialog');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-yes').textContent = yesLabel;
  d.returnValue = '';
  return new Promise((resolve) => {
    d.addEventListener('close', () => resolve(d.returnValue === 'yes'), {once: true});
    d.showModal();
    document.getElementById('confirm-no').focus();
  });
}

export {currentUser};

setUpLogin();
window.addEventListener('hashchange', route);
refreshHealth();
setInterval(refreshHealth, 10000);
route();
