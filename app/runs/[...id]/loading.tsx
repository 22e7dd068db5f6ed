import { PageLoading } from '@/components/states/page-loading';

export default function Loading() {
  return <PageLoading title="Run" detail="Loading the run, its lineage and its metrics…" />;
}
