// The peer for `glassbox-cli bench tokenize`: the tiktoken npm package (OpenAI's Rust core
// compiled to WASM) encoding the same file, timed the same way (repeat until min seconds,
// MB/s = total bytes / total time, 1 MB = 10^6 bytes).
//   node bench/tiktoken_peer.mjs ENCODING FILE [MIN_SECONDS]   → one JSON line
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'data/node_modules/x.js'));
const { get_encoding } = require('tiktoken');

const [name, file, minSecondsArg] = process.argv.slice(2);
const minSeconds = Number(minSecondsArg ?? 2);
const text = fs.readFileSync(file, 'utf8');
const bytes = Buffer.byteLength(text, 'utf8');
const enc = get_encoding(name);
let tokens = enc.encode(text, [], []).length;  // warm-up
let runs = 0;
const t0 = process.hrtime.bigint();
let seconds = 0;
do {
  tokens = enc.encode(text, [], []).length;
  runs++;
  seconds = Number(process.hrtime.bigint() - t0) / 1e9;
} while (seconds < minSeconds);
enc.free();
console.log(JSON.stringify({ bench: 'tokenize', peer: 'tiktoken-wasm', tokenizer: name, bytes, tokens, runs,
                             seconds: seconds / runs, mb_per_s: bytes * runs / 1e6 / seconds }));
