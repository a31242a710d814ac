// Small SVG charts drawn from data; every mark carries its value as a data attribute and a
// <title> (tooltip and screen-reader text).
import {s, fmt, pct, when} from './dom.js';

function clip(text, max) {
  const t = text === null || text === undefined ? '–' : String(text);
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/**
 * The contributions of one candidate: a bar per feature (length = contribution on a common scale,
 * pale background = the feature's weight, i.e. the most it could add), its query and neighbour
 * values, and the total, which is the candidate's score.
 */
export function whyChart(terms, score, titleId) {
  const rowH = 24;
  const top = 22;
  const width = 780;
  const labelW = 170;
  const valuesW = 240;
  const barX = labelW + valuesW + 10;
  const barW = 260;
  const maxShare = Math.max(1e-9, ...terms.map((t) => t.weight));
  const perUnit = barW / maxShare;
  const height = top + rowH * terms.length + 34;
  const svg = s('svg', {class: 'chart why-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-labelledby': titleId, dataset: {pxPerUnit: perUnit}});
  svg.append(s('text', {x: 0, y: 14, class: 'legend-label'}, 'feature'),
    s('text', {x: labelW, y: 14, class: 'legend-label'}, 'query value  vs  neighbour value'),
    s('text', {x: barX, y: 14, class: 'legend-label'}, 'contribution to the score'));
  let sum = 0;
  terms.forEach((t, i) => {
    const y = top + i * rowH;
    sum += t.contribution;
    const mark = t.matched ? '=' : '≠';
    const values = `${clip(t.queryValue, 16)} ${mark} ${clip(t.itemValue, 16)}`;
    svg.append(
      s('text', {x: 0, y: y + 16}, clip(t.feature, 20)),
      s('text', {x: labelW, y: y + 16}, values),
      s('rect', {x: barX, y: y + 4, width: (t.weight * perUnit).toFixed(3), height: rowH - 8, class: 'bar-possible'}),
      s('rect', {x: barX, y: y + 4, width: (t.contribution * perUnit).toFixed(3), height: rowH - 8,
        class: `why-bar ${t.matched ? 'bar-matched' : 'bar-unmatched'}`, dataset: {feature: t.feature, value: t.contribution}},
      s('title', null, `${t.feature}: query ${t.queryValue ?? 'none'}, neighbour ${t.itemValue ?? 'none'}, `
          + `${t.matched ? 'matched' : 'not matched'}; similarity ${fmt(t.similarity)} × weight ${fmt(t.weight)} = ${fmt(t.contribution)}`)),
      s('text', {x: barX + barW + 8, y: y + 16, class: 'stat'}, '+' + fmt(t.contribution)));
  });
  const yTotal = top + rowH * terms.length + 22;
  svg.append(s('line', {x1: barX, x2: width, y1: yTotal - 16, y2: yTotal - 16, class: 'axis'}),
    s('text', {x: barX, y: yTotal, class: 'total'}, `sum of the bars = ${fmt(sum)} = score`));
  return svg;
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function timeLabel(ms, spanMs) {
  const iso = new Date(ms).toISOString();
  const full = when(iso);
  return spanMs > 36 * 3600e3 ? full.slice(0, 16) : full.slice(11, 19);
}

/** KL over time with the threshold and the drift events. */
export function klChart(points, threshold, events, titleId) {
  const width = 780;
  const height = 280;
  const m = {l: 52, r: 16, t: 14, b: 40};
  const w = width - m.l - m.r;
  const hgt = height - m.t - m.b;
  const times = points.map((p) => Date.parse(p.time)).concat(events.map((e) => Date.parse(e.time)));
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (!Number.isFinite(t0)) { t0 = Date.now() - 60e3; t1 = Date.now(); }
  if (t1 - t0 < 60e3) { t0 -= 30e3; t1 += 30e3; }
  const yMax = niceMax(1.1 * Math.max(threshold || 0, ...points.map((p) => p.kl_divergence), ...events.map((e) => e.kl_divergence)));
  const x = (t) => m.l + ((t - t0) / (t1 - t0)) * w;
  const y = (v) => m.t + hgt - (Math.max(0, v) / yMax) * hgt;
  const svg = s('svg', {class: 'chart kl-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId,
    dataset: {points: points.length}});
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    svg.append(s('line', {x1: m.l, x2: width - m.r, y1: y(v), y2: y(v), class: 'grid'}),
      s('text', {x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'legend-label'}, fmt(v, 2)));
  }
  svg.append(s('line', {x1: m.l, x2: m.l, y1: m.t, y2: m.t + hgt, class: 'axis'}),
    s('line', {x1: m.l, x2: width - m.r, y1: m.t + hgt, y2: m.t + hgt, class: 'axis'}));
  for (const f of [0, 0.5, 1]) {
    const t = t0 + f * (t1 - t0);
    svg.append(s('text', {x: x(t), y: height - 18, 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle',
      class: 'legend-label'}, timeLabel(t, t1 - t0)));
  }
  svg.append(s('text', {x: 12, y: m.t + hgt / 2, transform: `rotate(-90 12 ${m.t + hgt / 2})`, 'text-anchor': 'middle',
    class: 'legend-label'}, 'KL (nats)'));
  if (threshold > 0) {
    svg.append(s('line', {x1: m.l, x2: width - m.r, y1: y(threshold), y2: y(threshold), class: 'threshold'},
      s('title', null, `threshold ${fmt(threshold)}`)),
    s('text', {x: width - m.r - 4, y: y(threshold) - 5, 'text-anchor': 'end', class: 'legend-label'}, `threshold ${fmt(threshold)}`));
  }
  if (points.length) {
    svg.append(s('polyline', {class: 'kl-line',
      points: points.map((p) => `${x(Date.parse(p.time)).toFixed(1)},${y(p.kl_divergence).toFixed(1)}`).join(' ')}));
    for (const p of points) {
      svg.append(s('circle', {cx: x(Date.parse(p.time)), cy: y(p.kl_divergence), r: 2.5, class: 'kl-point',
        dataset: {kl: p.kl_divergence}}, s('title', null, `${when(p.time)}: KL ${fmt(p.kl_divergence)}, ${p.window_size} scores`)));
    }
  }
  for (const e of events) {
    const cls = e.kind === 'DRIFT' ? 'event-drift' : e.kind === 'RESET' ? 'event-reset' : 'event-switch';
    const ex = x(Date.parse(e.time));
    svg.append(s('path', {d: `M${ex - 6},${m.t + hgt + 12} L${ex + 6},${m.t + hgt + 12} L${ex},${m.t + hgt + 2} Z`,
      class: `event ${cls}`}, s('title', null, `${when(e.time)}: ${e.kind}, KL ${fmt(e.kl_divergence)}`)));
  }
  return svg;
}

/** NULL share per column with the reference share and the alert threshold marked. */
export function ratioChart(columns, titleId) {
  const rowH = 20;
  const width = 780;
  const labelW = 190;
  const barX = labelW + 6;
  const barW = 470;
  const top = 20;
  const height = top + rowH * columns.length + 8;
  const svg = s('svg', {class: 'chart ratio-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId});
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s('line', {x1: barX + f * barW, x2: barX + f * barW, y1: top - 4, y2: height - 6, class: 'grid'}),
      s('text', {x: barX + f * barW, y: 12, 'text-anchor': 'middle', class: 'legend-label'}, pct(f, 0)));
  }
  columns.forEach((c, i) => {
    const y = top + i * rowH;
    svg.append(s('text', {x: 0, y: y + 14}, c.column),
      s('rect', {x: barX, y: y + 3, width: (c.ratio * barW).toFixed(2), height: rowH - 6,
        class: `ratio-bar${c.alert ? ' alert' : ''}`, dataset: {column: c.column, ratio: c.ratio}},
      s('title', null, `${c.column}: ${pct(c.ratio)} NULL; alert above ${pct(c.threshold)}`
          + (c.referenceRatio == null ? '' : `; previous model ${pct(c.referenceRatio)}`))));
    if (c.referenceRatio != null) {
      const rx = barX + c.referenceRatio * barW;
      svg.append(s('line', {x1: rx, x2: rx, y1: y + 1, y2: y + rowH - 1, class: 'ratio-ref'}));
    }
    if (c.threshold <= 1) {
      const tx = barX + c.threshold * barW;
      svg.append(s('line', {x1: tx, x2: tx, y1: y + 1, y2: y + rowH - 1, class: 'ratio-threshold',
        dataset: {threshold: c.threshold}}));
    }
    svg.append(s('text', {x: barX + barW + 8, y: y + 14, class: 'stat'}, pct(c.ratio) + (c.alert ? '  ALERT' : '')));
  });
  return svg;
}
