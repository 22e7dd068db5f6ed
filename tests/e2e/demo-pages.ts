import { lineageHref } from '@/lib/api/links';
import { demoRun } from './demo-manifest';

const ol = (label: string) => demoRun(label).openlineage!;
const dataset = (name: string) => `/datasets/${encodeURIComponent('s3://bucket')}/${encodeURIComponent(name)}`;

/** One URL of every kind of page on the demo data: the pages the layout and accessibility specs walk. */
export const DEMO_PAGES: Array<{ name: string; url: string }> = [
  { name: 'runs list', url: '/' },
  { name: 'run page', url: `/runs/${ol('e2.deduplication').runId}` },
  { name: 'failed run page', url: `/runs/${ol('e3.filtering').runId}` },
  { name: 'pipeline run page', url: `/runs/${ol('e1.pipeline').runId}` },
  { name: 'compare', url: `/compare?runs=${ol('e1.pipeline').runId},${ol('e2.pipeline').runId}` },
  { name: 'compare with a failure', url: `/compare?runs=${ol('e2.filtering').runId},${ol('e3.filtering').runId}` },
  { name: 'audit', url: `/audit/${ol('e2.deduplication').runId}` },
  { name: 'dataset', url: dataset('groot/raw/multimodal') },
  { name: 'job', url: `/jobs/groot-data-etl/${encodeURIComponent('groot-data-etl.deduplication')}` },
  { name: 'lineage explorer', url: lineageHref({ kind: 'job', namespace: ol('e2.deduplication').namespace, name: ol('e2.deduplication').job }) },
  { name: 'models', url: '/models' },
  { name: 'model', url: '/models/groot-tokenizer' },
  { name: 'health', url: '/health' },
  { name: 'not found', url: '/runs/00000000-0000-4000-8000-000000000000' },
];
