import { PageLoading } from '@/components/states/page-loading';

export default function Loading() {
  return <PageLoading title="Job" detail="Loading the job's runs…" />;
}
