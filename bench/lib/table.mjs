// The results: rows of (scenario, figure, demarche's value, baselines measured in the same run) → table, JSON.

/**
 * A figure and its baselines. `better` says which way is good ('higher' for rates, 'lower' for latencies and
 * sizes); the ratio is always demarche ÷ baseline, so read it against `better`.
 */
export function row(scenario, figure, unit, better, value, baselines = []) {
  return {
    scenario,
    figure,
    unit,
    better,
    value,
    baselines: baselines.map(([name, v]) => ({ name, value: v, ratio: ratio(value, v) })),
  };
}

function ratio(value, baseline) {
  if (typeof value !== 'number' || typeof baseline !== 'number' || baseline === 0) return undefined;
  return value / baseline;
}

function fmt(value, unit) {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  if (typeof value !== 'number') return String(value);
  if (unit === '%') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'MiB') return `${(value / 1048576).toFixed(0)} MiB`;
  if (Number.isInteger(value) || Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A Markdown table: one line per figure and baseline (the figure repeated only on its first line). */
export function table(rows) {
  const lines = [
    '| scenario | figure | demarche | baseline | baseline value | ratio (want) |',
    '|---|---|---:|---|---:|---:|',
  ];
  for (const r of rows) {
    const want = r.better === 'higher' ? '↑' : r.better === 'lower' ? '↓' : '';
    const head = `| ${r.scenario} | ${r.figure}${r.unit === 'ms' || r.unit === 's' ? ` (${r.unit})` : ''} | ${fmt(r.value, r.unit)}`;
    if (r.baselines.length === 0) lines.push(`${head} | — | — | — |`);
    r.baselines.forEach((b, i) => {
      const ratioText = b.ratio === undefined ? '—' : `${b.ratio.toFixed(2)}× ${want}`;
      lines.push(`${i === 0 ? head : '| | |'} | ${b.name} | ${fmt(b.value, r.unit)} | ${ratioText} |`);
    });
  }
  return lines.join('\n');
}
