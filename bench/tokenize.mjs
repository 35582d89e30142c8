// Driver of bench/tokenize: runs every measurement as its own process, one after another
// (never two at once: the machine has two cores), and prints the table.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const minSeconds = process.argv[2] ?? '3';
const cli = 'build/bin/glassbox-cli';
const corpus = execFileSync('bench/make_corpus.sh', [], { encoding: 'utf8' }).trim();
const bytes = fs.statSync(corpus).size;
const json = (cmd, args) => JSON.parse(execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n').pop());
const threads = String(os.availableParallelism ? os.availableParallelism() : os.cpus().length);

const rows = [];
for (const name of ['gpt2', 'cl100k_base']) {
  const peer = json('node', ['bench/tiktoken_peer.mjs', name, corpus, minSeconds]);
  const one = json(cli, ['bench', 'tokenize', '--tokenizer', name, '--file', corpus, '--min-seconds', minSeconds]);
  const many = json(cli, ['bench', 'tokenize', '--tokenizer', name, '--file', corpus, '--threads', threads, '--min-seconds', minSeconds]);
  if (one.tokens !== peer.tokens) console.error(`warning: ${name}: ${one.tokens} tokens here, ${peer.tokens} from tiktoken`);
  if (many.tokens !== one.tokens) console.error(`warning: ${name}: ${many.tokens} tokens on ${threads} threads, ${one.tokens} on one`);
  rows.push([`encode ${name}`, 'tiktoken 1.0.22 (WASM), 1 thread', peer.mb_per_s, 'glassbox, 1 thread', one.mb_per_s]);
  rows.push([`encode ${name}`, 'tiktoken 1.0.22 (WASM), 1 thread', peer.mb_per_s, `glassbox, ${threads} threads`, many.mb_per_s]);
}
// BPE training to a 4,096-token vocabulary on the same corpus, one thread each.
const t0 = process.hrtime.bigint();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spm-'));
execFileSync('spm_train', [`--input=${corpus}`, `--model_prefix=${tmp}/bpe`, '--vocab_size=4096', '--model_type=bpe',
                           '--num_threads=1', '--minloglevel=2'], { stdio: 'ignore' });
const spmSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
fs.rmSync(tmp, { recursive: true });
const train = json(cli, ['bench', 'tokenize', '--train', '4096', '--file', corpus]);
rows.push(['train BPE, vocab 4096', 'spm_train --model_type=bpe, 1 thread', bytes / 1e6 / spmSeconds,
           'glassbox BpeTrainer, 1 thread', train.mb_per_s]);

console.log(`corpus: ${corpus}, ${(bytes / 1e6).toFixed(2)} MB; ${os.cpus()[0].model}, ${os.cpus().length} cores\n`);
console.log('| task | peer | peer MB/s | glassbox | glassbox MB/s | ratio |');
console.log('| --- | --- | ---: | --- | ---: | ---: |');
for (const [task, peer, p, ours, o] of rows)
  console.log(`| ${task} | ${peer} | ${p.toFixed(2)} | ${ours} | ${o.toFixed(2)} | ${(o / p).toFixed(1)}× |`);
