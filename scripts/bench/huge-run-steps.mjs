// scratch: times the pure steps of indexing one run with N inputs
import { importTs } from './measure.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const N = Number(process.argv[2] ?? 100000);
const { parseEventLine } = await importTs(root, 'lib/openlineage/parse-text.ts');
const { buildModel } = await importTs(root, 'lib/openlineage/build-model.ts');
const { encodeLineageRun, decodeLineageRun, digestOf } = await importTs(root, 'lib/index/payload.ts');
const { joinRuns } = await importTs(root, 'lib/join/index.ts');
const { redactEventBody } = await importTs(root, 'lib/index/redact-stored.ts');
const PRODUCER = 'https://example.com/runlens/bench-feeds';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const read = Array.from({ length: N }, (_, i) => JSON.stringify({ namespace: 'bench-wide', name: `wide.input_${i}`, facets: { version: { _producer: 'x', _schemaURL: 'x', datasetVersion: `v-${i}` } } }));
const line = `{"eventType":"COMPLETE","eventTime":"${new Date().toISOString()}","producer":"${PRODUCER}","schemaURL":"${SCHEMA}","run":{"runId":"00000001-0000-4000-8000-000000000001"},"job":{"namespace":"bench","name":"bench.wide_reader"},"inputs":[${read.join(',')}],"outputs":[{"namespace":"bench-wide","name":"wide.output"}]}`;
const t = (label, f) => { const s = performance.now(); const r = f(); console.log(label.padEnd(28), (performance.now() - s).toFixed(0), 'ms'); return r; };
for (let round = 0; round < 2; round++) {
  t('JSON.parse', () => JSON.parse(line));
  const ev = t('parseEventLine', () => parseEventLine(line));
  t('redactEventBody', () => redactEventBody(line));
  t('digest body', () => digestOf(line));
  const model = t('buildModel', () => buildModel([ev], 'openlineage-files'));
  const run = model.runs.values().next().value;
  const payload = t('encodeLineageRun', () => encodeLineageRun(run));
  t('digest payload', () => digestOf(payload));
  const back = t('decodeLineageRun', () => decodeLineageRun(payload));
  t('joinRuns', () => joinRuns([back], [], Date.now()));
}
