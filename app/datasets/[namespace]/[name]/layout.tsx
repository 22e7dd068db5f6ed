import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { datasetExists } from '@/lib/catalog/page-guards';
import { refFromParams, type RefParams } from '@/lib/catalog/ref-params';

/** Refuses an unknown dataset with a 404 before the page streams (see page-guards). */
export default async function DatasetLayout({ children, params }: { children: ReactNode; params: RefParams }) {
  const ref = await refFromParams(params);
  if (!ref || !(await datasetExists(ref))) notFound();
  return children;
}
