import { PageLoading } from '@/components/states/page-loading';

export default function Loading() {
  return <PageLoading title="Audit report" detail="Gathering the run's versions, params and upstream chain…" />;
}
