import 'server-only';
import type { Metadata } from 'next';
import { runHref } from '@/lib/api/links';
import { runLabel, runStatus } from '@/lib/model/run-fields';
import { findRun, getRunIndex, loadNeighbourhood, loadRuns } from './run-index';
import { runUnfurl } from './run-unfurl';
import { unfurlMetadata } from './unfurl-metadata';

const imageOf = (id: string) => `/api/og${runHref(id)}`;

/** A run link: "job · state", its key metrics and input versions, the run's card. */
export async function runLinkMetadata(id: string): Promise<Metadata> {
  const index = await getRunIndex();
  await loadNeighbourhood(index, [id]);
  const run = findRun(index, id);
  if (!run) return { title: 'Run not found' };
  const unfurl = runUnfurl(index, run);
  return unfurlMetadata({ title: unfurl.title, description: unfurl.description, path: runHref(run.id), imagePath: imageOf(run.id) });
}

/** A compare link: the runs by name and state; the card of the last run (the candidate against the baseline). */
export async function compareLinkMetadata(ids: string[], path: string): Promise<Metadata> {
  const index = await getRunIndex();
  await loadRuns(index, ids);
  const runs = ids.map((id) => findRun(index, id));
  const found = runs.filter((r) => r !== null);
  if (found.length < 2) return { title: 'Compare runs' };
  const names = found.map((r) => `${runLabel(r)} (${runStatus(r)})`);
  const last = found[found.length - 1]!;
  const missing = runs.length - found.length;
  const description = `Why these runs differ: params, data versions and the upstream stage that changed.${missing > 0 ? ` ${missing} of the ${runs.length} ids were not found.` : ''}`;
  return unfurlMetadata({ title: `Compare ${names.join(' vs ')}`, description, path, imagePath: imageOf(last.id) });
}

/** An audit link: the run's title and the promise of the hashed report. */
export async function auditLinkMetadata(id: string, path: string): Promise<Metadata> {
  const index = await getRunIndex();
  await loadNeighbourhood(index, [id]);
  const run = findRun(index, id);
  if (!run) return { title: `Audit ${id}` };
  const unfurl = runUnfurl(index, run);
  return unfurlMetadata({ title: `Audit · ${unfurl.title}`, description: `Hashed audit report: ${unfurl.description}`, path, imagePath: imageOf(run.id) });
}
