// Calls to the application's REST API. Credentials live in this module's memory only: never in
// storage, cookies or the page. Requests use credentials: 'omit', so the browser neither sends
// remembered HTTP Basic credentials nor shows its own login prompt; an admin's Authorization
// header is added explicitly. Writes always send Content-Type: application/json (the server
// refuses state-changing calls without it, as protection against cross-site request forgery).

let authorization = null;
let userName = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, problem, text) {
    super(text);
    this.status = status;
    this.problem = problem || {};
  }
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return 'Basic ' + btoa(bin);
}

/** Explains a refused or failed call in words a user can act on. */
function explain(status, problem, headers) {
  const detail = problem && problem.detail ? problem.detail : '';
  const type = problem && problem.type ? problem.type : '';
  if (status === 401) {
    return `Refused: ${detail || 'this needs an authenticated administrator'}. Log in as admin (top right) and try again.`;
  }
  if (status === 403) return `Refused: ${detail || 'not allowed'} (logged in as ${userName || 'nobody'}).`;
  if (status === 503 && type.endsWith(':overloaded')) {
    const retry = headers.get('Retry-After');
    return `The server is busy: ${detail}${retry ? ` Try again in ${retry} s.` : ''}`;
  }
  if (status === 503 && /no model/i.test(detail)) {
    return 'No model is loaded yet: the server is starting or training its first model. The page retries when you reload it.';
  }
  if (status === 503) return `Service not ready: ${detail || 'try again shortly'}`;
  return detail || `${problem && problem.title ? problem.title : 'HTTP ' + status}`;
}

/**
 * Calls the API. GET by default; with a body or method other than GET it is a JSON write.
 * Resolves to the parsed JSON; rejects with ApiError (status, problem, a readable message).
 */
export async function api(path, {method = 'GET', body} = {}) {
  const headers = {Accept: 'application/json, application/problem+json'};
  const write = method !== 'GET';
  if (write) headers['Content-Type'] = 'application/json';
  if (authorization) headers.Authorization = authorization;
  let r;
  try {
    r = await fetch(path, {
      method, headers, credentials: 'omit', cache: 'no-store',
      body: write ? JSON.stringify(body === undefined ? {} : body) : undefined,
    });
  } catch (e) {
    throw new ApiError(0, null, `The server cannot be reached (${e.message}).`);
  }
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!r.ok) throw new ApiError(r.status, json, explain(r.status, json, r.headers));
  return json;
}

/** Checks credentials with the server; keeps them only when they are an admin's. */
export async function login(user, password) {
  const candidate = basic(user, password);
  let r;
  try {
    r = await fetch('/api/caller', {headers: {Authorization: candidate, Accept: 'application/json'},
      credentials: 'omit', cache: 'no-store'});
  } catch (e) {
    throw new Error(`The server cannot be reached (${e.message}).`);
  }
  if (r.status === 401) throw new Error('Wrong user name or password.');
  if (!r.ok) throw new Error(`Login check failed: HTTP ${r.status}`);
  const who = await r.json();
  if (!who.authenticated) throw new Error('Wrong user name or password.');
  if (!who.admin) throw new Error(`${who.user} is not an administrator.`);
  authorization = candidate;
  userName = who.user;
  listeners.forEach((f) => f(userName));
}

export function logout() {
  authorization = null;
  userName = null;
  listeners.forEach((f) => f(null));
}

export function currentUser() {
  return userName;
}

export function onLoginChange(f) {
  listeners.add(f);
}
