import { PageLoading } from '@/components/states/page-loading';

export default function Loading() {
  return <PageLoading title="Lineage" detail="Loading the lineage graph…" />;
}
