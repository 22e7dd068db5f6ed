import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { modelNameFromParams, type ModelParams } from '@/lib/catalog/model-params';
import { modelExists } from '@/lib/catalog/page-guards';

/** Refuses an unknown model with a 404 before the page streams under its loading state (see page-guards). */
export default async function ModelLayout({ children, params }: { children: ReactNode; params: ModelParams }) {
  const name = await modelNameFromParams(params);
  if (name === null || !(await modelExists(name))) notFound();
  return children;
}
